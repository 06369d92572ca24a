"""Uploads served by the app, when they are stored on this machine's disk.

With uploads in object storage (S3_BUCKET) readers fetch them from the bucket or
its CDN and this view answers 404. With local storage (one machine, or a disk the
app servers share) it serves what ``newsroom.content.images`` stored, and nothing
else:

- only names of the form the image code gives its files (a known folder, a random
  hexadecimal stem, a rendition suffix, .jpg/.png/.webp): no directory listing, no
  other file someone left in MEDIA_ROOT, no ``..``;
- only a regular file inside MEDIA_ROOT once symbolic links are resolved;
- the content type from that fixed list of extensions, never guessed from the
  bytes, with ``X-Content-Type-Options: nosniff``;
- cached for a year, ``immutable``: a stored name is random and never reused (a
  replaced image gets new names), so a browser or an edge cache never needs to ask
  again.

Django's own ``django.views.static.serve`` is meant for development only (it serves
any file below its root and says so); this is the production counterpart, small
enough to read. Each file is streamed by ``FileResponse`` (gunicorn passes it to
the kernel with sendfile).
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from newsroom.content.images import EXTENSIONS, HEADSHOT, LEAD_IMAGE

CONTENT_TYPES = {extension: mime for mime, extension in EXTENSIONS.items()}
ONE_YEAR = 365 * 24 * 60 * 60

# folder/0123…ef[-og|-640w][_Ab12Cd3].jpg — the stem is uuid4().hex; the last part
# is what Storage.get_available_name() appends should a name ever be taken.
STORED_NAME = re.compile(
    r"(?:{folders})/[0-9a-f]{{32}}(?:-og|-[0-9]{{1,5}}w)?(?:_[A-Za-z0-9]{{7}})?"
    r"(?:{extensions})".format(
        folders="|".join(re.escape(kind.folder) for kind in (HEADSHOT, LEAD_IMAGE)),
        extensions="|".join(re.escape(extension) for extension in CONTENT_TYPES),
    )
)


def stored_file(name):
    """The path of the stored upload ``name``, or None when there is none: the name
    is not one the app gives, the storage is not this disk, or the file is not a
    regular file under MEDIA_ROOT."""
    if not STORED_NAME.fullmatch(name) or not isinstance(
        default_storage, FileSystemStorage
    ):
        return None
    root = Path(os.path.realpath(settings.MEDIA_ROOT))
    path = Path(os.path.realpath(root / name))
    if root not in path.parents or not path.is_file():
        return None
    return path


@require_safe
def serve_upload(request, name):
    path = stored_file(name)
    if path is None:
        raise Http404("No such upload.")
    stat = path.stat()
    modified = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if modified is not None and int(stat.st_mtime) <= modified:
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            path.open("rb"), content_type=CONTENT_TYPES[path.suffix]
        )
        response["Content-Length"] = str(stat.st_size)
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=ONE_YEAR, immutable=True)
    return response
