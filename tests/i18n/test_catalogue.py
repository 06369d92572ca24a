"""The Arabic interface is complete: every string of ours that a reader or an
editor sees is marked for translation and has an Arabic translation, and the
compiled catalogue is the one written."""

import ast
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["newsroom", "interviews", "templates"]
ARABIC_PLURALS = 6


def _key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What ``makemessages`` finds in the code today, in a copy of it."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext not found: install GNU gettext (apt-get install gettext)")
    work = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, work / name, ignore=shutil.ignore_patterns("migrations")
        )
    (work / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        patch.setattr("django.conf.settings.LOCALE_PATHS", [])
        call_command("makemessages", locale=["ar"], verbosity=0)
    return polib.pofile(str(work / "locale" / "ar" / "LC_MESSAGES" / "django.po"))


def _translated_anywhere(entry, catalog):
    """Ours, or Django's and the installed apps' (the admin's own words)."""
    context = f"{entry.msgctxt}\x04" if entry.msgctxt else ""
    if entry.msgid_plural:
        return all(
            catalog.get((context + entry.msgid, form)) for form in range(ARABIC_PLURALS)
        )
    return bool(catalog.get(context + entry.msgid))


def test_every_marked_string_has_an_arabic_translation(extracted):
    catalog = trans_real.translation("ar")._catalog
    missing = [
        f"{entry.occurrences[0][0]}:{entry.occurrences[0][1]}  {entry.msgid!r}"
        for entry in extracted
        if not _translated_anywhere(entry, catalog)
    ]
    assert missing == [], "No Arabic for:\n" + "\n".join(missing)


def test_the_catalogue_has_no_empty_fuzzy_or_stale_entries(extracted):
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.untranslated_entries()] == []
    plural_gaps = [
        e.msgid
        for e in po
        if e.msgid_plural
        and sorted(k for k, v in e.msgstr_plural.items() if v)
        != list(range(ARABIC_PLURALS))
    ]
    assert plural_gaps == []
    ours = {_key(e) for e in po if not e.obsolete}
    stale = ours - {_key(e) for e in extracted}
    assert stale == set(), "Strings no longer in the code: run makemessages"


def test_the_compiled_catalogue_is_the_written_one():
    written = {
        _key(e): (e.msgstr, dict(e.msgstr_plural))
        for e in polib.pofile(str(PO))
        if e.translated()
    }
    compiled = {
        _key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(MO))
    }
    assert compiled == written, "Run manage.py compilemessages"


# -- strings that were never marked ----------------------------------------------------

# Attributes that readers and assistive technology see.
_SHOWN_ATTRIBUTES = re.compile(
    r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"'
    r'|type="submit"[^>]*\bvalue="([^"]*)"'
)
_TAG = re.compile(r"<[^>]*>|&\w+;")
_WORD = re.compile(r"[A-Za-z]{2,}")
_SKIPPED_BLOCKS = {"comment": "endcomment", "blocktranslate": "endblocktranslate"}
# Templates that are not pages: robots.txt and the news sitemap.
_NOT_PAGES = {".txt", ".xml"}


def _visible_literals(source):
    """The literal text of a template a person would see, outside translation
    tags and comments."""
    text, skip_until = [], None
    for token in Lexer(source).tokenize():
        command = token.contents.split()[0] if token.contents.strip() else ""
        if skip_until:
            if token.token_type == TokenType.BLOCK and command == skip_until:
                skip_until = None
            text.append("\x00")
        elif token.token_type == TokenType.TEXT:
            text.append(token.contents)
        elif token.token_type == TokenType.BLOCK and command in _SKIPPED_BLOCKS:
            skip_until = _SKIPPED_BLOCKS[command]
            text.append("\x00")
        elif token.token_type != TokenType.COMMENT:
            text.append("\x00")
    page = "".join(text)
    found = [v for pair in _SHOWN_ATTRIBUTES.findall(page) for v in pair if v]
    found += _TAG.sub(" ", page).split("\x00")
    return [" ".join(piece.split()) for piece in found if _WORD.search(piece or "")]


def test_no_template_shows_text_that_is_not_marked_for_translation():
    untranslated = {
        str(path.relative_to(ROOT)): words
        for path in sorted((ROOT / "templates").rglob("*.*"))
        if path.suffix not in _NOT_PAGES
        and (words := _visible_literals(path.read_text(encoding="utf-8")))
    }
    assert untranslated == {}


def test_the_template_check_finds_an_unmarked_string():
    assert _visible_literals('<p class="x">Hello {{ name }}</p>') == ["Hello"]
    assert _visible_literals('<a title="Open it" href="{{ u }}">x</a>') == ["Open it"]
    assert _visible_literals("{% translate 'Hello' %} <b>{{ a }}</b>") == []


# Keyword arguments whose text the admin shows.
_SHOWN_KEYWORDS = {
    "verbose_name",
    "verbose_name_plural",
    "help_text",
    "label",
    "description",
    "empty_label",
    "violation_error_message",
    "title",
}
# Calls whose first argument is a message for a person.
_SHOWN_CALLS = {"ValidationError", "message_user", "success", "TranscriptError"}


def _plain_text(node):
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _WORD.search(node.value)
    )


def _unmarked(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _plain_text(node.value):
            # verbose_name = "…" in a Meta, an AppConfig or an inline
            names = {getattr(target, "id", None) for target in node.targets}
            for name in names & _SHOWN_KEYWORDS:
                yield node.lineno, name
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        for keyword in node.keywords:
            if keyword.arg in _SHOWN_KEYWORDS and _plain_text(keyword.value):
                yield node.lineno, keyword.arg
        if name in _SHOWN_CALLS:
            message = node.args[1] if name in {"message_user", "success"} else None
            message = message or (node.args[0] if node.args else None)
            if message is not None and _plain_text(message):
                yield node.lineno, name


# Revision summaries are stored with each revision, as written when it was saved;
# the labels they are made of (the article's fields, its parts') are not
# interface text of a page.
_STORED_RECORDS = {
    "newsroom/content/revisions.py",
    "newsroom/content/article_parts.py",
    "interviews/parts.py",
}


def test_no_python_message_shown_to_people_is_left_unmarked():
    found = [
        f"{path.relative_to(ROOT)}:{line} ({what})"
        for package in ("newsroom", "interviews")
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        and "management" not in path.parts
        and str(path.relative_to(ROOT)) not in _STORED_RECORDS
        for line, what in _unmarked(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == []


def test_the_python_check_finds_an_unmarked_message():
    tree = ast.parse(
        "field = CharField(help_text='Shown to editors')\n"
        "raise ValidationError(f'The tag {name} is bad')\n"
        "self.message_user(request, _('Fine'))\n"
        "verbose_name = 'Interviews'\n"
    )
    assert sorted(what for _line, what in _unmarked(tree)) == [
        "ValidationError",
        "help_text",
        "verbose_name",
    ]
