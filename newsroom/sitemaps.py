"""Sitemaps of what is published: articles, tags, series and contributors (with the
time their newest published article changed), and a Google News sitemap of the
articles published in the last 48 hours.

``/sitemap.xml`` is an index of the four sitemaps (``/sitemap-articles.xml`` …) and
of their further pages: a sitemap holds at most 50,000 addresses, and the articles
come 10,000 to a page, so every article of a large archive is listed."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, Byline, Contributor, Series, public_tags

NEWS_WINDOW = timedelta(hours=48)


def _newest_change(**filters):
    """The newest ``updated_at`` of a published article matching ``filters``
    (with OuterRef), for a sitemap's lastmod."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )


class PublicSitemap(Sitemap):
    def get_latest_lastmod(self):
        # The index gives no date per sitemap: Django would read every item of
        # every sitemap to find it. Each address inside a sitemap has its own.
        return None


class ArticleSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class LastmodAnnotatedSitemap(PublicSitemap):
    changefreq = "daily"
    priority = 0.5

    def lastmod(self, item):
        return item.lastmod


class TagSitemap(LastmodAnnotatedSitemap):
    def items(self):
        return (
            public_tags()
            .annotate(lastmod=_newest_change(tagged_items__tag=OuterRef("pk")))
            .order_by("name")
        )

    def location(self, item):
        return reverse("newsroom:tag", kwargs={"slug": item.slug})


class SeriesSitemap(LastmodAnnotatedSitemap):
    def items(self):
        return Series.objects.public().annotate(
            lastmod=_newest_change(series=OuterRef("pk"))
        )


class ContributorSitemap(LastmodAnnotatedSitemap):
    def items(self):
        credited = Byline.objects.filter(contributor=OuterRef(OuterRef("pk")))
        return Contributor.objects.public().annotate(
            lastmod=_newest_change(pk__in=credited.values("article"))
        )


class NewsSitemap(Sitemap):
    """Google News: articles published in the last 48 hours (rendered by
    templates/newsroom/sitemap_news.xml with the news namespace)."""

    limit = 1000

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(at=now)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .order_by("-published_at")
        )

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "series": SeriesSitemap,
    "contributors": ContributorSitemap,
}
