"""Load test with a fault drill, all on 127.0.0.1 and bounded in time.

Starts its own PostgreSQL cluster (port 5433, in a temporary directory) and its own
Redis (port 6380), never the shared ones; loads the demo content and some generated
articles; serves the app with gunicorn and production settings; then for
``--seconds`` (120 by default, 600 at most) runs ``--readers`` concurrent readers
(50) over a mix of pages while an editor keeps adding series through the admin.
During the run it stops and restarts PostgreSQL, then Redis. At the end it reports
requests, response kinds (503s during the database outage are expected; 500s must
be 0), connection errors inside and outside the outages, latencies, how long the
site took to recover, and whether every save the editor was told succeeded is in
the database.

    .venv/bin/python benchmarks/load_faults.py [--seconds 120] [--readers 50]
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT, REDIS_PORT, APP_PORT = 5433, 6380, 8077
MAX_SECONDS, MAX_READERS = 600, 200
EDITOR, EDITOR_PASSWORD = "drill-editor", "drill-password-4821"
MARKER_503 = b"We are back in a moment"
GRACE = 5.0  # seconds after a restart during which errors still count as the outage


def port_is_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class OwnPostgres:
    """A throwaway cluster: initdb, pg_ctl start/stop, as the postgres user when
    this runs as root (PostgreSQL refuses to run as root)."""

    def __init__(self, base):
        self.data, self.sockets, self.log = (
            base / "pg",
            base / "pgsock",
            base / "pg.log",
        )
        self.as_postgres = os.geteuid() == 0

    def _run(self, *command):
        if self.as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self):
        self.sockets.mkdir()
        if self.as_postgres:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )

    def start(self):
        options = f"-p {PG_PORT} -k {self.sockets} -c listen_addresses=127.0.0.1"
        self._run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.log,
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def createdb(self, name):
        self._run(
            PG_BIN / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            name,
        )


class OwnRedis:
    def __init__(self, base):
        self.log, self.process = base / "redis.log", None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.log),
            ],
        )
        for _ in range(100):
            if not port_is_free(REDIS_PORT):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


GENERATE = """
from datetime import timedelta
from django.utils import timezone
from newsroom.desk import changes
from newsroom.models import Article, Series
from interviews.models import Segment
series, _ = Series.objects.get_or_create(name="Drill Dispatches")
now = timezone.now()
for n in range({count}):
  # One unit of change per interview: the write path follows it once.
  with changes.batch():
    article = Article.objects.create(
        headline=f"Drill interview {{n}} on water, bread and the bridge",
        dek=f"Teaser {{n}} for the drill.", intro="An intro paragraph. " * 20,
        series=series, status="published", published_at=now - timedelta(hours=n + 1),
    )
    article.tags.add("Drill", f"Drill topic {{n % 7}}")
    for position in range(1, 13):
        Segment.objects.create(article=article, position=position,
            question=f"Question {{position}} about the convoy?",
            answer="An answer of a few sentences. " * 12)
"""

SAVED_SERIES = """
import json
from newsroom.models import Series
print(json.dumps(list(Series.objects.filter(name__startswith="Drill save ")
    .values_list("name", flat=True))))
"""


class App:
    def __init__(self, base):
        self.base, self.process = base, None
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "drill-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/newsroom_drill",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "STATIC_ROOT": str(base / "static"),
            "MEDIA_ROOT": str(base / "media"),
            "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD,
            "LOG_LEVEL": "WARNING",
        }

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def shell(self, code):
        return subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        ).stdout

    def prepare(self, articles):
        self.manage("migrate", "--no-input")
        self.manage("seed_demo", "--no-login")
        self.shell(GENERATE.format(count=articles))
        self.manage(
            "createsuperuser",
            "--no-input",
            "--username",
            EDITOR,
            "--email",
            "drill@example.org",
        )
        self.manage("collectstatic", "--no-input")

    def start(self, workers, threads):
        self.log = open(self.base / "gunicorn.log", "w")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--worker-class",
                "gthread",
                "--timeout",
                "30",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not come up; see gunicorn.log")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


# As if behind the TLS load balancer, so production's secure cookies are in play.
HEADERS = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{APP_PORT}"}


def get(path, connection=None, timeout=10):
    own = connection is None
    connection = connection or http.client.HTTPConnection(
        "127.0.0.1", APP_PORT, timeout=timeout
    )
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


class Log:
    """Every response or connection error, with its time since the start."""

    def __init__(self):
        self.lock, self.rows, self.start = threading.Lock(), [], time.monotonic()

    def now(self):
        return time.monotonic() - self.start

    def add(self, who, started, kind, status=None):
        with self.lock:
            self.rows.append((who, started, self.now() - started, kind, status))


def reader(log, paths, stop, seed):
    rng = random.Random(seed)
    connection = None
    while not stop.is_set():
        path = rng.choice(paths)
        started = log.now()
        try:
            connection = connection or http.client.HTTPConnection(
                "127.0.0.1", APP_PORT, timeout=10
            )
            status, body = get(path, connection)
            kind = "503-branded" if status == 503 and MARKER_503 in body else status
            log.add("reader", started, kind, status)
        except (OSError, http.client.HTTPException) as error:
            log.add("reader", started, f"connection: {type(error).__name__}")
            if connection:
                connection.close()
            connection = None
            time.sleep(0.05)


def monitor(log, stop, timeline):
    """/healthz once a second: what it said, and when."""
    while not stop.is_set():
        started = log.now()
        try:
            status, body = get("/healthz", timeout=5)
            said = json.loads(body) if status in (200, 503) else {"status": status}
        except (OSError, ValueError, http.client.HTTPException) as error:
            said = {"status": f"connection: {type(error).__name__}"}
        timeline.append((round(started, 1), said))
        stop.wait(1.0)


def health_changes(timeline):
    """The /healthz timeline reduced to its changes."""
    changes, last = [], None
    for at, said in timeline:
        if said != last:
            changes.append({"at_s": at, **said})
            last = said
    return changes


class Editor:
    """Logs in to the admin and adds a series every half second; remembers every
    save it was told succeeded (a redirect to the list, as after a real save)."""

    def __init__(self, log):
        self.log, self.cookies, self.told_saved, self.outcomes = log, {}, [], Counter()

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=10)
        origin = f"https://127.0.0.1:{APP_PORT}"
        headers = {
            **HEADERS,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": origin + path,
            "Origin": origin,
        }
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, value = cookie.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value
            return response.status, response.getheader("Location", ""), response.read()
        finally:
            connection.close()

    def log_in(self):
        self.request("GET", "/admin/login/")
        status, location, _ = self.request(
            "POST",
            "/admin/login/",
            {"username": EDITOR, "password": EDITOR_PASSWORD, "next": "/admin/"},
        )
        if status != 302:
            raise RuntimeError(f"the editor could not log in ({status})")

    def run(self, stop):
        number = 0
        while not stop.is_set():
            number += 1
            name = f"Drill save {number:05d}"
            started = self.log.now()
            try:
                status, location, _ = self.request(
                    "POST",
                    "/admin/newsroom/series/add/",
                    {"name": name, "slug": "", "description": "Saved during the drill"},
                )
            except (OSError, http.client.HTTPException) as error:
                self.outcomes[f"connection: {type(error).__name__}"] += 1
                self.log.add("editor", started, f"connection: {type(error).__name__}")
            else:
                if status == 302 and location.endswith("/admin/newsroom/series/"):
                    self.told_saved.append(name)
                    self.outcomes["saved"] += 1
                else:
                    self.outcomes[status] += 1
                self.log.add("editor", started, status, status)
            stop.wait(0.5)


def page_mix():
    status, body = get("/sitemap.xml")
    articles = [
        urllib.parse.urlsplit(loc).path
        for loc in re.findall(rb"<loc>([^<]+)</loc>", body)
        for loc in [loc.decode()]
        if "/articles/" in loc
    ]
    others = [
        "/",
        "/?page=2",
        "/corrections/",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/search/?q=bridge",
        "/search/?q=convoy+water",
        "/tags/drill/",
        "/series/drill-dispatches/",
    ]
    return articles * 3 + others


def summarise(log, windows, editor, saved_in_db, args, timeline):
    rows = log.rows

    def in_outage(row):
        """Whether the request was under way at some moment of an outage."""
        start, end = row[1], row[1] + row[2]
        return any(start <= up + GRACE and end >= down for _, down, up in windows)

    readers = [r for r in rows if r[0] == "reader"]
    kinds = Counter(str(r[3]) for r in readers)
    five_hundreds = [r for r in readers if isinstance(r[4], int) and r[4] >= 500]
    connection_errors = [r for r in rows if str(r[3]).startswith("connection")]
    steady = [r[2] for r in readers if r[4] == 200 and not in_outage(r)]
    branded = [r[2] for r in readers if r[3] == "503-branded"]
    recovery = {}
    for label, _down, up in windows:
        after = [r[1] for r in readers if r[1] >= up and r[4] == 200]
        recovery[label] = round(min(after) - up, 2) if after else None
    missing = sorted(set(editor.told_saved) - set(saved_in_db))
    return {
        "command": " ".join(sys.argv),
        "seconds": args.seconds,
        "readers": args.readers,
        "gunicorn": f"{args.workers} workers x {args.threads} threads (gthread)",
        "requests": len(readers),
        "requests_per_second": round(len(readers) / args.seconds, 1),
        "responses": dict(sorted(kinds.items())),
        "status_500": sum(1 for r in readers if r[4] == 500),
        "5xx_outside_outages": sum(1 for r in five_hundreds if not in_outage(r)),
        "connection_errors": len(connection_errors),
        "connection_errors_outside_outages": sum(
            1 for r in connection_errors if not in_outage(r)
        ),
        "median_ms_200_outside_outages": round(statistics.median(steady) * 1000, 1)
        if steady
        else None,
        "p95_ms_200_outside_outages": round(
            statistics.quantiles(steady, n=20)[-1] * 1000, 1
        )
        if len(steady) > 20
        else None,
        "median_ms_503": round(statistics.median(branded) * 1000, 1)
        if branded
        else None,
        "max_ms_503": round(max(branded) * 1000, 1) if branded else None,
        "outages": [
            {"what": label, "down_at_s": round(down, 1), "up_at_s": round(up, 1)}
            for label, down, up in windows
        ],
        "first_200_after_restart_s": recovery,
        "healthz": health_changes(timeline),
        "5xx_or_errors_outside_outages_first": [
            {"at_s": round(r[1], 2), "took_s": round(r[2], 2), "kind": str(r[3])}
            for r in rows
            if (str(r[3]).startswith("connection") or (r[4] or 0) >= 500)
            and not in_outage(r)
        ][:10],
        "editor": {
            "attempts": sum(editor.outcomes.values()),
            "outcomes": {str(k): v for k, v in editor.outcomes.items()},
            "told_saved": len(editor.told_saved),
            "told_saved_but_missing": missing,
        },
    }


def drill(args, base):
    postgres, redis, app = OwnPostgres(base), OwnRedis(base), App(base)
    try:
        print("Starting PostgreSQL on 5433 and Redis on 6380 ...", file=sys.stderr)
        postgres.init()
        postgres.start()
        postgres.createdb("newsroom_drill")
        redis.start()
        print("Loading content ...", file=sys.stderr)
        app.prepare(args.articles)
        app.start(args.workers, args.threads)
        paths = page_mix()
        log, stop = Log(), threading.Event()
        editor = Editor(log)
        editor.log_in()
        threads = [
            threading.Thread(target=reader, args=(log, paths, stop, n), daemon=True)
            for n in range(args.readers)
        ]
        threads.append(threading.Thread(target=editor.run, args=(stop,), daemon=True))
        timeline = []
        threads.append(
            threading.Thread(target=monitor, args=(log, stop, timeline), daemon=True)
        )
        print(
            f"Running {args.readers} readers for {args.seconds}s ...", file=sys.stderr
        )
        log.start = time.monotonic()
        for thread in threads:
            thread.start()
        outage = min(15.0, args.seconds / 8)
        windows = []
        plan = [
            ("PostgreSQL", 0.2, postgres.stop, postgres.start),
            ("Redis", 0.55, redis.stop, redis.start),
        ]
        for label, at, down, up in plan:
            time.sleep(max(0.0, args.seconds * at - log.now()))
            down_at = log.now()
            down()
            print(f"  {label} stopped at {down_at:.1f}s", file=sys.stderr)
            time.sleep(outage)
            up()
            up_at = log.now()
            print(f"  {label} back at {up_at:.1f}s", file=sys.stderr)
            windows.append((label, down_at, up_at))
        time.sleep(max(0.0, args.seconds - log.now()))
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        saved = json.loads(app.shell(SAVED_SERIES).strip().splitlines()[-1])
        return summarise(log, windows, editor, saved, args, timeline)
    finally:
        app.stop()
        redis.stop()
        try:
            postgres.stop("immediate")
        except subprocess.CalledProcessError:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    args.seconds = max(20, min(args.seconds, MAX_SECONDS))
    args.readers = max(1, min(args.readers, MAX_READERS))
    for port in (PG_PORT, REDIS_PORT, APP_PORT):
        if not port_is_free(port):
            sys.exit(f"Port {port} is in use; this drill needs it for its own server.")
    base = Path(tempfile.mkdtemp(prefix="newsroom-drill-"))
    base.chmod(0o755)
    try:
        report = drill(args, base)
    finally:
        if args.keep:
            print(f"Kept {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(report, indent=2))
    ok = report["status_500"] == 0 and not report["editor"]["told_saved_but_missing"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
