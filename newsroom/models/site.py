"""What an editor may change about the whole site: the image shared with every page
that has none of its own."""

from functools import cached_property

from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from newsroom import text_input
from newsroom.content import images

_CACHE_KEY = "site-settings"
# Saving drops the cached row in the shared cache; a process-local cache (no
# REDIS_URL, several processes) catches up within this time.
_CACHE_SECONDS = 3600


class SiteSettings(models.Model):
    """One row (``SiteSettings.current()``), edited in the admin."""

    share_image = models.ImageField(
        _("default share image"),
        upload_to="share-images/",
        blank=True,
        help_text=_(
            "Shown by social networks and search engines for every page without an "
            "image of its own: the front page, tags, series, articles without a "
            "lead image. Best 1200 × 630 pixels. Empty: the site's own card."
        ),
    )
    share_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    share_image_alt = models.CharField(
        _("alt text of the share image"),
        max_length=300,
        blank=True,
        validators=text_input.LINE,
        help_text=_("What the image shows, for readers who cannot see it."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_one")
        ]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(_CACHE_KEY))

    @classmethod
    def current(cls):
        """The settings row (unsaved defaults if there is none), from the cache."""
        found = cache.get(_CACHE_KEY)
        if found is None:
            found = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(_CACHE_KEY, found, _CACHE_SECONDS)
        return found

    @cached_property
    def share_picture(self):
        return images.Picture(self.share_image_renditions)
