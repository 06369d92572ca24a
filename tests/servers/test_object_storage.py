"""Uploads on S3-compatible object storage (django-storages), against a real S3
HTTP endpoint — moto's standalone server on 127.0.0.1 — with the storage settings
production uses (``newsroom.settings.s3_storage``): an editor's upload through the
admin, its renditions, the hidden data removed, replacing and deleting files, and
the public URLs readers' browsers fetch."""

import io
import json
import re
import secrets

import boto3
import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from newsroom.content import images
from newsroom.infra.tasks import rebuild_image_renditions
from newsroom.models import Contributor
from newsroom.settings import s3_storage
from tests.factories import (
    camera_jpeg,
    image_bytes,
    make_byline,
    make_interview,
    upload,
)

pytestmark = pytest.mark.django_db

CONTRIBUTOR_ADD = reverse("admin:newsroom_contributor_add")


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new, empty bucket, and uploads going to it."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "newsroom-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "newsroom-test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    name = f"newsroom-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=name)
    # Readers' browsers fetch uploads anonymously, as the README asks of the bucket.
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read(name)))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(name, endpoint_url=s3_endpoint),
    }
    return Bucket(client, name)


def public_read(name):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }


class Bucket:
    def __init__(self, client, name):
        self.client, self.name = client, name

    def names(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def head(self, key):
        return self.client.head_object(Bucket=self.name, Key=key)


def contributor_form(**overrides):
    return {
        "name": "Stored Kittiwake",
        "slug": "",
        "title": "",
        "bio": "",
        "headshot_focus_x": "50",
        "headshot_focus_y": "50",
        "user": "",
        **overrides,
    }


def add_contributor(editor_client, commit, data):
    with commit(execute=True):
        response = editor_client.post(CONTRIBUTOR_ADD, contributor_form(**data))
    assert response.status_code == 302
    return Contributor.objects.get(name="Stored Kittiwake")


def test_an_upload_goes_to_the_bucket_clean_and_in_every_width(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    source = camera_jpeg(1200, 800)
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(source, "IMG_5561_Raqqa.jpg")},
    )
    record = person.headshot_renditions
    names = images.stored_names(record)
    assert bucket.names() == sorted(names)
    assert len(names) == 1 + 2 * 3
    for entry in [record["original"], *record["webp"], *record["fallback"]]:
        head = bucket.head(entry["name"])
        assert head["ContentType"] == entry["type"]
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        data = bucket.client.get_object(Bucket=bucket.name, Key=entry["name"])
        content = data["Body"].read()
        for marker in (b"<x:xmpmeta", b"SERIAL-123456", b"MarkerCamera"):
            assert marker not in content, (entry["name"], marker)
        assert not Image.open(io.BytesIO(content)).getexif()
    assert all("Raqqa" not in name and "IMG_" not in name for name in names)


def test_pages_point_readers_at_the_bucket_and_the_urls_answer(
    bucket, s3_endpoint, client, editor_client, django_capture_on_commit_callbacks
):
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(image_bytes(900, 700), "face.jpg")},
    )
    make_byline(make_interview(), person)
    page = client.get(person.get_absolute_url())
    html = page.content.decode()
    prefix = re.escape(f"{s3_endpoint}/{bucket.name}/headshots/")
    urls = set(re.findall(prefix + r"[0-9a-f]{32}-\d+w\.(?:webp|jpg)", html))
    assert len(urls) == 6  # WebP and JPEG in three widths
    for url in urls:
        response = requests.get(url, timeout=10)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"] in ("image/webp", "image/jpeg")
        assert Image.open(io.BytesIO(response.content)).width in (160, 320, 640)
    # The page lets browsers load images from the bucket, and from nowhere else.
    assert default_storage.url("x").startswith(f"{s3_endpoint}/{bucket.name}/")


def test_replacing_a_headshot_deletes_the_old_objects(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(image_bytes(900, 700), "first.jpg")},
    )
    first = set(bucket.names())
    url = reverse("admin:newsroom_contributor_change", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            contributor_form(
                slug=person.slug,
                headshot=upload(image_bytes(700, 700, "PNG"), "second.png"),
            ),
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert set(bucket.names()) == set(images.stored_names(person.headshot_renditions))
    assert not first & set(bucket.names())


def test_moving_the_focal_point_remakes_the_renditions_from_the_stored_original(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(image_bytes(1200, 600), "wide.jpg")},
    )
    before = person.headshot_renditions
    url = reverse("admin:newsroom_contributor_change", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            url, contributor_form(slug=person.slug, headshot_focus_x="0")
        )
    person.refresh_from_db()
    after = person.headshot_renditions
    assert after["original"] == before["original"]
    assert set(bucket.names()) == set(images.stored_names(after))
    # The crop now starts at the left edge: the red half.
    smallest = bucket.client.get_object(
        Bucket=bucket.name, Key=after["webp"][0]["name"]
    )
    picture = Image.open(io.BytesIO(smallest["Body"].read())).convert("RGB")
    assert picture.getpixel((picture.width - 5, 5))[0] > 200


def test_deleting_a_contributor_deletes_the_objects(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(image_bytes(900, 700), "face.jpg")},
    )
    assert bucket.names()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:newsroom_contributor_delete", args=[person.pk]),
            {"post": "yes"},
        )
    assert response.status_code == 302
    assert bucket.names() == []


def test_the_renditions_task_remakes_lost_files_once(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    person = add_contributor(
        editor_client,
        django_capture_on_commit_callbacks,
        {"headshot": upload(image_bytes(900, 700), "face.jpg")},
    )
    lost = person.headshot_renditions["webp"][0]["name"]
    bucket.client.delete_object(Bucket=bucket.name, Key=lost)
    original = person.headshot.name
    with django_capture_on_commit_callbacks(execute=True):
        first = rebuild_image_renditions.enqueue(
            "newsroom.contributor", person.pk, original
        )
    person.refresh_from_db()
    assert first.return_value == "rebuilt"
    assert set(bucket.names()) == set(images.stored_names(person.headshot_renditions))
    names = bucket.names()
    again = rebuild_image_renditions.enqueue(
        "newsroom.contributor", person.pk, original
    )
    assert again.return_value == "current"
    assert bucket.names() == names
