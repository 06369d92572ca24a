"""Speaker labels: "Press TV: …", "Dawson: …", "RR: …"."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from django.utils.translation import gettext as _

from ..lines import Line, Para, add_line, label_key
from ..model import Segment
from ..names import QA_WORDS, initials, is_speaker_label, strong_label
from .common import SPEAKERS, WEAK_SPEAKERS, Result, Turn, new_turn, turn_text

SPEAKER_RE = re.compile(
    r"^(?P<open>\*\*|__)?(?P<label>[^:*_\n]{1,40})(?P<close>\*\*|__)?\s*:"
    r"(?P<close2>\*\*|__)?(?:\s+(?P<rest>.*)|$)"
)

ROLE_LABELS = {
    label_key(label)
    for label in (
        "Interviewer", "Interviewee", "Guest", "Host", "Journalist", "Reporter",
        "المحاور", "المحاورة", "الضيف", "الضيفة", "الصحفي", "الصحفية", "المذيع",
    )
}  # fmt: skip
# "Ahmad Khalil (spokesman):": the role in brackets is not part of the name.
ROLE_NOTE_RE = re.compile(r"\s*\([^()]{1,40}\)$")


class Hit(NamedTuple):
    """A line opening with a speaker label."""

    para: int  # index of the paragraph
    index: int  # of the line in the paragraph
    line: Line
    label: str
    rest: str
    key: str  # the label folded, to compare


def speaker_hit(ln: Line) -> tuple[str, str] | None:
    if ln.literal:
        return None
    m = SPEAKER_RE.match(ln.text)
    if not m:
        return None
    opener, close, close2 = m["open"], m["close"], m["close2"]
    if opener:
        if (close or close2) != opener or (close and close2):
            return None
    elif close or close2:
        return None
    label = ROLE_NOTE_RE.sub("", " ".join(m["label"].split()))
    if not is_speaker_label(label):
        return None
    return label, (m["rest"] or "").strip()


def parse_speakers(paras: list[Para]) -> Result | None:
    """Speaker labels: "Press TV: …", "Dawson: …", "RR: …"."""
    hits: list[Hit] = []
    for pi, para in enumerate(paras):
        for li, ln in enumerate(para):
            hit = speaker_hit(ln)
            if hit:
                hits.append(Hit(pi, li, ln, hit[0], hit[1], label_key(hit[0])))
    if not hits:
        return None
    counts = Counter(h.key for h in hits)
    # A label that recurs names a speaker; so does a role ("Interviewer:") at once.
    repeated = {k for k, c in counts.items() if c >= 2 or k in ROLE_LABELS}
    warnings: list[str] = []
    accepted: dict[tuple[int, int], tuple[str, str, str]] = {}
    # display form of each key: the most common spelling
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for h in hits:
        spellings[h.key][h.label] += 1
    display = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
    first_seen: dict[str, int] = {}
    for h in hits:
        first_seen.setdefault(h.label, h.line.no)
    if repeated:
        strong = True
        rep_display = sorted(display[k] for k in repeated)
        first = next(
            i
            for i, h in enumerate(hits)
            if h.key in repeated or alias_for(h.label, rep_display) is not None
        )
        for pi, li, ln, label, rest, key in hits[first:]:
            if key in repeated:
                accepted[(pi, li)] = (key, label, rest)
                continue
            target = alias_for(label, rep_display)
            if target is not None:
                if len(label.split()) > len(target.split()):
                    # the fullest form names the speaker: "LH", "Khalil" → the
                    # "Lina Haddad", "Ahmad Khalil" of the first exchange
                    display[label_key(target)] = label
                warnings.append(
                    _(
                        "Line %(line)s: speaker label “%(label)s” differs from "
                        "“%(other)s” used elsewhere; treated as the same speaker."
                    )
                    % {"line": ln.no, "label": label, "other": target}
                )
                accepted[(pi, li)] = (label_key(target), label, rest)
            elif strong_label(label):
                warnings.append(
                    _(
                        "Line %(line)s: speaker label “%(label)s” appears only once; "
                        "check that it is spelled like the other labels."
                    )
                    % {"line": ln.no, "label": label}
                )
                accepted[(pi, li)] = (key, label, rest)
            else:
                warnings.append(
                    _(
                        "Line %(line)s: “%(label)s:” looks like a speaker label but "
                        "appears only once; it was kept as part of the text."
                    )
                    % {"line": ln.no, "label": label}
                )
    else:
        if len(counts) < 2:
            return None
        strong = False
        for pi, li, _ln, label, rest, key in hits:
            accepted[(pi, li)] = (key, label, rest)
    for key, forms in spellings.items():
        if key in repeated and len(forms) > 1:
            for form in forms:
                if form != display[key]:
                    warnings.append(
                        _(
                            "Line %(line)s: speaker label “%(label)s” is written "
                            "“%(other)s” elsewhere; treated as the same speaker."
                        )
                        % {
                            "line": first_seen[form],
                            "label": form,
                            "other": display[key],
                        }
                    )
    rep_labels = sorted(display[k] for k in repeated)
    merged: dict[str, str] = {}
    for short in rep_labels:
        for long in rep_labels:
            if short != long and short.isupper() and initials(long) == short:
                warnings.append(
                    _(
                        "Line %(line)s: speaker label “%(short)s” is read as the "
                        "initials of “%(long)s”."
                    )
                    % {"line": first_seen[short], "short": short, "long": long}
                )
                merged[label_key(short)] = label_key(long)
    for spot, (key, label, rest) in list(accepted.items()):
        if key in merged:
            accepted[spot] = (merged[key], label, rest)

    preamble: list[Para] = []
    turns: list[Turn] = []
    for pi, para in enumerate(paras):
        new_para = True
        for li, ln in enumerate(para):
            acc = accepted.get((pi, li))
            if acc is None:
                target = turns[-1].paras if turns else preamble
                add_line(target, ln, new_para)
            else:
                key, label, rest = acc
                speaker = display.get(key, label)
                turns.append(new_turn(ln.no, rest, speaker=speaker, key=key))
            new_para = False

    asker = turns[0].key
    segments: list[Segment] = []
    q: Turn | None = None
    a: Turn | None = None

    def name(turn: Turn | None) -> str | None:
        if turn is None or turn.speaker is None:
            return None
        # "Q", "Interviewer", "Guest" say who speaks, not who it is
        if turn.speaker.casefold() in QA_WORDS or turn.key in ROLE_LABELS:
            return None
        return turn.speaker

    def finish(next_question: int | None = None) -> None:
        if q is None:
            return
        answer = turn_text(a)
        if not answer:
            if next_question is not None and a is None:
                warning = _(
                    "Line %(line)s: question has no answer (the next question starts "
                    "on line %(next)s); kept as an empty answer."
                )
            else:
                warning = _(
                    "Line %(line)s: question has no answer; kept as an empty answer."
                )
            warnings.append(warning % {"line": q.line, "next": next_question})
        segments.append(Segment(turn_text(q), answer, name(q), name(a), line=q.line))

    for turn in turns:
        if turn.key == asker:
            finish(turn.line)
            q, a = turn, None
        elif a is None:
            a = turn
        elif a.key == turn.key:
            a.paras.extend(turn.paras)
        else:
            finish()
            warnings.append(
                _(
                    "Line %(line)s: %(speaker)s answers after %(other)s without a new "
                    "question; kept as a separate answer with an empty question."
                )
                % {"line": turn.line, "speaker": turn.speaker, "other": a.speaker}
            )
            q, a = Turn(turn.line, [], speaker=None), turn
    finish()
    return Result(
        preamble, segments, warnings, prio=SPEAKERS if strong else WEAK_SPEAKERS
    )


def alias_for(label: str, repeated: list[str]) -> str | None:
    """A repeated label this one-off label is a variant of ("Dr Dawson" →
    "Dawson", "Robert Rowe" → "RR"). When several fit ("Salma Youssef" and the
    labels "Salma" and "Youssef"), the one matching the earliest word wins."""
    order = [w.casefold().strip(".") for w in label.split()]
    words = set(order)
    found: list[tuple[int, str]] = []
    for other in sorted(repeated):
        other_order = [w.casefold().strip(".") for w in other.split()]
        other_words = set(other_order)
        if other_words <= words:
            found.append((order.index(other_order[0]), other))
        elif words <= other_words:
            found.append((other_order.index(order[0]), other))
        elif other.isupper() and initials(label) == other:
            found.append((0, other))
        elif label.isupper() and initials(other) == label:
            found.append((0, other))
    return min(found)[1] if found else None
