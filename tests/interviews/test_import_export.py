"""Transcripts in, articles out: the command line, the admin page, the round trip."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from interviews.models import Interviewee
from interviews.services import export_article, transcript_from_article
from interviews.transcript import parse_transcript
from newsroom.models import Article, Contributor
from tests.factories import make_contributor, make_series

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "samples"
    / "on-the-record-ahrar-spokesman.txt"
)
QA_TRANSCRIPT = """Series: Field Notes
Headline: Bakers in Saraqib ration flour, says union head
Date: 2026-10-02

Bakers in Saraqib cut their hours this week.
Huda Sarraj, the head of the bakers' union of Saraqib, tells The Newsroom's
Nadia Karim why.

Q: How much flour is left?
A: Enough for eleven days [at the current rate].

We asked the council for more.

Q: What happens after that?
A: We have three plans:

1. Share the ovens

2. Bake at night

Nadia Karim
Nadia Karim is a reporter based in Gaziantep.
"""


def write(tmp_path, text, name="interview.txt", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_transcript", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    """Run an import that must fail; return what it told the editor."""
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_transcript", *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_command_imports_a_draft_with_segments_people_and_bios(tmp_path):
    make_series(name="Field Notes")
    out, _ = run(write(tmp_path, QA_TRANSCRIPT), "--translator", "Omar Translator")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.series.name == "Field Notes"
    assert article.published_at.date().isoformat() == "2026-10-02"
    assert [s.question for s in article.segments.all()] == [
        "How much flour is left?",
        "What happens after that?",
    ]
    assert "[at the current rate]" in article.segments.first().answer
    assert "<li" in article.segments.last().answer_html
    assert [(b.contributor.name, b.role) for b in article.bylines.all()] == [
        ("Nadia Karim", "interviewer"),
        ("Omar Translator", "translator"),
    ]
    assert Contributor.objects.get(name="Nadia Karim").bio.startswith("Nadia Karim is")
    interviewee = Interviewee.objects.get()
    assert (interviewee.name, interviewee.title) == ("Huda Sarraj", "head")
    assert "imported" in out and "/admin/newsroom/article/" in out


def test_command_never_duplicates_a_contributor_or_overwrites_a_bio(tmp_path):
    make_contributor(name="Nadia Karim", bio="Written by the desk.")
    run(write(tmp_path, QA_TRANSCRIPT))
    assert Contributor.objects.filter(name="Nadia Karim").count() == 1
    assert Contributor.objects.get(name="Nadia Karim").bio == "Written by the desk."


def test_importing_the_same_transcript_twice_warns_and_saves_nothing(tmp_path):
    path = write(tmp_path, QA_TRANSCRIPT)
    run(path)
    err = run_failing(path)
    assert "already exists" in err and "--force" in err
    assert Article.objects.count() == 1
    run(path, "--force")
    assert Article.objects.count() == 2


def test_dry_run_json_prints_exactly_one_object_and_saves_nothing(tmp_path):
    out, _ = run(write(tmp_path, QA_TRANSCRIPT), "--dry-run", "--json")
    data = json.loads(out)
    assert set(data) >= {
        "headline",
        "dek",
        "series",
        "date",
        "intro",
        "segments",
        "bios",
        "warnings",
    }
    assert data["date"] == "2026-10-02"
    assert data["segments"][0] == {
        "question": "How much flour is left?",
        "answer": "Enough for eleven days [at the current rate].\n\n"
        "We asked the council for more.",
        "question_speaker": None,
        "answer_speaker": None,
    }
    assert Article.objects.count() == 0


def test_dry_run_prints_a_readable_structure(tmp_path):
    out, _ = run(write(tmp_path, QA_TRANSCRIPT), "--dry-run")
    assert "Headline:  Bakers in Saraqib ration flour" in out
    assert "Q1 (line 9): How much flour is left?" in out
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The transcript is empty."),
        ("\x00\x01\x02binary", "binary"),
    ],
    ids=["empty", "binary"],
)
def test_command_reports_bad_files_and_saves_nothing(tmp_path, content, message):
    err = run_failing(write(tmp_path, content, name="bad.txt"))
    assert "bad.txt: " in err and message in err
    assert Article.objects.count() == 0


def test_command_refuses_a_file_over_the_size_limit(tmp_path):
    err = run_failing(write(tmp_path, "Q: x?\nA: y.\n" * 100_000))
    assert "the limit is 1,000,000 bytes" in err


def test_command_reads_windows_1256_arabic(tmp_path):
    text = "Headline: مقابلة\n\nQ: ما الوضع؟\nA: الوضع صعب.\n"
    run(write(tmp_path, text, encoding="cp1256"), "--language", "ar")
    article = Article.objects.get()
    assert article.headline == "مقابلة"
    assert article.segments.get().answer == "الوضع صعب."


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not here")
def test_command_imports_the_real_sample(tmp_path):
    make_series(name="On the Record")
    run(str(SAMPLE))
    article = Article.objects.get()
    assert article.series.name == "On the Record"
    assert article.segments.count() == 3
    assert article.interviewees.get().name == "Ahmed Kara Ali"
    assert article.bylines.get().contributor.name == "Ammar Hammou"
    assert "1-Heavily targeting" in article.segments.all()[1].answer


def test_export_command_round_trips_every_demo_article(tmp_path):
    call_command("seed_demo", "--no-login", stdout=StringIO())
    for article in Article.objects.all():
        original = transcript_from_article(article)
        exported = export_article(article=article)
        again = parse_transcript(exported)
        assert again.headline == original.headline
        assert again.dek == original.dek
        assert again.intro == original.intro
        assert again.date == original.date
        assert [(s.question, s.answer) for s in again.segments] == [
            (s.question, s.answer) for s in original.segments
        ]
        as_json = json.loads(export_article(article=article, as_json=True))
        assert as_json["headline"] == article.headline


def test_export_then_import_gives_the_same_article(tmp_path):
    call_command("seed_demo", "--no-login", stdout=StringIO())
    article = Article.objects.get(slug="saraqib-wells-running-dry-council-member")
    path = tmp_path / "export.txt"
    call_command(
        "export_article",
        article.slug,
        "--output",
        str(path),
        stdout=StringIO(),
    )
    run(str(path), "--force")
    copy = Article.objects.exclude(pk=article.pk).get(headline=article.headline)
    assert copy.intro == article.intro
    assert [(s.question, s.answer) for s in copy.segments.all()] == [
        (s.question, s.answer) for s in article.segments.all()
    ]


def test_export_of_an_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="No article with the slug"):
        call_command("export_article", "no-such-article")


# The admin page


IMPORT_URL = reverse("admin:newsroom_article_import")


def test_admin_import_preview_then_confirm_creates_a_draft(editor_client):
    series = make_series(name="Field Notes")
    page = editor_client.get(reverse("admin:newsroom_article_changelist"))
    assert IMPORT_URL in page.content.decode()

    preview = editor_client.post(
        IMPORT_URL, {"text": QA_TRANSCRIPT, "language": "en", "_preview": "1"}
    )
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "What was understood" in html
    assert "How much flour is left?" in html
    assert "2 questions and answers" in html
    assert 'value="Nadia Karim"' in html  # the suggested interviewer
    assert 'value="Huda Sarraj"' in html
    assert f'<option value="{series.pk}" selected>' in html
    assert Article.objects.count() == 0

    form = preview.context["form"]
    data = {
        key: ("" if value is None else value)
        for key, value in form.data.items()
        if key != "csrfmiddlewaretoken"
    }
    data["translator"] = "Omar Translator"
    data["_confirm"] = "1"
    response = editor_client.post(IMPORT_URL, data)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:newsroom_article_change", args=[article.pk]
    )
    assert article.status == "draft"
    assert article.series == series
    assert article.segments.count() == 2
    assert {b.role for b in article.bylines.all()} == {"interviewer", "translator"}


def test_admin_import_accepts_an_upload_with_bom_and_crlf(editor_client):
    data = ("\ufeff" + QA_TRANSCRIPT.replace("\n", "\r\n")).encode("utf-8")
    upload = SimpleUploadedFile("interview.txt", data, content_type="text/plain")
    response = editor_client.post(
        IMPORT_URL, {"upload": upload, "language": "en", "_preview": "1"}
    )
    assert "Bakers in Saraqib ration flour" in response.content.decode()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": ""}, "Paste a transcript or upload a file."),
    ],
)
def test_admin_import_errors_are_clear_and_save_nothing(
    editor_client, payload, message
):
    response = editor_client.post(
        IMPORT_URL, {**payload, "language": "en", "_confirm": "1"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_admin_import_refuses_binary_and_wrong_file_types(editor_client):
    png = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    response = editor_client.post(
        IMPORT_URL, {"upload": png, "language": "en", "_preview": "1"}
    )
    assert "binary" in response.content.decode()
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4")
    response = editor_client.post(
        IMPORT_URL, {"upload": pdf, "language": "en", "_preview": "1"}
    )
    assert "is not one" in response.content.decode()
    assert Article.objects.count() == 0


def test_admin_export_downloads_text_and_json(editor_client):
    call_command("seed_demo", "--no-login", stdout=StringIO())
    article = Article.objects.get(slug="saraqib-wells-running-dry-council-member")
    url = reverse("admin:newsroom_article_export", args=[article.pk])
    change = editor_client.get(
        reverse("admin:newsroom_article_change", args=[article.pk])
    )
    assert url in change.content.decode()
    text = editor_client.get(url)
    assert text["Content-Disposition"].startswith("attachment;")
    assert text.content.decode().startswith("Series: On the Record")
    data = json.loads(editor_client.get(url, {"format": "json"}).content)
    assert data["headline"] == article.headline
