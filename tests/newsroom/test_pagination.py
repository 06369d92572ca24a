"""Public lists page without counting: Newer and Older links, a bounded depth, and
a 404 that says why past the end."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from newsroom.public import pagination
from newsroom.public.pagination import UncountedPaginator
from tests.factories import make_article


class NoLength(list):
    """A list that refuses to be counted, like a table too big to count."""

    def __len__(self):
        raise AssertionError("the paginator counted the list")


def test_pages_know_whether_an_older_page_exists_without_counting():
    rows = NoLength(range(45))
    paginator = UncountedPaginator(rows, 20)
    first, third = paginator.page(1), paginator.page(3)
    assert list(first) == list(range(20))
    assert first.has_next() and not first.has_previous()
    assert list(third) == [40, 41, 42, 43, 44]
    assert not third.has_next() and third.previous_page_number() == 2
    assert (third.start_index(), third.end_index()) == (41, 45)
    with pytest.raises(EmptyPage, match="There is no page 4"):
        paginator.page(4)


@pytest.mark.parametrize("number", ["0", "-1", "abc", "last", "1.5"])
def test_odd_page_numbers_are_refused(number):
    with pytest.raises((EmptyPage, PageNotAnInteger)):
        UncountedPaginator(list(range(45)), 20).page(number)


def test_lists_stop_at_the_deepest_page():
    paginator = UncountedPaginator(list(range(5000)), 20)
    last = paginator.page(pagination.MAX_PAGES)
    assert not last.has_next() and last.is_last_allowed
    with pytest.raises(EmptyPage, match=f"go back {pagination.MAX_PAGES} pages"):
        paginator.page(pagination.MAX_PAGES + 1)


@pytest.mark.django_db
def test_the_deepest_page_of_the_home_page_points_to_search(client, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    for i in range(41):
        make_article(headline=f"Deep headline {i:02d}")
    last = client.get("/?page=2").content.decode()
    assert "Deep headline 39" in last and "Deep headline 40" not in last
    assert 'rel="next"' not in last
    assert "The list stops here" in last and 'href="/search/"' in last
    too_deep = client.get("/?page=3")
    assert too_deep.status_code == 404
    assert "Lists go back 2 pages at most." in too_deep.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "abc", "last", "%00"])
def test_odd_page_numbers_are_a_404(client, page):
    make_article()
    for url in ["/", "/corrections/", "/search/?q=headline&"]:
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url.rstrip('&')}{sep}page={page}")
        assert response.status_code == 404, url
        assert "We can’t find that page" in response.content.decode()
