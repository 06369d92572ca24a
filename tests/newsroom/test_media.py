"""Uploads on this machine's disk are served by the app, in production too, and only
the files the image code stored (newsroom/infra/media.py)."""

import os

import pytest
from django.test import override_settings

from tests.factories import attach_headshot, make_contributor

pytestmark = pytest.mark.django_db


@pytest.fixture
def headshot():
    return attach_headshot(make_contributor(name="Pictured Marker")).headshot_renditions


@pytest.mark.parametrize("debug", [False, True])
def test_stored_renditions_are_served_with_long_cache_headers(
    client, settings, headshot, debug
):
    settings.DEBUG = debug
    for entry in [headshot["original"], *headshot["webp"], *headshot["fallback"]]:
        response = client.get(f"/media/{entry['name']}")
        assert response.status_code == 200
        assert response["Content-Type"] == entry["type"]
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["X-Content-Type-Options"] == "nosniff"
        body = b"".join(response.streaming_content)
        assert int(response["Content-Length"]) == len(body) > 0


def test_each_file_type_gets_its_own_content_type(client, headshot):
    types = {
        client.get(f"/media/{entry['name']}")["Content-Type"]
        for entry in [*headshot["webp"], *headshot["fallback"]]
    }
    assert types == {"image/webp", "image/jpeg"}


def test_a_revalidation_answers_not_modified(client, headshot):
    url = f"/media/{headshot['webp'][0]['name']}"
    last_modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_head_request_gets_the_headers(client, headshot):
    response = client.head(f"/media/{headshot['webp'][0]['name']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"


def test_posting_to_an_upload_is_refused(client, headshot):
    assert client.post(f"/media/{headshot['webp'][0]['name']}").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "",
        "headshots/",
        "headshots",
        "lead-images/",
        "../settings.py",
        "headshots/../../newsroom/settings.py",
        "headshots/%2e%2e/%2e%2e/pyproject.toml",
        "..%2f..%2fpyproject.toml",
        "/etc/passwd",
        "headshots/0123456789abcdef0123456789abcdef.html",
        "headshots/0123456789abcdef0123456789abcdef.svg",
        "headshots/0123456789abcdef0123456789abcdef.jpg.html",
        "notes/0123456789abcdef0123456789abcdef.jpg",
    ],
)
def test_nothing_but_stored_uploads_is_served(client, settings, path):
    settings.DEBUG = False
    folder = settings.MEDIA_ROOT / "headshots"
    folder.mkdir(parents=True)
    (folder / "0123456789abcdef0123456789abcdef-160w.jpg").write_bytes(b"\xff\xd8")
    response = client.get(f"/media/{path}")
    assert response.status_code == 404
    assert b"root:" not in response.content
    assert b"Index of" not in response.content


def test_a_file_left_in_media_root_under_another_name_is_not_served(
    client, settings, headshot
):
    (settings.MEDIA_ROOT / "headshots" / "notes.txt").write_text("private notes")
    (settings.MEDIA_ROOT / "page.html").write_text("<script>alert(1)</script>")
    assert client.get("/media/headshots/notes.txt").status_code == 404
    assert client.get("/media/page.html").status_code == 404


def test_a_link_out_of_media_root_is_not_followed(client, settings, tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"not served")
    folder = settings.MEDIA_ROOT / "headshots"
    folder.mkdir(parents=True)
    name = "0123456789abcdef0123456789abcdef-160w.jpg"
    os.symlink(outside, folder / name)
    assert client.get(f"/media/headshots/{name}").status_code == 404


def test_a_missing_file_answers_the_sites_404(client, headshot):
    response = client.get("/media/headshots/0123456789abcdef0123456789abcdef.jpg")
    assert response.status_code == 404
    assert (
        "Cache-Control" not in response or "immutable" not in response["Cache-Control"]
    )


def test_with_object_storage_the_app_serves_no_upload(client, headshot):
    name = headshot["webp"][0]["name"]
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        assert client.get(f"/media/{name}").status_code == 404
