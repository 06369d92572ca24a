"""The in-process half of the benchmark, run by benchmarks/run.py in a child process
with the settings of the run (database, page cache on or off) in its environment:

    inprocess.py info OUTPUT                  what the settings and the data are
    inprocess.py urls OUTPUT [--admin]        the URLs of each page group
    inprocess.py subjects OUTPUT              tags, contributors, series: articles each
    inprocess.py articles OUTPUT              100 article pages of this archive
    inprocess.py measure URLS OUTPUT [--requests N] [--seconds S] [--search N]

``measure`` requests every group's URLs in turn through Django's test client (the
whole middleware stack, no HTTP) and reports the median and 95th percentile time per
request, the SQL queries of each page (CaptureQueriesContext) and the page sizes. It
writes JSON to OUTPUT.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import prose  # noqa: E402
from newsroom.models import (  # noqa: E402
    Article,
    Byline,
    Contributor,
    TaggedArticle,
    public_series,
)
from newsroom.public.sitemaps import has_news  # noqa: E402

SEED = 6
ADMIN_USER = "bench-admin"
QUERY_SAMPLE = 10  # pages per group whose queries are counted
HEADERS = {"HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
GROUPS = [
    "article",
    "home",
    "tag",
    "series",
    "contributor",
    "search",
    "feeds",
    "sitemap",
]


def info():
    return {
        "page_cache": getattr(settings, "NEWSROOM_PAGE_CACHE", None),
        "vendor": connection.vendor,
        "database": str(connection.settings_dict["NAME"]),
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "debug": settings.DEBUG,
        "django": django.get_version(),
    }


def search_paths(count, seed=SEED):
    queries = prose.search_queries(random.Random(seed), count)
    return ["/search/?" + urlencode({"q": query}) for query in queries]


def page(prefix, slug):
    """The address of a page (slugs may be Unicode: quoted for the request line)."""
    return f"/{prefix}/{quote(slug)}/"


def _top_and_sample(rng, ranked, top=10, sample=20):
    rest = ranked[top:]
    return ranked[:top] + rng.sample(rest, min(sample, len(rest)))


def page_urls(*, admin=False, seed=SEED):
    """The URLs measured for each page group: many pages per group (popular and
    rare tags and contributors, articles from the whole archive), chosen the same
    way on every run."""
    rng = random.Random(seed)
    published = Article.objects.published()
    slugs = list(published.order_by("pk").values_list("slug", flat=True))
    articles = rng.sample(slugs, min(100, len(slugs)))
    tags = list(
        TaggedArticle.objects.filter(content_object__in=published)
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__slug")
        .values_list("tag__slug", flat=True)
    )
    tags = _top_and_sample(rng, tags)
    series = list(public_series().order_by("slug").values_list("slug", flat=True))
    people = list(
        Byline.objects.filter(article__in=published)
        .values("contributor__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "contributor__slug")
        .values_list("contributor__slug", flat=True)
    )
    people = _top_and_sample(rng, people)
    feeds = ["/feed/", "/feed/atom/"]
    for prefix, chosen in (
        ("tags", tags[:5]),
        ("series", series[:3]),
        ("contributors", people[:5]),
    ):
        for slug in chosen:
            feeds += [page(prefix, slug) + "feed/", page(prefix, slug) + "feed/atom/"]
    groups = {
        "article": [page("articles", slug) for slug in articles],
        "home": ["/", "/?page=2", "/?page=3"],
        "tag": [page("tags", slug) for slug in tags],
        "series": [page("series", slug) for slug in series],
        "contributor": [page("contributors", slug) for slug in people],
        "search": search_paths(50, seed),
        "feeds": feeds,
        # The news sitemap answers 404 while nothing is from the last 48 hours.
        "sitemap": ["/sitemap.xml"] + (["/sitemap-news.xml"] if has_news() else []),
    }
    if admin:
        groups["admin"] = ["/admin/newsroom/article/"]
    return groups


def subjects():
    """``{kind: {slug: published articles}}`` for tags, contributors and series,
    and the names of the contributors: what the scale comparison picks its pages
    from on both archives."""
    published = Article.objects.published()
    tags = (
        TaggedArticle.objects.filter(content_object__in=published)
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .values_list("tag__slug", "n")
    )
    people = (
        Byline.objects.filter(article__in=published)
        .values("contributor__slug")
        .annotate(n=Count("article", distinct=True))
        .values_list("contributor__slug", "n")
    )
    series = (
        published.filter(series__isnull=False)
        .values("series__slug")
        .annotate(n=Count("pk"))
        .values_list("series__slug", "n")
    )
    return {
        "tag": dict(tags),
        "contributor": dict(people),
        "series": dict(series),
        "names": dict(Contributor.objects.values_list("slug", "name")),
    }


def article_urls(count=100, seed=SEED):
    """``count`` published articles of this archive, chosen the same way each run."""
    slugs = list(
        Article.objects.published().order_by("pk").values_list("slug", flat=True)
    )
    return [
        page("articles", slug)
        for slug in random.Random(seed).sample(slugs, min(count, len(slugs)))
    ]


def percentile(values, p):
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def admin_client():
    user, _ = get_user_model().objects.get_or_create(
        username=ADMIN_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    if not user.is_superuser or user.has_usable_password():
        user.is_staff = user.is_superuser = True
        user.set_unusable_password()
        user.save()
    client = Client(**HEADERS)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


class Reader:
    """Anonymous requests: a client that never keeps cookies."""

    def __init__(self):
        self.client = Client(**HEADERS)

    def get(self, url):
        self.client.cookies.clear()
        return self.client.get(url)


def measure_group(get, urls, *, requests, seconds):
    """Median and 95th percentile time of ``requests`` requests over ``urls`` (at
    most ``seconds`` of them), and the queries of the first pages."""
    bad = {}
    for url in urls:  # warm up: templates, connection, caches, prepared pages
        status = get(url).status_code
        if status != 200:
            bad[url] = status
    queries, sizes = [], []
    for url in urls[:QUERY_SAMPLE]:
        with CaptureQueriesContext(connection) as captured:
            response = get(url)
        queries.append(len(captured.captured_queries))
        sizes.append(len(response.content))
    times, by_url = [], {}
    deadline = time.perf_counter() + seconds
    for n in range(requests):
        url = urls[n % len(urls)]
        started = time.perf_counter()
        response = get(url)
        elapsed = (time.perf_counter() - started) * 1000
        times.append(elapsed)
        by_url.setdefault(url, []).append(elapsed)
        if response.status_code != 200:
            bad[url] = response.status_code
        if time.perf_counter() > deadline:
            break
    # Each page's own median: the slowest tenth of the pages is where a page
    # that does not scale shows, whatever the typical page does.
    pages = sorted(statistics.median(values) for values in by_url.values())
    slowest = pages[-max(1, len(pages) // 10) :]
    return {
        "urls": len(urls),
        "requests": len(times),
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "slowest_tenth_ms": statistics.median(slowest),
        "slowest_page": max(by_url, key=lambda url: statistics.median(by_url[url])),
        "queries_max": max(queries),
        "queries_min": min(queries),
        "kb_median": statistics.median(sizes) / 1024,
        "not_200": bad,
    }


def search_latency(get, count):
    """Each of ``count`` distinct queries once: p50 and p95 of the search page."""
    paths = search_paths(count, seed=SEED + 1)
    get(paths[0])
    times = []
    for path in paths:
        started = time.perf_counter()
        status = get(path).status_code
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    return {
        "queries": len(paths),
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "max_ms": max(times),
    }


def measure(urls_by_group, *, requests, seconds, search_count):
    reader = Reader()
    results = {}
    for group, urls in urls_by_group.items():
        get = admin_client().get if group.startswith("admin") else reader.get
        results[group] = measure_group(get, urls, requests=requests, seconds=seconds)
    if search_count:
        results["search_latency"] = search_latency(reader.get, search_count)
    return results


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("info").add_argument("output")
    commands.add_parser("subjects").add_argument("output")
    commands.add_parser("articles").add_argument("output")
    urls = commands.add_parser("urls")
    urls.add_argument("output")
    urls.add_argument("--admin", action="store_true")
    run = commands.add_parser("measure")
    run.add_argument("urls")
    run.add_argument("output")
    run.add_argument("--requests", type=int, default=300)
    run.add_argument("--seconds", type=float, default=10)
    run.add_argument("--search", type=int, default=0, help="distinct search queries")
    args = parser.parse_args()
    if args.command == "info":
        result = info()
    elif args.command == "subjects":
        result = subjects()
    elif args.command == "articles":
        result = article_urls()
    elif args.command == "urls":
        result = page_urls(admin=args.admin)
    else:
        result = measure(
            json.loads(Path(args.urls).read_text()),
            requests=min(args.requests, 5000),
            seconds=min(args.seconds, 60),
            search_count=min(args.search, 1000),
        )
    Path(args.output).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
