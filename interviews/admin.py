from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin import (
    ArticleAdmin,
    ArticlePartInlineMixin,
    BylineInline,
    OneChangePerRequestMixin,
    PositionedInlineMixin,
)
from newsroom.admin.paging import PagedInlineMixin
from newsroom.desk.gate import desk_for
from newsroom.models import Article

from . import anonymity, segment_split, services
from .import_admin import TranscriptImportMixin
from .inline_forms import IntervieweeRowForm
from .models import ArticleInterviewee, Interviewee, Segment


@admin.register(Interviewee)
class IntervieweeAdmin(OneChangePerRequestMixin, admin.ModelAdmin):
    """Real names of anonymous interviewees only for those allowed to see them
    (interviews.anonymity); everyone else works with the public description."""

    list_display = ["real_name", "public_label", "details", "article_count"]
    list_filter = ["is_anonymous"]
    search_fields = ["name", "title", "organisation", "public_description"]
    fields = ["name", "title", "organisation", "is_anonymous", "public_description"]

    def get_queryset(self, request):
        queryset = (
            super().get_queryset(request).annotate(_articles=Count("article_links"))
        )
        return anonymity.with_name_visibility(queryset, request.user)

    def get_ordering(self, request):
        # Sorting by a hidden name would hint at it; others get the newest first.
        if anonymity.sees_all_real_names(request.user):
            return ["name", "pk"]
        return ["-pk"]

    def get_fields(self, request, obj=None):
        if obj is not None and not anonymity.name_visible(request.user, obj):
            return ["is_anonymous", "public_description"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Only editors may lift anonymity: it would publish the name.
        if obj is not None and obj.is_anonymous:
            if not anonymity.sees_all_real_names(request.user):
                return ["is_anonymous"]
        return super().get_readonly_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        if anonymity.sees_all_real_names(request.user) or not search_term:
            return super().get_search_results(request, queryset, search_term)
        # Searching must not tell who hides behind a description: anonymous
        # interviewees are found by their public description only.
        named, _ = super().get_search_results(
            request, queryset.filter(is_anonymous=False), search_term
        )
        anonymous = queryset.filter(
            is_anonymous=True, public_description__icontains=search_term
        )
        return (
            queryset.filter(
                Q(pk__in=named.values("pk")) | Q(pk__in=anonymous.values("pk"))
            ),
            False,
        )

    @admin.display(description=gettext_lazy("Name"))
    def real_name(self, obj):
        if obj.name_visible:
            return obj.name
        return format_html("<em>{}</em>", _("hidden (anonymous)"))

    @admin.display(
        description=gettext_lazy("Readers see"), ordering="public_description"
    )
    def public_label(self, obj):
        return obj.public_name

    @admin.display(description=gettext_lazy("Title, organisation"))
    def details(self, obj):
        if not obj.name_visible:
            return "—"
        return ", ".join(part for part in (obj.title, obj.organisation) if part)

    @admin.display(description=gettext_lazy("Articles"), ordering="_articles")
    def article_count(self, obj):
        return obj._articles


class IntervieweeInline(
    ArticlePartInlineMixin, PositionedInlineMixin, admin.TabularInline
):
    model = ArticleInterviewee
    form = IntervieweeRowForm
    fields = ["interviewee", "new_name", "position"]
    autocomplete_fields = ["interviewee"]
    template = "admin/edit_inline/tabular_cards.html"

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "interviewee":
            field.widget.can_add_related = False  # typed in "…or type a name"
        return field

    verbose_name = gettext_lazy("interviewee")
    verbose_name_plural = gettext_lazy("interviewees")


class SegmentInline(
    ArticlePartInlineMixin, PagedInlineMixin, PositionedInlineMixin, admin.StackedInline
):
    """The questions and answers; a long interview's a hundred at a time
    (newsroom.admin.paging), so that any interview opens and saves."""

    model = Segment
    # Question, then answer with Tab (static/js/segment-keys.js for the keys).
    fields = ["question", "answer", ("position", "question_speaker", "answer_speaker")]
    autocomplete_fields = ["question_speaker", "answer_speaker"]
    extra = 1
    per_page = 100
    page_param = "questions"
    verbose_name = gettext_lazy("question and answer")
    verbose_name_plural = gettext_lazy("questions and answers")
    classes = ["segments"]
    jump_list = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "question":
            field.widget.attrs.update({"rows": 2})
        elif db_field.name == "answer":
            field.widget.attrs.update({"rows": 6})
        elif db_field.name in ("question_speaker", "answer_speaker"):
            # A row picks a speaker (or adds one); changing, deleting or viewing a
            # person belongs to the person's own page, not to each of 60 rows.
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field


class InterviewArticleAdmin(TranscriptImportMixin, ArticleAdmin):
    """newsroom's article admin with the interview parts on the same page."""

    # The people and the questions first; corrections and preview links after.
    inlines = [
        BylineInline,
        IntervieweeInline,
        SegmentInline,
        *(inline for inline in ArticleAdmin.inlines if inline is not BylineInline),
    ]

    split_url_name = "admin:newsroom_article_split"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "split-segments/",
                wrap(self.split_segments_view),
                name="newsroom_article_split",
            ),
            *self.import_urls(),
            path(
                "<int:object_id>/export/",
                wrap(self.export_view),
                name="newsroom_article_export",
            ),
            *super().get_urls(),
        ]

    def split_segments_view(self, request):
        """Pasted questions and answers split by the transcript parser."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        return segment_split.split_view(request)

    def export_view(self, request, object_id):
        desk = desk_for(request)
        article = desk.article(object_id, queryset=self.get_queryset(request))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        as_json = request.GET.get("format") == "json"
        response = HttpResponse(
            services.export_article(
                article=article,
                as_json=as_json,
                redaction=desk.redaction(articles=[article]),
            ),
            content_type=(
                "application/json" if as_json else "text/plain; charset=utf-8"
            ),
        )
        suffix = "json" if as_json else "txt"
        response["Content-Disposition"] = (
            f'attachment; filename="article-{article.pk}.{suffix}"'
        )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse("admin:newsroom_article_export", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:newsroom_article_import"),
        }
        return super().changelist_view(request, extra_context)

    def search_also(self, request, phrase):
        # The search documents hold what readers see: an anonymous interviewee's
        # public description. Those who may see every real name also find
        # articles by them; for anyone else, finding an article by a real name
        # would tell who the anonymous one is.
        if not anonymity.sees_all_real_names(request.user):
            return None
        # The few anonymous ones first: most words name none of them, and then
        # the search stays on the documents' index alone.
        named = list(
            Interviewee.objects.filter(
                is_anonymous=True, name__icontains=" ".join(phrase)
            )
            .order_by()
            .values_list("pk", flat=True)
        )
        if not named:
            return None
        links = ArticleInterviewee.objects.filter(interviewee__in=named)
        return Q(pk__in=links.values("article"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        leaks = anonymity.real_name_leaks(form.instance)
        if leaks:
            self.message_user(
                request,
                _(
                    "The real name of an anonymous interviewee appears in "
                    "%(places)s. Readers would see it: remove it before publishing."
                )
                % {"places": ", ".join(str(place) for place in leaks)},
                messages.WARNING,
            )


admin.site.unregister(Article)
admin.site.register(Article, InterviewArticleAdmin)
