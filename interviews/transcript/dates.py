"""Dates in the forms transcripts write them."""

from __future__ import annotations

import datetime
import re

MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_PREFIX = (
    r"^(?:(?:published|posted|updated)(?:\s+on)?\s*:?\s+)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?"
)
DATE_RES = (
    re.compile(
        DATE_PREFIX
        + r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MONTH
        + r",?\s+(?P<year>[0-9]{4})\.?$",
        re.I,
    ),
    re.compile(
        DATE_PREFIX + MONTH + r"\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>[0-9]{4})\.?$",
        re.I,
    ),
    re.compile(
        DATE_PREFIX + r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})$",
        re.I,
    ),
)
MONTHS = {
    name: number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}


# ---------------------------------------------------------------------- dates


def parse_date(s: str) -> datetime.date | None:
    if len(s) > 60 or not any("0" <= ch <= "9" for ch in s):
        return None
    for pattern in DATE_RES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        month = (
            int(parts["month"])
            if parts.get("month")
            else MONTHS[parts["mon"][:3].lower()]
        )
        try:
            return datetime.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None
