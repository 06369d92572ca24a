"""Linked Arabic/English editions, translation credits, bios by language, and the
related articles at the foot of a page."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import Article, Byline
from tests.factories import (
    link_interviewee,
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_series,
)
from tests.newsroom.test_query_counts import ARTICLE_PAGE, queries_for

pytestmark = pytest.mark.django_db

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture
def editions():
    interviewer = make_contributor(
        name="Layla Haddad",
        bio="Layla reports from Amman.",
        bio_ar="ليلى حداد صحفية في عمّان.",
    )
    translator = make_contributor(name="Rania Khoury", bio="Rania translates.")
    original = make_article(
        headline="المتحدث باسم أحرار الشام يشرح الانسحاب",
        dek="مقابلة عن الجبهة الشمالية",
        language=Article.Language.ARABIC,
    )
    translation = make_article(
        headline="Ahrar al-Sham spokesman explains the withdrawal",
        dek="An interview about the northern front.",
        translation_of=original,
    )
    make_byline(original, interviewer, Byline.Role.INTERVIEWER)
    make_byline(translation, interviewer, Byline.Role.INTERVIEWER)
    make_byline(translation, translator, Byline.Role.TRANSLATOR)
    return {
        "original": original,
        "translation": translation,
        "interviewer": interviewer,
    }


def hreflangs(client, article):
    return dict(HREFLANG.findall(client.get(article.get_absolute_url()).text))


def test_editions_carry_hreflang_alternates_both_ways(client, editions):
    original, translation = editions["original"], editions["translation"]
    expected = {
        "ar": f"http://testserver{original.get_absolute_url()}",
        "en": f"http://testserver{translation.get_absolute_url()}",
    }
    assert hreflangs(client, original) == expected
    assert hreflangs(client, translation) == expected


def test_each_edition_links_to_the_other(client, editions):
    original, translation = editions["original"], editions["translation"]
    arabic = client.get(original.get_absolute_url()).content.decode()
    english = client.get(translation.get_absolute_url()).content.decode()
    assert (
        f'<a href="{translation.get_absolute_url()}" hreflang="en" lang="en" '
        'dir="ltr">English</a>'
    ) in arabic
    assert (
        f'<a href="{original.get_absolute_url()}" hreflang="ar" lang="ar" '
        'dir="rtl">العربية</a>'
    ) in english


def test_arabic_edition_is_right_to_left(client, editions):
    html = client.get(editions["original"].get_absolute_url()).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="article" lang="ar" dir="rtl">' in html
    # The credits are in Arabic; Latin names inside keep their own direction.
    assert '<span class="credit">حاوره: <a' in html
    assert "<bdi>Layla Haddad</bdi>" in html
    english = client.get(editions["translation"].get_absolute_url()).content.decode()
    assert '<html lang="en" dir="ltr">' in english
    assert '<article class="article" lang="en" dir="ltr">' in english


def test_translation_credit_names_the_original_language(client, editions):
    html = client.get(editions["translation"].get_absolute_url()).content.decode()
    assert "Translated from Arabic by" in html
    assert "<bdi>Rania Khoury</bdi>" in html
    assert "Interview by" in html
    arabic = client.get(editions["original"].get_absolute_url()).content.decode()
    assert "ترجمة عن" not in arabic and "ترجمة:" not in arabic
    # The interviewer is credited on both editions, in each edition's language.
    assert "حاوره:" in arabic


def test_json_ld_links_the_translation_and_its_original(client, editions):
    def json_ld(article):
        html = client.get(article.get_absolute_url()).content.decode()
        return json.loads(
            re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )

    original, translation = editions["original"], editions["translation"]
    english = json_ld(translation)
    assert english["translationOfWork"]["@id"] == (
        f"http://testserver{original.get_absolute_url()}"
    )
    assert english["translationOfWork"]["inLanguage"] == "ar"
    assert [t["name"] for t in english["translator"]] == ["Rania Khoury"]
    arabic = json_ld(original)
    assert [w["inLanguage"] for w in arabic["workTranslation"]] == ["en"]
    assert arabic["inLanguage"] == "ar"


def test_unpublished_edition_is_not_linked(client, editions):
    editions["translation"].status = Article.Status.DRAFT
    editions["translation"].save()
    html = client.get(editions["original"].get_absolute_url()).content.decode()
    assert editions["translation"].slug not in html
    assert "hreflang" not in html


def test_each_edition_shows_the_bio_in_its_language(client, editions):
    arabic = client.get(editions["original"].get_absolute_url()).content.decode()
    english = client.get(editions["translation"].get_absolute_url()).content.decode()
    assert '<div class="bio-text" lang="ar" dir="rtl"><p>ليلى حداد' in arabic
    assert "Layla reports from Amman." not in arabic
    assert '<div class="bio-text" lang="en" dir="ltr"><p>Layla reports' in english


def test_bio_falls_back_to_the_other_language(client, editions):
    # Sophie has no Arabic bio: an Arabic page shows the English one, marked so.
    translator = make_contributor(name="Sophie Marchetti", bio="Sophie translates.")
    make_byline(editions["original"], translator, Byline.Role.TRANSLATOR)
    arabic = client.get(editions["original"].get_absolute_url()).content.decode()
    assert '<div class="bio-text" lang="en" dir="ltr"><p>Sophie translates.' in arabic


def test_contributor_page_shows_both_bios_with_their_direction(client, editions):
    html = client.get(editions["interviewer"].get_absolute_url()).content.decode()
    assert '<div class="bio-text" lang="en" dir="ltr"><p>Layla reports' in html
    assert '<div class="bio-text" lang="ar" dir="rtl"><p>ليلى حداد' in html


def related_headlines(html):
    if 'class="related"' not in html:
        return []
    section = html.split('class="related"', 1)[1].split("</section>")[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


def test_related_articles_share_tags_series_or_interviewee(client):
    series = make_series()
    article = make_interview(series=None, tags=0, headline="The main interview")
    article.tags.add("water", "Saraqib")
    person = article.interviewee_links.get().interviewee
    now = timezone.now()
    make_article(
        headline="Two shared tags",
        tags=["water", "Saraqib"],
        published_at=now - timedelta(days=3),
    )
    make_article(
        headline="One shared tag", tags=["water"], published_at=now - timedelta(days=1)
    )
    same_person = make_article(
        headline="Same interviewee again", published_at=now - timedelta(days=5)
    )
    link_interviewee(same_person, person)
    make_article(headline="Nothing in common", tags=["bread"], series=series)
    make_article(
        headline="Draft with the tag", tags=["water"], status=Article.Status.DRAFT
    )
    make_article(
        headline="Scheduled with the tag",
        tags=["water"],
        published_at=timezone.now() + timedelta(days=1),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    related = related_headlines(html)
    assert set(related) == {
        "Two shared tags",
        "One shared tag",
        "Same interviewee again",
    }
    # Two shared tags and the same interviewee score 2 each (newer first); one tag 1.
    assert related == ["Two shared tags", "Same interviewee again", "One shared tag"]


def test_related_articles_come_from_the_newest_of_each_reason(client, monkeypatch):
    # A popular tag is shared by thousands of articles: only the newest few of
    # each reason are scored.
    monkeypatch.setattr("newsroom.models.querysets.RELATED_CANDIDATES", 2)
    article = make_article(headline="The main piece", tags=["water", "Saraqib"])
    now = timezone.now()
    make_article(
        headline="Old, both tags",
        tags=["water", "Saraqib"],
        published_at=now - timedelta(days=30),
    )
    for day in (1, 2):
        make_article(
            headline=f"Water {day}", tags=["water"], published_at=now - timedelta(day)
        )
        make_article(
            headline=f"Saraqib {day}",
            tags=["Saraqib"],
            published_at=now - timedelta(days=day, hours=1),
        )
    related = related_headlines(client.get(article.get_absolute_url()).text)
    assert sorted(related) == ["Saraqib 1", "Saraqib 2", "Water 1", "Water 2"]


def test_related_articles_are_few_and_from_the_same_series(client):
    series = make_series(name="On the Record")
    article = make_article(series=series, headline="Main piece")
    for i in range(6):
        make_article(series=series, headline=f"Series sibling {i}")
    related = related_headlines(client.get(article.get_absolute_url()).text)
    assert len(related) == 4
    assert all(headline.startswith("Series sibling") for headline in related)


@pytest.mark.parametrize("others", [1, 12])
def test_editions_and_related_articles_keep_the_page_query_count_flat(client, others):
    series = make_series()
    original = make_interview(series=series, language=Article.Language.ARABIC)
    article = make_interview(series=series, translation_of=original, tags=3)
    person = make_interviewee(article)
    for _ in range(others):
        other = make_article(series=series, tags=list(article.tags.names()))
        link_interviewee(other, person)
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert 'hreflang="ar"' in html and 'class="related"' in html
    assert (len(captured.captured_queries), queries_for(client, url)) == ARTICLE_PAGE


def test_an_edition_must_translate_an_article_in_another_language(editor_client):
    original = make_article(headline="English original")
    response = editor_client.post(
        "/admin/newsroom/article/add/",
        {
            "headline": "Same-language copy",
            "status": "draft",
            "language": "en",
            "translation_of": original.pk,
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "interviewee_links-TOTAL_FORMS": "0",
            "interviewee_links-INITIAL_FORMS": "0",
            "segments-TOTAL_FORMS": "0",
            "segments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Choose the edition in another language" in response.content.decode()
    assert not Article.objects.filter(headline="Same-language copy").exists()


def test_article_and_contributor_admin_offer_editions_and_arabic_bio(editor_client):
    article_page = editor_client.get("/admin/newsroom/article/add/").content.decode()
    assert 'name="translation_of"' in article_page
    person_page = editor_client.get("/admin/newsroom/contributor/add/").content.decode()
    assert 'name="bio_ar"' in person_page
