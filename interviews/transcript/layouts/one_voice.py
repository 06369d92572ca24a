"""Only one side's turns are labelled: "Hamdan: Four in the morning." after an
unlabelled question (whose bold was lost in the copy), or "Newsroom: Why…?"
before an unlabelled answer. The paragraph just before a labelled answer asks;
the paragraphs after a labelled question answer."""

from __future__ import annotations

from collections import Counter

from ..lines import Line, Para, para_text, part_text
from ..model import Segment
from ..names import QA_WORDS
from .common import ONE_VOICE, Result, ends_question
from .speakers import ROLE_LABELS, speaker_hit


def parse_one_voice(paras: list[Para]) -> Result:
    hits = [None if p[0].literal else speaker_hit(p[0]) for p in paras]
    labels = Counter(hit[0] for hit in hits if hit)
    if len(labels) != 1 or sum(labels.values()) < 2:
        return Result(list(paras), [], [], prio=ONE_VOICE)
    label = next(iter(labels))
    speaker = None if label.casefold() in QA_WORDS else label
    if speaker and any(ch.isalnum() for ch in speaker):
        speaker = None if _key(speaker) in ROLE_LABELS else speaker
    turns = [
        Para([Line(p[0].no, hit[1]), *p[1:]]) if hit else p
        for p, hit in zip(paras, hits, strict=True)
    ]
    asks = sum(
        ends_question(para_text(t)) for t, hit in zip(turns, hits, strict=True) if hit
    )
    if asks * 2 > sum(labels.values()):
        return _labelled_questions(turns, hits, speaker)
    return _labelled_answers(turns, hits, speaker)


def _key(label: str) -> str:
    return "".join(ch for ch in label.casefold() if ch.isalnum())


def _labelled_answers(turns, hits, speaker) -> Result:
    first = next(k for k, hit in enumerate(hits) if hit)
    start = max(0, first - 1)
    preamble = list(turns[:start])
    segments: list[Segment] = []
    pending: list[Para] = []
    for para, hit in zip(turns[start:], hits[start:], strict=True):
        if not hit:
            pending.append(para)
            continue
        if segments and len(pending) > 1:
            extra = part_text(pending[:-1])
            segments[-1].answer = "\n\n".join((segments[-1].answer, extra))
        question = pending[-1] if pending else None
        segments.append(
            Segment(
                para_text(question) if question else "",
                para_text(para),
                None,
                speaker,
                line=(question or para)[0].no,
            )
        )
        pending = []
    if pending and segments:
        segments[-1].answer = "\n\n".join((segments[-1].answer, part_text(pending)))
    return Result(preamble, segments, [], prio=ONE_VOICE)


def _labelled_questions(turns, hits, speaker) -> Result:
    preamble: list[Para] = []
    segments: list[Segment] = []
    answer: list[Para] = []
    for para, hit in zip(turns, hits, strict=True):
        if hit:
            if segments:
                segments[-1].answer = part_text(answer)
            segments.append(
                Segment(para_text(para), "", speaker, None, line=para[0].no)
            )
            answer = []
        elif segments:
            answer.append(para)
        else:
            preamble.append(para)
    if segments:
        segments[-1].answer = part_text(answer)
    return Result(preamble, segments, [], prio=ONE_VOICE)
