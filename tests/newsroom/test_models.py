from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import IntegrityError
from django.utils import timezone

from newsroom.models import Article, Byline, Contributor, Series, public_contributors
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_segment,
    reindex,
)

pytestmark = pytest.mark.django_db


def test_article_slug_is_filled_from_the_headline():
    article = make_article(
        headline="IS activity in northern Aleppo ‘serves the regime’"
    )
    assert article.slug == "is-activity-in-northern-aleppo-serves-the-regime"


def test_article_slug_keeps_arabic_letters():
    article = make_article(headline="المتحدث باسم أحرار الشام: هجوم مفاجئ")
    assert article.slug == "المتحدث-باسم-أحرار-الشام-هجوم-مفاجئ"
    assert article.get_absolute_url() == f"/articles/{quote(article.slug)}/"


def test_article_slug_keeps_accented_latin_letters():
    assert make_article(headline="Café à Alep").slug == "café-à-alep"


def test_article_slug_collisions_get_a_number():
    slugs = [make_article(headline="Same headline").slug for _ in range(3)]
    assert slugs == ["same-headline", "same-headline-2", "same-headline-3"]


def test_article_slug_falls_back_when_the_headline_has_no_letters():
    assert make_article(headline="!!! ???").slug == "article"


def test_an_editors_slug_is_kept_on_save():
    article = make_article(headline="First headline", slug="chosen-by-editor")
    article.headline = "A new headline"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "chosen-by-editor"


def test_contributor_and_series_slugs_are_unique_and_unicode():
    first = Contributor.objects.create(name="أحمد قره علي")
    second = Contributor.objects.create(name="أحمد قره علي")
    assert (first.slug, second.slug) == ("أحمد-قره-علي", "أحمد-قره-علي-2")
    assert Series.objects.create(name="On the Record").slug == "on-the-record"


def test_reading_time_counts_intro_and_segments():
    article = make_article(intro="word " * 150)
    assert article.reading_minutes == 1
    # A segment saved through the ORM alone: the write path recounts.
    make_segment(article, question="Why? " * 10, answer="answer " * 300)
    assert reindex(article).reading_minutes == 3


def test_segments_and_bylines_come_in_position_order():
    article = make_article()
    third = make_segment(article, position=3, question="Third?")
    first = make_segment(article, position=1, question="First?")
    second = make_segment(article, position=2, question="Second?")
    assert list(article.segments.all()) == [first, second, third]
    translator = make_byline(article, role=Byline.Role.TRANSLATOR, position=2)
    interviewer = make_byline(article, role=Byline.Role.INTERVIEWER, position=1)
    assert list(article.bylines.all()) == [interviewer, translator]


def test_segment_anchor_survives_reordering_and_edits():
    article = make_article()
    segment = make_segment(article, position=1)
    anchor = segment.anchor
    segment.position = 9
    segment.answer = "A rewritten answer."
    segment.save()
    segment.refresh_from_db()
    assert segment.anchor == anchor
    assert anchor.startswith("q-")


def test_published_excludes_drafts_and_future_publish_times():
    now = timezone.now()
    live = make_article(published_at=now - timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT)
    future = make_article(published_at=now + timedelta(minutes=5))
    assert list(Article.objects.published()) == [live]
    assert set(Article.objects.published(at=now + timedelta(minutes=6))) == {
        live,
        future,
    }


def test_publishing_without_a_time_publishes_now():
    article = make_article(status=Article.Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article in Article.objects.published()


def test_database_refuses_a_published_article_without_a_time():
    article = make_article(status=Article.Status.DRAFT)
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(status="published")


def test_a_person_gets_each_role_once_per_article():
    article = make_article()
    person = make_contributor()
    make_byline(article, person, role=Byline.Role.TRANSLATOR)
    with pytest.raises(IntegrityError):
        make_byline(article, person, role=Byline.Role.TRANSLATOR)


def test_credit_lines_group_people_by_role():
    article = make_interview(bylines=0)
    hammou = make_byline(article, make_contributor(name="Ammar Hammou")).contributor
    make_byline(article, make_contributor(name="Kim Translator"), role="translator")
    article = Article.objects.for_page().get(pk=article.pk)
    assert article.credit_lines() == [
        ("Interview by", [hammou]),
        ("Translated by", [Contributor.objects.get(name="Kim Translator")]),
    ]


def test_contributors_only_credited_on_drafts_are_not_public():
    draft = make_article(status=Article.Status.DRAFT)
    hidden = make_byline(draft).contributor
    live = make_byline(make_article()).contributor
    assert list(public_contributors()) == [live]
    assert hidden not in public_contributors()
