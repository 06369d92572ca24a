"""The edge cache's benchmark (docs/performance.md): Varnish in front of gunicorn,
with deploy/varnish/newsroom.vcl — a cached article against the uncached origin, and
how soon an edit's purge reaches the next reader.

    .venv/bin/python benchmarks/edge.py --database-url postgres://…/bench
        [--redis-url redis://127.0.0.1:6379/3] [--port-base 8150] [--duration 10]
        [--runs 3] [--connections 8] [--edits 20] [--worker-interval 1]
        [--json FILE]

The database must hold published articles (benchmarks/generate.py). Started on
127.0.0.1 and stopped at the end, with the production settings (DEBUG off):

- port base+1: the origin, gunicorn (the repository's gunicorn.conf.py, 2 workers),
  page cache on, purging Varnish;
- port base+2: the same origin with the page cache off (every page built);
- port base+10: Varnish in front of base+1; a task worker (``db_worker``, the
  production command: it looks for tasks every ``--worker-interval`` seconds, 1 by
  default as in production).

wrk measures one article page through each, ``--runs`` times for ``--duration``
seconds, in turn; the medians are compared. Then an editor changes the article's
headline ``--edits`` times through the admin, and after each save a reader polls
the article through Varnish (every 5 ms, 10 s at most) until it shows the new
headline: the time that took, whether the first read after the purge already
showed it, and whether an unrelated article stayed cached.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.http import Desk  # noqa: E402  (the tests' own harness)
from tests.servers.processes import Server, program  # noqa: E402

VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
SITE_VCL = """
import directors;
backend origin {{ .host = "127.0.0.1"; .port = "{port}"; }}
sub vcl_init {{
    new newsroom = directors.round_robin();
    newsroom.add_backend(origin);
}}
acl purgers {{ "127.0.0.1"; }}
"""
PASSWORD = "benchmark-" + secrets.token_hex(8)
FIND_ARTICLES = """
from newsroom.models import Article
from django.contrib.auth import get_user_model
for a in Article.objects.published().order_by("-published_at")[:2]:
    print("ARTICLE", a.pk, a.get_absolute_url())
User = get_user_model()
user, _ = User.objects.get_or_create(username="edge-bench")
user.is_staff = user.is_superuser = True
user.set_password(PASSWORD)
user.save()
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--port-base", type=int, default=8150)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument(
        "--worker-interval",
        type=float,
        default=1.0,
        help="seconds the task worker waits before looking for tasks again "
        "(db_worker --interval; 1, its default, in production)",
    )
    parser.add_argument("--json")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    args.runs = max(1, min(args.runs, 10))
    args.connections = max(1, min(args.connections, 64))
    args.edits = max(1, min(args.edits, 100))
    args.worker_interval = max(0.05, min(args.worker_interval, 5))
    return args


def environment(args, tmp):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "GUNICORN_", "S3_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        WEB_CONCURRENCY="2",
        NEWSROOM_EDGE_PURGER="varnish",
        NEWSROOM_VARNISH_URLS=f"http://127.0.0.1:{args.port_base + 10}",
    )
    return env


def start(args, env, tmp):
    python = program("python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    found = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            f"PASSWORD = {PASSWORD!r}\n" + FIND_ARTICLES,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    articles = [
        (int(line.split()[1]), line.split()[2])
        for line in found
        if line.startswith("ARTICLE ")
    ]
    if len(articles) < 2:
        sys.exit("The database needs two published articles: benchmarks/generate.py")
    origin, uncached = args.port_base + 1, args.port_base + 2
    (tmp / "vcl").mkdir()
    (tmp / "vcl" / "site.vcl").write_text(SITE_VCL.format(port=origin))
    gunicorn = program("gunicorn")
    servers = [
        Server(
            "origin",
            [gunicorn],
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{origin}"},
            log_dir=tmp,
        ),
        Server(
            "uncached",
            [gunicorn],
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{uncached}",
                "NEWSROOM_PAGE_CACHE": "0",
                "NEWSROOM_EDGE_PURGER": "",
            },
            log_dir=tmp,
        ),
        Server(
            "worker",
            [python, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"]
            + ["--interval", str(args.worker_interval)],
            env=env,
            log_dir=tmp,
        ),
        Server(
            "varnish",
            [program("varnishd"), "-F", "-j", "none", "-n", str(tmp / "varnish")]
            + ["-a", f"127.0.0.1:{args.port_base + 10}", "-T", "none"]
            + ["-f", str(VCL), "-p", f"vcl_path={tmp / 'vcl'}:{VCL.parent}"]
            + ["-s", "malloc,64m"],
            log_dir=tmp,
        ),
    ]
    urls = {
        "varnish": f"http://127.0.0.1:{args.port_base + 10}",
        "origin": f"http://127.0.0.1:{origin}",
        "uncached": f"http://127.0.0.1:{uncached}",
    }
    for server, url in zip(
        [servers[0], servers[1], servers[3]], urls.values(), strict=True
    ):
        server.wait_for(url + "/healthz")
    return servers, urls, articles


def wrk(url, args):
    result = subprocess.run(
        [shutil.which("wrk") or "/usr/bin/wrk", "-t2", f"-c{args.connections}"]
        + [f"-d{args.duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=args.duration + 30,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", result)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    return {
        "requests_per_second": rate,
        "median_ms": float(median.group(1)) * factor,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def throughput(urls, path, args):
    for _ in range(2):
        requests.get(urls["varnish"] + path, timeout=30)
        requests.get(urls["origin"] + path, timeout=30)
    hit = requests.get(urls["varnish"] + path, timeout=30).headers.get("X-Cache")
    assert hit == "HIT", hit
    runs = {name: [] for name in urls}
    for run in range(args.runs):
        for name, base in urls.items():
            runs[name].append(wrk(base + path, args))
            log(f"run {run + 1} {name}: {runs[name][-1]}")
    return {
        name: {
            "median_ms": statistics.median(r["median_ms"] for r in results),
            "requests_per_second": statistics.median(
                r["requests_per_second"] for r in results
            ),
            "non_2xx": sum(r["non_2xx"] for r in results),
            "runs": results,
        }
        for name, results in runs.items()
    }


def purges(urls, articles, args):
    (pk, path), (_, other) = articles
    desk = Desk(urls["origin"]).login("edge-bench", PASSWORD)
    change = f"/admin/newsroom/article/{pk}/change/"
    timings, first_reads_fresh, unrelated_hits = [], 0, 0
    requests.get(urls["varnish"] + other, timeout=30)
    for n in range(args.edits):
        headline = f"Edge benchmark headline {n} {secrets.token_hex(3)}"
        requests.get(urls["varnish"] + path, timeout=30)  # kept by Varnish
        desk.change(change, "article_form", {"headline": headline})
        saved = time.monotonic()
        reads = 0
        while time.monotonic() - saved < 10:
            response = requests.get(urls["varnish"] + path, timeout=30)
            reads += 1
            if headline in response.text:
                timings.append((time.monotonic() - saved) * 1000)
                first_reads_fresh += response.headers.get("X-Cache") == "MISS"
                break
            time.sleep(0.005)
        else:
            sys.exit(f"edit {n}: not visible through Varnish after 10 s")
        unrelated = requests.get(urls["varnish"] + other, timeout=30)
        unrelated_hits += unrelated.headers.get("X-Cache") == "HIT"
    return {
        "edits": args.edits,
        "visible_after_ms_median": statistics.median(timings),
        "visible_after_ms_max": max(timings),
        "first_read_after_purge_was_a_miss": first_reads_fresh,
        "unrelated_page_still_cached": unrelated_hits,
        "timings_ms": timings,
    }


def main():
    args = parse_args()
    for tool in ("wrk", "varnishd"):
        if not program(tool):
            sys.exit(f"{tool} is needed: apt-get install wrk varnish varnish-modules")
    tmp = Path(tempfile.mkdtemp(prefix="edge-bench-"))
    started = datetime.now(UTC)
    load_before = os.getloadavg()
    servers = []
    try:
        servers, urls, articles = start(args, environment(args, tmp), tmp)
        path = articles[0][1]
        pages = throughput(urls, path, args)
        edits = purges(urls, articles, args)
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "date": started.isoformat(timespec="seconds"),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "article": path,
        "args": vars(args),
        "pages": pages,
        "ratio_uncached_to_varnish": pages["uncached"]["median_ms"]
        / pages["varnish"]["median_ms"],
        "ratio_page_cache_to_varnish": pages["origin"]["median_ms"]
        / pages["varnish"]["median_ms"],
        "purges": edits,
    }
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


def report(result):
    pages, edits = result["pages"], result["purges"]
    lines = [
        f"Run {result['date']}, load average "
        f"{' '.join(f'{x:.2f}' for x in result['load_average_before'])} before, "
        f"{' '.join(f'{x:.2f}' for x in result['load_average_after'])} after.",
        "",
        "| served by | median latency (ms) | requests/s | non-2xx |",
        "| --- | --- | --- | --- |",
    ]
    names = {
        "varnish": "Varnish (a hit)",
        "origin": "gunicorn, page cache hit (Redis)",
        "uncached": "gunicorn, no cache (page built)",
    }
    for key, name in names.items():
        page = pages[key]
        lines.append(
            f"| {name} | {page['median_ms']:.2f} | "
            f"{page['requests_per_second']:.0f} | {page['non_2xx']} |"
        )
    lines += [
        "",
        f"Uncached origin / Varnish: {result['ratio_uncached_to_varnish']:.1f}×; "
        f"page-cache hit / Varnish: {result['ratio_page_cache_to_varnish']:.1f}×.",
        f"Purges: {edits['edits']} edits; new headline through Varnish after "
        f"{edits['visible_after_ms_median']:.0f} ms (median), "
        f"{edits['visible_after_ms_max']:.0f} ms at most; the first read that showed "
        f"it was a Varnish miss {edits['first_read_after_purge_was_a_miss']} "
        f"times out of {edits['edits']}; the unrelated article stayed cached "
        f"{edits['unrelated_page_still_cached']} times out of {edits['edits']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
