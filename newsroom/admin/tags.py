"""Tags, their other spellings (aliases), and merging duplicates."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# taggit registers its own TagAdmin (for its generic TaggedItem); importing it here
# makes that happen first, so that the TagAdmin below can replace it.
from taggit import admin as taggit_admin  # noqa: F401
from taggit.models import Tag

from newsroom.admin.forms import TagAdminForm
from newsroom.admin.parts import ChoicesFilter, OneChangePerRequestMixin
from newsroom.content.tagging import likely_duplicates
from newsroom.content.transliteration import name_key
from newsroom.desk.workflow import merge_tags
from newsroom.models import TagAlias, TaggedArticle


class TagAliasInline(admin.TabularInline):
    model = TagAlias
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 1
    verbose_name = gettext_lazy("other spelling")
    verbose_name_plural = gettext_lazy(
        "other spellings (aliases): typing one attaches this tag, and its address "
        "redirects here"
    )


def _spelt_alike(tags, _request):
    ids = [tag.pk for group in likely_duplicates().values() for tag in group]
    return tags.filter(pk__in=ids)


class LikelyDuplicateFilter(ChoicesFilter):
    title = gettext_lazy("likely duplicates")
    parameter_name = "duplicates"
    choice_filters = {"yes": (gettext_lazy("Spelt like another tag"), _spelt_alike)}


class MergeTagsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label=gettext_lazy("Keep this tag"),
        help_text=gettext_lazy(
            "The other tags become its aliases; their articles get this tag."
        ),
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = tags


@admin.register(TagAlias)
class TagAliasAdmin(OneChangePerRequestMixin, admin.ModelAdmin):
    list_display = ["name", "tag", "slug"]
    list_select_related = ["tag"]
    search_fields = ["name", "tag__name"]
    autocomplete_fields = ["tag"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(OneChangePerRequestMixin, admin.ModelAdmin):
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

    @admin.display(description=gettext_lazy("Spelling key"))
    def spelling_key(self, obj):
        return name_key(obj.name)

    @admin.display(description=gettext_lazy("Aliases"))
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description=gettext_lazy("Articles"), ordering="_articles")
    def article_count(self, obj):
        # The article list offers only recent tags as filters: this is the way to
        # the articles of any tag.
        url = reverse("admin:newsroom_article_changelist")
        return format_html(
            '<a href="{}?tags__id__exact={}">{}</a>', url, obj.pk, obj._articles
        )

    @admin.action(
        description=gettext_lazy("Merge selected tags…"), permissions=["change"]
    )
    def merge_selected_tags(self, request, queryset):
        """Asks which tag to keep, then merges the others into it."""
        if queryset.count() < 2:
            self.message_user(
                request, _("Select two or more tags to merge."), level="warning"
            )
            return None
        form = MergeTagsForm(
            request.POST if "apply" in request.POST else None, tags=queryset
        )
        if form.is_valid():
            into = form.cleaned_data["into"]
            merged = [tag.name for tag in queryset if tag.pk != into.pk]
            articles = merge_tags(tags=list(queryset), into=into, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "Merged %(merged)s into %(into)s: %(count)s article moved; the "
                    "merged names are now aliases of %(into)s.",
                    "Merged %(merged)s into %(into)s: %(count)s articles moved; the "
                    "merged names are now aliases of %(into)s.",
                    articles,
                )
                % {"merged": ", ".join(merged), "into": into.name, "count": articles},
                level="success",
            )
            return None
        tagged = TaggedArticle.objects.filter(tag__in=queryset)
        return TemplateResponse(
            request,
            "admin/taggit/tag/merge_tags.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge tags"),
                "opts": self.model._meta,
                "form": form,
                "tags": queryset,
                "article_count": tagged.values("content_object").distinct().count(),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
