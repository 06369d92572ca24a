"""Pieces the admin pages share: ordered inlines, stored-image handling, the
article-part permissions, the byline inline."""

from functools import cached_property

from django import forms
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import connections
from django.utils.html import format_html
from django.utils.translation import gettext as _

from newsroom.admin.forms import ImageUploadField, StoredImagesFormMixin
from newsroom.admin.people_rows import BylineForm
from newsroom.admin.row_choices import RowChoicesFormSet, RowChoicesInlineMixin
from newsroom.content import images
from newsroom.desk import changes
from newsroom.models import Byline


class OneChangePerRequestMixin:
    """For the admin of anything article pages show (a series, a contributor, a
    tag, an interviewee): each save, deletion or action is one unit of change
    (newsroom.desk.changes), recorded as the user's, after which the search
    documents and pages that show it are refreshed once."""

    def changeform_view(self, request, *args, **kwargs):
        with changes.batch_for(request):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with changes.batch_for(request):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with changes.batch_for(request):
            return super().changelist_view(request, *args, **kwargs)


class PositionedInlineFormSet(RowChoicesFormSet):
    """Saves inline rows in the order the editor gave with their position numbers.

    Rows keep their relative order; a row whose position was left empty goes last,
    and ties keep the order on the page. Positions are renumbered 1, 2, 3… so that the
    next reordering starts clean.
    """

    def _kept_forms(self):
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            yield form

    def clean(self):
        super().clean()
        rows = []
        for index, form in enumerate(self._kept_forms()):
            position = form.cleaned_data.get("position")
            rows.append((position is None, position or 0, index, form))
        rows.sort(key=lambda row: row[:3])
        for number, (*_key, form) in enumerate(rows, start=1):
            form.instance.position = number

    def save(self, commit=True):
        saved = super().save(commit=commit)
        if commit:
            # Rows the editor did not touch may still have moved.
            untouched = [
                form.instance
                for form in self._kept_forms()
                if form.instance.pk and form.instance not in saved
            ]
            if untouched:
                self.model._default_manager.bulk_update(untouched, ["position"])
        return saved


class PositionedInlineMixin(RowChoicesInlineMixin):
    """For inlines of models with a ``position``: editors reorder with the arrow
    buttons, or by typing the numbers. The people chosen on the rows are looked up
    once for all of them (newsroom.admin.row_choices)."""

    formset = PositionedInlineFormSet
    ordering = ["position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":
            field.required = False
            field.initial = None
            field.widget.attrs.update(
                {
                    "class": "position-input",
                    "min": 0,
                    # The labels of static/js/inline-order.js's buttons.
                    "data-move-up": _("Move up"),
                    "data-move-down": _("Move down"),
                }
            )
            field.help_text = _("Order. Empty puts the row last.")
        return field

    @property
    def media(self):
        return super().media + forms.Media(js=["js/inline-order.js"])


class StoredImagesAdminMixin:
    """Image fields checked, cleaned and stored by newsroom.admin.forms; the editor is
    told that location data was removed. Set ``image_slots`` as on the form."""

    image_slots = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A subclass of the generated ModelForm that stores its images.
        return type(
            form.__name__,
            (StoredImagesFormMixin, form),
            {"image_slots": self.image_slots},
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.image_slots:
            kwargs["form_class"] = ImageUploadField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        form.commit_images()
        for label, had_location in form.stored_uploads:
            if had_location:
                text = _(
                    "The %(image)s carried a location (GPS position); it was "
                    "removed, with the camera and other hidden data, before the image "
                    "was stored."
                ) % {"image": label}
            else:
                text = _(
                    "The %(image)s was stored without location (GPS), camera or "
                    "other hidden data."
                ) % {"image": label}
            self.message_user(request, text, messages.INFO)

    def render_change_form(self, request, context, *args, **kwargs):
        # Reached on POST only when the page is shown again instead of saved.
        adminform = context.get("adminform")
        if request.method == "POST" and adminform is not None:
            adminform.form.discard_unsaved_images()
        return super().render_change_form(request, context, *args, **kwargs)

    def delete_queryset(self, request, queryset):
        names = [
            name
            for obj in queryset
            for slot in self.image_slots.values()
            for name in images.stored_names(getattr(obj, slot.record_field))
        ]
        super().delete_queryset(request, queryset)
        images.delete_files_on_commit(names)


def image_preview(picture, width):
    if not picture:
        return "—"
    return format_html(
        '<img src="{}" width="{}" alt="">',
        picture.url_for(width),
        width,
    )


class ArticlePartInlineMixin:
    """For inlines of an article's parts: they can be changed only by someone who may
    change the article itself (a reporter cannot edit the bylines of a colleague's
    article even though they may edit bylines in general)."""

    def _article_allows(self, request, obj):
        return obj is None or obj.can_be_changed_by(request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_allows(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_allows(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_allows(
            request, obj
        )


class BylineInline(ArticlePartInlineMixin, PositionedInlineMixin, admin.TabularInline):
    model = Byline
    form = BylineForm
    fields = ["contributor", "new_name", "role", "position"]
    autocomplete_fields = ["contributor"]
    template = "admin/edit_inline/tabular_cards.html"

    def get_extra(self, request, obj=None, **kwargs):
        # A new article starts with an interviewer and a translator row
        # (newsroom.admin.people_rows.starting_bylines).
        return 2 if obj is None else 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "contributor":
            # New people are typed in "…or type a name", not made in a popup.
            field.widget.can_add_related = False
        return field


class ChoicesFilter(admin.SimpleListFilter):
    """A list filter whose choices each narrow the list their own way:
    ``choice_filters`` maps the value in the address to (label,
    function(queryset, request))."""

    choice_filters = {}

    def lookups(self, request, model_admin):
        return [
            (value, label) for value, (label, _narrow) in self.choice_filters.items()
        ]

    def queryset(self, request, queryset):
        choice = self.choice_filters.get(self.value())
        return choice[1](queryset, request) if choice else queryset


class EstimatedCountPaginator(Paginator):
    """The admin's paginator for large tables. Django counts the whole list to
    number its pages; on PostgreSQL, an unfiltered list of a big table takes the
    planner's estimate of its rows instead (``pg_class.reltuples``, kept by
    autovacuum), so that opening the list does not scan the table. Filtered lists,
    searches, small tables and other databases are counted exactly."""

    exact_below = 20_000

    @cached_property
    def count(self):
        estimate = self._estimated_rows()
        if estimate is None or estimate < self.exact_below:
            return super().count
        return estimate

    def _estimated_rows(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.combinator:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        # -1 (or nothing) means the table has not been analysed yet.
        return int(row[0]) if row and row[0] >= 0 else None
