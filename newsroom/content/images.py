"""Uploaded images: checked by decoding, stored clean, served in a few widths.

An upload is trusted for nothing, not even its name. ``inspect_upload()`` decodes it
with Pillow, restricted to JPEG, PNG and WebP, within a byte and a pixel limit, and
refuses trailing data after the image's end (a PNG with HTML appended). ``render()``
re-encodes it upright, in sRGB, with every piece of metadata dropped (EXIF with its GPS
position and camera serial, XMP, IPTC, PNG text chunks) and makes the renditions in
memory. ``store()`` writes them through Django's storage API under random names, so
S3 or any other backend works unchanged, and returns the record that the model keeps
in a JSON field: templates read names and sizes from it and never touch storage.
"""

import io
import struct
import uuid
import warnings
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000

# Pillow's decompression-bomb guard, set explicitly. Our own check of the size in the
# header comes first (opening reads the header only, no pixels), so that the editor
# learns the image's size; Pillow's guard is the backstop for every other path, with
# its warning turned into an error below.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS * 4

# Pillow's own format names. MPO is the JPEG variant many phone cameras write.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}

NOT_AN_IMAGE = gettext_noop("This file is not a JPEG, PNG or WebP image.")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
UPLOAD_HELP = _(
    "JPEG, PNG or WebP, up to 15 MB and 40 megapixels. Location (GPS), camera and "
    "other hidden data are removed before the image is stored."
)


@dataclass(frozen=True)
class Kind:
    """What one kind of image is stored as."""

    folder: str
    widths: tuple
    square: bool = False
    og_width: int | None = None


LEAD_IMAGE = Kind(folder="lead-images", widths=(320, 640, 1024, 1600), og_width=1200)
HEADSHOT = Kind(folder="headshots", widths=(160, 320, 640), square=True)
# The site's default share image (newsroom.models.SiteSettings): what social networks
# show for a page without an image of its own.
SHARE_IMAGE = Kind(folder="share-images", widths=(600, 1200), og_width=1200)


@dataclass
class InspectedImage:
    image: Image.Image
    format: str
    had_location: bool
    had_metadata: bool


@dataclass
class RenderedImage:
    """The clean original and its renditions, encoded, not yet stored."""

    files: list = field(default_factory=list)  # [(role, suffix, bytes, w, h, mime)]
    had_location: bool = False
    had_metadata: bool = False


# -- checking -----------------------------------------------------------------------


def inspect_upload(upload):
    """Decode ``upload`` fully and return it as an InspectedImage, or raise a
    ValidationError that tells the editor what is wrong with the file."""
    size = getattr(upload, "size", None)
    if size is None:
        size = len(_read(upload))
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_BYTES // 2**20},
        )
    data = _read(upload)
    image = None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open(data)
            _check_pixels(image)
            image.verify()
            # verify() leaves the image unusable; decode every pixel from a fresh open.
            image = _open(data)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(image) from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
            raise ValidationError(
                _(
                    "The image file is damaged or incomplete (%(reason)s). Export it "
                    "again and upload the new file."
                ),
                code="damaged",
                params={"reason": str(error) or type(error).__name__},
            ) from error
    kind = ACCEPTED_FORMATS[image.format]
    extra = _trailing_bytes(data, image.format)
    if extra:
        raise ValidationError(
            _(
                "The file carries %(extra)s bytes of other data after the end of "
                "the image. Export the image again and upload the new file."
            ),
            code="trailing_data",
            params={"extra": f"{extra:,}"},
        )
    exif = image.getexif()
    had_location = bool(exif.get_ifd(0x8825)) if exif else False
    info_keys = set(image.info) - {"dpi", "gamma", "transparency", "duration", "loop"}
    had_metadata = bool(exif) or bool(info_keys) or bool(getattr(image, "text", None))
    return InspectedImage(image, kind, had_location, had_metadata)


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _open(data):
    try:
        image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
    except UnidentifiedImageError:
        raise ValidationError(_(NOT_AN_IMAGE), code="not_an_image") from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_(NOT_AN_IMAGE), code="not_an_image")
    return image


def _check_pixels(image):
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(image)


def _too_many_pixels(image):
    if image is None:
        return ValidationError(
            _("The image has far more pixels than the limit of %(limit)s megapixels."),
            code="too_many_pixels",
            params={"limit": MAX_PIXELS // 1_000_000},
        )
    width, height = image.size
    return ValidationError(
        _(
            "The image is %(width)s × %(height)s pixels; the limit is %(limit)s "
            "megapixels. Make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={
            "width": f"{width:,}",
            "height": f"{height:,}",
            "limit": MAX_PIXELS // 1_000_000,
        },
    )


def _trailing_bytes(data, image_format):
    """How many bytes follow the end of the image proper (0 when none)."""
    if image_format == "PNG":
        end = _png_end(data)
    elif image_format == "WEBP":
        end = 8 + struct.unpack("<I", data[4:8])[0]
        end += end % 2
    elif image_format == "JPEG":
        end = _jpeg_end(data)
    else:
        # MPO: further pictures follow the first by design; only the first is used.
        return 0
    # Some cameras pad their files with zero bytes; that is not data.
    return len(data[end:].rstrip(b"\0"))


def _png_end(data):
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        pos += 12 + length
        if kind == b"IEND":
            return pos
    return len(data)


def _jpeg_end(data):
    """The offset after the EOI marker, found by walking the marker segments and the
    entropy-coded scans (a thumbnail inside EXIF has its own EOI, so searching for
    the bytes FF D9 is not enough)."""
    pos = 2
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            return len(data)
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > len(data):
            return len(data)
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        pos += 2 + length
        if marker == 0xDA:
            # Scan data runs until a marker that is neither stuffing nor a restart.
            while pos + 1 < len(data):
                if data[pos] == 0xFF and data[pos + 1] not in range(0xD0, 0xD8):
                    if data[pos + 1] != 0x00:
                        break
                pos += 1
    return len(data)


# -- re-encoding ----------------------------------------------------------------------


def render(inspected, *, kind, focus=(50, 50)):
    """The clean original and all renditions of ``inspected`` for ``kind``."""
    try:
        return _render(inspected, kind, focus)
    except (OSError, ValueError) as error:
        # Unusual pixel formats Pillow decodes but cannot convert or encode.
        raise ValidationError(
            _(
                "The image could not be converted (%(reason)s). Export it as an "
                "ordinary JPEG or PNG and upload that."
            ),
            code="conversion_failed",
            params={"reason": error},
        ) from error


def _render(inspected, kind, focus):
    image = _clean(inspected.image)
    rendered = RenderedImage(
        had_location=inspected.had_location, had_metadata=inspected.had_metadata
    )
    fallback = "PNG" if image.mode == "RGBA" else "JPEG"
    rendered.files.append(("original", "", *_encode(image, fallback)))
    if kind.square:
        image = _square(image, focus)
    if kind.og_width:
        og = _resize(image, min(kind.og_width, image.width)).convert("RGB")
        rendered.files.append(("og", "-og", *_encode(og, "JPEG")))
    renditions = []
    # Largest first, each made from the one before: faster, and as sharp.
    for width in sorted(_widths(image.width, kind.widths), reverse=True):
        image = _resize(image, width)
        renditions.append((width, image))
    for width, resized in reversed(renditions):
        rendered.files.append(("webp", f"-{width}w", *_encode(resized, "WEBP")))
        rendered.files.append(("fallback", f"-{width}w", *_encode(resized, fallback)))
    return rendered


def _clean(image):
    """Upright, sRGB, RGB(A) pixels with no metadata attached."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if image.mode in ("P", "PA", "LA", "La", "RGBa"):
        image = image.convert("RGBA")
    has_alpha = image.mode == "RGBA" and image.getextrema()[3][0] < 255
    if icc:
        image = _to_srgb(image, icc)
    image = image.convert("RGBA" if has_alpha else "RGB")
    # A new image carries pixels only: no info dict, no EXIF, no XMP, no text chunks.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _to_srgb(image, icc):
    """Convert from the embedded colour profile to sRGB, so colours stay right once
    the profile (which can name the camera or the editing machine) is dropped."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
            image = image.convert(mode)
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile: the pixels are used as they are.
        return image


def _square(image, focus):
    side = min(image.size)
    fx, fy = (max(0, min(100, value)) / 100 for value in focus)
    left = round(min(max(fx * image.width - side / 2, 0), image.width - side))
    top = round(min(max(fy * image.height - side / 2, 0), image.height - side))
    return image.crop((left, top, left + side, top + side))


def rendition_widths(original, kind):
    """The widths of the renditions made today of the stored ``original`` (its
    record entry): after the square crop for a square kind."""
    side = original["width"]
    if kind.square:
        side = min(side, original["height"])
    return sorted(_widths(side, kind.widths))


def _widths(original, widths):
    """The rendition widths for an image ``original`` pixels wide: never upscaled;
    an image narrower than the smallest width gets one rendition at its own size."""
    fitting = [width for width in widths if width <= original]
    return fitting or [original]


def _resize(image, width):
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(
            buffer, "JPEG", quality=85, optimize=True, progressive=True
        )
        mime = "image/jpeg"
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
        mime = "image/png"
    else:
        image.save(buffer, "WEBP", quality=80, method=4)
        mime = "image/webp"
    return buffer.getvalue(), image.width, image.height, mime


EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


# -- storing --------------------------------------------------------------------------


def store(rendered, *, kind, storage=None, stem=None):
    """Write every file of ``rendered`` under one random name and return the record
    for the model's JSON field. On a storage error (a full disk, an unreachable
    bucket) nothing is left behind and a ValidationError says so."""
    storage = storage or default_storage
    stem = stem or uuid.uuid4().hex
    record = {"original": None, "webp": [], "fallback": [], "og": None}
    written = []
    try:
        for role, suffix, data, width, height, mime in rendered.files:
            name = storage.save(
                f"{kind.folder}/{stem}{suffix}{EXTENSIONS[mime]}", ContentFile(data)
            )
            written.append(name)
            entry = {"name": name, "width": width, "height": height, "type": mime}
            if role in ("webp", "fallback"):
                record[role].append(entry)
            else:
                record[role] = entry
    except OSError as error:
        delete_files(written, storage=storage)
        raise ValidationError(
            _(
                "The image could not be stored (%(reason)s). Nothing was saved; try "
                "again later or tell the technical desk."
            ),
            code="storage_failed",
            params={"reason": error.strerror or str(error)},
        ) from error
    return record


def store_upload(upload, *, kind, focus=(50, 50), storage=None):
    """Check, clean and store ``upload`` in one go (for commands and scripts; the
    admin goes through newsroom.admin.forms). Returns the record; raises
    ValidationError."""
    rendered = render(inspect_upload(upload), kind=kind, focus=focus)
    return store(rendered, kind=kind, storage=storage)


def restore_renditions(record, *, kind, focus, storage=None):
    """New renditions of an already stored image (the headshot's focal point
    moved): made from the clean original, which is kept."""
    storage = storage or default_storage
    with storage.open(record["original"]["name"]) as original:
        inspected = inspect_upload(ContentFile(original.read()))
    rendered = render(inspected, kind=kind, focus=focus)
    rendered.files = [f for f in rendered.files if f[0] != "original"]
    stem = uuid.uuid4().hex
    new = store(rendered, kind=kind, storage=storage, stem=stem)
    new["original"] = record["original"]
    return new


def stored_names(record):
    """Every file name a record points at."""
    if not record:
        return []
    entries = [record.get("original"), record.get("og")]
    entries += record.get("webp", []) + record.get("fallback", [])
    return [entry["name"] for entry in entries if entry]


def delete_files(names, *, storage=None):
    storage = storage or default_storage
    for name in names:
        storage.delete(name)


def delete_files_on_commit(names, *, storage=None):
    """Remove files once the database change that dropped them is committed, so a
    rolled-back save never leaves a row pointing at a deleted file."""
    names = list(names)
    if names:
        transaction.on_commit(lambda: delete_files(names, storage=storage))


# -- reading, for templates -----------------------------------------------------------


class Picture:
    """What a template needs to draw a stored image: srcsets, the fallback source
    and its size, read from the record alone (no storage access but ``url()``,
    which for every backend is computed, not fetched)."""

    def __init__(self, record, storage=None):
        self.record = record or {}
        self.storage = storage or default_storage

    def __bool__(self):
        return bool(self.record.get("fallback"))

    def _srcset(self, role):
        return ", ".join(
            f"{self.storage.url(entry['name'])} {entry['width']}w"
            for entry in self.record.get(role, [])
        )

    @property
    def webp_srcset(self):
        return self._srcset("webp")

    @property
    def fallback_srcset(self):
        return self._srcset("fallback")

    @property
    def fallback_type(self):
        return self.record["fallback"][-1]["type"]

    def _default(self, preferred):
        """The fallback rendition closest above ``preferred`` px wide."""
        entries = self.record["fallback"]
        return next((e for e in entries if e["width"] >= preferred), entries[-1])

    @property
    def src(self):
        return self.storage.url(self._default(1024)["name"])

    @property
    def width(self):
        return self._default(1024)["width"]

    @property
    def height(self):
        return self._default(1024)["height"]

    def url_for(self, width):
        """The URL of the smallest rendition at least ``width`` px wide."""
        return self.storage.url(self._default(width)["name"])

    @property
    def og(self):
        return self.record.get("og")
