"""Two processes saving the same slug or the same new tag at the same moment both
succeed: no IntegrityError reaches the editor. PostgreSQL only: SQLite lets one
writer at a time, so the race cannot happen there."""

import threading

import pytest
from django.db import connection
from taggit.models import Tag

from newsroom import models as newsroom_models
from newsroom.models import Article
from tests.factories import make_article


def at_once(work, count=2):
    """Run ``work(i)`` in ``count`` threads, each on its own connection; return
    the exceptions they raised."""
    errors = []

    def run(i):
        try:
            work(i)
        except Exception as error:  # reported to the test, which fails on it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: two connections cannot insert at once",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_saves_choosing_the_same_slug_at_once_both_succeed(monkeypatch):
    barrier = threading.Barrier(2, timeout=10)
    choose = newsroom_models.unique_slug
    waited = threading.local()

    def unique_slug_in_step(*args, **kwargs):
        slug = choose(*args, **kwargs)
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()  # both have chosen the same free slug
        return slug

    monkeypatch.setattr(newsroom_models, "unique_slug", unique_slug_in_step)
    errors = at_once(lambda i: Article.objects.create(headline="Same headline"))
    assert errors == []
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "same-headline",
        "same-headline-2",
    ]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_articles_creating_the_same_new_tag_at_once_share_it():
    articles = [make_article(headline=f"Tag race {i}") for i in range(2)]
    barrier = threading.Barrier(2, timeout=10)

    def tag(i):
        article = Article.objects.get(pk=articles[i].pk)
        barrier.wait()
        article.tags.add("Race Tag")

    assert at_once(tag) == []
    assert Tag.objects.filter(name__iexact="race tag").count() == 1
    assert Article.objects.filter(tags__name="Race Tag").count() == 2
