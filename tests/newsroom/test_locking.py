"""No lost edits: two editors open the same article; the second save is merged
with the first, field by field, and asks only where both changed the same thing."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from newsroom.admin import ArticleAdminForm
from newsroom.desk import workflow
from newsroom.desk.changes import ArticleChanged, claim_version
from newsroom.models import Article, Revision
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


def opened_by_both(two_editors, article):
    first, second = two_editors
    url = change_url(article)
    return url, form_data(first.get(url)), form_data(second.get(url))


def test_a_stale_save_merges_what_only_one_side_changed(two_editors):
    first, second = two_editors
    article = make_interview(headline="Original headline", segments=3)
    url, data_first, data_second = opened_by_both(two_editors, article)

    data_first["headline"] = "First editor's headline"
    data_first["segments-0-answer"] = "First editor's answer"
    assert first.post(url, data_first).status_code == 302

    data_second["dek"] = "Second editor's distinctive dek"
    data_second["segments-1-answer"] = "Second editor's distinctive answer"
    response = second.post(url, data_second, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    assert "Your changes were merged with theirs" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "First editor's headline"
    assert article.dek == "Second editor's distinctive dek"
    answers = list(article.segments.values_list("answer", flat=True))
    assert answers[0] == "First editor's answer"
    assert answers[1] == "Second editor's distinctive answer"
    assert article.version == 3
    merged = article.revisions.first()
    assert merged.kind == Revision.Kind.MERGED
    assert merged.created_by.username == "second-editor"
    assert "by first-editor" in merged.summary and "Headline" in merged.summary


def test_only_true_conflicts_are_shown_side_by_side_then_chosen(two_editors):
    first, second = two_editors
    article = make_interview(dek="The dek before", segments=2)
    url, data_first, data_second = opened_by_both(two_editors, article)
    data_first["dek"] = "Dek by the first editor"
    data_first["segments-1-question"] = "Question by the first editor?"
    first.post(url, data_first)

    data_second["dek"] = "Dek by the second editor"
    data_second["segments-1-question"] = "Question by the second editor?"
    data_second["intro"] = "Intro only the second editor wrote."
    response = second.post(url, data_second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "first-editor and you both changed 2 things" in page
    for text in ("Dek by the first editor", "Dek by the second editor"):
        assert text in page
    assert "Question by the first editor?" in page
    assert 'name="merge-fields.intro"' not in page  # only one side changed it
    article.refresh_from_db()
    assert article.dek == "Dek by the first editor"  # nothing saved yet

    again = form_data(response)
    assert again["merge-fields.dek"] == "mine"
    segment = next(k for k in again if k.startswith("merge-segments."))
    again[segment] = "theirs"
    assert second.post(url, again).status_code == 302
    article.refresh_from_db()
    assert article.dek == "Dek by the second editor"
    assert article.intro == "Intro only the second editor wrote."
    questions = list(article.segments.values_list("question", flat=True))
    assert questions[1] == "Question by the first editor?"
    summary = article.revisions.first().summary
    assert "Dek: chose mine." in summary and ": chose theirs." in summary


def test_a_question_deleted_by_one_and_added_by_the_other_both_count(two_editors):
    first, second = two_editors
    article = make_interview(segments=3)
    url, data_first, data_second = opened_by_both(two_editors, article)
    data_first["segments-2-DELETE"] = "on"
    assert first.post(url, data_first).status_code == 302
    data_second["segments-TOTAL_FORMS"] = "4"
    data_second["segments-3-question"] = "A question the second editor added?"
    data_second["segments-3-answer"] = "Its answer."
    assert second.post(url, data_second).status_code == 302
    questions = list(article.segments.values_list("question", flat=True))
    assert len(questions) == 3
    assert questions[-1] == "A question the second editor added?"


def test_with_no_revision_of_the_opened_version_a_stale_save_is_refused(
    two_editors,
):
    first, second = two_editors
    article = make_interview(headline="Before the change", segments=1)
    url, data_first, data_second = opened_by_both(two_editors, article)
    data_first["headline"] = "After the change"
    first.post(url, data_first)
    Revision.objects.filter(article_pk=article.pk, version=1).delete()

    response = second.post(url, data_second)
    page = response.content.decode()
    assert "your changes were NOT saved" in page
    changes = reverse("admin:newsroom_article_changes", args=[article.pk])
    assert f'href="{changes}?since=1"' in page


def test_a_workflow_change_is_merged_with_a_stale_form(two_editors):
    first, _ = two_editors
    article = make_interview()
    url = change_url(article)
    data = form_data(first.get(url))
    workflow.unpublish_article(article=article, by=make_user("Editor"))
    data["dek"] = "Edited after someone unpublished it"
    assert first.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.dek == "Edited after someone unpublished it"


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
    page = response.content.decode()
    assert response.status_code == 200
    assert len(calls) == 2
    # The second try merges with the other save: both changed the headline.
    assert "and you both changed one thing" in page
    assert "Racing save" in page and "Other save" in page
    article.refresh_from_db()
    assert article.headline == "Other save" and article.version == 2


def test_an_answer_edited_in_a_question_the_other_deleted_is_kept(two_editors):
    first, second = two_editors
    article = make_interview(segments=3)
    url, data_first, data_second = opened_by_both(two_editors, article)
    data_first["segments-1-DELETE"] = "on"
    assert first.post(url, data_first).status_code == 302
    data_second["segments-1-answer"] = "An answer rewritten while it was deleted."
    assert second.post(url, data_second).status_code == 302
    answers = list(article.segments.values_list("answer", flat=True))
    assert len(answers) == 3
    assert "An answer rewritten while it was deleted." in answers
