from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import images
from .forms import ImageSlot, ImageUploadField, StoredImagesFormMixin
from .models import Article, Byline, Contributor, Series


class PositionedInlineFormSet(forms.BaseInlineFormSet):
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
        for number, (*_, form) in enumerate(rows, start=1):
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


class PositionedInlineMixin:
    """For inlines of models with a ``position``: editors reorder by number."""

    formset = PositionedInlineFormSet
    ordering = ["position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":
            field.required = False
            field.initial = None
            field.widget.attrs.update({"class": "position-input", "min": 0})
            field.help_text = "Order. Empty puts the row last."
        return field


class StoredImagesAdminMixin:
    """Image fields checked, cleaned and stored by newsroom.forms; the editor is
    told that location data was removed. Set ``image_slots`` as on the form."""

    image_slots = {}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
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
                text = (
                    f"The {label} carried a location (GPS position); it was removed, "
                    "with the camera and other hidden data, before the image was "
                    "stored."
                )
            else:
                text = (
                    f"The {label} was stored without location (GPS), camera or other "
                    "hidden data."
                )
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


class BylineInline(PositionedInlineMixin, admin.TabularInline):
    model = Byline
    fields = ["contributor", "role", "position"]
    autocomplete_fields = ["contributor"]
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Contributor)
class ContributorAdmin(StoredImagesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    fields = [
        "name",
        "slug",
        "title",
        "bio",
        "headshot",
        "headshot_preview",
        ("headshot_focus_x", "headshot_focus_y"),
        "user",
    ]
    readonly_fields = ["headshot_preview"]
    image_slots = {
        "headshot": ImageSlot(
            kind=images.HEADSHOT,
            record_field="headshot_renditions",
            label="headshot",
            focus_fields=("headshot_focus_x", "headshot_focus_y"),
        )
    }

    @admin.display(description="Square crop")
    def headshot_preview(self, obj):
        return image_preview(obj.headshot_picture, 160)


@admin.register(Article)
class ArticleAdmin(StoredImagesAdminMixin, admin.ModelAdmin):
    list_display = [
        "headline",
        "publication_state",
        "published_at",
        "series",
        "credits",
        "tag_list",
        "language",
    ]
    list_select_related = ["series"]
    list_filter = ["status", "series", "tags", "language", "published_at"]
    search_fields = ["headline", "dek", "bylines__contributor__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["series"]
    readonly_fields = ["reading_time", "created_at", "updated_at", "lead_image_preview"]
    inlines = [BylineInline]
    image_slots = {
        "lead_image": ImageSlot(
            kind=images.LEAD_IMAGE,
            record_field="lead_image_renditions",
            label="lead image",
        )
    }
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["series", "headline", "slug", "dek", "intro"]}),
        (
            "Publishing",
            {"fields": ["status", "published_at", "language", "tags"]},
        ),
        (
            "Lead image",
            {
                "classes": ["collapse"],
                "fields": [
                    "lead_image",
                    "lead_image_preview",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ],
            },
        ),
        (
            "Derived",
            {
                "classes": ["collapse"],
                "fields": ["reading_time", "created_at", "updated_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("tags", "bylines__contributor")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The reading time counts the text of the parts saved by the inlines.
        form.instance.update_reading_time()

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description="State", ordering="status")
    def publication_state(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="Goes live {}">Scheduled</span>',
                timezone.localtime(obj.published_at).strftime("%-d %b %Y %H:%M"),
            )
        return obj.get_status_display()

    @admin.display(description="Bylines")
    def credits(self, obj):
        return format_html_join(
            ", ",
            "{} ({})",
            ((b.contributor.name, b.get_role_display()) for b in obj.bylines.all()),
        )

    @admin.display(description="Tags")
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description="Stored image")
    def lead_image_preview(self, obj):
        return image_preview(obj.lead_picture, 320)

    @admin.display(description="Reading time")
    def reading_time(self, obj):
        return f"{obj.reading_minutes} min read"
