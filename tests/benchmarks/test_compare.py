"""The scale comparison measures each archive twice, small, big, big, small, and
combines each archive's two passes (benchmarks/run.py)."""

from benchmarks import run


def group(median, slowest, page, *, queries=(2, 2), not_200=None):
    return {
        "urls": 3,
        "requests": 300,
        "median_ms": median,
        "p95_ms": median * 2,
        "slowest_tenth_ms": slowest,
        "slowest_page": page,
        "queries_max": queries[1],
        "queries_min": queries[0],
        "kb_median": 20.0,
        "not_200": not_200 or {},
    }


def test_the_archives_are_measured_in_a_balanced_order():
    assert run.PASS_ORDER == ("small", "big", "big", "small")


def test_two_passes_make_their_mean_the_slower_page_and_the_slower_search():
    first = {
        "tag": group(2.0, 3.0, "/tags/a/", queries=(2, 2)),
        "search_latency": {"queries": 200, "median_ms": 40, "p95_ms": 90, "max_ms": 99},
    }
    second = {
        "tag": group(4.0, 5.0, "/tags/b/", queries=(1, 3), not_200={"/x/": 404}),
        "search_latency": {"queries": 200, "median_ms": 30, "p95_ms": 60, "max_ms": 70},
    }
    combined = run.combine_passes([first, second])
    tag = combined["tag"]
    assert tag["median_ms"] == 3.0
    assert tag["slowest_tenth_ms"] == 4.0
    assert tag["p95_ms"] == 6.0
    assert tag["requests"] == 600
    assert tag["slowest_page"] == "/tags/b/"
    assert (tag["queries_min"], tag["queries_max"]) == (1, 3)
    assert tag["not_200"] == {"/x/": 404}
    assert combined["search_latency"]["p95_ms"] == 90
