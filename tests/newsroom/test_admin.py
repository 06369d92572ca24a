import pytest
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Segment
from newsroom.models import Article, Byline
from tests.factories import (
    make_article,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
)
from tests.newsroom.test_admin_list import LIST_QUERIES

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:newsroom_article_add")


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(**overrides):
    data = {
        "headline": "Spokesman explains the attack",
        "slug": "",
        "dek": "A teaser.",
        "intro": "Intro paragraph.",
        "status": "published",
        "published_at_0": "2026-11-20",
        "published_at_1": "10:00:00",
        "language": "en",
        "tags": "Aleppo, Ahrar al-Sham",
        **management("bylines", 0),
        **management("interviewee_links", 0),
        **management("segments", 0),
        **management("corrections", 0),
        **management("preview_links", 0),
    }
    data.update(overrides)
    return data


def test_admin_creates_an_interview_with_segments_bylines_and_tags(editor_client):
    interviewer = make_contributor(name="Ammar Hammou")
    translator = make_contributor(name="Lina Translator")
    interviewee = make_interviewee(name="Ahmed Kara Ali")
    data = article_form(
        **management("bylines", 2),
        **{
            "bylines-0-contributor": interviewer.pk,
            "bylines-0-role": "interviewer",
            "bylines-0-position": "1",
            "bylines-1-contributor": translator.pk,
            "bylines-1-role": "translator",
            "bylines-1-position": "2",
        },
        **management("interviewee_links", 1),
        **{"interviewee_links-0-interviewee": interviewee.pk},
        **management("segments", 3),
    )
    for i, (question, answer) in enumerate(
        [
            ("How did it start?", "It started in the north."),
            ("What are the signs?", "Several missions:\n\n1-One\n\n2-Two"),
            ("What next?", "They withdrew [from the area]."),
        ]
    ):
        data[f"segments-{i}-question"] = question
        data[f"segments-{i}-answer"] = answer
        data[f"segments-{i}-position"] = str(i + 1)

    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"]

    article = Article.objects.get()
    assert article.slug == "spokesman-explains-the-attack"
    assert [b.role for b in article.bylines.all()] == ["interviewer", "translator"]
    assert sorted(t.name for t in article.tags.all()) == ["Ahrar al-Sham", "Aleppo"]
    assert [s.question for s in article.segments.all()] == [
        "How did it start?",
        "What are the signs?",
        "What next?",
    ]
    assert list(article.interviewees.all()) == [interviewee]
    assert article.reading_minutes == 1
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "They withdrew" in page and "Lina Translator" in page


def test_admin_reorders_segments_by_position(editor_client):
    article = make_interview(segments=0)
    first = make_segment(article, position=1, question="First?")
    second = make_segment(article, position=2, question="Second?")
    third = make_segment(article, position=3, question="Third?")
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200
    data = {
        key: value
        for key, value in article_form(
            headline=article.headline, slug=article.slug, tags=""
        ).items()
        if not key.startswith(("segments-", "bylines-", "interviewee_links-"))
    }
    bylines = list(article.bylines.all())
    data.update(management("bylines", len(bylines), len(bylines)))
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": byline.pk,
                f"bylines-{i}-article": article.pk,
                f"bylines-{i}-contributor": byline.contributor_id,
                f"bylines-{i}-role": byline.role,
                f"bylines-{i}-position": byline.position,
            }
        )
    links = list(article.interviewee_links.all())
    data.update(management("interviewee_links", len(links), len(links)))
    for i, link in enumerate(links):
        data.update(
            {
                f"interviewee_links-{i}-id": link.pk,
                f"interviewee_links-{i}-article": article.pk,
                f"interviewee_links-{i}-interviewee": link.interviewee_id,
                f"interviewee_links-{i}-position": link.position,
            }
        )
    data.update(management("segments", 4, 3))
    # Third moves to the top, a new question with no position goes last.
    for i, (segment, position) in enumerate([(first, 2), (second, 3), (third, 1)]):
        data.update(
            {
                f"segments-{i}-id": segment.pk,
                f"segments-{i}-article": article.pk,
                f"segments-{i}-question": segment.question,
                f"segments-{i}-answer": segment.answer,
                f"segments-{i}-position": str(position),
            }
        )
    data.update(
        {
            "segments-3-question": "Added last?",
            "segments-3-answer": "Yes.",
            "segments-3-position": "",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    ordered = list(Segment.objects.filter(article=article))
    assert [s.question for s in ordered] == [
        "Third?",
        "First?",
        "Second?",
        "Added last?",
    ]
    assert [s.position for s in ordered] == [1, 2, 3, 4]
    assert ordered[0].anchor == third.anchor


def test_admin_refuses_a_duplicate_slug_with_a_clear_error(editor_client):
    make_article(slug="taken-slug")
    response = editor_client.post(ADD_URL, article_form(slug="taken-slug"))
    assert response.status_code == 200
    assert "Article with this Slug already exists." in response.content.decode()
    assert Article.objects.count() == 1


def test_admin_changelist_queries_do_not_grow_with_articles(
    editor_client, django_assert_max_num_queries
):
    for _ in range(50):
        make_interview(segments=1, tags=2, bylines=2)
    url = reverse("admin:newsroom_article_changelist")
    with django_assert_max_num_queries(LIST_QUERIES):
        response = editor_client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "50 articles" in page
    assert "(Interviewer)" in page and "(Translator)" in page


def test_admin_changelist_search_finds_segment_text_and_contributors(editor_client):
    article = make_interview(headline="Found by search")
    make_segment(article, answer="A distinctive zyzzyva answer.")
    make_interview(headline="Not this one")
    url = reverse("admin:newsroom_article_changelist")
    page = editor_client.get(url, {"q": "zyzzyva"}).content.decode()
    assert "Found by search" in page and "Not this one" not in page
    name = article.bylines.first().contributor.name
    page = editor_client.get(url, {"q": name}).content.decode()
    assert "Found by search" in page


def test_admin_changelist_filters_by_status_and_tag(editor_client):
    make_article(headline="Live piece", tags=["Idlib"])
    make_article(headline="Draft piece", status="draft")
    url = reverse("admin:newsroom_article_changelist")
    page = editor_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Draft piece" in page and "Live piece" not in page
    tag = Tag.objects.get(name="Idlib")
    page = editor_client.get(url, {"tags__id__exact": tag.pk}).content.decode()
    assert "Live piece" in page and "Draft piece" not in page


def test_view_on_site_only_for_published_articles(editor_client):
    live = make_article()
    draft = make_article(status="draft")
    live_page = editor_client.get(
        reverse("admin:newsroom_article_change", args=[live.pk])
    ).content.decode()
    draft_page = editor_client.get(
        reverse("admin:newsroom_article_change", args=[draft.pk])
    ).content.decode()
    assert "View on site" in live_page
    assert "View on site" not in draft_page
    assert "Preview" in draft_page


def test_bylines_keep_editor_order(editor_client):
    article = make_article()
    Byline.objects.create(
        article=article, contributor=make_contributor(), role="translator", position=2
    )
    Byline.objects.create(
        article=article, contributor=make_contributor(), role="interviewer", position=1
    )
    assert [b.role for b in article.bylines.all()] == ["interviewer", "translator"]
