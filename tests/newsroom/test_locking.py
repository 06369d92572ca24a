"""No lost edits: two editors open the same article; the second save is refused."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from newsroom.admin import ArticleAdminForm
from newsroom.desk import workflow
from newsroom.desk.changes import ArticleChanged, claim_version
from newsroom.models import Article
from tests.factories import make_byline, make_interview, make_user
from tests.newsroom.admin_pages import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


@pytest.fixture
def two_editors():
    first, second = Client(), Client()
    first.force_login(make_user("Editor", username="first-editor"))
    second.force_login(make_user("Editor", username="second-editor"))
    return first, second


def test_second_save_is_refused_and_keeps_the_input(two_editors):
    first, second = two_editors
    article = make_interview(headline="Original headline", segments=2)
    url = change_url(article)
    data_first = form_data(first.get(url))
    data_second = form_data(second.get(url))

    data_first["headline"] = "First editor's headline"
    assert first.post(url, data_first).status_code == 302

    data_second["dek"] = "Second editor's distinctive dek"
    data_second["segments-1-answer"] = "Second editor's distinctive answer"
    response = second.post(url, data_second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed by first-editor" in page
    assert "your changes were NOT saved" in page
    # What they typed is still in the form, the inlines' included.
    assert "Second editor&#x27;s distinctive dek" in page
    assert "Second editor&#x27;s distinctive answer" in page
    # The database holds the first save only.
    article.refresh_from_db()
    assert article.headline == "First editor's headline"
    assert article.dek != "Second editor's distinctive dek"
    assert "distinctive answer" not in article.segments.last().answer
    assert article.version == 2


def test_refused_save_links_to_what_changed(two_editors):
    first, second = two_editors
    article = make_interview(headline="Before the change", segments=1)
    url = change_url(article)
    data_first = form_data(first.get(url))
    data_second = form_data(second.get(url))
    data_first["headline"] = "After the change"
    first.post(url, data_first)

    response = second.post(url, data_second)
    changes = reverse("admin:newsroom_article_changes", args=[article.pk])
    link = f"{changes}?since=1"
    assert f'href="{link}"' in response.content.decode()
    diff = second.get(link).content.decode()
    assert "-Headline: Before the change" in diff
    assert "+Headline: After the change" in diff


def test_inline_only_edit_is_checked_too(two_editors):
    first, second = two_editors
    article = make_interview(segments=2)
    url = change_url(article)
    data_first = form_data(first.get(url))
    data_second = form_data(second.get(url))
    data_first["segments-0-question"] = "Question edited by the first editor?"
    assert first.post(url, data_first).status_code == 302

    data_second["bylines-0-position"] = "5"
    data_second["segments-0-question"] = "Question edited by the second editor?"
    response = second.post(url, data_second)
    assert response.status_code == 200
    assert "your changes were NOT saved" in response.content.decode()
    assert article.segments.first().question == "Question edited by the first editor?"


def test_saving_again_after_the_warning_replaces_the_other_save(two_editors):
    first, second = two_editors
    article = make_interview()
    url = change_url(article)
    data_first = form_data(first.get(url))
    data_second = form_data(second.get(url))
    data_first["headline"] = "First wins for now"
    first.post(url, data_first)
    data_second["headline"] = "Second on purpose"
    refused = second.post(url, data_second)
    assert refused.status_code == 200

    again = form_data(refused)
    assert again["headline"] == "Second on purpose"
    assert second.post(url, again).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second on purpose"
    assert article.version == 3


def test_a_workflow_change_also_refuses_a_stale_form(two_editors):
    first, _ = two_editors
    article = make_interview()
    url = change_url(article)
    data = form_data(first.get(url))
    workflow.unpublish_article(article=article, by=make_user("Editor"))
    data["dek"] = "Edited after someone unpublished it"
    assert first.post(url, data).status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.dek != "Edited after someone unpublished it"


def test_claim_version_lets_only_one_of_two_saves_through():
    article = make_interview()
    claim_version(article=Article.objects.get(pk=article.pk), version=1)
    with pytest.raises(ArticleChanged):
        claim_version(article=Article.objects.get(pk=article.pk), version=1)
    assert Article.objects.get(pk=article.pk).version == 2


def test_unchanged_resubmit_of_a_fresh_form_saves(editor_client):
    article = make_interview()
    make_byline(article)
    url = change_url(article)
    data = form_data(editor_client.get(url))
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    data = form_data(editor_client.get(url))
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.version == 3


def test_save_that_loses_the_race_after_validation_is_shown_the_warning(
    editor_client, monkeypatch
):
    """Two saves of the same version validated at the same moment: the one whose
    conditional UPDATE finds the version gone rolls back and gets the form again,
    with the warning, instead of an error page or an overwrite."""
    article = make_interview(headline="Raced headline")
    url = change_url(article)
    data = form_data(editor_client.get(url))
    # The other save commits between this one's validation and its UPDATE: here
    # the first validation does not see it, the UPDATE does.
    Article.objects.filter(pk=article.pk).update(version=2, headline="Other save")
    real_clean = ArticleAdminForm.clean
    calls = []

    def clean_before_the_other_save(form):
        calls.append(form)
        if len(calls) == 1:
            return forms.ModelForm.clean(form)
        return real_clean(form)

    monkeypatch.setattr(ArticleAdminForm, "clean", clean_before_the_other_save)
    data["headline"] = "Racing save"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert len(calls) == 2
    assert "your changes were NOT saved" in response.content.decode()
    assert "Racing save" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Other save" and article.version == 2
