"""The house style: questions as paragraphs, answers in quotation marks."""

from __future__ import annotations

import re
from typing import NamedTuple

from django.utils.translation import gettext as _

from ..lines import Para, para_text
from ..model import Segment
from .common import QUOTED, Result, clean_question, ends_question

TAIL_PUNCT_RE = re.compile(r"[\s.,;:!?…]*")

QUOTE_SPECS = {
    "“": ("“", "”"),
    '"': ('"', '"'),
    "«": ("«", "»"),
    "„": ("„", "“”"),
    "‘": ("‘", "’"),
}
QUOTE_EVENT_RES = {
    opener: re.compile("[" + re.escape(opener + closers) + "]")
    for opener, (_, closers) in QUOTE_SPECS.items()
}
OPENING_CONTEXT = set("([{—–-/“‘«„")


def quote_events(text: str, opener: str, start: int = 0):
    """``(index, +1 | -1)`` for each opening/closing quotation mark."""
    closers = QUOTE_SPECS[opener][1]
    for m in QUOTE_EVENT_RES[opener].finditer(text, start):
        i = m.start()
        ch = text[i]
        if opener == '"':
            prev = text[i - 1] if i > 0 else " "
            yield i, (1 if prev.isspace() or prev in OPENING_CONTEXT else -1)
        elif ch == opener:
            yield i, 1
        elif ch in closers:
            if (
                opener == "‘"
                and 0 < i < len(text) - 1
                and text[i - 1].isalpha()
                and text[i + 1].isalpha()
            ):
                continue  # an apostrophe
            yield i, -1


def closing_position(text: str, opener: str) -> int | None:
    """Index of the closing quotation mark ending ``text`` (before any trailing
    punctuation), else None."""
    tail = TAIL_PUNCT_RE.match(text[::-1])
    end = len(text) - (tail.end() if tail else 0)
    if end <= 0:
        return None
    ch = text[end - 1]
    closers = QUOTE_SPECS[opener][1]
    if opener == '"':
        if ch != '"' or end - 1 == 0:
            return None
        prev = text[end - 2]
        return None if prev.isspace() or prev in OPENING_CONTEXT else end - 1
    return end - 1 if ch in closers else None


def first_quoted(text: str, opener: str) -> tuple[str, str, int]:
    """For a paragraph starting with a quotation mark: ("closed", inner, 0),
    ("open", inner, depth) or ("plain", "", 0) (a quote followed by more text)."""
    depth = 1
    for i, delta in quote_events(text, opener, 1):
        depth += delta
        if depth == 0:
            tail = text[i + 1 :]
            if TAIL_PUNCT_RE.fullmatch(tail):
                return "closed", (text[1:i] + tail.strip()).strip(), 0
            return "plain", "", 0
    return "open", text[1:].strip(), depth


def continued_quote(text: str, opener: str, depth: int) -> tuple[str, str, int]:
    body = text
    if text.startswith(opener):
        inner_depth = 1
        paired = None
        for i, delta in quote_events(text, opener, 1):
            inner_depth += delta
            if inner_depth == 0:
                paired = i
                break
        if paired is None or TAIL_PUNCT_RE.fullmatch(text[paired + 1 :]):
            body = text[1:]  # a re-opened quotation, one mark per paragraph
    local = sum(delta for _, delta in quote_events(body, opener))
    pos = closing_position(body, opener)
    if pos is not None and (local < 0 or depth + local <= 0):
        tail = body[pos + 1 :].strip()
        return "closed", (body[:pos] + tail).strip(), 0
    return "open", body.strip(), max(depth + local, 1)


def opens_quote(text: str) -> str | None:
    return text[:1] if text[:1] in QUOTE_SPECS else None


class Item(NamedTuple):
    """A plain paragraph (a question, or intro) or a quoted answer."""

    plain: Para | None
    answer: list[str] | None  # the answer's paragraphs
    line: int  # where the answer starts


def parse_quoted(paras: list[Para]) -> Result:
    """House style: plain-paragraph questions, answers in quotation marks."""
    warnings: list[str] = []
    texts = [para_text(p) for p in paras]
    # (plain paragraph, None, 0) or (None, answer paragraphs, line of the answer)
    items: list[Item] = []
    open_answer: dict | None = None
    i = 0
    n = len(paras)
    while i < n:
        text, para = texts[i], paras[i]
        if open_answer is None:
            opener = opens_quote(text)
            if opener is None:
                items.append(Item(para, None, 0))
            else:
                status, inner, depth = first_quoted(text, opener)
                if status == "closed":
                    items.append(Item(None, [inner], para[0].no))
                elif status == "open":
                    open_answer = {
                        "opener": opener,
                        "depth": depth,
                        "paras": [inner],
                        "line": para[0].no,
                    }
                else:
                    items.append(Item(para, None, 0))
            i += 1
            continue
        if (
            opens_quote(text) is None
            and ends_question(text)
            and i + 1 < n
            and opens_quote(texts[i + 1]) is not None
        ):
            warnings.append(
                _(
                    "Line %(line)s: an answer opens a quotation mark that never "
                    "closes; it was ended before the question on line %(next)s."
                )
                % {"line": open_answer["line"], "next": para[0].no}
            )
            items.append(Item(None, open_answer["paras"], open_answer["line"]))
            open_answer = None
            continue
        status, inner, depth = continued_quote(
            text, open_answer["opener"], open_answer["depth"]
        )
        open_answer["paras"].append(inner)
        if status == "closed":
            items.append(Item(None, open_answer["paras"], open_answer["line"]))
            open_answer = None
        else:
            open_answer["depth"] = depth
        i += 1
    if open_answer is not None:
        warnings.append(
            _(
                "Line %(line)s: an answer opens a quotation mark that never closes; "
                "everything after it was kept in that answer."
            )
            % {"line": open_answer["line"]}
        )
        items.append(Item(None, open_answer["paras"], open_answer["line"]))

    preamble: list[Para] = []
    segments: list[Segment] = []
    pending: list[Para] = []
    for plain, answer_paras, answer_line in items:
        if plain is not None:
            pending.append(plain)
            continue
        answer = "\n\n".join(p for p in answer_paras or [] if p)
        if pending:
            if not segments:
                preamble, pending = pending[:-1], pending[-1:]
            elif len(pending) > 1:
                warnings.append(
                    _(
                        "Line %(line)s: %(count)s paragraphs between two answers were "
                        "joined into one question."
                    )
                    % {"line": pending[0][0].no, "count": len(pending)}
                )
            question = "\n\n".join(clean_question(para_text(p)) for p in pending)
            segments.append(Segment(question, answer, line=pending[0][0].no))
            pending = []
        elif segments:
            last = segments[-1]
            last.answer = "\n\n".join(t for t in (last.answer, answer) if t)
        else:
            warnings.append(
                _(
                    "Line %(line)s: answer has no question before it; kept with an "
                    "empty question."
                )
                % {"line": answer_line}
            )
            segments.append(Segment("", answer, line=answer_line))
    if pending:
        if segments:
            question = "\n\n".join(clean_question(para_text(p)) for p in pending)
            line = pending[0][0].no
            warnings.append(
                _("Line %(line)s: question has no answer; kept as an empty answer.")
                % {"line": line}
            )
            segments.append(Segment(question, "", line=line))
        else:
            preamble = pending
    return Result(preamble, segments, warnings, prio=QUOTED)
