"""Every paragraph of a parsed transcript with its role, and back.

The import preview lists :func:`blocks_of` a transcript — each paragraph as a
headline, dek, intro, question, answer, heading, bio or left out — so that an editor
can change any paragraph's role; :func:`assemble` builds the transcript again from
the blocks as corrected. A question block starts a new segment (consecutive question
paragraphs make one question), answer blocks join the segment before them; headings
and left-out paragraphs are not part of the article."""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .bios import bio_full_name
from .model import Bio, Heading, Segment, Transcript

ROLES = {
    "headline": _("headline"),
    "dek": _("dek"),
    "intro": _("intro"),
    "question": _("question"),
    "answer": _("answer"),
    "heading": _("heading"),
    "bio": _("bio"),
    "omit": _("left out"),
}
# One key each in the preview.
KEYS = {
    "headline": "h",
    "dek": "d",
    "intro": "i",
    "question": "q",
    "answer": "a",
    "heading": "s",
    "bio": "b",
    "omit": "x",
}


@dataclass
class Block:
    role: str
    text: str
    line: int = 0
    speaker: str | None = None  # who asks a question / gives an answer
    name: str | None = None  # whose bio


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def blocks_of(t: Transcript) -> list[Block]:
    """The transcript's paragraphs in reading order, each with its role; a
    left-out line stands after the segment that starts before it."""
    blocks: list[Block] = []
    starts = [seg.line for seg in t.segments]
    top = t.intro_lines[0] if t.intro_lines else (starts[0] if starts else 0)
    left_out: dict[int, list[Block]] = {}
    for item in t.left_out:
        if item.line < top:  # the page's furniture above the intro
            blocks.append(Block("omit", item.text, item.line))
            continue
        after = bisect.bisect_right(starts, item.line)
        left_out.setdefault(after, []).append(Block("omit", item.text, item.line))
    if t.headline:
        blocks.append(Block("headline", t.headline))
    if t.dek:
        blocks.append(Block("dek", t.dek))
    lines = t.intro_lines if len(t.intro_lines) == len(t.intro) else [0] * len(t.intro)
    blocks += [Block("intro", p, line) for p, line in zip(t.intro, lines, strict=True)]
    headings: dict[int, list[Block]] = {}
    for heading in t.headings:
        headings.setdefault(heading.before, []).append(Block("heading", heading.text))
    blocks += left_out.get(0, [])
    for index, seg in enumerate(t.segments):
        blocks += headings.get(index, [])
        blocks += [
            Block("question", p, seg.line, seg.question_speaker)
            for p in _paragraphs(seg.question)
        ]
        blocks += [
            Block("answer", p, 0, seg.answer_speaker) for p in _paragraphs(seg.answer)
        ]
        blocks += left_out.get(index + 1, [])
    blocks += headings.get(len(t.segments), [])
    blocks += [Block("bio", b.bio, b.line, name=b.name) for b in t.bios]
    return blocks


def assemble(blocks: list[Block], base: Transcript) -> Transcript:
    """The transcript the blocks make; what the blocks do not hold (series, date,
    suggested people, warnings) comes from ``base``."""
    headline = [b.text for b in blocks if b.role == "headline"]
    dek = [b.text for b in blocks if b.role == "dek"]
    segments: list[Segment] = []
    headings: list[Heading] = []
    bios: list[Bio] = []
    for block in blocks:
        if block.role == "question":
            current = segments[-1] if segments else None
            if current is None or current.answer:
                segments.append(
                    Segment(block.text, "", block.speaker, None, line=block.line)
                )
            else:
                current.question = "\n\n".join(
                    t for t in (current.question, block.text) if t
                )
        elif block.role == "answer":
            if not segments:
                segments.append(Segment("", "", None, None, line=block.line))
            current = segments[-1]
            current.answer = "\n\n".join(t for t in (current.answer, block.text) if t)
            current.answer_speaker = current.answer_speaker or block.speaker
        elif block.role == "heading":
            headings.append(Heading(len(segments), block.text))
        elif block.role == "bio":
            name = block.name or bio_full_name(block.text) or block.text.split("\n")[0]
            bios.append(Bio(name, block.text, block.line))
    return dataclasses.replace(
        base,
        headline=" ".join(headline) or None,
        dek="\n\n".join(dek) or None,
        intro=[b.text for b in blocks if b.role == "intro"],
        segments=segments,
        bios=bios,
        headings=headings,
    )
