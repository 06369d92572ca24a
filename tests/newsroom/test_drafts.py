"""Unsaved edits: kept per user and article, never a revision, refused clearly
when they are not a form's fields."""

import json

import pytest
from django.urls import reverse

from newsroom.models import EditDraft, Revision
from tests.factories import make_interview, make_user
from tests.newsroom.admin_pages import form_data

pytestmark = pytest.mark.django_db


def draft_url(article=None):
    if article is None:
        return reverse("admin:newsroom_article_new_draft")
    return reverse("admin:newsroom_article_draft", args=[article.pk])


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_an_edit_is_kept_per_user_and_offered_on_the_form(editor_client, editor):
    article = make_interview(headline="Kept edit gannet")
    revisions = Revision.objects.count()
    answer = post(
        editor_client,
        draft_url(article),
        {"fields": [["dek", "Typed, not saved"]], "labels": {}, "loaded_version": 1},
    )
    assert answer.status_code == 200 and answer.json()["saved_at"]
    post(editor_client, draft_url(article), {"fields": [["dek", "Typed again"]]})
    assert EditDraft.objects.get().fields == [["dek", "Typed again"]]
    assert Revision.objects.count() == revisions
    page = editor_client.get(
        reverse("admin:newsroom_article_change", args=[article.pk])
    )
    assert "data-offer-at=" in page.content.decode()

    other = make_user("Editor")
    editor_client.force_login(other)
    assert editor_client.get(draft_url(article)).json() == {"draft": None}


def test_saving_the_article_drops_the_edit(editor_client, editor):
    article = make_interview()
    post(editor_client, draft_url(article), {"fields": [["dek", "Soon saved"]]})
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = form_data(editor_client.get(url))
    assert editor_client.post(url, data).status_code == 302
    assert not EditDraft.objects.exists()


@pytest.mark.parametrize(
    "body, message",
    [
        ("not json", "was not sent as JSON"),
        ("[1, 2]", "was not sent as JSON"),
        ('{"fields": "dek"}', "is not a form's fields"),
        ('{"fields": [["dek", 3]]}', "is not a form's fields"),
        ('{"fields": [], "labels": {"x": 1}}', "is not a form's fields"),
    ],
)
def test_what_is_not_a_form_is_refused_with_a_reason(editor_client, body, message):
    response = editor_client.post(draft_url(), body, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not EditDraft.objects.exists()


def test_the_edit_can_be_discarded(editor_client, editor):
    post(editor_client, draft_url(), {"fields": [["headline", "Thrown away"]]})
    assert post(editor_client, draft_url(), {"discard": True}).json() == {"draft": None}
    assert not EditDraft.objects.exists()
