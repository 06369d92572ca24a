from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from newsroom import checks  # noqa: F401  (registers the deployment checks)
        from newsroom.content import article_parts
        from newsroom.content.parts import PARTS
        from newsroom.desk import changes
        from newsroom.i18n.middleware import load_choice_on_login

        PARTS.register(*article_parts.PARTS)
        changes.watch()
        # The admin's language is read from the session (not the database) on
        # every page: it is put there at login.
        user_logged_in.connect(load_choice_on_login, dispatch_uid="interface_language")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, whose site asks for two-factor codes (installed in
    place of "django.contrib.admin")."""

    default = False  # NewsroomConfig stays the config of "newsroom"
    default_site = "newsroom.accounts.two_factor.NewsroomAdminSite"
