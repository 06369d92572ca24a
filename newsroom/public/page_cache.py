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
unchanged. The write path (newsroom.desk.changes) sees every change of an article,
of its parts and of the subjects it shows; it reads the keys of the pages showing
them before the change (``public_article_keys``, ``subject_keys``) and after it,
and once the transaction commits it moves the versions of all of them on in the
shared cache (``bump``; Redis in production), so that no process of any app server
serves those pages again. Nothing is deleted: a page whose versions moved is simply
built again by the next reader.

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
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from newsroom.content.parts import PARTS
from newsroom.infra import edge
from newsroom.infra.faults import DATABASE_UNAVAILABLE
from newsroom.models import Article

logger = logging.getLogger(__name__)

SITE = "site"
# What every page shows: the site settings (the default share image).
EVERY_PAGE = "every-page"
_PREFIX = "page-cache:"
_CLOCK = _PREFIX + "clock"
_SCHEDULE = _PREFIX + "schedule"


# -- what pages show ------------------------------------------------------------------


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
    for subject in PARTS.subjects():
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
    request.page_cache_keys = frozenset({*keys, EVERY_PAGE})


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
    for subject in PARTS.subjects():
        pks = set(subject.of_articles(articles))
        keys.update(list_key(subject.model, pk) for pk in pks if pk is not None)
    return keys


def public_article_keys(pks):
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


def subject_keys(model, pk, *, lists):
    """The keys of the pages showing the subject ``pk`` of ``model``; with
    ``lists``, also of the lists of its published articles (a change of what
    their teasers show)."""
    keys = {SITE, subject_key(model, pk)}
    if lists:
        for subject in PARTS.subjects():
            if subject.model is model:
                articles = Article.objects.published().filter(
                    pk__in=subject.articles(pk).values("pk")
                )
                keys |= _subject_lists(articles)
    return keys


# -- versions in the shared cache ------------------------------------------------------


def keys_wanted():
    """Whether changes need to know which pages they touch: always, as the
    articles' prepared pages are kept exact by these keys even when the page cache
    is off (newsroom/public/prepared.py)."""
    return True


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


def clock():
    """The clock every change moves (None when the cache cannot be read): read it
    before reading what a page shows, and again before keeping the page."""
    return _clock(_cache())


def versions_for_keeping(keys):
    """``{key: version}`` of ``keys`` now, made where missing, to keep beside
    something built from what they name; None when the cache cannot be read."""
    cache = _cache()
    names = {_version_key(key): key for key in keys}
    found = cache.get_many(list(names))
    for name in set(names) - set(found):
        cache.add(name, _fresh_version(), timeout=None)
    found.update(cache.get_many(list(set(names) - set(found))))
    if len(found) < len(names):
        return None
    return {names[name]: version for name, version in found.items()}


def current(kept_versions):
    """Whether versions kept with something (``versions_for_keeping``) are still
    those of the cache: nothing it shows has changed since."""
    if not kept_versions:
        return False
    names = {_version_key(key): version for key, version in kept_versions.items()}
    return _cache().get_many(list(names)) == names


def versions_now(keys):
    """``{key: version}`` of those of ``keys`` the cache holds, in one read: to
    check many things kept with versions at once."""
    names = {_version_key(key): key for key in keys}
    found = _cache().get_many(list(names)) if names else {}
    return {names[name]: version for name, version in found.items()}


def versions_and_clock(keys):
    """``versions_now(keys)`` and the ``clock()``, in one read (the clock is None
    when the cache cannot be read or has none yet)."""
    names = {_version_key(key): key for key in keys}
    found = _cache().get_many([*names, _CLOCK])
    clock = found.pop(_CLOCK, None)
    return {names[name]: version for name, version in found.items()}, clock


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
    keys = public_article_keys(list(due.values_list("pk", flat=True)))
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
