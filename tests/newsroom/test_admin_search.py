"""The admin's article search reads the search documents (their index on
PostgreSQL), never the questions and answers themselves; it counts once, stays
behind the staff gate, and finds nobody by a real name its user may not see."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.desk import changes
from newsroom.models import Article
from tests.factories import (
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
    make_user,
    reindex,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:newsroom_article_changelist")


def search(client, term):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL, {"q": term})
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def archive():
    found = make_interview(headline="Bakers of the old market", segments=0)
    make_segment(found, answer="The ovens of Maarat al-Numan stayed warm all winter.")
    make_byline(found, make_contributor(name="Rasha Qudsi"))
    make_segment(
        found, question="ما الذي تغيّر في مدرسة إدلب؟", answer="Nothing, she said."
    )
    reindex(found)
    other = make_interview(headline="A ferry across the lake", segments=0)
    make_segment(other, answer="The boats carried flour and diesel.")
    reindex(other)
    return found, other


@pytest.mark.parametrize(
    "term",
    [
        "ovens",  # a word of an answer
        "OVENS numan",  # every word, in any case, anywhere in the article
        "oven",  # the start of a word
        "Rasha Qudsi",  # a contributor's name
        "qudsi bakers",  # a name and a headline word
        "the ovens of",  # words in no index (stop words) leave the others
        "مدرسه",  # ta marbuta typed as ha
        "ادلب",  # a bare alef for the hamza seat
        "إدلب",
    ],
)
def test_search_finds_an_article_by_any_of_its_words(editor_client, archive, term):
    page, queries = search(editor_client, term)
    assert "Bakers of the old market" in page
    assert "A ferry across the lake" not in page
    assert "1 result" in page
    # Through the search documents only: no scan of the questions and answers,
    # and the list counted once.
    assert not any("interviews_segment" in sql for sql in queries)
    assert sum(sql.startswith("SELECT COUNT(*)") for sql in queries) == 1


@pytest.mark.parametrize("term", ["ovens ferry", "zeppelin", "venso"])
def test_every_word_must_start_a_word_of_the_article(editor_client, archive, term):
    page, _ = search(editor_client, term)
    assert "Bakers of the old market" not in page
    assert "0 results" in page


def test_search_finds_what_changed_once_the_change_is_followed(editor_client):
    article = make_interview(headline="Before the edit", segments=1)
    make_segment(article, answer="A cormorant landed on the roof.")
    page, _ = search(editor_client, "cormorant")
    assert "0 results" in page  # not followed yet: the transaction is open
    changes.flush()
    page, _ = search(editor_client, "cormorant")
    assert "Before the edit" in page


def test_search_stays_behind_the_gate(client, archive):
    reporter = make_user("Reporter")
    draft = make_interview(
        headline="Somebody else's draft", status=Article.Status.DRAFT, segments=0
    )
    make_segment(draft, answer="The ovens were cold in the draft.")
    reindex(draft)
    client.force_login(reporter)
    page, _ = search(client, "ovens")
    assert "Bakers of the old market" in page
    assert "Somebody else&#x27;s draft" not in page
    assert "1 result" in page
    editor = make_user("Editor")
    client.force_login(editor)
    page, _ = search(client, "ovens")
    assert "2 results" in page


def test_a_real_name_finds_an_article_only_for_those_who_may_see_it(client):
    article = make_interview(headline="The one who would not be named", segments=1)
    make_interviewee(
        article,
        name="Zubair Halloumi",
        is_anonymous=True,
        public_description="a teacher in Saraqib",
    )
    reindex(article)
    editor = make_user("Editor")  # editors see real names only when granted
    client.force_login(editor)
    for term in ("Halloumi", "Zubair"):
        page, _ = search(client, term)
        assert "The one who would not be named" not in page
    # What readers see finds it, for everyone.
    page, _ = search(client, "teacher saraqib")
    assert "The one who would not be named" in page
    editor.user_permissions.add(Permission.objects.get(codename="view_real_name"))
    client.force_login(type(editor).objects.get(pk=editor.pk))
    page, _ = search(client, "Halloumi")
    assert "The one who would not be named" in page
    # Each word is found somewhere: a real name with a word of the article.
    page, _ = search(client, "Halloumi teacher")
    assert "The one who would not be named" in page
