"""Uploads are checked by decoding, stored clean, served in widths, never orphaned."""

import errno
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.urls import reverse
from PIL import Image, PngImagePlugin

from newsroom.content import images
from newsroom.models import Article, Contributor
from tests.factories import (
    XMP_PACKET,
    attach_headshot,
    attach_lead_image,
    camera_jpeg,
    image_bytes,
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    upload,
)
from tests.newsroom.test_query_counts import ARTICLE_PAGE, article_page_queries

pytestmark = pytest.mark.django_db

CONTRIBUTOR_ADD = reverse("admin:newsroom_contributor_add")
ARTICLE_ADD = reverse("admin:newsroom_article_add")


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def contributor_form(**overrides):
    return {
        "name": "Rana Photographer",
        "slug": "",
        "title": "",
        "bio": "",
        "headshot_focus_x": "50",
        "headshot_focus_y": "50",
        "user": "",
        **overrides,
    }


def article_form(**overrides):
    data = {
        "headline": "Marker headline with image",
        "slug": "",
        "dek": "",
        "intro": "",
        "status": "published",
        "published_at_0": "2026-11-20",
        "published_at_1": "10:00:00",
        "language": "en",
        "tags": "",
        "lead_image_alt": "Fighters at a checkpoint",
        "lead_image_caption": "",
        "lead_image_credit": "",
    }
    for prefix in (
        "bylines",
        "interviewee_links",
        "segments",
        "corrections",
        "preview_links",
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def png_with_header_size(width, height):
    """A few hundred bytes of PNG whose header claims ``width`` × ``height``."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def psd_header():
    return b"8BPS\x00\x01" + b"\0" * 6 + struct.pack(">HIIHH", 3, 64, 64, 8, 3)


BAD_UPLOADS = {
    "pixel bomb": (
        png_with_header_size(12_000, 10_000),
        "bomb.png",
        "The image is 12,000 × 10,000 pixels; the limit is 40 megapixels.",
    ),
    "html renamed jpg": (
        b"<!doctype html><html><script>alert(document.cookie)</script></html>",
        "portrait.jpg",
        images.NOT_AN_IMAGE,
    ),
    "png with script appended": (
        image_bytes(64, 64, "PNG") + b"<script>alert(1)</script>",
        "innocent.png",
        "The file carries 25 bytes of other data after the end of the image.",
    ),
    "jpeg with html appended": (
        image_bytes(64, 64) + b"<html><script>alert(1)</script></html>",
        "innocent.jpg",
        "bytes of other data after the end of the image",
    ),
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.svg",
        images.NOT_AN_IMAGE,
    ),
    "truncated jpeg": (
        image_bytes(400, 300, quality=95)[:1500],
        "cut.jpg",
        "The image file is damaged or incomplete",
    ),
    "psd named png": (psd_header(), "layers.png", images.NOT_AN_IMAGE),
    "pdf named png": (
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "scan.png",
        images.NOT_AN_IMAGE,
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_bad_headshot_upload_is_refused_and_nothing_is_stored(editor_client, case):
    data, name, message = BAD_UPLOADS[case]
    person = make_contributor(name="Unchanged Person")
    url = reverse("admin:newsroom_contributor_change", args=[person.pk])
    response = editor_client.post(
        url, contributor_form(name="Changed Name", headshot=upload(data, name))
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["headshot"])
    assert message in errors
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Unchanged Person"
    assert not person.headshot and person.headshot_renditions == {}
    assert media_files() == []


@pytest.mark.parametrize("case", ["pixel bomb", "png with script appended", "svg"])
def test_bad_lead_image_upload_is_refused_and_no_article_is_created(
    editor_client, case
):
    data, name, message = BAD_UPLOADS[case]
    response = editor_client.post(
        ARTICLE_ADD, article_form(lead_image=upload(data, name))
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["lead_image"])
    assert not Article.objects.exists()
    assert media_files() == []


def test_upload_over_the_byte_limit_is_refused(editor_client):
    data = image_bytes(64, 64) + b"\0" * (16 * 1024 * 1024)
    response = editor_client.post(
        CONTRIBUTOR_ADD, contributor_form(headshot=upload(data, "big.jpg"))
    )
    errors = response.context["adminform"].form.errors["headshot"]
    assert errors == ["The file is 16.0 MB; the limit is 15 MB."]
    assert not Contributor.objects.exists()
    assert media_files() == []


def stored(name):
    return (Path(settings.MEDIA_ROOT) / name).read_bytes()


def test_location_and_camera_data_are_removed_and_orientation_applied(
    editor_client, django_capture_on_commit_callbacks
):
    source = camera_jpeg(1200, 800, orientation=6)
    assert b"<x:xmpmeta" in source and b"SERIAL-123456" in source
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            CONTRIBUTOR_ADD,
            contributor_form(headshot=upload(source, "IMG_2041_Daraa.jpg")),
            follow=True,
        )
    page = response.content.decode()
    assert "carried a location (GPS position); it was removed" in page

    person = Contributor.objects.get()
    names = images.stored_names(person.headshot_renditions)
    assert len(names) == 1 + 2 * 3  # the original, WebP and JPEG in three widths
    assert all("IMG_2041" not in n and "Daraa" not in n for n in names)
    for name in names:
        data = stored(name)
        for marker in (b"<x:xmpmeta", b"GPS", b"SERIAL-123456", b"MarkerCamera"):
            assert marker not in data, (name, marker)
        image = Image.open(io.BytesIO(data))
        assert not image.getexif(), name
        assert "xmp" not in image.info and "exif" not in image.info
    # Shot sideways (orientation 6), stored upright: 800 wide, 1200 high.
    original = Image.open(io.BytesIO(stored(person.headshot.name)))
    assert original.size == (800, 1200)
    # The red left half of the sensor is at the top once turned upright.
    assert original.convert("RGB").getpixel((400, 100))[0] > 200
    assert original.convert("RGB").getpixel((400, 1100))[2] > 200


def test_png_text_chunks_are_removed_and_transparency_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "MarkerSecretAuthor")
    info.add_itxt("XML:com.adobe.xmp", XMP_PACKET.decode())
    data = image_bytes(700, 500, "PNG", mode="RGBA", pnginfo=info)
    image = Image.new("RGBA", (700, 500), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    for source in (data, buffer.getvalue()):
        record = images.store_upload(io.BytesIO(source), kind=images.LEAD_IMAGE)
        for name in images.stored_names(record):
            content = stored(name)
            assert b"MarkerSecretAuthor" not in content
            assert b"<x:xmpmeta" not in content
    assert record["fallback"][0]["type"] == "image/png"


def test_lead_image_renditions_exist_at_expected_sizes_and_formats(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            ARTICLE_ADD,
            article_form(lead_image=upload(image_bytes(2000, 1500), "lead.jpg")),
        )
    assert response.status_code == 302
    article = Article.objects.get()
    record = article.lead_image_renditions
    for role, image_format in (("webp", "WEBP"), ("fallback", "JPEG")):
        sizes = []
        for entry in record[role]:
            image = Image.open(io.BytesIO(stored(entry["name"])))
            assert image.format == image_format
            assert image.size == (entry["width"], entry["height"])
            sizes.append(image.size)
        assert sizes == [(320, 240), (640, 480), (1024, 768), (1600, 1200)]
    og = Image.open(io.BytesIO(stored(record["og"]["name"])))
    assert (og.format, og.size) == ("JPEG", (1200, 900))
    assert article.og_image_url == f"/media/{record['og']['name']}"
    assert article.og_image["width"] == 1200


def test_small_images_are_never_upscaled():
    record = images.store_upload(
        io.BytesIO(image_bytes(500, 250, "WEBP")), kind=images.LEAD_IMAGE
    )
    assert [e["width"] for e in record["webp"]] == [320]
    assert [e["width"] for e in record["fallback"]] == [320]
    assert record["og"]["width"] == 500
    tiny = images.store_upload(io.BytesIO(image_bytes(100, 80)), kind=images.HEADSHOT)
    assert [(e["width"], e["height"]) for e in tiny["webp"]] == [(80, 80)]


def test_headshots_are_square_and_follow_the_focal_point():
    data = image_bytes(1000, 500)  # red left half, blue right half
    left = attach_headshot(make_contributor(), data, x=0)
    right = attach_headshot(make_contributor(), data, x=100)
    for person, colour in ((left, 0), (right, 2)):
        entry = person.headshot_renditions["fallback"][-1]
        image = Image.open(io.BytesIO(stored(entry["name"]))).convert("RGB")
        assert image.size == (320, 320)
        assert image.getpixel((160, 160))[colour] > 200


def test_moving_the_focal_point_recrops_and_removes_old_crops(
    editor_client, django_capture_on_commit_callbacks
):
    person = attach_headshot(make_contributor(name="Focus Person"), image_bytes())
    old = images.stored_names(person.headshot_renditions)
    url = reverse("admin:newsroom_contributor_change", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            contributor_form(
                name="Focus Person", slug=person.slug, headshot_focus_x="10"
            ),
        )
    assert response.status_code == 302
    person.refresh_from_db()
    new = images.stored_names(person.headshot_renditions)
    assert person.headshot.name == old[0] == new[0]  # the original is kept
    assert set(media_files()) == set(new)
    assert not set(old[1:]) & set(new)


def test_article_page_uses_renditions_with_srcset_sizes_and_alt(client):
    article = attach_lead_image(make_interview(), alt="Marker alt: a checkpoint")
    person = attach_headshot(make_contributor(name="Headshot Person"))
    make_byline(article, person, role="reporter")
    html = client.get(article.get_absolute_url()).content.decode()
    record = article.lead_image_renditions
    assert '<source type="image/webp" srcset="' in html
    assert f"/media/{record['webp'][0]['name']} 320w" in html
    assert f"/media/{record['fallback'][-1]['name']} 1600w" in html
    assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in html
    assert 'width="1024" height="768"' in html
    assert 'alt="Marker alt: a checkpoint"' in html
    assert article.lead_image.name not in html  # the full-size original is not sent
    headshot = person.headshot_renditions["webp"][0]["name"]
    assert f"/media/{headshot} 160w" in html
    assert 'width="72" height="72"' in html and 'loading="lazy"' in html


def test_contributor_page_shows_the_headshot_renditions(client):
    person = attach_headshot(make_contributor(name="Page Person"))
    make_byline(make_article(), person)
    html = client.get(person.get_absolute_url()).content.decode()
    assert 'width="160" height="160"' in html
    assert f"{person.headshot_renditions['fallback'][0]['name']} 160w" in html


def test_renditions_are_not_regenerated_on_page_views(client, monkeypatch):
    article = attach_lead_image(make_interview())
    make_byline(article, attach_headshot(make_contributor()))
    before = {name: Path(settings.MEDIA_ROOT, name).stat() for name in media_files()}

    def forbidden(*args, **kwargs):
        raise AssertionError("a page view tried to make or store an image")

    monkeypatch.setattr(images, "render", forbidden)
    monkeypatch.setattr(FileSystemStorage, "save", forbidden)
    monkeypatch.setattr(FileSystemStorage, "open", forbidden)
    for _ in range(2):
        assert client.get(article.get_absolute_url()).status_code == 200
    after = {name: Path(settings.MEDIA_ROOT, name).stat() for name in media_files()}
    assert before == after


@pytest.mark.parametrize("with_images", [False, True])
def test_article_page_query_count_does_not_grow_with_images(client, with_images):
    article = make_interview(bylines=3)
    if with_images:
        attach_lead_image(article)
        for byline in article.bylines.all():
            attach_headshot(byline.contributor)
    assert article_page_queries(client, article.get_absolute_url()) == ARTICLE_PAGE


def test_replacing_the_lead_image_removes_the_old_files(
    editor_client, django_capture_on_commit_callbacks
):
    article = attach_lead_image(make_article(headline="Replace me"))
    old = images.stored_names(article.lead_image_renditions)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            article_form(
                headline="Replace me",
                slug=article.slug,
                lead_image=upload(image_bytes(900, 600, "PNG"), "new.png"),
            ),
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert set(media_files()) == set(images.stored_names(article.lead_image_renditions))
    assert not set(old) & set(media_files())


def test_clearing_the_lead_image_removes_its_files(
    editor_client, django_capture_on_commit_callbacks
):
    article = attach_lead_image(make_article(headline="Clear me"))
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            article_form(
                headline="Clear me", slug=article.slug, **{"lead_image-clear": "on"}
            ),
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.lead_image and article.lead_image_renditions == {}
    assert media_files() == []


def test_deleting_articles_and_contributors_removes_their_files(
    editor_client, django_capture_on_commit_callbacks
):
    first = attach_lead_image(make_article())
    second = attach_lead_image(make_article())
    person = attach_headshot(make_contributor())
    assert len(media_files()) == 2 * 10 + 5
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:newsroom_article_delete", args=[first.pk]), {"post": "yes"}
        )
    assert len(media_files()) == 10 + 5
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:newsroom_article_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [second.pk],
                "post": "yes",
            },
        )
    assert len(media_files()) == 5
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()
    assert media_files() == []


def test_disk_full_during_upload_is_a_form_error_and_leaves_nothing(
    editor_client, monkeypatch
):
    real_save = FileSystemStorage._save
    calls = []

    def filling_disk(self, name, content):
        calls.append(name)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", filling_disk)
    response = editor_client.post(
        ARTICLE_ADD, article_form(lead_image=upload(image_bytes(2000, 1500)))
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["lead_image"])
    assert "could not be stored (No space left on device)" in errors
    assert not Article.objects.exists()
    assert media_files() == []


def test_files_of_a_page_that_is_not_saved_are_removed(editor_client):
    # The image is fine, but an inline row on the same page is not: nothing saved.
    data = article_form(lead_image=upload(image_bytes(800, 600)))
    data.update(
        {
            "segments-TOTAL_FORMS": "1",
            "segments-0-question": "A question with no answer?",
            "segments-0-answer": "",
        }
    )
    response = editor_client.post(ARTICLE_ADD, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert media_files() == []


def test_lead_image_upload_still_needs_alt_text(editor_client):
    response = editor_client.post(
        ARTICLE_ADD,
        article_form(lead_image=upload(image_bytes(800, 600)), lead_image_alt=""),
    )
    assert response.status_code == 200
    assert "Describe the lead image" in response.content.decode()
    assert media_files() == []


def test_admin_form_tells_the_limits_and_accepts_only_images(editor_client):
    html = editor_client.get(CONTRIBUTOR_ADD).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert "Location (GPS), camera and other hidden data are removed" in html


def test_images_work_on_any_storage_backend(client, settings):
    """Only Django's storage API is used: an in-memory backend stands in for S3."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    article = attach_lead_image(make_interview())
    names = images.stored_names(article.lead_image_renditions)
    assert all(default_storage.exists(name) for name in names)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"{article.lead_image_renditions['webp'][0]['name']} 320w" in html
    assert media_files() == []  # nothing on the local disk
    images.delete_files(names)
    assert not any(default_storage.exists(name) for name in names)
