"""What text the newsroom stores: the characters it refuses, the limits it sets, and
how a name becomes the source of a slug.

Every way text gets in (admin forms, the transcript import, management commands)
ends in these validators, attached to the model fields, so the rules hold on SQLite
and PostgreSQL alike (PostgreSQL cannot store a NUL character at all; SQLite stores
anything). Decisions:

- **Control characters** (C0 and C1: NUL, bell, escape, DEL…) are refused with an
  error naming the character and where it is. In running text (intro, answers,
  bios) tab and line breaks are kept; names, headlines, captions and other
  one-line fields refuse line breaks and tabs too.
- **Bidirectional overrides and isolates** (U+202A–U+202E, U+2066–U+2069) are
  refused in names, headlines, slugs and tags, where they can make a name display
  as something else ("Trojan source" tricks, a spoofed byline). They are allowed
  in running text, where Arabic and English are mixed and word processors put
  them. The marks U+200E/U+200F (LRM/RLM) are plain direction hints, allowed.
  Refusing rather than stripping means what is stored is what the editor typed.
- **Long text** is limited to ``LONG_TEXT_MAX`` characters per field, with a
  message saying how long the text is.
- **Slugs** are made from the NFKC form of the name (full-width ｌｅｔｔｅｒｓ
  become plain letters) without Arabic diacritics and tatweel (``slug_source``).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext, gettext_lazy

# Enough for the longest interview answer or intro we have seen many times over
# (about 15,000 words); a 1 MB paste is refused with a message, not stored.
LONG_TEXT_MAX = 100_000

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL_IN_TEXT = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_LINE = re.compile(f"[{_CONTROLS}\t\n\r\u2028\u2029]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Arabic harakat, Quranic marks and tatweel: not part of a word's spelling.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

_NAMES = {
    "\x00": "NUL",
    "\t": gettext_lazy("tab"),
    "\n": gettext_lazy("line break"),
    "\r": gettext_lazy("carriage return"),
    "\x1b": gettext_lazy("escape"),
    "\x7f": gettext_lazy("delete"),
    "\u2028": gettext_lazy("line separator"),
    "\u2029": gettext_lazy("paragraph separator"),
}


def describe_character(char):
    """ "U+0000 (NUL)", "U+202E (RIGHT-TO-LEFT OVERRIDE)"."""
    name = _NAMES.get(char) or unicodedata.name(char, gettext("control character"))
    return f"U+{ord(char):04X} ({name})"


def position(text, index, *, with_line=False):
    """Where ``index`` is, as a person counts: "character 7" or "line 3,
    character 7" (always with the line if ``with_line``)."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if line == 1 and not with_line:
        return gettext("character %(column)s") % {"column": column}
    return gettext("line %(line)s, character %(column)s") % {
        "line": line,
        "column": column,
    }


def find_control_character(text):
    """The index of the first control character (other than tab and line breaks)
    in ``text``, or None."""
    found = _CONTROL_IN_TEXT.search(text)
    return found.start() if found else None


@deconstructible
class TextValidator:
    """Refuses control characters; ``one_line`` also refuses line breaks, tabs and
    the bidirectional override and isolate characters (names, headlines, slugs)."""

    def __init__(self, *, one_line=False):
        self.one_line = one_line

    def __call__(self, value):
        if not isinstance(value, str):
            return
        pattern = _CONTROL_IN_LINE if self.one_line else _CONTROL_IN_TEXT
        found = pattern.search(value)
        if found:
            raise ValidationError(
                gettext_lazy(
                    "Remove the invisible character %(char)s at %(where)s: %(why)s"
                ),
                code="control_character",
                params={
                    "char": describe_character(found.group()),
                    "where": position(value, found.start()),
                    "why": gettext("this field is one line.")
                    if found.group() in "\t\n\r\u2028\u2029"
                    else gettext("control characters cannot be stored."),
                },
            )
        if self.one_line:
            found = _BIDI_CONTROL.search(value)
            if found:
                raise ValidationError(
                    gettext_lazy(
                        "Remove the direction-changing character %(char)s at "
                        "%(where)s: it can make a name display differently from what "
                        "is stored."
                    ),
                    code="bidi_control",
                    params={
                        "char": describe_character(found.group()),
                        "where": position(value, found.start()),
                    },
                )

    def __eq__(self, other):
        return isinstance(other, TextValidator) and other.one_line == self.one_line


validate_text = TextValidator()
validate_line = TextValidator(one_line=True)

long_text_length = MaxLengthValidator(
    LONG_TEXT_MAX,
    message=gettext_lazy(
        "This text has %(show_value)d characters; the limit is %(limit_value)d. "
        "Split it (into several answers, for an interview)."
    ),
)

# The validators of each kind of field, for the models.
LINE = [validate_line]
TEXT = [validate_text, long_text_length]


def slug_source(value):
    """``value`` as a slug should read it: NFKC (full-width letters become plain
    ones), without Arabic diacritics, tatweel, control and direction characters."""
    value = unicodedata.normalize("NFKC", value or "")
    value = _ARABIC_MARKS.sub("", value)
    value = _BIDI_CONTROL.sub("", value)
    return _CONTROL_IN_LINE.sub(" ", value)


class ControlCharactersInRequestMiddleware:
    """No control character (``%00``, ``%1B``…) reaches a view through the
    address. PostgreSQL cannot even compare text with a NUL: without this,
    ``/articles/a%00b/`` or a search for ``a%00b`` would be a server error there
    (SQLite answers 404). One check for every route, present and future:

    - in the path, which no page of ours has such a character in, the request is
      refused with a 400 saying so;
    - in the query string (a search, a filter: words to look for, never stored),
      each control character becomes a space, so the search still runs.

    Form fields are checked by the validators above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        index = find_control_character(request.path)
        if index is not None:
            return HttpResponseBadRequest(
                gettext(
                    "The address holds the control character %(char)s, which no "
                    "page of this site has. Check the link."
                )
                % {"char": describe_character(request.path[index])},
                content_type="text/plain; charset=utf-8",
            )
        if any(
            find_control_character(part) is not None
            for key, values in request.GET.lists()
            for part in (key, *values)
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    _CONTROL_IN_TEXT.sub(" ", key),
                    [_CONTROL_IN_TEXT.sub(" ", value) for value in values],
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
