from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.html import format_html

from newsroom.admin import ArticleAdmin, PositionedInlineMixin
from newsroom.models import Article

from . import anonymity
from .models import ArticleInterviewee, Interviewee, Segment


@admin.register(Interviewee)
class IntervieweeAdmin(admin.ModelAdmin):
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

    @admin.display(description="Name")
    def real_name(self, obj):
        if obj.name_visible:
            return obj.name
        return format_html("<em>{}</em>", "hidden (anonymous)")

    @admin.display(description="Readers see", ordering="public_description")
    def public_label(self, obj):
        return obj.public_name

    @admin.display(description="Title, organisation")
    def details(self, obj):
        if not obj.name_visible:
            return "—"
        return ", ".join(part for part in (obj.title, obj.organisation) if part)

    @admin.display(description="Articles", ordering="_articles")
    def article_count(self, obj):
        return obj._articles


class IntervieweeInline(PositionedInlineMixin, admin.TabularInline):
    model = ArticleInterviewee
    fields = ["interviewee", "position"]
    autocomplete_fields = ["interviewee"]
    extra = 0
    verbose_name = "interviewee"
    verbose_name_plural = "interviewees"


class SegmentInline(PositionedInlineMixin, admin.StackedInline):
    model = Segment
    fields = [("position", "question_speaker", "answer_speaker"), "question", "answer"]
    autocomplete_fields = ["question_speaker", "answer_speaker"]
    extra = 1
    verbose_name = "question and answer"
    verbose_name_plural = "questions and answers"
    classes = ["segments"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "question":
            field.widget.attrs.update({"rows": 2})
        elif db_field.name == "answer":
            field.widget.attrs.update({"rows": 6})
        return field


class InterviewArticleAdmin(ArticleAdmin):
    """newsroom's article admin with the interview parts on the same page."""

    inlines = [*ArticleAdmin.inlines, IntervieweeInline, SegmentInline]
    search_fields = [
        *ArticleAdmin.search_fields,
        "segments__question",
        "segments__answer",
        "interviewees__name",
        "interviewees__public_description",
    ]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if anonymity.sees_all_real_names(request.user):
            return fields
        # Finding an article by a real name would tell who the anonymous one is.
        return [f for f in fields if f != "interviewees__name"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        leaks = anonymity.real_name_leaks(form.instance)
        if leaks:
            self.message_user(
                request,
                "The real name of an anonymous interviewee appears in "
                f"{', '.join(leaks)}. Readers would see it: remove it before "
                "publishing.",
                messages.WARNING,
            )


admin.site.unregister(Article)
admin.site.register(Article, InterviewArticleAdmin)
