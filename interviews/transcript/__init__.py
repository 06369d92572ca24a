"""Turn a pasted interview transcript into a structured draft.

The stages, each in its module: ``decode`` (bytes to text), ``escapes`` and ``lines``
(lines and paragraphs), ``header`` and ``dates``, ``furniture`` (page furniture left
out), ``bios``, ``layouts`` (one module per layout, scored), ``people`` (who asked
and who answered), ``roles`` (every paragraph's role, for the preview), ``render``
(the export format, read back to the same structure).

Pure Python apart from translated messages: no database.  Linear in the text.
"""

from .decode import decode_transcript
from .model import (
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_CHARS,
    Bio,
    Interviewee,
    Segment,
    Transcript,
    TranscriptError,
)
from .parse import parse_transcript
from .render import render_transcript

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "MAX_TRANSCRIPT_CHARS",
    "Bio",
    "Interviewee",
    "Segment",
    "Transcript",
    "TranscriptError",
    "decode_transcript",
    "parse_transcript",
    "render_transcript",
]


# ----------------------------------------------------------------------- parse
