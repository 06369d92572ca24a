"""Template tags for the admin's own pages."""

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db.models import Max, Min
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("admin/date_hierarchy.html")
def date_hierarchy_by_range(cl):
    """The admin's date hierarchy, whose first level lists every year from the
    first date to the last one. Django's reads the whole list for the years that
    have a date (a DISTINCT over 100,000 articles takes longer than the rest of
    the page); the first and last dates come from the index. The months and days
    of a chosen year are Django's."""
    field = cl.date_hierarchy
    drilled = any(f"{field}__{part}" in cl.params for part in ("year", "month", "day"))
    if not field or drilled:
        return date_hierarchy(cl)
    span = cl.queryset.aggregate(first=Min(field), last=Max(field))
    if span["first"] is None:
        return date_hierarchy(cl)
    first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
    if first == last:
        return date_hierarchy(cl)  # one year: Django opens it at its months
    return {
        "show": True,
        "back": None,
        "choices": [
            {
                "link": cl.get_query_string(
                    {f"{field}__year": str(year)}, [f"{field}__"]
                ),
                "title": str(year),
            }
            for year in range(first, last + 1)
        ],
    }
