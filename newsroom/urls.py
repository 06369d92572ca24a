from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from newsroom.admin.language import choose_language
from newsroom.admin.view_on_site import view_on_site
from newsroom.infra.health import healthz
from newsroom.infra.media import serve_upload

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Editorial desk")

# Password reset for staff, in the admin's look (Django's registration templates).
# The request page answers the same whether or not the address has an account.
_admin_look = {"site_header": admin.site.site_header}
account_urls = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(extra_context=_admin_look),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(extra_context=_admin_look),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=_admin_look),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=_admin_look),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *account_urls,
    # Before the admin's own "view on site" redirect, which checks no permission.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path(
        "admin/language/",
        admin.site.admin_view(choose_language),
        name="admin-language",
    ),
    path("admin/", admin.site.urls),
    # Uploads on this machine's disk, in development and production alike (with
    # object storage, readers get them from the bucket and this answers 404).
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", serve_upload, name="upload"),
    path("", include("newsroom.public.urls")),
]

# A database outage outside a view still gets the 503 page (newsroom/infra/faults.py).
handler500 = "newsroom.infra.faults.server_error"
# A request over a size limit says which limit and what to do (infra/limits.py).
handler400 = "newsroom.infra.limits.bad_request"
