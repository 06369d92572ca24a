"""The page cache: readers get kept pages, and no page is ever stale after an edit.

Each edit goes through the path an editor or a translator really takes (an admin
form, an admin action, a service), inside ``django_capture_on_commit_callbacks``
so that what happens when the transaction commits happens here too. Before it,
every page is read twice, so that the second read is served from the cache.
"""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from newsroom.desk import workflow
from newsroom.models import Article
from newsroom.public import page_cache, views
from tests.factories import (
    attach_headshot,
    image_bytes,
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_user,
    upload,
)
from tests.page_world import (
    admin_change,
    assert_everywhere,
    post_ok,
    text,
    urls_of,
    warm,
)

pytestmark = pytest.mark.django_db


# -- what readers are sent -------------------------------------------------------------


def test_a_kept_page_is_served_without_touching_the_database(reader, story):
    urls = urls_of(story)
    warm(reader, urls)
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(url)
        assert response["X-Page-Cache"] == "hit", name
        assert len(queries) == 0, (name, [q["sql"] for q in queries])


def test_reader_pages_say_how_shared_caches_may_keep_them(reader, story, settings):
    settings.NEWSROOM_CDN_MAX_AGE = 45
    for url in urls_of(story).values():
        response = reader.get(url)
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert control == {"public", "max-age=0", "s-maxage=45"}, url
        assert "Cookie" in response["Vary"], url
        assert response["ETag"].startswith('"'), url


def test_a_conditional_get_gets_304_before_and_after_the_page_is_kept(reader, story):
    url = story["article"].get_absolute_url()
    etag = reader.get(url)["ETag"]
    fresh = reader.get(url, headers={"if-none-match": etag})
    assert fresh.status_code == 304
    assert fresh["X-Page-Cache"] == "hit"
    assert fresh.content == b""
    assert reader.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_an_edit_changes_the_etag(reader, desk, story, commit):
    url = story["article"].get_absolute_url()
    etag = reader.get(url)["ETag"]
    with commit():
        workflow.add_correction(
            article=story["article"], kind="correction", text="Fix Tern.", by=None
        )
    response = reader.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Fix Tern." in response.content.decode()


def test_logged_in_staff_are_never_served_kept_pages_nor_fill_them(reader, desk, story):
    draft = make_interview(headline="Draft Wren", status="draft", published_at=None)
    url = story["article"].get_absolute_url()
    warm(reader, {"article": url})

    staff_view = desk.get(url)
    assert "X-Page-Cache" not in staff_view
    assert {"private", "no-store"} <= {
        part.strip() for part in staff_view["Cache-Control"].split(",")
    }
    preview = desk.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Draft Wren" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    # What the editor saw was not kept for readers, and the reverse.
    assert reader.get(draft.get_absolute_url()).status_code == 404
    assert "Preview" not in text(reader, url)


def test_preview_links_and_the_admin_are_never_kept(reader, desk, story):
    draft = make_interview(headline="Draft Shrike", status="draft", published_at=None)
    link = workflow.create_preview_link(article=draft, by=None)
    for _ in range(2):
        response = reader.get(link.get_absolute_url())
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    login = reader.get("/admin/login/")
    assert "X-Page-Cache" not in login and "no-store" in login["Cache-Control"]
    changelist = desk.get("/admin/newsroom/article/")
    assert "no-store" in changelist["Cache-Control"]


def test_a_page_built_while_a_change_commits_is_not_kept(reader, story, monkeypatch):
    built = views.HomeView.get_context_data

    def built_during_a_change(self, **kwargs):
        context = built(self, **kwargs)
        page_cache.bump({page_cache.SITE})  # another process commits meanwhile
        return context

    monkeypatch.setattr(views.HomeView, "get_context_data", built_during_a_change)
    assert reader.get("/")["X-Page-Cache"] == "miss"
    monkeypatch.undo()
    assert reader.get("/")["X-Page-Cache"] == "miss"
    assert reader.get("/")["X-Page-Cache"] == "hit"


def test_every_key_a_page_shows_moves_when_its_article_changes(story, commit, settings):
    """The two halves of the page cache agree: what an article page says it shows
    (read from its prefetched relations) is what a change of the article moves."""
    settings.NEWSROOM_PAGE_CACHE = True
    article = Article.objects.for_page().get(pk=story["article"].pk)
    editions, _related = Article.objects.editions_and_related(article)
    shown = page_cache.article_page_keys(article, editions=editions)
    moved = set()
    original_bump = page_cache.bump
    page_cache.bump = moved.update
    try:
        with commit():
            # A plain save, as from a shell: the write path's model hooks see it.
            Article.objects.get(pk=article.pk).save()
    finally:
        page_cache.bump = original_bump
    # The article's own keys and its subjects' lists move with it; the subjects
    # themselves (a name, a bio) move when they are edited.
    own = {key for key in shown if key.startswith("article:") or ":articles" in key}
    subjects = shown - own
    assert subjects and own <= moved
    assert {f"{key}:articles" for key in subjects} <= moved


# -- no page is stale after an edit ---------------------------------------------------

ARTICLE_LISTS = [
    "article",
    "home",
    "tag",
    "tag feed",
    "series",
    "series feed",
    "contributor",
    "contributor feed",
    "feed",
    "atom",
]


def test_saving_the_article_in_the_admin_refreshes_every_page_showing_it(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["article"])
    data["headline"] = "Headline Bravo"
    data["dek"] = "Dek Bravo."
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader,
        urls,
        [*ARTICLE_LISTS, "other"],
        shows=["Headline Bravo"],
        hides=["Headline Alpha"],
    )


def test_editing_an_answer_in_the_admin_refreshes_the_article(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["article"])
    data["segments-0-answer"] = "Answer Starling."
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader, urls, ["article"], shows=["Answer Starling."], hides=["Sparrow"]
    )


def test_adding_a_byline_in_the_admin_refreshes_the_lists_and_the_article(
    reader, desk, story, commit
):
    urls = urls_of(story)
    photographer = make_contributor(name="Lens Kingfisher")
    warm(reader, urls)
    url, data = admin_change(desk, story["article"])
    total = int(data["bylines-TOTAL_FORMS"])
    data.update(
        {
            "bylines-TOTAL_FORMS": str(total + 1),
            f"bylines-{total}-contributor": str(photographer.pk),
            f"bylines-{total}-role": "photographer",
            f"bylines-{total}-position": str(total + 1),
        }
    )
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(reader, urls, ARTICLE_LISTS, shows=["Lens Kingfisher"])
    assert text(reader, photographer.get_absolute_url()).count("Headline Alpha")


def test_a_translator_adding_their_byline_refreshes_the_pages(reader, story, commit):
    urls = urls_of(story)
    translator = make_user("Translator", contributor=True)
    translator.contributor.name = "Translator Nightjar"
    translator.contributor.save()
    warm(reader, urls)
    client = Client()
    client.force_login(translator)
    with commit():
        response = client.post(
            reverse("admin:newsroom_translation_byline", args=[story["article"].pk]),
            {"action": "add"},
        )
    assert response.status_code == 302
    assert_everywhere(reader, urls, ARTICLE_LISTS, shows=["Translator Nightjar"])


def test_a_correction_added_in_the_admin_refreshes_the_article_and_corrections(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["article"])
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Correction Puffin.",
        }
    )
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader, urls, ["article", "corrections"], shows=["Correction Puffin."]
    )
    assert "Updated" in text(reader, urls["home"])


def test_a_contributor_editing_their_bio_refreshes_their_pages(reader, story, commit):
    urls = urls_of(story)
    user = make_user("Translator")
    person = story["interviewer"]
    person.user = user
    person.save()
    warm(reader, urls)
    client = Client()
    client.force_login(user)
    url, data = admin_change(client, person)
    data["bio"] = "Bio Cormorant."
    with commit():
        post_ok(client, url, data)
    assert_everywhere(
        reader,
        urls,
        ["article", "contributor"],
        shows=["Bio Cormorant."],
        hides=["Heron"],
    )


def test_a_new_headshot_refreshes_the_pages_showing_it(reader, desk, story, commit):
    urls = urls_of(story)
    person = story["interviewer"]
    attach_headshot(person)
    old = person.headshot_renditions["original"]["name"]
    warm(reader, urls)
    url, data = admin_change(desk, person)
    data["headshot"] = upload(image_bytes(640, 640))
    with commit():
        post_ok(desk, url, data)
    person.refresh_from_db()
    new = person.headshot_renditions["original"]["name"]
    assert new != old
    stem = new.rsplit("/", 1)[-1].split(".")[0]
    assert_everywhere(
        reader,
        urls,
        ["article", "contributor"],
        shows=[stem],
        hides=[old.split(".")[0]],
    )


def test_renaming_a_contributor_refreshes_every_list_naming_them(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["interviewer"])
    data["name"] = "Asker Goshawk"
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader, urls, ARTICLE_LISTS, shows=["Asker Goshawk"], hides=["Asker Falcon"]
    )


def test_renaming_a_tag_refreshes_its_articles_and_feeds(reader, desk, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["tag"])
    data["name"] = "Topic Merlin"
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader,
        urls,
        ["article", "other", "tag", "tag feed", "feed", "series feed"],
        shows=["Topic Merlin"],
        hides=["Topic Kestrel"],
    )


def test_an_alias_makes_search_find_the_tag_at_once(reader, desk, story, commit):
    search = "/search/?q=kestrelle"
    warm(reader, {"search": search})
    assert "Headline Alpha" not in text(reader, search)
    with commit():
        post_ok(
            desk,
            reverse("admin:newsroom_tagalias_add"),
            {"name": "Kestrelle", "slug": "", "tag": str(story["tag"].pk)},
        )
    assert "Headline Alpha" in text(reader, search)


def test_merging_tags_refreshes_the_articles_of_both(reader, desk, story, commit):
    urls = urls_of(story)
    other_tag = Tag.objects.create(name="Topic Hobby")
    story["other"].tags.add(other_tag)
    warm(reader, {**urls, "hobby": reverse("newsroom:tag", args=[other_tag.slug])})
    with commit():
        workflow.merge_tags(tags=[story["tag"], other_tag], into=other_tag)
    assert_everywhere(
        reader, urls, ["article", "other"], shows=["Topic Hobby"], hides=["Kestrel"]
    )
    hobby = text(reader, reverse("newsroom:tag", args=[other_tag.slug]))
    assert "Headline Alpha" in hobby


def test_renaming_an_interviewee_or_a_series_refreshes_the_pages(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["interviewee"])
    data["name"] = "Speaker Ocelot"
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader, urls, ["article"], shows=["Speaker Ocelot"], hides=["Lynx"]
    )
    url, data = admin_change(desk, story["series"])
    data["name"] = "Series Almanac"
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader,
        urls,
        ["article", "home", "series", "tag", "contributor"],
        shows=["Series Almanac"],
        hides=["Series Ledger"],
    )


def _action(desk, action, article):
    return desk.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [str(article.pk)]},
    )


def test_unpublishing_takes_the_article_off_every_page_at_once(
    reader, desk, story, commit
):
    urls = urls_of(story)
    warm(reader, urls)
    with commit():
        assert _action(desk, "unpublish", story["article"]).status_code == 302
    assert reader.get(urls["article"]).status_code == 404
    assert reader.get(urls["series"]).status_code == 404  # its only article
    assert_everywhere(
        reader,
        urls,
        ["home", "feed", "atom", "sitemap", "other", "search"],
        hides=["Headline Alpha", story["article"].slug],
    )


def test_publishing_puts_the_article_on_every_page_at_once(reader, desk, story, commit):
    draft = make_article(
        headline="Headline Avocet",
        status="draft",
        published_at=None,
        series=story["series"],
        tags=["Topic Kestrel"],
    )
    make_byline(draft, story["interviewer"], role="reporter")
    urls = urls_of(story)
    warm(reader, urls)
    with commit():
        assert _action(desk, "publish", draft).status_code == 302
    assert_everywhere(
        reader,
        urls,
        ["home", "tag", "tag feed", "series", "series feed", "contributor", "feed"],
        shows=["Headline Avocet"],
    )
    assert draft.slug in text(reader, urls["sitemap"])
    assert "Headline Avocet" in text(reader, urls["other"])  # now related


def test_a_scheduled_article_appears_when_its_time_comes(reader, desk, story, commit):
    go_live = timezone.now() + timedelta(hours=2)
    draft = make_article(
        headline="Headline Dunlin",
        status="draft",
        published_at=None,
        series=story["series"],
        tags=["Topic Kestrel"],
    )
    with commit():
        workflow.publish_article(article=draft, by=None, at=go_live)
    urls = urls_of(story)
    with time_machine.travel(go_live - timedelta(minutes=1), tick=False):
        warm(reader, urls)
        assert "Headline Dunlin" not in text(reader, "/")
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert_everywhere(
            reader,
            urls,
            ["home", "tag", "series", "feed", "other"],
            shows=["Headline Dunlin"],
        )
        assert reader.get(draft.get_absolute_url()).status_code == 200


def test_a_schedule_made_with_no_page_kept_still_refreshes_pages(reader, story, commit):
    """The schedule record was lost (evicted, Redis restarted): articles that went
    live within a page's lifetime are still refreshed."""
    urls = urls_of(story)
    go_live = timezone.now() + timedelta(minutes=3)
    draft = make_article(
        headline="Headline Curlew",
        status="draft",
        published_at=None,
        tags=["Topic Kestrel"],
    )
    with commit():
        workflow.publish_article(article=draft, by=None, at=go_live)
    warm(reader, urls)
    cache.delete("page-cache:schedule")
    with time_machine.travel(go_live + timedelta(seconds=5), tick=False):
        assert "Headline Curlew" in text(reader, urls["tag"])


def test_deleting_an_article_takes_it_off_every_page(reader, desk, story, commit):
    urls = urls_of(story)
    warm(reader, urls)
    article = story["article"]
    with commit():
        response = desk.post(
            reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert reader.get(urls["article"]).status_code == 404
    assert_everywhere(reader, urls, ["home", "feed", "other"], hides=["Headline Alpha"])


def test_nothing_is_refreshed_by_editing_a_draft(reader, desk, story, commit):
    draft = make_interview(headline="Draft Bittern", status="draft", published_at=None)
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, draft)
    data["headline"] = "Draft Bittern Two"
    with commit():
        post_ok(desk, url, data)
    for name, url in urls.items():
        assert reader.get(url)["X-Page-Cache"] == "hit", name


def test_editing_a_drafts_interviewee_leaves_kept_pages_alone(
    reader, desk, story, commit
):
    draft = make_interview(status="draft", published_at=None)
    interviewee = make_interviewee(draft, name="Hidden Pangolin")
    urls = urls_of(story)
    warm(reader, {"article": urls["article"]})
    url, data = admin_change(desk, interviewee)
    data["name"] = "Hidden Pangolin Two"
    with commit():
        post_ok(desk, url, data)
    assert reader.get(urls["article"])["X-Page-Cache"] == "hit"


# -- with Redis, as in production --------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    """The production cache backend on the Redis at 127.0.0.1:6379 (skipped where
    there is none), under a prefix of this test's own."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.infra.faults.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/9",
            "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.NEWSROOM_PAGE_CACHE = True
    yield cache
    cache.clear()


def test_with_redis_pages_are_kept_and_refreshed(redis_cache, desk, story, commit):
    reader = Client()
    urls = urls_of(story)
    warm(reader, urls)
    url, data = admin_change(desk, story["article"])
    data["headline"] = "Headline Charlie"
    with commit():
        post_ok(desk, url, data)
    assert_everywhere(
        reader, urls, ARTICLE_LISTS, shows=["Headline Charlie"], hides=["Alpha"]
    )
    assert reader.get(urls["article"])["X-Page-Cache"] == "hit"


def test_with_redis_down_pages_are_built_and_edits_still_save(
    settings, desk, story, commit
):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.infra.faults.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.NEWSROOM_PAGE_CACHE = True
    reader = Client()
    url = story["article"].get_absolute_url()
    assert reader.get(url).status_code == 200
    change_url, data = admin_change(desk, story["article"])
    data["headline"] = "Headline Delta"
    with commit():
        post_ok(desk, change_url, data)
    assert "Headline Delta" in text(reader, url)


def test_deployment_check_warns_of_a_page_cache_in_each_process(settings):
    from django.core import checks

    settings.NEWSROOM_PAGE_CACHE = True
    warnings = checks.run_checks(include_deployment_checks=True, tags=["caches"])
    assert [w.id for w in warnings] == ["newsroom.W001"]
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.infra.faults.TolerantRedisCache"}
    }
    assert checks.run_checks(include_deployment_checks=True, tags=["caches"]) == []
