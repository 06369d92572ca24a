"""RSS and Atom feeds, read by a real feed parser."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from newsroom.models import Article, Byline
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_series,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=1),
    },
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.fixture
def newsroom_setup():
    series = make_series(name="On the Record")
    interviewer = make_contributor(name="Layla Haddad")
    translator = make_contributor(name="Rania Khoury")
    article = make_article(
        series=series,
        headline="Wells run dry in Saraqib",
        dek="A council member on rationing & diesel.",
        tags=["Saraqib", "water"],
    )
    make_byline(article, interviewer, role=Byline.Role.INTERVIEWER)
    make_byline(article, translator, role=Byline.Role.TRANSLATOR)
    return {
        "series": series,
        "interviewer": interviewer,
        "translator": translator,
        "article": article,
    }


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_site_feed_entries_carry_title_link_date_authors_summary_tags(
    client, newsroom_setup, kind
):
    url = "/feed/" if kind == "rss" else "/feed/atom/"
    response, feed = parse(client, url)
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    [entry] = feed.entries
    article = newsroom_setup["article"]
    assert entry.title == "Wells run dry in Saraqib"
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.published_parsed[:5] == article.published_at.utctimetuple()[:5]
    # The summary is HTML: the dek's "&" arrives escaped, for readers to show.
    assert entry.summary == "A council member on rationing &amp; diesel."
    assert sorted(tag.term for tag in entry.tags) == ["Saraqib", "water"]
    authors = [author.get("name") for author in entry.authors]
    assert authors == ["Layla Haddad", "Rania Khoury"]


@pytest.mark.parametrize("kind", ["", "atom/"])
def test_tag_series_and_contributor_feeds_list_their_articles(
    client, newsroom_setup, kind
):
    other = make_interview(headline="Unrelated bakery story")
    article = newsroom_setup["article"]
    for url in [
        f"/tags/saraqib/feed/{kind}",
        f"{newsroom_setup['series'].get_absolute_url()}feed/{kind}",
        f"{newsroom_setup['interviewer'].get_absolute_url()}feed/{kind}",
    ]:
        _, feed = parse(client, url)
        titles = [entry.title for entry in feed.entries]
        assert titles == [article.headline], url
        assert other.headline not in titles


@pytest.mark.parametrize("state", HIDDEN)
def test_feeds_contain_only_published_articles(client, state):
    series = make_series()
    person = make_contributor()
    published = make_article(series=series, tags=["shared"], headline="Public piece")
    make_byline(published, person)
    hidden = make_article(
        series=series, tags=["shared"], headline="Secret piece", **HIDDEN[state]
    )
    make_byline(hidden, person)
    for url in [
        "/feed/",
        "/feed/atom/",
        "/tags/shared/feed/",
        f"{series.get_absolute_url()}feed/atom/",
        f"{person.get_absolute_url()}feed/",
    ]:
        _, feed = parse(client, url)
        titles = [entry.title for entry in feed.entries]
        assert titles == ["Public piece"], url


def test_feed_of_a_tag_only_on_drafts_is_not_found(client):
    make_article(tags=["embargoed topic"], status=Article.Status.DRAFT)
    assert client.get("/tags/embargoed-topic/feed/").status_code == 404


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feed/"),
        ("/tags/saraqib/", "/tags/saraqib/feed/"),
        ("/tags/saraqib/", "/tags/saraqib/feed/atom/"),
    ],
)
def test_pages_advertise_their_feeds(client, newsroom_setup, page, feed):
    html = client.get(page).content.decode()
    assert f'href="{feed}"' in html
    assert 'rel="alternate" type="application/rss+xml"' in html


def test_series_contributor_and_article_pages_advertise_feeds(client, newsroom_setup):
    series_url = newsroom_setup["series"].get_absolute_url()
    person_url = newsroom_setup["interviewer"].get_absolute_url()
    assert f'href="{series_url}feed/"' in client.get(series_url).content.decode()
    assert f'href="{person_url}feed/atom/"' in client.get(person_url).content.decode()
    article_page = client.get(newsroom_setup["article"].get_absolute_url())
    assert 'href="/feed/"' in article_page.content.decode()
