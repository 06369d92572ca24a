"""One module per layout; :func:`segment` tries them all and keeps the one that
reads the text best (most complete pairs whose questions ask and whose answers
answer; ties go to the most explicit layout). It never refuses: when no layout
finds a question and its answer, every paragraph becomes the intro, with a warning."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ..lines import LIST_ITEM_RE, Line, Para
from ..marks import RAW_LABEL_RE, qa_label
from ..names import QA_WORDS
from .bare import parse_bare, parse_dash_answers
from .common import NONE, Q_ONLY, WEAK_SPEAKERS, Result, ends_question
from .inline import parse_inline
from .labels import parse_qa, split_run_together
from .marked import parse_capitals, parse_dash, parse_emphasis, parse_numbered
from .one_voice import parse_one_voice
from .quoted import parse_quoted
from .speakers import parse_speakers, speaker_hit

HEADING_RE = re.compile(r"^(?:#{1,6}\s+|\*\*|__)?(?P<text>[^\n]{1,70}?)(?:\*\*|__)?$")
MAX_HEADING_WORDS = 7


# The layouts without labels, each tried on every text (labelled ones first, in
# _best); the best score wins, ties go to the most explicit (Result.prio).
LAYOUTS = (
    parse_quoted,  # the house style: answers in quotation marks
    parse_numbered,  # "1. How…?" then the answer
    parse_emphasis,  # "**How…?**" or "*How…?*" then the answer
    parse_capitals,  # "HOW MANY…?" then the answer
    parse_dash,  # "- How…?" then the answer
    parse_dash_answers,  # "How…?" then "— The answer"
    parse_one_voice,  # "How…?" then "Hamdan: The answer", or the other way
    parse_inline,  # "How…? - The answer. Why…? - Because…" in one paragraph
    parse_bare,  # "How…?" then the answer, nothing marked
)


def score(result: Result) -> float:
    """Complete pairs, better when the questions ask and the answers do not."""
    total = 0.0
    for seg in result.segments:
        if seg.question and seg.answer:
            total += 1.0
            total += 0.25 if ends_question(seg.question) else 0.0
            total -= 0.5 if ends_question(seg.answer.split("\n\n")[0]) else 0.0
    return total


def segment(paras: list[Para], labels_only: bool = False) -> Result:
    """The best reading of the paragraphs; with ``labels_only`` (a text in the
    export format) only labels mark questions and answers: ``Q:``/``A:``, or
    speakers' names in a file written by hand in that format."""
    lines = [ln for para in paras for ln in para if not ln.literal]
    if labels_only and not any(speaker_hit(ln) for ln in lines):
        if any(qa_label(ln.text) for ln in lines):
            return parse_qa(paras)
        return intro_only(paras)
    paras, headings = take_headings(paras)
    return place_headings(label_turns(_best(paras)), headings)


def label_turns(result: Result) -> Result:
    """Answers (or questions) that all open with the same speaker's label, in a
    layout that marks turns otherwise, not by labels ("**How…?**" then "Hamdan:
    Four…"): the label names the speaker and leaves the text."""
    labelled = result.prio >= Q_ONLY or result.prio == WEAK_SPEAKERS
    if labelled or len(result.segments) < 2:
        return result
    for part, speaker in (
        ("answer", "answer_speaker"),
        ("question", "question_speaker"),
    ):
        hits = [
            speaker_hit(Line(0, getattr(seg, part).split("\n")[0]))
            for seg in result.segments
        ]
        hits = [
            hit if hit and hit[1] and hit[0].casefold() not in QA_WORDS else None
            for hit in hits
        ]
        labels = {hit[0] for hit in hits if hit}
        if len(labels) != 1 or sum(1 for hit in hits if hit) * 5 < len(hits) * 4:
            continue
        for seg, hit in zip(result.segments, hits, strict=True):
            if hit:
                text = getattr(seg, part)
                first, _, more = text.partition("\n")
                setattr(seg, part, hit[1] + ("\n" + more if more else ""))
                setattr(seg, speaker, hit[0])
    return result


def _best(paras: list[Para]) -> Result:
    paras = split_run_together(paras)
    has_q = has_a = False
    for para in paras:
        for ln in para:
            if ln.literal:
                continue
            hit = qa_label(ln.text)
            if hit:
                has_q = has_q or hit[0] == "q"
                has_a = has_a or hit[0] == "a"
    results: list[Result] = []
    if has_q:
        qa = parse_qa(paras, answers_labelled=has_a)
        if has_a and qa.segments:
            return qa  # answer labels are explicit: no other layout is tried
        results.append(qa)
    speakers = parse_speakers(paras)
    if speakers is not None:
        results.append(speakers)
    results += [parse(paras) for parse in LAYOUTS]
    best = max(results, key=lambda r: (score(r), r.prio))
    if best.complete or (best.segments and best.prio >= Q_ONLY):
        return best
    return intro_only(paras)


def intro_only(paras: list[Para]) -> Result:
    """No questions and answers: every paragraph is intro, and the editor is told."""
    return Result(
        list(paras),
        [],
        [
            _(
                "No questions and answers were recognised, so every paragraph is in "
                "the intro. Mark the questions and answers in the preview, or label "
                "them 'Q:' and 'A:' (or with the speakers' names)."
            )
        ],
        prio=NONE,
    )


def heading_text(text: str) -> str | None:
    """The subheading a line is, if it reads as one: short, capitalised (or in an
    uncased script), without closing punctuation, no label."""
    if "\n" in text or LIST_ITEM_RE.match(text) or ":" in text:
        return None
    m = HEADING_RE.match(text)
    if not m:
        return None
    inner = m["text"].strip()
    if (
        not inner
        or inner[0].isdigit()
        or inner[-1] in ".,;!?؟،\"”»…'’)"
        or inner[0] in "\"“«'‘([-–—"
    ):
        return None
    if len(inner.split()) > MAX_HEADING_WORDS or inner[0].islower():
        return None
    if not inner[0].isalpha():
        return None  # "\\", "* * *": a heading starts with a word
    return inner


def _opens_turn(para: Para, asker: str | None) -> bool:
    """Does the paragraph open a question: "Q:", "…?", or the asker's label (the
    first label of the text, "Press TV:")?"""
    first = para[0].text
    hit = qa_label(first)
    if hit is not None:
        return hit[0] == "q"
    m = RAW_LABEL_RE.match(first)
    return ends_question(first) or bool(m and m.group(1) == asker)


def _closes_turn(para: Para) -> bool:
    hit = qa_label(para[-1].text)
    return ends_question(para[-1].text) or (hit is not None and hit[0] == "q")


def take_headings(paras: list[Para]) -> tuple[list[Para], list[tuple[int, str]]]:
    """Subheadings between pairs, taken out before the layouts read the text: a
    one-line paragraph that reads as a heading, after an answer and before a
    question. Returns the other paragraphs and ``(line, heading)``."""
    kept: list[Para] = []
    headings: list[tuple[int, str]] = []
    # the asker: the label of the first labelled question ("Press TV: How…?")
    labels = (
        RAW_LABEL_RE.match(p[0].text)
        for p in paras
        if not p[0].literal and ends_question(p[0].text)
    )
    asker = next((m.group(1) for m in labels if m), None)
    for k, para in enumerate(paras):
        if (
            0 < k < len(paras) - 1
            and len(para) == 1
            and not para[0].literal
            and not _closes_turn(paras[k - 1])
            and _opens_turn(paras[k + 1], asker)
            and any(_opens_turn(p, asker) for p in paras[:k])
        ):
            text = heading_text(para[0].text)
            if text is not None:
                headings.append((para[0].no, text))
                continue
        kept.append(para)
    return kept, headings


def place_headings(result: Result, headings: list[tuple[int, str]]) -> Result:
    """Each heading before the first segment that starts after it."""
    for line, text in headings:
        before = next(
            (i for i, seg in enumerate(result.segments) if seg.line > line),
            len(result.segments),
        )
        result.headings.append((before, text))
        result.warnings.append(
            _(
                "Line %(line)s: “%(heading)s” reads as a subheading between questions; "
                "it was left out of the answers."
            )
            % {"line": line, "heading": text}
        )
    return result
