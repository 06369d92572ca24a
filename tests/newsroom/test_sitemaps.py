"""Sitemaps and robots.txt: valid XML, every public page, nothing unpublished."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Article
from newsroom.public.sitemaps import ArticleSitemap
from tests.factories import make_article, make_byline, make_contributor, make_series

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def sitemap(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


@pytest.fixture
def site():
    series = make_series(name="Field Notes")
    person = make_contributor(name="Tarek Obeid")
    public = make_article(
        headline="Public bread prices",
        series=series,
        tags=["bread"],
        published_at=timezone.now() - timedelta(hours=2),
    )
    make_byline(public, person)
    draft_only = make_contributor(name="Hidden Person")
    draft = make_article(
        headline="Draft piece",
        status=Article.Status.DRAFT,
        series=make_series(name="Secret Series"),
        tags=["secret-topic"],
    )
    make_byline(draft, draft_only)
    scheduled = make_article(
        headline="Scheduled piece",
        published_at=timezone.now() + timedelta(hours=3),
        tags=["future-topic"],
    )
    return {"public": public, "draft": draft, "scheduled": scheduled, "person": person}


def indexed_sitemaps(client):
    index = sitemap(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [
        entry.findtext("sm:loc", namespaces=NS)
        for entry in index.findall("sm:sitemap", NS)
    ]


def all_locations(client):
    """Every address of every sitemap the index lists."""
    urls = {}
    for url in indexed_sitemaps(client):
        urls.update(locations(sitemap(client, url)))
    return urls


def test_sitemap_index_lists_one_sitemap_per_kind_of_page(client, site):
    assert indexed_sitemaps(client) == [
        f"http://testserver/sitemap-{part}.xml"
        for part in ["articles", "tags", "series", "contributors"]
    ]


def test_sitemap_lists_published_articles_tags_series_and_contributors(client, site):
    urls = all_locations(client)
    base = "http://testserver"
    expected = {
        base + site["public"].get_absolute_url(),
        base + "/tags/bread/",
        base + "/series/field-notes/",
        base + site["person"].get_absolute_url(),
    }
    assert set(urls) == expected
    assert all(urls[url] for url in expected), "every entry has a lastmod"
    assert urls[base + site["public"].get_absolute_url()] == (
        site["public"].updated_at.date().isoformat()
    )


def test_sitemaps_leave_out_everything_unpublished(client, site):
    for url in [*indexed_sitemaps(client), "/sitemap-news.xml"]:
        text = client.get(url).content.decode()
        for secret in [
            site["draft"].slug,
            site["scheduled"].slug,
            "secret-topic",
            "future-topic",
            "secret-series",
            "hidden-person",
        ]:
            assert secret not in text, (url, secret)


def test_news_sitemap_has_articles_of_the_last_48_hours_with_news_tags(client, site):
    old = make_article(
        headline="Older piece", published_at=timezone.now() - timedelta(hours=49)
    )
    root = sitemap(client, "/sitemap-news.xml")
    urls = root.findall("sm:url", NS)
    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [
        f"http://testserver{site['public'].get_absolute_url()}"
    ]
    assert old.slug not in ET.tostring(root, encoding="unicode")
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:title", namespaces=NS) == "Public bread prices"
    assert news.findtext("news:publication/news:name", namespaces=NS)
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published.startswith(site["public"].published_at.date().isoformat())


def test_robots_txt_points_at_both_sitemaps(client):
    make_article(published_at=timezone.now() - timedelta(hours=2))
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines


def test_without_recent_news_there_is_no_news_sitemap_to_name(client):
    """A news sitemap with no <url> would fail the sitemap schema: while nothing
    is from the last 48 hours, robots.txt names none and the address is a 404."""
    make_article(published_at=timezone.now() - timedelta(days=3))
    make_article(status="draft")
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any("sitemap-news" in line for line in lines)
    assert client.get("/sitemap-news.xml").status_code == 404
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-news" not in index


def test_every_article_of_a_large_archive_is_in_a_sitemap_page(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article() for _ in range(5)]
    parts = indexed_sitemaps(client)
    assert parts[:3] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    listed = {url for part in parts for url in locations(sitemap(client, part))}
    for article in articles:
        assert f"http://testserver{article.get_absolute_url()}" in listed
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
