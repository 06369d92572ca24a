"""An article's history: its revisions, and the corrections readers are shown."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom import text_input

from .recorded import RecordedQuerySet


class Revision(models.Model):
    """A snapshot of a whole article, kept at every save. It survives the deletion of
    its article (``article`` becomes empty, ``article_pk`` remains), so a deleted
    article can be brought back."""

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        RESTORED = "restored", "Restored"
        DELETED = "deleted", "Deleted"

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    article_pk = models.PositiveBigIntegerField(db_index=True)
    headline = models.CharField(max_length=250)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SAVED)
    summary = models.CharField(max_length=500, blank=True)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.headline} (version {self.version})"

    @property
    def is_of_deleted_article(self):
        return self.article_id is None


class Correction(models.Model):
    """A dated note to readers on a published article: a record of its own, never an
    edit of the body."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        validators=text_input.TEXT,
        help_text='What was wrong and what is right, e.g. "An earlier version '
        'misspelled the name of the town."',
    )
    created_at = models.DateTimeField("date", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """ "Correction, 4 June 2015" — how readers see it introduced."""
        date = timezone.localtime(self.created_at)
        return f"{self.get_kind_display()}, {date.day} {date:%B %Y}"
