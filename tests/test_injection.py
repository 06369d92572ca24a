"""Stored injection: every text field an editor, a reporter or a translator can
set, filled with hostile payloads, is rendered inert on every public page, in the
JSON-LD, the <meta> tags and <title>, the feeds and the admin."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Interviewee
from newsroom.content import richtext
from newsroom.desk import workflow
from newsroom.models import Byline, Revision
from newsroom.public.sitemaps import SITEMAPS
from tests.factories import (
    attach_lead_image,
    image_bytes,
    make_article,
    make_byline,
    make_contributor,
    make_correction,
    make_interviewee,
    make_segment,
    make_series,
    make_tag_alias,
    make_user,
    reindex,
)

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "script-end": "</script><script>alert(1)</script>",
    "link": "[read more](javascript:alert(1)) javascript:alert(1)",
    "template": "{{ settings.SECRET_KEY }} {% debug %}",
    "single-quote": "' onmouseover='alert(1)' x='",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class InertChecker(HTMLParser):
    """Collects what a payload would have to produce to run: a script element
    with our code, an event-handler attribute, an element the payload made, a
    javascript: URL; and the JSON-LD blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.script = None
        self.json_ld = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                ("javascript:", "data:text")
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "img" and attrs.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "script":
            self.script = {"type": attrs.get("type", ""), "text": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            if self.script["type"] == "application/ld+json":
                self.json_ld.append(self.script["text"])
            elif "alert(1)" in self.script["text"]:
                self.problems.append("<script>alert(1)</script>")
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"] += data
        else:
            self.text.append(data)


def assert_inert(html, where):
    checker = InertChecker()
    checker.feed(html)
    checker.close()
    assert checker.problems == [], where
    assert settings.SECRET_KEY not in html, where
    assert "sql_queries" not in html, where  # what {% debug %} would print
    for block in checker.json_ld:
        assert "<" not in block, where  # nothing in it can close the element
        json.loads(block)
    return checker


@pytest.mark.parametrize(
    "html",
    [
        '<p><img src=x onerror="alert(1)"></p>',
        "<script>alert(1)</script>",
        '<a href=" JavaScript:alert(1)">x</a>',
        '<script type="application/ld+json">{"a": "</script>"}</script>',
    ],
)
def test_the_checker_sees_live_markup(html):
    with pytest.raises((AssertionError, json.JSONDecodeError)):
        assert_inert(html, "sample")


def marked(field, payload):
    return f"Mk{field} {payload}"


@pytest.fixture(params=PAYLOADS.values(), ids=PAYLOADS.keys())
def payload(request):
    return request.param


@pytest.fixture
def world(payload):
    """A published interview with the payload in every text field a newsroom role
    can set (tag names are limited to 100 characters: the payloads fit)."""
    series = make_series(
        name=marked("series", payload), description=marked("seriesdesc", payload)
    )
    translator = make_user("Translator", contributor=True)
    person = translator.contributor
    person.name = marked("person", payload)[:150]
    person.title = marked("persontitle", payload)
    person.bio = marked("bio", payload)
    person.bio_ar = marked("bioar", payload)
    person.save()
    reporter = make_contributor(
        name=marked("reporter", payload), bio=marked("reporterbio", payload)
    )
    article = make_article(
        headline=marked("headline", payload),
        dek=marked("dek", payload),
        intro=marked("intro", payload),
        series=series,
        tags=[marked("tag", payload)],
        lead_image_caption=marked("caption", payload),
        lead_image_credit=marked("credit", payload),
    )
    attach_lead_image(article, image_bytes(800, 600), alt=marked("alt", payload))
    make_byline(article, reporter, role=Byline.Role.REPORTER)
    make_byline(article, person, role=Byline.Role.TRANSLATOR)
    interviewee = make_interviewee(
        article,
        name=marked("interviewee", payload),
        title=marked("ititle", payload),
        organisation=marked("iorg", payload),
    )
    make_interviewee(
        article,
        name="Hidden name",
        is_anonymous=True,
        public_description=marked("anon", payload),
    )
    make_segment(
        article,
        question=marked("question", payload),
        answer=marked("answer", payload),
        answer_speaker=interviewee,
    )
    make_correction(article, text=marked("correction", payload))
    make_tag_alias(Tag.objects.get(), marked("alias", payload)[:100])
    reindex(article)
    return {"article": article, "person": person, "translator": translator}


def public_urls(world):
    article, tag = world["article"], world["article"].tags.get()
    return [
        "/",
        article.get_absolute_url(),
        article.series.get_absolute_url(),
        world["person"].get_absolute_url(),
        reverse("newsroom:tag", kwargs={"slug": tag.slug}),
        "/corrections/",
        workflow.create_preview_link(article=article, by=None).get_absolute_url(),
        "/search/?q=Mkanswer",
        "/search/?q=alert",
        f"/search/?{urlencode({'q': PAYLOADS['attribute']})}",
    ]


def feed_urls(world):
    article, tag = world["article"], world["article"].tags.get()
    base = [
        "/feed/",
        reverse("newsroom:tag-feed", kwargs={"slug": tag.slug}),
        article.series.get_absolute_url() + "feed/",
        world["person"].get_absolute_url() + "feed/",
    ]
    sitemaps = [
        "/sitemap.xml",
        *(f"/sitemap-{part}.xml" for part in SITEMAPS),
    ]
    return base + [url + "atom/" for url in base] + sitemaps


def test_public_pages_render_the_payloads_as_text(client, world, payload):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    html = client.get(world["article"].get_absolute_url()).content.decode()
    text = " ".join(assert_inert(html, "article").text)
    # The payload reached the page, as words a reader sees.
    core = "alert(1)" if "alert(1)" in payload else "settings.SECRET_KEY"
    assert core in text
    for field in ("headline", "dek", "intro", "question", "answer", "interviewee"):
        assert f"Mk{field}" in text, field


def test_article_metadata_and_json_ld_carry_the_payloads_inert(client, world, payload):
    html = client.get(world["article"].get_absolute_url()).content.decode()
    checker = assert_inert(html, "article")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title
    # Each meta tag is one element: the payload never opens another.
    for meta in re.findall(r"<meta [^>]*>", html):
        assert meta.count('"') % 2 == 0, meta
    data = [json.loads(block) for block in checker.json_ld]
    article_data = next(d for d in data if d.get("@type") == "NewsArticle")
    assert article_data["headline"] == world["article"].headline[:110]
    assert article_data["description"] == world["article"].dek


def test_feeds_parse_and_their_html_is_inert(client, world):
    for url in feed_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        root = ElementTree.fromstring(response.content)  # well-formed XML
        for element in root.iter():
            name = element.tag.rsplit("}", 1)[-1]
            if name in {"description", "summary", "content"} and element.text:
                assert_inert(element.text, f"{url} {name}")
            if name == "link" and element.get("href"):
                assert not element.get("href").lower().startswith("javascript:")
    rss = ElementTree.fromstring(client.get("/feed/").content)
    assert rss.find("channel/item/title").text == world["article"].headline


def test_the_admin_renders_the_payloads_inert(client, world):
    article, person = world["article"], world["person"]
    interviewee = Interviewee.objects.get(is_anonymous=False)
    revision = Revision.objects.filter(article=article).first()
    client.force_login(make_user("Editor"))
    urls = [
        "/admin/",
        "/admin/newsroom/article/",
        "/admin/newsroom/article/?q=Mk",
        f"/admin/newsroom/article/{article.pk}/change/",
        f"/admin/newsroom/article/{article.pk}/delete/",
        f"/admin/newsroom/article/{article.pk}/revisions/",
        "/admin/newsroom/contributor/",
        f"/admin/newsroom/contributor/{person.pk}/change/",
        "/admin/newsroom/series/",
        "/admin/taggit/tag/",
        f"/admin/taggit/tag/{article.tags.get().pk}/change/",
        "/admin/newsroom/tagalias/",
        "/admin/interviews/interviewee/",
        f"/admin/interviews/interviewee/{interviewee.pk}/change/",
        "/admin/newsroom/revision/",
    ]
    if revision is not None:
        urls.append(f"/admin/newsroom/article/{article.pk}/revisions/{revision.pk}/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    client.force_login(world["translator"])
    for url in [
        "/admin/newsroom/translation/",
        f"/admin/newsroom/translation/{article.pk}/byline/",
        f"/admin/newsroom/contributor/{person.pk}/change/",
        f"/admin/newsroom/article/{article.pk}/change/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "[x](//evil.example/)",
        '[x](https://ok.example/"onmouseover="alert(1))',
        "<a href=javascript:alert(1)>x</a>",
    ],
)
def test_rich_text_links_allow_only_http_and_mailto(text):
    html = richtext.render(text)
    checker = assert_inert(html, text)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(href.startswith(("http://", "https://", "mailto:")) for href in hrefs)
    assert "<a " not in html or hrefs
    assert checker.problems == []


def test_rich_text_keeps_safe_links():
    html = richtext.render("[one](https://example.org/a?b=1&c=2) [two](mailto:a@b.c)")
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in (
        html
    )
    assert 'href="mailto:a@b.c"' in html
