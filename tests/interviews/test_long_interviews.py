"""An interview of any length opens and saves in the admin: past a hundred
questions the change form shows them a hundred at a time; a request over one of
the site's limits gets a page that says which limit and what to do."""

import pytest
from django.conf import settings
from django.urls import reverse

from interviews.models import Segment
from newsroom.desk import changes
from tests.factories import make_interview
from tests.newsroom.admin_pages import form_data

pytestmark = pytest.mark.django_db

QUESTIONS = 6000


@pytest.fixture
def long_interview():
    """6,000 questions, as an import of a day-long hearing makes them."""
    article = make_interview(segments=0, headline="The whole hearing")
    Segment.objects.bulk_create(
        Segment(
            article=article,
            position=n,
            anchor=f"q-{n:06d}",
            question=f"Question {n}?",
            answer=f"Answer {n}.",
        )
        for n in range(1, QUESTIONS + 1)
    )
    changes.flush()
    return article


def questions_in_order(article):
    return list(
        Segment.objects.filter(article=article)
        .order_by("position", "pk")
        .values_list("question", flat=True)
    )


def test_a_6000_question_interview_opens_a_page_of_questions(
    editor_client, long_interview
):
    url = reverse("admin:newsroom_article_change", args=[long_interview.pk])
    response = editor_client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Questions and answers 1–100 of 6000" in page
    assert 'href="?questions=60"' in page and "5901–6000" in page
    assert "Question 100?" in page and "Question 101?" not in page
    fields = form_data(response)
    assert len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 10


def test_each_page_saves_and_the_order_of_the_whole_stays_exact(
    editor_client, long_interview
):
    url = reverse("admin:newsroom_article_change", args=[long_interview.pk])
    data = form_data(editor_client.get(f"{url}?questions=30"))
    assert data["segments-0-question"] == "Question 2901?"
    # Edit an answer, delete a question, add one at the end of the page.
    data["segments-0-answer"] = "Answer 2901, corrected."
    data["segments-1-DELETE"] = "on"
    total = int(data["segments-TOTAL_FORMS"])
    data[f"segments-{total - 1}-question"] = "A question added on page 30?"
    data[f"segments-{total - 1}-answer"] = "Its answer."
    response = editor_client.post(f"{url}?questions=30", {**data, "_continue": "1"})
    assert response.status_code == 302, response.context["errors"]
    assert response["Location"].endswith("?questions=30")
    order = questions_in_order(long_interview)
    expected = [f"Question {n}?" for n in range(1, QUESTIONS + 1)]
    expected.remove("Question 2902?")
    expected.insert(2999, "A question added on page 30?")
    assert order == expected
    positions = Segment.objects.filter(article=long_interview).values_list(
        "position", flat=True
    )
    assert sorted(positions) == list(range(1, QUESTIONS + 1))
    assert (
        Segment.objects.get(question="Question 2901?").answer
        == "Answer 2901, corrected."
    )


def test_reordering_within_a_page_keeps_the_other_pages_in_place(
    editor_client, long_interview
):
    url = reverse("admin:newsroom_article_change", args=[long_interview.pk])
    data = form_data(editor_client.get(f"{url}?questions=2"))
    data["segments-0-position"] = "999"  # Question 101 to the end of its page
    response = editor_client.post(f"{url}?questions=2", data)
    assert response.status_code == 302, response.context["errors"]
    order = questions_in_order(long_interview)
    assert order[99:101] == ["Question 100?", "Question 102?"]
    assert order[199:201] == ["Question 101?", "Question 201?"]


def test_a_change_form_with_an_emptied_slug_and_an_error_is_shown_again(
    editor_client,
):
    article = make_interview(segments=1)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = form_data(editor_client.get(url))
    data.update(slug="", headline="")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_a_form_over_the_field_limit_gets_a_page_that_says_so(editor_client):
    article = make_interview(segments=1)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    fields = {f"field-{n}": "x" for n in range(limit + 10)}
    response = editor_client.post(url, fields)
    page = response.content.decode()
    assert response.status_code == 400
    assert "more than 10,000 fields" in page
    assert "Nothing was saved" in page and "go back" in page.lower()


def test_a_10_mb_pasted_transcript_gets_a_page_that_names_the_limit(editor_client):
    url = reverse("admin:newsroom_article_import")
    response = editor_client.post(url, {"text": "Q: Why?\nA: " + "x" * 10_000_000})
    page = response.content.decode()
    assert response.status_code == 413
    assert "The form sent 10.0 MB of text" in page
    assert "at most 8.4 MB" in page
    assert "up to 1 MB of text" in page


def test_readers_get_the_site_page_for_a_request_over_a_limit(client):
    response = client.post(
        "/search/",
        {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)},
    )
    assert response.status_code in (400, 405)
    if response.status_code == 400:
        assert "That could not be sent" in response.content.decode()
