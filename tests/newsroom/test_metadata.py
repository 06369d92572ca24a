"""Every public page says what it is to search engines and social networks:
description, canonical address, Open Graph and Twitter card, share image."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import Article, SiteSettings
from newsroom.public.metadata import first_sentence
from tests.factories import (
    image_bytes,
    make_article,
    make_byline,
    make_contributor,
    make_correction,
    make_series,
)
from tests.newsroom.page_meta import canonical, one, read_head

pytestmark = pytest.mark.django_db

OPEN_GRAPH = [
    "og:site_name",
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:locale",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
]


@pytest.fixture
def site():
    series = make_series(name="On the Record", description="Translated interviews.")
    person = make_contributor(name="Layla Haddad", title="Reporter, Amman")
    original = make_article(
        headline="مزارع يتحدث عن الألواح الشمسية",
        dek="",
        intro="قال المزارع إن الألواح أنقذت الموسم. لكنها لا تكفي المضخات.",
        language=Article.Language.ARABIC,
        series=series,
        tags=["solar"],
    )
    article = make_article(
        headline="Solar panels saved the harvest",
        dek="A farmer explains.",
        translation_of=original,
        series=series,
        tags=["solar"],
    )
    for one_article in (original, article):
        make_byline(one_article, person)
    make_correction(article, text="An earlier version gave the wrong price.")
    return {
        "article": article,
        "original": original,
        "series": series,
        "person": person,
    }


def page_urls(site):
    return {
        "home": "/",
        "article": site["article"].get_absolute_url(),
        "arabic article": site["original"].get_absolute_url(),
        "tag": "/tags/solar/",
        "series": site["series"].get_absolute_url(),
        "contributor": site["person"].get_absolute_url(),
        "corrections": "/corrections/",
        "search": "/search/?q=solar",
    }


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "article",
        "arabic article",
        "tag",
        "series",
        "contributor",
        "corrections",
        "search",
    ],
)
def test_every_page_type_has_open_graph_and_a_twitter_card(client, site, page):
    url = page_urls(site)[page]
    head = read_head(client.get(url))
    for key in OPEN_GRAPH:
        assert one(head, key), (page, key)
    assert one(head, "og:image").startswith("http://testserver/")
    assert one(head, "twitter:card") == "summary_large_image"
    assert one(head, "description") == one(head, "og:description")
    if page == "search":
        assert "noindex" in one(head, "robots")
        assert canonical(head) is None
    else:
        assert canonical(head) == one(head, "og:url")
        assert canonical(head) == f"http://testserver{url}"


def test_a_page_past_the_first_is_its_own_canonical_address(client):
    for _ in range(21):
        make_article()
    head = read_head(client.get("/?page=2"))
    assert canonical(head) == "http://testserver/?page=2"


def test_editions_say_their_locale_and_the_other_editions(client, site):
    english = read_head(client.get(site["article"].get_absolute_url()))
    assert one(english, "og:locale") == "en_GB"
    assert one(english, "og:locale:alternate") == "ar_AR"
    arabic = read_head(client.get(site["original"].get_absolute_url()))
    assert arabic.html == {"lang": "ar", "dir": "rtl"}
    assert one(arabic, "og:locale") == "ar_AR"
    assert one(arabic, "og:locale:alternate") == "en_GB"


def test_without_a_dek_the_description_is_the_intros_first_sentence(client, site):
    head = read_head(client.get(site["original"].get_absolute_url()))
    assert one(head, "description") == "قال المزارع إن الألواح أنقذت الموسم."
    assert head.json_ld[0]["description"] == "قال المزارع إن الألواح أنقذت الموسم."


@pytest.mark.parametrize(
    ("intro", "sentence"),
    [
        (
            "Dr. Hiba Sarraj runs the hospital. It has no fuel.",
            "Dr. Hiba Sarraj runs the hospital.",
        ),
        ("Is there water? The council says no.", "Is there water?"),
        ("هل هناك ماء؟ يقول المجلس لا.", "هل هناك ماء؟"),
        ("One sentence without an end", "One sentence without an end"),
        ("word " * 100, ("word " * 100).strip()[:299] + "…"),
    ],
)
def test_first_sentence(intro, sentence):
    assert first_sentence(intro) == sentence


def test_without_a_lead_image_pages_share_the_sites_card(client, site):
    head = read_head(client.get(site["article"].get_absolute_url()))
    assert one(head, "og:image") == "http://testserver/static/img/share-card.png"
    assert (one(head, "og:image:width"), one(head, "og:image:height")) == (
        "1200",
        "630",
    )
    image = head.json_ld[0]["image"][0]
    assert image["url"] == "http://testserver/static/img/share-card.png"
    assert finders.find("img/share-card.png")


def test_an_editor_replaces_the_default_share_image(
    editor_client, site, page_cache, django_capture_on_commit_callbacks
):
    reader = Client()  # beside the editor's browser
    urls = ["/", site["article"].get_absolute_url()]
    for url in urls:
        assert reader.get(url)["X-Page-Cache"] == "miss"
        assert reader.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/newsroom/sitesettings/1/change/",
            {
                "share_image": SimpleUploadedFile(
                    "card.jpg", image_bytes(1200, 630), content_type="image/jpeg"
                ),
                "share_image_alt": "The newsroom's masthead on red",
            },
        )
    assert response.status_code == 302
    for url in urls:
        head = read_head(reader.get(url))
        assert re.fullmatch(
            r"http://testserver/media/share-images/\w+-og\.jpg", one(head, "og:image")
        )
        assert one(head, "og:image:alt") == "The newsroom's masthead on red"


def test_the_site_settings_are_read_once_then_from_the_cache(client, site):
    cache.delete("site-settings")
    with CaptureQueriesContext(connection) as cold:
        client.get("/corrections/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/corrections/")
    reads = [q for q in cold.captured_queries if "sitesettings" in q["sql"]]
    assert len(reads) == 1
    assert len(warm.captured_queries) == len(cold.captured_queries) - 1


def test_the_site_settings_admin_is_one_row(editor_client):
    response = editor_client.get("/admin/newsroom/sitesettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/sitesettings/1/change/"
    assert editor_client.get(response["Location"]).status_code == 200
    assert SiteSettings.objects.count() == 1


def test_corrected_articles_carry_correction_comments(client, site):
    head = read_head(client.get(site["article"].get_absolute_url()))
    data = head.json_ld[0]
    assert data["@type"] == "NewsArticle"
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "An earlier version gave the wrong price."
    assert correction["datePublished"].startswith(str(timezone.now().year))
    assert (
        "correction"
        not in read_head(client.get(site["original"].get_absolute_url())).json_ld[0]
    )


def test_news_article_data_is_complete_on_every_article(client, site):
    for article in (site["article"], site["original"]):
        data = read_head(client.get(article.get_absolute_url())).json_ld[0]
        for key in (
            "headline",
            "description",
            "image",
            "datePublished",
            "dateModified",
            "author",
            "publisher",
            "mainEntityOfPage",
            "inLanguage",
        ):
            assert data.get(key), (article.language, key)
        assert data["publisher"]["logo"]["url"].endswith("/static/img/logo.png")


def test_favicon_ico_is_there(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_names_its_icons(client, site):
    head = read_head(client.get("/"))
    icons = {link["href"] for link in head.links if link.get("rel") == "icon"}
    assert icons == {"/static/img/favicon.ico", "/static/img/favicon.svg"}
    for href in icons:
        assert finders.find(href.removeprefix("/static/"))


def test_an_old_article_is_not_news(client):
    make_article(published_at=timezone.now() - timedelta(days=3))
    assert client.get("/sitemap-news.xml").status_code == 404


def test_machine_readable_dates_are_valid_html(client, site):
    """HTML allows at most three digits of a second in <time datetime>."""
    for url in ("/", site["article"].get_absolute_url(), "/corrections/"):
        html = client.get(url).content.decode()
        stamps = re.findall(r'datetime="([^"]+)"', html)
        assert stamps, url
        for stamp in stamps:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp)
