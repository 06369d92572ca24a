"""The article list's filters: by workflow state, and by the tags of recent
articles."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from newsroom.admin.parts import (
    ChoicesFilter,
)
from newsroom.models import (
    Article,
    TaggedArticle,
)

RECENT_ARTICLES = 300
RECENT_TAGS = 15


class WorkflowFilter(ChoicesFilter):
    title = gettext_lazy("workflow")
    parameter_name = "workflow"
    choice_filters = {
        "mine": (
            gettext_lazy("Mine"),
            lambda articles, request: articles.filter(created_by=request.user),
        ),
        "in_review": (
            gettext_lazy("In review"),
            lambda articles, _request: articles.filter(status=Article.Status.IN_REVIEW),
        ),
        "scheduled": (
            gettext_lazy("Scheduled"),
            lambda articles, _request: articles.scheduled(),
        ),
    }


class RecentTagFilter(admin.SimpleListFilter):
    """Filter by tag, offering the tags most used on the latest articles (and the
    chosen tag): a newsroom has thousands of tags, too many to list. Any tag's
    articles are a click away from its row in Tags."""

    title = gettext_lazy("tag (in recent articles)")
    parameter_name = "tags__id__exact"

    def lookups(self, request, model_admin):
        articles = model_admin.get_queryset(request)
        latest = articles.order_by("-pk").values("pk")[:RECENT_ARTICLES]
        used = (
            TaggedArticle.objects.filter(content_object__in=latest)
            .values_list("tag", "tag__name")
            .annotate(uses=Count("pk"))
            .order_by("-uses", "tag__name")[:RECENT_TAGS]
        )
        choices = [(str(tag), name) for tag, name, _uses in used]
        chosen = self.value() or ""
        if chosen.isdigit() and chosen not in {value for value, _name in choices}:
            choices[:0] = [(str(t.pk), t.name) for t in Tag.objects.filter(pk=chosen)]
        return choices

    def queryset(self, request, queryset):
        chosen = self.value()
        if not chosen:
            return queryset
        if not chosen.isdigit():
            return queryset.none()
        return queryset.filter(tagged_items__tag=chosen)
