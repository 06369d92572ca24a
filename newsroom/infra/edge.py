"""The edge cache in front of the app servers — Varnish, or a CDN — purged exactly.

Every page the page cache may keep (``newsroom.public.page_cache``) carries the
keys of what it shows (``article:12``, ``taggit.tag:3:articles``, ``site``) as
*surrogate keys*, in the three headers edge caches read: ``xkey`` (Varnish with
the xkey module), ``Surrogate-Key`` (Fastly and others) and ``Cache-Tag``
(Cloudflare, comma-separated). The edge keeps such a page up to ``s-maxage``
(``NEWSROOM_CDN_MAX_AGE``: hours when purging is on).

When a change commits, ``page_cache.bump(keys)`` moves the versions of the keys it
touched and hands them here: ``keys_changed()`` queues one ``purge_edge`` task
(queue "edge") and the purger named by ``NEWSROOM_EDGE_PURGER`` removes from the
edge every page carrying one of the keys — each changed key once, in as few
requests as the edge accepts. Nothing else is purged: pages that show none of the
keys stay cached.

A page that was being built from the old state while the change committed can
reach the edge just after the purge. So each purge is sent again
``NEWSROOM_EDGE_REPURGE_SECONDS`` later, when no request begun before the change can
still be running.

Scheduled articles: the page cache learns of the next scheduled publication, and
no page is kept by the edge past it (``shared_max_age``). The first request after
it reaches the app, which moves the keys of the articles that went live — and so
purges them here.

Purgers are classes with a ``purge(keys)`` method that raises ``OSError`` when the
edge could not be reached (the task is then tried again, newsroom/infra/background.py):
``VarnishPurger`` (shipped, and tested against Varnish in tests/servers/) and
``FastlyPurger`` (Fastly's purge-by-surrogate-key API). Another CDN is one more
small class, named by its dotted path in ``NEWSROOM_EDGE_PURGER``.
"""

import logging
import math
import urllib.request
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.module_loading import import_string

from newsroom.infra.background import background

logger = logging.getLogger(__name__)

PURGERS = {
    "varnish": "newsroom.infra.edge.VarnishPurger",
    "fastly": "newsroom.infra.edge.FastlyPurger",
}


# -- the app side: tagging pages, asking for purges ----------------------------------


def tag(response, keys):
    """Mark ``response`` with its surrogate keys, for every kind of edge."""
    keys = sorted(keys)
    response["xkey"] = " ".join(keys)
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)


def shared_max_age(next_publication=None, now=None):
    """``s-maxage`` for a page sent now: ``NEWSROOM_CDN_MAX_AGE``, but no later than
    the next scheduled publication (which may change any list)."""
    seconds = settings.NEWSROOM_CDN_MAX_AGE
    if next_publication is not None:
        until = (next_publication - (now or timezone.now())).total_seconds()
        seconds = min(seconds, max(0, math.ceil(until)))
    return seconds


def is_on():
    return bool(settings.NEWSROOM_EDGE_PURGER)


def keys_changed(keys):
    """What ``page_cache.bump()`` calls once the versions of ``keys`` moved. It runs
    after the change committed: a queue that cannot be written to costs the purge
    (the edge then serves the old pages until s-maxage), never the change."""
    if not (is_on() and keys):
        return
    try:
        purge_edge.enqueue(sorted(keys))
    except DatabaseError as error:
        logger.error("Edge cache: purge of %s key(s) not queued: %s", len(keys), error)


@background(queue_name="edge", priority=10, retry_on=(OSError,))
def purge_edge(keys, again=True):
    """Remove from the edge every page carrying one of ``keys``; unless ``again`` is
    false, once more a little later (see the module's docstring)."""
    get_purger().purge(keys)
    delay = settings.NEWSROOM_EDGE_REPURGE_SECONDS
    if again and delay and purge_edge.get_backend().supports_defer:
        later = purge_edge.using(run_after=timezone.now() + timedelta(seconds=delay))
        later.enqueue(keys, again=False)
    return len(keys)


@cache
def _purger_class(name):
    return import_string(PURGERS.get(name, name))


def get_purger():
    return _purger_class(settings.NEWSROOM_EDGE_PURGER)()


def _chunks(keys, size):
    keys = sorted(set(keys))
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def _send(request, timeout):
    """Send ``request``; an answer other than 2xx raises (HTTPError is an OSError)."""
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


# -- purgers ------------------------------------------------------------------------


class VarnishPurger:
    """``PURGE /`` with the keys in ``xkey-purge`` to each Varnish of
    ``NEWSROOM_VARNISH_URLS``, as deploy/varnish/newsroom.vcl expects (it accepts
    purges only from the addresses of its ``purgers`` ACL)."""

    keys_per_request = 100
    timeout = 5

    def __init__(self, urls=None):
        self.urls = urls if urls is not None else settings.NEWSROOM_VARNISH_URLS

    def purge(self, keys):
        for url in self.urls:
            for chunk in _chunks(keys, self.keys_per_request):
                request = urllib.request.Request(
                    url.rstrip("/") + "/",
                    method="PURGE",
                    headers={"xkey-purge": " ".join(chunk)},
                )
                answer = _send(request, self.timeout)
                logger.info("Varnish %s: %s", url, answer.decode(errors="replace"))


class FastlyPurger:
    """Fastly's purge by surrogate key (``POST /service/ID/purge``, up to 256 keys
    each), with ``NEWSROOM_FASTLY_SERVICE_ID`` and an API token allowed to purge
    (``NEWSROOM_FASTLY_API_TOKEN``). Fastly reads the ``Surrogate-Key`` header of
    the pages and does not pass it on to readers."""

    keys_per_request = 256
    timeout = 10

    def purge(self, keys):
        url = "{}/service/{}/purge".format(
            settings.NEWSROOM_FASTLY_API_URL.rstrip("/"),
            settings.NEWSROOM_FASTLY_SERVICE_ID,
        )
        for chunk in _chunks(keys, self.keys_per_request):
            request = urllib.request.Request(
                url,
                method="POST",
                headers={
                    "Fastly-Key": settings.NEWSROOM_FASTLY_API_TOKEN,
                    "Surrogate-Key": " ".join(chunk),
                    "Accept": "application/json",
                },
            )
            answer = _send(request, self.timeout)
            logger.info("Fastly: %s", answer.decode(errors="replace"))
