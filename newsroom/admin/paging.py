"""Positioned inlines shown a page of rows at a time.

An interview of thousands of questions (an imported archive, a day-long hearing)
would make a change form of tens of thousands of fields: more than a browser
handles well, and more than Django reads in one request
(``DATA_UPLOAD_MAX_NUMBER_FIELDS``). Past ``per_page`` rows, the inline shows one
page of them (``?<param>=N`` in the address, kept when the form is saved);
saving a page renumbers its rows after those of the pages before it, and moves
the rows of the pages after it when the page gained or lost rows, so the order
of the whole stays exact.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Max

from newsroom.admin.parts import PositionedInlineFormSet


@dataclass
class RowPage:
    number: int
    count: int  # rows in all pages
    per_page: int
    pks: list  # this page's rows
    links: list  # (label, address, is this page) of every page

    @property
    def offset(self):
        return (self.number - 1) * self.per_page

    @property
    def first(self):
        return self.offset + 1

    @property
    def last(self):
        return self.offset + len(self.pks)


class PagedInlineFormSet(PositionedInlineFormSet):
    """Positions of one page's rows, counted after the pages before it."""

    page = None

    def clean(self):
        super().clean()
        if self.page is not None:
            for form in self._kept_forms():
                form.instance.position += self.page.offset

    def save(self, commit=True):
        saved = super().save(commit=commit)
        if commit and self.page is not None:
            kept = sum(1 for _ in self._kept_forms())
            moved = kept - len(self.page.pks)
            if moved:
                # The rows of the later pages, after this page's new rows.
                rows = self.get_queryset().model._default_manager.filter(
                    **{self.fk.name: self.instance}
                )
                rows.filter(position__gt=self.page.offset + len(self.page.pks)).exclude(
                    pk__in=[form.instance.pk for form in self._kept_forms()]
                ).update(position=F("position") + moved)
        return saved


class PagedInlineMixin:
    """For a positioned inline (after PositionedInlineMixin): set ``per_page``
    and ``page_param``; the template shows the links between pages."""

    formset = PagedInlineFormSet
    per_page = 100
    page_param = "page"
    template = "admin/edit_inline/paged_stacked.html"
    page = None

    def get_formset(self, request, obj=None, **kwargs):
        self.page = self._page(request, obj)
        formset = super().get_formset(request, obj, **kwargs)
        formset.page = self.page
        return formset

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if self.page is not None:
            rows = rows.filter(pk__in=self.page.pks)
        return rows

    def _page(self, request, obj):
        if obj is None or obj.pk is None:
            return None
        rows = self.model._default_manager.filter(**{self.fk_name_for(obj): obj})
        stats = rows.aggregate(
            count=Count("pk"),
            last=Max("position"),
            distinct=Count("position", distinct=True),
        )
        if stats["count"] <= self.per_page:
            return None
        if stats["last"] != stats["count"] or stats["distinct"] != stats["count"]:
            _renumber(rows)
        pages = -(-stats["count"] // self.per_page)
        number = request.GET.get(self.page_param, "1")
        number = min(max(int(number), 1), pages) if number.isdigit() else 1
        start = (number - 1) * self.per_page
        pks = list(
            rows.order_by("position", "pk").values_list("pk", flat=True)[
                start : start + self.per_page
            ]
        )
        links = []
        for n, first in enumerate(range(1, stats["count"] + 1, self.per_page), 1):
            last = min(first + self.per_page - 1, stats["count"])
            query = request.GET.copy()
            query[self.page_param] = n
            links.append((f"{first}–{last}", f"?{query.urlencode()}", n == number))
        return RowPage(number, stats["count"], self.per_page, pks, links)

    def fk_name_for(self, obj):
        return self.fk_name or next(
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "related_model", None) is type(obj) and f.many_to_one
        )


def _renumber(rows):
    """Positions 1, 2, 3… in the present order (rows written by other means may
    have gaps or ties): pages are counted in positions."""
    ordered = list(rows.order_by("position", "pk").only("pk", "position"))
    for number, row in enumerate(ordered, start=1):
        row.position = number
    type(ordered[0])._default_manager.bulk_update(ordered, ["position"], batch_size=500)
