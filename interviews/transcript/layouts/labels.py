"""``Q:`` / ``A:`` labels and their variants."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ..lines import Line, Para, add_line
from ..marks import qa_label
from ..model import Segment
from .common import Q_ONLY, QA, Result, Turn, new_turn, split_unlabelled, turn_text

# A label further along a line, after a sentence ends: "… too far. Q: Why…?"
INNER_LABEL_RE = re.compile(
    r"(?<=[.!?؟…\"”»])\s+(?=(?:Q|A|Question|Answer|سؤال|جواب|س|ج)\s*[:：])"
)


def split_run_together(paras: list[Para]) -> list[Para]:
    """A whole interview in one paragraph, "Q: How…? A: Four. Q: Why…? A: …":
    each label starts a line of its own (line numbers kept). Only when that line
    is the only one opening with a label: where turns have lines of their own, a
    label inside an answer is the speaker's words."""
    opening = sum(
        1 for para in paras for ln in para if not ln.literal and qa_label(ln.text)
    )
    if opening != 1:
        return paras
    out: list[Para] = []
    for para in paras:
        lines: list[Line] = []
        for ln in para:
            parts = [ln.text]
            if not ln.literal and qa_label(ln.text) is not None:
                parts = INNER_LABEL_RE.split(ln.text)
                kinds = {(qa_label(part) or ("",))[0] for part in parts}
                if len(parts) < 2 or kinds != {"q", "a"}:
                    parts = [ln.text]
            lines += [Line(ln.no, part, ln.literal) for part in parts]
        out.append(Para(lines) if len(lines) != len(para) else para)
    return out


def parse_qa(paras: list[Para], answers_labelled: bool = True) -> Result:
    """``Q:`` / ``A:`` labels (and their variants).  Without any answer label, the
    answer is the text after the question (``Q:`` labels only)."""
    warnings: list[str] = []
    preamble: list[Para] = []
    segments: list[Segment] = []
    q: Turn | None = None
    a: Turn | None = None

    def finish(next_question: int | None = None) -> None:
        nonlocal q, a
        if q is None:
            return
        if not answers_labelled and a is None:
            q_paras, a_paras = split_unlabelled(q.paras)
            q = Turn(q.line, q_paras, q.speaker, bold=q.bold)
            a = Turn(q.line, a_paras) if a_paras else None
        answer = turn_text(a)
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
                question=turn_text(q),
                answer=answer,
                question_speaker=q.speaker,
                answer_speaker=a.speaker if a else None,
                line=q.line,
            )
        )

    for para in paras:
        new_para = True
        for ln in para:
            hit = None if ln.literal else qa_label(ln.text)
            if hit is None:
                target = a.paras if a else q.paras if q else preamble
                add_line(target, ln, new_para)
                new_para = False
                continue
            kind, speaker, rest, bold = hit
            turn = new_turn(ln.no, rest, speaker=speaker, bold=bold)
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
                q, a = Turn(ln.no, []), turn
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
                q, a = Turn(ln.no, []), turn
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
    return Result(preamble, segments, warnings, prio=QA if answers_labelled else Q_ONLY)
