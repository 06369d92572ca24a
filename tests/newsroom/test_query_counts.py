"""Pages cost a fixed number of SQL queries, whatever they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_byline, make_contributor, make_interview, make_series

pytestmark = pytest.mark.django_db

# article + series + original edition + tags + corrections, bylines + contributors,
# segments + speakers, interviewees, and the other editions with related articles
ARTICLE_PAGE_QUERIES = 5
# the preview link, then the article page's queries (no related articles in previews)
PREVIEW_PAGE_QUERIES = ARTICLE_PAGE_QUERIES
# a page of corrections + articles (never a count)
CORRECTIONS_PAGE_QUERIES = 1
# a page of articles + series, bylines + contributors (+ the object of the page)
LIST_PAGE_QUERIES = 2


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("segments", "tags", "bylines"), [(2, 1, 1), (40, 10, 5)], ids=["small", "large"]
)
def test_article_page_query_count_is_flat(client, segments, tags, bylines):
    article = make_interview(segments=segments, tags=tags, bylines=bylines)
    assert queries_for(client, article.get_absolute_url()) == ARTICLE_PAGE_QUERIES


@pytest.mark.parametrize("articles", [1, 20])
def test_list_pages_query_count_is_flat(client, articles):
    series = make_series()
    person = make_contributor()
    for _ in range(articles):
        article = make_interview(series=series, tags=0, bylines=2, segments=1)
        article.tags.add("common-tag")
        make_byline(article, person, role="reporter")
    assert queries_for(client, "/") == LIST_PAGE_QUERIES
    assert queries_for(client, series.get_absolute_url()) == LIST_PAGE_QUERIES + 1
    assert queries_for(client, "/tags/common-tag/") == LIST_PAGE_QUERIES + 1
    assert queries_for(client, person.get_absolute_url()) == LIST_PAGE_QUERIES + 1
