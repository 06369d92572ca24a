"""The pipeline: text → lines → header, furniture, bios → the best layout →
suggestions."""

from __future__ import annotations

from django.utils.translation import gettext as _

from newsroom.text_input import describe_character, find_control_character, position

from .bios import extract_bios
from .dates import parse_date
from .decode import decode_transcript
from .escapes import split_lines
from .furniture import CHROME_RE, TEASER_RE
from .header import count_labels, looks_like_headline, marked_dek, scan_header
from .layouts import segment
from .lines import para_text, paragraphs, tidy
from .model import (
    MAX_TRANSCRIPT_CHARS,
    Transcript,
    TranscriptError,
)
from .people import find_interviewee, find_interviewer


def parse_transcript(text: str) -> Transcript:
    """Parse a pasted transcript; raise :class:`TranscriptError` if it cannot be
    read as an interview.  ``bytes`` are decoded with :func:`decode_transcript`."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_transcript(bytes(text))
    if not isinstance(text, str):
        raise TypeError("parse_transcript() needs the transcript as a str")
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
    lines = split_lines(text)
    if not any(ln.text for ln in lines):
        raise TranscriptError(_("The transcript is empty."))

    warnings: list[str] = []
    header = scan_header(lines, count_labels(lines), warnings)
    skip = set(header.consumed)
    skip.update(
        ln.no for ln in lines if ln.text and not ln.literal and CHROME_RE.match(ln.text)
    )
    paras = paragraphs(lines, skip)
    bios, paras = extract_bios(paras)
    result = segment(paras)
    warnings.extend(result.warnings)
    for seg in result.segments:
        seg.question, seg.answer = tidy(seg.question), tidy(seg.answer)
    for bio in bios:
        bio.bio = tidy(bio.bio)

    headline, dek, date = header.headline, header.dek, header.date
    preamble = list(result.preamble)
    if not header.explicit and headline is None and header.series is None and preamble:
        first = preamble[0]
        if (
            len(first) == 1
            and not first[0].literal
            and looks_like_headline(first[0].text)
        ):
            headline = first[0].text
            preamble.pop(0)
            while preamble:
                para = preamble[0]
                single = len(para) == 1 and not para[0].literal
                if single and date is None and parse_date(para[0].text):
                    date = parse_date(para[0].text)
                elif single and TEASER_RE.search(para[0].text):
                    pass
                elif dek is None and marked_dek(para) is not None:
                    dek = marked_dek(para)
                else:
                    break
                preamble.pop(0)
    intro = [t for t in (para_text(p) for p in preamble) if t]

    texts = intro + [t for t in (dek, headline) if t]
    interviewer = header.interviewer or find_interviewer(texts)
    interviewee = header.interviewee or find_interviewee(intro + ([dek] if dek else []))
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
        interviewer=interviewer,
        interviewee=interviewee,
    )
