"""Audit the public pages as readers' tools see them: Lighthouse (mobile, the four
categories), the W3C Nu HTML checker, extruct (structured data and Open Graph),
feedparser (every feed) and the sitemaps.org schema (every sitemap). Prints a
Markdown table; --json writes every figure. What it measured: docs/audit.md.

    .venv/bin/python benchmarks/audit_pages.py [--tools DIR] [--port 8201]
        [--runs 1] [--skip-lighthouse] [--skip-nu] [--json FILE]

It builds a fresh SQLite database with the demo content (seed_demo) in a
temporary folder, collects the static files and serves the site with the
production settings under gunicorn on 127.0.0.1 (uploads served by the app:
benchmarks/audit_urls.py). The tools come from a folder outside the repository:

    mkdir -p ../arabic-tools && cd ../arabic-tools
    npm install lighthouse vnu-jar          # Lighthouse needs Chromium, vnu Java 17
    .venv/bin/pip install -e ".[audit]"     # extruct, in the project's virtualenv
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SCHEMAS = ROOT / "tests" / "data" / "sitemaps"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OPEN_GRAPH = [
    "og:title",
    "og:type",
    "og:url",
    "og:image",
    "og:description",
    "og:site_name",
    "og:locale",
]
NEWS_ARTICLE = [
    "headline",
    "description",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "inLanguage",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


def pages():
    """The demo's pages of every kind (seed_demo's slugs)."""
    arabic = quote("مزارع-من-كفرتخاريم-الألواح-الشمسية-وموسم-الزيتون")
    return {
        "article (en)": "/articles/kafr-takharim-farmer-solar-panels-olive-harvest/",
        "article (ar)": f"/articles/{arabic}/",
        "home": "/",
        "tag": "/tags/kafr-takharim/",
        "series": "/series/on-the-record/",
        "contributor": "/contributors/layla-haddad/",
        "corrections": "/corrections/",
        "search": "/search/?q=" + quote("أحرار"),
    }


FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/tags/kafr-takharim/feed/",
    "/series/on-the-record/feed/atom/",
    "/contributors/layla-haddad/feed/",
]


class Site:
    def __init__(self, workdir, port):
        self.port = port
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "benchmarks.audit_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "audit-only-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
        }
        self.env.pop("REDIS_URL", None)
        self.workdir, self.process = workdir, None

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=600,
            stdout=subprocess.DEVNULL,
        )

    def build(self):
        # The static files first: prepared pages name their hashed files.
        for args in (
            ["migrate", "--no-input", "-v0"],
            ["collectstatic", "--no-input", "-v0"],
            ["seed_demo", "--no-login"],
            ["rebuild_search_index"],
        ):
            self.manage(*args)

    def start(self):
        self.log = open(self.workdir / "gunicorn.log", "w")
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
                self.get("/robots.txt")
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not answer in 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return response.status, response.read()


def _lighthouse_run(tools, url, attempts=3):
    """One mobile Lighthouse run's JSON report. Chromium sometimes fails to start
    on a loaded machine: a failed run is tried again, at most ``attempts`` times."""
    command = [
        str(tools / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--output=json",
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROME},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode == 0:
            return result.stdout
        log(f"Lighthouse failed (attempt {attempt}): {result.stderr[-300:]}")
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def lighthouse(tools, url, runs, keep=None):
    """Median score of each category over ``runs`` mobile runs, and the failed
    audits of the last run (kept whole in the file ``keep``, if given)."""
    scores, failed = {c: [] for c in CATEGORIES}, []
    for _ in range(runs):
        output = _lighthouse_run(tools, url)
        report = json.loads(output)
        if keep:
            keep.write_text(output)
        for category in CATEGORIES:
            scores[category].append(
                round(report["categories"][category]["score"] * 100)
            )
        failed = sorted(
            {
                audit_id
                for category in report["categories"].values()
                for ref in category["auditRefs"]
                if ref["weight"]
                for audit_id in [ref["id"]]
                if (report["audits"][audit_id].get("score") or 0) < 1
                and report["audits"][audit_id]["scoreDisplayMode"]
                in ("binary", "numeric")
            }
        )
    return {c: statistics.median(v) for c, v in scores.items()}, failed


def nu_errors(tools, files):
    """The Nu checker's errors for each file, by file name."""
    jar = tools / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    found = {Path(f).name: [] for f in files}
    for message in messages:
        found[Path(message["url"].removeprefix("file:")).name].append(
            f"{message.get('lastLine')}: {message['message']}"
        )
    return found


def structured_data(html, url):
    import extruct  # the "audit" extra

    data = extruct.extract(
        html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    og = {}
    for block in data["opengraph"]:
        og.update({k: v for k, v in block.items() if k.startswith("og:")})
        # extruct's uniform form gives og:type as @type.
        og.setdefault("og:type", block.get("@type"))
    articles = [d for d in data["json-ld"] if d.get("@type") == "NewsArticle"]
    return {
        "open_graph_missing": [k for k in OPEN_GRAPH if not og.get(k)],
        "news_article_missing": (
            [k for k in NEWS_ARTICLE if not articles[0].get(k)] if articles else None
        ),
    }


def feeds_and_sitemaps(site):
    import feedparser
    from lxml import etree

    problems = {}
    for path in FEEDS:
        parsed = feedparser.parse(site.get(path)[1])
        problems[path] = (
            str(parsed.bozo_exception)
            if parsed.bozo
            else ("no entries" if not parsed.entries else "")
        )
    index_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd")))
    urlset_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "urlset.xsd")))
    index = etree.fromstring(site.get("/sitemap.xml")[1])
    problems["/sitemap.xml"] = (
        "" if index_schema.validate(index) else str(index_schema.error_log)
    )
    robots = site.get("/robots.txt")[1].decode()
    named = [
        line.split(": ", 1)[1]
        for line in robots.splitlines()
        if line.startswith("Sitemap: ")
    ]
    locations = [
        loc.text
        for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    for location in locations + [u for u in named if "sitemap-news" in u]:
        path = location.split(str(site.port), 1)[1]
        document = etree.fromstring(site.get(path)[1])
        problems[path] = (
            "" if urlset_schema.validate(document) else str(urlset_schema.error_log)
        )
    problems["robots.txt names the news sitemap"] = (
        "yes" if any("sitemap-news" in u for u in named) else "no (no recent article)"
    )
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tools",
        type=Path,
        default=Path(os.environ.get("AUDIT_TOOLS", ROOT.parent / "arabic-tools")),
    )
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--runs", type=int, default=1, choices=range(1, 6))
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-nu", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--reports", type=Path, help="keep each page's last Lighthouse report here"
    )
    parser.add_argument(
        "--pages", help="only these pages, comma-separated (e.g. 'home,tag')"
    )
    args = parser.parse_args()
    chosen = pages()
    if args.pages:
        chosen = {k: v for k, v in chosen.items() if k in args.pages.split(",")}

    started = datetime.now(UTC)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="audit-") as folder:
        workdir = Path(folder)
        site = Site(workdir, args.port)
        log("building the demo site (migrate, seed_demo, collectstatic)")
        site.build()
        site.start()
        try:
            rows, files = {}, []
            for name, path in chosen.items():
                status, html = site.get(path)
                file = workdir / f"{len(files)}.html"
                file.write_bytes(html)
                files.append(file)
                rows[name] = {
                    "path": path,
                    "status": status,
                    **structured_data(html.decode(), site.url(path)),
                }
            if not args.skip_nu:
                log("Nu HTML checker")
                errors = nu_errors(args.tools, files)
                for row, file in zip(rows.values(), files, strict=True):
                    row["nu_errors"] = errors[file.name]
            if not args.skip_lighthouse:
                if args.reports:
                    args.reports.mkdir(parents=True, exist_ok=True)
                for number, (name, row) in enumerate(rows.items()):
                    log(f"Lighthouse: {name}")
                    keep = args.reports / f"{number}.json" if args.reports else None
                    row["lighthouse"], row["lighthouse_failed"] = lighthouse(
                        args.tools, site.url(row["path"]), args.runs, keep
                    )
            checks = feeds_and_sitemaps(site)
        finally:
            site.stop()
    result = {
        "date": started.isoformat(timespec="seconds"),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "lighthouse_runs": args.runs,
        "pages": rows,
        "feeds_and_sitemaps": checks,
    }
    print(markdown(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def markdown(result):
    lines = [
        f"Audit of {result['date']}, load average "
        f"{' '.join(f'{v:.2f}' for v in result['load_average_before'])} before, "
        f"{' '.join(f'{v:.2f}' for v in result['load_average_after'])} after; "
        f"Lighthouse median of {result['lighthouse_runs']} run(s).",
        "",
        "| page | perf | a11y | best pr. | SEO | Nu errors | Open Graph "
        "| NewsArticle |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, row in result["pages"].items():
        scores = row.get("lighthouse") or {}
        nu = len(row["nu_errors"]) if "nu_errors" in row else "–"
        news = row["news_article_missing"]
        cells = [
            name,
            *(str(scores.get(c, "–")) for c in CATEGORIES),
            str(nu),
            _completeness(row["open_graph_missing"]),
            "–" if news is None else _completeness(news),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| feed or sitemap | result |", "| --- | --- |"]
    for path, problem in result["feeds_and_sitemaps"].items():
        lines.append(f"| {path} | {problem or 'valid'} |")
    failed = {
        n: r["lighthouse_failed"]
        for n, r in result["pages"].items()
        if r.get("lighthouse_failed")
    }
    errors = {
        n: r["nu_errors"] for n, r in result["pages"].items() if r.get("nu_errors")
    }
    for title, found in (("Lighthouse audits below 1", failed), ("Nu errors", errors)):
        if found:
            lines += ["", f"{title}:"] + [
                f"- {n}: {'; '.join(v)}" for n, v in found.items()
            ]
    return "\n".join(lines)


def _completeness(missing):
    return "complete" if not missing else "missing " + ", ".join(missing)


if __name__ == "__main__":
    main()
