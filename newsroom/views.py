from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView

from .models import (
    Article,
    Byline,
    Contributor,
    Correction,
    PreviewLink,
    Series,
    public_tags,
)


def mark_private(response):
    """Previews are never cached and never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class ArticleListMixin:
    """A paginated list of published articles, as teasers."""

    paginate_by = 20
    allow_empty = True

    def get_articles(self):
        return Article.objects.published()

    def get_queryset(self):
        return self.get_articles().for_list()


class HomeView(ArticleListMixin, ListView):
    template_name = "newsroom/home.html"


class ArticleDetailView(DetailView):
    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_page()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            mark_private(response)  # a staff preview
        return response


class PreviewView(DetailView):
    """The page an article will have, for whoever holds a valid preview link."""

    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            self.link = PreviewLink.objects.from_signed(kwargs["token"])
        except PreviewLink.Invalid as error:
            response = render(
                request,
                "newsroom/preview_invalid.html",
                {"reason": str(error)},
                status=404,
            )
            return mark_private(response)
        return mark_private(super().get(request, *args, **kwargs))

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.for_page(), pk=self.link.article_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_link=self.link, **kwargs)


class CorrectionListView(ListView):
    """Every correction, clarification and update on published articles, newest
    first."""

    template_name = "newsroom/correction_list.html"
    paginate_by = 20
    allow_empty = True

    def get_queryset(self):
        return Correction.objects.filter(
            article__in=Article.objects.published()
        ).select_related("article")


class SeriesDetailView(ArticleListMixin, ListView):
    template_name = "newsroom/series_detail.html"

    def get_articles(self):
        self.series = get_object_or_404(
            Series.objects.public(), slug=self.kwargs["slug"]
        )
        return Article.objects.published().filter(series=self.series)

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)


class TagDetailView(ArticleListMixin, ListView):
    template_name = "newsroom/tag_detail.html"

    def get_articles(self):
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return Article.objects.published().filter(tagged_items__tag=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ContributorDetailView(ArticleListMixin, ListView):
    template_name = "newsroom/contributor_detail.html"

    def get_articles(self):
        self.contributor = get_object_or_404(
            Contributor.objects.public(), slug=self.kwargs["slug"]
        )
        credited = Byline.objects.filter(contributor=self.contributor)
        return Article.objects.published().filter(pk__in=credited.values("article"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(contributor=self.contributor, **kwargs)
