"""The full-page cache for readers, and its invalidation.

A public page says what it shows as *dependency keys* (``depends_on``):

- ``article:12`` — the article itself, with its parts (segments, bylines, tags,
  corrections, interviewees);
- ``newsroom.contributor:3`` — a *subject* an article shows: its name, bio,
  headshot (subjects are series, contributors, tags and, registered by the
  interviews app, interviewees);
- ``newsroom.contributor:3:articles`` — the list of published articles of that
  subject, with what their teasers and feed entries show;
- ``site`` — the site-wide lists: the front page, the feeds, the sitemaps, the
  corrections and search.

``PageCacheMiddleware`` keeps the 200 response to an anonymous GET with the
version of every key it depends on, and serves it again while every version is
unchanged. Each write that changes what readers see calls ``articles_changing()``
or ``subject_changing()`` inside its transaction, before changing anything; once
the transaction commits, the versions of every key the change touched, before
and after it, move on in the shared cache (Redis in production), so that no
process of any app server serves those pages again. Nothing is deleted: a page
whose versions moved is simply built again by the next reader.

A scheduled article goes live with no job: the cache keeps the time of the next
scheduled publication, and the first request after it moves the keys of the
articles that have just gone live.

Readers with a session (editors, translators) are never served from the cache
and their pages are ``private, no-store``; shared caches get ``public`` pages
with ``s-maxage``, an ``ETag`` and the page's keys as surrogate keys, and a
conditional GET gets a 304. Every ``bump()`` also purges the keys from the edge
cache in front (Varnish, a CDN: newsroom/infra/edge.py).
"""

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from taggit.models import Tag

from newsroom.infra import edge
from newsroom.infra.faults import DATABASE_UNAVAILABLE
from newsroom.models import Article, Byline, Contributor, Series, TaggedArticle

logger = logging.getLogger(__name__)

SITE = "site"
_PREFIX = "page-cache:"
_CLOCK = _PREFIX + "clock"
_SCHEDULE = _PREFIX + "schedule"


# -- what pages show ------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Something with a life of its own that article pages show (a contributor, a
    tag…). ``on_page`` reads its ids off an article loaded for its page, with no
    query; ``of_articles`` gives the ids of those of a queryset of articles;
    ``articles`` the articles showing the subject ``pk``. The two first must
    agree: a test checks that every key a page depends on is moved when its
    article changes."""

    model: type
    on_page: object
    of_articles: object
    articles: object
    # Sharing it makes two articles related (article pages list each other).
    relates: bool = False
    # The fields that teasers and feed entries show: changing one of them changes
    # the lists of the subject's articles, not only the subject's own pages.
    teaser_fields: frozenset = field(default_factory=frozenset)


SUBJECTS = [
    Subject(
        model=Series,
        on_page=lambda article: [article.series_id],
        of_articles=lambda articles: articles.values_list("series", flat=True),
        articles=lambda pk: Article.objects.filter(series=pk),
        relates=True,
        teaser_fields=frozenset({"name", "slug"}),
    ),
    Subject(
        model=Contributor,
        on_page=lambda article: [
            byline.contributor_id for byline in article.bylines.all()
        ],
        of_articles=lambda articles: Byline.objects.filter(
            article__in=articles
        ).values_list("contributor", flat=True),
        articles=lambda pk: Article.objects.filter(bylines__contributor=pk),
        teaser_fields=frozenset({"name", "slug"}),
    ),
    Subject(
        model=Tag,
        on_page=lambda article: [tag.pk for tag in article.tags.all()],
        of_articles=lambda articles: TaggedArticle.objects.filter(
            content_object__in=articles
        ).values_list("tag", flat=True),
        articles=lambda pk: Article.objects.filter(tagged_items__tag=pk),
        relates=True,
        # Feed entries list the tags by name.
        teaser_fields=frozenset({"name", "slug"}),
    ),
]


def article_key(pk):
    return f"article:{pk}"


def subject_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def list_key(model, pk):
    return f"{subject_key(model, pk)}:articles"


def subject_page_keys(obj):
    """What the page (or feed) of a series, contributor or tag shows."""
    model = type(obj)
    return {subject_key(model, obj.pk), list_key(model, obj.pk)}


def article_page_keys(article, *, editions=()):
    """What an article's page shows, read from the relations loaded for it."""
    keys = {article_key(article.pk)}
    keys.update(article_key(edition.pk) for edition in editions)
    for subject in SUBJECTS:
        for pk in subject.on_page(article):
            if pk is None:
                continue
            keys.add(subject_key(subject.model, pk))
            if subject.relates:
                # The related articles: any change to an article sharing it.
                keys.add(list_key(subject.model, pk))
    return keys


def depends_on(request, keys):
    """Declare that the page answering ``request`` shows what ``keys`` name; only
    such pages are cached."""
    request.page_cache_keys = frozenset(keys)


def site_page(view):
    """A view function whose page is one of the site-wide lists (the sitemaps)."""

    @wraps(view)
    def site_wide(request, *args, **kwargs):
        depends_on(request, {SITE})
        return view(request, *args, **kwargs)

    return site_wide


# -- what a change touches ------------------------------------------------------------


def _subject_lists(articles):
    """The list keys of every subject of ``articles`` (a queryset)."""
    keys = set()
    for subject in SUBJECTS:
        pks = set(subject.of_articles(articles))
        keys.update(list_key(subject.model, pk) for pk in pks if pk is not None)
    return keys


def _public_article_keys(pks):
    """The keys of every page showing one of the articles ``pks`` that readers may
    see now: their own pages, their editions', their subjects' lists, the site's."""
    public = Article.objects.published().filter(pk__in=pks)
    found = set(public.values_list("pk", flat=True))
    if not found:
        return set()
    originals = set(
        public.exclude(translation_of=None).values_list("translation_of", flat=True)
    )
    editions = Article.objects.filter(
        Q(translation_of__in=found | originals) | Q(pk__in=originals)
    ).values_list("pk", flat=True)
    keys = {SITE, *map(article_key, found | set(editions))}
    return keys | _subject_lists(public)


def _subject_keys(model, pk, *, lists):
    keys = {SITE, subject_key(model, pk)}
    if lists:
        for subject in SUBJECTS:
            if subject.model is model:
                articles = Article.objects.published().filter(
                    pk__in=subject.articles(pk).values("pk")
                )
                keys |= _subject_lists(articles)
    return keys


def articles_changing(*articles):
    """Call inside the transaction that changes ``articles`` (or their parts),
    before the change: once it commits, every page that showed them, and every
    page that shows them now, is refreshed. An article added in the transaction
    counts from the moment it has a primary key."""
    before_pks = {article.pk for article in articles if article.pk is not None}
    before = _public_article_keys(before_pks) if before_pks else set()

    def refresh():
        # Even a change no reader sees (a draft scheduled) moves the clock, so
        # that the schedule is read again.
        pks = before_pks | {a.pk for a in articles if a.pk is not None}
        bump(before | _public_article_keys(pks))

    transaction.on_commit(refresh)


def subject_changing(obj, *, fields=None):
    """Call inside the transaction that changes (or deletes) the subject ``obj``,
    before the change. ``fields`` names the fields that change (the admin form's
    ``changed_data``); the lists of its articles are refreshed only when one of
    them is shown in teasers or feeds (None: assume so)."""
    model, pk = type(obj), obj.pk
    if pk is None:
        return
    shown_in_lists = {
        name
        for subject in SUBJECTS
        if subject.model is model
        for name in subject.teaser_fields
    }
    lists = fields is None or bool(shown_in_lists & set(fields))
    before = _subject_keys(model, pk, lists=lists)

    def refresh():
        bump(before | _subject_keys(model, pk, lists=lists))

    transaction.on_commit(refresh)


def changing(obj, *, fields=None):
    """``articles_changing`` for an article, ``subject_changing`` for a subject."""
    if isinstance(obj, Article):
        articles_changing(obj)
    else:
        subject_changing(obj, fields=fields)


# -- versions in the shared cache ------------------------------------------------------


def _cache():
    return caches["default"]


def _version_key(key):
    return _PREFIX + "v:" + key


def _fresh_version():
    # A version never used before: a key evicted and made again must not come back
    # with a value an old page was stored with.
    return time.time_ns() // 1000


def _clock(cache):
    value = cache.get(_CLOCK)
    if value is None:
        cache.add(_CLOCK, _fresh_version(), timeout=None)
        value = cache.get(_CLOCK)
    return value


def _move_clock(cache):
    try:
        cache.incr(_CLOCK)
    except ValueError:
        cache.add(_CLOCK, _fresh_version(), timeout=None)


def bump(keys):
    """Move the clock, then the version of each key: a page that was being built
    from the old state while this happens is not kept (``_store``), and one kept
    before is no longer served. Then the edge cache in front drops the pages
    carrying the keys (newsroom/infra/edge.py)."""
    keys = set(keys)
    cache = _cache()
    _move_clock(cache)
    for key in keys:
        try:
            cache.incr(_version_key(key))
        except ValueError:
            cache.add(_version_key(key), _fresh_version(), timeout=None)
    edge.keys_changed(keys)


# -- scheduled publication -------------------------------------------------------------


def _check_schedule(cache, schedule, clock, now):
    """Refresh the pages of the articles whose publish time has come.

    The cache holds ``{"next": the next publish time, "as_of": when it was read,
    "clock": the clock then}``. Every change moves the clock, so a record with
    another clock may miss an article scheduled since; it is read again, and the
    articles that went live since it was made are refreshed. With no record (never
    made, or evicted) those of the last page lifetime are. Returns the time of
    the next scheduled publication (None: none is scheduled)."""
    if schedule is None:
        since = now - timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_SECONDS)
    elif schedule["clock"] != clock or (
        schedule["next"] is not None and schedule["next"] <= now
    ):
        since = schedule["as_of"]
    else:
        return schedule["next"]
    due = Article.objects.published(at=now).filter(published_at__gte=since)
    keys = _public_article_keys(list(due.values_list("pk", flat=True)))
    if keys:
        bump(keys)
        clock = cache.get(_CLOCK)
    upcoming = Article.objects.scheduled(at=now).aggregate(next=Min("published_at"))
    cache.set(_SCHEDULE, {"next": upcoming["next"], "as_of": now, "clock": clock}, None)
    return upcoming["next"]


# -- the middleware -------------------------------------------------------------------


def _is_shared(request):
    """A reader with no session: served from, and stored in, the cache."""
    return (
        request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _PREFIX + "page:" + hashlib.sha256(url.encode()).hexdigest()


def _public_headers(response, keys, next_publication):
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=edge.shared_max_age(next_publication),
    )
    patch_vary_headers(response, ["Cookie"])
    edge.tag(response, keys)
    set_response_etag(response)


def _is_private(response):
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control or "no-store" in cache_control


class PageCacheMiddleware:
    """Serves readers' pages from the cache and keeps the pages they are sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        enabled = settings.NEWSROOM_PAGE_CACHE and _is_shared(request)
        if not enabled:
            return self._mark(request, self.get_response(request))
        cache = _cache()
        page_key = _page_key(request)
        found = cache.get_many([page_key, _SCHEDULE, _CLOCK])
        clock = found.get(_CLOCK) or _clock(cache)
        if clock is None:
            # The cache is unavailable (faults.TolerantRedisCache): build the page.
            return self._mark(request, self.get_response(request))
        schedule = found.get(_SCHEDULE)
        next_publication = schedule and schedule["next"]
        try:
            next_publication = _check_schedule(cache, schedule, clock, timezone.now())
        except DATABASE_UNAVAILABLE as error:
            # Pages kept before the outage are still served; the others get the
            # 503 page from below (newsroom/infra/faults.py).
            logger.warning("Page cache: schedule not checked: %s", error)
        entry = found.get(page_key)
        if entry is not None and self._is_current(cache, entry):
            return self._replay(request, entry, next_publication)
        clock = cache.get(_CLOCK)
        response = self._mark(request, self.get_response(request), next_publication)
        if self._may_store(request, response):
            response["X-Page-Cache"] = "miss"
            if clock is not None:
                self._store(cache, page_key, clock, request, response)
        return response

    def _mark(self, request, response, next_publication=None):
        keys = getattr(request, "page_cache_keys", None)
        if keys is None or _is_private(response):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A staff view of a public page: never kept by any cache.
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.status_code == 200 and not response.streaming:
            _public_headers(response, keys, next_publication)
            return get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        return response

    def _may_store(self, request, response):
        return (
            getattr(request, "page_cache_keys", None) is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _is_private(response)
        )

    def _store(self, cache, page_key, clock, request, response):
        version_keys = [_version_key(key) for key in request.page_cache_keys]
        versions = cache.get_many(version_keys)
        for key in set(version_keys) - set(versions):
            cache.add(key, _fresh_version(), timeout=None)
        versions.update(cache.get_many(set(version_keys) - set(versions)))
        # A change that committed while this page was being built moved the clock
        # (before the versions): the page may show the old state, so it is not kept.
        if len(versions) < len(version_keys) or cache.get(_CLOCK) != clock:
            return
        entry = {
            "versions": versions,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() != "x-page-cache"
            ],
            "content": response.content,
        }
        cache.set(page_key, entry, settings.NEWSROOM_PAGE_CACHE_SECONDS)

    def _is_current(self, cache, entry):
        versions = entry["versions"]
        return cache.get_many(list(versions)) == versions

    def _replay(self, request, entry, next_publication):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        # The edge may keep it until the next publication, not as long as when kept.
        patch_cache_control(response, s_maxage=edge.shared_max_age(next_publication))
        response = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        response["X-Page-Cache"] = "hit"
        return response
