from django import forms
from django.contrib import admin
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

# taggit registers its own TagAdmin (for its generic TaggedItem); importing it here
# makes that happen first, so that the TagAdmin below can replace it.
from taggit import admin as taggit_admin  # noqa: F401
from taggit.models import Tag

from .models import Article, Byline, Contributor, Series, TagAlias, TaggedArticle
from .services import merge_tags, update_search_document, update_search_documents
from .tagging import canonical_tag_names, likely_duplicates
from .transliteration import name_key


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
    """For inlines of models with a ``position``: editors reorder with the arrow
    buttons, or by typing the numbers."""

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

    @property
    def media(self):
        return super().media + forms.Media(js=["js/inline-order.js"])


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
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "title", "bio", "bio_ar", "headshot", "user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Search finds articles by their contributors' names.
            update_search_documents(
                articles=Article.objects.filter(bylines__contributor=obj).distinct()
            )


class ArticleForm(forms.ModelForm):
    def clean_tags(self):
        # Typing an alias or a variant spelling attaches the existing tag.
        return canonical_tag_names(self.cleaned_data["tags"])


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
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
    autocomplete_fields = ["series", "translation_of"]
    readonly_fields = ["reading_time", "created_at", "updated_at"]
    inlines = [BylineInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["series", "headline", "slug", "dek", "intro"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "language",
                    "translation_of",
                    "tags",
                ]
            },
        ),
        (
            "Lead image",
            {
                "classes": ["collapse"],
                "fields": [
                    "lead_image",
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
        # The reading time and the search document count the text of the parts
        # saved by the inlines.
        form.instance.update_reading_time()
        update_search_document(article=form.instance)

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

    @admin.display(description="Reading time")
    def reading_time(self, obj):
        return f"{obj.reading_minutes} min read"


class TagAliasInline(admin.TabularInline):
    model = TagAlias
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 1
    verbose_name = "other spelling"
    verbose_name_plural = (
        "other spellings (aliases): typing one attaches this tag, and its address "
        "redirects here"
    )


class LikelyDuplicateFilter(admin.SimpleListFilter):
    title = "likely duplicates"
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", "Spelt like another tag")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            ids = [tag.pk for tags in likely_duplicates().values() for tag in tags]
            return queryset.filter(pk__in=ids)
        return queryset


class MergeTagsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this tag",
        help_text="The other tags become its aliases; their articles get this tag.",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = tags


@admin.register(TagAlias)
class TagAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "tag", "slug"]
    list_select_related = ["tag"]
    search_fields = ["name", "tag__name"]
    autocomplete_fields = ["tag"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        update_search_documents(
            articles=Article.objects.filter(tagged_items__tag=obj.tag)
        )


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "spelling_key", "alias_list", "article_count"]
    list_filter = [LikelyDuplicateFilter]
    search_fields = ["name", "aliases__name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagAliasInline]
    actions = ["merge_selected_tags"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_articles=Count("newsroom_taggedarticle_items", distinct=True))
            .prefetch_related("aliases")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        update_search_documents(
            articles=Article.objects.filter(tagged_items__tag=form.instance)
        )

    @admin.display(description="Spelling key")
    def spelling_key(self, obj):
        return name_key(obj.name)

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description="Articles", ordering="_articles")
    def article_count(self, obj):
        return obj._articles

    @admin.action(description="Merge selected tags…", permissions=["change"])
    def merge_selected_tags(self, request, queryset):
        """Asks which tag to keep, then merges the others into it."""
        if queryset.count() < 2:
            self.message_user(
                request, "Select two or more tags to merge.", level="warning"
            )
            return None
        form = MergeTagsForm(
            request.POST if "apply" in request.POST else None, tags=queryset
        )
        if form.is_valid():
            into = form.cleaned_data["into"]
            merged = [tag.name for tag in queryset if tag.pk != into.pk]
            articles = merge_tags(tags=list(queryset), into=into)
            self.message_user(
                request,
                f"Merged {', '.join(merged)} into {into.name}: {articles} article(s) "
                f"moved; the merged names are now aliases of {into.name}.",
                level="success",
            )
            return None
        tagged = TaggedArticle.objects.filter(tag__in=queryset)
        return TemplateResponse(
            request,
            "admin/taggit/tag/merge_tags.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge tags",
                "opts": self.model._meta,
                "form": form,
                "tags": queryset,
                "article_count": tagged.values("content_object").distinct().count(),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
