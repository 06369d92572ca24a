"""Read queries compiled once (newsroom/models/compiled.py) give what the ORM
gives for every value, and the readers' lists built on them (newsroom/public/
lists.py) keep the publishing rule."""

import datetime

import pytest
from django.db import DataError, connection, transaction
from django.utils import timezone

from newsroom.models import Article, Series
from newsroom.models import compiled as compiled_module
from newsroom.models.compiled import SHAPES, Compiled
from newsroom.public import lists
from tests.factories import make_article, make_byline, make_contributor, make_series

pytestmark = pytest.mark.django_db

SLUG = Article._meta.get_field("slug")
PUBLISHED_AT = Article._meta.get_field("published_at")


def by_slug_query(shape, *, at, slug):
    return Article.objects.published(at=at).filter(slug=slug).values_list("headline")


def test_each_run_takes_its_own_values():
    first = make_article(headline="Headline Dunlin")
    second = make_article(headline="Headline Knot")
    compiled = Compiled(by_slug_query, at=PUBLISHED_AT, slug=SLUG)
    now = timezone.now()
    assert compiled.rows(at=now, slug=first.slug) == [("Headline Dunlin",)]
    assert compiled.rows(at=now, slug=second.slug) == [("Headline Knot",)]
    assert compiled.rows(at=now, slug="no-such-article") == []


def test_the_time_is_a_value_too():
    article = make_article(headline="Headline Sanderling")
    compiled = Compiled(by_slug_query, at=PUBLISHED_AT, slug=SLUG)
    before = article.published_at - datetime.timedelta(seconds=1)
    assert compiled.rows(at=before, slug=article.slug) == []
    assert compiled.rows(at=article.published_at, slug=article.slug) == [
        ("Headline Sanderling",)
    ]


def test_rows_are_converted_as_the_orm_converts_them():
    article = make_article()
    compiled = Compiled(
        lambda shape, *, at, slug: (
            Article.objects.published(at=at)
            .filter(slug=slug)
            .values_list("published_at", "status")
        ),
        at=PUBLISHED_AT,
        slug=SLUG,
    )
    orm = list(
        Article.objects.filter(pk=article.pk).values_list("published_at", "status")
    )
    assert compiled.rows(at=timezone.now(), slug=article.slug) == orm
    assert isinstance(orm[0][0], datetime.datetime)


def test_a_value_that_never_reaches_the_query_is_refused():
    compiled = Compiled(
        lambda shape, *, at, slug: Article.objects.published(at=at).values_list("pk"),
        at=PUBLISHED_AT,
        slug=SLUG,
    )
    with pytest.raises(ValueError, match="'slug' does not reach"):
        compiled.rows(at=timezone.now(), slug="anything")


def test_shapes_are_compiled_each_once_and_the_oldest_forgotten():
    for n in range(3):
        make_article(headline=f"Headline {n}")
    compiled = Compiled(
        lambda shape, *, at: (
            Article.objects.published(at=at)
            .order_by("headline")
            .values_list("headline")[shape : shape + 1]
        ),
        at=PUBLISHED_AT,
    )
    now = timezone.now()
    assert [compiled.rows(shape, at=now) for shape in range(3)] == [
        [("Headline 0",)],
        [("Headline 1",)],
        [("Headline 2",)],
    ]
    for shape in range(SHAPES + 5):
        compiled.rows(shape % 40, at=now)
    assert len(compiled._local.kept) == SHAPES


def test_lists_show_only_published_articles_of_their_subject():
    series = make_series()
    person = make_contributor()
    shown = make_article(series=series, tags=["Harbours"])
    make_byline(shown, person)
    hidden = make_article(series=series, tags=["Harbours"], status=Article.Status.DRAFT)
    make_byline(hidden, person)
    later = make_article(
        series=series, published_at=timezone.now() + datetime.timedelta(days=1)
    )
    tag = shown.tags.get()
    assert [row[0] for row in lists.IN_SERIES.rows(series.pk)[0:20]] == [shown.pk]
    assert [row[0] for row in lists.TAGGED.rows(tag.pk)[0:20]] == [shown.pk]
    assert [row[0] for row in lists.CREDITED.rows(person.pk)[0:20]] == [shown.pk]
    assert later.pk in [row[0] for row in lists.LATEST.rows(at=later.published_at)[:5]]
    assert later.pk not in [row[0] for row in lists.LATEST.rows()[0:20]]


def test_a_subject_without_a_published_article_is_not_found():
    series = make_series(name="Series Avocet")
    make_article(series=series, status=Article.Status.DRAFT)
    assert lists.SERIES.find(series.slug) is None
    make_article(series=series)
    found = lists.SERIES.find(series.slug)
    assert isinstance(found, Series)
    assert (found.pk, found.name) == (series.pk, "Series Avocet")


plans_kept = pytest.mark.skipif(
    not compiled_module._plans_kept(connection),
    reason="statements are kept prepared on PostgreSQL only",
)


def plan_mode():
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@plans_kept
def test_a_compiled_query_runs_its_generic_plan_and_leaves_the_session_alone():
    article = make_article(headline="Headline Whimbrel")
    compiled = Compiled(
        lambda shape, *, at, slug: (
            Article.objects.published(at=at).filter(slug=slug).values_list("dek")
        ),
        at=PUBLISHED_AT,
        slug=SLUG,
    )
    # Past psycopg's threshold (5 runs), the statement is kept prepared.
    for _ in range(10):
        assert compiled.rows(at=timezone.now(), slug=article.slug) == [(article.dek,)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ['SELECT "newsroom_article"."dek" AS "dek" FROM%'],
        )
        ((generic, custom),) = cursor.fetchall()
    assert generic >= 3
    assert custom == 0
    assert plan_mode() == "auto"


@plans_kept
def test_a_failing_query_leaves_the_session_its_own_plan_mode():
    with pytest.raises(DataError), transaction.atomic():
        with connection.cursor() as cursor:
            compiled_module._run_with_generic_plan(
                connection, cursor, "SELECT 1 / %s", [0]
            )
    assert plan_mode() == "auto"
