"""Every save keeps the whole article; any revision can be restored exactly."""

import pytest
from django.test import Client
from django.urls import reverse

from interviews.models import Segment
from newsroom.desk import workflow
from newsroom.models import Article, Byline, Revision
from tests.factories import (
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_series,
    make_user,
    reindex,
)
from tests.newsroom.admin_pages import form_data

pytestmark = pytest.mark.django_db


def recorded(article):
    """The revision the write path keeps of the article as it is now (what the
    commit of the factories' writes would do)."""
    reindex(article)
    return Revision.objects.filter(article_pk=article.pk).order_by("pk").last()


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def state(article):
    """Everything a revision must bring back, in order."""
    article = Article.objects.get(pk=article.pk)
    return {
        "fields": (
            article.headline,
            article.slug,
            article.series_id,
            article.dek,
            article.intro,
            article.published_at,
            article.language,
        ),
        "bylines": [
            (b.contributor_id, b.role, b.position) for b in article.bylines.all()
        ],
        "tags": sorted(article.tags.names()),
        "segments": [
            (s.pk, s.anchor, s.position, s.question, s.answer, s.answer_speaker_id)
            for s in Segment.objects.filter(article=article)
        ],
        "interviewees": [
            (link.interviewee_id, link.position)
            for link in article.interviewee_links.all()
        ],
    }


def test_admin_save_keeps_a_revision_with_segments_bylines_and_tags(editor_client):
    article = make_interview(segments=2, tags=2)
    url = change_url(article)
    data = form_data(editor_client.get(url))
    data["headline"] = "Revised headline"
    assert editor_client.post(url, data).status_code == 302
    baseline, revision = Revision.objects.filter(article=article).order_by("pk")
    assert baseline.version == 1 and baseline.data["fields"]["headline"] != (
        "Revised headline"
    )
    assert revision.version == 2
    assert revision.created_by.username == "desk-editor"
    assert revision.data["fields"]["headline"] == "Revised headline"
    assert [s["anchor"] for s in revision.data["segments"]] == [
        s.anchor for s in article.segments.all()
    ]
    assert len(revision.data["bylines"]) == 2
    assert len(revision.data["tags"]) == 2
    assert len(revision.data["interviewees"]) == 1


def test_restore_brings_back_the_exact_state_including_order(editor_client, editor):
    series = make_series()
    article = make_interview(segments=3, tags=2, series=series)
    second_interviewee = make_interviewee(article)
    first_segment = article.segments.first()
    first_segment.answer_speaker = second_interviewee
    first_segment.save()
    old_revision = recorded(article)
    before = state(article)

    # Edit through the admin: reorder and edit segments, drop one, add one;
    # reorder and change bylines; change tags and fields.
    url = change_url(article)
    data = form_data(editor_client.get(url))
    data.update(
        {
            "headline": "A different headline",
            "dek": "A different dek",
            "series": "",
            "tags": "replaced-tag",
            "segments-0-position": "3",
            "segments-2-position": "1",
            "segments-1-answer": "A rewritten answer.",
            "segments-1-DELETE": "",
            "segments-TOTAL_FORMS": "4",
            "segments-3-question": "A brand-new question?",
            "segments-3-answer": "A brand-new answer.",
            "segments-3-position": "",
            "bylines-0-position": "2",
            "bylines-1-position": "1",
            "bylines-1-role": "reporter",
        }
    )
    data["segments-0-DELETE"] = "on"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert state(article) != before

    response = editor_client.post(
        reverse("admin:newsroom_article_revision", args=[article.pk, old_revision.pk]),
        follow=True,
    )
    assert response.redirect_chain[-1][1] == 302
    assert "is still published, as before." in response.content.decode()
    after = state(article)
    # The publish time is kept as it is now (the form saved it to the second).
    assert after["fields"][:5] + after["fields"][6:] == (
        before["fields"][:5] + before["fields"][6:]
    )
    assert after["fields"][5] == before["fields"][5].replace(microsecond=0)
    assert after["bylines"] == before["bylines"]
    assert after["tags"] == before["tags"]
    assert after["interviewees"] == before["interviewees"]
    # Same questions, answers, speakers and order; the anchors (shared links)
    # are the same, surviving segments keep their rows.
    assert [s[1:] for s in after["segments"]] == [s[1:] for s in before["segments"]]
    assert after["segments"][1][0] == before["segments"][1][0]
    restored = Article.objects.get(pk=article.pk)
    assert restored.status == Article.Status.PUBLISHED
    assert restored.published_at == article.published_at.replace(microsecond=0)
    assert restored.revisions.first().kind == Revision.Kind.RESTORED
    assert "the article is published" in restored.revisions.first().summary


def test_restore_page_asks_before_restoring(editor_client, editor):
    article = make_interview()
    revision = recorded(article)
    url = reverse("admin:newsroom_article_revision", args=[article.pk, revision.pk])
    page = editor_client.get(url).content.decode()
    assert "Restore this revision" in page
    assert "still published, as it is now" in page
    assert 'value="draft"' in page
    assert Article.objects.get(pk=article.pk).version == 1


def test_restoring_as_a_draft_takes_the_article_off_the_site_and_says_so(
    editor_client, editor
):
    article = make_interview(headline="Restored off the site")
    revision = recorded(article)
    url = reverse("admin:newsroom_article_revision", args=[article.pk, revision.pk])
    response = editor_client.post(url, {"status": "draft"}, follow=True)
    assert "the article is now draft." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert editor_client.get(article.get_absolute_url()).status_code == 200
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_a_reporter_may_not_publish_by_restoring(client, editor):
    reporter = make_user("Reporter")
    article = make_interview(status=Article.Status.DRAFT, created_by=reporter)
    revision = recorded(article)
    client.force_login(reporter)
    url = reverse("admin:newsroom_article_revision", args=[article.pk, revision.pk])
    assert 'value="published"' not in client.get(url).content.decode()
    response = client.post(url, {"status": "published"}, follow=True)
    assert "is not a status you can give this article here" in (
        response.content.decode()
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_history_lists_who_when_and_a_summary(editor_client, editor):
    article = make_interview(headline="History heron")
    recorded(article)
    url = change_url(article)
    data = form_data(editor_client.get(url))
    data["headline"] = "History heron, revised"
    data["intro"] = "A new intro."
    editor_client.post(url, data)
    page = editor_client.get(
        reverse("admin:newsroom_article_revisions", args=[article.pk])
    ).content.decode()
    assert "desk-editor" in page
    assert "Changed headline and intro." in page
    assert "First recorded version." in page


def test_diff_is_escaped(editor_client, editor):
    article = make_interview(headline="Plain headline")
    recorded(article)
    Article.objects.filter(pk=article.pk).update(headline="<script>alert(1)</script>")
    revision = recorded(article)
    page = editor_client.get(
        reverse("admin:newsroom_article_revision", args=[article.pk, revision.pk])
    ).content.decode()
    assert "+Headline: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_bylines_diff_names_people(editor_client, editor):
    article = make_interview(bylines=0)
    recorded(article)
    make_byline(article, make_contributor(name="Walid Diffname"), role="translator")
    revision = recorded(article)
    assert revision.summary == "Changed bylines."
    page = editor_client.get(
        reverse("admin:newsroom_article_revision", args=[article.pk, revision.pk])
    ).content.decode()
    assert "+  1. Translator: Walid Diffname" in page


def test_deleting_asks_for_confirmation_and_keeps_a_revision(editor_client):
    article = make_interview(headline="Deleted by mistake", segments=2)
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert "Are you sure" in editor_client.get(url).content.decode()
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    kept = Revision.objects.get(article_pk=article.pk, kind=Revision.Kind.DELETED)
    assert kept.article is None and kept.created_by.username == "desk-editor"
    assert kept.data["fields"]["headline"] == "Deleted by mistake"
    assert len(kept.data["segments"]) == 2


def test_editor_restores_a_deleted_article_as_a_draft(editor_client, editor):
    article = make_interview(headline="Back from the trash", segments=2, tags=1)
    before = state(article)
    pk = article.pk
    workflow.delete_article(article=article, by=editor)
    revisions = reverse("admin:newsroom_revision_changelist")
    listed = editor_client.get(revisions, {"article": "deleted"}).content.decode()
    assert "Back from the trash (version 1, deleted)" in listed
    deleted = Revision.objects.get(article_pk=pk, kind=Revision.Kind.DELETED)
    response = editor_client.post(
        revisions,
        {"action": "restore_deleted", "_selected_action": [deleted.pk]},
        follow=True,
    )
    assert "“Back from the trash” is back, as a draft." in response.content.decode()
    restored = Article.objects.get(pk=pk)
    assert restored.status == Article.Status.DRAFT
    after = state(restored)
    assert after["fields"] == before["fields"]
    assert after["bylines"] == before["bylines"]
    assert after["tags"] == before["tags"]
    assert [s[1:] for s in after["segments"]] == [s[1:] for s in before["segments"]]
    # Its whole history is its own again: first version, deletion, restoration.
    assert [r.kind for r in restored.revisions.order_by("pk")] == [
        "saved",
        "deleted",
        "restored",
    ]


def test_reporter_cannot_delete(client):
    reporter = make_user("Reporter")
    article = make_interview(status="draft", created_by=reporter)
    client.force_login(reporter)
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    assert Byline.objects.filter(article=article).exists()


def test_delete_confirmation_says_how_to_get_it_back(editor_client):
    article = make_interview()
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert "Revisions › Deleted articles" in editor_client.get(url).content.decode()


def test_bulk_delete_action_keeps_a_revision_of_each(editor_client):
    articles = [make_interview(), make_interview()]
    response = editor_client.post(
        reverse("admin:newsroom_article_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [a.pk for a in articles],
        },
    )
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert set(
        Revision.objects.filter(kind=Revision.Kind.DELETED).values_list(
            "article_pk", flat=True
        )
    ) == {a.pk for a in articles}
