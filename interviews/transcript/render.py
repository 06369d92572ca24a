"""The export format, which the parser reads back to the same structure."""

from __future__ import annotations

from .escapes import is_special
from .lines import LIST_ITEM_RE
from .model import Transcript, TranscriptError
from .parse import parse_transcript

# ---------------------------------------------------------------------- render


def escape(line: str, headings: bool = True) -> str:
    special = is_special(line.lstrip("\\").strip(), headings=headings)
    return "\\" + line if special else line


def one_line(value: str) -> str:
    return value.replace("\n", " ").strip()


def render_para(text: str, label: str | None = None) -> str:
    lines = text.split("\n")
    out = []
    for k, line in enumerate(lines):
        if k == 0 and label is not None:
            out.append(f"{label} {line}".rstrip())
        else:
            out.append(escape(line))
    return "\n".join(out)


def render_part(text: str, label: str) -> list[str]:
    paras = [p for p in text.split("\n\n") if p.strip()] if text else []
    if not paras:
        return [label]
    return [render_para(paras[0], label)] + [render_para(p) for p in paras[1:]]


def render_transcript(t: Transcript) -> str:
    """The export format: explicit header lines, then ``Q:``/``A:``; reading it
    back with :func:`parse_transcript` gives the same structure."""
    header = []
    if t.series:
        header.append(f"Series: {one_line(t.series)}")
    header.append(f"Headline: {one_line(t.headline or '')}".rstrip())
    if t.dek:
        header.append(f"Dek: {one_line(t.dek)}")
    if t.date:
        header.append(f"Date: {t.date.isoformat()}")
    if t.interviewer:
        header.append(f"Interviewer: {one_line(t.interviewer)}")
    if t.interviewee:
        person = t.interviewee
        fields = [person.name, person.title or "", person.organisation or ""]
        while len(fields) > 1 and not fields[-1]:
            fields.pop()
        header.append("Interviewee: " + " | ".join(one_line(f) for f in fields))
    blocks = ["\n".join(header)]
    blocks.extend(render_para(p) for p in t.intro if p.strip())
    for seg in t.segments:
        q_label = f"Q ({seg.question_speaker}):" if seg.question_speaker else "Q:"
        a_label = f"A ({seg.answer_speaker}):" if seg.answer_speaker else "A:"
        question = render_part(seg.question, q_label)
        answer = render_part(seg.answer, a_label)
        question[-1] = question[-1] + "\n" + answer[0]
        blocks.extend(question + answer[1:])
    text = "\n\n".join(blocks) + "\n"
    if t.bios:
        bio_blocks = ["Bios:"]
        for bio in t.bios:
            paras = [p for p in bio.bio.split("\n\n") if p.strip()]
            first = escape(one_line(bio.name), headings=False)
            if paras:
                lines = paras[0].split("\n")
                if LIST_ITEM_RE.match(lines[0].lstrip("\\")):
                    lines[0] = "\\" + lines[0]  # read as the bio, not a list item
                first += "\n" + "\n".join(escape(line) for line in lines)
            bio_blocks.append(first)
            bio_blocks.extend(render_para(p) for p in paras[1:])
        return text + "\n" + "\n\n".join(bio_blocks) + "\n"
    try:
        if parse_transcript(text).bios:
            # the last answer would read as bios: an empty section says there are none
            text += "\nBios:\n"
    except TranscriptError:
        pass
    return text
