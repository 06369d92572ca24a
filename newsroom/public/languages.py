"""An edition's page speaks the edition's language."""

from django.utils import translation

from newsroom.i18n.interface import language_for_content


class EditionLanguageMixin:
    """For the views of one article's page: the interface around the article (its
    dates, credits, headings, ``<html lang dir>``) is in the article's language when
    the site has an interface in it. The URL decides the language, so the page
    cache keeps one copy per address as before."""

    def render_to_response(self, context, **kwargs):
        language = language_for_content(self.object.language)
        translation.activate(language)
        self.request.LANGUAGE_CODE = language
        return super().render_to_response(context, **kwargs)
