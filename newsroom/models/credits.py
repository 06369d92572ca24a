"""Bylines: who is credited on an article, in which role and order."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .recorded import RecordedQuerySet


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        INTERVIEWER = "interviewer", _("Interviewer")
        TRANSLATOR = "translator", _("Translator")
        PHOTOGRAPHER = "photographer", _("Photographer")
        EDITOR = "editor", _("Editor")

    # How each role reads in a credit line: "Interview by …", "Translated by …".
    CREDIT_LABELS = {
        Role.REPORTER: pgettext_lazy("credit line", "By"),
        Role.INTERVIEWER: pgettext_lazy("credit line", "Interview by"),
        Role.TRANSLATOR: pgettext_lazy("credit line", "Translated by"),
        Role.PHOTOGRAPHER: pgettext_lazy("credit line", "Photographs by"),
        Role.EDITOR: pgettext_lazy("credit line", "Edited by"),
    }

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )
    contributor = models.ForeignKey(
        "newsroom.Contributor",
        verbose_name=_("contributor"),
        on_delete=models.PROTECT,
        related_name="bylines",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The article's publish time on the one byline that lists the article on the
    # contributor's page (their first, when they have several roles on it), else
    # None; kept by the write path (newsroom.content.listing).
    listed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        # A contributor's articles (their page, feed and sitemap entry), read from
        # the index alone.
        indexes = [
            models.Index(
                fields=["contributor", "article"], name="byline_contributor_article"
            ),
            # A contributor's page, newest first: their next 20 articles are the
            # next 20 entries, however many articles the archive holds.
            models.Index(
                fields=["contributor", "-listed_at", "-article"],
                condition=models.Q(listed_at__isnull=False),
                name="byline_contributor_listed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"],
                name="byline_unique_credit",
                violation_error_message=_(
                    "This person already has this role on the article."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.contributor}"

    def save(self, *args, **kwargs):
        # Listed at once (the write path settles which of a contributor's bylines
        # lists the article when the change is followed).
        others = Byline.objects.filter(
            article_id=self.article_id,
            contributor_id=self.contributor_id,
            listed_at__isnull=False,
        ).exclude(pk=self.pk)
        listed = self.listed_at is not None or not others.exists()
        self.listed_at = self.article.published_at if listed else None
        super().save(*args, **kwargs)
