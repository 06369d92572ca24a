"""The head of a public page: description, canonical address, Open Graph and
Twitter card (templates/newsroom/_page_meta.html)."""

from django import template
from django.conf import settings
from django.utils import translation

from newsroom.i18n.interface import og_locale
from newsroom.public import metadata

register = template.Library()


def _with_page(path, page_obj):
    """A list's address, with its page number past the first."""
    number = getattr(page_obj, "number", 1)
    return f"{path}?page={number}" if number > 1 else path


@register.inclusion_tag("newsroom/_page_meta.html", takes_context=True)
def page_meta(
    context,
    *,
    title,
    description,
    path,
    og_type="website",
    article=None,
    editions=(),
    indexable=True,
):
    """Everything a page says about itself in its head. ``path`` is the page's own
    address (a list's page number is added); ``article`` an article page's article
    (its lead image, its language, ``editions`` its other-language editions)."""
    request = context["request"]
    absolute = request.build_absolute_uri
    if article is not None:
        image = metadata.article_share_image(article)
        language = article.language
    else:
        image = metadata.default_share_image()
        language = translation.get_language()
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "title": title,
        "description": " ".join(str(description).split()),
        "url": absolute(_with_page(path, context.get("page_obj"))),
        "og_type": og_type,
        "image": image._replace(url=absolute(image.url)),
        "locale": og_locale(language),
        "alternate_locales": [
            og_locale(e.language) for e in editions if e.language != language
        ],
        "indexable": indexable,
    }


@register.filter
def article_description(article):
    """The dek, else the intro's first sentence."""
    return metadata.article_description(article)
