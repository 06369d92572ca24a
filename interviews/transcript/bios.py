"""Contributor bios: after a "Bios:" line, or a trailing block of them."""

from __future__ import annotations

import re

from .lines import LIST_ITEM_RE, SENTENCE_BREAK_RE, Line, Para, para_text
from .marks import qa_label
from .model import Bio
from .names import looks_like_name

BIOS_MARKER_RE = re.compile(
    r"^(?:bios?|contributors|about\s+the\s+(?:contributors|authors?|writers?"
    r"|interviewers?|translators?|reporters?)|عن\s+الكاتب(?:ة)?|نبذة\s+عن\s+الكاتب"
    r"|عن\s+المحاور(?:ة)?)\s*:?$",
    re.I,
)

BIO_VERB_RE = re.compile(
    r"(?:,[^,]{1,80},)?\s+(?:is|was|has|had|works|worked|joined|covers|covered"
    r"|reports|reported|writes|wrote|studied|studies|holds|held|graduated|lives|lived"
    r"|serves|served|teaches|taught|leads|led|founded|spent|became|began|received"
    r"|earned|translates|translated|edits|edited)\b"
)
ROLE_RE = re.compile(
    r"\b(?:reporter|journalist|translator|editor|correspondent|fellow|writer"
    r"|photographer|photojournalist|researcher|producer|analyst|contributor|author"
    r"|columnist|freelancer|freelance|intern|student|graduate|filmmaker|scholar"
    r"|professor|lecturer|blogger|interpreter|videographer|broadcaster|presenter"
    r"|based in|lives in|covers|studied|graduated|joined|works|worked|served as)s?\b",
    re.I,
)
BIO_NAME_RE = re.compile(
    r"^(?P<name>[^\s,]{1,40}(?:\s+[^\s,]{1,40}){1,3})(?:,[^,]{1,80},)?"
    r"\s+(?:is|was)\s+(?:a|an|the)\s"
)


# ------------------------------------------------------------------------ bios


def bio_subject_len(text: str, name: str) -> int | None:
    words = name.split()
    for candidate in (name, words[0], words[-1], "He", "She", "They"):
        if text.startswith(candidate) and (
            len(text) == len(candidate) or not text[len(candidate)].isalnum()
        ):
            return len(candidate)
    return None


def is_bio_for(text: str, name: str) -> bool:
    n = bio_subject_len(text, name)
    if n is None:
        return False
    return bool(BIO_VERB_RE.match(text, n)) and bool(ROLE_RE.search(text[:400]))


def bio_full_name(text: str) -> str | None:
    """The name in "Layla Haddad is a reporter based in…" (no name line)."""
    m = BIO_NAME_RE.match(text)
    if not m:
        return None
    name = m["name"]
    if not looks_like_name(name):
        return None
    sentence = SENTENCE_BREAK_RE.split(text, maxsplit=1)[0]
    if not ROLE_RE.search(sentence):
        return None
    return name


def continues_bio(text: str, name: str) -> bool:
    if bio_subject_len(text, name) is not None:
        return True
    return text.startswith(("His ", "Her ", "Their "))


def extract_bios(paras: list[Para]) -> tuple[list[Bio], list[Para]]:
    """Bios after an explicit "Bios:" line, or a trailing block of bios."""
    for idx, para in enumerate(paras):
        first = para[0]
        if not first.literal and BIOS_MARKER_RE.match(first.text):
            section = ([para[1:]] if len(para) > 1 else []) + paras[idx + 1 :]
            return parse_bios_section(section), paras[:idx]
    return extract_tail_bios(paras)


def parse_bios_section(paras: list[Para]) -> list[Bio]:
    bios: list[Bio] = []
    current: list = []  # [name, [paragraph texts], line]
    pending: tuple[str, int] | None = None
    for idx, para in enumerate(paras):
        text = para_text(para)
        if pending is not None:
            # a name line on its own: the next paragraph is that person's bio
            current = [pending[0], [text], pending[1]]
            pending = None
            continue
        if len(para) >= 2:
            # "Name" then the bio on the next line; the export escapes a bio that
            # starts like a list item with a backslash
            second = para[1]
            escaped = is_escaped_list_item(second.text)
            if escaped or not LIST_ITEM_RE.match(second.text):
                if current:
                    bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
                body = [Line(second.no, second.text[1:] if escaped else second.text)]
                current = [para[0].text, [para_text(body + para[2:])], para[0].no]
                continue
        nxt = para_text(paras[idx + 1]) if idx + 1 < len(paras) else ""
        named = bio_full_name(text) if len(para) == 1 else None
        if named and not looks_like_name(text):
            # "Nour Khatib is a journalist…": the bio names its subject
            if current:
                bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
            current = [named, [text], para[0].no]
            continue
        if not current or (
            looks_like_name(text) and nxt and bio_subject_len(nxt, text) is not None
        ):
            if current:
                bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
                current = []
            pending = (text.replace("\n", " "), para[0].no)
        else:
            current[1].append(text)
    if current:
        bios.append(Bio(current[0], "\n\n".join(current[1]), current[2]))
    if pending is not None:
        bios.append(Bio(pending[0], "", pending[1]))
    return bios


def is_escaped_list_item(text: str) -> bool:
    return text.startswith("\\") and bool(LIST_ITEM_RE.match(text.lstrip("\\")))


def extract_tail_bios(paras: list[Para]) -> tuple[list[Bio], list[Para]]:
    bios: list[Bio] = []
    pending: list[str] = []  # continuation paragraphs, in order
    i = len(paras) - 1
    stop = max(-1, len(paras) - 41)
    while i > stop:
        para = paras[i]
        if any(not ln.literal and qa_label(ln.text) for ln in para):
            break
        text = para_text(para)
        found: tuple[str, str, int] | None = None
        used = 1
        if (
            len(para) >= 2
            and not para[0].literal
            and looks_like_name(para[0].text)
            and is_bio_for(para_text(para[1:]), para[0].text)
        ):
            found = (para[0].text, para_text(para[1:]), para[0].no)
        elif (
            i >= 1
            and len(paras[i - 1]) == 1
            and not paras[i - 1][0].literal
            and looks_like_name(paras[i - 1][0].text)
            and is_bio_for(text, paras[i - 1][0].text)
        ):
            found = (paras[i - 1][0].text, text, paras[i - 1][0].no)
            used = 2
        else:
            name = bio_full_name(text)
            if name:
                found = (name, text, para[0].no)
        if found is None:
            if text.startswith(("He ", "She ", "They ", "His ", "Her ", "Their ")):
                pending.insert(0, text)
                i -= 1
                continue
            break
        name, bio, line = found
        if pending and not all(continues_bio(p, name) for p in pending):
            break
        bios.insert(0, Bio(name, "\n\n".join([bio, *pending]), line))
        pending = []
        i -= used
    return bios, paras[: i + 1 + len(pending)]
