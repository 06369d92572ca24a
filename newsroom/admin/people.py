"""Series and contributors (bios, headshots; translators edit their own)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from newsroom.admin.forms import ImageSlot
from newsroom.admin.parts import (
    OneChangePerRequestMixin,
    StoredImagesAdminMixin,
    image_preview,
)
from newsroom.content import images
from newsroom.models import Contributor, Series


@admin.register(Series)
class SeriesAdmin(OneChangePerRequestMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Contributor)
class ContributorAdmin(
    OneChangePerRequestMixin, StoredImagesAdminMixin, admin.ModelAdmin
):
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
            label=gettext_lazy("headshot"),
            focus_fields=("headshot_focus_x", "headshot_focus_y"),
        )
    }

    @admin.display(description=gettext_lazy("Square crop"))
    def headshot_preview(self, obj):
        return image_preview(obj.headshot_picture, 160)

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
