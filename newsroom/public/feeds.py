"""RSS 2.0 and Atom feeds of published articles: the whole site, a tag, a series, a
contributor. Each entry has every byline as an author and the tags as categories.

Entries are prepared with the articles' pages (newsroom/public/prepared.py): a
feed is the subject's row, one compiled query for the latest entries
(newsroom/public/lists.py) and Django's feed generator.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.public import feed_items, lists, page_cache, prepared
from newsroom.public.feed_items import AtomWithAuthors, RssWithAuthors

FEED_LENGTH = 30


class ArticleFeed:
    """The site's latest published articles. Subclasses name the ``subject`` the
    feed is about (a ``lists.Subject``) and its ``articles`` (a
    ``lists.ArticleList``). One instance serves every request (it sits in the
    URLconf): it keeps nothing of a request."""

    feed_type = RssWithAuthors
    kind = "rss"
    articles = lists.LATEST
    subject = None

    def __call__(self, request, slug=None):
        obj = None if self.subject is None else self.subject.get(slug)
        # The site's feed shows the site's list; a tag's, series' or contributor's
        # shows theirs (newsroom/public/page_cache.py).
        page_cache.depends_on(
            request,
            {page_cache.SITE} if obj is None else page_cache.subject_page_keys(obj),
        )
        rows = self.articles.rows(
            None if obj is None else obj.pk, columns=prepared.FEED_ROWS[self.kind]
        )[0:FEED_LENGTH]
        entries = prepared.feed_entries(rows, self.kind)
        feed = self.feed(obj, request)
        response = HttpResponse(content_type=feed.content_type)
        latest = feed_items.latest(d for _item, *dates in entries for d in dates)
        latest = latest or timezone.now()
        response.headers["Last-Modified"] = http_date(latest.timestamp())
        xml = feed_items.write(feed, [item for item, *_dates in entries], latest)
        response.write(prepared.served(xml, request))
        return response

    def feed(self, obj, request):
        """The feed's generator, holding its channel (items are kept XML)."""
        absolute = request.build_absolute_uri
        return self.feed_type(
            title=self.title(obj),
            subtitle=self.subtitle(obj),
            link=absolute(self.link(obj)),
            description=self.description(obj),
            language=get_language(),
            feed_url=absolute(request.path),
            author_name=settings.NEWSROOM_SITE_NAME,
        )

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def subtitle(self, obj):
        return None

    def link(self, obj):
        return reverse("newsroom:home")

    def description(self, obj):
        # RSS readers treat a channel's description as HTML, and it can hold a
        # tag's, series' or contributor's name: escape it (Atom's subtitle is
        # plain text, see AtomFeedMixin).
        return escape(self.summary_text(obj))

    def summary_text(self, obj):
        return _("The latest interviews from %(site_name)s.") % {
            "site_name": settings.NEWSROOM_SITE_NAME
        }


class AtomFeedMixin:
    feed_type = AtomWithAuthors
    kind = "atom"

    def subtitle(self, obj):
        return self.summary_text(obj)


class LatestArticlesFeed(ArticleFeed):
    pass


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    pass


class TagFeed(ArticleFeed):
    subject = lists.TAG
    articles = lists.TAGGED

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return reverse("newsroom:tag", kwargs={"slug": obj.slug})

    def summary_text(self, obj):
        return _("Interviews about %(name)s from %(site_name)s.") % {
            "name": obj.name,
            "site_name": settings.NEWSROOM_SITE_NAME,
        }


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass


class SeriesFeed(ArticleFeed):
    subject = lists.SERIES
    articles = lists.IN_SERIES

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def summary_text(self, obj):
        return obj.description or _("The series %(name)s.") % {"name": obj.name}


class SeriesAtomFeed(AtomFeedMixin, SeriesFeed):
    pass


class ContributorFeed(ArticleFeed):
    subject = lists.CONTRIBUTOR
    articles = lists.CREDITED

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def summary_text(self, obj):
        return _("Interviews and translations by %(name)s.") % {"name": obj.name}


class ContributorAtomFeed(AtomFeedMixin, ContributorFeed):
    pass
