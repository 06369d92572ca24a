"""When a part fails: the database (503, /healthz, recovery), Redis (pages still
served), a full disk (a form error, no row pointing at a missing file), a crash in
the middle of an import (nothing left behind)."""

import errno
import json
import logging
import os
import socket
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from interviews import services as interview_services
from interviews.models import Interviewee, Segment
from interviews.transcript import parse_transcript
from newsroom.content import images, search
from newsroom.infra.faults import TolerantRedisCache
from newsroom.models import Article, Byline, Contributor
from tests.factories import (
    attach_headshot,
    image_bytes,
    make_contributor,
    make_interview,
    upload,
)
from tests.newsroom.test_images import contributor_form, media_files

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


class Outage:
    """``stop()``: every query fails the way psycopg fails when PostgreSQL is
    stopped; ``start()``: the database is back."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def stop(self):
        def refuse(*args, **kwargs):
            raise OperationalError(REFUSED)

        self.monkeypatch.setattr(connection, "cursor", refuse)
        self.monkeypatch.setattr(connection, "chunked_cursor", refuse)

    def start(self):
        self.monkeypatch.undo()


@pytest.fixture
def database(monkeypatch):
    return Outage(monkeypatch)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings, monkeypatch):
    # The warning is logged at most every few seconds per process: each test
    # starts as if none had been logged yet, whatever ran before it.
    monkeypatch.setattr(TolerantRedisCache, "_last_warning", float("-inf"))
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.infra.faults.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


# -- the database is down ---------------------------------------------------------


def test_readers_get_the_branded_503_page_while_the_database_is_down(client, database):
    article = make_interview(headline="Marker headline of a live article")
    database.stop()
    for url in ("/", article.get_absolute_url(), "/search/?q=bridge", "/feed/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "We are back in a moment" in response.text
        assert "try again in about 30 seconds" in response.text
        assert "Traceback" not in response.text and "5432" not in response.text
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
    database.start()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Marker headline of a live article" in response.text


def test_the_admin_also_answers_503_while_the_database_is_down(editor_client, database):
    database.stop()
    response = editor_client.get(reverse("admin:newsroom_article_changelist"))
    assert response.status_code == 503
    assert "We are back in a moment" in response.text


def test_the_outage_is_logged_without_a_traceback_page(client, database, caplog):
    database.stop()
    with caplog.at_level(logging.ERROR, logger="newsroom.infra.faults"):
        client.get("/")
    assert "Database unavailable, answered 503 to GET /" in caplog.text


class FailingAfterTheView:
    """Stands for a middleware that reaches the database after the view (a
    session being saved) at a moment it is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.GET.get("fail") == "database":
            raise OperationalError(REFUSED)
        if request.GET.get("fail") == "bug":
            raise ValueError("an ordinary bug")
        return response


@pytest.fixture
def failing_middleware(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailingAfterTheView"]
    return Client(raise_request_exception=False)


def test_a_database_error_outside_a_view_also_gets_the_503_page(failing_middleware):
    response = failing_middleware.get("/?fail=database")
    assert response.status_code == 503
    assert "We are back in a moment" in response.text
    assert response["Retry-After"] == "30"


def test_other_errors_still_get_the_500_page(failing_middleware):
    response = failing_middleware.get("/?fail=bug")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text


def test_a_stopped_postgresql_gives_503_and_healthz_says_so_without_secrets():
    """A real connection attempt to a PostgreSQL that is not listening, in a
    separate process with production-style settings."""
    url = f"postgres://newsroom:hunter2-db-secret@127.0.0.1:{closed_port()}/newsroom"
    script = (
        "import json, django; django.setup();"
        "from django.conf import settings; from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "page, health = c.get('/'), c.get('/healthz');"
        "print(json.dumps([settings.DATABASES['default']['OPTIONS'],"
        " page.status_code, page['Retry-After'], health.status_code,"
        " health.content.decode()]))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "1",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    options, page, retry_after, health_status, health = json.loads(
        result.stdout.splitlines()[-1]
    )
    assert options["connect_timeout"] == 2
    assert (page, retry_after, health_status) == (503, "30", 503)
    assert json.loads(health) == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }
    assert "hunter2" not in health and "127.0.0.1" not in health


# -- /healthz ---------------------------------------------------------------------


def test_healthz_reports_everything_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_says_the_database_is_down(client, database):
    database.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert "no-store" in response["Cache-Control"]


def test_healthz_says_the_cache_is_down_but_the_site_works(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }


# -- Redis is down ----------------------------------------------------------------


def test_pages_are_served_while_redis_is_down(client, redis_down, caplog):
    article = make_interview(headline="Marker headline served without Redis")
    with caplog.at_level(logging.WARNING, logger="newsroom.infra.faults"):
        assert client.get("/").status_code == 200
        response = client.get(article.get_absolute_url())
        assert cache.get("anything", "missed") == "missed"
        cache.set("anything", "value")
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.add("a", 1) is False
    assert response.status_code == 200
    assert "Marker headline served without Redis" in response.text
    assert "Cache unavailable" in caplog.text


def test_the_tolerant_cache_works_with_a_running_redis(settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.infra.faults.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": f"newsroom-test-{os.getpid()}",
        }
    }
    cache.set("marker", {"kept": True}, 30)
    assert cache.get("marker") == {"kept": True}
    assert cache.is_available() is True
    cache.delete("marker")


# -- a full disk ------------------------------------------------------------------


def test_disk_full_while_replacing_a_headshot_keeps_the_old_one_whole(
    editor_client, monkeypatch
):
    person = attach_headshot(make_contributor(name="Full Disk Person"), image_bytes())
    before = person.headshot_renditions
    files_before = media_files()

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    response = editor_client.post(
        reverse("admin:newsroom_contributor_change", args=[person.pk]),
        contributor_form(
            name="Full Disk Person",
            slug=person.slug,
            headshot=upload(image_bytes(900, 900), "new.jpg"),
        ),
    )
    assert response.status_code == 200
    assert "could not be stored (No space left on device)" in response.text
    person.refresh_from_db()
    assert person.headshot_renditions == before
    assert media_files() == files_before
    for name in [person.headshot.name, *images.stored_names(before)]:
        assert default_storage.exists(name), name


def test_disk_full_in_the_middle_of_an_upload_leaves_no_truncated_file(
    editor_client, monkeypatch
):
    """The disk fills while the file is being written: what was written so far is
    removed, the form says so, and the database is as it was."""
    person = make_contributor(name="Half Written Person")
    written = []

    def fills_up(self, chunk_size=None):
        data = self.read()
        written.append(len(data) // 2)
        yield data[: len(data) // 2]  # on disk: half of the file
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ContentFile, "chunks", fills_up)
    response = editor_client.post(
        reverse("admin:newsroom_contributor_change", args=[person.pk]),
        contributor_form(
            name="Half Written Person",
            slug=person.slug,
            headshot=upload(image_bytes(900, 900), "new.jpg"),
        ),
    )
    monkeypatch.undo()
    assert written, "nothing was written before the disk filled"
    assert response.status_code == 200
    assert "could not be stored (No space left on device)" in response.text
    person.refresh_from_db()
    assert not person.headshot and person.headshot_renditions == {}
    assert media_files() == []


# -- a crash in the middle of an import -------------------------------------------

TRANSCRIPT = """Series: Field Notes
Headline: Marker headline of an import that crashes
Date: 2026-10-02

Millers in Saraqib stopped work this week.

Q: How much grain is left?
A: Enough for a week.

Q: And after that?
A: We wait for the convoy.

Q: Who pays the millers?
A: The council, when it can.

Rami Haddad
Rami Haddad is a reporter based in Idlib.
"""


def counts():
    return [
        model.objects.count()
        for model in (Article, Segment, Byline, Contributor, Interviewee)
    ]


@pytest.mark.parametrize("crash_at", ["second segment", "contributor bios"])
def test_a_crash_in_the_middle_of_an_import_leaves_nothing(monkeypatch, crash_at):
    interviewer = make_contributor(name="Nadia Karim")
    before = counts()
    if crash_at == "second segment":
        real_save = Segment.save
        saved = []

        def crashing_save(self, *args, **kwargs):
            if len(saved) == 1:
                raise RuntimeError("the process was killed")
            saved.append(self)
            return real_save(self, *args, **kwargs)

        monkeypatch.setattr(Segment, "save", crashing_save)
    else:

        def crashing_bios(**kwargs):
            raise RuntimeError("the process was killed")

        monkeypatch.setattr(
            interview_services, "find_or_create_contributor", crashing_bios
        )
    with pytest.raises(RuntimeError, match="killed"):
        interview_services.import_transcript(
            transcript=parse_transcript(TRANSCRIPT), interviewer=interviewer
        )
    assert counts() == before
    assert not Article.objects.filter(headline__contains="Marker headline").exists()


def test_a_crash_in_the_import_command_leaves_nothing(monkeypatch, tmp_path):
    path = tmp_path / "crash.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    before = counts()

    def crashing_update(*args, **kwargs):
        raise RuntimeError("the process was killed")

    # The write path's last step before the commit: the search document.
    monkeypatch.setattr(search, "update_search_document", crashing_update)
    with pytest.raises(RuntimeError, match="killed"):
        call_command("import_transcript", str(path), stdout=StringIO())
    assert counts() == before
