"""Make the renditions of every stored image again from its clean original.

Run it after the widths in ``newsroom.content.images`` change (a new screen size, a
larger lead image) or when rendition files were lost. Each image is rebuilt on its own:
the new files are written first, the row is saved, and the old renditions are deleted
only once that save is committed, so a reader never meets a page pointing at a missing
file. The clean original is kept as it is. An image that cannot be rebuilt (its
original is gone, the disk is full) is reported with the row it belongs to and left
untouched; the command then exits with an error.

With ``--background`` the command only queues one task per image for the worker
(newsroom/infra/tasks.py): each remakes its image's renditions unless they are
already what the image code makes today, so queueing twice costs nothing more.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.infra.tasks import (
    IMAGE_SLOTS,
    rebuild_image_renditions,
    rebuild_renditions,
)


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
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue one task per image for the task worker instead.",
        )

    def handle(self, *args, dry_run=False, background=False, verbosity=1, **options):
        rebuilt, failures = 0, []
        for slot in IMAGE_SLOTS.values():
            label = slot.model._meta.verbose_name
            rows = slot.model.objects.order_by("pk")
            for obj in rows.iterator(chunk_size=200):
                old = getattr(obj, slot.record_field) or {}
                if not old.get("original"):
                    continue
                if dry_run:
                    rebuilt += 1
                    continue
                if background:
                    rebuild_image_renditions.enqueue(
                        slot.label, obj.pk, old["original"]["name"]
                    )
                    rebuilt += 1
                    continue
                try:
                    rebuild_renditions(obj, slot)
                except (ValidationError, OSError) as error:
                    reason = "; ".join(getattr(error, "messages", [str(error)]))
                    failures.append(f"{label} #{obj.pk} “{obj}”: {reason}")
                    continue
                rebuilt += 1
                if verbosity >= 2:
                    folder = slot.kind.folder
                    self.stdout.write(f"Rebuilt the {folder} of {label} “{obj}”.")
        for failure in failures:
            self.stderr.write(failure)
        if verbosity >= 1:
            verb = "Would rebuild" if dry_run else "Rebuilt"
            if background and not dry_run:
                verb = "Queued the rebuild of"
            self.stdout.write(f"{verb} the renditions of {rebuilt} image(s).")
        if failures:
            raise CommandError(
                f"{len(failures)} image(s) could not be rebuilt and were left as "
                "they were (listed above)."
            )
