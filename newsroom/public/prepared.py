"""Readers' article pages and teasers, prepared when the news changes.

An article's page (its head and body: the interview, the bylines and bios, the
tags, related articles, editions, structured data) and its teaser in lists only
change when something they show changes. They are rendered once, kept in the
article's ``Rendering`` row with the page-cache keys they show and those keys'
versions (newsroom.public.page_cache), and served while every version is
current:

- the write path (newsroom.desk.changes) renders the articles a change touched as
  soon as it commits, so the next reader finds them ready;
- anything else that moves one of their keys (a contributor's new bio, a related
  article published, the site's share image) makes them stale, and the next
  request renders them again, exactly as it would have without them.

A request for a prepared page is then one query and the site's frame around it
(``article_page``); a list is one query for its teasers (``teasers``).

Absolute addresses (canonical links, Open Graph, structured data, share links) are
rendered with ``ORIGIN`` and replaced by the requested site's own when served.
"""

import functools
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from taggit.models import Tag

from newsroom.i18n.interface import language_for_content
from newsroom.models import Article, Byline, Contributor, Rendering, Series
from newsroom.models.compiled import Compiled
from newsroom.public import feed_items, page_cache, structured_data

logger = logging.getLogger(__name__)

ORIGIN_HOST = "origin.newsroom.invalid"
ORIGIN = f"https://{ORIGIN_HOST}"

# What prepared pages are rendered with besides the data: the readers' templates, the
# translations, the static files' hashed names (collectstatic's manifest, when
# there is one) and the format of what prepare() writes (raise FORMAT when the
# code changes what it writes). A page kept by another generation — before a
# deploy that changed any of them — is not current: it is prepared again.
FORMAT = 4
GENERATION_KEY = "prepared-with"


@functools.cache
def generation():
    """This process's generation (read once)."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    root = Path(settings.BASE_DIR)
    # The readers' templates (the admin's never reach a prepared page).
    files = [
        *(root / "templates" / "newsroom").rglob("*"),
        *(root / "locale").rglob("*.mo"),
    ]
    for path in sorted(file for file in files if file.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and staticfiles_storage.exists(manifest):
        with staticfiles_storage.open(manifest) as kept:
            digest.update(kept.read())
    return digest.hexdigest()[:16]


def is_current(versions, found=None):
    """Whether ``versions`` (kept with a page, a teaser or a feed entry) are of
    this generation and still those of the cache (``found``: the cache's
    versions, read beforehand for many at once)."""
    if not versions or versions.get(GENERATION_KEY) != generation():
        return False
    shown = {key: version for key, version in versions.items() if key != GENERATION_KEY}
    if found is None:
        return page_cache.current(shown)
    return bool(shown) and all(found.get(key) == v for key, v in shown.items())


def shown_keys(versions):
    """The page-cache keys of what a prepared page shows."""
    return {key for key in versions if key != GENERATION_KEY}


class _AnyReader(HttpRequest):
    """The request a prepared page is rendered for: a reader with no session, at
    ``ORIGIN``."""

    def __init__(self, path):
        super().__init__()
        self.method = "GET"
        self.path = self.path_info = path
        self.user = AnonymousUser()

    def _get_scheme(self):
        return "https"

    def get_host(self):
        return ORIGIN_HOST


def teaser_keys(article):
    """What a teaser and a feed entry show: the article, its series, its credited
    people, its tags (the article loaded for a page or a list)."""
    keys = {page_cache.article_key(article.pk)}
    keys.update(page_cache.subject_key(Tag, tag.pk) for tag in article.tags.all())
    if article.series_id:
        keys.add(page_cache.subject_key(Series, article.series_id))
    keys.update(
        page_cache.subject_key(Contributor, byline.contributor_id)
        for byline in article.bylines.all()
    )
    return keys


def prepare(pk):
    """Render the page and teaser of the published article ``pk`` and keep them;
    returns the Rendering (not kept when a change committed meanwhile, or the
    cache cannot be read), or None when the article is not published."""
    clock = page_cache.clock()
    article = Article.objects.published().for_page().filter(pk=pk).first()
    if article is None:
        Rendering.objects.filter(article_id=pk).delete()
        return None
    path = article.get_absolute_url()
    request = _AnyReader(path)
    language = language_for_content(article.language)
    with translation.override(language):
        editions, related = Article.objects.editions_and_related(article)
        context = {
            "article": article,
            "editions": editions,
            "related": related,
            "json_ld": structured_data.news_article(
                article, absolute=request.build_absolute_uri, editions=editions
            ),
        }
        rendering = Rendering(
            article_id=article.pk,
            language=language,
            title=render_to_string(
                "newsroom/_article_title.html", context, request=request
            ).strip(),
            head=render_to_string("newsroom/_article_head.html", context, request),
            body=render_to_string("newsroom/_article_body.html", context, request),
            teaser=render_to_string(
                "newsroom/_article_teaser.html", {"article": article}, request
            ),
            feed_entry=feed_entry(article),
            credits=credits(article),
        )
    page_keys = page_cache.article_page_keys(article, editions=editions)
    page_keys.add(page_cache.EVERY_PAGE)
    shown_in_lists = teaser_keys(article)
    versions = page_cache.versions_for_keeping(page_keys | shown_in_lists)
    if versions is None or page_cache.clock() != clock:
        return rendering
    rendering.page_versions = {key: versions[key] for key in page_keys}
    rendering.teaser_versions = {key: versions[key] for key in shown_in_lists}
    rendering.page_versions[GENERATION_KEY] = generation()
    rendering.teaser_versions[GENERATION_KEY] = generation()
    _keep(rendering)
    return rendering


def feed_entry(article):
    """What a feed says of ``article`` (newsroom/public/feeds.py), addresses as
    paths, and its item in each kind of feed, written with ``ORIGIN``."""
    entry = {
        "title": article.headline,
        "path": article.get_absolute_url(),
        # Readers treat the summary as HTML: the dek is plain text.
        "summary": escape(article.dek),
        "published": article.published_at.isoformat(),
        "updated": article.updated_at.isoformat(),
        "categories": [tag.name for tag in article.tags.all()],
        "authors": [
            [person.name, person.get_absolute_url()]
            for person in article.credited_contributors()
        ],
    }
    for kind, feed_type in feed_items.FEED_TYPES.items():
        entry[kind] = feed_items.item_xml(feed_type, entry, lambda path: ORIGIN + path)
    return entry


def _keep(rendering):
    try:
        with transaction.atomic():
            rendering.save()
    except IntegrityError:
        # Another process kept one for this article meanwhile: theirs is as good.
        pass


def prepare_after_change(pks):
    """Render again the pages of the articles a committed change touched (the
    write path calls it); those no longer published lose their rendering. The
    change is committed whatever happens here: a page that cannot be rendered now
    is logged and left to its first reader (the versions it kept have moved, so
    it is never served stale)."""
    for pk in sorted(pks):
        try:
            prepare(pk)
        except Exception:
            logger.exception("The page of article %s could not be prepared", pk)


@functools.lru_cache(maxsize=64)
def _origins(origin):
    """What ``ORIGIN`` is replaced with: as written in addresses, and quoted (in
    the query of share links)."""
    return ((ORIGIN, origin), (quote(ORIGIN, safe="/"), quote(origin, safe="/")))


def served(text, request):
    """``text`` with the requested site's origin for ``ORIGIN``, as written in
    addresses and inside the query of share links."""
    for kept, origin in _origins(f"{request.scheme}://{request.get_host()}"):
        text = text.replace(kept, origin)
    return mark_safe(text)  # noqa: S308 (rendered here)


def _article_page_query(shape, *, at, slug):
    return (
        Article.objects.published(at=at)
        .filter(slug=slug)
        .values_list(
            "pk",
            "rendering__language",
            "rendering__title",
            "rendering__head",
            "rendering__body",
            "rendering__page_versions",
        )
        .order_by()[:1]
    )


_ARTICLE_PAGE = Compiled(
    _article_page_query,
    at=Article._meta.get_field("published_at"),
    slug=Article._meta.get_field("slug"),
)


def article_page(slug):
    """The Rendering of the published article ``slug``: the kept one if current,
    else one rendered now; None when no published article has that slug. One
    query when the kept page is current."""
    found = _ARTICLE_PAGE.rows(at=timezone.now(), slug=slug)
    row = found[0] if found else None
    if row is None:
        return None
    pk, language, title, head, body, versions = row
    if is_current(versions):
        return Rendering(
            article_id=pk,
            language=language,
            title=title,
            head=head,
            body=body,
            page_versions=versions,
        )
    return prepare(pk)


_FRAMES = {}
_MARKS = re.compile("\x00(?:title|head|body)\x00")


def _frame(language):
    """The site's frame around an article page in ``language``: the parts of
    newsroom/article_page.html around its title, head and body. Nothing in it
    depends on the request or the article, so it is rendered once per process
    (again after a change of settings, as tests make)."""
    parts = _FRAMES.get(language)
    if parts is None:
        context = {
            name: mark_safe(f"\x00{name}\x00")  # noqa: S308 (a marker)
            for name in ("title", "head", "body")
        }
        with translation.override(language):
            page = render_to_string(
                "newsroom/article_page.html", context, request=_AnyReader("/")
            )
        parts = _MARKS.split(page)
        if len(parts) != 4:
            raise ValueError("article_page.html must show title, head and body once")
        _FRAMES[language] = parts
    return parts


@receiver(setting_changed)
def _forget_frames(**kwargs):
    _FRAMES.clear()


def page_html(rendering, request):
    """The whole page of a prepared article for ``request``: the frame, the kept
    title (escaped when rendered), head and body."""
    top, between, before_body, bottom = _frame(rendering.language)
    return "".join(
        [
            top,
            rendering.title,
            between,
            served(rendering.head, request),
            before_body,
            served(rendering.body, request),
            bottom,
        ]
    )


# What a list reads of each article: enough to serve its teaser (on a
# contributor's page, with what they did on it); a feed, its item in the feed's
# kind and its dates.
TEASER_ROW = ("pk", "language", "rendering__teaser_versions", "rendering__teaser")
CREDITED_ROW = (*TEASER_ROW, "rendering__credits")
FEED_ROWS = {
    kind: (
        "pk",
        "language",
        "rendering__teaser_versions",
        f"rendering__feed_entry__{kind}",
        "rendering__feed_entry__published",
        "rendering__feed_entry__updated",
    )
    for kind in feed_items.FEED_TYPES
}


def teaser_keys_of(rows):
    """The page-cache keys of what the teasers of ``rows`` (``TEASER_ROW``,
    ``CREDITED_ROW`` or ``FEED_ROWS`` values) show."""
    return {key for row in rows for key in shown_keys(row[2] or {})}


def _kept(rows, pick, found=None):
    """What ``pick(rendering)`` takes of the Rendering of each of ``rows``
    (``TEASER_ROW``, ``CREDITED_ROW`` or ``FEED_ROWS`` values, in order, which
    hold the same after their versions): kept if current, the others (and any
    kept before a field existed) prepared now; None for an article unpublished
    meanwhile. No query, and one read of the cache (none if ``found``, the
    cache's versions of ``teaser_keys_of(rows)``, is given), when all are
    current."""
    rows = list(rows)
    if found is None:
        found = page_cache.versions_now(teaser_keys_of(rows))
    kept_now = []
    for pk, _language, versions, *kept in rows:
        if not (all(kept) and is_current(versions, found)):
            rendering = prepare(pk)
            kept = None if rendering is None else pick(rendering)
        kept_now.append(kept)
    return kept_now


def teasers(rows, found=None):
    """The teasers of a page of articles (``TEASER_ROW`` values, in order)."""
    return [
        mark_safe(kept[0] if kept else "")  # noqa: S308 (rendered here)
        for kept in _kept(rows, lambda rendering: [rendering.teaser], found)
    ]


def feed_entries(rows, kind):
    """``[item XML, published, updated]`` of each article of ``rows``
    (``FEED_ROWS[kind]`` values, in order): its item in a feed of ``kind``
    ("rss", "atom") and its dates (ISO 8601). An article unpublished meanwhile is
    left out."""

    def pick(rendering):
        entry = rendering.feed_entry
        return [entry[kind], entry["published"], entry["updated"]]

    return [kept for kept in _kept(rows, pick) if kept]


def credited_teasers(rows, contributor, found=None):
    """The teasers of ``contributor``'s page (``CREDITED_ROW`` values), each
    saying what they did on the article ("Interviewer, Translator")."""
    noted = []
    pick = lambda rendering: [rendering.teaser, rendering.credits]  # noqa: E731
    for kept in _kept(rows, pick, found):
        teaser, credits = kept or ("", {})
        note = credits.get(str(contributor.pk))
        head, closed, tail = teaser.rpartition("</article>")
        if note and closed:
            teaser = format_html(
                '{}<p class="teaser-note">{}</p></article>{}',
                mark_safe(head),  # noqa: S308 (rendered here)
                note,
                mark_safe(tail),  # noqa: S308
            )
        noted.append(mark_safe(teaser))  # noqa: S308
    return noted


def credits(article):
    """What each credited person did on ``article``, by contributor id, in the
    article's language ("Interviewer, Translator")."""
    roles = {}
    for byline in article.bylines.all():
        roles.setdefault(str(byline.contributor_id), []).append(byline.role)
    with translation.override(language_for_content(article.language)):
        between = pgettext("between roles", ", ")
        return {
            person: between.join(
                str(Byline.Role(role).label) for role in dict.fromkeys(done)
            )
            for person, done in roles.items()
        }
