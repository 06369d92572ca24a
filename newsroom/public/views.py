from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, RedirectView, TemplateView

from newsroom.content import search
from newsroom.desk.gate import Desk
from newsroom.models import (
    Article,
    Correction,
    PreviewLink,
    TagAlias,
    public_tags,
)
from newsroom.public import (
    list_pages,
    lists,
    page_cache,
    prepared,
    structured_data,
)
from newsroom.public.languages import EditionLanguageMixin
from newsroom.public.pagination import PageNotFound, page_or_404
from newsroom.public.sitemaps import robots_sitemaps


def mark_private(response):
    """Previews are never cached and never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class PublicPageMixin:
    """A page for everyone, which the page cache keeps for readers until what it
    shows changes: ``page_keys`` names that (newsroom/public/page_cache.py)."""

    def page_keys(self, context):
        return {page_cache.SITE}

    def render_to_response(self, context, **kwargs):
        page_cache.depends_on(self.request, self.page_keys(context))
        return super().render_to_response(context, **kwargs)


class UncountedPagesMixin(PublicPageMixin):
    """Pages of a list that never count it (newsroom.public.pagination); a page past the
    end is a 404 that says so."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PageNotFound as error:
            return render(request, "404.html", {"reason": str(error)}, status=404)

    def paginate_queryset(self, queryset, page_size):
        page = page_or_404(queryset, page_size, self.request.GET.get("page"))
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArticleListMixin(UncountedPagesMixin):
    """A paginated list of published articles, as their prepared teasers
    (newsroom/public/prepared.py) in the page's frame
    (newsroom/public/list_pages.py): one compiled query for a page of them
    (newsroom/public/lists.py)."""

    paginate_by = 20
    allow_empty = True
    articles = lists.LATEST
    subject = None
    columns = prepared.TEASER_ROW

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Read before the subject and the rows: a change committing after this
        # moves it, and a frame built meanwhile is not kept.
        self.clock = page_cache.clock()

    def get_queryset(self):
        subject = self.subject.pk if self.subject else None
        return self.articles.rows(subject, columns=self.columns)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["object_list"]
        self.found, self.found_clock = list_pages.read_versions(self, rows, context)
        context["teasers"] = self.teasers(rows, self.found)
        return context

    def teasers(self, rows, found):
        return prepared.teasers(rows, found)

    def render_to_response(self, context, **kwargs):
        page_cache.depends_on(self.request, self.page_keys(context))
        return HttpResponse(
            list_pages.page_html(self, context, self.found, self.found_clock)
        )


class HomeView(ArticleListMixin, ListView):
    template_name = "newsroom/home.html"


class ArticleDetailView(EditionLanguageMixin, PublicPageMixin, DetailView):
    """A published article's page, prepared when it changed
    (newsroom/public/prepared.py); a staff preview of an unpublished one is built
    when asked."""

    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        rendering = prepared.article_page(kwargs["slug"])
        if rendering is None:
            return super().get(request, *args, **kwargs)
        translation.activate(rendering.language)
        request.LANGUAGE_CODE = rendering.language
        page_cache.depends_on(request, prepared.shown_keys(rendering.page_versions))
        return HttpResponse(prepared.page_html(rendering, request))

    def get_queryset(self):
        # Readers get what is published; staff preview what the gate lets them.
        return Desk(self.request.user).pages().for_page()

    def get_context_data(self, **kwargs):
        editions, related = Article.objects.editions_and_related(self.object)
        json_ld = structured_data.news_article(
            self.object, absolute=self.request.build_absolute_uri, editions=editions
        )
        return super().get_context_data(
            editions=editions, related=related, json_ld=json_ld, **kwargs
        )

    def page_keys(self, context):
        return page_cache.article_page_keys(self.object, editions=context["editions"])

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            mark_private(response)  # a staff preview
        return response


class PreviewView(EditionLanguageMixin, DetailView):
    """The page an article will have, for whoever holds a valid preview link: a
    source, a freelance translator, someone outside the newsroom. Its links send
    no Referer at all, so no site learns the secret address."""

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
        else:
            response = super().get(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return mark_private(response)

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.for_page(), pk=self.link.article_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_link=self.link, **kwargs)


class CorrectionListView(UncountedPagesMixin, ListView):
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

    articles = lists.IN_SERIES

    def get(self, request, *args, **kwargs):
        self.subject = self.series = lists.SERIES.get(kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)

    def page_keys(self, context):
        return page_cache.subject_page_keys(self.series)


class TagDetailView(ArticleListMixin, ListView):
    template_name = "newsroom/tag_detail.html"
    articles = lists.TAGGED

    def get(self, request, *args, **kwargs):
        self.subject = self.tag = lists.TAG.find(kwargs["slug"])
        if self.tag is None:
            # Another spelling of a tag, or a tag merged into another: its address
            # moved for good.
            alias = get_object_or_404(
                TagAlias.objects.filter(tag__in=public_tags()).select_related("tag"),
                slug=kwargs["slug"],
            )
            return redirect("newsroom:tag", slug=alias.tag.slug, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def page_keys(self, context):
        return page_cache.subject_page_keys(self.tag)


class ContributorDetailView(ArticleListMixin, ListView):
    template_name = "newsroom/contributor_detail.html"

    articles = lists.CREDITED
    columns = prepared.CREDITED_ROW

    def get(self, request, *args, **kwargs):
        self.subject = self.contributor = lists.CONTRIBUTOR.get(kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        json_ld = structured_data.profile_page(
            self.contributor, absolute=self.request.build_absolute_uri
        )
        return super().get_context_data(
            contributor=self.contributor, json_ld=json_ld, **kwargs
        )

    def teasers(self, rows, found):
        # Each teaser says what the contributor did on the article.
        return prepared.credited_teasers(rows, self.contributor, found)

    def page_keys(self, context):
        return page_cache.subject_page_keys(self.contributor)


class SearchView(UncountedPagesMixin, TemplateView):
    """``/search/?q=…``: published articles, best match first, each with the
    passage that matched."""

    template_name = "newsroom/search.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        query = search.parse_query(self.request.GET.get("q", ""))
        page = page_or_404(
            search.Ranking(query), self.paginate_by, self.request.GET.get("page")
        )
        return super().get_context_data(
            query=query,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            results=search.results(list(page.object_list), query),
            **kwargs,
        )


class RobotsView(PublicPageMixin, TemplateView):
    template_name = "newsroom/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        sitemaps = robots_sitemaps(self.request.build_absolute_uri)
        return super().get_context_data(sitemaps=sitemaps, **kwargs)


class FaviconView(RedirectView):
    """``/favicon.ico``, which browsers and feed readers ask for whatever a page
    says: the icon among the static files. Not permanent: the hashed name of
    the file changes when the icon does."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.ico")
