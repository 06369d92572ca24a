"""The staff gate (newsroom/desk/gate.py): who may read which article, and whose
names are withheld from whom, on the surfaces that once forgot to ask."""

import json

import pytest
from django.urls import reverse

from interviews.models import Interviewee
from newsroom.content.parts import Withheld
from newsroom.desk import workflow
from newsroom.desk.gate import Redaction
from newsroom.models import Article, Byline
from tests.factories import (
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
    make_user,
    reindex,
)
from tests.interviews.test_import_export import QA_TRANSCRIPT

pytestmark = pytest.mark.django_db

REAL = "Realname Hiddenson"


def export_url(article, fmt=""):
    url = reverse("admin:newsroom_article_export", args=[article.pk])
    return f"{url}?format={fmt}" if fmt else url


@pytest.fixture
def anonymous_source():
    """A published interview whose interviewee is anonymous, answering its
    question, with a translator credited."""
    article = make_interview(segments=1, bylines=0, headline="Voices of the south")
    translator = make_user("Translator", contributor=True)
    make_byline(article, translator.contributor, role=Byline.Role.TRANSLATOR)
    article.interviewee_links.all().delete()
    source = make_interviewee(
        article,
        name=REAL,
        title="marker brigade commander",
        organisation="Marker Brigade",
        is_anonymous=True,
        public_description="a commander who asked not to be named",
    )
    make_segment(
        article, question="And then?", answer="We left.", answer_speaker=source
    )
    reindex(article)
    return article, translator


@pytest.mark.parametrize("fmt", ["", "json"])
def test_a_translator_exports_no_real_name(client, anonymous_source, fmt):
    article, translator = anonymous_source
    client.force_login(translator)
    response = client.get(export_url(article, fmt))
    body = response.content.decode()
    assert response.status_code == 200
    assert "a commander who asked not to be named" in body
    for secret in (REAL, "marker brigade commander", "Marker Brigade"):
        assert secret not in body
    if fmt == "json":
        interviewee = json.loads(body)["interviewee"]
        assert interviewee == {
            "name": "a commander who asked not to be named",
            "title": None,
            "organisation": None,
        }


def test_an_editor_without_the_permission_sees_no_real_name_in_revisions(
    client, anonymous_source
):
    article, _ = anonymous_source
    editor = make_user("Editor")
    client.force_login(editor)
    workflow.unpublish_article(article=article, by=editor)
    for url in (
        reverse("admin:newsroom_article_revisions", args=[article.pk]),
        reverse("admin:newsroom_article_changes", args=[article.pk]),
        reverse("admin:newsroom_article_changes", args=[article.pk]) + "?since=1",
        *(
            reverse("admin:newsroom_article_revision", args=[article.pk, pk])
            for pk in article.revisions.values_list("pk", flat=True)
        ),
    ):
        body = client.get(url).content.decode()
        assert REAL not in body, url


def test_those_allowed_see_the_real_name(client, anonymous_source, editor):
    article, _ = anonymous_source
    client.force_login(editor)  # a superuser: the real-names permission
    assert REAL in client.get(export_url(article, "json")).content.decode()
    interviewer = make_user("Reporter")
    make_byline(article, make_contributor(user=interviewer), role="interviewer")
    client.force_login(interviewer)  # credited: they met the source
    assert REAL in client.get(export_url(article)).content.decode()


def test_a_reporter_cannot_export_what_they_cannot_open(client):
    author, colleague = make_user("Reporter"), make_user("Reporter")
    draft = make_interview(status="draft", created_by=author, headline="Own draft")
    taken_down = make_interview(headline="Taken down")
    workflow.unpublish_article(article=taken_down, by=None)
    client.force_login(colleague)
    for article in (draft, taken_down):
        for fmt in ("", "json"):
            assert client.get(export_url(article, fmt)).status_code == 404
        change = reverse("admin:newsroom_article_change", args=[article.pk])
        assert client.get(change).status_code == 302  # "does not exist"
    client.force_login(author)
    assert "Own draft" in client.get(export_url(draft)).content.decode()


def test_a_reporters_import_is_theirs_to_open(client):
    reporter = make_user("Reporter")
    client.force_login(reporter)
    url = reverse("admin:newsroom_article_import")
    preview = client.post(url, {"text": QA_TRANSCRIPT, "language": "en"})
    data = {
        key: ("" if value is None else value)
        for key, value in preview.context["form"].data.items()
        if key != "csrfmiddlewaretoken"
    }
    response = client.post(url, {**data, "_confirm": "1"})
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.created_by == reporter
    assert article.revisions.get().created_by == reporter
    change = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    assert change.status_code == 200
    assert "Bakers in Saraqib" in change.content.decode()


def test_a_shareable_preview_sends_no_referrer(client, editor):
    article = make_interview(status="draft")
    link = workflow.create_preview_link(article=article, by=editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    invalid = client.get(link.get_absolute_url()[:-4] + "abc/")
    assert invalid.status_code == 404
    assert invalid["Referrer-Policy"] == "no-referrer"
    # Pages for the newsroom keep theirs.
    assert client.get("/")["Referrer-Policy"] == "same-origin"


def test_redaction_replaces_every_spelling_longest_first():
    person = Withheld(
        key=("interviews.interviewee", 7),
        label="a resident of Daraa",
        spellings=("Abu Khaled Hamdan (baker, Daraa union)", "Abu Khaled Hamdan"),
    )
    arabic = Withheld(
        key=("interviews.interviewee", 8), label="أحد السكان", spellings=("أبو خالد",)
    )
    redaction = Redaction([person, arabic])
    assert redaction.text(
        "Added “Abu Khaled Hamdan (baker, Daraa union)”; ABU KHALED HAMDAN said so."
    ) == ("Added “a resident of Daraa”; a resident of Daraa said so.")
    assert redaction.text("قال أبو خالد ذلك") == "قال أحد السكان ذلك"
    # Whole words only: a longer name that contains it is left alone.
    assert redaction.text("Abu Khaled Hamdani") == "Abu Khaled Hamdani"
    assert redaction.data({"a": ["Abu Khaled Hamdan"], "b": 3}) == {
        "a": ["a resident of Daraa"],
        "b": 3,
    }
    assert redaction.label(("interviews.interviewee", 7), "x") == "a resident of Daraa"
    assert redaction.label(("interviews.interviewee", 9), "Someone") == "Someone"
    assert not Redaction() and Redaction().text("Abu Khaled Hamdan") == (
        "Abu Khaled Hamdan"
    )


def test_an_interviewee_without_articles_is_redacted_by_the_export_of_a_revision(
    client, anonymous_source
):
    """A revision names the interviewees it had: the redaction covers them even
    once they have left the article."""
    article, translator = anonymous_source
    person = Interviewee.objects.get(name=REAL)
    editor = make_user("Editor")
    client.force_login(editor)
    article.interviewee_links.all().delete()
    article.segments.filter(answer_speaker=person).update(answer_speaker=None)
    reindex(article)
    for pk in article.revisions.values_list("pk", flat=True):
        url = reverse("admin:newsroom_article_revision", args=[article.pk, pk])
        assert REAL not in client.get(url).content.decode()
