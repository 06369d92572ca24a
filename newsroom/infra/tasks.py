"""Work done in the background by the task worker (``manage.py db_worker``):
renditions remade. The edge cache's purges are in newsroom/infra/edge.py, the
rebuild of many search documents in newsroom/content/search.py.

Each task is idempotent (newsroom/infra/background.py): it reads the current state
when it runs and makes the result match it, so a retry or a second run changes
nothing more.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from newsroom.content import images
from newsroom.desk import changes
from newsroom.infra.background import background
from newsroom.models import Article, Contributor

# -- renditions ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImageSlot:
    model: type
    image_field: str
    record_field: str
    focus_fields: tuple = ()

    @property
    def kind(self):
        # Read at run time, so that the kinds' current widths are the ones used.
        return images.HEADSHOT if self.model is Contributor else images.LEAD_IMAGE

    @property
    def label(self):
        return self.model._meta.label_lower

    def focus(self, obj):
        return tuple(getattr(obj, name) for name in self.focus_fields) or (50, 50)


IMAGE_SLOTS = {
    slot.label: slot
    for slot in (
        ImageSlot(Article, "lead_image", "lead_image_renditions"),
        ImageSlot(
            Contributor,
            "headshot",
            "headshot_renditions",
            ("headshot_focus_x", "headshot_focus_y"),
        ),
    )
}


def rebuild_renditions(obj, slot):
    """Remake the renditions of ``obj``'s image from its clean original. The new
    files are written first, the row is saved, and the old renditions are deleted
    only once that save is committed, so a reader never meets a page pointing at a
    missing file. Raises ValidationError or OSError, leaving everything as it was."""
    old = getattr(obj, slot.record_field) or {}
    new = images.restore_renditions(old, kind=slot.kind, focus=slot.focus(obj))
    old_names = set(images.stored_names(old))
    new_names = set(images.stored_names(new))
    try:
        # One unit of change: the pages showing the image follow (desk/changes/).
        with changes.batch():
            setattr(obj, slot.record_field, new)
            setattr(obj, slot.image_field, new["original"]["name"])
            obj.save(update_fields=[slot.record_field, slot.image_field])
            images.delete_files_on_commit(old_names - new_names)
    except Exception:
        images.delete_files(new_names - old_names)
        raise


def renditions_are_current(record, kind):
    """The record has the renditions ``kind`` asks for today, and their files are
    all there."""
    wanted = images.rendition_widths(record["original"], kind)
    if sorted(entry["width"] for entry in record.get("webp", [])) != wanted:
        return False
    if bool(kind.og_width) != bool(record.get("og")):
        return False
    storage = images.default_storage
    return all(storage.exists(name) for name in images.stored_names(record))


@background(retry_on=(OSError, DatabaseError))
def rebuild_image_renditions(label, pk, original):
    """Remake the renditions of the image ``original`` of the row ``label``/``pk``
    if they are not what the image code makes today. Nothing is done when the row
    is gone, its image was replaced meanwhile, or its renditions are current."""
    slot = IMAGE_SLOTS[label]
    obj = slot.model.objects.filter(pk=pk).first()
    record = getattr(obj, slot.record_field, None) or {}
    if not record.get("original") or record["original"]["name"] != original:
        return "replaced or gone"
    if renditions_are_current(record, slot.kind):
        return "current"
    try:
        rebuild_renditions(obj, slot)
    except ValidationError as error:
        # The original cannot be read as an image any more: trying again will not
        # help; recorded as failed with the reason.
        raise RuntimeError("; ".join(error.messages)) from error
    return "rebuilt"
