"""What every layout returns, and the pieces they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lines import Line, Para, part_text
from ..marks import strip_bold
from ..model import Segment

DASH_Q_RE = re.compile(r"^(?:[-–—•‣▪●◦]|\*(?!\*))\s+(?P<rest>\S.*)$")
BOLD_WRAP_RE = re.compile(r"^(\*\*|__)(?P<inner>.+)\1$", re.S)

# ----------------------------------------------------------------- conventions


# Which layout wins when several read the text equally well: the most explicit.
QA, SPEAKERS, Q_ONLY, QUOTED, MARKED, DASH = 10, 9, 8, 7, 6, 5
DASH_ANSWERS, INLINE, WEAK_SPEAKERS, BARE, NONE = 4, 3, 2, 1, 0
ONE_VOICE = DASH_ANSWERS  # one side labelled, the other after or before it


@dataclass
class Result:
    preamble: list[Para]
    segments: list[Segment]
    warnings: list[str]
    prio: int
    headings: list[tuple[int, str]] = field(default_factory=list)  # (before, text)

    @property
    def complete(self) -> int:
        return sum(1 for s in self.segments if s.question and s.answer)


@dataclass
class Turn:
    line: int
    paras: list[Para]
    speaker: str | None = None
    key: str | None = None
    bold: str | None = None


def turn_text(turn: Turn | None) -> str:
    if turn is None:
        return ""
    return strip_bold(part_text(turn.paras), turn.bold)


def new_turn(line: int, rest: str, **kwargs) -> Turn:
    return Turn(line, [[Line(line, rest)]] if rest else [[]], **kwargs)


def ends_question(text: str) -> bool:
    return text.rstrip("*_ ").endswith(("?", "؟"))


def split_unlabelled(paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """Question and answer of a turn whose answer has no label: the question runs
    to the first line ending with a question mark (else the first paragraph)."""
    paras = [p for p in paras if p]
    if not paras:
        return [], []
    first = paras[0]
    end = next((k for k, ln in enumerate(first) if ends_question(ln.text)), None)
    if end is None:
        return [first], paras[1:]
    rest = first[end + 1 :]
    return [first[: end + 1]], ([rest] if rest else []) + paras[1:]


def clean_question(text: str) -> str:
    m = DASH_Q_RE.match(text)
    if m:
        text = m["rest"]
    m = BOLD_WRAP_RE.match(text)
    if m:
        text = m["inner"].strip()
    return text
