"""Benchmark the public pages over HTTP and in-process, against the floor: what it
measures and how is in docs/performance.md.

    .venv/bin/python benchmarks/run.py [--database-url URL] [--redis-url URL]
        [--duration 10] [--runs 3] [--connections 4] [--groups article,home,...]
        [--modes auto|uncached|cached] [--json FILE]
    .venv/bin/python benchmarks/run.py --compare-db SMALL_URL BIG_URL [--json FILE]

The first form serves the site with the production settings under gunicorn (the
repository's gunicorn.conf.py, 2 sync workers on 127.0.0.1), measures each page
group and the constant-response floor with wrk, ``--runs`` times for ``--duration``
seconds each, then in-process with the test client; with a page cache in the build,
once with it off and once on (warmed first). The second form compares, in-process,
the list pages (typical and middle-sized tags and contributors, each page's own
median and the slowest tenth of them), the admin's list and search, on two
databases (e.g. 2,000 and 100,000 articles, made by benchmarks/generate.py with one
seed: they share tags, contributors and series), and the search's 95th
percentile; each archive twice, in the order small, big, big, small. Both print
Markdown tables; --json writes every figure.
"""

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
INPROCESS = str(ROOT / "benchmarks" / "inprocess.py")
LUA = str(ROOT / "benchmarks" / "rotate.lua")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
GROUPS = "article,home,tag,series,contributor,search,feeds,sitemap"
COMPARE_GROUPS = [
    "home",
    "tag",
    "tag, 300–800 articles at 100k",
    "series",
    "contributor",
    "contributor, 300–800 articles at 100k",
    "admin",
    "admin search, a common word",
    "admin search, a contributor's name",
    "article",
]
# The scale comparison's pages: those of the subjects (tags, contributors) with a
# full first page on the small archive, the most used and a sample of the others;
# and those of the subjects with MIDDLE articles on the big one.
FULL_PAGE = 20
MIDDLE = (300, 800)
TOP, SAMPLE = 10, 20
# A word of most interviews (benchmarks/prose.py) for the admin's search.
COMMON_WORD = "people"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
MAX_DURATION, MAX_RUNS, MAX_CONNECTIONS = 120, 10, 256
# The budgets of issue 14 (uncached pages against the floor, in-process, cached).
LIST_GROUPS = ("home", "tag", "series", "contributor", "feeds")
BUDGETS = {
    "queries": 5,
    "article_floor_share": 0.15,
    "list_floor_share": 0.12,
    "article_inprocess_ms": 2.0,
    "cached_floor_share": 0.70,
    "scale_ratio": 1.5,
    "search_p95_ms": 100,
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """The app with the production settings (and the floor's URLconf)."""

    def __init__(self, *, args, database_url, workdir, page_cache=None):
        self.workdir, self.process, self.port = workdir, None, free_port()
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
            ),
            "DJANGO_SETTINGS_MODULE": args.settings,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "benchmark-only-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": args.redis_url,
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
        }
        self.env.pop("NEWSROOM_PAGE_CACHE", None)
        if page_cache is not None:
            self.env["NEWSROOM_PAGE_CACHE"] = "1" if page_cache else "0"

    def inprocess(self, command, *args, options=()):
        """Run benchmarks/inprocess.py with this site's settings; its JSON answer."""
        output = self.workdir / "inprocess.json"
        subprocess.run(
            [PYTHON, INPROCESS, command, *args, str(output), *options],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=1800,
        )
        return json.loads(output.read_text())

    def collectstatic(self):
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=300,
        )

    def prepare_pages(self):
        """What a release does after collectstatic (README, Production): the
        readers' pages prepared with this site's templates and static files; only
        those not current are rendered (all of them the first time)."""
        result = subprocess.run(
            [PYTHON, "manage.py", "prepare_pages"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        return result.stdout.strip()

    def start(self):
        self.log = open(self.workdir / f"gunicorn-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log.name}")
            try:
                if self.get("/_floor/") == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer in 60 s; see {self.log.name}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process:
            self.log.close()

    def get(self, path):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"X-Forwarded-Proto": "https"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def check(self, urls_by_group, times=1):
        """Every URL answers 200 (and, in the cached mode, is in the cache)."""
        for group, urls in urls_by_group.items():
            for url in urls:
                for _ in range(times):
                    status = self.get(url)
                    if status != 200:
                        raise SystemExit(f"{group}: {url} answered {status}")

    def wrk(self, urls, *, duration, connections, threads):
        paths = self.workdir / "paths.txt"
        paths.write_text("\n".join(urls) + "\n")
        result = subprocess.run(
            [
                WRK,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                LUA,
                f"http://127.0.0.1:{self.port}",
                "--",
                str(paths),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        )
        line = next(
            line for line in result.stdout.splitlines() if line.startswith("WRK_JSON ")
        )
        figures = json.loads(line.removeprefix("WRK_JSON "))
        seconds = figures["duration_us"] / 1e6
        return {
            "rps": figures["requests"] / seconds,
            "requests": figures["requests"],
            "p50_ms": figures["latency_us"]["p50"] / 1000,
            "p99_ms": figures["latency_us"]["p99"] / 1000,
            "errors": sum(figures["errors"].values()),
        }


def clear_page_cache(redis_url):
    """Remove the pages the page cache keeps from the Redis database, so that a
    cached run starts empty and warms up. The versions of what pages show stay:
    without them every prepared page (newsroom/public/prepared.py) would be stale,
    as after a Redis restart, and the run would measure preparing them."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_timeout=5)
    removed = 0
    for key in client.scan_iter("newsroom:*:page-cache:page:*", count=1000):
        removed += client.delete(key)
    return removed


def http_runs(site, urls_by_group, args):
    """wrk over each group and the floor, ``runs`` times; medians of the runs and
    of each run's ratio to the floor."""
    groups = {"floor": ["/_floor/"], **urls_by_group}
    per_run = {group: [] for group in groups}
    for run in range(args.runs):
        for group, urls in groups.items():
            figures = site.wrk(
                urls,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
            )
            per_run[group].append(figures)
            log(f"  run {run + 1}: {group:<12} {figures['rps']:8.1f} req/s")
    results = {}
    for group, runs in per_run.items():
        ratios = [
            run["rps"] / floor["rps"]
            for run, floor in zip(runs, per_run["floor"], strict=True)
        ]
        results[group] = {
            "rps": statistics.median(run["rps"] for run in runs),
            "floor_share": statistics.median(ratios),
            "p50_ms": statistics.median(run["p50_ms"] for run in runs),
            "p99_ms": statistics.median(run["p99_ms"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
            "runs": runs,
        }
    return results


def run_mode(mode, args, workdir, urls_by_group):
    page_cache = {"uncached": False, "cached": True, "plain": None}[mode]
    site = Site(
        args=args,
        database_url=args.database_url,
        workdir=workdir,
        page_cache=page_cache,
    )
    settings_info = site.inprocess("info")
    if page_cache is not None and bool(settings_info["page_cache"]) != page_cache:
        raise SystemExit(
            f"NEWSROOM_PAGE_CACHE={site.env['NEWSROOM_PAGE_CACHE']} did not turn the "
            f"page cache {'on' if page_cache else 'off'}"
        )
    removed = clear_page_cache(args.redis_url)
    log(f"{mode}: cleared {removed} cached keys; starting gunicorn")
    result = {"settings": settings_info}
    site.start()
    try:
        site.check(
            {"floor": ["/_floor/"], **urls_by_group}, times=2 if page_cache else 1
        )
        result["http"] = (
            http_runs(site, urls_by_group, args) if not args.no_http else {}
        )
    finally:
        site.stop()
    log(f"{mode}: in-process")
    path = workdir / "urls.json"
    path.write_text(json.dumps({"floor": ["/_floor/"], **urls_by_group}))
    result["inprocess"] = site.inprocess(
        "measure", str(path), options=["--requests", str(args.requests)]
    )
    return result


def modes_for(args, workdir):
    probe = Site(args=args, database_url=args.database_url, workdir=workdir)
    has_cache = probe.inprocess("info")["page_cache"] is not None
    if args.modes == "auto":
        return ["uncached", "cached"] if has_cache else ["plain"]
    if not has_cache:
        raise SystemExit("This build has no page cache (no NEWSROOM_PAGE_CACHE).")
    return [args.modes]


def git_commit():
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit


def meta(args):
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "arguments": {
            key: str(value) if isinstance(value, Path) else value
            for key, value in vars(args).items()
        },
    }


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def page_table(mode, result):
    http, inproc = result["http"], result["inprocess"]
    lines = [
        f"### {mode}",
        "",
        "| page group | URLs | req/s | × floor | p50 ms | p99 ms | in-process "
        "median ms | p95 ms | queries/page | KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group, figures in inproc.items():
        if group == "search_latency":
            continue
        wrk = http.get(group, {})
        queries = (
            str(figures["queries_max"])
            if figures["queries_min"] == figures["queries_max"]
            else f"{figures['queries_min']}–{figures['queries_max']}"
        )
        share = wrk.get("floor_share")
        lines.append(
            f"| {group} | {figures['urls']} | {fmt(wrk.get('rps'))} | "
            f"{'—' if share is None else f'{share:.1%}'} | "
            f"{fmt(wrk.get('p50_ms'))} | {fmt(wrk.get('p99_ms'))} | "
            f"{fmt(figures['median_ms'], 2)} | {fmt(figures['p95_ms'], 2)} | "
            f"{queries} | {fmt(figures['kb_median'])} |"
        )
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "**not met**"


def budgets(modes):
    """Where the run stands against issue 14's budgets, one line each."""
    lines = []
    uncached = modes.get("uncached") or modes.get("plain")
    if uncached:
        pages = {
            group: figures
            for group, figures in uncached["inprocess"].items()
            if group not in ("search_latency", "floor")
        }
        worst, group = max((f["queries_max"], g) for g, f in pages.items())
        limit = BUDGETS["queries"]
        lines.append(
            f"- at most {limit} queries per public page: the most is {worst} "
            f"({group}): {verdict(worst <= limit)}"
        )
        share = uncached["http"].get("article", {}).get("floor_share")
        limit = BUDGETS["article_floor_share"]
        if share is not None:
            lines.append(
                f"- uncached article at least {limit:.0%} of the floor's req/s: "
                f"{share:.1%}: {verdict(share >= limit)}"
            )
        limit = BUDGETS["list_floor_share"]
        for group in LIST_GROUPS:
            share = uncached["http"].get(group, {}).get("floor_share")
            if share is not None:
                lines.append(
                    f"- uncached {group} at least {limit:.0%} of the floor's req/s: "
                    f"{share:.1%}: {verdict(share >= limit)}"
                )
        if "article" in pages:
            median, limit = (
                pages["article"]["median_ms"],
                BUDGETS["article_inprocess_ms"],
            )
            lines.append(
                f"- article in-process median under {limit} ms: {median:.2f} ms: "
                f"{verdict(median < limit)}"
            )
    cached = modes.get("cached")
    limit = BUDGETS["cached_floor_share"]
    for group, figures in (cached or {}).get("http", {}).items():
        share = figures.get("floor_share")
        if group != "floor" and share is not None:
            lines.append(
                f"- cached {group} at least {limit:.0%} of the floor's req/s: "
                f"{share:.1%}: {verdict(share >= limit)}"
            )
    if cached:
        queries = max(
            figures["queries_max"]
            for group, figures in cached["inprocess"].items()
            if group not in ("search_latency", "floor")
        )
        lines.append(
            f"- cached pages with 0 queries: the most is {queries}: "
            f"{verdict(queries == 0)}"
        )
    return "\n".join(lines)


def report_pages(report):
    parts = []
    for mode, result in report["modes"].items():
        parts.append(page_table(mode, result))
    parts.append("Budgets:\n\n" + budgets(report["modes"]))
    return "\n\n".join(parts)


def run_pages(args):
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        workdir = Path(tmp)
        modes = modes_for(args, workdir)
        site = Site(args=args, database_url=args.database_url, workdir=workdir)
        log("collectstatic")
        site.collectstatic()
        log(f"prepare_pages: {site.prepare_pages()}")
        urls_by_group = site.inprocess("urls")
        wanted = args.groups.split(",")
        unknown = set(wanted) - set(urls_by_group)
        if unknown:
            raise SystemExit(f"Unknown page groups: {', '.join(sorted(unknown))}")
        urls_by_group = {group: urls_by_group[group] for group in wanted}
        report = {"meta": meta(args), "data": site.inprocess("info"), "modes": {}}
        for mode in modes:
            report["modes"][mode] = run_mode(mode, args, workdir, urls_by_group)
    return report, report_pages(report)


def compare_urls(small, big, seed=6):
    """The pages both archives measure (the generator gives every archive of a
    seed the same tags, contributors and series, by slug): for tags and
    contributors, those listing a full page on both (the 10 most used and 20
    others) and, apart, those with 300–800 articles on the big archive (a partial
    page on the small one); every series; the front page; the admin's list and its
    search for a common word and for a contributor's name."""
    rng = random.Random(seed)
    groups = {"home": ["/", "/?page=2", "/?page=3"]}
    prefixes = {"tag": "tags", "contributor": "contributors", "series": "series"}

    def url(kind, slug):
        return f"/{prefixes[kind]}/{quote(slug)}/"

    middle_names = []
    for kind in ("tag", "contributor"):
        shared = set(small[kind]) & set(big[kind])
        full = sorted(
            (slug for slug in shared if small[kind][slug] >= FULL_PAGE),
            key=lambda slug: (-big[kind][slug], slug),
        )
        rest = full[TOP:]
        chosen = full[:TOP] + rng.sample(rest, min(SAMPLE, len(rest)))
        groups[kind] = [url(kind, slug) for slug in chosen]
        middle = sorted(
            slug for slug in shared if MIDDLE[0] <= big[kind][slug] <= MIDDLE[1]
        )
        middle = rng.sample(middle, min(SAMPLE, len(middle)))
        groups[f"{kind}, 300–800 articles at 100k"] = [
            url(kind, slug) for slug in middle
        ]
        if kind == "contributor":
            middle_names = [small["names"][slug] for slug in middle]
    series = sorted(set(small["series"]) & set(big["series"]))
    groups["series"] = [url("series", slug) for slug in series]
    admin = "/admin/newsroom/article/"
    groups["admin"] = [admin, admin + "?p=2"]
    groups["admin search, a common word"] = [
        admin + "?" + urlencode({"q": COMMON_WORD})
    ]
    groups["admin search, a contributor's name"] = [
        admin + "?" + urlencode({"q": name}) for name in middle_names[:5]
    ]
    return groups


def run_compare(args):
    small_url, big_url = args.compare_db
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        workdir = Path(tmp)
        sites = {
            name: Site(args=args, database_url=url, workdir=workdir)
            for name, url in (("small", small_url), ("big", big_url))
        }
        for site in sites.values():
            if site.inprocess("info")["page_cache"] is not None:
                site.env["NEWSROOM_PAGE_CACHE"] = "0"
        # Both sites share the work folder, so one collectstatic serves both.
        log("collectstatic")
        sites["small"].collectstatic()
        shared = compare_urls(
            sites["small"].inprocess("subjects"), sites["big"].inprocess("subjects")
        )
        report = {"meta": meta(args), "urls": shared, "compare": {}}
        paths, passes = {}, {name: [] for name in sites}
        for name, site in sites.items():
            data = site.inprocess("info")
            log(f"{name}: {data['articles']:,} articles ({data['vendor']})")
            report["compare"][name] = {"data": data}
            # The article pages are each archive's own (their articles differ).
            paths[name] = workdir / f"urls-{name}.json"
            paths[name].write_text(
                json.dumps({**shared, "article": site.inprocess("articles")})
            )
        # small, big, big, small: a drift of the machine during the run (another
        # process, the CPU's clock) weighs on both archives alike.
        for name in PASS_ORDER:
            log(f"{name}: measuring (pass {len(passes[name]) + 1} of 2)")
            passes[name].append(
                sites[name].inprocess(
                    "measure",
                    str(paths[name]),
                    options=[
                        "--requests",
                        str(args.requests),
                        "--search",
                        str(args.search_queries),
                    ],
                )
            )
        for name, measured in passes.items():
            report["compare"][name]["inprocess"] = combine_passes(measured)
            report["compare"][name]["passes"] = measured
    return report, compare_table(report["compare"])


PASS_ORDER = ("small", "big", "big", "small")
_AVERAGED = ("median_ms", "p95_ms", "slowest_tenth_ms", "kb_median")


def combine_passes(passes):
    """One archive's figures from its passes: each time the mean of the passes'
    (each is a median or a percentile of its own pass), the slowest page of the
    slower pass, the widest query range; search, the slower pass's figures."""
    combined = {}
    for group, first in passes[0].items():
        figures = [measured[group] for measured in passes]
        if group == "search_latency":
            combined[group] = max(figures, key=lambda figure: figure["p95_ms"])
            continue
        slower = max(figures, key=lambda figure: figure["slowest_tenth_ms"])
        combined[group] = {
            **first,
            **{key: statistics.mean(f[key] for f in figures) for key in _AVERAGED},
            "requests": sum(f["requests"] for f in figures),
            "slowest_page": slower["slowest_page"],
            "queries_max": max(f["queries_max"] for f in figures),
            "queries_min": min(f["queries_min"] for f in figures),
            "not_200": {k: v for f in figures for k, v in f["not_200"].items()},
        }
    return combined


def compare_table(compare):
    small, big = compare["small"], compare["big"]
    n_small, n_big = small["data"]["articles"], big["data"]["articles"]
    lines = [
        f"| page ({n_small:,} → {n_big:,} articles) | pages | median ms "
        "| big / small | slowest tenth ms | big / small | p95 ms | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for group in COMPARE_GROUPS:
        a, b = small["inprocess"][group], big["inprocess"][group]
        ratio = b["median_ms"] / a["median_ms"]
        slow = b["slowest_tenth_ms"] / a["slowest_tenth_ms"]
        listing = not group.startswith(("admin", "article"))
        mark = " ✗" if listing and ratio > BUDGETS["scale_ratio"] else ""
        slow_mark = " ✗" if listing and slow > BUDGETS["scale_ratio"] else ""
        if group.startswith("admin") and b["median_ms"] >= 1000:
            mark = " ✗"
        bad = "" if not (a["not_200"] or b["not_200"]) else " (not 200!)"
        lines.append(
            f"| {group}{bad} | {a['urls']} | {a['median_ms']:.1f} → "
            f"{b['median_ms']:.1f} | {ratio:.2f}×{mark} | "
            f"{a['slowest_tenth_ms']:.1f} → {b['slowest_tenth_ms']:.1f} | "
            f"{slow:.2f}×{slow_mark} | {a['p95_ms']:.1f} → {b['p95_ms']:.1f} | "
            f"{a['queries_max']} → {b['queries_max']} |"
        )
    lines.append("")
    lines.append("| search, distinct queries | median ms | p95 ms | max ms |")
    lines.append("| --- | ---: | ---: | ---: |")
    for name in ("small", "big"):
        s = compare[name]["inprocess"]["search_latency"]
        data = compare[name]["data"]
        mark = " ✗" if s["p95_ms"] >= BUDGETS["search_p95_ms"] else ""
        lines.append(
            f"| {data['articles']:,} articles ({data['vendor']}), {s['queries']} "
            f"queries, the slower of two passes | {s['median_ms']:.1f} | "
            f"{s['p95_ms']:.1f}{mark} | {s['max_ms']:.1f} |"
        )
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--groups", default=GROUPS)
    parser.add_argument(
        "--modes", choices=["auto", "uncached", "cached"], default="auto"
    )
    parser.add_argument(
        "--requests", type=int, default=300, help="in-process requests per group"
    )
    parser.add_argument("--no-http", action="store_true", help="in-process only")
    parser.add_argument("--compare-db", nargs=2, metavar=("SMALL_URL", "BIG_URL"))
    parser.add_argument("--search-queries", type=int, default=200)
    parser.add_argument(
        "--settings",
        default="benchmarks.settings",
        help="settings module (it must route /_floor/ like benchmarks.urls)",
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= MAX_DURATION:
        parser.error(f"--duration is 1 to {MAX_DURATION} seconds")
    if not 1 <= args.runs <= MAX_RUNS:
        parser.error(f"--runs is 1 to {MAX_RUNS}")
    if not 1 <= args.connections <= MAX_CONNECTIONS:
        parser.error(f"--connections is 1 to {MAX_CONNECTIONS}")
    if not 1 <= args.threads <= min(args.connections, 8):
        parser.error("--threads is 1 to 8, and at most --connections")
    return args


def main(argv=None):
    args = parse_args(argv)
    if not args.compare_db and not os.access(WRK, os.X_OK) and not args.no_http:
        raise SystemExit("wrk is needed: apt-get install wrk")
    started = time.monotonic()
    report, table = run_compare(args) if args.compare_db else run_pages(args)
    report["meta"]["seconds"] = round(time.monotonic() - started, 1)
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
        log(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
