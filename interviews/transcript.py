"""Turn a pasted interview transcript into a structured draft.

Editors paste interviews as plain text.  :func:`parse_transcript` recognises, without
being told which one is used:

* the house style: an optional "N min read" line, a "Series: Headline" line, an
  optional truncated teaser ending in "[…]", a date line, intro paragraphs, then
  questions as plain paragraphs and answers wrapped in quotation marks (an answer
  may run over several paragraphs, list items included);
* ``Q:`` / ``A:`` labels (also ``Q.``, ``Q -``, ``Question:``, ``**Q:**``, ``__Q:__``,
  ``س:``/``ج:``), or ``Q:`` labels alone with the answer after the question;
* speaker labels ("Press TV: …", "RR: …"): the first speaker asks, the others answer;
* questions marked with a dash or bullet, answered by the paragraphs after them;

plus a closing block of contributor bios, explicit header lines ("Headline: …",
"Date: …") and site chrome ("Share this article!") that is dropped.  Each convention
is tried and the one giving the most complete question-and-answer pairs wins (ties
go to the most explicit: Q/A labels, then speakers, then quotes, then dashes).

:func:`render_transcript` writes the export format (explicit headers, then
``Q:``/``A:``, then a "Bios:" section), which :func:`parse_transcript` reads back to
the same structure; a text line that would read as structure (a label, a header, a
date, chrome) is written with a leading backslash, which the parser removes.
:func:`decode_transcript` turns uploaded bytes (UTF-8, Windows-1256, CP1252) into text.

Pure Python: no Django, no database.  Everything is linear in the size of the text.
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NoReturn

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.text_input import (
    describe_character,
    find_control_character,
    position,
)

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "MAX_TRANSCRIPT_CHARS",
    "Bio",
    "Interviewee",
    "Segment",
    "Transcript",
    "TranscriptError",
    "decode_transcript",
    "parse_transcript",
    "render_transcript",
]

MAX_TRANSCRIPT_BYTES = 1_000_000
MAX_TRANSCRIPT_CHARS = 1_000_000

HOW_TO_MARK = gettext_lazy(
    "Mark questions with 'Q:' and answers with 'A:', or put each answer in quotation "
    "marks in the paragraph after its question, or start each turn with the "
    "speaker's name and a colon (for example 'Press TV: …' and 'Dawson: …')."
)
NO_QA_MESSAGE = format_lazy(
    "{} {}", gettext_lazy("No questions and answers were found."), HOW_TO_MARK
)


# --------------------------------------------------------------------------- API


class TranscriptError(ValueError):
    """A transcript that cannot be read; ``message`` is written for an editor."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line}: {self.message}"
        return self.message


@dataclass(frozen=True)
class Interviewee:
    name: str
    title: str | None
    organisation: str | None


@dataclass
class Segment:
    question: str
    answer: str
    question_speaker: str | None = None
    answer_speaker: str | None = None
    line: int = 0  # 1-based line of the question


@dataclass
class Bio:
    name: str
    bio: str
    line: int = 0


@dataclass
class Transcript:
    headline: str | None
    dek: str | None
    series: str | None
    date: datetime.date | None
    intro: list[str]
    segments: list[Segment]
    bios: list[Bio]
    warnings: list[str]
    interviewer: str | None = None  # suggestion
    interviewee: Interviewee | None = None  # suggestion

    def to_json(self) -> dict:
        interviewee = None
        if self.interviewee is not None:
            interviewee = {
                "name": self.interviewee.name,
                "title": self.interviewee.title,
                "organisation": self.interviewee.organisation,
            }
        return {
            "headline": self.headline,
            "dek": self.dek,
            "series": self.series,
            "date": self.date.isoformat() if self.date else None,
            "intro": list(self.intro),
            "segments": [
                {
                    "question": s.question,
                    "answer": s.answer,
                    "question_speaker": s.question_speaker,
                    "answer_speaker": s.answer_speaker,
                }
                for s in self.segments
            ],
            "bios": [{"name": b.name, "bio": b.bio} for b in self.bios],
            "warnings": list(self.warnings),
            "interviewer": self.interviewer,
            "interviewee": interviewee,
        }


# ------------------------------------------------------------------- patterns
# Every pattern is anchored or bounded: no nested unbounded repetition.

_MIN_READ_RE = re.compile(r"^[0-9]{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\.?$", re.I)
_CHROME_RE = re.compile(
    r"^(?:share\s+this(?:\s+(?:article|story|page|post|interview))?\s*[!:.]?"
    r"|share"
    r"|related(?:\s+(?:articles|stories|posts|content|reading))?\s*:?"
    r"|tags?\s*:.*"
    r"|print(?:\s+this(?:\s+(?:article|story|page))?)?"
    r"|advertisement)$",
    re.I,
)
_HEADER_RE = re.compile(
    r"^(?P<key>headline|series|dek|standfirst|date|interviewer|translator|interviewee)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)
_BIOS_MARKER_RE = re.compile(
    r"^(?:bios?|contributors|about\s+the\s+(?:contributors|authors?))\s*:?$", re.I
)
_TEASER_RE = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]$")
_QA_RE = re.compile(
    r"^(?P<open>\*\*|__)?"
    r"(?P<kind>Q|A|(?i:question|answer)|سؤال|جواب|س|ج)"
    r"(?:\s*(?P<num>[0-9]{1,3}))?"
    r"(?:\s*\((?P<spk>[^()\n]{1,80})\))?"
    r"(?P<close1>\*\*|__)?"
    r"(?P<sep>\s*:|\.(?=\s|$|\*\*|__)|\s*[-–—](?=\s|$))"
    r"(?P<close2>\*\*|__)?"
    r"\s*(?P<rest>.*)$"
)
_SPEAKER_RE = re.compile(
    r"^(?P<open>\*\*|__)?(?P<label>[^:*_\n]{1,40})(?P<close>\*\*|__)?\s*:"
    r"(?P<close2>\*\*|__)?(?:\s+(?P<rest>.*)|$)"
)
_RAW_LABEL_RE = re.compile(r"^(?:\*\*|__)?([^:\n]{1,40}?)(?:\*\*|__)?\s*:(?:\s|$)")
_DASH_Q_RE = re.compile(r"^(?:[-–—•‣▪●◦]|\*(?!\*))\s+(?P<rest>\S.*)$")
_LIST_ITEM_RE = re.compile(r"^(?:\(?[0-9]{1,3}[.)\-–—]|\(?[a-z][.)]\s|[-–—•‣▪●◦*]\s)")
_TAIL_PUNCT_RE = re.compile(r"[\s.,;:!?…]*")
_DEK_RE = re.compile(r"^(?:dek|standfirst)\s*:\s*(?P<value>\S.*)$", re.I)
_ITALIC_RE = re.compile(
    r"^(?:\*(?!\*)(?P<a>[^*]+)(?<!\s)\*|_(?!_)(?P<b>[^_]+)(?<!\s)_)$"
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’)]?\s+\S")
_BOLD_WRAP_RE = re.compile(r"^(\*\*|__)(?P<inner>.+)\1$", re.S)

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PREFIX = (
    r"^(?:(?:published|posted|updated)(?:\s+on)?\s*:?\s+)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?"
)
_DATE_RES = (
    re.compile(
        _DATE_PREFIX
        + r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>[0-9]{4})\.?$",
        re.I,
    ),
    re.compile(
        _DATE_PREFIX + _MONTH + r"\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>[0-9]{4})\.?$",
        re.I,
    ),
    re.compile(
        _DATE_PREFIX + r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})$",
        re.I,
    ),
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}

_QUOTE_SPECS = {
    "“": ("“", "”"),
    '"': ('"', '"'),
    "«": ("«", "»"),
    "„": ("„", "“”"),
    "‘": ("‘", "’"),
}
_QUOTE_EVENT_RES = {
    opener: re.compile("[" + re.escape(opener + closers) + "]")
    for opener, (_, closers) in _QUOTE_SPECS.items()
}
_OPENING_CONTEXT = set("([{—–-/“‘«„")

_PARTICLES = {
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "abd", "de", "del", "della",
    "der", "den", "van", "von", "da", "di", "du", "la", "le", "dos", "das", "y",
}  # fmt: skip
_HONORIFICS = {
    "dr.", "mr.", "mrs.", "ms.", "prof.", "gen.", "col.", "capt.", "sen.", "rep.",
    "gov.", "sr.", "jr.", "st.", "lt.", "maj.", "sgt.", "sheikh",
}  # fmt: skip
_TITLE_SMALL_WORDS = {
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "with",
    "by", "from", "&", "-", "–", "—",
}  # fmt: skip
_NAME_STOPWORDS = {
    "the", "a", "an", "in", "on", "at", "and", "but", "for", "as", "after",
    "before", "when", "while", "last", "this", "that", "these", "those", "yesterday",
    "today", "meanwhile", "according", "then", "so", "also", "now", "here", "there",
    "share", "related", "tags", "print", "q", "question", "answer", "with", "from",
    "since", "during", "however", "earlier", "later", "his", "her", "their", "our",
}  # fmt: skip
_QA_WORDS = {"q", "a", "question", "answer", "س", "ج", "سؤال", "جواب"}

_INTERVIEWER_CUE_RE = re.compile(
    r"\b(?:(?:explain(?:s|ed)?|speak(?:s)?|spoke|talk(?:s|ed)?|sa(?:ys|id)"
    r"|describe(?:s|d)?|recount(?:s|ed)?|reveal(?:s|ed)?|confirm(?:s|ed)?)"
    r"\s+(?:to|with)|tell(?:s)?|told|interview(?:s|ed)?\s+(?:with|by))\s+",
    re.I,
)
_BIO_VERB_RE = re.compile(
    r"(?:,[^,]{1,80},)?\s+(?:is|was|has|had|works|worked|joined|covers|covered"
    r"|reports|reported|writes|wrote|studied|studies|holds|held|graduated|lives|lived"
    r"|serves|served|teaches|taught|leads|led|founded|spent|became|began|received"
    r"|earned|translates|translated|edits|edited)\b"
)
_ROLE_RE = re.compile(
    r"\b(?:reporter|journalist|translator|editor|correspondent|fellow|writer"
    r"|photographer|photojournalist|researcher|producer|analyst|contributor|author"
    r"|columnist|freelancer|freelance|intern|student|graduate|filmmaker|scholar"
    r"|professor|lecturer|blogger|interpreter|videographer|broadcaster|presenter"
    r"|based in|lives in|covers|studied|graduated|joined|works|worked|served as)s?\b",
    re.I,
)
_BIO_NAME_RE = re.compile(
    r"^(?P<name>[^\s,]{1,40}(?:\s+[^\s,]{1,40}){1,3})(?:,[^,]{1,80},)?"
    r"\s+(?:is|was)\s+(?:a|an|the)\s"
)


# ---------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    no: int  # 1-based
    text: str  # stripped; escape backslash removed
    literal: bool = False  # escaped in the export: never a label or a header


_Para = list[_Line]

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\ufeff": None,
        "\u2028": "\n",
        "\u2029": "\n\n",
    }
)
_INVISIBLE = "\u200b\u200e\u200f\u2060"


def _split_lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if s and not s.strip(_INVISIBLE).strip():
            s = ""
        literal = False
        if s.startswith("\\") and _is_special(s.lstrip("\\").strip()):
            s = s[1:].strip()
            literal = True
        lines.append(_Line(number, s, literal))
    return lines


def _is_special(s: str) -> bool:
    """Whether a line would be read as structure (label, header, chrome…) rather
    than text.  The export escapes such lines with a backslash."""
    if not s:
        return False
    return bool(
        _qa_label(s) is not None
        or _HEADER_RE.match(s)
        or _BIOS_MARKER_RE.match(s)
        or _CHROME_RE.match(s)
        or _MIN_READ_RE.match(s)
        or _TEASER_RE.search(s)
        or _parse_date(s) is not None
    )


def _paragraphs(lines: list[_Line], skip: set[int]) -> list[_Para]:
    paras: list[_Para] = []
    current: _Para = []
    for ln in lines:
        if not ln.text or ln.no in skip:
            if current:
                paras.append(current)
                current = []
        else:
            current.append(ln)
    if current:
        paras.append(current)
    return paras


def _join_lines(texts: list[str]) -> str:
    """One paragraph's lines: wrapped lines are joined with a space, list items
    keep their own line."""
    groups: list[list[str]] = []
    for t in texts:
        if not t:
            continue
        if groups and not _LIST_ITEM_RE.match(t):
            groups[-1].append(t)
        else:
            groups.append([t])
    return "\n".join(" ".join(g) for g in groups)


def _tidy(text: str) -> str:
    """Paragraphs joined by a blank line, each one's lines joined as the parser
    joins them, after quotation marks or labels were taken off."""
    paras = (
        _join_lines([ln.strip() for ln in p.split("\n")]) for p in text.split("\n\n")
    )
    return "\n\n".join(p for p in paras if p)


def _para_text(para: _Para) -> str:
    return _join_lines([ln.text for ln in para])


def _part_text(paras: list[_Para]) -> str:
    texts = (_para_text(p) for p in paras if p)
    return "\n\n".join(t for t in texts if t)


def _add_line(paras: list[_Para], ln: _Line, new_para: bool) -> None:
    if paras and (not paras[-1] or not new_para):
        paras[-1].append(ln)
    else:
        paras.append([ln])


@lru_cache(maxsize=4096)
def _label_key(label: str) -> str:
    return "".join(ch for ch in label.casefold() if ch.isalnum())


# ---------------------------------------------------------------------- dates


def _parse_date(s: str) -> datetime.date | None:
    if len(s) > 60 or not any("0" <= ch <= "9" for ch in s):
        return None
    for pattern in _DATE_RES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        month = (
            int(parts["month"])
            if parts.get("month")
            else _MONTHS[parts["mon"][:3].lower()]
        )
        try:
            return datetime.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


# ----------------------------------------------------------------- QA labels


def _qa_label(s: str) -> tuple[str, str | None, str, str | None] | None:
    """``(kind, speaker, rest, bold)`` for a Q/A label line, else None.  ``kind`` is
    "q" or "a"; ``bold`` is a bold marker still to strip from the end of the text."""
    m = _QA_RE.match(s)
    if not m:
        return None
    opener, close1, close2 = m["open"], m["close1"], m["close2"]
    rest = m["rest"]
    bold = None
    if opener:
        if (close1 and close1 != opener) or (close2 and close2 != opener):
            return None
        if not close1 and not close2:
            if rest.endswith(opener):
                rest = rest[: -len(opener)].rstrip()
            else:
                bold = opener
    else:
        if close1:
            return None
        if close2:
            rest = s[m.start("close2") :].strip()
    word = m["kind"]
    kind = "q" if word.casefold() in {"q", "question", "س", "سؤال"} else "a"
    speaker = (m["spk"] or "").strip() or None
    return kind, speaker, rest.strip(), bold


def _strip_bold(text: str, bold: str | None) -> str:
    if bold and text.endswith(bold):
        return text[: -len(bold)].rstrip()
    return text


# -------------------------------------------------------------------- header


@dataclass
class _Header:
    headline: str | None = None
    dek: str | None = None
    series: str | None = None
    date: datetime.date | None = None
    interviewer: str | None = None
    interviewee: Interviewee | None = None
    explicit: bool = False
    bad_date: bool = False
    consumed: set[int] = field(default_factory=set)


def _count_labels(lines: list[_Line]) -> Counter[str]:
    """How often each line-start label ("Dawson:", "Interviewer:") occurs: a label
    that recurs is a speaker, not a header or a series name."""
    counts: Counter[str] = Counter()
    for ln in lines:
        if ln.text and not ln.literal:
            m = _HEADER_RE.match(ln.text)
            if m:
                counts["header:" + m["key"].casefold()] += 1
            m = _RAW_LABEL_RE.match(ln.text)
            if m:
                counts[_exact_key(m.group(1))] += 1
    return counts


def _exact_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _series_split(s: str) -> tuple[str, str] | None:
    """``("On the Record", "Headline")`` for a "Series: Headline" line."""
    idx = s.find(":")
    if idx <= 0 or idx > 60 or s[idx + 1 : idx + 2] not in (" ", "\t"):
        return None
    label, rest = s[:idx].strip(), s[idx + 1 :].strip()
    if not label or not rest or any(ch in label for ch in '.!?;,"“”«»()[]'):
        return None
    words = label.split()
    if not 1 <= len(words) <= 6 or not words[0][0].isupper():
        return None
    for w in words:
        if not (w[0].isupper() or w.casefold() in _TITLE_SMALL_WORDS or w[0].isdigit()):
            return None
    if label.casefold() in _QA_WORDS or _qa_label(s) is not None:
        return None
    return label, rest


def _parse_interviewee_value(value: str) -> Interviewee | None:
    value = value.strip()
    if not value:
        return None
    if "|" in value:
        parts = [p.strip() for p in value.split("|")] + ["", ""]
        if not parts[0]:
            return None
        return Interviewee(parts[0], parts[1] or None, parts[2] or None)
    found = _find_interviewee([value])
    if found is not None:
        return found
    return Interviewee(value, None, None)


def _scan_header(
    lines: list[_Line], label_counts: Counter[str], warnings: list[str]
) -> _Header:
    h = _Header()
    for ln in lines:
        s = ln.text
        if not s:
            continue
        if ln.literal or _qa_label(s) is not None:
            break
        if _CHROME_RE.match(s) or _MIN_READ_RE.match(s):
            h.consumed.add(ln.no)
            continue
        m = _HEADER_RE.match(s)
        if m and label_counts["header:" + m["key"].casefold()] < 2:
            _apply_header(h, m["key"].casefold(), m["value"].strip(), ln.no, warnings)
            h.consumed.add(ln.no)
            continue
        if h.date is None:
            date = _parse_date(s)
            if date is not None:
                h.date = date
                h.consumed.add(ln.no)
                continue
        if (h.explicit or h.headline or h.series) and _TEASER_RE.search(s):
            h.consumed.add(ln.no)
            continue
        if not h.explicit and h.headline is None and h.series is None:
            split = _series_split(s)
            if split and label_counts[_exact_key(split[0])] < 2:
                h.series, h.headline = split
                h.consumed.add(ln.no)
                continue
        break
    return h


def _apply_header(h: _Header, key: str, value: str, line: int, warnings: list[str]):
    h.explicit = True
    if key == "headline":
        h.headline = value or None
    elif key == "series":
        h.series = value or None
    elif key in ("dek", "standfirst"):
        h.dek = value or None
    elif key == "date":
        if value:
            h.date = _parse_date(value)
            if h.date is None:
                h.bad_date = True
                warnings.append(
                    _(
                        "Line %(line)s: the date “%(value)s” was not recognised; "
                        "write it like 3 June 2015 or 2015-06-03."
                    )
                    % {"line": line, "value": value}
                )
    elif key == "interviewer":
        h.interviewer = value or None
    elif key == "interviewee":
        h.interviewee = _parse_interviewee_value(value)
    # "Translator:" is accepted and ignored: the translator is chosen in the form.


# ---------------------------------------------------------------------- names


def _is_cap_word(w: str) -> bool:
    """A word that can be part of a name: capitalised (or uncased script, such as
    Arabic), a particle like "al", or "al-Assad"."""
    if not w:
        return False
    low = w.casefold()
    if low in _PARTICLES or low in _HONORIFICS:
        return True
    if "-" in w:
        head, _, tail = w.partition("-")
        if head.casefold() in _PARTICLES and tail:
            return _is_cap_word(tail)
    first = w[0]
    return first.isalpha() and not first.islower()


def _name_chars_ok(w: str) -> bool:
    return all(ch.isalpha() or ch in "’'-." for ch in w)


def _looks_like_name(s: str) -> bool:
    """A line holding only a person's name: 2–4 capitalised words."""
    if not s or len(s) > 60 or s[-1] in ".!?:;,":
        return False
    words = s.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() in _NAME_STOPWORDS:
        return False
    if words[0].casefold() in _PARTICLES:
        return False
    return all(_is_cap_word(w) and _name_chars_ok(w) for w in words)


@lru_cache(maxsize=4096)
def _is_speaker_label(label: str) -> bool:
    label = label.strip()
    if not label or len(label) > 40:
        return False
    words = label.split()
    if len(words) > 4 or any(ch.isdigit() for ch in label):
        return False
    for w in words:
        low = w.casefold()
        if low in _PARTICLES or low in _HONORIFICS:
            continue
        if not _is_cap_word(w) or not _name_chars_ok(w):
            return False
        if w.endswith(".") and len(w) > 4 and "." not in w[:-1]:
            return False  # a sentence ending, not an initial or an abbreviation
    return True


def _strong_label(label: str) -> bool:
    words = label.split()
    return len(words) >= 2 or (label.isupper() and 2 <= len(label) <= 4)


def _initials(label: str) -> str:
    return "".join(w[0] for w in label.split() if w.casefold() not in _PARTICLES)


# ------------------------------------------------------------------------ bios


def _bio_subject_len(text: str, name: str) -> int | None:
    words = name.split()
    for candidate in (name, words[0], words[-1], "He", "She", "They"):
        if text.startswith(candidate) and (
            len(text) == len(candidate) or not text[len(candidate)].isalnum()
        ):
            return len(candidate)
    return None


def _is_bio_for(text: str, name: str) -> bool:
    n = _bio_subject_len(text, name)
    if n is None:
        return False
    return bool(_BIO_VERB_RE.match(text, n)) and bool(_ROLE_RE.search(text[:400]))


def _bio_full_name(text: str) -> str | None:
    """The name in "Layla Haddad is a reporter based in…" (no name line)."""
    m = _BIO_NAME_RE.match(text)
    if not m:
        return None
    name = m["name"]
    if not _looks_like_name(name):
        return None
    sentence = _SENTENCE_BREAK_RE.split(text, maxsplit=1)[0]
    if not _ROLE_RE.search(sentence):
        return None
    return name


def _continues_bio(text: str, name: str) -> bool:
    if _bio_subject_len(text, name) is not None:
        return True
    return text.startswith(("His ", "Her ", "Their "))


def _extract_bios(paras: list[_Para]) -> tuple[list[Bio], list[_Para]]:
    """Bios after an explicit "Bios:" line, or a trailing block of bios."""
    for idx, para in enumerate(paras):
        first = para[0]
        if not first.literal and _BIOS_MARKER_RE.match(first.text):
            section = ([para[1:]] if len(para) > 1 else []) + paras[idx + 1 :]
            return _parse_bios_section(section), paras[:idx]
    return _extract_tail_bios(paras)


def _parse_bios_section(paras: list[_Para]) -> list[Bio]:
    bios: list[Bio] = []
    current: list = []  # [name, [paragraph texts], line]
    pending: tuple[str, int] | None = None
    for idx, para in enumerate(paras):
        text = _para_text(para)
        if pending is not None:
            # a name line on its own: the next paragraph is that person's bio
            current = [pending[0], [text], pending[1]]
            pending = None
            continue
        if len(para) >= 2:
            # "Name" then the bio on the next line; the export escapes a bio that
            # starts like a list item with a backslash
            second = para[1]
            escaped = _is_escaped_list_item(second.text)
            if escaped or not _LIST_ITEM_RE.match(second.text):
                if current:
                    bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
                body = [_Line(second.no, second.text[1:] if escaped else second.text)]
                current = [para[0].text, [_para_text(body + para[2:])], para[0].no]
                continue
        nxt = _para_text(paras[idx + 1]) if idx + 1 < len(paras) else ""
        if not current or (
            _looks_like_name(text) and nxt and _bio_subject_len(nxt, text) is not None
        ):
            if current:
                bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
                current = []
            pending = (text.replace("\n", " "), para[0].no)
        else:
            current[1].append(text)
    if current:
        bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
    if pending is not None:
        bios.append(Bio(pending[0], "", pending[1]))
    return bios


def _is_escaped_list_item(text: str) -> bool:
    return text.startswith("\\") and bool(_LIST_ITEM_RE.match(text.lstrip("\\")))


def _extract_tail_bios(paras: list[_Para]) -> tuple[list[Bio], list[_Para]]:
    bios: list[Bio] = []
    pending: list[str] = []  # continuation paragraphs, in order
    i = len(paras) - 1
    stop = max(-1, len(paras) - 41)
    while i > stop:
        para = paras[i]
        if any(not ln.literal and _qa_label(ln.text) for ln in para):
            break
        text = _para_text(para)
        found: tuple[str, str, int] | None = None
        used = 1
        if (
            len(para) >= 2
            and not para[0].literal
            and _looks_like_name(para[0].text)
            and _is_bio_for(_para_text(para[1:]), para[0].text)
        ):
            found = (para[0].text, _para_text(para[1:]), para[0].no)
        elif (
            i >= 1
            and len(paras[i - 1]) == 1
            and not paras[i - 1][0].literal
            and _looks_like_name(paras[i - 1][0].text)
            and _is_bio_for(text, paras[i - 1][0].text)
        ):
            found = (paras[i - 1][0].text, text, paras[i - 1][0].no)
            used = 2
        else:
            name = _bio_full_name(text)
            if name:
                found = (name, text, para[0].no)
        if found is None:
            if text.startswith(("He ", "She ", "They ", "His ", "Her ", "Their ")):
                pending.insert(0, text)
                i -= 1
                continue
            break
        name, bio, line = found
        if pending and not all(_continues_bio(p, name) for p in pending):
            break
        bios.insert(0, Bio(name, "\n\n".join([bio, *pending]), line))
        pending = []
        i -= used
    return bios, paras[: i + 1 + len(pending)]


# ----------------------------------------------------------------- conventions


# Which convention wins when several find the same number of complete pairs.
_QA, _SPEAKERS, _Q_ONLY, _QUOTED, _DASH, _WEAK_SPEAKERS = 6, 5, 4, 3, 2, 1


@dataclass
class _Result:
    preamble: list[_Para]
    segments: list[Segment]
    warnings: list[str]
    prio: int

    @property
    def complete(self) -> int:
        return sum(1 for s in self.segments if s.question and s.answer)


@dataclass
class _Turn:
    line: int
    paras: list[_Para]
    speaker: str | None = None
    key: str | None = None
    bold: str | None = None


def _turn_text(turn: _Turn | None) -> str:
    if turn is None:
        return ""
    return _strip_bold(_part_text(turn.paras), turn.bold)


def _new_turn(line: int, rest: str, **kwargs) -> _Turn:
    return _Turn(line, [[_Line(line, rest)]] if rest else [[]], **kwargs)


def _ends_question(text: str) -> bool:
    return text.rstrip("*_ ").endswith(("?", "؟"))


def _split_unlabelled(paras: list[_Para]) -> tuple[list[_Para], list[_Para]]:
    """Question and answer of a turn whose answer has no label: the question runs
    to the first line ending with a question mark (else the first paragraph)."""
    paras = [p for p in paras if p]
    if not paras:
        return [], []
    first = paras[0]
    end = next((k for k, ln in enumerate(first) if _ends_question(ln.text)), None)
    if end is None:
        return [first], paras[1:]
    rest = first[end + 1 :]
    return [first[: end + 1]], ([rest] if rest else []) + paras[1:]


def _parse_qa(paras: list[_Para], answers_labelled: bool = True) -> _Result:
    """``Q:`` / ``A:`` labels (and their variants).  Without any answer label, the
    answer is the text after the question (``Q:`` labels only)."""
    warnings: list[str] = []
    preamble: list[_Para] = []
    segments: list[Segment] = []
    q: _Turn | None = None
    a: _Turn | None = None

    def finish(next_question: int | None = None) -> None:
        nonlocal q, a
        if q is None:
            return
        if not answers_labelled and a is None:
            q_paras, a_paras = _split_unlabelled(q.paras)
            q = _Turn(q.line, q_paras, q.speaker, bold=q.bold)
            a = _Turn(q.line, a_paras) if a_paras else None
        answer = _turn_text(a)
        if not answer:
            if next_question is not None and a is None:
                warnings.append(
                    _(
                        "Line %(line)s: question has no answer (another question "
                        "starts on line %(next)s); kept as an empty answer."
                    )
                    % {"line": q.line, "next": next_question}
                )
            else:
                warnings.append(
                    _("Line %(line)s: question has no answer; kept as an empty answer.")
                    % {"line": q.line}
                )
        segments.append(
            Segment(
                question=_turn_text(q),
                answer=answer,
                question_speaker=q.speaker,
                answer_speaker=a.speaker if a else None,
                line=q.line,
            )
        )

    for para in paras:
        new_para = True
        for ln in para:
            hit = None if ln.literal else _qa_label(ln.text)
            if hit is None:
                target = a.paras if a else q.paras if q else preamble
                _add_line(target, ln, new_para)
                new_para = False
                continue
            kind, speaker, rest, bold = hit
            turn = _new_turn(ln.no, rest, speaker=speaker, bold=bold)
            if kind == "q":
                finish(ln.no)
                q, a = turn, None
            elif q is None:
                warnings.append(
                    _(
                        "Line %(line)s: answer has no question before it; kept with "
                        "an empty question."
                    )
                    % {"line": ln.no}
                )
                q, a = _Turn(ln.no, []), turn
            elif a is None:
                a = turn
            elif speaker != a.speaker:
                finish()
                warnings.append(
                    _(
                        "Line %(line)s: a second answer follows without a new "
                        "question; kept as a separate answer with an empty question."
                    )
                    % {"line": ln.no}
                )
                q, a = _Turn(ln.no, []), turn
            else:
                warnings.append(
                    _(
                        "Line %(line)s: a second answer label follows without a new "
                        "question; joined to the previous answer."
                    )
                    % {"line": ln.no}
                )
                a.paras.extend(turn.paras)
            new_para = False
    finish()
    return _Result(
        preamble, segments, warnings, prio=_QA if answers_labelled else _Q_ONLY
    )


def _speaker_hit(ln: _Line) -> tuple[str, str] | None:
    if ln.literal:
        return None
    m = _SPEAKER_RE.match(ln.text)
    if not m:
        return None
    opener, close, close2 = m["open"], m["close"], m["close2"]
    if opener:
        if (close or close2) != opener or (close and close2):
            return None
    elif close or close2:
        return None
    label = " ".join(m["label"].split())
    if not _is_speaker_label(label):
        return None
    return label, (m["rest"] or "").strip()


def _parse_speakers(paras: list[_Para]) -> _Result | None:
    """Speaker labels: "Press TV: …", "Dawson: …", "RR: …"."""
    hits: list[tuple[int, int, _Line, str, str, str]] = []
    for pi, para in enumerate(paras):
        for li, ln in enumerate(para):
            hit = _speaker_hit(ln)
            if hit:
                hits.append((pi, li, ln, hit[0], hit[1], _label_key(hit[0])))
    if not hits:
        return None
    counts = Counter(h[5] for h in hits)
    repeated = {k for k, c in counts.items() if c >= 2}
    warnings: list[str] = []
    accepted: dict[tuple[int, int], tuple[str, str, str]] = {}
    # display form of each key: the most common spelling
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for h in hits:
        spellings[h[5]][h[3]] += 1
    display = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
    first_seen: dict[str, int] = {}
    for h in hits:
        first_seen.setdefault(h[3], h[2].no)
    if repeated:
        strong = True
        first = next(i for i, h in enumerate(hits) if h[5] in repeated)
        for pi, li, ln, label, rest, key in hits[first:]:
            if key in repeated:
                accepted[(pi, li)] = (key, label, rest)
                continue
            target = _alias_for(label, [display[k] for k in repeated])
            if target is not None:
                warnings.append(
                    _(
                        "Line %(line)s: speaker label “%(label)s” differs from "
                        "“%(other)s” used elsewhere; treated as the same speaker."
                    )
                    % {"line": ln.no, "label": label, "other": target}
                )
                accepted[(pi, li)] = (_label_key(target), label, rest)
            elif _strong_label(label):
                warnings.append(
                    _(
                        "Line %(line)s: speaker label “%(label)s” appears only once; "
                        "check that it is spelled like the other labels."
                    )
                    % {"line": ln.no, "label": label}
                )
                accepted[(pi, li)] = (key, label, rest)
            else:
                warnings.append(
                    _(
                        "Line %(line)s: “%(label)s:” looks like a speaker label but "
                        "appears only once; it was kept as part of the text."
                    )
                    % {"line": ln.no, "label": label}
                )
    else:
        if len(counts) < 2:
            return None
        strong = False
        for pi, li, _ln, label, rest, key in hits:
            accepted[(pi, li)] = (key, label, rest)
    for key, forms in spellings.items():
        if key in repeated and len(forms) > 1:
            for form in forms:
                if form != display[key]:
                    warnings.append(
                        _(
                            "Line %(line)s: speaker label “%(label)s” is written "
                            "“%(other)s” elsewhere; treated as the same speaker."
                        )
                        % {
                            "line": first_seen[form],
                            "label": form,
                            "other": display[key],
                        }
                    )
    rep_labels = sorted(display[k] for k in repeated)
    for short in rep_labels:
        for long in rep_labels:
            if short != long and short.isupper() and _initials(long) == short:
                warnings.append(
                    _(
                        "Line %(line)s: speaker labels “%(short)s” and “%(long)s” may "
                        "be the same person; they were kept as different speakers."
                    )
                    % {"line": first_seen[long], "short": short, "long": long}
                )

    preamble: list[_Para] = []
    turns: list[_Turn] = []
    for pi, para in enumerate(paras):
        new_para = True
        for li, ln in enumerate(para):
            acc = accepted.get((pi, li))
            if acc is None:
                target = turns[-1].paras if turns else preamble
                _add_line(target, ln, new_para)
            else:
                key, label, rest = acc
                speaker = display.get(key, label)
                turns.append(_new_turn(ln.no, rest, speaker=speaker, key=key))
            new_para = False

    asker = turns[0].key
    segments: list[Segment] = []
    q: _Turn | None = None
    a: _Turn | None = None

    def name(turn: _Turn | None) -> str | None:
        if turn is None or turn.speaker is None:
            return None
        return None if turn.speaker.casefold() in _QA_WORDS else turn.speaker

    def finish(next_question: int | None = None) -> None:
        if q is None:
            return
        answer = _turn_text(a)
        if not answer:
            if next_question is not None and a is None:
                warning = _(
                    "Line %(line)s: question has no answer (the next question starts "
                    "on line %(next)s); kept as an empty answer."
                )
            else:
                warning = _(
                    "Line %(line)s: question has no answer; kept as an empty answer."
                )
            warnings.append(warning % {"line": q.line, "next": next_question})
        segments.append(Segment(_turn_text(q), answer, name(q), name(a), line=q.line))

    for turn in turns:
        if turn.key == asker:
            finish(turn.line)
            q, a = turn, None
        elif a is None:
            a = turn
        elif a.key == turn.key:
            a.paras.extend(turn.paras)
        else:
            finish()
            warnings.append(
                _(
                    "Line %(line)s: %(speaker)s answers after %(other)s without a new "
                    "question; kept as a separate answer with an empty question."
                )
                % {"line": turn.line, "speaker": turn.speaker, "other": a.speaker}
            )
            q, a = _Turn(turn.line, [], speaker=None), turn
    finish()
    return _Result(
        preamble, segments, warnings, prio=_SPEAKERS if strong else _WEAK_SPEAKERS
    )


def _alias_for(label: str, repeated: list[str]) -> str | None:
    """A repeated label this one-off label is a variant of ("Dr Dawson" →
    "Dawson", "Robert Rowe" → "RR")."""
    words = {w.casefold().strip(".") for w in label.split()}
    for other in repeated:
        other_words = {w.casefold().strip(".") for w in other.split()}
        if other_words <= words or words <= other_words:
            return other
        if other.isupper() and _initials(label) == other:
            return other
        if label.isupper() and _initials(other) == label:
            return other
    return None


def _quote_events(text: str, opener: str, start: int = 0):
    """``(index, +1 | -1)`` for each opening/closing quotation mark."""
    closers = _QUOTE_SPECS[opener][1]
    for m in _QUOTE_EVENT_RES[opener].finditer(text, start):
        i = m.start()
        ch = text[i]
        if opener == '"':
            prev = text[i - 1] if i > 0 else " "
            yield i, (1 if prev.isspace() or prev in _OPENING_CONTEXT else -1)
        elif ch == opener:
            yield i, 1
        elif ch in closers:
            if (
                opener == "‘"
                and 0 < i < len(text) - 1
                and text[i - 1].isalpha()
                and text[i + 1].isalpha()
            ):
                continue  # an apostrophe
            yield i, -1


def _closing_position(text: str, opener: str) -> int | None:
    """Index of the closing quotation mark ending ``text`` (before any trailing
    punctuation), else None."""
    tail = _TAIL_PUNCT_RE.match(text[::-1])
    end = len(text) - (tail.end() if tail else 0)
    if end <= 0:
        return None
    ch = text[end - 1]
    closers = _QUOTE_SPECS[opener][1]
    if opener == '"':
        if ch != '"' or end - 1 == 0:
            return None
        prev = text[end - 2]
        return None if prev.isspace() or prev in _OPENING_CONTEXT else end - 1
    return end - 1 if ch in closers else None


def _first_quoted(text: str, opener: str) -> tuple[str, str, int]:
    """For a paragraph starting with a quotation mark: ("closed", inner, 0),
    ("open", inner, depth) or ("plain", "", 0) (a quote followed by more text)."""
    depth = 1
    for i, delta in _quote_events(text, opener, 1):
        depth += delta
        if depth == 0:
            tail = text[i + 1 :]
            if _TAIL_PUNCT_RE.fullmatch(tail):
                return "closed", (text[1:i] + tail.strip()).strip(), 0
            return "plain", "", 0
    return "open", text[1:].strip(), depth


def _continued_quote(text: str, opener: str, depth: int) -> tuple[str, str, int]:
    body = text
    if text.startswith(opener):
        inner_depth = 1
        paired = None
        for i, delta in _quote_events(text, opener, 1):
            inner_depth += delta
            if inner_depth == 0:
                paired = i
                break
        if paired is None or _TAIL_PUNCT_RE.fullmatch(text[paired + 1 :]):
            body = text[1:]  # a re-opened quotation, one mark per paragraph
    local = sum(delta for _, delta in _quote_events(body, opener))
    pos = _closing_position(body, opener)
    if pos is not None and (local < 0 or depth + local <= 0):
        tail = body[pos + 1 :].strip()
        return "closed", (body[:pos] + tail).strip(), 0
    return "open", body.strip(), max(depth + local, 1)


def _opens_quote(text: str) -> str | None:
    return text[:1] if text[:1] in _QUOTE_SPECS else None


def _clean_question(text: str) -> str:
    m = _DASH_Q_RE.match(text)
    if m:
        text = m["rest"]
    m = _BOLD_WRAP_RE.match(text)
    if m:
        text = m["inner"].strip()
    return text


def _parse_quoted(paras: list[_Para]) -> _Result:
    """House style: plain-paragraph questions, answers in quotation marks."""
    warnings: list[str] = []
    texts = [_para_text(p) for p in paras]
    # (plain paragraph, None, 0) or (None, answer paragraphs, line of the answer)
    items: list[tuple[_Para | None, list[str] | None, int]] = []
    open_answer: dict | None = None
    i = 0
    n = len(paras)
    while i < n:
        text, para = texts[i], paras[i]
        if open_answer is None:
            opener = _opens_quote(text)
            if opener is None:
                items.append((para, None, 0))
            else:
                status, inner, depth = _first_quoted(text, opener)
                if status == "closed":
                    items.append((None, [inner], para[0].no))
                elif status == "open":
                    open_answer = {
                        "opener": opener,
                        "depth": depth,
                        "paras": [inner],
                        "line": para[0].no,
                    }
                else:
                    items.append((para, None, 0))
            i += 1
            continue
        if (
            _opens_quote(text) is None
            and _ends_question(text)
            and i + 1 < n
            and _opens_quote(texts[i + 1]) is not None
        ):
            warnings.append(
                _(
                    "Line %(line)s: an answer opens a quotation mark that never "
                    "closes; it was ended before the question on line %(next)s."
                )
                % {"line": open_answer["line"], "next": para[0].no}
            )
            items.append((None, open_answer["paras"], open_answer["line"]))
            open_answer = None
            continue
        status, inner, depth = _continued_quote(
            text, open_answer["opener"], open_answer["depth"]
        )
        open_answer["paras"].append(inner)
        if status == "closed":
            items.append((None, open_answer["paras"], open_answer["line"]))
            open_answer = None
        else:
            open_answer["depth"] = depth
        i += 1
    if open_answer is not None:
        warnings.append(
            _(
                "Line %(line)s: an answer opens a quotation mark that never closes; "
                "everything after it was kept in that answer."
            )
            % {"line": open_answer["line"]}
        )
        items.append((None, open_answer["paras"], open_answer["line"]))

    preamble: list[_Para] = []
    segments: list[Segment] = []
    pending: list[_Para] = []
    for plain, answer_paras, answer_line in items:
        if plain is not None:
            pending.append(plain)
            continue
        answer = "\n\n".join(p for p in answer_paras or [] if p)
        if pending:
            if not segments:
                preamble, pending = pending[:-1], pending[-1:]
            elif len(pending) > 1:
                warnings.append(
                    _(
                        "Line %(line)s: %(count)s paragraphs between two answers were "
                        "joined into one question."
                    )
                    % {"line": pending[0][0].no, "count": len(pending)}
                )
            question = "\n\n".join(_clean_question(_para_text(p)) for p in pending)
            segments.append(Segment(question, answer, line=pending[0][0].no))
            pending = []
        elif segments:
            last = segments[-1]
            last.answer = "\n\n".join(t for t in (last.answer, answer) if t)
        else:
            warnings.append(
                _(
                    "Line %(line)s: answer has no question before it; kept with an "
                    "empty question."
                )
                % {"line": answer_line}
            )
            segments.append(Segment("", answer, line=answer_line))
    if pending:
        if segments:
            question = "\n\n".join(_clean_question(_para_text(p)) for p in pending)
            line = pending[0][0].no
            warnings.append(
                _("Line %(line)s: question has no answer; kept as an empty answer.")
                % {"line": line}
            )
            segments.append(Segment(question, "", line=line))
        else:
            preamble = pending
    return _Result(preamble, segments, warnings, prio=_QUOTED)


def _parse_dash(paras: list[_Para]) -> _Result:
    """Questions starting with a dash or bullet; answers are the paragraphs after."""
    warnings: list[str] = []
    preamble: list[_Para] = []
    segments: list[Segment] = []
    q: list[_Para] | None = None
    a: list[_Para] = []
    q_line = 0

    def finish() -> None:
        if q is None:
            return
        answer = _part_text(a)
        if not answer:
            warnings.append(
                _("Line %(line)s: question has no answer; kept as an empty answer.")
                % {"line": q_line}
            )
        question = _clean_question(_part_text(q))
        segments.append(Segment(question, answer, line=q_line))

    for para in paras:
        first = para[0]
        m = None if first.literal else _DASH_Q_RE.match(first.text)
        if m is None:
            (a if q is not None else preamble).append(para)
            continue
        finish()
        lines = [_Line(first.no, m["rest"]), *para[1:]]
        end = next(
            (k for k, ln in enumerate(lines) if _ends_question(ln.text)),
            len(lines) - 1,
        )
        q, a, q_line = [lines[: end + 1]], [], first.no
        if lines[end + 1 :]:
            a.append(lines[end + 1 :])
    finish()
    return _Result(preamble, segments, warnings, prio=_DASH)


def _segment(paras: list[_Para]) -> _Result:
    has_q = has_a = False
    for para in paras:
        for ln in para:
            if ln.literal:
                continue
            hit = _qa_label(ln.text)
            if hit:
                has_q = has_q or hit[0] == "q"
                has_a = has_a or hit[0] == "a"
    results: list[_Result] = []
    if has_q:
        qa = _parse_qa(paras, answers_labelled=has_a)
        if has_a and qa.complete:
            return qa
        results.append(qa)
    speakers = _parse_speakers(paras)
    if speakers is not None:
        results.append(speakers)
    results.append(_parse_quoted(paras))
    results.append(_parse_dash(paras))
    best = max(results, key=lambda r: (r.complete, r.prio))
    if best.complete:
        return best
    for result in results:
        if result.prio not in (_QA, _SPEAKERS, _Q_ONLY):
            continue
        for seg in result.segments:
            if seg.question and not seg.answer:
                raise TranscriptError(
                    "{} {}".format(
                        _(
                            "This question has no answer, and no complete question "
                            "and answer was found."
                        ),
                        HOW_TO_MARK,
                    ),
                    line=seg.line,
                )
    raise TranscriptError(str(NO_QA_MESSAGE))


# ----------------------------------------------------------------- suggestions


def _find_interviewer(texts: list[str]) -> str | None:
    for text in texts:
        for m in _INTERVIEWER_CUE_RE.finditer(text):
            tokens = text[m.end() : m.end() + 200].split()[:10]
            start = 0
            for j, tok in enumerate(tokens[:6]):
                if not _is_cap_word(tok):
                    break
                if tok.endswith(("’s", "'s", "’", "'")) and j + 1 < len(tokens):
                    start = j + 1
                    break
            words: list[str] = []
            for tok in tokens[start : start + 4]:
                core = tok.rstrip(",.;:!?)”’\"'")
                if core.endswith(("’s", "'s")):
                    break
                if not core or not _is_cap_word(core) or not _name_chars_ok(core):
                    break
                words.append(core)
                if core != tok:
                    break
            while words and words[-1].casefold() in _PARTICLES:
                words.pop()
            if len(words) >= 2 and words[0].casefold() not in _NAME_STOPWORDS:
                return " ".join(words)
    return None


def _name_before(text: str, end: int) -> str | None:
    tokens = text[max(0, end - 160) : end].split()
    words: list[str] = []
    for tok in reversed(tokens):
        if len(words) == 4:
            break
        if not _is_cap_word(tok) or not _name_chars_ok(tok) or tok.endswith("."):
            break
        words.insert(0, tok)
    while words and words[0].casefold() in _NAME_STOPWORDS | _PARTICLES:
        words.pop(0)
    if len(words) < 2:
        return None
    return " ".join(words)


_TITLE_END_RE = re.compile(r"\s+(?:of|for|at)\s+|[,;()|]|\.(?:\s|$)|$")
_ORG_END_RE = re.compile(r"[,;()|]|\.(?:\s|$)|$")


def _find_interviewee(texts: list[str]) -> Interviewee | None:
    for text in texts:
        for m in re.finditer(r",\s+the\s+", text):
            name = _name_before(text, m.start())
            if not name:
                continue
            rest = text[m.end() : m.end() + 300]
            t_end = _TITLE_END_RE.search(rest)
            title = rest[: t_end.start()].strip() if t_end else ""
            if not title or len(title.split()) > 6 or not title[0].isalpha():
                continue
            if any(ch.isdigit() for ch in title):
                continue
            organisation = None
            if t_end and t_end.group().strip() in ("of", "for", "at"):
                after = rest[t_end.end() :]
                o_end = _ORG_END_RE.search(after)
                org = after[: o_end.start()].strip() if o_end else after.strip()
                words = org.split()
                if words and len(words) <= 12:
                    lead = 0
                    while lead < len(words) and words[lead][0].islower():
                        lead += 1
                    if (
                        0 < lead <= 3
                        and lead < len(words)
                        and not {w.casefold() for w in words[:lead]}
                        & {"of", "for", "at", "in", "on", "and", "the", "to", "with"}
                    ):
                        words = words[lead:]
                    organisation = " ".join(words)
            return Interviewee(name, title, organisation)
    return None


# ------------------------------------------------------------------- headline


def _looks_like_headline(s: str) -> bool:
    if s[:3].casefold() == "by " and _looks_like_name(s[3:].strip()):
        return False  # a byline
    return 0 < len(s) < 160 and s[-1] not in ".:;,"


def _marked_dek(para: _Para) -> str | None:
    if len(para) != 1 or para[0].literal:
        return None
    s = para[0].text
    m = _DEK_RE.match(s)
    if m:
        return m["value"].strip()
    m = _ITALIC_RE.match(s)
    if m:
        inner = (m["a"] or m["b"]).strip()
        if len(inner) < 300 and not _SENTENCE_BREAK_RE.search(inner):
            return inner
    return None


# ----------------------------------------------------------------------- parse


def parse_transcript(text: str) -> Transcript:
    """Parse a pasted transcript; raise :class:`TranscriptError` if it cannot be
    read as an interview.  ``bytes`` are decoded with :func:`decode_transcript`."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_transcript(bytes(text))
    if not isinstance(text, str):
        raise TypeError("parse_transcript() needs the transcript as a str")
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise TranscriptError(
            _(
                "The transcript is too long: %(length)s characters; the limit is "
                "%(limit)s. Split it into smaller parts."
            )
            % {"length": f"{len(text):,}", "limit": f"{MAX_TRANSCRIPT_CHARS:,}"}
        )
    # A DOS end-of-file mark, page and line feeds from word processors are layout;
    # any other control character (a NUL, an escape) is refused where it is.
    text = text.rstrip("\x1a").replace("\f", "\n").replace("\v", "\n")
    index = find_control_character(text)
    if index is not None:
        raise TranscriptError(
            _(
                "Remove the invisible character %(char)s at %(where)s: control "
                "characters cannot be stored."
            )
            % {
                "char": describe_character(text[index]),
                "where": position(text, index, with_line=True),
            }
        )
    lines = _split_lines(text)
    if not any(ln.text for ln in lines):
        raise TranscriptError(_("The transcript is empty."))

    warnings: list[str] = []
    header = _scan_header(lines, _count_labels(lines), warnings)
    skip = set(header.consumed)
    skip.update(
        ln.no
        for ln in lines
        if ln.text and not ln.literal and _CHROME_RE.match(ln.text)
    )
    paras = _paragraphs(lines, skip)
    bios, paras = _extract_bios(paras)
    result = _segment(paras)
    warnings.extend(result.warnings)
    for seg in result.segments:
        seg.question, seg.answer = _tidy(seg.question), _tidy(seg.answer)
    for bio in bios:
        bio.bio = _tidy(bio.bio)

    headline, dek, date = header.headline, header.dek, header.date
    preamble = list(result.preamble)
    if not header.explicit and headline is None and header.series is None and preamble:
        first = preamble[0]
        if (
            len(first) == 1
            and not first[0].literal
            and _looks_like_headline(first[0].text)
        ):
            headline = first[0].text
            preamble.pop(0)
            while preamble:
                para = preamble[0]
                single = len(para) == 1 and not para[0].literal
                if single and date is None and _parse_date(para[0].text):
                    date = _parse_date(para[0].text)
                elif single and _TEASER_RE.search(para[0].text):
                    pass
                elif dek is None and _marked_dek(para) is not None:
                    dek = _marked_dek(para)
                else:
                    break
                preamble.pop(0)
    intro = [t for t in (_para_text(p) for p in preamble) if t]

    texts = intro + [t for t in (dek, headline) if t]
    interviewer = header.interviewer or _find_interviewer(texts)
    interviewee = header.interviewee or _find_interviewee(
        intro + ([dek] if dek else [])
    )
    if date is None and not header.bad_date:
        warnings.append(
            _(
                "No date line was found; set the publication date by hand (or add a "
                "line like '3 June 2015' under the headline)."
            )
        )
    return Transcript(
        headline=headline,
        dek=dek,
        series=header.series,
        date=date,
        intro=intro,
        segments=result.segments,
        bios=bios,
        warnings=warnings,
        interviewer=interviewer,
        interviewee=interviewee,
    )


# ---------------------------------------------------------------------- decode


def decode_transcript(data: bytes) -> str:
    """Decode an uploaded transcript: UTF-8 (with or without BOM), UTF-16 with a
    BOM, else Windows-1256 (Arabic) or CP1252, whichever reads more plausibly."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError("decode_transcript() needs bytes")
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            _(
                "The file is too large: %(size)s bytes; the limit is %(limit)s bytes "
                "(about 1 MB). Split the interview into smaller files."
            )
            % {"size": f"{len(data):,}", "limit": f"{MAX_TRANSCRIPT_BYTES:,}"}
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not (
        data.startswith(codecs.BOM_UTF32_LE)
    ):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            _raise_binary()
        _check_text(text)
        return text
    if b"\x00" in data:
        _raise_binary()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    _check_text(text)
    return text


def _raise_binary() -> NoReturn:
    raise TranscriptError(
        _(
            "This file looks binary, not text (for example a Word document, a PDF or "
            "an image). Save the interview as plain text (.txt) and upload that, or "
            "paste the text instead."
        )
    )


def _check_text(text: str) -> None:
    body = text.rstrip("\x1a")  # a DOS end-of-file mark
    controls = sum(
        1
        for ch in body
        if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
    )
    if "\x00" in body or (controls and controls * 50 > len(body)):
        _raise_binary()


def _is_arabic(ch: str) -> bool:
    return (
        "\u0600" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\ufb50" <= ch <= "\ufdff"
        or "\ufe70" <= ch <= "\ufeff"
    )


def _decode_legacy(data: bytes) -> str:
    arabic = data.decode("cp1256")
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return arabic  # bytes CP1252 leaves undefined are Arabic letters in 1256
    arabic_words = mixed = 0
    for word in re.findall(r"[^\W\d_]+", arabic):
        has_arabic = any(_is_arabic(ch) for ch in word)
        if not has_arabic:
            continue
        if any(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word):
            mixed += 1
        else:
            arabic_words += 1
    if arabic_words and mixed * 10 <= arabic_words:
        return arabic
    return western


# ---------------------------------------------------------------------- render


def _escape(line: str) -> str:
    return "\\" + line if _is_special(line.lstrip("\\").strip()) else line


def _one_line(value: str) -> str:
    return value.replace("\n", " ").strip()


def _render_para(text: str, label: str | None = None) -> str:
    lines = text.split("\n")
    out = []
    for k, line in enumerate(lines):
        if k == 0 and label is not None:
            out.append(f"{label} {line}".rstrip())
        else:
            out.append(_escape(line))
    return "\n".join(out)


def _render_part(text: str, label: str) -> list[str]:
    paras = [p for p in text.split("\n\n") if p.strip()] if text else []
    if not paras:
        return [label]
    return [_render_para(paras[0], label)] + [_render_para(p) for p in paras[1:]]


def render_transcript(t: Transcript) -> str:
    """The export format: explicit header lines, then ``Q:``/``A:``; reading it
    back with :func:`parse_transcript` gives the same structure."""
    header = []
    if t.series:
        header.append(f"Series: {_one_line(t.series)}")
    header.append(f"Headline: {_one_line(t.headline or '')}".rstrip())
    if t.dek:
        header.append(f"Dek: {_one_line(t.dek)}")
    if t.date:
        header.append(f"Date: {t.date.isoformat()}")
    if t.interviewer:
        header.append(f"Interviewer: {_one_line(t.interviewer)}")
    if t.interviewee:
        person = t.interviewee
        fields = [person.name, person.title or "", person.organisation or ""]
        while len(fields) > 1 and not fields[-1]:
            fields.pop()
        header.append("Interviewee: " + " | ".join(_one_line(f) for f in fields))
    blocks = ["\n".join(header)]
    blocks.extend(_render_para(p) for p in t.intro if p.strip())
    for seg in t.segments:
        q_label = f"Q ({seg.question_speaker}):" if seg.question_speaker else "Q:"
        a_label = f"A ({seg.answer_speaker}):" if seg.answer_speaker else "A:"
        question = _render_part(seg.question, q_label)
        answer = _render_part(seg.answer, a_label)
        question[-1] = question[-1] + "\n" + answer[0]
        blocks.extend(question + answer[1:])
    text = "\n\n".join(blocks) + "\n"
    if t.bios:
        bio_blocks = ["Bios:"]
        for bio in t.bios:
            paras = [p for p in bio.bio.split("\n\n") if p.strip()]
            first = _escape(_one_line(bio.name))
            if paras:
                lines = paras[0].split("\n")
                if _LIST_ITEM_RE.match(lines[0].lstrip("\\")):
                    lines[0] = "\\" + lines[0]  # read as the bio, not a list item
                first += "\n" + "\n".join(_escape(line) for line in lines)
            bio_blocks.append(first)
            bio_blocks.extend(_render_para(p) for p in paras[1:])
        return text + "\n" + "\n\n".join(bio_blocks) + "\n"
    try:
        if parse_transcript(text).bios:
            # the last answer would read as bios: an empty section says there are none
            text += "\nBios:\n"
    except TranscriptError:
        pass
    return text
