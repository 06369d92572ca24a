"""Questions marked at the start of their paragraph — by a dash or bullet
("- How…?"), a number in sequence ("1.", "٢-") or emphasis alone ("**How…?**",
"*How…?*") — answered by the text after them, up to the next marked question."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import gettext as _

from ..dates import DIGITS
from ..lines import Line, Para, part_text
from ..model import Segment
from .common import DASH, DASH_Q_RE, MARKED, Result, clean_question, ends_question

NUMBER_Q_RE = re.compile(
    r"^(?:\*\*|__)?\(?(?P<num>[0-9٠-٩]{1,2})\s*[.)\-–:]\s*(?:\*\*|__)?\s*(?P<rest>\S.*)$"
)
EMPHASIS_Q_RE = re.compile(
    r"^(?:\*\*(?P<a>[^*]+?)\*\*|__(?P<b>[^_]+?)__|\*(?P<c>[^*]+?)\*|_(?P<d>[^_]+?)_)"
    r"(?P<tail>[.:]?)$"
)


class Mark(NamedTuple):
    question: str  # the text after the mark
    whole_line: bool  # the line is the whole question (emphasis)


# A marker reads a paragraph's first line: a Mark, or None.
Marker = Callable[[str, list[int]], Mark | None]


def dash_marker(text: str, state: list[int]) -> Mark | None:
    m = DASH_Q_RE.match(text)
    return Mark(m["rest"], False) if m else None


def number_marker(text: str, state: list[int]) -> Mark | None:
    """Only the next number counts: "3." after question 2, not a list item."""
    m = NUMBER_Q_RE.match(text)
    if not m or int(m["num"].translate(DIGITS)) != state[0] + 1:
        return None
    state[0] += 1
    return Mark(m["rest"].strip("*_ ").strip(), False)


def emphasis_marker(text: str, state: list[int]) -> Mark | None:
    m = EMPHASIS_Q_RE.match(text)
    if not m:
        return None
    inner = (m["a"] or m["b"] or m["c"] or m["d"]).strip()
    return Mark(inner, True) if inner else None


def parse_marked(paras: list[Para], marker: Marker, prio: int = MARKED) -> Result:
    warnings: list[str] = []
    preamble: list[Para] = []
    segments: list[Segment] = []
    q: list[Para] | None = None
    a: list[Para] = []
    q_line = 0
    state = [0]

    def finish() -> None:
        if q is None:
            return
        answer = part_text(a)
        if not answer:
            warnings.append(
                _("Line %(line)s: question has no answer; kept as an empty answer.")
                % {"line": q_line}
            )
        segments.append(Segment(clean_question(part_text(q)), answer, line=q_line))

    for para in paras:
        first = para[0]
        hit = None if first.literal else marker(first.text, state)
        if hit is None:
            (a if q is not None else preamble).append(para)
            continue
        finish()
        rest, whole_line = hit
        lines = [Line(first.no, rest), *para[1:]]
        if whole_line:
            end = 0
        else:
            # without "?": a first line that ends a sentence is the question
            # ("- Describe a normal day."); else a short paragraph is all question
            fallback = len(lines) - 1 if len(lines) < 3 else 0
            if lines[0].text.rstrip("*_ ").endswith((".", "!", ":")):
                fallback = 0
            end = next(
                (k for k, ln in enumerate(lines) if ends_question(ln.text)), fallback
            )
        q, a, q_line = [lines[: end + 1]], [], first.no
        if lines[end + 1 :]:
            a.append(lines[end + 1 :])
    finish()
    return Result(preamble, segments, warnings, prio=prio)


def caps_marker(text: str, state: list[int]) -> Mark | None:
    """A question in capitals: "HOW MANY PEOPLE WORK THE NIGHT SHIFT?"."""
    words = text.split()
    letters = [ch for ch in text if ch.isalpha()]
    if len(words) < 3 or len(letters) < 10 or not all(ch.isupper() for ch in letters):
        return None
    return Mark(text, True)


def parse_dash(paras: list[Para]) -> Result:
    return parse_marked(paras, dash_marker, prio=DASH)


def parse_numbered(paras: list[Para]) -> Result:
    return parse_marked(paras, number_marker)


def parse_emphasis(paras: list[Para]) -> Result:
    return parse_marked(paras, emphasis_marker)


def parse_capitals(paras: list[Para]) -> Result:
    return parse_marked(paras, caps_marker)
