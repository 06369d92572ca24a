"""The article admin: the form, the workflow actions and the list columns."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsroom.admin.article_filters import RecentTagFilter, WorkflowFilter
from newsroom.admin.article_inlines import (
    ArticleAfterSaveInline,
    CorrectionInline,
    PreviewLinkInline,
    name_split_datetime,
)
from newsroom.admin.article_views import ArticlePagesMixin
from newsroom.admin.editing import EditingMixin
from newsroom.admin.forms import ImageSlot
from newsroom.admin.merging import MergeConflicts, MergingMixin, refuse_unsettled
from newsroom.admin.parts import (
    BylineInline,
    EstimatedCountPaginator,
    StoredImagesAdminMixin,
    image_preview,
)
from newsroom.content import images, search
from newsroom.content.tagging import canonical_tag_names
from newsroom.desk import changes, workflow
from newsroom.desk.gate import desk_for
from newsroom.i18n.dates import reading_time
from newsroom.models import (
    Article,
    Correction,
    SearchDocument,
)


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
            status.help_text = _(
                "Submit the article for review; an editor publishes it."
            )

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_version")
        # A form that does not send the version (a script, not the admin page)
        # opts out of the check; the admin's own form always sends it.
        if self.instance.pk and loaded is not None and loaded != self.instance.version:
            if getattr(self, "stale", None) is not None:
                # Merged with the other save when saved (newsroom.admin.merging),
                # once the editor has chosen where both changed the same thing.
                refuse_unsettled(self)
                return cleaned_data
            # No revision of the version the form was opened at to merge with:
            # refused. Saving again on purpose replaces the other save: the form
            # now carries the version the editor has been warned about.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.instance.version
            raise ValidationError(self.stale_message(loaded), code="stale")
        return cleaned_data

    def clean_tags(self):
        # Typing an alias or a variant spelling attaches the existing tag.
        return canonical_tag_names(self.cleaned_data["tags"])

    def stale_message(self, loaded):
        article = self.instance
        who = article.updated_by.get_username() if article.updated_by else _("someone")
        changes = reverse("admin:newsroom_article_changes", args=[article.pk])
        return format_html(
            _(
                "This article was changed by {who} at {time} after you opened it, "
                "so your changes were NOT saved. They are still in the form below. "
                '<a href="{url}">See what changed</a>, then either reload the '
                "article and redo your edits, or save again to replace their "
                "changes with yours."
            ),
            who=who,
            time=timezone.localtime(article.updated_at).strftime("%H:%M:%S"),
            url=f"{changes}?since={loaded}",
        )


@admin.register(Article)
class ArticleAdmin(
    EditingMixin,
    MergingMixin,
    ArticlePagesMixin,
    StoredImagesAdminMixin,
    admin.ModelAdmin,
):
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
        RecentTagFilter,
        "language",
        "published_at",
    ]
    # Searched through the articles' search documents (get_search_results).
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
            label=gettext_lazy("lead image"),
        )
    }
    list_per_page = 50

    class Media:
        js = ["js/segment-keys.js"]

    # No count of the whole table beside a filtered list, and an estimated one for
    # the unfiltered list on PostgreSQL: at 100,000 articles counting is the
    # slowest part of the page.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    fieldsets = [
        (None, {"fields": ["series", "headline", "slug", "dek", "intro"]}),
        (
            gettext_lazy("Publishing"),
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
            gettext_lazy("Lead image"),
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
            gettext_lazy("Derived"),
            {
                "classes": ["collapse"],
                "fields": ["reading_time", "created_at", "updated_at", "modified_at"],
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return name_split_datetime(
            super().formfield_for_dbfield(db_field, request, **kwargs)
        )

    # --- who sees and changes what -------------------------------------------

    def get_queryset(self, request):
        # Every page of this admin — list, search, autocomplete, change form,
        # history, delete — reads the articles through the staff gate.
        return (
            desk_for(request)
            .articles()
            .prefetch_related("tags", "bylines__contributor")
        )

    def get_search_results(self, request, queryset, search_term):
        """The articles (of those the gate lets this user see) where every word
        is found, at the start of a word, in the article's search document: its
        headline, dek, intro, questions and answers, the names of its series,
        tags, contributors and interviewees as readers see them
        (newsroom/content/search.py), through its index; plus what
        ``search_also`` adds. Each word is folded like the documents' (case,
        diacritics, Arabic letter forms)."""
        if not search_term.strip():
            return queryset, False
        query = search.without_stop_words(search.parse_query(search_term))
        joined = search.clause_filters(query)
        documents = search.clause_filters(query, path="")
        for clause, words, on_documents in zip(
            query.clauses, joined, documents, strict=True
        ):
            also = [self.search_also(request, phrase) for phrase in clause]
            also = [q for q in also if q is not None]
            if not also:
                queryset = queryset.filter(words)
                continue
            # Either set of articles, each read on its own (an OR across the
            # join would test every article's document).
            found = SearchDocument.objects.filter(on_documents).values("article_id")
            matches = Q(pk__in=found)
            for q in also:
                matches |= q
            queryset = queryset.filter(matches)
        return queryset, False

    def search_also(self, request, phrase):
        """A Q of the articles matching ``phrase`` (folded words) in what the
        search documents do not hold, for this user; None: nothing here."""
        return None

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        # Translators read the articles that credit them, as the gate says.
        return (
            obj is not None
            and request.user.has_perm("newsroom.credit_self")
            and desk_for(request).articles().filter(pk=obj.pk).exists()
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
        # One unit of change (newsroom.desk.changes): the article and its inlines
        # are saved, then what follows is done once.
        for _attempt in range(3):
            try:
                with changes.batch_for(request):
                    return super().changeform_view(
                        request, object_id, form_url, extra_context
                    )
            except changes.ArticleChanged:
                # Another save won the race after this form was validated; the
                # transaction has rolled back. The next try merges with it.
                request._stale_form = None
            except MergeConflicts as conflicts:
                # Rolled back: the form comes back with the editor's input and
                # the conflicts to choose between.
                request._merge_conflicts = conflicts.merged
        raise changes.ArticleChanged(object_id)

    def delete_view(self, request, object_id, extra_context=None):
        with changes.batch_for(request):
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        # The workflow actions of the list, one unit of change.
        if not request.GET.get(SEARCH_VAR, "").strip():
            with changes.batch_for(request):
                return super().changelist_view(request, extra_context)
        # A search: its count, page and dates read the documents' index, never
        # every document (newsroom.content.search.index_scans); the page is
        # rendered inside, where its queries run.
        with changes.batch_for(request), search.index_scans():
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
            return response

    def save_model(self, request, obj, form, change):
        loaded = form.cleaned_data.get("loaded_version")
        if change and loaded is not None:
            changes.claim_version(
                article=obj, version=self.claimed_version(request, obj, loaded)
            )
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        corrections = formset.save(commit=False)
        for correction in corrections:
            if correction.pk is None:
                workflow.add_correction(
                    article=form.instance,
                    kind=correction.kind,
                    text=correction.text,
                    by=request.user,
                )
            else:
                correction.save()
        for correction in formset.deleted_objects:
            correction.delete()

    def delete_model(self, request, obj):
        workflow.delete_article(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.delete_article(article=article, by=request.user)

    def view_on_site(self, obj):
        # ``obj`` may hold a form's unsaved input (an emptied slug) when the form
        # is shown again with its errors.
        return obj.get_absolute_url() if obj.is_published and obj.slug else None

    # --- actions ------------------------------------------------------------

    def _apply(self, request, queryset, service, done, *, check=None):
        count = 0
        for article in queryset:
            if check is not None and not check(request, article):
                self.message_user(
                    request,
                    _("You may not change “%(article)s”; it was left as it was.")
                    % {"article": article},
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
            self.message_user(request, done(count), messages.SUCCESS)

    @admin.action(
        description=gettext_lazy("Submit selected articles for review"),
        permissions=["change"],
    )
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.submit_for_review,
            lambda n: (
                ngettext(
                    "%(count)s article submitted for review.",
                    "%(count)s articles submitted for review.",
                    n,
                )
                % {"count": n}
            ),
            check=self.has_change_permission,
        )

    @admin.action(
        description=gettext_lazy(
            "Publish selected articles (at their publish time if it is in the future)"
        ),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.publish_article,
            lambda n: (
                ngettext(
                    "%(count)s article published or scheduled.",
                    "%(count)s articles published or scheduled.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(
        description=gettext_lazy("Unpublish selected articles (back to draft)"),
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.unpublish_article,
            lambda n: (
                ngettext(
                    "%(count)s article returned to draft.",
                    "%(count)s articles returned to draft.",
                    n,
                )
                % {"count": n}
            ),
        )

    # --- columns ------------------------------------------------------------

    @admin.display(description=gettext_lazy("State"), ordering="status")
    def publication_state(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>',
                _("Goes live %(when)s")
                % {
                    "when": date_format(
                        timezone.localtime(obj.published_at), "j M Y H:i"
                    )
                },
                _("Scheduled"),
            )
        return obj.get_status_display()

    @admin.display(description=gettext_lazy("Last changed by"), ordering="updated_at")
    def last_changed(self, obj):
        who = obj.updated_by.get_username() if obj.updated_by else "—"
        return format_html(
            '{} <span class="quiet">{}</span>',
            who,
            date_format(timezone.localtime(obj.updated_at), "j M H:i"),
        )

    @admin.display(description=gettext_lazy("Bylines"))
    def credits(self, obj):
        return format_html_join(
            ", ",
            "{} ({})",
            ((b.contributor.name, b.get_role_display()) for b in obj.bylines.all()),
        )

    @admin.display(description=gettext_lazy("Tags"))
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description=gettext_lazy("Stored image"))
    def lead_image_preview(self, obj):
        return image_preview(obj.lead_picture, 320)

    @admin.display(description=gettext_lazy("Reading time"))
    def reading_time(self, obj):
        return reading_time(obj.reading_minutes)
