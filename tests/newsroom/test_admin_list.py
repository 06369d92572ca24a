"""The admin's article list stays cheap on a large archive: a fixed number of
queries, no count of the whole table on PostgreSQL, a tag filter that does not list
every tag."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from newsroom.admin.parts import EstimatedCountPaginator
from tests.factories import make_article, make_interview, make_segment

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:newsroom_article_changelist")
# session, user, count, page of articles (+ series, last editor), their tags,
# bylines, contributors, the series filter, the recent tags filter, the first and
# the last date (and, all in one year as here, Django's months of that year: its
# range and the months); PostgreSQL first asks for the table's estimated size.
LIST_QUERIES = 13 + (connection.vendor == "postgresql")


def counts(queries):
    return sum(q["sql"].startswith("SELECT COUNT(*)") for q in queries)


def list_queries(client, url=LIST_URL, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), captured.captured_queries


@pytest.mark.parametrize("articles", [3, 60])
def test_article_list_costs_the_same_queries_whatever_it_shows(editor_client, articles):
    for _ in range(articles):
        make_interview(segments=1, tags=3, bylines=2)
    page, queries = list_queries(editor_client)
    assert f"{articles} articles" in page
    assert "(Interviewer)" in page and "(Translator)" in page
    assert len(queries) == LIST_QUERIES
    # No second count of the table beside the list's own.
    assert counts(queries) == 1


def test_tag_filter_offers_the_recent_tags_and_the_chosen_one(
    editor_client, monkeypatch
):
    old = make_article(headline="Old piece", tags=["Long forgotten topic"])
    for _ in range(4):
        make_article(tags=["Current topic"])
    monkeypatch.setattr("newsroom.admin.article_filters.RECENT_ARTICLES", 4)
    forgotten = Tag.objects.get(name="Long forgotten topic")
    current = Tag.objects.get(name="Current topic")
    page, _ = list_queries(editor_client)
    assert f'?tags__id__exact={current.pk}"' in page
    assert f'?tags__id__exact={forgotten.pk}"' not in page
    page, _ = list_queries(editor_client, tags__id__exact=forgotten.pk)
    assert f'?tags__id__exact={forgotten.pk}"' in page
    assert old.headline in page and "1 result" in page


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_tag_filter_with_an_unknown_tag_lists_nothing(editor_client, value):
    make_article(headline="Tagged piece", tags=["Idlib"])
    page, _ = list_queries(editor_client, tags__id__exact=value)
    assert "Tagged piece" not in page


def test_tags_list_links_each_tag_to_its_articles(editor_client):
    make_article(tags=["Daraa"])
    tag = Tag.objects.get(name="Daraa")
    page = editor_client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert f'href="{LIST_URL}?tags__id__exact={tag.pk}"' in page


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the estimate is PostgreSQL's"
)
def test_large_unfiltered_list_is_numbered_from_the_table_estimate(
    editor_client, monkeypatch
):
    for _ in range(7):
        make_article()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_article")
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 5)
    page, queries = list_queries(editor_client)
    assert "7 articles" in page
    assert counts(queries) == 0
    # A filtered list is counted.
    page, queries = list_queries(editor_client, status__exact="draft")
    assert "0 results" in page
    assert counts(queries) == 1


def test_date_hierarchy_lists_the_years_without_reading_every_row(editor_client):
    for year in (2019, 2022):
        make_article(
            headline=f"Piece of {year}",
            published_at=datetime(year, 5, 1, tzinfo=UTC),
        )
    page, queries = list_queries(editor_client)
    for year in (2019, 2020, 2021, 2022):
        assert f'<a href="?published_at__year={year}">{year}</a>' in page
    assert not any("trunc(" in q["sql"].lower() for q in queries)
    page, _ = list_queries(editor_client, published_at__year="2022")
    assert "Piece of 2022" in page and "Piece of 2019" not in page
    assert "May" in page  # the months of the year, as Django lists them


def test_search_through_relations_lists_each_article_once(editor_client):
    article = make_interview(headline="Echo piece", segments=0, tags=0, bylines=2)
    for _ in range(3):
        make_segment(article, answer="The quokka answer again.")
    make_interview(headline="Other piece")
    page, queries = list_queries(editor_client, q="quokka")
    assert "Echo piece" in page and "Other piece" not in page
    assert "1 result" in page
    # Each word must be found, each in any field: here one in the headline and
    # one in an answer.
    page, _ = list_queries(editor_client, q="echo quokka")
    assert "Echo piece" in page and "1 result" in page
    page, _ = list_queries(editor_client, q="echo nowhere-word")
    assert "0 results" in page
