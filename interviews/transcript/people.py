"""Who asked and who answered, suggested from the intro, the byline and the
speaker labels: in "Karim Mansour spoke to Abu Khaled, a baker" the one who speaks
to someone asks; in "Rania Odeh, the head teacher, told Salma Yousef" the one told
asks; in Arabic "تحدث كريم منصور إلى أبو خالد" and "قال بسام الحلبي … لعمر صالح"
likewise. The editor confirms them in the preview."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Interviewee, Segment
from .names import HONORIFICS, NAME_STOPWORDS, PARTICLES, is_cap_word, name_chars_ok

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


# The one before the verb asks, the one after answers ("X spoke to Y"), unless
# the one after is the outlet's ("… spoke to The Newsroom's Y").
ASKS_RE = re.compile(
    r"\b(?:spoke|speaks|talked|talks|sat\s+down|caught\s+up|went\s+out|met"
    r"|meets|interviewed|interviews|asked|asks|visited|visits|questioned)"
    r"(?:\s+(?:to|with))?\s+"
)
# Verbs whose object answers even when the subject is not named ("We asked X").
ASKED_RE = re.compile(
    r"(?:met|meets|interviewed|interviews|asked|asks|visited|visits|questioned)\b"
)
# The one after the verb asks ("X told Y", "X explained to Y").
TOLD_RE = re.compile(
    r"\b(?:told|tells|tell|explained\s+to|explains\s+to|said\s+to|says\s+to"
    r"|described\s+to|describes\s+to|recounted\s+to|recounts\s+to)\s+"
)
LEADING_TITLES = {
    "dr", "dr.", "doctor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "writer",
    "author", "poet", "mayor", "general", "commander", "engineer", "professor",
    "prof.", "sheikh", "father", "imam", "judge", "minister", "colonel", "captain",
}  # fmt: skip
PREPOSITIONS = {"in", "of", "at", "from", "to", "near", "on", "into", "across", "for"}
NAME_TOKEN_RE = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'\-]*|al-[A-Z][\w’'\-]*|(?:al|el|bin|ibn|abu|abd|de|van"
    r"|von)\b)(?:\s+(?:[A-Z][\w’'\-]*|al-[A-Z][\w’'\-]*|al|el|bin|ibn|abu|abd|de|van"
    r"|von)\b){1,3}"
)
# Arabic: the verb, then the one who asks, then إلى/مع the one who answers.
AR_ASKS_RE = re.compile(
    r"(?:^|\s)(?:و)?(?:تحدث|تحدثت|التقى|التقت|حاور|حاورت|سأل|سألت|زار|زارت)\s+"
)
AR_TOLD_RE = re.compile(
    r"(?:^|\s)(?:و)?(?:قال|قالت|أوضح|أوضحت|أكد|أكدت|روى|روت|شرح|شرحت)\s+"
)
AR_STOP = {
    "عن", "في", "حول", "بعد", "قبل", "وهو", "وهي", "الذي", "التي", "من", "على",
    "إلى", "الى", "مع", "أن", "إن", "عما", "خلال", "منذ", "حين", "عندما", "كيف",
    "لماذا", "ما", "وسأله", "وسألها", "بعدما", "ل",
}  # fmt: skip
AR_TITLES = {
    "المهندس", "المهندسة", "الطبيب", "الطبيبة", "الدكتور", "الدكتورة", "السيد",
    "السيدة", "الشيخ", "الكاتب", "الكاتبة", "الأستاذ", "الأستاذة", "المعلم",
    "المعلمة", "مراسلنا", "مراسلتنا", "الصحفي", "الصحفية",
}  # fmt: skip
AR_OUTLETS = {"صحيفة", "موقع", "مجلة", "إذاعة", "قناة", "وكالة", "جريدة", "راديو"}
ARABIC_WORD_RE = re.compile(r"[\u0621-\u065f\u0670-\u06d3]+")


TITLE_AFTER_RE = re.compile(
    r",\s+an?\s+([a-z][\w\- ]{1,60}?)"
    r"(?=\s+(?:in|on|at|of|from|near|who|with)\b|[,.;]|$)"
)


@dataclass(frozen=True)
class People:
    interviewer: str | None
    interviewee: Interviewee | None


def suggest_people(
    *, intro: list[str], dek: str | None, byline: str | None, segments: list[Segment]
) -> People:
    texts = intro + ([dek] if dek else [])
    asker, answerer = _from_verbs(texts)
    titled = find_interviewee(texts)
    interviewee = None
    if titled is not None and titled.name != asker:
        interviewee = titled
    elif answerer:
        interviewee = Interviewee(answerer, _title_after(texts, answerer), None)
    interviewer = asker or _byline_name(byline) or find_interviewer(texts)
    speakers = _speaker_names(segments)
    interviewer = interviewer or speakers[0]
    if interviewee is None and speakers[1]:
        interviewee = Interviewee(speakers[1], None, None)
    if interviewee is None:
        other = _first_person(texts, exclude=interviewer)
        if other:
            interviewee = Interviewee(other, _title_after(texts, other), None)
    if interviewer is None and interviewee is not None:
        interviewer = _first_person(texts, exclude=interviewee.name, after=True)
    return People(interviewer, interviewee)


def _from_verbs(texts: list[str]) -> tuple[str | None, str | None]:
    for text in texts:
        for m in ASKS_RE.finditer(text):
            after = _name_at(text, m.end())
            before = _name_ending(text, m.start())
            if after and after[1]:  # "… spoke to The Newsroom's Y"
                return after[0], before
            if before:
                return before, after[0] if after else None
            if after and ASKED_RE.match(m.group()):
                return None, after[0]  # "We asked Nabil Haddad…": he answers
            if after:
                return after[0], None  # "He spoke to Hiba Saad": she asks
        for m in TOLD_RE.finditer(text):
            after = _name_at(text, m.end())
            if after:
                return after[0], _name_ending(text, m.start())
        found = _arabic(text)
        if found != (None, None):
            return found
    return None, None


def _name_at(text: str, start: int) -> tuple[str, bool] | None:
    """The name starting at ``start`` (after an outlet's possessive, if any), and
    whether there was one."""
    rest = text[start : start + 160]
    possessive = False
    m = re.match(r"(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*[’']s\s+", rest)
    if m:
        rest, possessive = rest[m.end() :], True
    m = NAME_TOKEN_RE.match(rest)
    if not m:
        return None
    name = _trim(m.group())
    return (name, possessive) if name else None


def _name_ending(text: str, end: int) -> str | None:
    head = text[max(0, end - 120) : end].rstrip()
    if not head or head[-1] in ",;:)":
        return None
    names = list(NAME_TOKEN_RE.finditer(head))
    if not names or names[-1].end() != len(head):
        return None
    m = names[-1]
    before = head[: m.start()].split()
    if before and before[-1].casefold() == "the":
        return None  # "The Valley Gazette spoke to…": an outlet, not a person
    return _trim(m.group())


def _trim(name: str) -> str | None:
    words = name.split()
    while words and words[0].casefold().strip(".") + "." in HONORIFICS | {"dr."}:
        words.pop(0)
    while words and words[0].casefold() in LEADING_TITLES:
        words.pop(0)
    while words and (
        words[0].casefold() in NAME_STOPWORDS or words[0].casefold() == "the"
    ):
        words.pop(0)
    while words and words[-1].casefold() in PARTICLES:
        words.pop()
    if len(words) < 2 and not (words and words[0].casefold() in ("abu", "umm")):
        return None
    return " ".join(words)


def _first_person(texts: list[str], exclude: str | None, after: bool = False):
    """The first name in the intro not after a preposition ("in Tell Abyad")."""
    for text in texts:
        for m in NAME_TOKEN_RE.finditer(text):
            before = text[: m.start()].split()
            if before and before[-1].casefold().strip(",") in PREPOSITIONS:
                continue
            if before and before[-1].casefold() == "the":
                continue
            name = _trim(m.group())
            if name and name != exclude and (not exclude or name not in exclude):
                return name
        arabic = _arabic_names(text)
        for name in arabic:
            if name != exclude:
                return name
    return None


def _title_after(texts: list[str], name: str) -> str | None:
    """ "baker" in "Abu Khaled, a baker in the Hanano district"."""
    for text in texts:
        at = text.find(name + ", a")
        if at < 0:
            continue
        m = TITLE_AFTER_RE.match(text, at + len(name))
        if m and len(m.group(1).split()) <= 5:
            return m.group(1)
    return None


def _byline_name(byline: str | None) -> str | None:
    if not byline:
        return None
    first = re.split(r"\s+(?:and|&)\s+|,|\s+و", byline)[0].strip()
    return first or None


def _speaker_names(segments: list[Segment]) -> tuple[str | None, str | None]:
    """The labels of the one who asks and the one who answers, when they are
    people's full names (not "Interviewer", an outlet or initials)."""
    found: list[str | None] = [None, None]
    for seg in segments:
        for k, label in enumerate((seg.question_speaker, seg.answer_speaker)):
            if found[k] is None and label and len(label.split()) >= 2:
                if not label.isupper():
                    found[k] = _trim(label) or label
    return found[0], found[1]


def _arabic_name(words: list[str]) -> str | None:
    # titles and descriptions go first: "المهندسة رنا", "بالصياد يوسف درويش"
    while words and (
        words[0] in AR_TITLES or words[0].startswith(("ال", "بال", "لل", "وال"))
    ):
        words = words[1:]
    taken: list[str] = []
    for w in words[:4]:
        if w in AR_STOP or not ARABIC_WORD_RE.fullmatch(w):
            break
        taken.append(w)
        if len(taken) == 2 and taken[0] not in ("أبو", "أم", "عبد", "ابو"):
            break
        if len(taken) == 3:
            break
    if len(taken) < 2 or taken[0] in AR_OUTLETS:
        return None
    return " ".join(taken)


def _arabic_words(text: str) -> list[str]:
    return re.findall(r"[\u0621-\u065f\u0670-\u06d3]+|[،,.:؛]", text)


def _arabic(text: str) -> tuple[str | None, str | None]:
    m = AR_ASKS_RE.search(text)
    if m:
        words = _arabic_words(text[m.end() : m.end() + 200])
        asker = _arabic_name(words)
        if asker is None and words and words[0] in AR_OUTLETS:
            asker_len = 2
        else:
            asker_len = len(asker.split()) if asker else 0
        rest = words[asker_len:]
        answerer = None
        if rest and rest[0] in ("إلى", "الى", "مع"):
            answerer = _arabic_name(rest[1:])
        elif rest and asker:
            answerer = _arabic_name(rest)
        if asker or answerer:
            return asker, answerer
    m = AR_TOLD_RE.search(text)
    if m:
        segment = text[m.end() : m.end() + 300]
        teller = _arabic_name(_arabic_words(segment))
        told = re.search(r"(?:^|\s)ل(?=[\u0621-\u064a])", segment)
        asker = _arabic_name(_arabic_words(segment[told.end() :])) if told else None
        if teller or asker:
            return asker, teller
    return None, None


def _arabic_names(text: str) -> list[str]:
    words = _arabic_words(text)
    found = []
    for k in range(len(words)):
        name = _arabic_name(words[k : k + 4])
        if name and (k == 0 or words[k - 1] in "،,.:؛"):
            found.append(name)
    return found
