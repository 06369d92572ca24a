"""A whole interview run together in one paragraph: "… question? - answer. Next
question? - answer." The question is the last sentence before its mark."""

from __future__ import annotations

import re

from ..lines import Line, Para, para_text
from ..model import Segment
from .common import INLINE, Result

TURN_RE = re.compile(r"[?؟]\s*[-–—]\s+")
SENTENCE_END_RE = re.compile(r"[.!?؟…][\"”»’)]?\s+")


def parse_inline(paras: list[Para]) -> Result:
    preamble: list[Para] = []
    segments: list[Segment] = []
    if sum(len(TURN_RE.findall(para_text(p))) for p in paras) < 2:
        return Result(list(paras), [], [], prio=INLINE)
    for para in paras:
        text = para_text(para).replace("\n", " ")
        turns = list(TURN_RE.finditer(text))
        if not turns:
            if segments:
                last = segments[-1]
                last.answer = "\n\n".join((last.answer, para_text(para)))
            else:
                preamble.append(para)
            continue
        cursor = 0
        for k, turn in enumerate(turns):
            ends = [
                m.end() for m in SENTENCE_END_RE.finditer(text, cursor, turn.start())
            ]
            start = ends[-1] if ends else cursor
            before = text[cursor:start].strip()
            if segments and (k > 0 or before):
                last = segments[-1]
                if k > 0:
                    last.answer = before
                elif before:
                    last.answer = "\n\n".join((last.answer, before))
            elif before:
                preamble.append([Line(para[0].no, before)])
            question = text[start : turn.start() + 1].strip()
            segments.append(Segment(question, "", line=para[0].no))
            cursor = turn.end()
        segments[-1].answer = text[cursor:].strip()
    return Result(preamble, segments, [], prio=INLINE)
