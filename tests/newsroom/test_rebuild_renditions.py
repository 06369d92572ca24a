"""`manage.py rebuild_renditions` remakes image widths from the kept originals."""

import dataclasses
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from PIL import Image

from newsroom.content import images
from newsroom.models import Article, Contributor
from tests.factories import (
    attach_headshot,
    attach_lead_image,
    image_bytes,
    make_article,
    make_contributor,
)

pytestmark = pytest.mark.django_db


def exists(name):
    return (Path(settings.MEDIA_ROOT) / name).is_file()


def widths(record, role="webp"):
    return [entry["width"] for entry in record[role]]


def rebuild(*args):
    out, err = StringIO(), StringIO()
    call_command("rebuild_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_new_widths_replace_the_old_files_and_keep_the_original(
    monkeypatch, django_capture_on_commit_callbacks
):
    person = attach_headshot(
        make_contributor(name="Rana Haddad"), image_bytes(900, 900)
    )
    article = attach_lead_image(make_article(), image_bytes(1700, 1000))
    old_person, old_article = person.headshot_renditions, article.lead_image_renditions
    assert widths(old_person) == [160, 320, 640]
    monkeypatch.setattr(
        images, "HEADSHOT", dataclasses.replace(images.HEADSHOT, widths=(200, 480))
    )

    with django_capture_on_commit_callbacks(execute=True):
        out, err = rebuild()

    assert "Rebuilt the renditions of 2 image(s)." in out and err == ""
    person.refresh_from_db()
    article.refresh_from_db()
    assert widths(person.headshot_renditions) == [200, 480]
    assert widths(person.headshot_renditions, "fallback") == [200, 480]
    # The original is the same file; every old rendition is gone, every new one is
    # there.
    assert person.headshot_renditions["original"] == old_person["original"]
    assert person.headshot.name == old_person["original"]["name"]
    for record_old, record_new in [
        (old_person, person.headshot_renditions),
        (old_article, article.lead_image_renditions),
    ]:
        kept = {record_new["original"]["name"]}
        for name in images.stored_names(record_old):
            assert exists(name) == (name in kept)
        for name in images.stored_names(record_new):
            assert exists(name), name
    assert widths(article.lead_image_renditions) == widths(old_article)


def test_the_focal_point_is_used_for_the_square_crop():
    person = attach_headshot(make_contributor(), image_bytes(1200, 600), x=100)
    assert person.headshot_focus_x == 100
    rebuild()
    person.refresh_from_db()
    smallest = person.headshot_renditions["fallback"][0]["name"]
    with Image.open(Path(settings.MEDIA_ROOT) / smallest) as image:
        # The right half of the test image is blue: a crop at 100% across is all
        # blue, a centred one would be red on its left.
        red, green, blue = image.convert("RGB").getpixel((image.width // 4, 10))
    assert blue > 200 and red < 60


def test_dry_run_counts_and_changes_nothing():
    person = attach_headshot(make_contributor(), image_bytes(400, 400))
    make_article()  # no lead image: not counted
    before = person.headshot_renditions
    out, _ = rebuild("--dry-run")
    assert "Would rebuild the renditions of 1 image(s)." in out
    person.refresh_from_db()
    assert person.headshot_renditions == before


def test_a_missing_original_is_reported_and_the_row_left_as_it_was():
    broken = attach_headshot(make_contributor(name="Lost Original"), image_bytes())
    fine = attach_headshot(make_contributor(name="Still Here"), image_bytes())
    (
        Path(settings.MEDIA_ROOT) / broken.headshot_renditions["original"]["name"]
    ).unlink()
    before_broken, before_fine = broken.headshot_renditions, fine.headshot_renditions
    files_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    err = StringIO()
    with pytest.raises(CommandError, match="1 image\\(s\\) could not be rebuilt"):
        call_command("rebuild_renditions", stdout=StringIO(), stderr=err)

    assert f"contributor #{broken.pk} “Lost Original”" in err.getvalue()
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.headshot_renditions == before_broken
    assert fine.headshot_renditions != before_fine  # the others were still rebuilt
    assert Contributor.objects.count() == 2 and Article.objects.count() == 0
    # Only the rebuilt contributor's new files were added (old ones go on commit).
    added = set(Path(settings.MEDIA_ROOT).rglob("*")) - set(files_before)
    assert {p.name for p in added if p.is_file()} == {
        Path(name).name
        for name in images.stored_names(fine.headshot_renditions)
        if name != fine.headshot_renditions["original"]["name"]
    }
