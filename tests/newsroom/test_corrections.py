"""Dated corrections, clarifications and updates, on the page and on /corrections/."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.models import Article, Correction
from tests.factories import make_article, make_correction, make_interview, make_user
from tests.newsroom.admin_pages import form_data
from tests.newsroom.test_query_counts import CORRECTIONS_PAGE_QUERIES

pytestmark = pytest.mark.django_db

CORRECTIONS = reverse("newsroom:corrections")


def test_correction_is_shown_on_the_article_with_its_date(client):
    article = make_interview()
    with time_machine.travel(datetime(2015, 6, 4, 12, tzinfo=UTC)):
        make_correction(
            article, text="An earlier version misspelled the town of Marea."
        )
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        "Correction, 4 June 2015</time>:</strong> An earlier version misspelled "
        "the town of Marea." in page
    )
    assert "Updated <time" in page


def test_correction_moves_the_public_modified_date(editor):
    article = make_article()
    assert article.public_modified_at == article.published_at
    correction = make_correction(article, kind=Correction.Kind.UPDATE, by=editor)
    article.refresh_from_db()
    assert article.modified_at == correction.created_at
    assert article.public_modified_at == correction.created_at
    assert str(correction).startswith("Update, ")


def test_correction_text_is_escaped(client):
    article = make_interview()
    make_correction(article, text="<script>alert('x')</script> was wrong")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_editor_adds_a_correction_in_the_article_admin(editor_client, editor):
    article = make_interview()
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = form_data(editor_client.get(url))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "clarification",
            "corrections-0-text": "The spokesman spoke for the northern sector.",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    correction = Correction.objects.get(article=article)
    assert correction.kind == "clarification"
    assert correction.created_by == editor
    article.refresh_from_db()
    assert article.modified_at == correction.created_at
    # The body was not touched.
    assert article.version == 2


def test_reporter_cannot_add_a_correction_even_by_crafted_post(client):
    reporter = make_user("Reporter")
    article = make_interview(status="draft", created_by=reporter)
    client.force_login(reporter)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Crafted correction.",
        }
    )
    assert client.post(url, data).status_code == 302
    assert not Correction.objects.exists()


def test_corrections_page_lists_published_articles_newest_first(client):
    live = make_article(headline="Corrected live okapi")
    draft = make_article(headline="Corrected draft okapi", status="draft")
    with time_machine.travel(datetime(2015, 6, 4, tzinfo=UTC)):
        make_correction(live, text="Older note about okapi.")
    with time_machine.travel(datetime(2016, 1, 2, tzinfo=UTC)):
        make_correction(live, kind="update", text="Newer note about okapi.")
    make_correction(draft, text="Secret note about the draft.")
    page = client.get(CORRECTIONS).content.decode()
    assert "Corrected live okapi" in page
    assert page.index("Newer note") < page.index("Older note")
    assert "Update, 2 January 2016" in page
    assert "Secret note" not in page and "Corrected draft okapi" not in page
    assert "/corrections/" in client.get("/").content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_corrections_page_query_count_is_flat(client, count):
    for _ in range(count):
        make_correction(make_article())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CORRECTIONS)
    assert response.status_code == 200
    assert len(captured.captured_queries) == CORRECTIONS_PAGE_QUERIES


def test_corrections_page_paginates(client):
    article = make_article()
    for i in range(25):
        make_correction(article, text=f"Paged correction {i:02d}.")
    assert 'rel="next" href="?page=2"' in client.get(CORRECTIONS).content.decode()
    assert "Paged correction 00" in client.get(CORRECTIONS + "?page=2").content.decode()


def test_article_page_query_count_is_flat_with_corrections(client):
    from tests.newsroom.test_query_counts import ARTICLE_PAGE, article_page_queries

    article = make_interview()
    for _ in range(5):
        make_correction(article)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article_page_queries(client, article.get_absolute_url()) == ARTICLE_PAGE
