"""Pages cost a fixed number of SQL queries, whatever they show: at most 5 each."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.desk import workflow
from newsroom.models import Article, Rendering
from newsroom.public import prepared
from tests.factories import (
    make_byline,
    make_contributor,
    make_correction,
    make_interview,
    make_interviewee,
    make_series,
    make_user,
)

pytestmark = pytest.mark.django_db

# A published article's page, prepared when it changed (newsroom/public/prepared.py):
# the article with its prepared page.
ARTICLE_PAGE_QUERIES = 1
# Preparing it (when a change commits, or a request finds it stale): the article +
# series + original edition + tags + corrections, bylines + contributors, segments
# + speakers, interviewees, the other editions with related articles; then keeping
# it (a savepoint around the save: 3 more).
PREPARE_QUERIES = 5 + 4
# the preview link, then the article page's queries, built when asked (previews
# are never prepared)
PREVIEW_PAGE_QUERIES = 5
# a page of corrections + articles (never a count)
CORRECTIONS_PAGE_QUERIES = 1
# a page of articles with their prepared teasers (+ the object of the page)
LIST_PAGE_QUERIES = 1
# tag aliases (to expand the query), the ranked ids of one page, those articles,
# their bylines
SEARCH_PAGE_QUERIES = 4
# the articles with their prepared entries (+ the object of the feed)
FEED_QUERIES = 1
# one count per sitemap (articles, tags, series, contributors), to list its pages
SITEMAP_INDEX_QUERIES = 4
# a count (for the page numbers) and the page of addresses; the tag, series and
# contributor sitemaps also the dates of their newest articles, in one query
SITEMAP_QUERIES = 2
DATED_SITEMAP_QUERIES = 3
# whether there is news at all (a news sitemap needs an article), then the sitemap
NEWS_SITEMAP_QUERIES = 1 + SITEMAP_QUERIES
# whether to name the news sitemap
ROBOTS_QUERIES = 1

BUDGET = 5


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def article_page_queries(client, url):
    """Queries of an article's page when a request prepares it, then once it is
    prepared."""
    return queries_for(client, url), queries_for(client, url)


# What article_page_queries gives for any article.
ARTICLE_PAGE = (ARTICLE_PAGE_QUERIES + PREPARE_QUERIES, ARTICLE_PAGE_QUERIES)


def prepare_published():
    """What the commit of the factories' writes would do: prepare every published
    article's page and teaser (tests' transactions never commit)."""
    for pk in Article.objects.published().values_list("pk", flat=True):
        prepared.prepare(pk)


# Each shape has more than a page (20) of articles in every list; "large" gives
# each article many more tags, bylines, segments, corrections and interviewees.
SHAPES = {
    "small": {"articles": 21, "tags": 1, "bylines": 1, "segments": 1, "extra": 0},
    "large": {"articles": 32, "tags": 6, "bylines": 5, "segments": 14, "extra": 3},
}


@pytest.fixture(params=list(SHAPES), ids=list(SHAPES))
def site(request):
    shape = SHAPES[request.param]
    series, person = make_series(), make_contributor()
    editor = make_user("Editor")
    articles = []
    for i in range(shape["articles"]):
        article = make_interview(
            # Within the news sitemap's 48 hours.
            published_at=timezone.now() - timedelta(minutes=i + 1),
            series=series,
            tags=shape["tags"],
            bylines=shape["bylines"],
            segments=shape["segments"],
            headline="Harvest interview",
        )
        article.tags.add("common-tag")
        make_byline(article, person, role="reporter")
        for _ in range(shape["extra"]):
            make_correction(article, by=editor)
            make_interviewee(article)
        make_correction(article)
        articles.append(article)
    draft = make_interview(
        status="draft", series=series, segments=shape["segments"], tags=shape["tags"]
    )
    prepare_published()
    return {
        "article": articles[0],
        "preview": workflow.create_preview_link(article=draft, by=editor),
        "series": series.get_absolute_url(),
        "tag": "/tags/common-tag/",
        "contributor": person.get_absolute_url(),
    }


def page_budgets(site):
    lists = [
        ("/", LIST_PAGE_QUERIES),
        (site["series"], LIST_PAGE_QUERIES + 1),
        (site["tag"], LIST_PAGE_QUERIES + 1),
        (site["contributor"], LIST_PAGE_QUERIES + 1),
        ("/corrections/", CORRECTIONS_PAGE_QUERIES),
        ("/search/?q=harvest", SEARCH_PAGE_QUERIES),
    ]
    sep = {"/search/?q=harvest": "&"}
    feeds = [
        ("/feed/", FEED_QUERIES),
        *((f"{site[kind]}feed/", FEED_QUERIES + 1) for kind in ("series", "tag")),
        (f"{site['contributor']}feed/", FEED_QUERIES + 1),
    ]
    return [
        (site["article"].get_absolute_url(), ARTICLE_PAGE_QUERIES),
        (site["preview"].get_absolute_url(), PREVIEW_PAGE_QUERIES),
        *lists,
        *((f"{url}{sep.get(url, '?')}page=2", count) for url, count in lists),
        *feeds,
        *((f"{url}atom/", count) for url, count in feeds),
        ("/sitemap.xml", SITEMAP_INDEX_QUERIES),
        *(
            (f"/sitemap-{part}.xml", DATED_SITEMAP_QUERIES)
            for part in ("tags", "series", "contributors")
        ),
        ("/sitemap-articles.xml", SITEMAP_QUERIES),
        ("/sitemap-news.xml", NEWS_SITEMAP_QUERIES),
        ("/robots.txt", ROBOTS_QUERIES),
    ]


def test_every_public_page_costs_a_fixed_number_of_queries(client, site):
    counts = {url: queries_for(client, url) for url, _ in page_budgets(site)}
    assert counts == dict(page_budgets(site))
    assert max(counts.values()) <= BUDGET


def test_preparing_an_article_page_costs_a_fixed_number_of_queries(client, site):
    """When a page is not prepared (or stale), the request prepares it, in a number
    of queries that does not grow with what the article holds; then it is served
    in one."""
    url = site["article"].get_absolute_url()
    Rendering.objects.all().delete()
    assert queries_for(client, url) == ARTICLE_PAGE_QUERIES + PREPARE_QUERIES
    assert queries_for(client, url) == ARTICLE_PAGE_QUERIES
