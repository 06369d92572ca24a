"""Shareable preview links: signed, expiring, revocable."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.desk import workflow
from newsroom.models import PreviewLink
from tests.factories import make_article, make_interview, make_user
from tests.newsroom.admin_pages import form_data
from tests.newsroom.test_query_counts import PREVIEW_PAGE_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_link(editor):
    article = make_interview(status="draft", headline="Preview pangolin draft")
    return workflow.create_preview_link(article=article, by=editor)


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_valid_link_shows_the_draft_marked_as_a_preview(client, draft_link):
    response = client.get(draft_link.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview pangolin draft" in page
    assert "Preview — not published yet (draft)" in page
    assert "private link" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)


def test_valid_link_costs_a_fixed_number_of_queries(client, draft_link):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(draft_link.get_absolute_url()).status_code == 200
    assert len(captured.captured_queries) == PREVIEW_PAGE_QUERIES


def test_expired_link_is_a_clear_404(client, draft_link):
    with time_machine.travel(draft_link.expires_at + timedelta(seconds=1)):
        response = client.get(draft_link.get_absolute_url())
    assert response.status_code == 404
    page = response.content.decode()
    assert "This preview link has expired." in page
    assert "Preview pangolin draft" not in page
    assert_private(response)


def test_link_works_until_its_expiry(client, draft_link):
    with time_machine.travel(draft_link.expires_at - timedelta(seconds=1)):
        assert client.get(draft_link.get_absolute_url()).status_code == 200


def test_tampered_link_is_a_clear_404(client, draft_link):
    url = draft_link.get_absolute_url()
    token, signature = url.rstrip("/").split("/")[-1].split(":")
    other = make_interview(status="draft")
    forged = workflow.create_preview_link(article=other, by=None)
    for bad in (
        f"/preview/{token[:-1]}{'y' if token.endswith('x') else 'x'}:{signature}/",
        f"/preview/{forged.token}:{signature}/",
        f"/preview/{token}/",
        "/preview/nonsense/",
    ):
        response = client.get(bad)
        assert response.status_code == 404, bad
        assert "This preview link is not valid." in response.content.decode()


def test_revoked_link_is_a_clear_404(client, draft_link):
    draft_link.is_revoked = True
    draft_link.save()
    response = client.get(draft_link.get_absolute_url())
    assert response.status_code == 404
    assert "This preview link has been withdrawn." in response.content.decode()


def test_preview_of_a_published_article_is_still_private(client, editor):
    link = workflow.create_preview_link(article=make_interview(), by=editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert_private(response)


def test_editor_creates_a_link_from_the_article_admin(editor_client, editor):
    article = make_article(status="draft")
    change = reverse("admin:newsroom_article_change", args=[article.pk])
    assert "Create a preview link" in editor_client.get(change).content.decode()
    response = editor_client.post(
        reverse("admin:newsroom_article_new_preview_link", args=[article.pk]),
        follow=True,
    )
    link = PreviewLink.objects.get(article=article)
    assert link.created_by == editor
    assert link.expires_at > timezone.now() + timedelta(days=6)
    page = response.content.decode()
    assert f"http://testserver{link.get_absolute_url()}" in page


def test_editor_revokes_a_link_in_the_article_admin(editor_client, editor):
    article = make_article(status="draft")
    link = workflow.create_preview_link(article=article, by=editor)
    change = reverse("admin:newsroom_article_change", args=[article.pk])
    data = form_data(editor_client.get(change))
    data["preview_links-0-is_revoked"] = "on"
    assert editor_client.post(change, data).status_code == 302
    link.refresh_from_db()
    assert link.is_revoked


def test_translator_cannot_create_preview_links(client):
    translator = make_user("Translator", contributor=True)
    article = make_article(status="in_review")
    client.force_login(translator)
    response = client.post(
        reverse("admin:newsroom_article_new_preview_link", args=[article.pk])
    )
    assert response.status_code in (403, 404)
    assert not PreviewLink.objects.exists()
