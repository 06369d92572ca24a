"""The people and rubrics articles are filed under: series and contributors."""

from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom import text_input
from newsroom.content import images, richtext

from .languages import RTL_LANGUAGES
from .recorded import RecordedQuerySet
from .slugs import save_with_unique_slug


class Bio(NamedTuple):
    html: str
    language: str
    direction: str


class Series(models.Model):
    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=text_input.LINE
    )
    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, allow_unicode=True, blank=True
    )
    description = models.TextField(
        _("description"), blank=True, validators=text_input.TEXT
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        save_with_unique_slug(
            self,
            lambda: super(Series, self).save(*args, **kwargs),
            source=self.name,
            fallback="series",
            max_length=140,
        )

    def get_absolute_url(self):
        return reverse("newsroom:series", kwargs={"slug": self.slug})


class Contributor(models.Model):
    name = models.CharField(_("name"), max_length=150, validators=text_input.LINE)
    slug = models.SlugField(
        _("slug"), max_length=170, unique=True, allow_unicode=True, blank=True
    )
    title = models.CharField(
        _("short title"),
        max_length=150,
        blank=True,
        validators=text_input.LINE,
        help_text=_("Shown under the name, e.g. “Reporter, Amman”."),
    )
    bio = models.TextField(
        _("bio"),
        blank=True,
        validators=text_input.TEXT,
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic*, "
            "[links](https://…)."
        ),
    )
    bio_html = models.TextField(blank=True, editable=False)
    bio_ar = models.TextField(
        _("bio in Arabic"),
        blank=True,
        validators=text_input.TEXT,
        help_text=_(
            "Shown on Arabic editions; the other bio is shown where this one is "
            "empty, and the other way round."
        ),
    )
    bio_ar_html = models.TextField(blank=True, editable=False)
    headshot = models.ImageField(
        _("headshot"), upload_to="headshots/", blank=True, help_text=images.UPLOAD_HELP
    )
    # Where the face is, in % of the width and height: square crops keep it in.
    headshot_focus_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the left edge, 100 the right edge."),
    )
    headshot_focus_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the top edge, 100 the bottom edge."),
    )
    # The stored files of the headshot (newsroom.content.images.store()), for templates.
    headshot_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        verbose_name=_("user"),
        help_text=_("Optional: the login of this person, if they have one."),
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        permissions = [
            ("change_own_profile", _("Can edit their own bio and headshot")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(headshot_focus_x__lte=100, headshot_focus_y__lte=100),
                name="contributor_focus_in_percent",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.bio_html = richtext.render(self.bio)
        self.bio_ar_html = richtext.render(self.bio_ar)
        save_with_unique_slug(
            self,
            lambda: super(Contributor, self).save(*args, **kwargs),
            source=self.name,
            fallback="contributor",
            max_length=170,
        )

    def get_absolute_url(self):
        return reverse("newsroom:contributor", kwargs={"slug": self.slug})

    def bio_for(self, language):
        """The bio to show on a page in ``language``: the one in that language,
        else the other (so that every edition shows a bio), with its own language
        and direction for the markup."""
        versions = [("ar", self.bio_ar_html), ("en", self.bio_html)]
        if language != "ar":
            versions.reverse()
        for lang, html in versions:
            if html:
                return Bio(html, lang, "rtl" if lang in RTL_LANGUAGES else "ltr")
        return Bio("", language, "ltr")

    def delete(self, *args, **kwargs):
        names = images.stored_names(self.headshot_renditions)
        result = super().delete(*args, **kwargs)
        images.delete_files_on_commit(names)
        return result

    @cached_property
    def headshot_picture(self):
        """The square headshot in its stored widths (empty if there is none)."""
        return images.Picture(self.headshot_renditions)
