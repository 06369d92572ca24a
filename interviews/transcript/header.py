"""The header: series, headline, dek, date and explicit "Key: value" lines."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .dates import parse_date
from .furniture import Furniture, byline_names
from .lines import SENTENCE_BREAK_RE, Line, Para
from .marks import HEADER_RE, RAW_LABEL_RE, qa_label
from .model import Interviewee
from .names import QA_WORDS, TITLE_SMALL_WORDS
from .people import find_interviewee

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
    byline: str | None = None
    left_out: list[Furniture] = field(default_factory=list)
    explicit: bool = False
    headline_given: bool = False  # a "Headline:" line, even an empty one
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
    """``("On the Record", "Headline")`` for a "Series: Headline" (or "Series |
    Headline") line; Arabic series labels are one or two words ("حوار: …")."""
    idx, width = s.find(":"), 1
    bar = s.find(" | ")
    if bar > 0 and (idx < 0 or bar < idx):
        idx, width = bar, 3
    if idx <= 0 or idx > 60 or s[idx + width : idx + width + 1] not in (" ", "\t", ""):
        return None
    label, rest = s[:idx].strip(), s[idx + width :].strip()
    if not label or not rest or any(ch in label for ch in '.!?;,"“”«»()[]'):
        return None
    words = label.split()
    if not 1 <= len(words) <= 6 or words[0][0].islower():
        return None
    if not any(ch.isupper() for ch in label):
        # An uncased script (Arabic): one word ("حوار"), or a phrase opening with
        # a preposition ("في الميدان"); "مزارعة زيتون: …" is a headline.
        if len(words) > 2 or any(ch.isdigit() for ch in label):
            return None
        if len(words) == 2 and words[0] not in ("في", "من", "على", "مع", "عن", "إلى"):
            return None
    elif rest[0].islower():
        return None  # "Transcript: the harbour master" is one headline
    else:
        for w in words:
            if not (
                w[0].isupper() or w.casefold() in TITLE_SMALL_WORDS or w[0].isdigit()
            ):
                return None
    if label.casefold() in QA_WORDS or qa_label(s) is not None:
        return None
    if not looks_like_headline(rest):
        return None  # "Guest: Someone had to." is a turn
    return label, rest


KICKER_RE = re.compile(
    r"^(?:[A-Z][A-Z&' -]{2,30}|(?i:interviews?|q\s*&\s*a)|حوار|حوارات|مقابلة"
    r"|مقابلات|لقاء|حديث|حوار خاص)$"
)
SECTION_RE = re.compile(r"^[^\W\d_][\w’'&-]{1,24}$")
HEADING_MARK_RE = re.compile(r"^(?:#{1,6}\s+|\*\*(?=.*\*\*$)|__(?=.*__$))")


def clean_headline(s: str) -> str:
    """A headline without Markdown marks: "# Title", "**Title**"."""
    m = HEADING_MARK_RE.match(s)
    if m:
        s = s[m.end() :]
        if m.group().startswith(("**", "__")):
            s = s[:-2]
    return s.strip()


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
    """Series, headline, dek, byline and date from the top of the text, up to the
    first line that is none of them (an intro, a question)."""
    h = Header()
    texts = [(i, ln) for i, ln in enumerate(lines) if ln.text]
    for k, (i, ln) in enumerate(texts):
        s = ln.text
        if ln.literal or qa_label(s) is not None:
            break
        own_para = (i + 1 >= len(lines) or not lines[i + 1].text) and (
            i == 0 or not lines[i - 1].text
        )
        after = texts[k + 1][1].text if k + 1 < len(texts) else ""
        m = HEADER_RE.match(s)
        if m and m["key"].casefold() in PEOPLE_KEYS and not _names(m["value"]):
            m = None  # "Interviewer: Why did you stay?" is a turn, not a header
        if m and label_counts["header:" + m["key"].casefold()] < 2:
            apply_header(h, m["key"].casefold(), m["value"].strip(), ln.no, warnings)
            h.consumed.add(ln.no)
            continue
        names = byline_names(s) if own_para else None
        if names and h.byline is None:
            h.byline = names
            h.consumed.add(ln.no)
            h.left_out.append(Furniture(ln.no, s, "byline"))
            continue
        date = parse_date(s)
        if date is not None:
            if h.date is None:
                h.date = date
            else:
                h.left_out.append(Furniture(ln.no, s, "date"))
            h.consumed.add(ln.no)
            continue
        dated = byline_and_date(s)
        if dated is not None:
            h.date = h.date or dated[0]
            h.byline = h.byline or dated[1]
            h.consumed.add(ln.no)
            h.left_out.append(Furniture(ln.no, s, "byline"))
            continue
        after_header = i > 0 and lines[i - 1].no in h.consumed
        if h.headline is None and not own_para and not after_header:
            break
        if h.headline_given:
            break
        if h.headline is None and h.series is None and KICKER_RE.match(s) and after:
            h.series = s.title() if s.isupper() else s
            h.consumed.add(ln.no)
            continue
        if (
            h.headline is None
            and len(s.split()) == 1
            and SECTION_RE.match(s)
            and len(after.split()) >= 3
            and looks_like_headline(after)
        ):
            # "Culture" above the headline: the site's section, not the headline
            if KICKER_RE.match(s) and h.series is None:
                h.series = s.title() if s.isupper() else s
            else:
                h.left_out.append(Furniture(ln.no, s, "section"))
            h.consumed.add(ln.no)
            continue
        if h.headline is None:
            split = None if h.series else series_split(s)
            if (
                split
                and label_counts[exact_key(split[0])] < 2
                and not _speaks_later(split[0], label_counts)
                # "Interviewer: Why…?" then "Guest: Because…": one exchange
                and not (RAW_LABEL_RE.match(after) and split[1].endswith(("?", "؟")))
            ):
                h.series, h.headline = split[0], clean_headline(split[1])
                h.consumed.add(ln.no)
                continue
            if looks_like_headline(s) and (
                not s.rstrip("*_ ").endswith(("?", "؟")) or _header_follows(after)
            ):
                h.headline = clean_headline(s)
                h.consumed.add(ln.no)
                continue
            break
        if h.dek is None and own_para:
            dek = None if s.rstrip("*_ ").endswith(("?", "؟")) else marked_dek([ln])
            if dek is None and _header_follows(after) and len(s.split()) <= 40:
                dek = s
            if dek is not None:
                h.dek = dek
                h.consumed.add(ln.no)
                continue
        break
    return h


def _speaks_later(label: str, label_counts: Counter[str]) -> bool:
    """Is "Lina Haddad" of "Lina Haddad: When did you…?" a speaker whose later
    turns are labelled "LH:" or "Haddad:"? Then the line is a turn, not a series."""
    words = set(exact_key(label).split())
    letters = "".join(w[0] for w in exact_key(label).split())
    for key, count in label_counts.items():
        if count < 2 or key.startswith("header:"):
            continue
        if key == letters or (set(key.split()) <= words):
            return True
    return False


BESIDE_RE = re.compile(r"^(?P<a>.+?)\s+[|·•–—-]\s+(?P<b>.+)$")
DATE_BY_RE = re.compile(r"^(?P<date>.+?)\s+(?P<by>(?:by|بقلم)\s+.+)$", re.I)


def byline_and_date(s: str) -> tuple[datetime.date, str | None] | None:
    """The date and byline names of "By Hadi Nasr | October 2, 2020" or "Posted
    on 8 January 2022 by the City Courier staff" (names None when not people)."""
    if len(s) > 160:
        return None
    m = BESIDE_RE.match(s)
    if m:
        for first, second in ((m["a"], m["b"]), (m["b"], m["a"])):
            date, names = parse_date(first), byline_names(second)
            if date is not None and names:
                return date, names
    m = DATE_BY_RE.match(s)
    if m and len(m["by"].split()) <= 8 and m["by"].rstrip()[-1] not in ".?!؟":
        date = parse_date(m["date"])
        if date is not None:
            return date, byline_names(m["by"])
    return None


PEOPLE_KEYS = {"interviewer", "interviewee", "translator"}


def _names(value: str) -> bool:
    """Does a header's value name people ("Nadia Karim", "Huda | head | union")?
    The name is what comes before the first "|": a sentence ("Why now?") is a
    turn, with a title after it or not."""
    value = value.strip()
    name = value.split("|")[0].strip()
    return not value or (
        len(name.split()) <= 6 and (not name or name[-1] not in ".?!؟")
    )


def _header_follows(s: str) -> bool:
    """Is this the kind of line that stays in a header (a date, a byline)?"""
    return bool(s) and (
        parse_date(s) is not None
        or byline_names(s) is not None
        or bool(HEADER_RE.match(s))
    )


def apply_header(h: Header, key: str, value: str, line: int, warnings: list[str]):
    h.explicit = True
    if key == "headline":
        h.headline = value or None
        h.headline_given = True
    elif key in ("series", "سلسلة", "السلسلة"):
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
    if byline_names(s) is not None:
        return False
    return 0 < len(s) < 160 and s.rstrip("*_ ")[-1:] not in ".:;,،"


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
