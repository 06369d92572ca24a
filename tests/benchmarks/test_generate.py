"""The benchmark generator makes interviews the app shows like its own: pages that
render with all their parts, and derived fields equal to what the app computes."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.utils.html import escape
from taggit.models import Tag

from benchmarks import dataset
from interviews.models import Segment
from newsroom.content import listing, reading, richtext, search
from newsroom.models import (
    Article,
    Byline,
    Contributor,
    Rendering,
    SearchDocument,
    Series,
    TagAlias,
    TaggedArticle,
    unique_slug,
)

pytestmark = pytest.mark.django_db

REFERENCE = datetime(2025, 6, 1, tzinfo=UTC)


def pieces(document):
    return sorted((p["weight"], p["text"], p["anchor"]) for p in document.pieces)


def test_generated_interviews_render_with_their_parts(client):
    counts = dataset.generate(articles=4, reference=REFERENCE)
    assert counts["articles"] == 4
    assert counts["segments"] == 4 * 12
    assert counts["tagged items"] == 4 * 3
    assert counts["bylines"] == 4 * 2
    published = list(Article.objects.published())
    assert published
    for article in published:
        page = client.get(article.get_absolute_url()).content.decode()
        assert page.count('class="segment"') == 12
        for tag in article.tags.all():
            assert f'rel="tag"><bdi>{escape(tag.name)}</bdi>' in page
        interviewer, translator = (b.contributor for b in article.bylines.all())
        assert "Interview by" in page and "Translated by" in page
        for person in (interviewer, translator):
            assert escape(person.name) in page
            assert person.bio_html in page


def test_generated_rows_hold_what_the_app_derives():
    dataset.generate(articles=3, reference=REFERENCE)
    for contributor in Contributor.objects.all():
        assert contributor.bio_html == richtext.render(contributor.bio)
        assert contributor.slug == unique_slug(
            Contributor, contributor.name, exclude_pk=contributor.pk
        )
    for series in Series.objects.all():
        assert series.slug == unique_slug(Series, series.name, exclude_pk=series.pk)
    for tag in Tag.objects.all():
        assert tag.slug == Tag().slugify(tag.name)
    for alias in TagAlias.objects.all():
        before = (alias.key, alias.slug)
        alias.save()
        assert (alias.key, alias.slug) == before
    for segment in Segment.objects.all():
        assert segment.question_html == richtext.render(segment.question)
        assert segment.answer_html == richtext.render(segment.answer)
    for article in Article.objects.all():
        assert article.intro_html == richtext.render(article.intro)
        assert article.slug == unique_slug(
            Article, article.headline, exclude_pk=article.pk, fallback="article"
        )
        assert reading.reading_minutes(article) == article.reading_minutes
        generated = SearchDocument.objects.get(pk=article.pk)
        search.update_search_document(article)
        rebuilt = SearchDocument.objects.get(pk=article.pk)
        for column in ("text_a", "text_c", "text_d", "published_at"):
            assert getattr(generated, column) == getattr(rebuilt, column)
        # The app lists the tags in the order the database returns them.
        assert sorted(generated.text_b.split()) == sorted(rebuilt.text_b.split())
        assert pieces(generated) == pieces(rebuilt)
        if connection.vendor == "postgresql":
            assert generated.vector == rebuilt.vector


def test_generated_list_order_is_what_the_write_path_keeps():
    dataset.generate(articles=5, reference=REFERENCE)

    def listed():
        return sorted(Byline.objects.values_list("pk", "listed_at")), sorted(
            TaggedArticle.objects.values_list("pk", "listed_at")
        )

    generated = listed()
    assert any(listed_at for _pk, listed_at in generated[0])
    Byline.objects.update(listed_at=None)
    TaggedArticle.objects.update(listed_at=None)
    listing.update_listing_times(Article.objects.values_list("pk", flat=True))
    assert listed() == generated


def test_archives_of_any_size_share_contributors_tags_and_series():
    def subjects():
        return (
            list(Contributor.objects.order_by("pk").values_list("name", "slug")),
            list(Tag.objects.order_by("pk").values_list("name", "slug")),
            list(Series.objects.order_by("pk").values_list("name", "slug")),
        )

    dataset.generate(articles=40, reference=REFERENCE)
    small = subjects()
    dataset.generate(articles=80, reference=REFERENCE, replace=True)
    large = subjects()
    for few, many in zip(small, large, strict=True):
        assert few and few == many[: len(few)]
    # Each pool is drawn on its own: the contributors do not depend on how many
    # tags or interviewees were made.
    assert len(large[0]) > len(small[0])


def test_same_size_and_seed_make_the_same_archive():
    def content():
        return [
            (a.headline, a.slug, a.status, a.published_at, a.dek, a.intro)
            + tuple(a.segments.values_list("question", "answer", "anchor"))
            + tuple(sorted(a.tags.names()))
            for a in Article.objects.order_by("pk")
        ]

    dataset.generate(articles=3, reference=REFERENCE)
    first = content()
    with pytest.raises(dataset.NotEmpty):
        dataset.generate(articles=3, reference=REFERENCE)
    dataset.generate(articles=3, reference=REFERENCE, replace=True)
    assert content() == first


def test_preparing_an_archive_prepares_each_page_once_and_resumes():
    from benchmarks import preparing

    dataset.generate(articles=4, reference=REFERENCE)
    published = list(Article.objects.published().values_list("pk", flat=True))
    assert published
    assert preparing.prepare_archive() == len(published)
    assert preparing.not_current(published) == []
    # A second run (an interrupted one resumed) has nothing left to do.
    assert preparing.prepare_archive() == 0
    # A page whose kept rendering is gone is prepared again, and only that one.
    Rendering.objects.filter(article_id=published[0]).delete()
    assert preparing.not_current(published) == [published[0]]
    assert preparing.prepare_archive() == 1
    assert preparing.not_current(published) == []
