"""An article's history: its revisions, and the corrections readers are shown."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom import text_input
from newsroom.i18n.dates import day_month_year

from .recorded import RecordedQuerySet


class Revision(models.Model):
    """A snapshot of a whole article, kept at every save. It survives the deletion of
    its article (``article`` becomes empty, ``article_pk`` remains), so a deleted
    article can be brought back."""

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        RESTORED = "restored", _("Restored")
        MERGED = "merged", _("Merged")
        DELETED = "deleted", _("Deleted")

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    article_pk = models.PositiveBigIntegerField(db_index=True)
    headline = models.CharField(_("headline"), max_length=250)
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SAVED)
    summary = models.CharField(_("what changed"), max_length=500, blank=True)
    data = models.JSONField()
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return _("%(headline)s (version %(version)s)") % {
            "headline": self.headline,
            "version": self.version,
        }

    @property
    def is_of_deleted_article(self):
        return self.article_id is None


class Correction(models.Model):
    """A dated note to readers on a published article: a record of its own, never an
    edit of the body."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.CORRECTION
    )
    text = models.TextField(
        _("text"),
        validators=text_input.TEXT,
        help_text=_(
            "What was wrong and what is right, e.g. “An earlier version "
            "misspelled the name of the town.”"
        ),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """ "Correction, 4 June 2015" — how readers see it introduced, in the
        current language ("تصحيح، ٤ حزيران ٢٠١٥")."""
        return _("%(kind)s, %(date)s") % {
            "kind": self.get_kind_display(),
            "date": day_month_year(self.created_at),
        }
