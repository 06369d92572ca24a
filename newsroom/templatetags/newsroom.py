import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from newsroom.models import Byline

register = template.Library()


@register.filter
def roles_of(article, contributor):
    """ "Interviewer, Translator": what ``contributor`` did on ``article``, read from
    the article's prefetched bylines. Lazy: it is written in the language of where
    it is shown (a teaser in its article's language)."""
    roles = dict.fromkeys(
        Byline.Role(b.role).label
        for b in article.bylines.all()
        if b.contributor_id == contributor.pk
    )
    parts = []
    for role in roles:
        if parts:
            parts.append(pgettext_lazy("between roles", ", "))
        parts.append(role)
    return format_lazy("{}" * len(parts), *parts)


# What json_script escapes: nothing in the data can end the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` (a dict) as a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_ESCAPES)),
    )


@register.filter
def bio_in(person, language):
    """The contributor's bio for a page in ``language`` (``Contributor.bio_for``)."""
    return person.bio_for(language)
