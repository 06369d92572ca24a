"""The tags and corrections an article page reads from its own query are the rows
the database holds, on SQLite and PostgreSQL alike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Article, Correction
from tests.factories import make_article, make_correction, make_user

pytestmark = pytest.mark.django_db


def test_page_query_brings_tags_and_corrections_as_stored(
    django_assert_num_queries,
):
    article = make_article(tags=["Zabadani", "Ahrar al-Sham", 'Quote "marks"', "درعا"])
    by = make_user("Editor")
    first = make_correction(article, text="First correction, with ‘quotes’.", by=by)
    second = make_correction(article, kind=Correction.Kind.UPDATE, text="Update.")
    # The same second, microseconds apart: the order still follows the ids.
    Correction.objects.filter(pk=first.pk).update(created_at=second.created_at)
    make_correction(make_article(), text="Another article's correction.")

    page = Article.objects.for_page().get(pk=article.pk)
    with django_assert_num_queries(0):
        tags = [(tag.pk, tag.name, tag.slug) for tag in page.tags.all()]
        corrections = list(page.corrections.all())
        assert all(c.article is page for c in corrections)

    stored = sorted(article.tags.all(), key=lambda tag: tag.name)
    assert tags == [(tag.pk, tag.name, tag.slug) for tag in stored]
    expected = list(Correction.objects.filter(article=article))
    assert [c.pk for c in corrections] == [second.pk, first.pk]
    assert [c.pk for c in corrections] == [c.pk for c in expected]
    for got, want in zip(corrections, expected, strict=True):
        assert (got.kind, got.text, got.created_by_id) == (
            want.kind,
            want.text,
            want.created_by_id,
        )
        assert got.created_at == want.created_at
        assert timezone.is_aware(got.created_at)
    assert corrections[1].created_by == by


def test_page_query_of_an_article_without_tags_or_corrections(
    django_assert_num_queries,
):
    article = make_article(published_at=timezone.now() - timedelta(days=1))
    page = Article.objects.for_page().get(pk=article.pk)
    with django_assert_num_queries(0):
        assert list(page.tags.all()) == []
        assert list(page.corrections.all()) == []
