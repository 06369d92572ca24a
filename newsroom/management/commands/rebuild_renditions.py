"""Make the renditions of every stored image again from its clean original.

Run it after the widths in ``newsroom.content.images`` change (a new screen size, a
larger lead image) or when rendition files were lost. Each image is rebuilt on its own:
the new files are written first, the row is saved, and the old renditions are deleted
only once that save is committed, so a reader never meets a page pointing at a missing
file. The clean original is kept as it is. An image that cannot be rebuilt (its
original is gone, the disk is full) is reported with the row it belongs to and left
untouched; the command then exits with an error.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.content import images
from newsroom.desk import changes
from newsroom.models import Article, Contributor


def _slots():
    # Read at run time, so that the kinds' current widths are the ones used.
    return [
        (Article, "lead_image", "lead_image_renditions", images.LEAD_IMAGE, ()),
        (
            Contributor,
            "headshot",
            "headshot_renditions",
            images.HEADSHOT,
            ("headshot_focus_x", "headshot_focus_y"),
        ),
    ]


class Command(BaseCommand):
    help = (
        "Rebuild the renditions of every article's lead image and every "
        "contributor's headshot from the stored clean originals."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the images that would be rebuilt; change nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        rebuilt, failures = 0, []
        for model, image_field, record_field, kind, focus_fields in _slots():
            label = model._meta.verbose_name
            for obj in model.objects.order_by("pk").iterator(chunk_size=200):
                old = getattr(obj, record_field) or {}
                if not old.get("original"):
                    continue
                if dry_run:
                    rebuilt += 1
                    continue
                focus = tuple(getattr(obj, name) for name in focus_fields) or (50, 50)
                try:
                    self._rebuild(obj, old, image_field, record_field, kind, focus)
                except (ValidationError, OSError) as error:
                    reason = "; ".join(getattr(error, "messages", [str(error)]))
                    failures.append(f"{label} #{obj.pk} “{obj}”: {reason}")
                    continue
                rebuilt += 1
                if verbosity >= 2:
                    self.stdout.write(f"Rebuilt the {kind.folder} of {label} “{obj}”.")
        for failure in failures:
            self.stderr.write(failure)
        if verbosity >= 1:
            verb = "Would rebuild" if dry_run else "Rebuilt"
            self.stdout.write(f"{verb} the renditions of {rebuilt} image(s).")
        if failures:
            raise CommandError(
                f"{len(failures)} image(s) could not be rebuilt and were left as "
                "they were (listed above)."
            )

    def _rebuild(self, obj, old, image_field, record_field, kind, focus):
        new = images.restore_renditions(old, kind=kind, focus=focus)
        old_names, new_names = (
            set(images.stored_names(old)),
            set(images.stored_names(new)),
        )
        try:
            with changes.batch():
                setattr(obj, record_field, new)
                setattr(obj, image_field, new["original"]["name"])
                obj.save(update_fields=[record_field, image_field])
                images.delete_files_on_commit(old_names - new_names)
        except Exception:
            images.delete_files(new_names - old_names)
            raise
