"""The pipeline: text → lines → furniture left out → header → bios → the best
layout → headline, date and people → a :class:`Transcript`.

Only text that cannot be read is refused (empty, binary, over the limit, a
control character); anything else gives the best draft the layouts can make,
with a warning for what was uncertain."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.text_input import describe_character, find_control_character, position

from .bios import extract_bios
from .dates import dateline_date, parse_date
from .decode import decode_transcript
from .escapes import split_lines
from .furniture import (
    KIND_LABELS,
    credited_interviewer,
    strip_furniture,
    strip_timestamps,
)
from .header import (
    clean_headline,
    count_labels,
    looks_like_headline,
    marked_dek,
    scan_header,
)
from .layouts import segment
from .lines import Line, Para, para_text, paragraphs, tidy
from .model import (
    MAX_TRANSCRIPT_CHARS,
    Heading,
    LeftOut,
    Transcript,
    TranscriptError,
)
from .people import suggest_people

SHOWN = 60  # characters of a left-out line quoted in its warning


def parse_transcript(text: str) -> Transcript:
    """Parse a pasted transcript; raise :class:`TranscriptError` only for a text
    that cannot be read.  ``bytes`` are decoded with :func:`decode_transcript`."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_transcript(bytes(text))
    if not isinstance(text, str):
        raise TypeError("parse_transcript() needs the transcript as a str")
    text = _check(text)
    lines = split_lines(text)
    if not any(ln.text for ln in lines):
        raise TranscriptError(_("The transcript is empty."))

    warnings: list[str] = []
    stamps = strip_timestamps(lines)
    if stamps:
        warnings.append(
            ngettext(
                "The recording timestamp opening %(count)s line was left out.",
                "The recording timestamps opening %(count)s lines were left out.",
                stamps,
            )
            % {"count": stamps}
        )
    left_out = strip_furniture(lines)
    header = scan_header(lines, count_labels(lines), warnings)
    left_out += header.left_out
    paras = paragraphs(lines, set(header.consumed))
    bios, paras = extract_bios(paras)
    exported = _export_format(lines) and header.headline_given
    result = segment(paras, labels_only=exported)
    for seg in result.segments:
        seg.question, seg.answer = tidy(seg.question), tidy(seg.answer)
    for bio in bios:
        bio.bio = tidy(bio.bio)

    headline, dek, date = header.headline, header.dek, header.date
    preamble = list(result.preamble)
    if not header.explicit and headline is None:
        headline, dek, date = _header_in(preamble, dek, date)
    kept, date = _intro(preamble, date, left_out)
    intro = [para_text(p) for p in kept]
    if date is None and intro:
        date = dateline_date(intro[0])

    people = suggest_people(
        intro=intro,
        dek=dek,
        byline=header.byline or credited_interviewer(left_out),
        segments=result.segments,
    )
    left_out.sort(key=lambda item: item.line)
    warnings += [_left_out_warning(item) for item in left_out]
    warnings.extend(result.warnings)
    if date is None and not header.bad_date:
        warnings.append(
            _(
                "No date line was found; set the publication date by hand (or add a "
                "line like '3 June 2015' under the headline)."
            )
        )
    return Transcript(
        headline=headline,
        dek=dek,
        series=header.series,
        date=date,
        intro=intro,
        segments=result.segments,
        bios=bios,
        warnings=warnings,
        interviewer=header.interviewer or people.interviewer,
        interviewee=header.interviewee or people.interviewee,
        left_out=left_out,
        headings=[Heading(before, text) for before, text in result.headings],
        intro_lines=[p[0].no for p in kept],
    )


def _export_format(lines: list[Line]) -> bool:
    """Does the text open like the export format (render.py): "Headline:", after
    "Series:" if any? It marks every question and answer with a label, so no
    other layout is guessed in it."""
    top = [ln.text for ln in lines if ln.text][:2]
    if top and top[0].startswith("Headline:"):
        return True
    return (
        len(top) == 2
        and top[0].startswith("Series:")
        and top[1].startswith("Headline:")
    )


def _header_in(preamble: list[Para], dek: str | None, date):
    """A headline the header scan did not take (after furniture, say): the first
    paragraph of the preamble, with a date and a marked dek under it. Takes them
    out of ``preamble``; returns (headline, dek, date)."""
    first = preamble[0] if preamble else None
    if not first or len(first) != 1 or first[0].literal:
        return None, dek, date
    if not looks_like_headline(first[0].text):
        return None, dek, date
    headline = clean_headline(first[0].text)
    preamble.pop(0)
    while preamble:
        para = preamble[0]
        single = len(para) == 1 and not para[0].literal
        if single and date is None and parse_date(para[0].text):
            date = parse_date(para[0].text)
        elif dek is None and marked_dek(para) is not None:
            dek = marked_dek(para)
        else:
            break
        preamble.pop(0)
    return headline, dek, date


def _intro(preamble: list[Para], date, left_out: list[LeftOut]):
    """The intro's paragraphs, and the date: date lines the header did not reach
    ("Updated: …" under a dek) are not intro; the first is the date if there is
    none yet, the others are left out."""
    kept = []
    for para in preamble:
        found = parse_date(para[0].text) if len(para) == 1 else None
        if found is None or para[0].literal or len(kept) > 2:
            kept.append(para)
        elif date is None:
            date = found
        else:
            left_out.append(LeftOut(para[0].no, para[0].text, "date"))
    return [p for p in kept if para_text(p)], date


def _left_out_warning(item: LeftOut) -> str:
    shown = item.text if len(item.text) <= SHOWN else item.text[: SHOWN - 1] + "…"
    return _("Line %(line)s: “%(text)s” was left out (%(kind)s).") % {
        "line": item.line,
        "text": shown,
        "kind": KIND_LABELS.get(item.kind, item.kind),
    }


def _check(text: str) -> str:
    """The text, if it can be stored: not over the limit, no control character."""
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise TranscriptError(
            _(
                "The transcript is too long: %(length)s characters; the limit is "
                "%(limit)s. Split it into smaller parts."
            )
            % {"length": f"{len(text):,}", "limit": f"{MAX_TRANSCRIPT_CHARS:,}"}
        )
    # A DOS end-of-file mark, page and line feeds from word processors are layout;
    # any other control character (a NUL, an escape) is refused where it is.
    text = text.rstrip("\x1a").replace("\f", "\n").replace("\v", "\n")
    index = find_control_character(text)
    if index is not None:
        raise TranscriptError(
            _(
                "Remove the invisible character %(char)s at %(where)s: control "
                "characters cannot be stored."
            )
            % {
                "char": describe_character(text[index]),
                "where": position(text, index, with_line=True),
            }
        )
    return text
