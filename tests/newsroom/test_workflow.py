"""Draft → in review → published, unpublish, scheduling; the admin's actions,
columns and filters."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.desk import workflow
from newsroom.models import Article, Revision
from tests.factories import make_article, make_interview, make_user
from tests.newsroom.test_admin import ADD_URL, article_form
from tests.newsroom.test_admin_list import LIST_QUERIES

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_article_changelist")


def test_submit_for_review_moves_a_draft_to_in_review(editor):
    article = make_article(status=Article.Status.DRAFT)
    workflow.submit_for_review(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.updated_by == editor
    assert article.version == 2
    assert Revision.objects.filter(article=article, version=2).exists()


def test_submit_for_review_refuses_an_article_not_in_draft(editor):
    article = make_article(status=Article.Status.PUBLISHED)
    with pytest.raises(ValidationError, match="only a draft"):
        workflow.submit_for_review(article=article, by=editor)


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_publish_article_makes_it_public_now(client, editor, status):
    article = make_article(status=status, headline="Freshly live zebra")
    assert client.get(article.get_absolute_url()).status_code == 404
    workflow.publish_article(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    assert "Freshly live zebra" in client.get("/").content.decode()


def test_publish_article_refuses_a_published_article(editor):
    with pytest.raises(ValidationError, match="already published"):
        workflow.publish_article(article=make_article(), by=editor)


def test_publish_with_a_future_time_schedules(client, editor):
    later = timezone.now() + timedelta(days=2)
    article = make_article(status=Article.Status.IN_REVIEW, published_at=later)
    workflow.publish_article(article=article, by=editor)
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == later
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.IN_REVIEW])
def test_unpublish_returns_the_article_to_draft(client, editor, status):
    article = make_article(status=status)
    workflow.unpublish_article(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublish_refuses_a_draft(editor):
    with pytest.raises(ValidationError, match="already a draft"):
        workflow.unpublish_article(
            article=make_article(status=Article.Status.DRAFT), by=editor
        )


def test_scheduled_article_appears_exactly_at_its_publish_time(client, editor):
    go_live = datetime(2030, 6, 4, 9, 0, 0, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(days=1), tick=False):
        article = make_article(
            status=Article.Status.DRAFT, headline="Boundary marmoset story"
        )
        workflow.publish_article(article=article, by=editor, at=go_live)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Boundary marmoset story" not in client.get("/").content.decode()
    with time_machine.travel(go_live, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Boundary marmoset story" in client.get("/").content.decode()


def action(client, name, *articles):
    return client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def test_action_submit_for_review(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    response = action(editor_client, "submit_for_review", article)
    assert "1 article submitted for review." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_action_publish_publishes_and_schedules(editor_client):
    now_ready = make_article(status=Article.Status.IN_REVIEW)
    later = make_article(
        status=Article.Status.IN_REVIEW,
        published_at=timezone.now() + timedelta(hours=3),
    )
    response = action(editor_client, "publish", now_ready, later)
    assert "2 articles published or scheduled." in response.content.decode()
    now_ready.refresh_from_db()
    later.refresh_from_db()
    assert now_ready.is_published and later.is_scheduled


def test_action_unpublish(editor_client):
    article = make_article()
    response = action(editor_client, "unpublish", article)
    assert "1 article returned to draft." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_action_reports_articles_it_cannot_move(editor_client):
    article = make_article()
    response = action(editor_client, "submit_for_review", article)
    assert "only a draft can be submitted for review" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_changelist_shows_state_and_who_changed_last(editor_client, editor):
    article = make_article(status=Article.Status.DRAFT, headline="Review me kiwi")
    workflow.submit_for_review(article=article, by=editor)
    page = editor_client.get(CHANGELIST).content.decode()
    assert "In review" in page
    assert "Last changed by" in page and editor.username in page


def test_changelist_filters_mine_in_review_and_scheduled(editor_client, editor):
    other = make_user("Editor")
    mine = make_article(headline="Mine alpaca", created_by=editor)
    make_article(headline="Theirs alpaca", created_by=other)
    make_article(headline="Waiting alpaca", status=Article.Status.IN_REVIEW)
    make_article(
        headline="Later alpaca", published_at=timezone.now() + timedelta(days=1)
    )
    assert mine.created_by == editor

    def shown(value):
        page = editor_client.get(CHANGELIST, {"workflow": value}).content.decode()
        return {
            h for h in ("Mine", "Theirs", "Waiting", "Later") if f"{h} alpaca" in page
        }

    assert shown("mine") == {"Mine"}
    assert shown("in_review") == {"Waiting"}
    assert shown("scheduled") == {"Later"}


def test_admin_save_records_who_created_and_changed(editor_client, editor):
    response = editor_client.post(ADD_URL, article_form(status="draft"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.created_by == editor and article.updated_by == editor
    assert article.version == 1
    assert article.revisions.count() == 1


def test_changelist_query_count_with_workflow_columns(
    editor_client, django_assert_max_num_queries
):
    editor = make_user("Editor")
    for _ in range(30):
        make_interview(segments=1, updated_by=editor)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert editor_client.get(CHANGELIST).status_code == 200
