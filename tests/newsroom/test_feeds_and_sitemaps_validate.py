"""Every feed parses cleanly (feedparser) and every sitemap is valid against the
sitemaps.org schema, with English and Arabic content."""

from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from newsroom.models import Article
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_correction,
    make_series,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "sitemaps"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture
def site():
    series = make_series(name="On the Record", description="Translated interviews.")
    person = make_contributor(name="Layla Haddad", bio_ar="صحفية في عمّان.")
    original = make_article(
        headline="مزارع: الألواح الشمسية أنقذت الموسم & المضخات <تتوقف>",
        dek="مقابلة عن الطاقة في كفرتخاريم",
        language=Article.Language.ARABIC,
        series=series,
        tags=["كفرتخاريم", "Kafr Takharim"],
        published_at=timezone.now() - timedelta(hours=3),
    )
    translation = make_article(
        headline="Solar panels saved the harvest, says a farmer",
        translation_of=original,
        series=series,
        tags=["Kafr Takharim"],
        published_at=timezone.now() - timedelta(hours=2),
    )
    make_article(
        headline="An older interview", published_at=timezone.now() - timedelta(days=9)
    )
    for article in (original, translation):
        make_byline(article, person)
    make_correction(translation)
    return {"series": series, "person": person, "tag": "kafr-takharim"}


def valid(client, url, xsd):
    response = client.get(url)
    assert response.status_code == 200, url
    document = etree.fromstring(response.content)
    checker = schema(xsd)
    assert checker.validate(document), (url, str(checker.error_log))
    return document


def test_the_sitemap_index_and_every_sitemap_in_it_are_valid(client, site):
    index = valid(client, "/sitemap.xml", "siteindex.xsd")
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert len(locations) == 4
    for location in locations:
        urlset = valid(client, location.removeprefix("http://testserver"), "urlset.xsd")
        assert urlset.findall("sm:url", NS)


def test_the_news_sitemap_is_valid_with_arabic_headlines(client, site):
    urlset = valid(client, "/sitemap-news.xml", "urlset.xsd")
    titles = urlset.findall(".//{http://www.google.com/schemas/sitemap-news/0.9}title")
    assert {t.text for t in titles} >= {
        "مزارع: الألواح الشمسية أنقذت الموسم & المضخات <تتوقف>"
    }


def test_the_schema_check_refuses_an_empty_news_sitemap():
    """Why the news sitemap is left out when nothing is recent: a <urlset> with
    no <url> is invalid."""
    empty = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    )
    assert not schema("urlset.xsd").validate(empty)


@pytest.fixture
def feed_urls(site):
    series, person = site["series"], site["person"]
    bases = [
        "/",
        f"/tags/{site['tag']}/",
        series.get_absolute_url(),
        person.get_absolute_url(),
    ]
    return [f"{base}feed/{kind}" for base in bases for kind in ("", "atom/")]


def test_every_feed_parses_without_error(client, feed_urls):
    for url in feed_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.entries, url
        for entry in parsed.entries:
            assert entry.title and entry.link and entry.get("published"), url
