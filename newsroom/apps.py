from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, whose site asks for two-factor codes (installed in
    place of "django.contrib.admin")."""

    default = False  # NewsroomConfig stays the config of "newsroom"
    default_site = "newsroom.accounts.two_factor.NewsroomAdminSite"
