"""Varnish in front of the two app servers (deploy/varnish/newsroom.vcl, the file
the README gives), purged by surrogate key through the task queue: after an edit,
a correction, an unpublish or a tag rename, the next reader through Varnish gets
the new state, and pages that do not show the change stay cached."""

import http.client
import secrets
import time

import pytest
from django_tasks_db.models import DBTaskResult

from tests.factories import make_interview
from tests.servers.conftest import PASSWORD
from tests.servers.http import Desk, get

CHANGELIST = "/admin/newsroom/article/"


@pytest.fixture
def desk(servers, editor_on_servers):
    return Desk(servers.app1).login(editor_on_servers.username, PASSWORD)


def through(servers, path):
    return get(servers.varnish + path)


def cached(servers, path):
    """Read ``path`` through Varnish until Varnish keeps it; its text."""
    first = through(servers, path)
    assert first.status_code == 200, path
    again = through(servers, path)
    assert again.headers["X-Cache"] == "HIT", path
    return again.text


def purged():
    """Wait (bounded) until the worker has run every task due, and check that
    purges were among them."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        due = DBTaskResult.objects.ready() | DBTaskResult.objects.running()
        if not due.exists():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the task worker did not run the purges within 30 s")
    done = DBTaskResult.objects.filter(task_path__endswith=".purge_edge")
    assert done.successful().exists()
    assert not done.failed().exists()
    DBTaskResult.objects.all().delete()


@pytest.fixture
def pages(servers):
    """An interview and an unrelated one, both kept by Varnish. The names are new
    for each test: what earlier tests wrote stays in the database."""
    n = secrets.token_hex(3)
    article = make_interview(headline=f"Headline Gannet {n}", tags=0)
    article.tags.add(f"Topic Shearwater {n}")
    unrelated = make_interview(headline=f"Headline Puffin {n}")
    for path in (article.get_absolute_url(), unrelated.get_absolute_url()):
        cached(servers, path)
    DBTaskResult.objects.all().delete()
    return article, unrelated


def assert_still_cached(servers, article):
    response = through(servers, article.get_absolute_url())
    assert response.headers["X-Cache"] == "HIT"
    assert article.headline in response.text


def test_pages_reach_varnish_tagged_and_readers_do_not_see_the_keys(servers, pages):
    article, _ = pages
    origin = get(servers.app1 + article.get_absolute_url())
    keys = origin.headers["xkey"].split()
    assert f"article:{article.pk}" in keys
    assert origin.headers["Surrogate-Key"] == origin.headers["xkey"]
    assert origin.headers["Cache-Tag"].split(",") == keys
    assert "s-maxage=21600" in origin.headers["Cache-Control"]
    edge = through(servers, article.get_absolute_url())
    assert edge.headers["X-Cache"] == "HIT"
    for name in ("xkey", "Surrogate-Key", "Cache-Tag"):
        assert name not in edge.headers


def test_an_edit_is_seen_by_the_next_reader(servers, desk, pages):
    article, unrelated = pages
    desk.change(
        f"/admin/newsroom/article/{article.pk}/change/",
        "article_form",
        {"headline": "Headline Skua"},
    )
    purged()
    response = through(servers, article.get_absolute_url())
    assert response.headers["X-Cache"] == "MISS"
    assert "Headline Skua" in response.text
    assert article.headline not in response.text
    assert_still_cached(servers, unrelated)


def test_a_correction_is_seen_by_the_next_reader(servers, desk, pages):
    article, unrelated = pages
    cached(servers, "/corrections/")
    desk.change(
        f"/admin/newsroom/article/{article.pk}/change/",
        "article_form",
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "An earlier version named the wrong harbour.",
        },
    )
    purged()
    for path in (article.get_absolute_url(), "/corrections/"):
        assert "named the wrong harbour" in through(servers, path).text, path
    assert_still_cached(servers, unrelated)


def test_an_unpublished_article_is_gone_for_the_next_reader(servers, desk, pages):
    article, unrelated = pages
    assert article.headline in cached(servers, "/")
    desk.action(CHANGELIST, "unpublish", [article.pk])
    purged()
    assert through(servers, article.get_absolute_url()).status_code == 404
    assert article.headline not in through(servers, "/").text
    # A 404 is not kept: publishing again shows the page at once.
    assert through(servers, article.get_absolute_url()).headers["X-Cache"] == "MISS"
    assert_still_cached(servers, unrelated)


def test_a_renamed_tag_is_seen_by_the_next_reader(servers, desk, pages):
    article, unrelated = pages
    tag = article.tags.get()
    tag_page = f"/tags/{tag.slug}/"
    assert tag.name in cached(servers, tag_page)
    new_name = tag.name.replace("Shearwater", "Fulmar")
    desk.change(f"/admin/taggit/tag/{tag.pk}/change/", "tag_form", {"name": new_name})
    purged()
    page = through(servers, article.get_absolute_url()).text
    assert new_name in page
    assert tag.name not in page
    assert new_name in through(servers, tag_page).text
    assert_still_cached(servers, unrelated)


def purge_from(servers, source, keys):
    host, port = servers.varnish.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(
        host, int(port), timeout=10, source_address=(source, 0)
    )
    try:
        headers = {"xkey-purge": keys} if keys else {}
        connection.request("PURGE", "/", headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_purges_come_only_from_allowed_addresses(servers, pages):
    article, _ = pages
    key = f"article:{article.pk}"
    # The test's site.vcl allows 127.0.0.1 only: another address of this machine
    # stands for anyone else.
    assert purge_from(servers, "127.0.0.2", key)[0] == 403
    assert through(servers, article.get_absolute_url()).headers["X-Cache"] == "HIT"
    assert purge_from(servers, "127.0.0.1", "")[0] == 400
    status, text = purge_from(servers, "127.0.0.1", key)
    assert status == 200
    assert "Purged 1 object(s)" in text
    assert through(servers, article.get_absolute_url()).headers["X-Cache"] == "MISS"
