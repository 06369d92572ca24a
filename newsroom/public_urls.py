from django.urls import path

from . import views

app_name = "newsroom"

# Slugs may be Unicode (Arabic headlines), so they are matched as plain strings.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
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
]
