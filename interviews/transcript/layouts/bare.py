"""Questions without a mark: a paragraph ending with a question mark asks, the
paragraphs after it answer; or answers marked by a leading dash or em dash
("— We dug ninety metres."), each asked by the unmarked paragraph before it
(which may be a statement without a question mark)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

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
    turns: list[tuple[list[Line], list[Para]]] = []  # a question and its answer
    for para in paras:
        n = _asks(para)
        if n is None:
            (turns[-1][1] if turns else preamble).append(para)
            continue
        turns.append((para[:n], [para[n:]] if para[n:] else []))
    warnings: list[str] = []
    turns = _statements_asked(turns, warnings)
    segments = [
        Segment(part_text([q]), _answer_text(a), line=q[0].no) for q, a in turns
    ]
    return Result(preamble, segments, warnings, prio=BARE)


def _statements_asked(turns, warnings):
    """Questions and answers alternate one paragraph each, but one question is a
    statement ("You lend books without cards."): an answer of three paragraphs
    whose middle one is the shortest is a statement asked and its answer."""
    single = sum(1 for _q, a in turns if len(a) == 1)
    others = sum(1 for _q, a in turns if len(a) != 3)
    if single < 2 or single * 10 < others * 7:
        return turns
    out = []
    for q, a in turns:
        texts = [para_text(p) for p in a]
        if len(a) == 3 and len(texts[1]) < min(len(texts[0]), len(texts[2])):
            out += [(q, a[:1]), (list(a[1]), a[2:])]
            warnings.append(
                _(
                    "Line %(line)s: read as a question without a question mark, "
                    "between two answers; check it in the preview."
                )
                % {"line": a[1][0].no}
            )
        else:
            out.append((q, a))
    return out


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
