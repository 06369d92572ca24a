"""A pasted block of questions and answers split by the transcript parser."""

import json

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/admin/newsroom/article/split-segments/"


def split(client, text):
    return client.post(URL, json.dumps({"text": text}), content_type="application/json")


def test_labelled_and_house_style_blocks_are_split(editor_client):
    assert reverse("admin:newsroom_article_split") == URL
    labelled = (
        "Q: Where did the ferry dock?\nA: At the old pier.\n\nQ: When?\nA: At dawn."
    )
    assert split(editor_client, labelled).json()["segments"] == [
        {"question": "Where did the ferry dock?", "answer": "At the old pier."},
        {"question": "When?", "answer": "At dawn."},
    ]
    house = 'Who rang the bell?\n\n"The caretaker did."\n\nWhy?\n\n"It was noon."'
    assert [s["answer"] for s in split(editor_client, house).json()["segments"]] == [
        "The caretaker did.",
        "It was noon.",
    ]


def test_bad_input_says_what_is_wrong(editor_client):
    response = editor_client.post(URL, "nonsense", content_type="application/json")
    assert response.status_code == 400
    assert "Send the pasted text as JSON" in response.json()["error"]
    assert editor_client.get(URL).status_code == 405


def test_only_those_who_write_articles_may_use_it(client):
    client.force_login(make_user("Translator"))
    assert split(client, "Q: a?\nA: b.").status_code == 403
