"""Dates in the forms transcripts write them.

English month names ("3 June 2015", "June 3, 2015", "Tuesday, 14 March 2023",
"Published on 3 Jun. 2015"), numbers ("2015-06-03", "03/06/2015", day first unless
the day cannot be), Arabic month names of both series (حزيران and يونيو), Arabic-Indic
digits, and a Hijri date beside the Gregorian one ("4 Ramadan 1444 AH / 27 March
2023", "٤ رمضان ١٤٤٤ هـ الموافق ٢٧ آذار ٢٠٢٣"), whose Gregorian half is taken.

:func:`parse_date` reads a line that is only a date (with words such as
"Published", a weekday, "AH"); :func:`dateline_date` a date at the start of a
paragraph ("ALEPPO, March 3, 2019 — …", "دمشق – ١٥ آب ٢٠٢٢: …").
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from newsroom.i18n.dates import EGYPTIAN_MONTHS, LEVANTINE_MONTHS

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ALEF = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "\u0640": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}  # harakat
)

ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}
ARABIC_MONTHS = {
    name.translate(ALEF): number
    for names in (LEVANTINE_MONTHS, EGYPTIAN_MONTHS)
    for number, name in enumerate(names, start=1)
}
ARABIC_MONTHS.update(
    {"ابريل": 4, "يونيه": 6, "يوليه": 7, "اغسطس": 8, "كانون ثاني": 1, "تشرين اول": 10}
)
ARABIC_MONTHS.update({"تشرين ثاني": 11, "كانون اول": 12, "ايلول": 9})

_EN_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_AR_MONTH = (
    "(?P<armon>"
    + "|".join(
        re.escape(m).replace(r"\ ", r"\s+")
        for m in sorted(ARABIC_MONTHS, key=len, reverse=True)
    )
    + ")"
)
# "حزيران/يونيو": Arabic media often give both series' names.
_AR_OTHER = (
    r"(?:\s*[/\-]\s*(?:"
    + "|".join(
        re.escape(m).replace(r"\ ", r"\s+")
        for m in sorted(ARABIC_MONTHS, key=len, reverse=True)
    )
    + "))?"
)
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
# Each pattern finds a Gregorian date anywhere in a (digit-folded) string.
_FORMS = (
    re.compile(
        r"(?<![0-9])" + _DAY + r"\s*(?:of\s+)?" + _EN_MONTH + r",?\s+" + _YEAR, re.I
    ),
    re.compile(r"\b" + _EN_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(
        r"(?<![0-9])"
        + _DAY
        + r"\s*(?:من\s+)?(?:شهر\s+)?"
        + _AR_MONTH
        + _AR_OTHER
        + r"\s*،?\s*"
        r"(?:عام\s+|سنة\s+)?" + _YEAR
    ),
    re.compile(
        r"(?<![0-9])(?P<iyear>(?:19|20)[0-9]{2})[-/.](?P<imonth>[0-9]{1,2})"
        r"[-/.](?P<iday>[0-9]{1,2})(?![0-9])"
    ),
    re.compile(
        r"(?<![0-9])(?P<a>[0-9]{1,2})[/.\-](?P<b>[0-9]{1,2})[/.\-]"
        r"(?P<nyear>(?:19|20)[0-9]{2})(?![0-9])"
    ),
)
# What may stand beside a date on a date line.
_FILLER_RE = re.compile(
    r"(?<!\w)(?:published|posted|updated|last|first|on|date|dated|at|\d{1,2}:\d{2}"
    r"|recorded|interviewed|conducted|filed"
    r"|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|eet|eest|est|edt|pst|ast|msk|ah"
    r"|a\.h\.|ce|hijri|local\s+time|time|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
    r"|muharram|safar|rabi|al|awwal|thani|akhir|jumada|ula|rajab|sha'?b[aā]n"
    r"|ramad[aā]n|shawwal|dhu|dhul|qi'?dah|qadah|hijjah|[0-9]{1,4}(?:ه|م)?"
    r"|الموافق|الموافقة|هـ|ه|م|نشر|نشرت|النشر|بتاريخ|في|تاريخ|التاريخ|تحديث|التحديث|اخر"
    r"|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعة|السبت"
    r"|محرم|صفر|ربيع|الاول|الثاني|الاخر|جمادى|الاولى|الاخرة|رجب|شعبان|رمضان"
    r"|شوال|ذو|القعدة|الحجة|ذي)(?!\w)",
    re.I,
)
_REST_RE = re.compile(r"[\w'.]+")


def _fold(s: str) -> str:
    return s.translate(DIGITS).translate(ALEF)


def _date_of(m: re.Match) -> datetime.date | None:
    parts = m.groupdict()
    try:
        if parts.get("iyear"):
            return datetime.date(
                int(parts["iyear"]), int(parts["imonth"]), int(parts["iday"])
            )
        if parts.get("nyear"):
            a, b = int(parts["a"]), int(parts["b"])
            day, month = (a, b) if b <= 12 else (b, a)
            return datetime.date(int(parts["nyear"]), month, day)
        if parts.get("armon"):
            month = ARABIC_MONTHS[" ".join(parts["armon"].split())]
        else:
            month = ENGLISH_MONTHS[parts["mon"][:3].lower()]
        return datetime.date(int(parts["year"]), month, int(parts["day"]))
    except (ValueError, KeyError):
        return None


class Found(NamedTuple):
    start: int  # in the folded text
    end: int
    date: datetime.date


def find_dates(s: str) -> list[Found]:
    """Every Gregorian date in ``s``, in order."""
    folded = _fold(s)
    found: list[Found] = []
    for pattern in _FORMS:
        for m in pattern.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            date = _date_of(m)
            if date is not None:
                found.append(Found(m.start(), m.end(), date))
    return sorted(found)


def parse_date(s: str) -> datetime.date | None:
    """The date of a line that holds only a date (and words that go with one)."""
    if len(s) > 100 or not any(ch.isdigit() for ch in s):
        return None
    dates = find_dates(s)
    if not dates:
        return None
    folded = _fold(s)
    rest = []
    last = 0
    for start, end, _date in dates:
        rest.append(folded[last:start])
        last = end
    rest.append(folded[last:])
    leftover = _FILLER_RE.sub(" ", " ".join(rest))
    if _REST_RE.search(leftover.replace("_", " ")):
        return None
    return dates[-1][2]


_DATELINE_RE = re.compile(r"^[^\n]{0,40}?[,،(–—\-]\s*$")


def dateline_date(s: str) -> datetime.date | None:
    """A date opening a paragraph after a place name: "BEIRUT, June 3, 2015 — …"."""
    dates = find_dates(s[:80])
    if not dates:
        return None
    start, end, date = dates[0]
    before = _fold(s)[:start]
    after = _fold(s)[end : end + 4].lstrip(" )")
    if (before == "" or _DATELINE_RE.match(before)) and after[:1] in (
        "—",
        "–",
        "-",
        ":",
    ):
        return date
    return None
