"""Real servers on 127.0.0.1, started by the tests and stopped after them (marker
``servers``): the S3 endpoint (moto's standalone server) for the object-storage
tests; and, for the production tests, two gunicorn app servers with the
production settings (DEBUG off), a task worker, and Varnish in front with
deploy/varnish/newsroom.vcl, sharing the test run's PostgreSQL database and a Redis
database (NEWSROOM_TEST_REDIS_URL, emptied by the tests).

The production tests need PostgreSQL (they run in the PostgreSQL pass of
`make test`; on SQLite the test database lives in the test process's memory) and
Debian's varnish and varnish-modules. Without them they are skipped, unless
NEWSROOM_TEST_SERVERS=required (as in .ci/run), which makes them fail.
"""

import os
import secrets
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

from tests.servers.processes import PORTS, ROOT, Server, program, unavailable

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"

# The test's site.vcl: the two app servers, round robin; purges from this machine.
SITE_VCL = """
import directors;
backend app1 {{ .host = "127.0.0.1"; .port = "{app1}"; }}
backend app2 {{ .host = "127.0.0.1"; .port = "{app2}"; }}
sub vcl_init {{
    new newsroom = directors.round_robin();
    newsroom.add_backend(app1);
    newsroom.add_backend(app2);
}}
acl purgers {{ "127.0.0.1"; }}
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/servers/" in str(item.fspath):
            item.add_marker(pytest.mark.servers)


# -- the S3 endpoint -------------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """moto's S3 server on 127.0.0.1; its URL."""
    moto = program("moto_server")
    if moto is None:
        unavailable('moto_server not found: pip install -e ".[dev]"')
    port = PORTS["s3"]
    server = Server(
        "moto",
        [moto, "-H", "127.0.0.1", "-p", str(port)],
        log_dir=tmp_path_factory.mktemp("moto"),
    )
    url = f"http://127.0.0.1:{port}"
    server.wait_for(f"{url}/moto-api/")
    yield url
    server.stop()


# -- production: two app servers, a worker, Varnish ------------------------------------


@dataclass
class Production:
    app1: str
    app2: str
    varnish: str
    media_root: Path
    varnish_admin: list

    def reset_caches(self):
        """Empty Redis and Varnish: tests share URLs (/, /feed/) across a database
        flushed between them."""
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        subprocess.run(
            [*self.varnish_admin, "ban", "req.url ~ ."],
            check=True,
            capture_output=True,
            timeout=10,
        )


def _database_url(connection):
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        unavailable(f"Redis not reachable at {REDIS_URL}: {error}")


def production_env(tmp, database_url):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "S3_", "NEWSROOM_", "GUNICORN_")
        )
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1 here; in production the load balancer ends TLS.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        NEWSROOM_EDGE_PURGER="varnish",
        NEWSROOM_VARNISH_URLS=f"http://127.0.0.1:{PORTS['varnish']}",
        WEB_CONCURRENCY="2",
    )
    return env


@pytest.fixture(scope="session")
def production(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "two app servers share a PostgreSQL database: run with "
            "DATABASE_URL=postgres://… (the PostgreSQL pass of .ci/run)"
        )
    varnishd = program("varnishd")
    if varnishd is None:
        unavailable("varnishd not found: apt-get install varnish varnish-modules")
    _redis_or_skip()
    with django_db_blocker.unblock():
        own_database = _test_database(connection)
    tmp = tmp_path_factory.mktemp("production")
    env = production_env(tmp, _database_url(connection))
    python = program("python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    servers = []
    try:
        for name in ("app1", "app2"):
            server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{PORTS[name]}"}
            servers.append(
                Server(name, [program("gunicorn")], env=server_env, log_dir=tmp)
            )
        servers.append(
            Server(
                "worker",
                [python, "manage.py", "db_worker", "--queue-name", "*"]
                + ["--interval", "0.1", "--no-startup-delay", "--no-reload"],
                env=env,
                log_dir=tmp,
            )
        )
        varnish, varnish_admin = _start_varnish(varnishd, tmp)
        servers.append(varnish)
        for name, server in zip(("app1", "app2"), servers, strict=False):
            server.wait_for(f"http://127.0.0.1:{PORTS[name]}/healthz")
        varnish_url = f"http://127.0.0.1:{PORTS['varnish']}"
        varnish.wait_for(f"{varnish_url}/healthz")
        yield Production(
            app1=f"http://127.0.0.1:{PORTS['app1']}",
            app2=f"http://127.0.0.1:{PORTS['app2']}",
            varnish=varnish_url,
            media_root=tmp / "media",
            varnish_admin=varnish_admin,
        )
    finally:
        # Before the test database is dropped: the servers hold connections to it.
        for server in reversed(servers):
            server.stop()
        with django_db_blocker.unblock():
            _wait_for_disconnections(connection)
        if own_database:
            with django_db_blocker.unblock():
                teardown_databases(own_database, verbosity=0)


def _wait_for_disconnections(connection, timeout=5):
    """Wait until the stopped servers' sessions have left the test database (a
    process killed after its grace time leaves its session behind for a moment),
    so that it can be dropped; then end those that remain. Asked from the server's
    maintenance database, so that no session of this check stays behind."""
    name = connection.settings_dict["NAME"]
    connections.close_all()
    maintenance = _database_url(connection).rsplit("/", 1)[0] + "/postgres"
    others = "SELECT pid FROM pg_stat_activity WHERE datname = %s"
    deadline = time.monotonic() + timeout
    with psycopg.connect(maintenance, autocommit=True) as admin:
        while time.monotonic() < deadline:
            if not admin.execute(others, [name]).fetchall():
                return
            time.sleep(0.2)
        admin.execute(
            f"SELECT pg_terminate_backend(pid) FROM ({others}) AS left_over", [name]
        )


def _test_database(connection):
    """pytest-django sets the test database up only when a test with a
    ``django_db`` mark (or the ``db`` fixture) was collected; these tests have
    none, so that their writes are committed. Run alone, they set it up here."""
    if connection.settings_dict["NAME"].startswith("test_"):
        return None
    return setup_databases(verbosity=0, interactive=False, aliases={"default"})


def _start_varnish(varnishd, tmp):
    vcl_dir = tmp / "vcl"
    vcl_dir.mkdir()
    (vcl_dir / "site.vcl").write_text(
        SITE_VCL.format(app1=PORTS["app1"], app2=PORTS["app2"])
    )
    secret = tmp / "varnish-secret"
    secret.write_text(secrets.token_hex(16))
    admin_address = f"127.0.0.1:{PORTS['varnish'] + 1}"
    command = [
        varnishd,
        "-F",
        "-j",
        "none",
        "-n",
        str(tmp / "varnish"),
        "-a",
        f"127.0.0.1:{PORTS['varnish']}",
        "-T",
        admin_address,
        "-S",
        str(secret),
        "-f",
        str(VCL),
        "-p",
        f"vcl_path={vcl_dir}:{VCL.parent}",
        "-s",
        "malloc,64m",
    ]
    admin = [
        program("varnishadm"),
        "-T",
        admin_address,
        "-S",
        str(secret),
    ]
    return Server("varnish", command, log_dir=tmp), admin


PASSWORD = "two servers, one desk"


@pytest.fixture
def servers(production, django_db_blocker):
    """The production set-up, with empty caches. The test writes to the database
    outside any test transaction, so that the servers read what it wrote: its
    rows stay (names are unique) until the test database is dropped. These tests
    run after all others (pytest-django runs tests with no ``django_db`` mark
    last), since a flush between tests would give the content types new ids that
    the servers' processes do not know."""
    production.reset_caches()
    with django_db_blocker.unblock():
        yield production


@pytest.fixture
def editor_on_servers(servers):
    """A superuser whose password the servers can check: they hash with Django's
    default hasher, not the fast one the in-process tests use."""
    hasher = PBKDF2PasswordHasher()
    user, created = get_user_model().objects.get_or_create(
        username="server-editor",
        defaults={"is_staff": True, "is_superuser": True},
    )
    if created:
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save()
    return user
