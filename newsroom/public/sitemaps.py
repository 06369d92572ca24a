"""Sitemaps of what is published: articles, tags, series and contributors (with the
time their newest published article changed), and a Google News sitemap of the
articles published in the last 48 hours (none, a 404 and no mention in
robots.txt, while nothing is that recent).

``/sitemap.xml`` is an index of the four sitemaps (``/sitemap-articles.xml`` …) and
of their further pages: a sitemap holds at most 50,000 addresses, and the articles
come 10,000 to a page, so every article of a large archive is listed."""

from datetime import timedelta
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from newsroom.infra.faults import DATABASE_UNAVAILABLE
from newsroom.models import (
    Article,
    Byline,
    TaggedArticle,
    public_contributors,
    public_series,
    public_tags,
)

NEWS_WINDOW = timedelta(hours=48)


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
        # Only what an entry shows (the address and the date), in the order of
        # the article_published_order index, which holds them.
        return (
            Article.objects.published()
            .order_by("-published_at", "-pk")
            .only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at


class NewestChangeSitemap(PublicSitemap):
    """Pages listing articles, dated by the newest change of a published article
    they list: ``newest_changes()`` gives {page object's id: date}, for all of them
    in one grouped query (one subquery per entry would read each page's articles
    again: seconds for a popular tag)."""

    changefreq = "daily"
    priority = 0.5

    @cached_property
    def _newest_changes(self):
        return dict(self.newest_changes().order_by())

    def lastmod(self, item):
        return self._newest_changes.get(item.pk)


class TagSitemap(NewestChangeSitemap):
    def items(self):
        return public_tags().order_by("name")

    def newest_changes(self):
        return (
            TaggedArticle.objects.filter(content_object__in=Article.objects.published())
            .values_list("tag")
            .annotate(Max("content_object__updated_at"))
        )

    def location(self, item):
        return reverse("newsroom:tag", kwargs={"slug": item.slug})


class SeriesSitemap(NewestChangeSitemap):
    def items(self):
        return public_series()

    def newest_changes(self):
        return (
            Article.objects.published()
            .filter(series__isnull=False)
            .values_list("series")
            .annotate(Max("updated_at"))
        )


class ContributorSitemap(NewestChangeSitemap):
    def items(self):
        return public_contributors()

    def newest_changes(self):
        return (
            Byline.objects.filter(article__in=Article.objects.published())
            .values_list("contributor")
            .annotate(Max("article__updated_at"))
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


def has_news():
    """Whether an article was published in the last 48 hours: a news sitemap
    without one would be invalid (the sitemap schema wants at least one <url>), so
    then there is none, and robots.txt does not name it."""
    return NewsSitemap().items().exists()


def robots_sitemaps(absolute):
    """The sitemaps robots.txt names. robots.txt is answered even while the
    database is down (a crawler reads an error there as "crawl nothing"): it then
    names the index only."""
    found = [absolute(reverse("newsroom:sitemap"))]
    try:
        news = has_news()
    except DATABASE_UNAVAILABLE:
        news = False
    if news:
        found.append(absolute(reverse("newsroom:sitemap-news")))
    return found


def news_sitemap(request):
    """``/sitemap-news.xml``: the news sitemap, or a 404 while there is no news."""
    if not has_news():
        raise Http404("Nothing was published in the last 48 hours.")
    return sitemap_views.sitemap(
        request,
        sitemaps={"news": NewsSitemap},
        template_name="newsroom/sitemap_news.xml",
    )


SITEMAPS = {
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "series": SeriesSitemap,
    "contributors": ContributorSitemap,
}
