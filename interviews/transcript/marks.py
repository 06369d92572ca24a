"""Labels that mark a turn: ``Q:``/``A:`` and their variants, ``Name:``."""

from __future__ import annotations

import re
from typing import NamedTuple

QA_RE = re.compile(
    r"^(?P<open>\*\*|__)?"
    r"(?P<kind>Q|A|(?i:question|answer)|السؤال|الجواب|سؤال|جواب|س|ج)"
    r"(?:\s*(?P<num>[0-9٠-٩]{1,3}))?"
    r"(?:\s*\((?P<spk>[^()\n]{1,80})\))?"
    r"(?P<close1>\*\*|__)?"
    r"(?P<sep>\s*\.?\s*[:：]{1,2}|\.(?=\s|$|\*\*|__)|\s*[-–—](?=\s|$)"
    r"|\s+[-–—](?=\S)|\s*/|(?=(?:\*\*|__)?\s*$))"
    r"(?P<close2>\*\*|__)?"
    r"\s*(?P<rest>.*)$"
)

# ----------------------------------------------------------------- QA labels


class Label(NamedTuple):
    kind: str  # "q" or "a"
    speaker: str | None  # "Q (Press TV):"
    rest: str  # the text after the label
    bold: str | None  # a bold marker still to strip from the end of the text


def qa_label(s: str) -> Label | None:
    """``(kind, speaker, rest, bold)`` for a Q/A label line, else None.  ``kind`` is
    "q" or "a"; ``bold`` is a bold marker still to strip from the end of the text."""
    m = QA_RE.match(s)
    if not m:
        return None
    opener, close1, close2 = m["open"], m["close1"], m["close2"]
    rest = m["rest"]
    bold = None
    if opener:
        if (close1 and close1 != opener) or (close2 and close2 != opener):
            return None
        if not close1 and not close2:
            if rest.endswith(opener):
                rest = rest[: -len(opener)].rstrip()
            else:
                bold = opener
    else:
        if close1:
            return None
        if close2:
            rest = s[m.start("close2") :].strip()
    word = m["kind"]
    if m["sep"].strip() == "/" and word.isascii():
        return None  # "A/C units…": only Arabic writes س/ and ج/
    kind = "q" if word.casefold() in {"q", "question", "س", "سؤال", "السؤال"} else "a"
    speaker = (m["spk"] or "").strip() or None
    return Label(kind, speaker, rest.strip(), bold)


def strip_bold(text: str, bold: str | None) -> str:
    if bold and text.endswith(bold):
        return text[: -len(bold)].rstrip()
    return text


RAW_LABEL_RE = re.compile(r"^(?:\*\*|__)?([^:\n]{1,40}?)(?:\*\*|__)?\s*:(?:\s|$)")


HEADER_RE = re.compile(
    r"^(?P<key>headline|series|dek|standfirst|date|interviewer|translator|interviewee"
    r"|سلسلة|السلسلة)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)
