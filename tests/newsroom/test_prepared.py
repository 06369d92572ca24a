"""Readers' article pages and teasers are prepared when the news changes
(newsroom/public/prepared.py) and always exact: served while nothing they show has
changed, rendered again as soon as something has — with the page cache off, so
that only the prepared pages are at stake."""

import pytest
from django.test import Client

from newsroom.desk import workflow
from newsroom.models import Article, Rendering
from newsroom.public import page_cache, prepared
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_series,
)
from tests.newsroom.test_query_counts import ARTICLE_PAGE_QUERIES, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client()


def test_a_change_prepares_the_page_when_it_commits(
    reader, django_capture_on_commit_callbacks
):
    article = make_interview(headline="Headline Curlew")
    Rendering.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(article=article, by=None)
        workflow.publish_article(article=article, by=None)
    assert Rendering.objects.filter(pk=article.pk).exists()
    url = article.get_absolute_url()
    assert queries_for(reader, url) == ARTICLE_PAGE_QUERIES
    assert "Headline Curlew" in reader.get(url).content.decode()


def test_unpublishing_drops_the_prepared_page(
    reader, django_capture_on_commit_callbacks
):
    article = make_interview(headline="Headline Whimbrel")
    prepared.prepare(article.pk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(article=article, by=None)
    assert not Rendering.objects.filter(pk=article.pk).exists()
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_new_bio_reaches_every_prepared_page_showing_it(
    reader, django_capture_on_commit_callbacks
):
    person = make_contributor(name="Writer Shag", bio="Old bio Gadwall.")
    article = make_article(headline="Headline Smew")
    make_byline(article, person)
    prepared.prepare(article.pk)
    url = article.get_absolute_url()
    assert "Old bio Gadwall" in reader.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person.bio = "New bio Garganey."
        person.save()
    page = reader.get(url).content.decode()
    assert "New bio Garganey" in page and "Gadwall" not in page


def test_a_related_article_published_later_appears(
    reader, django_capture_on_commit_callbacks
):
    series = make_series(name="Series Brambling")
    article = make_article(headline="Headline Linnet", series=series)
    prepared.prepare(article.pk)
    url = article.get_absolute_url()
    assert "Headline Twite" not in reader.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Headline Twite", series=series)
    assert "Headline Twite" in reader.get(url).content.decode()


def test_teasers_follow_a_renamed_series(reader, django_capture_on_commit_callbacks):
    series = make_series(name="Series Dotterel")
    articles = [make_article(series=series) for _ in range(3)]
    for article in articles:
        prepared.prepare(article.pk)
    assert "Series Dotterel" in reader.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        series.name = "Series Ruff"
        series.save()
    page = reader.get("/").content.decode()
    assert page.count("Series Ruff") == 3 and "Dotterel" not in page


def test_absolute_addresses_are_the_requested_sites_own(reader):
    article = make_interview()
    prepared.prepare(article.pk)
    page = reader.get(article.get_absolute_url(), secure=True).content.decode()
    assert prepared.ORIGIN_HOST not in page
    assert f'href="https://testserver{article.get_absolute_url()}"' in page
    assert '"url": "https://testserver/' in page or "https://testserver/" in page


def test_a_page_rendered_while_a_change_commits_is_not_kept(monkeypatch):
    article = make_interview()
    clocks = iter([1, 2])
    monkeypatch.setattr(page_cache, "clock", lambda: next(clocks))
    rendering = prepared.prepare(article.pk)
    assert rendering is not None and rendering.body
    assert not Rendering.objects.filter(pk=article.pk).exists()


def test_staff_previews_are_built_when_asked_and_never_prepared(client, editor):
    draft = make_interview(status="draft", headline="Headline Scaup")
    client.force_login(editor)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Headline Scaup" in page and "Only staff can see this page" in page
    assert not Rendering.objects.filter(pk=draft.pk).exists()
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_feed_entries_follow_a_renamed_tag_and_contributor(
    reader, django_capture_on_commit_callbacks
):
    person = make_contributor(name="Writer Pochard")
    article = make_article(headline="Headline Goldeneye", tags=["Tag Scoter"])
    make_byline(article, person)
    prepared.prepare(article.pk)
    feed = reader.get("/feed/").content.decode()
    assert "Tag Scoter" in feed and "Writer Pochard" in feed
    tag = article.tags.get()
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "Tag Eider"
        tag.save()
        person.name = "Writer Merganser"
        person.save()
    feed = reader.get("/feed/atom/").content.decode()
    assert "Tag Eider" in feed and "Writer Merganser" in feed
    assert "Scoter" not in feed and "Pochard" not in feed


def test_an_unpublished_article_leaves_the_feeds(
    reader, django_capture_on_commit_callbacks
):
    article = make_article(headline="Headline Bufflehead", tags=["Tag Teal"])
    prepared.prepare(article.pk)
    assert "Headline Bufflehead" in reader.get("/tags/tag-teal/feed/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(article=article, by=None)
    assert "Bufflehead" not in reader.get("/feed/").content.decode()
    assert reader.get("/tags/tag-teal/feed/").status_code == 404


def test_a_rendering_kept_before_feed_entries_existed_is_prepared_again(reader):
    article = make_article(headline="Headline Garganey")
    prepared.prepare(article.pk)
    Rendering.objects.filter(pk=article.pk).update(feed_entry={})
    assert "Headline Garganey" in reader.get("/feed/").content.decode()
    assert Rendering.objects.get(pk=article.pk).feed_entry["title"] == (
        "Headline Garganey"
    )


def test_pages_of_another_generation_are_prepared_again(reader, monkeypatch):
    """A deploy that changed the templates or translations makes every kept
    page stale; prepare_pages prepares them before readers ask."""
    from django.core.management import call_command

    article = make_article(headline="Headline Shoveler")
    prepared.prepare(article.pk)
    kept = Rendering.objects.get(pk=article.pk)
    assert kept.page_versions[prepared.GENERATION_KEY] == prepared.generation()
    monkeypatch.setattr(prepared, "generation", lambda: "after-a-deploy")
    assert not prepared.is_current(kept.page_versions)
    call_command("prepare_pages", verbosity=0)
    again = Rendering.objects.get(pk=article.pk)
    assert again.page_versions[prepared.GENERATION_KEY] == "after-a-deploy"
    assert again.teaser_versions[prepared.GENERATION_KEY] == "after-a-deploy"
    assert prepared.is_current(again.page_versions)
    assert (
        "Headline Shoveler" in reader.get(article.get_absolute_url()).content.decode()
    )


def test_prepare_pages_leaves_current_pages_alone(capsys):
    from django.core.management import call_command

    for _ in range(2):
        prepared.prepare(make_article().pk)
    call_command("prepare_pages")
    assert "Prepared 0 page(s) of 2 published article(s)" in capsys.readouterr().out
    call_command("prepare_pages", "--all")
    assert "Prepared 2 page(s) of 2 published" in capsys.readouterr().out


def test_a_contributors_page_says_what_they_did_and_follows_a_new_role(
    reader, django_capture_on_commit_callbacks
):
    from newsroom.models import Byline

    person = make_contributor(name="Writer Wigeon")
    english = make_article(headline="Headline Pintail")
    make_byline(english, person, role=Byline.Role.INTERVIEWER)
    make_byline(english, person, role=Byline.Role.TRANSLATOR)
    arabic = make_article(headline="عنوان", language="ar")
    make_byline(arabic, person, role=Byline.Role.TRANSLATOR)
    for article in (english, arabic):
        prepared.prepare(article.pk)
    page = reader.get(person.get_absolute_url()).content.decode()
    assert '<p class="teaser-note">Interviewer, Translator</p>' in page
    assert '<p class="teaser-note">المترجم</p>' in page
    with django_capture_on_commit_callbacks(execute=True):
        english.bylines.filter(role=Byline.Role.TRANSLATOR).delete()
    page = reader.get(person.get_absolute_url()).content.decode()
    assert '<p class="teaser-note">Interviewer</p>' in page
    assert "Interviewer, Translator" not in page


def test_the_generation_follows_the_static_files_manifest(tmp_path, settings):
    """A release whose static files changed names them by new hashes: the pages
    kept before name the old ones, so they belong to another generation."""
    from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

    settings.STATIC_ROOT = str(tmp_path)
    storage = ManifestStaticFilesStorage(location=tmp_path)
    before = prepared.generation.__wrapped__()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prepared, "staticfiles_storage", storage)
        (tmp_path / storage.manifest_name).write_text('{"paths": {"a.css": "a.1.css"}}')
        first = prepared.generation.__wrapped__()
        (tmp_path / storage.manifest_name).write_text('{"paths": {"a.css": "a.2.css"}}')
        second = prepared.generation.__wrapped__()
    assert len({before, first, second}) == 3


def test_a_page_that_cannot_be_prepared_leaves_the_change_saved(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    article = make_article(headline="Headline Scaup")

    def broken(pk):
        raise RuntimeError("a template is broken")

    monkeypatch.setattr(prepared, "prepare", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Headline Tufted"
        article.save()
    assert Article.objects.get(pk=article.pk).headline == "Headline Tufted"
    assert f"The page of article {article.pk} could not be prepared" in caplog.text


def test_a_headline_with_markup_characters_is_escaped_once(reader):
    article = make_article(headline='Bread & "fuel" <now>')
    prepared.prepare(article.pk)
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "<title>Bread &amp; &quot;fuel&quot; &lt;now&gt; —" in page
    assert "&amp;amp;" not in page
