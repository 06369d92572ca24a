"""Which interface language a page speaks, and how it is written."""

from django.conf import settings
from django.utils import translation

from newsroom.models.languages import RTL_LANGUAGES

# Open Graph wants a territory with the language (language_TERRITORY).
OG_LOCALES = {"en": "en_GB", "ar": "ar_AR", "fr": "fr_FR"}


def is_interface_language(code):
    """Whether the site has an interface (a catalogue) in ``code``."""
    return code in dict(settings.LANGUAGES)


def language_for_content(code):
    """The interface language to show around content written in ``code``: that
    language when the site speaks it, else the current one (a French article on
    an English site keeps an English interface around its French text)."""
    return code if is_interface_language(code) else translation.get_language()


def direction(code):
    return "rtl" if (code or "").split("-")[0] in RTL_LANGUAGES else "ltr"


def og_locale(code):
    return OG_LOCALES.get(code, code)
