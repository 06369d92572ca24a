"""Admin forms that accept image uploads safely (see newsroom.content.images).

The upload is checked while the field is cleaned, so a refused file is a form error
and nothing is stored. The files are written at the end of the form's validation,
once everything else on the form is valid: a storage failure (a full disk, an
unreachable bucket) is then one more form error, and the row is never saved pointing
at a file that is not there. The replaced files are deleted only after the new row
is committed (``commit_images()``); files written for a form that is finally not
saved (an inline on the same page was invalid) are removed by
``discard_unsaved_images()``.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from newsroom.content import images
from newsroom.content.tagging import existing_spelling, validate_tag_name


class ImageUploadField(forms.FileField):
    """A file field that accepts only a JPEG, PNG or WebP image that decodes fully,
    within the limits of newsroom.content.images. The cleaned upload carries the decoded
    image as ``.inspected``."""

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": images.ACCEPT_ATTRIBUTE}

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        upload.inspected = images.inspect_upload(upload)
        return upload


@dataclass(frozen=True)
class ImageSlot:
    kind: images.Kind
    record_field: str
    label: str
    focus_fields: tuple = ()


class StoredImagesFormMixin:
    """For ModelForms with image fields named in ``image_slots``."""

    image_slots = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_files = []
        self.replaced_files = []
        self.stored_uploads = []  # (label, had_location) for the admin's message
        self._initial_names = {
            name: getattr(self.instance, name).name or "" for name in self.image_slots
        }

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        for name, slot in self.image_slots.items():
            if name in self.fields:
                self._store_image(name, slot)

    def _store_image(self, name, slot):
        instance = self.instance
        old = getattr(instance, slot.record_field) or {}
        value = self.cleaned_data.get(name)
        focus = tuple(getattr(instance, f) for f in slot.focus_fields) or (50, 50)
        try:
            if hasattr(value, "inspected"):
                rendered = images.render(value.inspected, kind=slot.kind, focus=focus)
                new = images.store(rendered, kind=slot.kind)
                self.stored_uploads.append((slot.label, rendered.had_location))
            elif not getattr(instance, name):
                new = {}
            elif old and set(slot.focus_fields) & set(self.changed_data):
                new = images.restore_renditions(old, kind=slot.kind, focus=focus)
            else:
                return
        except ValidationError as error:
            self.add_error(name, error)
            return
        old_names = set(images.stored_names(old)) | {self._initial_names[name]}
        new_names = images.stored_names(new)
        self.new_files += [n for n in new_names if n not in old_names]
        self.replaced_files += [n for n in old_names if n and n not in new_names]
        setattr(instance, slot.record_field, new)
        setattr(instance, name, new["original"]["name"] if new else "")

    def commit_images(self):
        """Call once the instance is saved: the replaced files go when the
        transaction commits."""
        images.delete_files_on_commit(self.replaced_files)
        self.new_files, self.replaced_files = [], []

    def discard_unsaved_images(self):
        """Call when the form will not be saved after all."""
        images.delete_files(self.new_files)
        self.new_files = []


class TagAdminForm(forms.ModelForm):
    """The tag admin's form: a name that can be stored and addressed, and not the
    same as another tag or alias but for case (TAGGIT_CASE_INSENSITIVE: "daraa"
    and "Daraa" are one tag), so that saving never fails on the unique name."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        validate_tag_name(name)
        other = existing_spelling(
            name, exclude_tag=self.instance if self.instance.pk else None
        )
        if other is not None:
            raise ValidationError(
                _("“%(other)s” already exists: use it, or rename it."),
                code="duplicate",
                params={"other": other},
            )
        return name
