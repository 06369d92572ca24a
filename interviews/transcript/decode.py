"""Bytes to text: UTF-8, UTF-16 with a BOM, Windows-1256 or Windows-1252."""

from __future__ import annotations

import codecs
import re
from typing import NoReturn

from django.utils.translation import gettext as _

from .model import MAX_TRANSCRIPT_BYTES, TranscriptError

# ---------------------------------------------------------------------- decode


def decode_transcript(data: bytes) -> str:
    """Decode an uploaded transcript: UTF-8 (with or without BOM), UTF-16 with a
    BOM, else Windows-1256 (Arabic) or CP1252, whichever reads more plausibly."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError("decode_transcript() needs bytes")
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            _(
                "The file is too large: %(size)s bytes; the limit is %(limit)s bytes "
                "(about 1 MB). Split the interview into smaller files."
            )
            % {"size": f"{len(data):,}", "limit": f"{MAX_TRANSCRIPT_BYTES:,}"}
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not (
        data.startswith(codecs.BOM_UTF32_LE)
    ):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise_binary()
        check_text(text)
        return text
    if b"\x00" in data:
        raise_binary()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_legacy(data)
    check_text(text)
    return text


def raise_binary() -> NoReturn:
    raise TranscriptError(
        _(
            "This file looks binary, not text (for example a Word document, a PDF or "
            "an image). Save the interview as plain text (.txt) and upload that, or "
            "paste the text instead."
        )
    )


def check_text(text: str) -> None:
    body = text.rstrip("\x1a")  # a DOS end-of-file mark
    controls = sum(
        1
        for ch in body
        if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
    )
    if "\x00" in body or (controls and controls * 50 > len(body)):
        raise_binary()


def is_arabic(ch: str) -> bool:
    return (
        "\u0600" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\ufb50" <= ch <= "\ufdff"
        or "\ufe70" <= ch <= "\ufeff"
    )


def decode_legacy(data: bytes) -> str:
    arabic = data.decode("cp1256")
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return arabic  # bytes CP1252 leaves undefined are Arabic letters in 1256
    arabic_words = mixed = 0
    for word in re.findall(r"[^\W\d_]+", arabic):
        has_arabic = any(is_arabic(ch) for ch in word)
        if not has_arabic:
            continue
        if any(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word):
            mixed += 1
        else:
            arabic_words += 1
    if arabic_words and mixed * 10 <= arabic_words:
        return arabic
    return western
