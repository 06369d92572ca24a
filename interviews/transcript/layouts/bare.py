"""Questions without a mark: a paragraph ending with a question mark asks, the
paragraphs after it answer; or answers marked by a leading dash or em dash
("— We dug ninety metres."), each asked by the unmarked paragraph before it
(which may be a statement without a question mark)."""

from __future__ import annotations

import re

from ..lines import Line, Para, para_text, part_text
from ..model import Segment
from .common import BARE, DASH_ANSWERS, Result, ends_question

ANSWER_DASH_RE = re.compile(r"^[-–—―]\s*(?P<rest>\S.*)$")
MAX_QUESTION_WORDS = 80
# A question that is a request: "Tell me about…", "Describe…", "حدثنا عن…".
ASKING_RE = re.compile(
    r"^(?:tell\s+(?:me|us)|describe|explain|talk\s+(?:me|us)\s+through"
    r"|walk\s+(?:me|us)\s+through|take\s+(?:me|us)\s+(?:back|through)"
    r"|give\s+(?:me|us)\s+an\s+example|حدثنا|حدّثنا|أخبرنا|اخبرنا|صف\s+لنا|احك|احكِ"
    r"|اشرح\s+لنا)\b",
    re.I,
)


def _asks(para: Para) -> int | None:
    """The number of lines of this paragraph that are its question, if it opens
    with one: all of it when it ends with "?", else up to a first line ending "?"."""
    text = para_text(para)
    if len(text.split()) > MAX_QUESTION_WORDS or para[0].literal:
        return None
    if ANSWER_DASH_RE.match(text):
        return None
    for k, ln in enumerate(para):
        if ends_question(ln.text):
            return k + 1
    if len(para) == 1 and len(text.split()) <= 30 and ASKING_RE.match(text):
        return 1
    return None


def parse_bare(paras: list[Para]) -> Result:
    preamble: list[Para] = []
    segments: list[Segment] = []
    q: list[Line] | None = None
    a: list[Para] = []

    def finish() -> None:
        if q is not None:
            segments.append(Segment(part_text([q]), _answer_text(a), line=q[0].no))

    for para in paras:
        n = _asks(para)
        if n is None:
            (a if q is not None else preamble).append(para)
            continue
        finish()
        q, a = para[:n], ([para[n:]] if para[n:] else [])
    finish()
    return Result(preamble, segments, [], prio=BARE)


def _answer_text(paras: list[Para]) -> str:
    out = []
    for para in paras:
        m = ANSWER_DASH_RE.match(para[0].text)
        first = [Line(para[0].no, m["rest"])] if m else para[:1]
        out.append(first + para[1:])
    return part_text(out)


def parse_dash_answers(paras: list[Para]) -> Result:
    marked = [bool(ANSWER_DASH_RE.match(p[0].text)) and not p[0].literal for p in paras]
    preamble: list[Para] = []
    segments: list[Segment] = []
    if sum(marked) < 2:
        return Result(list(paras), [], [], prio=DASH_ANSWERS)
    first = marked.index(True)
    start = max(0, first - 1)
    preamble = list(paras[:start])
    pending: list[Para] = []
    for para, is_answer in zip(paras[start:], marked[start:], strict=True):
        if not is_answer:
            pending.append(para)
            continue
        if pending:
            if segments and len(pending) > 1:
                last = segments[-1]
                extra = part_text(pending[:-1])
                last.answer = "\n\n".join(t for t in (last.answer, extra) if t)
            question = pending[-1]
            segments.append(
                Segment(para_text(question), _answer_text([para]), line=question[0].no)
            )
            pending = []
        elif segments:
            last = segments[-1]
            last.answer = "\n\n".join((last.answer, _answer_text([para])))
        else:
            segments.append(Segment("", _answer_text([para]), line=para[0].no))
    if pending and segments:
        last = segments[-1]
        last.answer = "\n\n".join((last.answer, part_text(pending)))
    return Result(preamble, segments, [], prio=DASH_ANSWERS)
