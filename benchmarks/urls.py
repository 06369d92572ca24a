"""The site's URLs with ``/_floor/`` in front: a constant 12 KB page through the same
middleware, the most any page of this stack could serve (the "floor" of the
benchmark). Only benchmarks/settings.py uses this URLconf."""

from django.http import HttpResponse
from django.urls import path

from newsroom import urls

FLOOR_SIZE = 12 * 1024
_PARAGRAPH = (
    "<p>A constant page of the benchmark: the same bytes for every request, "
    "no template, no database.</p>\n"
)
FLOOR_BODY = (
    "<!doctype html>\n<html lang=en><title>Floor</title>\n"
    + _PARAGRAPH * (FLOOR_SIZE // len(_PARAGRAPH))
).encode()[:FLOOR_SIZE]


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("_floor/", floor, name="floor"), *urls.urlpatterns]
handler500 = urls.handler500
