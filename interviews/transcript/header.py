"""The header: series, headline, dek, date and explicit "Key: value" lines."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .dates import parse_date
from .furniture import CHROME_RE, MIN_READ_RE, TEASER_RE
from .lines import SENTENCE_BREAK_RE, Line, Para
from .marks import RAW_LABEL_RE, qa_label
from .model import Interviewee
from .names import QA_WORDS, TITLE_SMALL_WORDS, looks_like_name
from .people import find_interviewee

HEADER_RE = re.compile(
    r"^(?P<key>headline|series|dek|standfirst|date|interviewer|translator|interviewee)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)

DEK_RE = re.compile(r"^(?:dek|standfirst)\s*:\s*(?P<value>\S.*)$", re.I)
ITALIC_RE = re.compile(
    r"^(?:\*(?!\*)(?P<a>[^*]+)(?<!\s)\*|_(?!_)(?P<b>[^_]+)(?<!\s)_)$"
)

# -------------------------------------------------------------------- header


@dataclass
class Header:
    headline: str | None = None
    dek: str | None = None
    series: str | None = None
    date: datetime.date | None = None
    interviewer: str | None = None
    interviewee: Interviewee | None = None
    explicit: bool = False
    bad_date: bool = False
    consumed: set[int] = field(default_factory=set)


def count_labels(lines: list[Line]) -> Counter[str]:
    """How often each line-start label ("Dawson:", "Interviewer:") occurs: a label
    that recurs is a speaker, not a header or a series name."""
    counts: Counter[str] = Counter()
    for ln in lines:
        if ln.text and not ln.literal:
            m = HEADER_RE.match(ln.text)
            if m:
                counts["header:" + m["key"].casefold()] += 1
            m = RAW_LABEL_RE.match(ln.text)
            if m:
                counts[exact_key(m.group(1))] += 1
    return counts


def exact_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def series_split(s: str) -> tuple[str, str] | None:
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
        if not (w[0].isupper() or w.casefold() in TITLE_SMALL_WORDS or w[0].isdigit()):
            return None
    if label.casefold() in QA_WORDS or qa_label(s) is not None:
        return None
    return label, rest


def parse_interviewee_value(value: str) -> Interviewee | None:
    value = value.strip()
    if not value:
        return None
    if "|" in value:
        parts = [p.strip() for p in value.split("|")] + ["", ""]
        if not parts[0]:
            return None
        return Interviewee(parts[0], parts[1] or None, parts[2] or None)
    found = find_interviewee([value])
    if found is not None:
        return found
    return Interviewee(value, None, None)


def scan_header(
    lines: list[Line], label_counts: Counter[str], warnings: list[str]
) -> Header:
    h = Header()
    for ln in lines:
        s = ln.text
        if not s:
            continue
        if ln.literal or qa_label(s) is not None:
            break
        if CHROME_RE.match(s) or MIN_READ_RE.match(s):
            h.consumed.add(ln.no)
            continue
        m = HEADER_RE.match(s)
        if m and label_counts["header:" + m["key"].casefold()] < 2:
            apply_header(h, m["key"].casefold(), m["value"].strip(), ln.no, warnings)
            h.consumed.add(ln.no)
            continue
        if h.date is None:
            date = parse_date(s)
            if date is not None:
                h.date = date
                h.consumed.add(ln.no)
                continue
        if (h.explicit or h.headline or h.series) and TEASER_RE.search(s):
            h.consumed.add(ln.no)
            continue
        if not h.explicit and h.headline is None and h.series is None:
            split = series_split(s)
            if split and label_counts[exact_key(split[0])] < 2:
                h.series, h.headline = split
                h.consumed.add(ln.no)
                continue
        break
    return h


def apply_header(h: Header, key: str, value: str, line: int, warnings: list[str]):
    h.explicit = True
    if key == "headline":
        h.headline = value or None
    elif key == "series":
        h.series = value or None
    elif key in ("dek", "standfirst"):
        h.dek = value or None
    elif key == "date":
        if value:
            h.date = parse_date(value)
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
        h.interviewee = parse_interviewee_value(value)
    # "Translator:" is accepted and ignored: the translator is chosen in the form.


# ------------------------------------------------------------------- headline


def looks_like_headline(s: str) -> bool:
    if s[:3].casefold() == "by " and looks_like_name(s[3:].strip()):
        return False  # a byline
    return 0 < len(s) < 160 and s[-1] not in ".:;,"


def marked_dek(para: Para) -> str | None:
    if len(para) != 1 or para[0].literal:
        return None
    s = para[0].text
    m = DEK_RE.match(s)
    if m:
        return m["value"].strip()
    m = ITALIC_RE.match(s)
    if m:
        inner = (m["a"] or m["b"]).strip()
        if len(inner) < 300 and not SENTENCE_BREAK_RE.search(inner):
            return inner
    return None
