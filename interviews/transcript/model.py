"""What the parser returns: the transcript, its segments, bios and suggestions,
and the error raised for a text that cannot be read at all."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

MAX_TRANSCRIPT_BYTES = 1_000_000
MAX_TRANSCRIPT_CHARS = 1_000_000

HOW_TO_MARK = gettext_lazy(
    "Mark questions with 'Q:' and answers with 'A:', or put each answer in quotation "
    "marks in the paragraph after its question, or start each turn with the "
    "speaker's name and a colon (for example 'Press TV: …' and 'Dawson: …')."
)
NO_QA_MESSAGE = format_lazy(
    "{} {}", gettext_lazy("No questions and answers were found."), HOW_TO_MARK
)


# --------------------------------------------------------------------------- API


class TranscriptError(ValueError):
    """A transcript that cannot be read; ``message`` is written for an editor."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line}: {self.message}"
        return self.message


@dataclass(frozen=True)
class Interviewee:
    name: str
    title: str | None
    organisation: str | None


@dataclass
class Segment:
    question: str
    answer: str
    question_speaker: str | None = None
    answer_speaker: str | None = None
    line: int = 0  # 1-based line of the question


@dataclass
class Bio:
    name: str
    bio: str
    line: int = 0


@dataclass(frozen=True)
class LeftOut:
    """A line left out of the article (page furniture, a byline), and why."""

    line: int
    text: str
    kind: str


@dataclass(frozen=True)
class Heading:
    """A subheading between pairs, standing before segment ``before`` (0-based)."""

    before: int
    text: str


@dataclass
class Transcript:
    headline: str | None
    dek: str | None
    series: str | None
    date: datetime.date | None
    intro: list[str]
    segments: list[Segment]
    bios: list[Bio]
    warnings: list[str]
    interviewer: str | None = None  # suggestion
    interviewee: Interviewee | None = None  # suggestion
    left_out: list[LeftOut] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    intro_lines: list[int] = field(default_factory=list)  # where each intro starts

    def to_json(self) -> dict:
        interviewee = None
        if self.interviewee is not None:
            interviewee = {
                "name": self.interviewee.name,
                "title": self.interviewee.title,
                "organisation": self.interviewee.organisation,
            }
        return {
            "headline": self.headline,
            "dek": self.dek,
            "series": self.series,
            "date": self.date.isoformat() if self.date else None,
            "intro": list(self.intro),
            "segments": [
                {
                    "question": s.question,
                    "answer": s.answer,
                    "question_speaker": s.question_speaker,
                    "answer_speaker": s.answer_speaker,
                }
                for s in self.segments
            ],
            "bios": [{"name": b.name, "bio": b.bio} for b in self.bios],
            "warnings": list(self.warnings),
            "interviewer": self.interviewer,
            "interviewee": interviewee,
        }
