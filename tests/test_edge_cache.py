"""The edge cache in front (newsroom/infra/edge.py), in process: readers' pages carry
their page-cache keys as surrogate keys; a change purges exactly the keys it moved,
once each, through the purger the settings name; the edge never keeps a page past
the next scheduled publication. The real Varnish: tests/servers/test_edge_cache.py."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsroom.desk import workflow
from newsroom.infra import edge
from newsroom.public import page_cache
from tests.factories import make_article, make_interview
from tests.servers.processes import BASE_PORT

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingPurger:
    """A purger that remembers what it was asked to purge."""

    def purge(self, keys):
        PURGED.append(sorted(keys))


@pytest.fixture
def purging(settings, page_cache):
    settings.NEWSROOM_EDGE_PURGER = "tests.test_edge_cache.RecordingPurger"
    PURGED.clear()
    yield PURGED
    PURGED.clear()


@pytest.fixture
def reader(page_cache):
    return Client()


def test_reader_pages_carry_their_keys_for_every_kind_of_edge(reader):
    article = make_interview(headline="Headline Avocet")
    response = reader.get(article.get_absolute_url())
    keys = response["xkey"].split(" ")
    assert f"article:{article.pk}" in keys
    assert any(key.startswith("taggit.tag:") for key in keys)
    assert response["Surrogate-Key"] == response["xkey"]
    assert response["Cache-Tag"] == ",".join(keys)
    # The front page shows the site's lists, and what every page shows (the site
    # settings' share image).
    assert set(reader.get("/")["xkey"].split(" ")) == {
        page_cache.SITE,
        page_cache.EVERY_PAGE,
    }
    kept = reader.get(article.get_absolute_url())
    assert kept["X-Page-Cache"] == "hit"
    assert kept["xkey"] == response["xkey"]


def test_pages_not_kept_carry_no_keys(reader, editor_client):
    draft = make_article(status="draft", published_at=None)
    assert "xkey" not in reader.get(draft.get_absolute_url())
    assert "xkey" not in reader.get("/admin/login/")
    published = make_interview()
    assert "xkey" not in editor_client.get(published.get_absolute_url())


def test_a_change_purges_each_key_it_moved_once(
    purging, reader, django_capture_on_commit_callbacks, monkeypatch
):
    article = make_interview(headline="Headline Dunlin")
    other = make_interview(headline="Headline Knot")
    page_keys = set(reader.get(article.get_absolute_url())["xkey"].split())
    other_keys = set(reader.get(other.get_absolute_url())["xkey"].split())
    moved = []
    bump = page_cache.bump

    def recording_bump(keys):
        moved.append(set(keys))
        bump(keys)

    monkeypatch.setattr(page_cache, "bump", recording_bump)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_correction(
            article=article, kind="correction", text="Fix Sanderling.", by=None
        )
    assert len(purging) == len(moved) == 1
    assert purging[0] == sorted(moved[0])
    # The article's page goes by its own key (the people it shows did not change).
    assert f"article:{article.pk}" in page_keys & set(purging[0])
    assert f"article:{other.pk}" not in purging[0]
    assert other_keys - {page_cache.SITE} - set(purging[0])
    assert "Fix Sanderling." in reader.get(article.get_absolute_url()).content.decode()


@pytest.mark.usefixtures("reader")
def test_nothing_is_purged_without_a_purger(settings, monkeypatch):
    settings.NEWSROOM_EDGE_PURGER = ""
    monkeypatch.setattr(edge, "purge_edge", None)  # any purge would fail
    page_cache.bump({"article:1", page_cache.SITE})


def test_the_edge_keeps_pages_as_long_as_the_setting_says(reader, settings):
    settings.NEWSROOM_CDN_MAX_AGE = 21600
    article = make_interview()
    for _ in range(2):
        control = reader.get(article.get_absolute_url())["Cache-Control"]
        assert "s-maxage=21600" in control


def test_the_edge_keeps_no_page_past_the_next_scheduled_publication(
    reader, settings, purging
):
    settings.NEWSROOM_CDN_MAX_AGE = 21600
    article = make_interview(headline="Headline Whimbrel")
    start = timezone.now()
    make_article(
        headline="Headline Godwit",
        status="published",
        published_at=start + timedelta(minutes=10),
    )
    with time_machine.travel(start, tick=False):
        page_cache.bump({page_cache.SITE})  # a schedule is read after a change
        built = reader.get("/")
        assert "s-maxage=600" in built["Cache-Control"]
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        kept = reader.get("/")
        assert kept["X-Page-Cache"] == "hit"
        assert "s-maxage=360" in kept["Cache-Control"]
        assert "s-maxage=360" in reader.get(article.get_absolute_url())["Cache-Control"]
    purging.clear()
    with time_machine.travel(start + timedelta(minutes=10, seconds=1), tick=False):
        home = reader.get("/")
        assert "Headline Godwit" in home.content.decode()
        # The first request after the publication purges the lists that show it.
        assert page_cache.SITE in purging[0]
        assert "s-maxage=21600" in home["Cache-Control"]


# -- purgers against an HTTP server of the test's own ----------------------------


class Recorder(BaseHTTPRequestHandler):
    requests = []
    status = 200

    def _answer(self):
        Recorder.requests.append((self.command, self.path, self.headers))
        self.send_response(Recorder.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_PURGE = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def edge_server():
    Recorder.requests, Recorder.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", BASE_PORT + 30), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{BASE_PORT + 30}"
    server.shutdown()
    server.server_close()


def test_varnish_purger_sends_each_key_once_in_batches(edge_server):
    keys = [f"article:{n}" for n in range(250)] + ["article:7"]
    edge.VarnishPurger(urls=[edge_server]).purge(keys)
    assert [method for method, _, _ in Recorder.requests] == ["PURGE"] * 3
    sent = [h["xkey-purge"].split() for _, _, h in Recorder.requests]
    assert sorted(key for batch in sent for key in batch) == sorted(set(keys))


def test_fastly_purger_uses_the_purge_by_key_api(edge_server, settings):
    settings.NEWSROOM_FASTLY_API_URL = edge_server
    settings.NEWSROOM_FASTLY_SERVICE_ID = "SERVICE123"
    settings.NEWSROOM_FASTLY_API_TOKEN = "token-abc"
    edge.FastlyPurger().purge(["site", "article:3"])
    [(method, path, headers)] = Recorder.requests
    assert (method, path) == ("POST", "/service/SERVICE123/purge")
    assert headers["Fastly-Key"] == "token-abc"
    assert headers["Surrogate-Key"] == "article:3 site"


def test_a_purge_the_edge_refuses_raises(edge_server):
    Recorder.status = 503
    with pytest.raises(OSError):
        edge.VarnishPurger(urls=[edge_server]).purge(["site"])
