"""Unsaved edits (newsroom.models.EditDraft): kept, offered back and dropped.

A draft is the state of one user's article form; it goes through the staff gate
like the article itself: a user keeps and gets back drafts only of the articles
the gate lets them change (``Desk.article(pk, for_change=True)``), and what a
draft shows passes through the user's redaction, so that a name withheld from
them never comes back out of one. Drafts are not changes of the article: the
write path (newsroom.desk.changes) does not see them, no revision is made and
nothing public moves.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.models import Article, EditDraft

# A form's state holds every question and answer: as much as the form may post.
MAX_FIELDS = 20_000
MAX_CHARACTERS = 20_000_000


@dataclass
class Offered:
    """A draft as its user may see it."""

    saved_at: object
    loaded_version: int | None
    fields: list
    labels: dict

    def as_json(self):
        return {
            "saved_at": self.saved_at.isoformat(),
            "loaded_version": self.loaded_version,
            "fields": self.fields,
            "labels": self.labels,
        }


def _article(desk, article_pk):
    """The article through the gate (``article_pk`` may be an Article the caller
    already had from it)."""
    if article_pk is None:
        return None
    if isinstance(article_pk, Article):
        if not desk.may_change(article_pk):
            raise PermissionDenied
        return article_pk
    return desk.article(article_pk, for_change=True)


def _checked(fields, labels):
    if not isinstance(fields, list) or not isinstance(labels, dict):
        raise ValidationError(_("The unsaved edit is not a form's fields."))
    if len(fields) > MAX_FIELDS:
        raise ValidationError(_("The unsaved edit has too many fields to keep."))
    size = 0
    for pair in fields:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(item, str) for item in pair)
        ):
            raise ValidationError(_("The unsaved edit is not a form's fields."))
        size += len(pair[0]) + len(pair[1])
    for name, label in labels.items():
        if not isinstance(label, str):
            raise ValidationError(_("The unsaved edit is not a form's fields."))
        size += len(name) + len(label)
    if size > MAX_CHARACTERS:
        raise ValidationError(_("The unsaved edit is too long to keep."))


def keep(*, desk, article_pk, fields, labels=None, loaded_version=None):
    """Keep ``fields`` ([name, value] pairs) as the user's unsaved edit of the
    article ``article_pk`` (None: their new article), replacing the last one."""
    labels = labels or {}
    article = _article(desk, article_pk)
    _checked(fields, labels)
    draft, _created = EditDraft.objects.update_or_create(
        user=desk.user,
        article=article,
        defaults={
            "fields": fields,
            "labels": labels,
            "loaded_version": loaded_version,
            "saved_at": timezone.now(),
        },
    )
    return draft


def offered(*, desk, article_pk):
    """The user's unsaved edit of the article (a pk, an Article from the gate, or
    None: their new article), as they may see it, or None."""
    article = _article(desk, article_pk)
    draft = EditDraft.objects.filter(user=desk.user, article=article).first()
    if draft is None:
        return None
    redaction = desk.redaction(articles=[article] if article else [])
    return Offered(
        saved_at=draft.saved_at,
        loaded_version=draft.loaded_version,
        fields=redaction.data(draft.fields),
        labels=redaction.data(draft.labels),
    )


def discard(*, desk, article_pk):
    """Drop the user's unsaved edit (after a save, or when they decline it)."""
    EditDraft.objects.filter(user=desk.user, article_id=article_pk).delete()
