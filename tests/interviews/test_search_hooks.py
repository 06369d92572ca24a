"""What interviews adds to search and related articles, through newsroom's hooks."""

from types import SimpleNamespace

import pytest

from interviews.services import import_transcript
from newsroom.models import Article
from tests.factories import make_contributor, make_interviewee, make_tag_alias

pytestmark = pytest.mark.django_db


def transcript(**fields):
    defaults = {
        "headline": "The mill reopens",
        "dek": "A miller on flour.",
        "intro": ["The mill was shut for a year."],
        "segments": [
            SimpleNamespace(
                question="When did it reopen?",
                answer="In March, after the generator arrived.",
                question_speaker="",
                answer_speaker="",
            )
        ],
        "bios": [],
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_imported_interview_is_searchable_by_answer_and_interviewee(client):
    interviewee = make_interviewee(name="Abu Khaled", organisation="Ahrar a-Sham")
    article = import_transcript(
        transcript=transcript(),
        interviewer=make_contributor(name="Layla Haddad"),
        interviewee=interviewee,
        status=Article.Status.PUBLISHED,
    )
    segment = article.segments.get()
    for query, link in [
        ("generator", f"{article.get_absolute_url()}#{segment.anchor}"),
        ("Abu Khaled", article.get_absolute_url()),
        ("Ahrar al-Sham", article.get_absolute_url()),
    ]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'<a href="{link}">' in html, query


def test_import_attaches_the_canonical_tag_for_an_alias():
    make_tag_alias("Ahrar al-Sham", "Ahrar a-Sham")
    article = import_transcript(
        transcript=transcript(), tags=["Ahrar a-Sham", "ahrar ash-sham", "flour"]
    )
    assert sorted(article.tags.names()) == ["Ahrar al-Sham", "flour"]
