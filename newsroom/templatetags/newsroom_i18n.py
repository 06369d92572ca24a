"""Dates, numbers and counts in the page's language, and the interface language
around content in another one (newsroom.i18n)."""

from django import template

from newsroom.i18n import dates, interface

register = template.Library()


@register.filter
def local_date(value):
    """ "4 June 2015"; "٤ حزيران ٢٠١٥" on an Arabic page."""
    return dates.day_month_year(value)


@register.filter
def local_datetime(value):
    """ "4 June 2015, 14:05 UTC"; "٤ حزيران ٢٠١٥، ١٤:٠٥ UTC" on an Arabic page."""
    return dates.date_and_time(value)


@register.filter
def iso_datetime(value):
    """ISO 8601 to the second ("2015-06-04T14:05:00+00:00") for ``<time datetime>``,
    meta tags and sitemaps: HTML allows at most three digits of a second."""
    return dates.iso_datetime(value)


@register.filter
def numerals(value):
    """A number with the digits of the page's language (settings)."""
    return dates.numerals(value)


@register.filter
def reading_time(minutes):
    """ "5 min read", in the page's language and digits."""
    return dates.reading_time(minutes)


@register.filter
def interface_language(content_language):
    """The interface language to show around content in ``content_language``."""
    return interface.language_for_content(content_language)


@register.filter
def direction(language):
    return interface.direction(language)
