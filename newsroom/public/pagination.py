"""Public lists in pages, without counting them.

Django's Paginator counts the whole list (``SELECT COUNT(*)``) to number its pages:
on an archive of 100,000 articles that costs more than the page itself. Public
lists need only "Newer" and "Older": each page fetches one row more than it shows to
know whether an older page exists, and a list goes back at most ``MAX_PAGES`` pages
(deep pages would make the database skip ever more rows; search and the series, tag
and contributor pages reach older articles). A page past the end is a 404.
"""

from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger
from django.http import Http404

MAX_PAGES = 50


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_more):
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def __repr__(self):
        return f"<Page {self.number}>"

    def has_next(self):
        return self.has_more and self.number < self.paginator.max_pages

    @property
    def is_last_allowed(self):
        """More rows exist, but no page goes further back."""
        return self.has_more and not self.has_next()

    def start_index(self):
        if not self.object_list:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class UncountedPaginator:
    """Pages of ``object_list`` (a QuerySet, or anything that slices), numbered
    from 1, that never ask for the list's length."""

    def __init__(self, object_list, per_page, *, max_pages=None):
        self.object_list = object_list
        self.per_page = int(per_page)
        self.max_pages = MAX_PAGES if max_pages is None else max_pages

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not a whole number.") from error
        if number < 1:
            raise EmptyPage("Pages are numbered from 1.")
        if number > self.max_pages:
            raise EmptyPage(f"Lists go back {self.max_pages} pages at most.")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(f"There is no page {number}: the list ends before it.")
        return UncountedPage(
            rows[: self.per_page], number, self, has_more=len(rows) > self.per_page
        )


class PageNotFound(Http404):
    """A page number that does not exist, with the reason to show the reader."""


def page_or_404(object_list, per_page, number):
    """The page ``number`` (text from the address; empty means 1) of ``object_list``,
    else PageNotFound saying why."""
    try:
        return UncountedPaginator(object_list, per_page).page(number or 1)
    except InvalidPage as error:
        raise PageNotFound(str(error)) from error
