"""*My translations*: what a translator sees and the byline they add."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin.parts import ChoicesFilter
from newsroom.desk import workflow
from newsroom.desk.gate import desk_for
from newsroom.models import Article, Byline, Translation


class CreditedFilter(ChoicesFilter):
    title = gettext_lazy("my byline")
    parameter_name = "credited"
    choice_filters = {
        "yes": (
            gettext_lazy("Credited to me"),
            lambda articles, _: articles.filter(is_credited=True),
        ),
        "no": (
            gettext_lazy("Not credited to me"),
            lambda articles, _: articles.filter(is_credited=False),
        ),
    }


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
        # The headlines the gate offers this translator, nothing more.
        return (
            desk_for(request)
            .offered_for_translation()
            .annotate(is_credited=Exists(mine))
            .order_by(*Article._meta.ordering)
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

    @admin.display(description=gettext_lazy("State"))
    def publication_state(self, obj):
        return _("Scheduled") if obj.is_scheduled else obj.get_status_display()

    @admin.display(description=gettext_lazy("My byline"))
    def my_byline(self, obj):
        url = reverse("admin:newsroom_translation_byline", args=[obj.pk])
        if not obj.is_credited:
            return format_html('<a href="{}">{}</a>', url, _("Add my byline"))
        return format_html(
            '{} · <a href="{}">{}</a> · <a href="{}">{}</a>',
            _("Credited"),
            reverse("admin:newsroom_article_change", args=[obj.pk]),
            _("Read"),
            url,
            _("Remove my byline"),
        )

    def byline_view(self, request, object_id):
        """Confirm, then add or remove the user's own translator byline. Only ever
        the user's own: the request names no contributor."""
        if not request.user.has_perm("newsroom.credit_self"):
            raise PermissionDenied
        desk = desk_for(request)
        article = desk.article(object_id, queryset=desk.offered_for_translation())
        if request.method == "POST":
            if request.POST.get("action") == "remove":
                workflow.remove_own_byline(article=article, by=request.user)
                self.message_user(
                    request,
                    _("Your byline was removed from “%(article)s”.")
                    % {"article": article},
                    messages.SUCCESS,
                )
            else:
                workflow.add_own_byline(article=article, by=request.user)
                self.message_user(
                    request,
                    _("You are credited as translator of “%(article)s”.")
                    % {"article": article},
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
                "title": _("Remove my byline") if credited else _("Add my byline"),
                "article": article,
                "contributor": contributor,
                "credited": credited,
            },
        )
