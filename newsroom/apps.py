from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import checks  # noqa: F401  (registers the deployment checks)
        from newsroom.content import article_parts
        from newsroom.content.parts import PARTS
        from newsroom.desk import changes

        PARTS.register(*article_parts.PARTS)
        changes.watch()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, whose site asks for two-factor codes (installed in
    place of "django.contrib.admin")."""

    default = False  # NewsroomConfig stays the config of "newsroom"
    default_site = "newsroom.accounts.two_factor.NewsroomAdminSite"
