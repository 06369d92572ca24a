from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

# taggit registers its own TagAdmin (for its generic TaggedItem); importing it here
# makes that happen first, so that the TagAdmin below can replace it.
from taggit import admin as taggit_admin  # noqa: F401
from taggit.models import Tag

from . import images, revisions, services
from .forms import ImageSlot, ImageUploadField, StoredImagesFormMixin, TagAdminForm
from .models import (
    Article,
    Byline,
    Contributor,
    Correction,
    PreviewLink,
    Revision,
    Series,
    TagAlias,
    TaggedArticle,
    Translation,
)
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


class StoredImagesAdminMixin:
    """Image fields checked, cleaned and stored by newsroom.forms; the editor is
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
    """Editors manage every contributor; a contributor with a login and the
    "change own profile" permission (translators) edits their own bio and headshot,
    and sees no one else."""

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
        "bio_ar",
        "headshot",
        "headshot_preview",
        ("headshot_focus_x", "headshot_focus_y"),
        "user",
    ]
    own_profile_fields = [
        "name",
        "bio",
        "bio_ar",
        "headshot",
        "headshot_preview",
        ("headshot_focus_x", "headshot_focus_y"),
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Search finds articles by their contributors' names.
            update_search_documents(
                articles=Article.objects.filter(bylines__contributor=obj).distinct()
            )

    def _is_own_profile_only(self, request):
        return not (
            request.user.has_perm("newsroom.view_contributor")
            or request.user.has_perm("newsroom.change_contributor")
        )

    def _may_change_own(self, request, obj):
        return request.user.has_perm("newsroom.change_own_profile") and (
            obj is None or obj.user_id == request.user.pk
        )

    def get_queryset(self, request):
        contributors = super().get_queryset(request)
        if self._is_own_profile_only(request):
            return contributors.filter(user=request.user)
        return contributors

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._may_change_own(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._may_change_own(
            request, obj
        )

    def get_fields(self, request, obj=None):
        if self._is_own_profile_only(request):
            return self.own_profile_fields
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self._is_own_profile_only(request):
            return ["name", "headshot_preview"]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if self._is_own_profile_only(request):
            return {}
        return super().get_prepopulated_fields(request, obj)


class ArticleAdminForm(forms.ModelForm):
    """The article change form, with the version the editor loaded (optimistic
    locking) and a status list without "Published" for those who may not publish."""

    loaded_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1
    )
    # Set by ArticleAdmin.get_form() from the user's permissions.
    can_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                choice
                for choice in status.choices
                if choice[0] != Article.Status.PUBLISHED
            ]
            status.help_text = "Submit the article for review; an editor publishes it."

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_version")
        # A form that does not send the version (a script, not the admin page)
        # opts out of the check; the admin's own form always sends it.
        if self.instance.pk and loaded is not None and loaded != self.instance.version:
            # Saving again on purpose replaces the other save: the form now carries
            # the version the editor has been warned about.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.instance.version
            raise ValidationError(self.stale_message(loaded), code="stale")
        return cleaned_data

    def clean_tags(self):
        # Typing an alias or a variant spelling attaches the existing tag.
        return canonical_tag_names(self.cleaned_data["tags"])

    def stale_message(self, loaded):
        article = self.instance
        who = article.updated_by.get_username() if article.updated_by else "someone"
        changes = reverse("admin:newsroom_article_changes", args=[article.pk])
        return format_html(
            "This article was changed by {} at {} after you opened it, so your "
            "changes were NOT saved. They are still in the form below. "
            '<a href="{}?since={}">See what changed</a>, then either reload the '
            "article and redo your edits, or save again to replace their changes "
            "with yours.",
            who,
            timezone.localtime(article.updated_at).strftime("%H:%M:%S"),
            changes,
            loaded,
        )


class WorkflowFilter(admin.SimpleListFilter):
    title = "workflow"
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("mine", "Mine"),
            ("in_review", "In review"),
            ("scheduled", "Scheduled"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(created_by=request.user)
        if self.value() == "in_review":
            return queryset.filter(status=Article.Status.IN_REVIEW)
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


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
    fields = ["link", "expires_at", "is_revoked", "created_by", "created_at"]
    readonly_fields = ["link", "created_by", "created_at"]
    extra = 0
    verbose_name_plural = "shareable preview links"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Link")
    def link(self, obj):
        state = "active" if obj.is_active else "no longer works"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> ({})',
            obj.get_absolute_url(),
            obj.get_absolute_url(),
            state,
        )


@admin.register(Article)
class ArticleAdmin(StoredImagesAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "publication_state",
        "published_at",
        "series",
        "credits",
        "tag_list",
        "language",
        "last_changed",
    ]
    list_select_related = ["series", "updated_by"]
    list_filter = [
        WorkflowFilter,
        "status",
        "series",
        "tags",
        "language",
        "published_at",
    ]
    search_fields = ["headline", "dek", "bylines__contributor__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["series", "translation_of"]
    readonly_fields = [
        "reading_time",
        "created_at",
        "updated_at",
        "modified_at",
        "lead_image_preview",
    ]
    inlines = [BylineInline, CorrectionInline, PreviewLinkInline]
    actions = ["submit_for_review", "publish", "unpublish"]
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
                "fields": ["reading_time", "created_at", "updated_at", "modified_at"],
            },
        ),
    ]

    # --- who sees and changes what -------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .on_desk_for(request.user)
            .prefetch_related("tags", "bylines__contributor")
        )

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        # Translators read the articles that credit them (get_queryset narrows).
        return (
            obj is not None
            and request.user.has_perm("newsroom.credit_self")
            and obj.status != Article.Status.DRAFT
            and obj.credits_user(request.user)
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.can_be_changed_by(request.user)

    def get_inline_instances(self, request, obj=None):
        # Corrections and preview links need an article that exists.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if obj is not None or not isinstance(inline, ArticleAfterSaveInline)
        ]

    def has_publish_permission(self, request):
        return request.user.has_perm("newsroom.publish_article")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            first, *rest = fieldsets
            fields = [*first[1]["fields"], "loaded_version"]
            fieldsets = [(first[0], {**first[1], "fields": fields}), *rest]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    # --- saving: version check, who, revisions --------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ArticleChanged:
            # Another save of the same version won the race after this form was
            # validated; the transaction has rolled back. Showing the form again
            # lets its version check tell the editor, with their input intact.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        loaded = form.cleaned_data.get("loaded_version")
        if change:
            services.ensure_baseline_revision(article=obj)
        if change and loaded is not None:
            services.claim_version(article=obj, version=loaded)
        elif change:
            obj.version += 1
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        corrections = formset.save(commit=False)
        for correction in corrections:
            if correction.pk is None:
                services.add_correction(
                    article=form.instance,
                    kind=correction.kind,
                    text=correction.text,
                    by=request.user,
                )
            else:
                correction.save()
        for correction in formset.deleted_objects:
            correction.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The reading time and the search document count the text of the parts
        # saved by the inlines.
        form.instance.update_reading_time()
        update_search_document(article=form.instance)
        services.save_revision(article=form.instance, by=request.user)

    def delete_model(self, request, obj):
        services.delete_article(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.delete_article(article=article, by=request.user)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # --- actions ------------------------------------------------------------

    def _apply(self, request, queryset, service, done, *, check=None):
        count = 0
        for article in queryset:
            if check is not None and not check(request, article):
                self.message_user(
                    request,
                    f"You may not change “{article}”; it was left as it was.",
                    messages.WARNING,
                )
                continue
            try:
                service(article=article, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            count += 1
        if count:
            self.message_user(request, f"{count} article(s) {done}.", messages.SUCCESS)

    @admin.action(
        description="Submit selected articles for review", permissions=["change"]
    )
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.submit_for_review,
            "submitted for review",
            check=self.has_change_permission,
        )

    @admin.action(
        description="Publish selected articles (at their publish time if it is in "
        "the future)",
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        self._apply(
            request, queryset, services.publish_article, "published or scheduled"
        )

    @admin.action(
        description="Unpublish selected articles (back to draft)",
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        self._apply(request, queryset, services.unpublish_article, "returned to draft")

    # --- revisions and preview links -----------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:object_id>/revisions/",
                view(self.revisions_view),
                name="newsroom_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/changes/",
                view(self.revision_view),
                name="newsroom_article_changes",
            ),
            path(
                "<int:object_id>/revisions/<int:revision_id>/",
                view(self.revision_view),
                name="newsroom_article_revision",
            ),
            path(
                "<int:object_id>/preview-links/new/",
                view(require_POST(self.new_preview_link_view)),
                name="newsroom_article_new_preview_link",
            ),
            *super().get_urls(),
        ]

    def _article_for(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "has_view_permission": True,
            **extra,
        }

    def revisions_view(self, request, object_id):
        article = self._article_for(request, object_id)
        history = article.revisions.select_related("created_by")
        return TemplateResponse(
            request,
            "admin/newsroom/article/revisions.html",
            self._context(
                request,
                article,
                title=f"Revisions of “{article}”",
                revisions=history,
                can_restore=self.has_change_permission(request, article),
            ),
        )

    def revision_view(self, request, object_id, revision_id=None):
        """One revision and what it changed: against the revision before it, or,
        with ``?since=N``, everything since version N (the link a refused save
        shows). POST restores it as the current draft."""
        article = self._article_for(request, object_id)
        history = article.revisions.order_by("-created_at", "-pk")
        if revision_id is None:
            revision = history.first()
            if revision is None:
                raise Http404("This article has no revisions yet.")
        else:
            revision = get_object_or_404(history, pk=revision_id)
        can_restore = self.has_change_permission(request, article)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            services.restore_revision(revision=revision, by=request.user)
            self.message_user(
                request,
                f"Version {revision.version} is now the current draft of “{article}”.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:newsroom_article_change", args=[article.pk])
            )
        since = request.GET.get("since", "")
        earlier = history.filter(created_at__lte=revision.created_at).exclude(
            pk=revision.pk
        )
        if since.isdigit():
            earlier = history.filter(version__lte=int(since))
        before = earlier.first()
        return TemplateResponse(
            request,
            "admin/newsroom/article/revision.html",
            self._context(
                request,
                article,
                title=f"Version {revision.version} of “{article}”",
                revision=revision,
                before=before,
                diff=revisions.diff(before.data if before else None, revision.data),
                can_restore=can_restore,
            ),
        )

    def new_preview_link_view(self, request, object_id):
        article = self._article_for(request, object_id)
        if not (
            self.has_change_permission(request, article)
            and request.user.has_perm("newsroom.add_previewlink")
        ):
            raise PermissionDenied
        link = services.create_preview_link(article=article, by=request.user)
        self.message_user(
            request,
            format_html(
                "Preview link created, valid until {}: {}",
                timezone.localtime(link.expires_at).strftime("%-d %b %Y %H:%M"),
                request.build_absolute_uri(link.get_absolute_url()),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:newsroom_article_change", args=[article.pk])
        )

    # --- columns ------------------------------------------------------------

    @admin.display(description="State", ordering="status")
    def publication_state(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="Goes live {}">Scheduled</span>',
                timezone.localtime(obj.published_at).strftime("%-d %b %Y %H:%M"),
            )
        return obj.get_status_display()

    @admin.display(description="Last changed by", ordering="updated_at")
    def last_changed(self, obj):
        who = obj.updated_by.get_username() if obj.updated_by else "—"
        return format_html(
            '{} <span class="quiet">{}</span>',
            who,
            timezone.localtime(obj.updated_at).strftime("%-d %b %H:%M"),
        )

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
    form = TagAdminForm
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


class DeletedArticleFilter(admin.SimpleListFilter):
    title = "article"
    parameter_name = "article"

    def lookups(self, request, model_admin):
        return [("deleted", "Deleted articles"), ("existing", "Existing articles")]

    def queryset(self, request, queryset):
        if self.value() == "deleted":
            return queryset.filter(article__isnull=True)
        if self.value() == "existing":
            return queryset.filter(article__isnull=False)
        return queryset


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Every revision of every article, including those of deleted articles, which
    an editor can bring back from here (filter "Deleted articles")."""

    list_display = ["revision", "kind", "summary", "created_at", "created_by"]
    list_display_links = None
    list_filter = [DeletedArticleFilter, "kind"]
    list_select_related = ["created_by"]
    search_fields = ["headline"]
    actions = ["restore_deleted"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_restore_permission(self, request):
        return request.user.has_perm("newsroom.add_article") and request.user.has_perm(
            "newsroom.delete_article"
        )

    @admin.display(description="Revision", ordering="headline")
    def revision(self, obj):
        if obj.article_id is None:
            return format_html("{} (version {}, deleted)", obj.headline, obj.version)
        return format_html(
            '<a href="{}">{}</a> (version {})',
            reverse("admin:newsroom_article_revision", args=[obj.article_id, obj.pk]),
            obj.headline,
            obj.version,
        )

    @admin.action(
        description="Restore the deleted articles of the selected revisions, as drafts",
        permissions=["restore"],
    )
    def restore_deleted(self, request, queryset):
        done = set()
        for revision in queryset.filter(article__isnull=True):
            if revision.article_pk in done:
                continue
            article = services.restore_deleted_article(
                revision=revision, by=request.user
            )
            done.add(revision.article_pk)
            self.message_user(
                request, f"“{article}” is back, as a draft.", messages.SUCCESS
            )
        if not done:
            self.message_user(
                request,
                "None of the selected revisions belongs to a deleted article.",
                messages.WARNING,
            )


class CreditedFilter(admin.SimpleListFilter):
    title = "my byline"
    parameter_name = "credited"

    def lookups(self, request, model_admin):
        return [("yes", "Credited to me"), ("no", "Not credited to me")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_credited=True)
        if self.value() == "no":
            return queryset.filter(is_credited=False)
        return queryset


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    """ "My translations": for translators, the headlines of articles in review or
    published, their own translator byline on each (add or remove), and a link to
    read the ones that credit them. Nothing else can be changed from here."""

    list_display = ["headline", "publication_state", "published_at", "my_byline"]
    list_display_links = None
    list_filter = [CreditedFilter]
    search_fields = ["headline"]
    actions = None
    list_per_page = 50

    def get_queryset(self, request):
        mine = Byline.objects.filter(
            article=OuterRef("pk"),
            contributor__user=request.user,
            role=Byline.Role.TRANSLATOR,
        )
        return (
            super()
            .get_queryset(request)
            .exclude(status=Article.Status.DRAFT)
            .annotate(is_credited=Exists(mine))
        )

    def has_module_permission(self, request):
        return request.user.has_perm("newsroom.credit_self")

    def has_view_permission(self, request, obj=None):
        return obj is None and request.user.has_perm("newsroom.credit_self")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:object_id>/byline/",
                self.admin_site.admin_view(self.byline_view),
                name="newsroom_translation_byline",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="State")
    def publication_state(self, obj):
        return "Scheduled" if obj.is_scheduled else obj.get_status_display()

    @admin.display(description="My byline")
    def my_byline(self, obj):
        url = reverse("admin:newsroom_translation_byline", args=[obj.pk])
        if not obj.is_credited:
            return format_html('<a href="{}">Add my byline</a>', url)
        return format_html(
            'Credited · <a href="{}">Read</a> · <a href="{}">Remove my byline</a>',
            reverse("admin:newsroom_article_change", args=[obj.pk]),
            url,
        )

    def byline_view(self, request, object_id):
        """Confirm, then add or remove the user's own translator byline. Only ever
        the user's own: the request names no contributor."""
        if not request.user.has_perm("newsroom.credit_self"):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        if article.status == Article.Status.DRAFT:
            raise PermissionDenied
        if request.method == "POST":
            if request.POST.get("action") == "remove":
                services.remove_own_byline(article=article, by=request.user)
                self.message_user(
                    request,
                    f"Your byline was removed from “{article}”.",
                    messages.SUCCESS,
                )
            else:
                services.add_own_byline(article=article, by=request.user)
                self.message_user(
                    request,
                    f"You are credited as translator of “{article}”.",
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(
                reverse("admin:newsroom_translation_changelist")
            )
        contributor = getattr(request.user, "contributor", None)
        credited = (
            contributor is not None
            and article.bylines.filter(
                contributor=contributor, role=Byline.Role.TRANSLATOR
            ).exists()
        )
        return TemplateResponse(
            request,
            "admin/newsroom/translation/byline.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Remove my byline" if credited else "Add my byline",
                "article": article,
                "contributor": contributor,
                "credited": credited,
            },
        )
