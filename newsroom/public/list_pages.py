"""A list page (the front page, a series, a tag, a contributor) served as its
frame around its teasers.

The teasers are prepared when their articles change (newsroom/public/prepared.py).
Everything else on the page (the head, the subject's header, the page links)
changes only when the subject, the list or the site changes, so each process keeps
it, rendered once, as a *frame*: the page's HTML split where the teasers go. A
frame is kept with the versions of the page-cache keys the page shows
(newsroom/public/page_cache.py) and used only while they are those of the cache:
it is as exact as the page cache itself. The versions are read in the same read as
the teasers'.

A change that commits while a frame is being built moves the page cache's clock
before the versions; a frame built from what was read before the clock was read
again is not kept (the request itself is answered with it).
"""

import threading
from collections import OrderedDict

from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from newsroom.public import page_cache, prepared

# Where the teasers go: the template shows its teasers in order, so one stand-in
# teaser marks the place of all of them.
_TEASERS = "\x00teasers\x00"
# Frames kept per process: a page's frame is a few kilobytes.
LIMIT = 2000

_frames = OrderedDict()
_lock = threading.Lock()


def frame_keys(view, context):
    """The page-cache keys of what a list page's frame shows."""
    return {*view.page_keys(context), page_cache.EVERY_PAGE}


def read_versions(view, rows, context):
    """Before the teasers are taken from ``rows``: the versions of what the
    teasers and the frame show, and the clock, in one read of the cache."""
    keys = prepared.teaser_keys_of(rows) | frame_keys(view, context)
    return page_cache.versions_and_clock(keys)


def _frame_key(view, context):
    request, page = view.request, context["page_obj"]
    return (
        type(view).__qualname__,
        view.subject.pk if view.subject is not None else None,
        translation.get_language(),
        request.scheme,
        request.get_host(),
        get_script_prefix(),
        page.number,
        page.has_previous(),
        page.has_next(),
        page.is_last_allowed,
        bool(context["teasers"]),
    )


def page_html(view, context, found, clock):
    """The whole page: the kept frame if current (else rendered now, and kept
    when nothing changed since ``view.clock`` was read), with the teasers."""
    teasers = context["teasers"]
    key = _frame_key(view, context)
    versions = {name: found.get(name) for name in frame_keys(view, context)}
    with _lock:
        kept = _frames.get(key)
        if kept is not None:
            _frames.move_to_end(key)
    if kept is not None and kept[0] == versions:
        parts = kept[1]
    else:
        parts = _render(view, context)
        versions = _versions_to_keep(view, versions, clock)
        if versions is not None:
            with _lock:
                _frames[key] = (versions, parts)
                _frames.move_to_end(key)
                while len(_frames) > LIMIT:
                    _frames.popitem(last=False)
    if len(parts) == 1:
        return parts[0]
    return "".join([parts[0], *teasers, parts[1]])


def _render(view, context):
    stand_in = [mark_safe(_TEASERS)] if context["teasers"] else []  # noqa: S308
    html = render_to_string(
        view.get_template_names(), {**context, "teasers": stand_in}, view.request
    )
    parts = html.split(_TEASERS)
    if len(parts) != (2 if stand_in else 1):
        raise ValueError(f"{view.template_name} must show its teasers once")
    return parts


def _versions_to_keep(view, versions, clock):
    """The versions to keep a frame built now with, or None if it must not be
    kept: the cache could not be read, or something changed since ``view.clock``
    (read before the page's subject and rows)."""
    if view.clock is None or clock != view.clock:
        return None
    if None not in versions.values():
        return versions
    made = page_cache.versions_for_keeping(versions)
    if made is None or page_cache.clock() != view.clock:
        return None
    return made


def forget():
    """Drop every kept frame (tests; a change of settings)."""
    with _lock:
        _frames.clear()


setting_changed.connect(
    lambda **kwargs: forget(), dispatch_uid="newsroom-list-frames-forget", weak=False
)
