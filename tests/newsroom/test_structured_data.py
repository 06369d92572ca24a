"""What search engines and share previews read: JSON-LD, Open Graph, canonical."""

import json
import re
from html import unescape

import pytest

from newsroom.models import Article, Byline
from tests.factories import (
    attach_lead_image,
    make_article,
    make_byline,
    make_contributor,
    make_series,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html):
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


@pytest.fixture
def article():
    series = make_series(name="On the Record")
    article = make_article(
        series=series,
        headline="Commander explains the withdrawal",
        dek="A spokesperson on the northern front.",
        tags=["Idlib", "Ahrar al-Sham"],
        lead_image_caption="The road north.",
    )
    attach_lead_image(article, alt="Fighters on a road")
    make_byline(article, make_contributor(name="Layla Haddad"), Byline.Role.INTERVIEWER)
    make_byline(article, make_contributor(name="Omar Reporter"), Byline.Role.REPORTER)
    make_byline(article, make_contributor(name="Rania Khoury"), Byline.Role.TRANSLATOR)
    make_byline(article, make_contributor(name="Karim Photo"), Byline.Role.PHOTOGRAPHER)
    return article


def test_article_page_carries_news_article_json_ld(client, article):
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Commander explains the withdrawal"
    assert data["description"] == "A spokesperson on the northern front."
    assert data["url"] == url and data["mainEntityOfPage"] == url
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert data["inLanguage"] == "en"
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Omar Reporter"),
        ("Person", "Layla Haddad"),
    ]
    assert data["author"][0]["url"].startswith("http://testserver/contributors/")
    assert [t["name"] for t in data["translator"]] == ["Rania Khoury"]
    assert data["image"][0]["url"].startswith("http://testserver/media/lead-images/")
    assert data["publisher"]["name"] == "The Newsroom"
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "On the Record",
        "url": "http://testserver/series/on-the-record/",
    }


def test_json_ld_cannot_break_out_of_its_script_element(client):
    article = make_article(
        headline="</script><script>alert(1)</script>", dek="<!-- & -->"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["description"] == "<!-- & -->"


def test_article_page_has_open_graph_twitter_canonical_and_description(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "name", "description") == "A spokesperson on the northern front."
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "Commander explains the withdrawal"
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:image").startswith("http://testserver/media/")
    assert meta(html, "property", "og:image:alt") == "Fighters on a road"
    # To the second: HTML and Open Graph readers take at most milliseconds.
    assert meta(html, "property", "article:published_time") == (
        article.published_at.replace(microsecond=0).isoformat()
    )
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:title") == "Commander explains the withdrawal"
    assert 'property="article:tag" content="Ahrar al-Sham"' in html


def test_contributor_page_carries_person_json_ld(client, article):
    person = article.bylines.get(role=Byline.Role.TRANSLATOR).contributor
    person.title = "Translator, Beirut"
    person.bio = "Rania translates **from Arabic**."
    person.save()
    html = client.get(person.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Person"
    assert data["name"] == "Rania Khoury"
    assert data["jobTitle"] == "Translator, Beirut"
    assert data["description"] == "Rania translates from Arabic."
    assert data["url"] == f"http://testserver{person.get_absolute_url()}"
    canonical = f'<link rel="canonical" href="{data["url"]}">'
    assert canonical in html


def test_tag_and_series_pages_carry_canonical_and_description(client, article):
    tag_html = client.get("/tags/idlib/").content.decode()
    assert '<link rel="canonical" href="http://testserver/tags/idlib/">' in tag_html
    assert "Idlib" in meta(tag_html, "name", "description")
    series_html = client.get(article.series.get_absolute_url()).content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/series/on-the-record/">'
        in series_html
    )
    assert "On the Record" in meta(series_html, "name", "description")


def test_preview_of_a_draft_is_not_indexable(editor_client):
    draft = make_article(status=Article.Status.DRAFT, headline="Draft marker")
    response = editor_client.get(draft.get_absolute_url())
    assert response["X-Robots-Tag"] == "noindex"
    assert (
        '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    )
