"""The language of each request.

Readers' pages speak the site's language (``LANGUAGE_CODE``, set by
``NEWSROOM_LANGUAGE``), whatever the browser asks: a page is the same for every
reader, so the page cache and a CDN may keep one copy of it. An edition's page
then switches to the edition's own language (``newsroom.public.views``).

The admin speaks each editor's own choice (``InterfacePreference``, chosen on
``/admin/language/``), else the language the browser asks for; admin pages are
never cached.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from newsroom.infra.faults import DATABASE_UNAVAILABLE
from newsroom.models import InterfacePreference

SESSION_KEY = "newsroom_interface_language"


def remember_choice(session, language):
    """Keep ``language`` ("" for the browser's) in the session, so that the admin
    reads it from there rather than from the database on every page."""
    session[SESSION_KEY] = language


def chosen_language(request):
    """The user's own choice, or "" (none, not logged in, or the database down:
    the view then answers the 503 page, newsroom/infra/faults.py)."""
    try:
        return _chosen_language(request)
    except DATABASE_UNAVAILABLE:
        return ""


def _chosen_language(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    chosen = request.session.get(SESSION_KEY)
    if chosen is None:
        chosen = (
            InterfacePreference.objects.filter(user=user)
            .values_list("language", flat=True)
            .first()
        ) or ""
        remember_choice(request.session, chosen)
    return chosen


def load_choice_on_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: the choice goes into the new session at once."""
    if request is None or not hasattr(request, "session"):
        return
    chosen = (
        InterfacePreference.objects.filter(user=user)
        .values_list("language", flat=True)
        .first()
    )
    remember_choice(request.session, chosen or "")


class InterfaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def is_admin(self, request):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return request.path_info.startswith(self._admin_prefix)

    def __call__(self, request):
        admin = self.is_admin(request)
        if admin:
            chosen = chosen_language(request)
            language = chosen or translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
            # The language the page was finally written in (an edition's own).
            response.headers.setdefault("Content-Language", translation.get_language())
            if admin:
                patch_vary_headers(response, ["Accept-Language"])
            return response
        finally:
            translation.activate(settings.LANGUAGE_CODE)
