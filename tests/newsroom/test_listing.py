"""Tag and contributor pages read their order from the rows that link an article to
the tag or the contributor (newsroom.content.listing): each published article once,
newest first, kept exact by the write path whatever changes the article's time or
status or its credits."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.desk import changes
from newsroom.models import Article, Byline, TaggedArticle
from newsroom.public import lists
from tests.factories import make_article, make_byline, make_contributor

pytestmark = pytest.mark.django_db


HEADLINES = ["Oldest piece", "Middle piece", "Newest piece", "Draft piece"]


@pytest.fixture
def three():
    now = timezone.now()
    person = make_contributor(name="Lina Tayeb")
    articles = {}
    for n, headline in enumerate(HEADLINES[:3]):
        article = make_article(
            headline=headline,
            tags=["Topic Heron"],
            published_at=now - timedelta(days=3 - n),
        )
        make_byline(article, person)
        articles[headline] = article
    draft = make_article(
        headline="Draft piece", tags=["Topic Heron"], status=Article.Status.DRAFT
    )
    make_byline(draft, person)
    changes.flush()
    tag = articles["Oldest piece"].tags.get()
    return person, tag, articles


def order_of(client, url):
    page = client.get(url).content.decode()
    found = {h: page.index(h) for h in HEADLINES if h in page}
    return sorted(found, key=found.get)


def test_tag_and_contributor_pages_list_the_published_newest_first(client, three):
    person, tag, _ = three
    expected = ["Newest piece", "Middle piece", "Oldest piece"]
    assert order_of(client, f"/tags/{tag.slug}/") == expected
    assert order_of(client, person.get_absolute_url()) == expected
    assert order_of(client, f"/tags/{tag.slug}/feed/") == expected
    assert order_of(client, person.get_absolute_url() + "feed/") == expected


def test_a_contributor_with_two_roles_on_an_article_lists_it_once(client, three):
    person, _, articles = three
    make_byline(articles["Middle piece"], person, role=Byline.Role.TRANSLATOR)
    changes.flush()
    page = client.get(person.get_absolute_url()).content.decode()
    assert page.count("Middle piece</") == 1
    assert "Interviewer, Translator" in page
    rows = Byline.objects.filter(article=articles["Middle piece"], contributor=person)
    assert sorted(rows.values_list("listed_at", flat=True), key=bool) == [
        None,
        articles["Middle piece"].published_at,
    ]
    # Without the first credit the other lists the article.
    rows.filter(role=Byline.Role.INTERVIEWER).delete()
    changes.flush()
    page = client.get(person.get_absolute_url()).content.decode()
    assert page.count("Middle piece</") == 1


def test_a_new_publish_time_moves_the_article_in_every_list(client, three):
    person, tag, articles = three
    oldest = articles["Oldest piece"]
    oldest.published_at = timezone.now() - timedelta(hours=1)
    oldest.save()
    changes.flush()
    expected = ["Oldest piece", "Newest piece", "Middle piece"]
    assert order_of(client, f"/tags/{tag.slug}/") == expected
    assert order_of(client, person.get_absolute_url()) == expected
    # Updated in bulk (no model signal): the write path still follows.
    Article.objects.filter(pk=oldest.pk).update(
        published_at=timezone.now() - timedelta(days=10)
    )
    changes.flush()
    assert order_of(client, f"/tags/{tag.slug}/")[-1] == "Oldest piece"
    assert TaggedArticle.objects.get(content_object=oldest).listed_at == (
        Article.objects.get(pk=oldest.pk).published_at
    )


def test_unpublished_and_scheduled_articles_stay_off_the_lists(client, three):
    person, tag, articles = three
    middle = articles["Middle piece"]
    middle.status = Article.Status.DRAFT
    middle.save()
    later = articles["Newest piece"]
    later.published_at = timezone.now() + timedelta(days=2)
    later.save()
    changes.flush()
    for url in (f"/tags/{tag.slug}/", person.get_absolute_url()):
        assert order_of(client, url) == ["Oldest piece"]


def test_a_tag_or_byline_added_later_lists_the_article(client, three):
    person, tag, _ = three
    other = make_contributor(name="Omar Fakhoury")
    article = make_article(headline="Tagged later", tags=[])
    changes.flush()
    article.tags.add(tag)
    make_byline(article, other)
    # Listed at once, before the change is followed.
    assert "Tagged later" in client.get(f"/tags/{tag.slug}/").content.decode()
    assert "Tagged later" in client.get(other.get_absolute_url()).content.decode()


def test_a_page_reads_its_index_from_now_down(three):
    """The entries of scheduled articles sit above the published ones in a tag's
    or a contributor's index (their time is to come); a page's query bounds the
    index by the time of the request, so it never reads them (at 100,000 articles
    a popular tag's first page read some 400 of them)."""
    person, tag, articles = three
    later = articles["Newest piece"]
    later.published_at = timezone.now() + timedelta(days=2)
    later.save()
    changes.flush()
    for listing, subject in ((lists.TAGGED, tag.pk), (lists.CREDITED, person.pk)):
        with CaptureQueriesContext(connection) as queries:
            rows = listing.rows(subject)[0:21]
        assert [row[0] for row in rows] == [
            articles["Middle piece"].pk,
            articles["Oldest piece"].pk,
        ]
        (query,) = queries.captured_queries
        assert '"listed_at" <=' in query["sql"], query["sql"]
