"""The import preview: every paragraph with its role, fixed in one click; create,
create and publish, several files at once, the Import link on the admin index."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from newsroom.models import Article
from tests.factories import make_user

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:newsroom_article_import")

# An unlabelled question after a labelled answer reads as the answer's next
# paragraph; the editor makes it a question in the preview.
TEXT = """Bread before dawn

3 June 2015

Karim Mansour spoke to Abu Khaled, a baker in Hanano.

Q: How many loaves do you bake?
A: About four thousand on a good day.

Share on Facebook | Share on X

Q: Where does the flour come from?
A: From the north, by truck.

Zeta paragraph that is really a question?

Omega answer paragraph.
"""


def preview(client, text=TEXT, **extra):
    response = client.post(
        IMPORT_URL, {"text": text, "language": "en", "_preview": "1", **extra}
    )
    assert response.status_code == 200
    return response


def posted(response, **changes):
    """The preview form as the browser would send it back."""
    form = response.context["form"]
    data = {
        key: ("" if value is None else value)
        for key, value in form.data.items()
        if key != "csrfmiddlewaretoken" and not key.startswith("_")
    }
    for row in response.context["rows"]:
        data[f"role-{row['index']}"] = row["block"].role
    data.update(changes)
    return data


def role_of(response, text):
    return next(r for r in response.context["rows"] if r["block"].text == text)


def test_preview_shows_each_paragraph_with_its_role_and_left_out_lines(editor_client):
    response = preview(editor_client)
    html = response.content.decode()
    roles = [(r["block"].role, r["block"].text[:20]) for r in response.context["rows"]]
    assert roles[:3] == [
        ("headline", "Bread before dawn"),
        ("intro", "Karim Mansour spoke "),
        ("question", "How many loaves do y"),
    ]
    assert ("omit", "Share on Facebook | ") in roles
    assert html.count('type="radio"') == 8 * len(roles)
    assert 'value="Karim Mansour"' in html  # the interviewer, as suggested
    assert 'value="Abu Khaled"' in html and 'value="baker"' in html
    assert "was left out (share links)" in html
    assert Article.objects.count() == 0


def test_a_paragraph_reassigned_in_the_preview_is_created_so(editor_client):
    response = preview(editor_client)
    zeta = role_of(response, "Zeta paragraph that is really a question?")
    assert zeta["block"].role == "answer"
    data = posted(
        response,
        **{f"role-{zeta['index']}": "question", "_confirm": "1"},  # one click
    )
    created = editor_client.post(IMPORT_URL, data)
    article = Article.objects.get()
    assert created.status_code == 302
    assert article.created_by.username == "desk-editor"
    segments = list(article.segments.order_by("position"))
    assert [s.question for s in segments] == [
        "How many loaves do you bake?",
        "Where does the flour come from?",
        "Zeta paragraph that is really a question?",
    ]
    assert segments[1].answer == "From the north, by truck."
    assert segments[2].answer == "Omega answer paragraph."
    assert "Share on" not in article.intro


def test_an_empty_answer_after_reassigning_is_a_clear_error_and_saves_nothing(
    editor_client,
):
    response = preview(editor_client)
    zeta = role_of(response, "Zeta paragraph that is really a question?")
    omega = role_of(response, "Omega answer paragraph.")
    data = posted(
        response,
        **{
            f"role-{zeta['index']}": "question",
            f"role-{omega['index']}": "omit",
            "_confirm": "1",
        },
    )
    again = editor_client.post(IMPORT_URL, data)
    assert again.status_code == 200
    assert "Question 3" in again.content.decode()
    assert Article.objects.count() == 0


def test_roles_chosen_for_another_text_are_not_applied(editor_client):
    response = preview(editor_client)
    data = posted(response, _confirm="1")
    data["text"] = TEXT.replace("About four thousand", "About five thousand")
    again = editor_client.post(IMPORT_URL, data, follow=True)
    assert "The text changed after the preview" in again.content.decode()
    assert Article.objects.count() == 0


def test_create_and_publish_in_one_step_keeps_the_transcript_date(editor_client):
    response = preview(editor_client)
    assert 'name="_publish"' in response.content.decode()
    editor_client.post(IMPORT_URL, posted(response, _publish="1"))
    article = Article.objects.get()
    assert article.status == "published"
    assert article.published_at.date().isoformat() == "2015-06-03"
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert {b.contributor.name for b in article.bylines.all()} == {"Karim Mansour"}
    assert [i.name for i in article.interviewees.all()] == ["Abu Khaled"]


def test_a_reporter_cannot_publish_from_the_import(client):
    client.force_login(make_user("Reporter"))
    response = preview(client)
    assert 'name="_publish"' not in response.content.decode()
    client.post(IMPORT_URL, posted(response, _publish="1"))
    assert Article.objects.get().status == "draft"


def test_speakers_set_once_for_all(editor_client):
    response = preview(editor_client)
    data = posted(response, answer_speaker="Umm Khaled", _confirm="1")
    editor_client.post(IMPORT_URL, data)
    article = Article.objects.get()
    names = {i.name for i in article.interviewees.all()}
    assert names == {"Abu Khaled", "Umm Khaled"}
    assert all(s.answer_speaker.name == "Umm Khaled" for s in article.segments.all())


def upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


SECOND = "Salt from the lake\n\n4 July 2016\n\nQ: Is it hard?\nA: Very hard.\n"


def test_several_files_get_a_line_each_then_are_created_together(editor_client):
    files = [upload("one.txt", TEXT), upload("two.txt", SECOND)]
    response = editor_client.post(
        IMPORT_URL, {"upload": files, "language": "en", "_preview": "1"}
    )
    html = response.content.decode()
    assert "one.txt" in html and "two.txt" in html
    assert "Salt from the lake" in html and "Bread before dawn" in html
    assert "Create 2 drafts" in html
    data = {
        "bulk_name": ["one.txt", "two.txt"],
        "bulk_text": [TEXT, SECOND],
        "language": "en",
        "_confirm": "1",
    }
    done = editor_client.post(IMPORT_URL, data)
    assert done.status_code == 302
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Bread before dawn",
        "Salt from the lake",
    ]
    bread = Article.objects.get(headline="Bread before dawn")
    assert bread.bylines.get().contributor.name == "Karim Mansour"


def test_several_files_are_all_or_nothing(editor_client):
    bad = "Broken\n\nQ: Where is the answer?\n"  # an empty answer cannot be saved
    data = {
        "bulk_name": ["two.txt", "bad.txt"],
        "bulk_text": [SECOND, bad],
        "language": "en",
        "_confirm": "1",
    }
    response = editor_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert "answer" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(("role", "shown"), [("Editor", True), ("Translator", False)])
def test_the_admin_index_has_an_import_link_for_those_who_may_add(client, role, shown):
    client.force_login(make_user(role))
    html = client.get(reverse("admin:index")).content.decode()
    assert (IMPORT_URL in html) is shown


def test_the_command_credits_the_user_it_is_given(tmp_path):
    user = make_user("Editor", username="night-desk")
    path = tmp_path / "bread.txt"
    path.write_text(TEXT, encoding="utf-8")
    call_command(
        "import_transcript", str(path), "--user", "night-desk", stdout=StringIO()
    )
    article = Article.objects.get()
    assert article.created_by == user
    assert article.revisions.get().created_by == user
