"""The site settings: one row, opened directly from the admin's index."""

from django.contrib import admin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from newsroom.admin.forms import ImageSlot
from newsroom.admin.parts import StoredImagesAdminMixin, image_preview
from newsroom.content import images
from newsroom.models import SiteSettings
from newsroom.public import page_cache


@admin.register(SiteSettings)
class SiteSettingsAdmin(StoredImagesAdminMixin, admin.ModelAdmin):
    fields = ["share_image", "share_image_preview", "share_image_alt"]
    readonly_fields = ["share_image_preview"]
    image_slots = {
        "share_image": ImageSlot(
            kind=images.SHARE_IMAGE,
            record_field="share_image_renditions",
            label=gettext_lazy("share image"),
        )
    }

    @admin.display(description=SiteSettings._meta.get_field("share_image").verbose_name)
    def share_image_preview(self, obj):
        return image_preview(obj.share_picture, 600)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        # The one row, made on first use.
        return SiteSettings.objects.get_or_create(pk=1)[0]

    def changelist_view(self, request, extra_context=None):
        return HttpResponseRedirect(
            reverse("admin:newsroom_sitesettings_change", args=[1])
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Every page may show the default image (og:image, structured data).
        transaction.on_commit(lambda: page_cache.bump({page_cache.EVERY_PAGE}))
