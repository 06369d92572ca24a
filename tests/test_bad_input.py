"""Bad and huge input: refused with a clear message saying what and where, or saved
whole; never a server error, never half-saved. Runs on SQLite and PostgreSQL."""

from html import unescape as html_unescape
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Interviewee, Segment
from newsroom.models import Article, Contributor, Series, TagAlias
from newsroom.text_input import LONG_TEXT_MAX
from tests.factories import make_article, make_contributor

pytestmark = pytest.mark.django_db

ADD_ARTICLE = "/admin/newsroom/article/add/"
ARABIC_LETTER = "ع"


def article_form(**fields):
    data = {
        "headline": "Marker bad input headline",
        "slug": "",
        "dek": "",
        "intro": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "language": "ar",
        "tags": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "interviewee_links-TOTAL_FORMS": "0",
        "interviewee_links-INITIAL_FORMS": "0",
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "0",
        "segments-0-question": "سؤال؟",
        "segments-0-answer": "جواب.",
        "segments-0-position": "",
    }
    return {**data, **fields}


def post_urlencoded(client, url, data):
    """What a browser sends for a form without a file field: each Arabic letter
    becomes six bytes ("%D8%B9")."""
    return client.post(
        url, urlencode(data), content_type="application/x-www-form-urlencoded"
    )


# -- huge ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_one_megabyte_arabic_answer_is_refused_with_a_form_error(
    editor_client, encoding
):
    answer = ARABIC_LETTER * (1024 * 1024 // 2)  # 1 MB of UTF-8
    data = article_form(**{"segments-0-answer": answer})
    if encoding == "multipart":
        response = editor_client.post(ADD_ARTICLE, data)
    else:
        response = post_urlencoded(editor_client, ADD_ARTICLE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"This text has {len(answer)} characters; the limit is" in html
    assert Article.objects.count() == 0
    assert Segment.objects.count() == 0


def test_a_post_beyond_the_request_limit_says_which_limit_and_saves_nothing(
    editor_client, settings
):
    answer = ARABIC_LETTER * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 6 + 1)
    response = post_urlencoded(
        editor_client, ADD_ARTICLE, article_form(**{"segments-0-answer": answer})
    )
    page = response.content.decode()
    assert response.status_code == 413
    assert "the site takes at most 8.4 MB in one request" in page
    assert "Nothing was saved" in page
    assert Article.objects.count() == 0


def test_an_arabic_answer_at_the_limit_is_saved_whole(editor_client):
    answer = (ARABIC_LETTER * 9 + " ") * (LONG_TEXT_MAX // 10)
    response = post_urlencoded(
        editor_client, ADD_ARTICLE, article_form(**{"segments-0-answer": answer})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    segment = Segment.objects.get()
    assert segment.answer == answer.rstrip()
    assert segment.article.reading_minutes > LONG_TEXT_MAX // 10 // 200


# -- control and direction characters ----------------------------------------------

CONTROLS = {
    "NUL": "\x00",
    "bell": "\x07",
    "escape": "\x1b",
    "C1 next line": "\x85",
}


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
@pytest.mark.parametrize(
    "field",
    ["headline", "dek", "intro", "segments-0-question", "segments-0-answer"],
)
def test_control_characters_are_refused_on_the_article_form(editor_client, field, char):
    data = article_form()
    data[field] = f"Before{char}after"
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"U+{ord(char):04X}" in html and "character 7" in html
    ) or "Null characters are not allowed." in html
    assert Article.objects.count() == 0


def test_the_error_says_on_which_line_of_an_answer(editor_client):
    answer = "First paragraph.\n\nSecond one with a bell \x07 in it."
    response = editor_client.post(
        ADD_ARTICLE, article_form(**{"segments-0-answer": answer})
    )
    assert "U+0007 (control character) at line 3, character 24" in (
        response.content.decode()
    )


def test_direction_overrides_are_refused_in_names_but_kept_in_running_text(
    editor_client,
):
    spoofed = "Ahmad \u202egnp.exe"
    response = editor_client.post(ADD_ARTICLE, article_form(headline=spoofed))
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 7" in (
        response.content.decode()
    )
    assert Article.objects.count() == 0
    mixed = "قال \u2067Ahrar al-Sham\u2069 إن"
    response = editor_client.post(
        ADD_ARTICLE, article_form(**{"segments-0-answer": mixed})
    )
    assert response.status_code == 302
    assert Segment.objects.get().answer == mixed


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/admin/newsroom/contributor/add/", {"name": "Omar\x1bKhalil"}, "name"),
        ("/admin/newsroom/contributor/add/", {"name": "Omar", "bio": "A\x00"}, "bio"),
        ("/admin/newsroom/series/add/", {"name": "On the\u202eRecord"}, "name"),
        ("/admin/interviews/interviewee/add/", {"name": "Abu\x07Omar"}, "name"),
        ("/admin/taggit/tag/add/", {"name": "Idlib\x1b", "slug": "idlib"}, "name"),
    ],
)
def test_control_characters_are_refused_on_every_admin_form(
    editor_client, url, data, field
):
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors, errors
    assert Contributor.objects.count() + Series.objects.count() == 0
    assert Interviewee.objects.count() + Tag.objects.count() == 0


def test_the_transcript_import_names_the_line_of_a_control_character(
    editor_client, tmp_path
):
    text = "Headline: Marker import\n\nQ: Where?\nA: Here\x1b, there.\n"
    response = editor_client.post(
        reverse("admin:newsroom_article_import"),
        {"text": text, "language": "en", "_preview": "1"},
    )
    assert "U+001B (escape) at line 4, character 8" in response.content.decode()
    path = tmp_path / "interview.txt"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_transcript", str(path), stdout=StringIO(), stderr=err)
    assert "line 4, character 8" in err.getvalue()
    assert Article.objects.count() == 0


def test_names_given_to_the_import_command_are_checked_too(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_text("Headline: Marker import\n\nQ: Where?\nA: Here.\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_transcript",
            str(path),
            "--interviewer=Omar\x1bKhalil",
            stdout=StringIO(),
            stderr=err,
        )
    assert "The contributor" in err.getvalue()
    assert "U+001B (escape) at character 5" in err.getvalue()
    assert Article.objects.count() + Contributor.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"answer": ARABIC_LETTER * (LONG_TEXT_MAX + 1)},
            f"Question 1 (line 3), answer: This text has {LONG_TEXT_MAX + 1} "
            "characters",
        ),
        ({"interviewer": "Omar\x07"}, "The contributor “Omar\x07”, name: Remove"),
        ({"interviewee": "Abu\u202eOmar"}, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ],
)
def test_the_import_page_reports_what_cannot_be_saved(editor_client, fields, message):
    answer = fields.pop("answer", "Here.")
    response = editor_client.post(
        reverse("admin:newsroom_article_import"),
        {
            "text": f"Headline: Marker import\n\nQ: Where?\nA: {answer}\n",
            "language": "en",
            "_confirm": "1",
            **fields,
        },
    )
    assert response.status_code == 200
    assert html_unescape(message) in html_unescape(response.content.decode())
    assert Article.objects.count() + Interviewee.objects.count() == 0


@pytest.mark.parametrize(
    "url", ["/articles/a%00b/", "/tags/a%00b/", "/contributors/a%1Bb/feed/"]
)
def test_addresses_with_control_characters_get_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "holds the control character U+00" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status", "shown"),
    [
        ("/search/?q=wells%00dry", 200, 'value="wells dry"'),
        ("/?page=%00", 404, "We can’t find that page"),
        ("/admin/newsroom/article/?q=wells%00dry", 200, "Saraqib wells run dry"),
        (
            "/admin/autocomplete/?app_label=newsroom&model_name=article"
            "&field_name=translation_of&term=wells%00dry",
            200,
            "Saraqib wells run dry",
        ),
    ],
)
def test_control_characters_in_a_query_are_read_as_spaces(
    editor_client, url, status, shown
):
    make_article(headline="Saraqib wells run dry")
    response = editor_client.get(url)
    assert response.status_code == status
    assert shown in response.content.decode()


def test_arabic_addresses_pass_the_control_character_check(client):
    article = make_article(headline="مقابلة مع المتحدث")
    response = client.get(f"{article.get_absolute_url()}?q=نص")
    assert response.status_code == 200


def test_models_refuse_control_characters_whatever_saves_them():
    article = Article(headline="Fine", intro="Bad\x00intro")
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert "U+0000 (NUL) at character 4" in caught.value.message_dict["intro"][0]


# -- names and slugs ----------------------------------------------------------------


def test_arabic_slugs_drop_diacritics_and_tatweel(client):
    plain = make_article(headline="مرحبا بكم")
    vowelled = make_article(headline="مَرْحَبًا بِكُمْ")
    stretched = make_article(headline="مـــرحبا بكم")
    assert plain.slug == "مرحبا-بكم"
    assert vowelled.slug == "مرحبا-بكم-2"
    assert stretched.slug == "مرحبا-بكم-3"
    for article in (plain, vowelled, stretched):
        response = client.get(article.get_absolute_url())
        assert article.headline in response.content.decode()


def test_full_width_latin_and_empty_slugs(client):
    assert make_article(headline="Ｄａｒａａ ｔｏｄａｙ").slug == "daraa-today"
    assert make_contributor(name="«»").slug == "contributor"
    assert make_contributor(name="؟!").slug == "contributor-2"
    article = make_article(headline="!!!")
    assert article.slug == "article"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_case_and_accent_variants_of_a_tag_never_fail(editor_client):
    make_article(tags=["Daraa"])
    response = editor_client.post(
        ADD_ARTICLE, article_form(tags="DARAA, daraa, Dāraa, Dar'aa")
    )
    assert response.status_code == 302
    assert list(Article.objects.get(headline__startswith="Marker").tags.names()) == [
        "Daraa"
    ]
    response = editor_client.post(
        "/admin/taggit/tag/add/", {"name": "daraa", "slug": "daraa-2"}
    )
    assert response.status_code == 200
    assert "“Daraa” already exists" in response.content.decode()
    response = editor_client.post(
        "/admin/newsroom/tagalias/add/",
        {"name": "DARAA", "slug": "", "tag": Tag.objects.create(name="Deraa").pk},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Tag.objects.count() == 2 and TagAlias.objects.count() == 0


def test_arabic_tag_variants_with_diacritics_and_tatweel_are_one_tag(editor_client):
    make_article(tags=["درعا"])
    response = editor_client.post(ADD_ARTICLE, article_form(tags="دَرْعَا, درعـــا"))
    assert response.status_code == 302
    assert list(Article.objects.get(headline__startswith="Marker").tags.names()) == [
        "درعا"
    ]
    assert Tag.objects.count() == 1


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("Idlib, !!!", "The tag “!!!” has no letters or digits"),
        ("x" * 101, "has 101 characters; a tag has at most 100"),
    ],
)
def test_tags_that_could_not_be_stored_get_a_form_error(editor_client, tags, message):
    response = editor_client.post(ADD_ARTICLE, article_form(tags=tags))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Tag.objects.count() == 0 and Article.objects.count() == 0
