"""Splitting the text into lines, and the backslash the export puts before a
line that would otherwise read as structure."""

from __future__ import annotations

from .bios import BIOS_MARKER_RE
from .dates import parse_date
from .furniture import byline_names, furniture_kind
from .layouts import heading_text
from .lines import Line
from .marks import HEADER_RE, RAW_LABEL_RE, qa_label


def is_special(s: str, headings: bool = True) -> bool:
    """Whether a line would be read as structure (label, header, chrome…) rather
    than text.  The export escapes such lines with a backslash."""
    if not s:
        return False
    return bool(
        qa_label(s) is not None
        or RAW_LABEL_RE.match(s) is not None  # "Dawson: …" could open a turn
        or HEADER_RE.match(s)
        or BIOS_MARKER_RE.match(s)
        or furniture_kind(s) is not None
        or byline_names(s) is not None
        or (headings and heading_text(s) is not None)
        or parse_date(s) is not None
    )


TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\ufeff": None,
        "\u2028": "\n",
        "\u2029": "\n\n",
    }
)
INVISIBLE = "\u200b\u200e\u200f\u2060"


def split_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(TRANSLATE)
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if s and not s.strip(INVISIBLE).strip():
            s = ""
        literal = False
        if s.startswith("\\") and is_special(s.lstrip("\\").strip()):
            s = s[1:].strip()
            literal = True
        lines.append(Line(number, s, literal))
    return lines
