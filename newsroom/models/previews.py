"""Shareable preview links for unpublished articles."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.i18n.dates import date_and_time

PREVIEW_LINK_DAYS = 7
_preview_signer = signing.Signer(salt="newsroom.preview-link")


def _preview_token():
    return secrets.token_urlsafe(24)


def _preview_expiry():
    return timezone.now() + timedelta(days=PREVIEW_LINK_DAYS)


class PreviewLinkQuerySet(models.QuerySet):
    def from_signed(self, value):
        """The link for a signed token; raises ``PreviewLink.Invalid`` saying why
        when it was tampered with, revoked or has expired."""
        try:
            token = _preview_signer.unsign(value)
        except signing.BadSignature as error:
            raise PreviewLink.Invalid(_("This preview link is not valid.")) from error
        link = self.filter(token=token).first()
        if link is None:
            raise PreviewLink.Invalid(_("This preview link is not valid."))
        if link.is_revoked:
            raise PreviewLink.Invalid(_("This preview link has been withdrawn."))
        if link.expires_at <= timezone.now():
            raise PreviewLink.Invalid(_("This preview link has expired."))
        return link


class PreviewLink(models.Model):
    """A secret, expiring, revocable link that shows an unpublished article to
    someone without an account (a source, a freelance translator)."""

    class Invalid(Exception):
        pass

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    token = models.CharField(
        max_length=64, unique=True, default=_preview_token, editable=False
    )
    expires_at = models.DateTimeField(_("expires"), default=_preview_expiry)
    is_revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("Tick to make the link stop working.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("shareable preview link")
        verbose_name_plural = _("shareable preview links")

    def __str__(self):
        return _("Preview of “%(article)s” until %(until)s") % {
            "article": self.article,
            "until": date_and_time(self.expires_at),
        }

    def get_absolute_url(self):
        return reverse(
            "newsroom:preview", kwargs={"token": _preview_signer.sign(self.token)}
        )

    @property
    def is_active(self):
        return not self.is_revoked and self.expires_at > timezone.now()
