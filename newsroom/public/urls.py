from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsroom.public import feeds, page_cache, sitemaps, views

app_name = "newsroom"

# Slugs may be Unicode (Arabic headlines), so they are matched as plain strings.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("series/<str:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
    path(
        "contributors/<str:slug>/",
        views.ContributorDetailView.as_view(),
        name="contributor",
    ),
    # Feeds: RSS 2.0 at …/feed/, Atom at …/feed/atom/.
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("tags/<str:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tags/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
    path("series/<str:slug>/feed/", feeds.SeriesFeed(), name="series-feed"),
    path(
        "series/<str:slug>/feed/atom/",
        feeds.SeriesAtomFeed(),
        name="series-feed-atom",
    ),
    path(
        "contributors/<str:slug>/feed/",
        feeds.ContributorFeed(),
        name="contributor-feed",
    ),
    path(
        "contributors/<str:slug>/feed/atom/",
        feeds.ContributorAtomFeed(),
        name="contributor-feed-atom",
    ),
    # Sitemaps (an index of one sitemap per kind of page, and Google News's) and
    # robots.txt.
    path(
        "sitemap.xml",
        page_cache.site_page(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "newsroom:sitemap-part"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        page_cache.site_page(sitemaps.news_sitemap),
        name="sitemap-news",
    ),
    path(
        "sitemap-<str:section>.xml",
        page_cache.site_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-part",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path(
        "favicon.ico",
        views.FaviconView.as_view(),
        name="favicon",
    ),
]
