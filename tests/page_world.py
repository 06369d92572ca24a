"""A published interview with everything pages show about it (``story``), the
clients that read and edit it, and helpers to read its pages: shared by the page
cache's tests and the write path's (registered in tests/conftest.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_segment,
    make_series,
    reindex,
)
from tests.newsroom.admin_pages import form_data


@pytest.fixture
def reader(page_cache):
    """A reader with no session: the one the cache serves."""
    return Client()


@pytest.fixture
def desk(editor):
    """An editor's browser, logged in."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the transaction's commit would run, as it happens in production."""

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    return committed


@pytest.fixture
def story():
    """A published interview, with everything pages show about it, and another
    article on the same topic (so that each lists the other as related)."""
    series = make_series(name="Series Ledger")
    article = make_interview(
        headline="Headline Alpha", series=series, tags=0, segments=0, bylines=0
    )
    article.tags.add("Topic Kestrel")
    interviewer = make_contributor(name="Asker Falcon", bio="Bio Heron.")
    make_byline(article, interviewer, role="interviewer")
    make_byline(article, make_contributor(name="Renderer Osprey"), role="translator")
    interviewee = article.interviewee_links.get().interviewee
    interviewee.name = "Speaker Lynx"
    interviewee.save()
    make_segment(article, question="Question Magpie?", answer="Answer Sparrow.")
    reindex(article)
    other = make_article(headline="Neighbour Plover", tags=["Topic Kestrel"])
    return {
        "article": article,
        "other": other,
        "series": series,
        "tag": Tag.objects.get(name="Topic Kestrel"),
        "interviewer": interviewer,
        "interviewee": interviewee,
    }


def urls_of(story):
    tag, series, person = story["tag"], story["series"], story["interviewer"]
    return {
        "article": story["article"].get_absolute_url(),
        "other": story["other"].get_absolute_url(),
        "home": "/",
        "tag": reverse("newsroom:tag", kwargs={"slug": tag.slug}),
        "tag feed": reverse("newsroom:tag-feed", kwargs={"slug": tag.slug}),
        "series": series.get_absolute_url(),
        "series feed": reverse(
            "newsroom:series-feed-atom", kwargs={"slug": series.slug}
        ),
        "contributor": person.get_absolute_url(),
        "contributor feed": reverse(
            "newsroom:contributor-feed", kwargs={"slug": person.slug}
        ),
        "feed": "/feed/",
        "atom": "/feed/atom/",
        "sitemap": "/sitemap-articles.xml",
        "corrections": "/corrections/",
        "search": "/search/?q=kestrel",
    }


def warm(reader, urls):
    """Read every page until it comes from the cache."""
    for name, url in urls.items():
        first = reader.get(url)
        assert first.status_code == 200, name
        again = reader.get(url)
        assert again["X-Page-Cache"] == "hit", name


def text(reader, url):
    response = reader.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_everywhere(reader, urls, names, *, shows=(), hides=()):
    for name in names:
        page = text(reader, urls[name])
        for marker in shows:
            assert marker in page, f"{name} does not show {marker!r}"
        for marker in hides:
            assert marker not in page, f"{name} still shows {marker!r}"


def admin_change(desk, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = desk.get(url)
    assert response.status_code == 200
    return url, form_data(response, f"{opts.model_name}_form")


def post_ok(desk, url, data):
    response = desk.post(url, data)
    assert response.status_code == 302, response.context and response.context.get(
        "errors"
    )
    return response
