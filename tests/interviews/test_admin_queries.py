"""The change form of a long interview opens and saves in a number of queries that
does not grow with its questions and answers."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import Segment
from newsroom.models import Contributor
from tests.factories import make_contributor, make_interview, reindex
from tests.newsroom.admin_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _as_in_production(page_cache):
    """The page cache on: a save reads which pages show the article."""


# Opening: session, user, the article with its tags and bylines, each inline's
# rows (bylines, interviewees, segments, corrections, preview links) and the people
# chosen on them (one query per field that has a value), two content types, and
# the count of questions (a long interview is shown a page at a time), and the
# editor's unsaved edit of it (newsroom.desk.drafts).
OPEN_QUERIES = 21
# Saving: the same reads, the version check, the row that changed, positions,
# tags; then the write path (newsroom.desk.changes): the version and who changed
# it, the reading time, the search document (and its vector on PostgreSQL), the
# revision; the publish time its tags and bylines list it by (2 reads, and here 2
# updates: the form gives the publish time to the second, the factory gave
# microseconds); and what the page cache reads of the published article before the
# change and after it (9 each: the article, its editions, and the series,
# contributors, tags, interviewees and speakers whose pages list it); and the
# editor's unsaved edit, dropped once saved.
SAVE_QUERIES = 85 + (connection.vendor == "postgresql")
# With speakers chosen on some rows: their two fields are looked up, once each.
SPEAKER_FIELDS = 2


def interview(segments, *, speakers=False):
    article = make_interview(segments=segments, tags=3, bylines=2)
    for _ in range(30):
        make_contributor()  # people who are not on the article
    if speakers:
        asker = article.bylines.first().contributor
        other = article.interviewee_links.get().interviewee
        for i, segment in enumerate(Segment.objects.filter(article=article)):
            segment.question_speaker = asker if i % 2 else None
            segment.answer_speaker = other if i % 3 else None
            segment.save()
    return reindex(article)


def open_and_save(client, article):
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    # The same start for every test: the content types are read again.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as opened:
        response = client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data["segments-0-answer"] += " Edited."
    with CaptureQueriesContext(connection) as saved:
        response = client.post(url, {**data, "_continue": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Segment.objects.filter(answer__endswith=" Edited.").count() == 1
    return len(opened.captured_queries), len(saved.captured_queries)


@pytest.mark.parametrize("segments", [6, 60])
def test_change_form_queries_do_not_grow_with_segments(editor_client, segments):
    opened, saved = open_and_save(editor_client, interview(segments))
    assert (opened, saved) == (OPEN_QUERIES, SAVE_QUERIES)


@pytest.mark.parametrize("segments", [6, 60])
def test_chosen_speakers_are_looked_up_once_per_field(editor_client, segments):
    article = interview(segments, speakers=True)
    chosen = Segment.objects.filter(article=article).exclude(
        question_speaker=None, answer_speaker=None
    )
    opened, saved = open_and_save(editor_client, article)
    assert opened == OPEN_QUERIES + SPEAKER_FIELDS
    # Django's model validation (Model.full_clean) still checks that each chosen
    # person exists: one query per speaker set on a row.
    speakers = sum(
        (s.question_speaker_id is not None) + (s.answer_speaker_id is not None)
        for s in chosen
    )
    assert saved == SAVE_QUERIES + SPEAKER_FIELDS + speakers


def test_speaker_widgets_show_the_chosen_people_only(editor_client):
    article = interview(4, speakers=True)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    page = editor_client.get(url).content.decode()
    segment = Segment.objects.get(article=article, position=2)
    for person in (segment.question_speaker, segment.answer_speaker):
        assert f'<option value="{person.pk}" selected>{person}</option>' in page
    # Each row can add a speaker; changing or deleting people is not done per row.
    assert 'id="add_id_segments-0-answer_speaker"' in page
    for link in ("change", "delete", "view"):
        assert f'id="{link}_id_segments-0-answer_speaker"' not in page
    # The other contributors are found by typing (autocomplete), not listed.
    credited = {b.contributor_id for b in article.bylines.all()}
    others = Contributor.objects.exclude(pk__in=credited)
    assert others.count() == 30
    assert not any(f">{person.name}<" in page for person in others)


@pytest.mark.parametrize("value", ["999999", "not-an-id"])
def test_a_speaker_that_does_not_exist_is_refused(editor_client, value):
    article = interview(3)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = form_data(editor_client.get(url))
    data["segments-1-question_speaker"] = value
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert (
        not Segment.objects.filter(article=article)
        .exclude(question_speaker=None)
        .exists()
    )
