"""The site's URLs with the uploads (the demo's lead image and headshots) served
from MEDIA_ROOT with long cache headers, as one machine without object storage
serves them. Only benchmarks/audit_settings.py uses this URLconf."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom import urls


def media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", media),
    *urls.urlpatterns,
]
handler500 = urls.handler500
