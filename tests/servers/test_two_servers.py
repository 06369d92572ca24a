"""Two gunicorn app servers with the production settings (DEBUG off), one
PostgreSQL, one Redis: what an editor saves through one, readers get at once
through the other — the page, the feeds, search, and an uploaded image."""

import re

import pytest

from tests.factories import (
    image_bytes,
    make_byline,
    make_contributor,
    make_interview,
)
from tests.servers.conftest import PASSWORD
from tests.servers.http import Desk, get


@pytest.fixture
def desk(servers, editor_on_servers):
    return Desk(servers.app1).login(editor_on_servers.username, PASSWORD)


def read(url):
    response = get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.text


def read_twice(url):
    """Read a page until the second server keeps it in its page cache."""
    read(url)
    response = get(url)
    assert response.headers["X-Page-Cache"] == "hit", url
    return response.text


def test_an_edit_through_one_server_shows_at_once_through_the_other(servers, desk):
    article = make_interview(headline="Headline Pelican", tags=0)
    article.tags.add("Topic Bittern")
    other = servers.app2
    pages = {
        "article": other + article.get_absolute_url(),
        "feed": other + "/feed/",
        "atom": other + "/feed/atom/",
        "tag feed": other + "/tags/topic-bittern/feed/",
    }
    search = other + "/search/?q={}"
    link = f'href="{article.get_absolute_url()}'
    for url in pages.values():
        assert "Headline Pelican" in read_twice(url), url
    assert link in read_twice(search.format("pelican"))

    desk.change(
        f"/admin/newsroom/article/{article.pk}/change/",
        "article_form",
        {"headline": "Headline Cormorant"},
    )

    for name, url in pages.items():
        page = read(url)
        assert "Headline Cormorant" in page, name
        assert "Headline Pelican" not in page, name
    assert link in read(search.format("cormorant"))
    assert link not in read(search.format("pelican"))


def test_an_upload_through_one_server_is_served_by_the_other(servers, desk):
    contributor = make_contributor(name="Pictured Heron")
    make_byline(make_interview(bylines=0), contributor)
    page_url = servers.app2 + contributor.get_absolute_url()
    assert "<img" not in read(page_url).split("<main", 1)[-1]

    desk.change(
        f"/admin/newsroom/contributor/{contributor.pk}/change/",
        "contributor_form",
        {},
        files={"headshot": ("face.jpg", image_bytes(900, 700), "image/jpeg")},
    )

    page = read(page_url)
    sources = set(re.findall(r"/media/headshots/[0-9a-f]{32}[-\w]*\.\w+", page))
    assert {name.rsplit(".", 1)[1] for name in sources} == {"webp", "jpg"}
    for source in sources:
        response = get(servers.app2 + source)
        assert response.status_code == 200, source
        assert response.headers["Content-Type"] in ("image/webp", "image/jpeg")
        assert response.headers["Cache-Control"] == (
            "public, max-age=31536000, immutable"
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.content[:4] in (
            b"RIFF",
            b"\xff\xd8\xff\xe0",
            b"\xff\xd8\xff\xdb",
        )
