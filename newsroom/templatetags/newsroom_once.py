"""``{% per_language %}…{% end_per_language %}``: a part of a template that
depends on nothing but the active language (the site's header and footer, the
links to its icons and stylesheet), rendered once per language and process.

What is inside sees one variable, ``site_name``, and otherwise only static
files, URLs and translations: never the request, the user or the page. The
rendered text is kept on the template's node, so a template parsed again (a
changed file in development) starts afresh; a change of settings (as tests
make) forgets it all.
"""

import weakref

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils import translation

register = template.Library()

_NODES = weakref.WeakSet()


class PerLanguageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}
        _NODES.add(self)

    def render(self, context):
        key = (translation.get_language(), get_script_prefix())
        text = self.rendered.get(key)
        if text is None:
            site = context.new({"site_name": settings.NEWSROOM_SITE_NAME})
            text = self.nodelist.render(site)
            self.rendered[key] = text
        return text


@register.tag
def per_language(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("per_language takes no arguments")
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)


def _forget(**kwargs):
    for node in list(_NODES):
        node.rendered.clear()


setting_changed.connect(_forget, dispatch_uid="newsroom-per-language-forget")
