"""Revisions, including the last state of deleted articles."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin.parts import ChoicesFilter
from newsroom.desk import workflow
from newsroom.desk.gate import desk_for
from newsroom.models import Revision


class DeletedArticleFilter(ChoicesFilter):
    title = gettext_lazy("article")
    parameter_name = "article"
    choice_filters = {
        "deleted": (
            gettext_lazy("Deleted articles"),
            lambda revs, _request: revs.filter(article=None),
        ),
        "existing": (
            gettext_lazy("Existing articles"),
            lambda revs, _request: revs.filter(article__isnull=False),
        ),
    }


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Every revision of every article, including those of deleted articles, which
    an editor can bring back from here (filter "Deleted articles")."""

    list_display = ["revision", "kind", "summary", "created_at", "created_by"]
    list_display_links = None
    # A revision's data is read only through the article's revision pages,
    # which show it as a redacted diff (newsroom.desk.gate).
    fields = ["revision", "kind", "summary", "created_at", "created_by"]
    readonly_fields = fields
    list_filter = [DeletedArticleFilter, "kind"]
    list_select_related = ["created_by"]
    search_fields = ["headline"]
    actions = ["restore_deleted"]
    list_per_page = 50

    def get_queryset(self, request):
        # Revisions of the articles this user may see, and of deleted articles
        # for those who may bring them back: the staff gate's rule.
        return desk_for(request).revisions().select_related("created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_restore_permission(self, request):
        return desk_for(request).may_restore_deleted()

    @admin.display(description=gettext_lazy("Revision"), ordering="headline")
    def revision(self, obj):
        if obj.article_id is None:
            return format_html(
                _("{headline} (version {version}, deleted)"),
                headline=obj.headline,
                version=obj.version,
            )
        return format_html(
            _('<a href="{url}">{headline}</a> (version {version})'),
            url=reverse(
                "admin:newsroom_article_revision", args=[obj.article_id, obj.pk]
            ),
            headline=obj.headline,
            version=obj.version,
        )

    @admin.action(
        description=gettext_lazy(
            "Restore the deleted articles of the selected revisions, as drafts"
        ),
        permissions=["restore"],
    )
    def restore_deleted(self, request, queryset):
        done = set()
        for revision in queryset.filter(article__isnull=True):
            if revision.article_pk in done:
                continue
            article = workflow.restore_deleted_article(
                revision=revision, by=request.user
            )
            done.add(revision.article_pk)
            self.message_user(
                request,
                _("“%(article)s” is back, as a draft.") % {"article": article},
                messages.SUCCESS,
            )
        if not done:
            self.message_user(
                request,
                _("None of the selected revisions belongs to a deleted article."),
                messages.WARNING,
            )
