"""Does this look like a person's name?"""

from __future__ import annotations

from functools import lru_cache

PARTICLES = {
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "abd", "de", "del", "della",
    "der", "den", "van", "von", "da", "di", "du", "la", "le", "dos", "das", "y",
}  # fmt: skip
HONORIFICS = {
    "dr.", "mr.", "mrs.", "ms.", "prof.", "gen.", "col.", "capt.", "sen.", "rep.",
    "gov.", "sr.", "jr.", "st.", "lt.", "maj.", "sgt.", "sheikh",
}  # fmt: skip
TITLE_SMALL_WORDS = {
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "with",
    "by", "from", "&", "-", "–", "—",
}  # fmt: skip
NAME_STOPWORDS = {
    "the", "a", "an", "in", "on", "at", "and", "but", "for", "as", "after",
    "before", "when", "while", "last", "this", "that", "these", "those", "yesterday",
    "today", "meanwhile", "according", "then", "so", "also", "now", "here", "there",
    "share", "related", "tags", "print", "q", "question", "answer", "with", "from",
    "since", "during", "however", "earlier", "later", "his", "her", "their", "our",
}  # fmt: skip
QA_WORDS = {
    "q", "a", "question", "answer", "س", "ج", "سؤال", "جواب", "السؤال", "الجواب",
}  # fmt: skip

# ---------------------------------------------------------------------- names


def is_cap_word(w: str) -> bool:
    """A word that can be part of a name: capitalised (or uncased script, such as
    Arabic), a particle like "al", or "al-Assad"."""
    if not w:
        return False
    low = w.casefold()
    if low in PARTICLES or low in HONORIFICS:
        return True
    if "-" in w:
        head, _, tail = w.partition("-")
        if head.casefold() in PARTICLES and tail:
            return is_cap_word(tail)
    first = w[0]
    return first.isalpha() and not first.islower()


def name_chars_ok(w: str) -> bool:
    return all(ch.isalpha() or ch in "’'-." for ch in w)


def looks_like_name(s: str) -> bool:
    """A line holding only a person's name: 2–4 capitalised words."""
    if not s or len(s) > 60 or s[-1] in ".!?:;,":
        return False
    words = s.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() in NAME_STOPWORDS:
        return False
    if words[0].casefold() in PARTICLES:
        return False
    return all(is_cap_word(w) and name_chars_ok(w) for w in words)


@lru_cache(maxsize=4096)
def is_speaker_label(label: str) -> bool:
    label = label.strip()
    if not label or len(label) > 40:
        return False
    words = label.split()
    if len(words) > 4 or any(ch.isdigit() for ch in label):
        return False
    for w in words:
        low = w.casefold()
        if low in PARTICLES or low in HONORIFICS:
            continue
        if not is_cap_word(w) or not name_chars_ok(w):
            return False
        if w.endswith(".") and len(w) > 4 and "." not in w[:-1]:
            return False  # a sentence ending, not an initial or an abbreviation
    return True


def strong_label(label: str) -> bool:
    words = label.split()
    return len(words) >= 2 or (label.isupper() and 2 <= len(label) <= 4)


def initials(label: str) -> str:
    return "".join(w[0] for w in label.split() if w.casefold() not in PARTICLES)
