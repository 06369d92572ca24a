from django.contrib import admin
from django.db.models import Count

from newsroom.admin import ArticleAdmin, ArticlePartInlineMixin, PositionedInlineMixin
from newsroom.models import Article

from .models import ArticleInterviewee, Interviewee, Segment


@admin.register(Interviewee)
class IntervieweeAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation", "article_count"]
    search_fields = ["name", "title", "organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_articles=Count("article_links"))

    @admin.display(description="Articles", ordering="_articles")
    def article_count(self, obj):
        return obj._articles


class IntervieweeInline(
    ArticlePartInlineMixin, PositionedInlineMixin, admin.TabularInline
):
    model = ArticleInterviewee
    fields = ["interviewee", "position"]
    autocomplete_fields = ["interviewee"]
    extra = 0
    verbose_name = "interviewee"
    verbose_name_plural = "interviewees"


class SegmentInline(ArticlePartInlineMixin, PositionedInlineMixin, admin.StackedInline):
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
    ]


admin.site.unregister(Article)
admin.site.register(Article, InterviewArticleAdmin)
