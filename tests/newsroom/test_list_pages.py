"""List pages are their kept frame around prepared teasers
(newsroom/public/list_pages.py): rendered once, then served without a template
while nothing they show has changed, and rendered again as soon as something
has — with the page cache off, so that only the frames are at stake."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsroom.public import list_pages, page_cache, prepared
from tests.factories import make_article, make_byline, make_contributor, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    list_pages.forget()
    return Client()


def rendered_templates(response):
    return [template.name for template in response.templates]


def test_a_list_page_renders_its_template_once(reader):
    series = make_series(name="Series Avocet")
    for _ in range(3):
        prepared.prepare(make_article(series=series).pk)
    first = reader.get(series.get_absolute_url())
    assert "newsroom/series_detail.html" in rendered_templates(first)
    again = reader.get(series.get_absolute_url())
    assert rendered_templates(again) == []
    assert again.content == first.content
    assert again.content.decode().count('class="teaser"') == 3


def test_the_frame_follows_a_renamed_contributor_and_their_bio(
    reader, django_capture_on_commit_callbacks
):
    person = make_contributor(name="Writer Sanderling", bio="Bio Knot.")
    make_byline(make_article(), person)
    url = person.get_absolute_url()
    page = reader.get(url).content.decode()
    assert "Writer Sanderling" in page and "Bio Knot." in page
    reader.get(url)  # served from the frame
    with django_capture_on_commit_callbacks(execute=True):
        person.name, person.bio = "Writer Dunlin", "Bio Stint."
        person.save()
    page = reader.get(url).content.decode()
    assert "<title>Writer Dunlin" in page
    assert 'property="og:title" content="Writer Dunlin"' in page
    assert "Bio Stint." in page
    assert "Sanderling" not in page and "Bio Knot." not in page


def test_a_new_article_moves_the_page_links(reader, django_capture_on_commit_callbacks):
    series = make_series(name="Series Turnstone")
    for _ in range(20):
        make_article(series=series)
    url = series.get_absolute_url()
    assert 'rel="next"' not in reader.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Headline Godwit", series=series)
    page = reader.get(url).content.decode()
    assert 'rel="next"' in page and "Headline Godwit" not in page
    second = reader.get(url + "?page=2").content.decode()
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert second.count('class="teaser"') == 1 and "Headline Godwit" in second


def test_an_empty_page_of_a_list_says_so(reader):
    page = reader.get("/").content.decode()
    assert "Nothing has been published yet." in page
    assert reader.get("/").content.decode() == page


def test_a_frame_built_while_a_change_commits_is_not_kept(reader, monkeypatch):
    series = make_series(name="Series Redshank")
    make_article(series=series)
    url = series.get_absolute_url()
    reader.get(url)  # every key the page shows has a version now
    read_versions = list_pages.read_versions

    def a_change_commits_meanwhile(view, rows, context):
        # What the page shows changed after it was read, before the versions
        # were: the page answers with what it read, but its frame is not kept.
        page_cache.bump(page_cache.subject_page_keys(series))
        return read_versions(view, rows, context)

    monkeypatch.setattr(list_pages, "read_versions", a_change_commits_meanwhile)
    assert reader.get(url).status_code == 200
    monkeypatch.setattr(list_pages, "read_versions", read_versions)
    assert "newsroom/series_detail.html" in rendered_templates(reader.get(url))
    assert rendered_templates(reader.get(url)) == []


def test_a_scheduled_article_going_live_moves_the_page_links(reader):
    # Nothing is written when a scheduled article goes live: the page links
    # follow the rows read, not the kept frame.
    series = make_series(name="Series Whimbrel")
    go_live = timezone.now() + timedelta(hours=1)
    with time_machine.travel(go_live - timedelta(minutes=1), tick=False):
        for _ in range(20):
            make_article(series=series)
        make_article(series=series, published_at=go_live, headline="Headline Ruff")
        url = series.get_absolute_url()
        assert 'rel="next"' not in reader.get(url).content.decode()
    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        page = reader.get(url).content.decode()
    assert 'rel="next"' in page and "Headline Ruff" in page


def test_the_frame_is_the_requested_sites_own(reader):
    make_article()
    plain = reader.get("/", HTTP_HOST="localhost").content.decode()
    other = reader.get("/", HTTP_HOST="127.0.0.1", secure=True).content.decode()
    assert 'rel="canonical" href="http://localhost/"' in plain
    assert 'rel="canonical" href="https://127.0.0.1/"' in other
