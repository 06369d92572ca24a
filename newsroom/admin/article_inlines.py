"""The parts of an article edited once it exists: its corrections and its
preview links."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin.parts import (
    ArticlePartInlineMixin,
)
from newsroom.models import (
    Correction,
    PreviewLink,
)


def name_split_datetime(field):
    """A date-and-time field's two boxes each named for screen readers (the
    admin's widget shows "Date:" and "Time:" as plain text)."""
    widget = getattr(field, "widget", None)
    parts = getattr(widget, "widgets", None)
    if field is not None and parts and len(parts) == 2:
        label = field.label or ""
        parts[0].attrs["aria-label"] = _("%(field)s: date") % {"field": label}
        parts[1].attrs["aria-label"] = _("%(field)s: time") % {"field": label}
    return field


class ArticleAfterSaveInline(ArticlePartInlineMixin):
    """An inline shown only once the article exists."""


class CorrectionInline(ArticleAfterSaveInline, admin.StackedInline):
    """Corrections, clarifications and updates: editors only (by permission)."""

    model = Correction
    fields = [("kind", "created_at", "created_by"), "text"]
    readonly_fields = ["created_at", "created_by"]
    extra = 0
    classes = ["corrections"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update({"rows": 2})
        return field


class PreviewLinkInline(ArticleAfterSaveInline, admin.TabularInline):
    """Shareable preview links: made with the "Create a preview link" button,
    revoked here."""

    model = PreviewLink
    template = "admin/edit_inline/tabular_cards.html"
    fields = ["link", "expires_at", "is_revoked", "created_by", "created_at"]
    readonly_fields = ["link", "created_by", "created_at"]
    extra = 0
    verbose_name_plural = gettext_lazy("shareable preview links")

    def has_add_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return name_split_datetime(
            super().formfield_for_dbfield(db_field, request, **kwargs)
        )

    @admin.display(description=gettext_lazy("Link"))
    def link(self, obj):
        state = _("active") if obj.is_active else _("no longer works")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> ({})',
            obj.get_absolute_url(),
            obj.get_absolute_url(),
            state,
        )
