"""One write path: a change made through the ORM alone — a shell, a script, a
future API, outside every service — refreshes what follows it, once per
transaction: the pages readers see, the search document, the reading time and
the revision (newsroom/desk/changes/)."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Segment
from newsroom.content import search
from newsroom.desk import changes
from newsroom.models import Article, Byline, Contributor, Revision, SearchDocument
from tests.factories import make_article, make_contributor, make_interview
from tests.page_world import assert_everywhere, text, urls_of, warm

pytestmark = pytest.mark.django_db


def revisions_of(article):
    return list(Revision.objects.filter(article_pk=article.pk).order_by("pk"))


def test_a_plain_save_of_the_article_refreshes_its_pages(reader, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    article = Article.objects.get(pk=story["article"].pk)
    before = len(revisions_of(article))
    with commit():
        article.headline = "Headline Gannet"
        article.save()
    assert_everywhere(
        reader,
        urls,
        ["article", "home", "tag", "series", "contributor", "feed", "atom"],
        shows=["Headline Gannet"],
        hides=["Headline Alpha"],
    )
    assert article.get_absolute_url() in text(reader, "/search/?q=gannet")
    latest = revisions_of(article)[-1]
    assert len(revisions_of(article)) == before + 1
    assert latest.summary == "Changed headline." and latest.created_by is None
    assert Article.objects.get(pk=article.pk).version == article.version + 1


def test_a_plain_save_of_a_segment_refreshes_page_search_and_reading_time(
    reader, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    segment = Segment.objects.get(question="Question Magpie?")
    with commit():
        segment.answer = "Answer Cormorant. " + "word " * 600
        segment.save()
    assert "Answer Cormorant" in text(reader, urls["article"])
    assert story["article"].get_absolute_url() in text(reader, "/search/?q=cormorant")
    article = Article.objects.get(pk=story["article"].pk)
    assert article.reading_minutes == 4
    assert revisions_of(article)[-1].summary == "Changed segments."


def test_a_byline_created_with_the_orm_shows_on_the_pages(reader, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    person = make_contributor(name="Writer Puffin")
    with commit():
        Byline.objects.create(
            article=story["article"], contributor=person, role="reporter", position=9
        )
    assert_everywhere(reader, urls, ["article", "home", "tag"], shows=["Writer Puffin"])
    assert "Headline Alpha" in text(reader, person.get_absolute_url())
    assert "Headline Alpha" in text(reader, "/search/?q=puffin")


def test_a_tag_added_and_renamed_with_the_orm_shows_on_the_pages(reader, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    with commit():
        story["article"].tags.add("Topic Grebe")
    assert "Topic Grebe" in text(reader, urls["article"])
    assert "Headline Alpha" in text(reader, "/search/?q=grebe")
    tag = story["tag"]
    with commit():
        tag.name = "Topic Shearwater"
        tag.save()
    assert_everywhere(
        reader, urls, ["article", "tag"], shows=["Topic Shearwater"], hides=["Kestrel"]
    )
    assert "Headline Alpha" in text(reader, "/search/?q=shearwater")


def test_renaming_a_contributor_with_the_orm_refreshes_pages_and_search(
    reader, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    person = Contributor.objects.get(pk=story["interviewer"].pk)
    with commit():
        person.name = "Asker Albatross"
        person.save()
    assert_everywhere(
        reader,
        urls,
        ["article", "home", "contributor", "feed"],
        shows=["Asker Albatross"],
        hides=["Asker Falcon"],
    )
    assert "Headline Alpha" in text(reader, "/search/?q=albatross")


def test_an_interviewee_made_anonymous_with_the_orm_disappears_everywhere(
    reader, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    assert "Speaker Lynx" in text(reader, urls["article"])
    assert "Headline Alpha" in text(reader, "/search/?q=lynx")
    person = story["interviewee"]
    with commit():
        person.is_anonymous = True
        person.public_description = "a baker from Idlib"
        person.save()
    page = text(reader, urls["article"])
    assert "a baker from idlib" in page.lower() and "Speaker Lynx" not in page
    # Search no longer finds the article by the real name.
    assert "Headline Alpha" not in text(reader, "/search/?q=lynx")


def test_a_queryset_update_of_segments_is_seen_too(reader, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    with commit():
        Segment.objects.filter(question="Question Magpie?").update(
            question="Question Jackdaw?"
        )
    # update() saves no HTML: the write path's refresh shows the stored text.
    assert "Headline Alpha" in text(reader, "/search/?q=jackdaw")


def test_deleting_with_the_orm_keeps_the_last_state(reader, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    article = story["article"]
    with commit():
        Article.objects.filter(pk=article.pk).delete()
    assert reader.get(urls["article"]).status_code == 404
    assert "Headline Alpha" not in text(reader, "/")
    kept = Revision.objects.get(article_pk=article.pk, kind=Revision.Kind.DELETED)
    assert kept.data["fields"]["headline"] == "Headline Alpha"
    assert kept.article is None


def test_many_writes_in_one_transaction_are_followed_once(commit):
    article = make_interview(segments=2)
    before = len(revisions_of(article))
    with commit(), transaction.atomic():
        article.headline = "One transaction"
        article.save()
        for segment in article.segments.all():
            segment.answer += " More."
            segment.save()
        article.tags.add("Topic Tern")
    after = revisions_of(article)
    assert len(after) == before + 1
    assert after[-1].summary == "Changed headline, tags and segments."
    assert Article.objects.get(pk=article.pk).version == article.version + 1


def test_a_rolled_back_transaction_leaves_nothing_behind(commit):
    article = make_article(headline="Stays as it was")
    before = revisions_of(article)
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            article.headline = "Never saved"
            article.save()
            raise RuntimeError
    assert revisions_of(article) == before
    assert Article.objects.get(pk=article.pk).headline == "Stays as it was"


def test_a_batch_records_who_made_the_change(editor):
    article = make_article()
    with changes.batch(by=editor):
        article.dek = "A dek by the editor"
        article.save()
    latest = revisions_of(article)[-1]
    assert latest.created_by == editor
    assert Article.objects.get(pk=article.pk).updated_by == editor


@pytest.mark.django_db(transaction=True)
def test_a_save_in_autocommit_mode_is_followed_at_once(settings):
    """As in a shell: no transaction, no commit callback to run by hand."""
    settings.NEWSROOM_PAGE_CACHE = True
    article = make_article(headline="Shell Before")
    client = Client()
    url = reverse("newsroom:article", kwargs={"slug": article.slug})
    assert "Shell Before" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    article = Article.objects.get(pk=article.pk)
    article.headline = "Shell Zephyrine"
    article.save()
    assert "Shell Zephyrine" in client.get(url).content.decode()
    assert url in client.get("/search/?q=zephyrine").content.decode()


def test_a_tag_shown_by_many_articles_has_their_documents_rebuilt_by_the_queue(
    commit, monkeypatch
):
    """Past SEARCH_INLINE_LIMIT articles, a rename's search documents are rebuilt
    by the task worker after the commit, not in the editor's request."""
    monkeypatch.setattr(changes.changeset, "SEARCH_INLINE_LIMIT", 2)
    articles = [make_article(tags=["Topic Petrel"]) for _ in range(3)]
    queued = []
    queue = search.queue_search_rebuild
    monkeypatch.setattr(
        search, "queue_search_rebuild", lambda ids: queued.append(ids) or queue(ids)
    )
    tag = Tag.objects.get(name="Topic Petrel")
    with commit():
        tag.name = "Topic Fulmar"
        tag.save()
    assert queued == [sorted(article.pk for article in articles)]
    for article in articles:
        assert " fulmar " in SearchDocument.objects.get(pk=article.pk).text_b
