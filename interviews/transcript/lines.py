"""Lines and paragraphs: the units every later stage works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LIST_ITEM_RE = re.compile(r"^(?:\(?[0-9]{1,3}[.)\-–—]|\(?[a-z][.)]\s|[-–—•‣▪●◦*]\s)")

SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’)]?\s+\S")

# ---------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    no: int  # 1-based
    text: str  # stripped; escape backslash removed
    literal: bool = False  # escaped in the export: never a label or a header


class Para(list):
    """A paragraph's lines. Every layout reads its text: it is joined once, and
    again only if the paragraph grew (paragraphs are only ever appended to)."""

    __slots__ = ("_count", "_text")

    def __init__(self, lines=()):
        super().__init__(lines)
        self._count = -1
        self._text = ""


def paragraphs(lines: list[Line], skip: set[int]) -> list[Para]:
    paras: list[Para] = []
    current = Para()
    for ln in lines:
        if not ln.text or ln.no in skip:
            if current:
                paras.append(current)
                current = Para()
        else:
            current.append(ln)
    if current:
        paras.append(current)
    return paras


def join_lines(texts: list[str]) -> str:
    """One paragraph's lines: wrapped lines are joined with a space, list items
    keep their own line."""
    groups: list[list[str]] = []
    for t in texts:
        if not t:
            continue
        if groups and not LIST_ITEM_RE.match(t):
            groups[-1].append(t)
        else:
            groups.append([t])
    return "\n".join(" ".join(g) for g in groups)


def tidy(text: str) -> str:
    """Paragraphs joined by a blank line, each one's lines joined as the parser
    joins them, after quotation marks or labels were taken off."""
    paras = (
        join_lines([ln.strip() for ln in p.split("\n")]) for p in text.split("\n\n")
    )
    return "\n\n".join(p for p in paras if p)


def para_text(para: list[Line]) -> str:
    if isinstance(para, Para):
        if para._count != len(para):
            para._text = join_lines([ln.text for ln in para])
            para._count = len(para)
        return para._text
    return join_lines([ln.text for ln in para])


def part_text(paras: list[Para]) -> str:
    texts = (para_text(p) for p in paras if p)
    return "\n\n".join(t for t in texts if t)


def add_line(paras: list[Para], ln: Line, new_para: bool) -> None:
    if paras and (not paras[-1] or not new_para):
        paras[-1].append(ln)
    else:
        paras.append([ln])


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    return "".join(ch for ch in label.casefold() if ch.isalnum())
