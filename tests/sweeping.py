"""What the canary sweeps share: the URLconf's routes, and the admin's
autocomplete queries."""

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import URLPattern, URLResolver

from newsroom.models import Byline


def walk(patterns, prefix=""):
    """(route, URLPattern) for every endpoint, with the full route text (a regular
    expression's anchors dropped)."""
    for entry in patterns:
        route = prefix + str(entry.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def autocomplete_urls(term):
    """Every admin autocomplete query there is: each relation of each model to a
    model the admin can search (any relation will do, not only the admin's
    autocomplete_fields), searched for ``term``."""
    urls = []
    for model in set(admin.site._registry) | {Byline}:
        for field in model._meta.get_fields():
            remote = getattr(field, "related_model", None)
            if not (field.concrete and remote in admin.site._registry):
                continue
            if not admin.site._registry[remote].search_fields:
                continue
            query = urlencode(
                {
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "field_name": field.name,
                    "term": term,
                }
            )
            urls.append(f"/admin/autocomplete/?{query}")
    return urls
