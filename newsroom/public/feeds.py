"""RSS 2.0 and Atom feeds of published articles: the whole site, a tag, a series, a
contributor. Each entry has every byline as an author and the tags as categories."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom.models import (
    Article,
    public_contributors,
    public_series,
    public_tags,
)
from newsroom.public import page_cache

FEED_LENGTH = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with one ``<dc:creator>`` per credited person (RSS's own
    ``<author>`` must be an email address, which contributors need not have)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(Atom1Feed):
    """Atom with one ``<author>`` per credited person (Django's Atom has one)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")


class ArticleFeed(Feed):
    """The site's latest published articles. Subclasses narrow ``articles()``."""

    feed_type = RssWithAuthors
    description_template = None

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request (it sits in the URLconf): work on
        # a copy that may hold this request, for the authors' absolute URLs.
        feed = copy.copy(self)
        feed.request = request
        return super(ArticleFeed, feed).__call__(request, *args, **kwargs)

    def get_feed(self, obj, request):
        # The site's feed shows the site's list; a tag's, series' or contributor's
        # shows theirs (newsroom/public/page_cache.py).
        page_cache.depends_on(
            request,
            {page_cache.SITE} if obj is None else page_cache.subject_page_keys(obj),
        )
        return super().get_feed(obj, request)

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_list().prefetch_related("tags")[:FEED_LENGTH]

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

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

    def author_name(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers treat the description as HTML: the dek is plain text.
        return escape(item.dek)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        return {
            "authors": [
                (
                    person.name,
                    self.request.build_absolute_uri(person.get_absolute_url()),
                )
                for person in item.credited_contributors()
            ]
        }


class AtomFeedMixin:
    feed_type = AtomWithAuthors

    def subtitle(self, obj):
        return self.summary_text(obj)


class LatestArticlesFeed(ArticleFeed):
    pass


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    pass


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def articles(self, obj):
        return Article.objects.published().listed_under_tag(obj)

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
    def get_object(self, request, slug):
        return get_object_or_404(public_series(), slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(series=obj)

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def summary_text(self, obj):
        return obj.description or _("The series %(name)s.") % {"name": obj.name}


class SeriesAtomFeed(AtomFeedMixin, SeriesFeed):
    pass


class ContributorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_contributors(), slug=slug)

    def articles(self, obj):
        return Article.objects.published().listed_under_contributor(obj)

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def summary_text(self, obj):
        return _("Interviews and translations by %(name)s.") % {"name": obj.name}


class ContributorAtomFeed(AtomFeedMixin, ContributorFeed):
    pass
