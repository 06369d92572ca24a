"""Dates and numbers as readers of each language expect them.

English pages write "4 June 2015". Arabic pages write the day, the month's name
and the year, with the month names the newsroom chose (``NEWSROOM_ARABIC_MONTHS``:
the Levant's كانون الثاني، شباط… or Egypt's يناير، فبراير…) and its digits
(``NEWSROOM_ARABIC_DIGITS``: Arabic-Indic ٠١٢٣ or Western 0123). The
machine-readable dates (``<time datetime>``, feeds, structured data) stay ISO 8601.
"""

from django.conf import settings
from django.utils import dateformat, timezone, translation
from django.utils.translation import ngettext

LEVANTINE_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
EGYPTIAN_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
ARABIC_MONTHS = {"levantine": LEVANTINE_MONTHS, "egyptian": EGYPTIAN_MONTHS}
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _is_arabic():
    return (translation.get_language() or "").split("-")[0] == "ar"


def numerals(value):
    """``value`` as text, its digits written as the current language's readers
    expect (Arabic-Indic on Arabic pages when the newsroom chose them)."""
    text = str(value)
    if _is_arabic() and settings.NEWSROOM_ARABIC_DIGITS == "arabic-indic":
        return text.translate(_ARABIC_INDIC)
    return text


def _local(value):
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def iso_datetime(value):
    """``value`` in ISO 8601, to the second, in the site's time zone."""
    if value is None:
        return ""
    return _local(value).replace(microsecond=0).isoformat()


def day_month_year(value):
    """ "4 June 2015"; on Arabic pages "٤ حزيران ٢٠١٥" (or as the settings say)."""
    if value is None:
        return ""
    value = _local(value)
    if _is_arabic():
        month = ARABIC_MONTHS[settings.NEWSROOM_ARABIC_MONTHS][value.month - 1]
        return numerals(f"{value.day} {month} {value.year}")
    return dateformat.format(value, "j F Y")


def date_and_time(value):
    """ "4 June 2015, 14:05 UTC"; on Arabic pages "٤ حزيران ٢٠١٥، ١٤:٠٥ UTC"."""
    if value is None:
        return ""
    value = _local(value)
    comma = "، " if _is_arabic() else ", "
    clock = dateformat.format(value, "H:i e")
    return f"{day_month_year(value)}{comma}{numerals(clock)}"


def reading_time(minutes):
    """ "5 min read", in the current language and its digits."""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {
        "minutes": numerals(minutes)
    }
