"""Who asked and who answered, suggested from the intro."""

from __future__ import annotations

import re

from .model import Interviewee
from .names import NAME_STOPWORDS, PARTICLES, is_cap_word, name_chars_ok

INTERVIEWER_CUE_RE = re.compile(
    r"\b(?:(?:explain(?:s|ed)?|speak(?:s)?|spoke|talk(?:s|ed)?|sa(?:ys|id)"
    r"|describe(?:s|d)?|recount(?:s|ed)?|reveal(?:s|ed)?|confirm(?:s|ed)?)"
    r"\s+(?:to|with)|tell(?:s)?|told|interview(?:s|ed)?\s+(?:with|by))\s+",
    re.I,
)

# ----------------------------------------------------------------- suggestions


def find_interviewer(texts: list[str]) -> str | None:
    for text in texts:
        for m in INTERVIEWER_CUE_RE.finditer(text):
            tokens = text[m.end() : m.end() + 200].split()[:10]
            start = 0
            for j, tok in enumerate(tokens[:6]):
                if not is_cap_word(tok):
                    break
                if tok.endswith(("’s", "'s", "’", "'")) and j + 1 < len(tokens):
                    start = j + 1
                    break
            words: list[str] = []
            for tok in tokens[start : start + 4]:
                core = tok.rstrip(",.;:!?)”’\"'")
                if core.endswith(("’s", "'s")):
                    break
                if not core or not is_cap_word(core) or not name_chars_ok(core):
                    break
                words.append(core)
                if core != tok:
                    break
            while words and words[-1].casefold() in PARTICLES:
                words.pop()
            if len(words) >= 2 and words[0].casefold() not in NAME_STOPWORDS:
                return " ".join(words)
    return None


def name_before(text: str, end: int) -> str | None:
    tokens = text[max(0, end - 160) : end].split()
    words: list[str] = []
    for tok in reversed(tokens):
        if len(words) == 4:
            break
        if not is_cap_word(tok) or not name_chars_ok(tok) or tok.endswith("."):
            break
        words.insert(0, tok)
    while words and words[0].casefold() in NAME_STOPWORDS | PARTICLES:
        words.pop(0)
    if len(words) < 2:
        return None
    return " ".join(words)


TITLE_END_RE = re.compile(r"\s+(?:of|for|at)\s+|[,;()|]|\.(?:\s|$)|$")
ORG_END_RE = re.compile(r"[,;()|]|\.(?:\s|$)|$")


def find_interviewee(texts: list[str]) -> Interviewee | None:
    for text in texts:
        for m in re.finditer(r",\s+the\s+", text):
            name = name_before(text, m.start())
            if not name:
                continue
            rest = text[m.end() : m.end() + 300]
            t_end = TITLE_END_RE.search(rest)
            title = rest[: t_end.start()].strip() if t_end else ""
            if not title or len(title.split()) > 6 or not title[0].isalpha():
                continue
            if any(ch.isdigit() for ch in title):
                continue
            organisation = None
            if t_end and t_end.group().strip() in ("of", "for", "at"):
                after = rest[t_end.end() :]
                o_end = ORG_END_RE.search(after)
                org = after[: o_end.start()].strip() if o_end else after.strip()
                words = org.split()
                if words and len(words) <= 12:
                    lead = 0
                    while lead < len(words) and words[lead][0].islower():
                        lead += 1
                    if (
                        0 < lead <= 3
                        and lead < len(words)
                        and not {w.casefold() for w in words[:lead]}
                        & {"of", "for", "at", "in", "on", "and", "the", "to", "with"}
                    ):
                        words = words[lead:]
                    organisation = " ".join(words)
            return Interviewee(name, title, organisation)
    return None
