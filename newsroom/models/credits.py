"""Bylines: who is credited on an article, in which role and order."""

from django.db import models

from .recorded import RecordedQuerySet


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTER = "reporter", "Reporter"
        INTERVIEWER = "interviewer", "Interviewer"
        TRANSLATOR = "translator", "Translator"
        PHOTOGRAPHER = "photographer", "Photographer"
        EDITOR = "editor", "Editor"

    # How each role reads in a credit line: "Interview by …", "Translated by …".
    CREDIT_LABELS = {
        Role.REPORTER: "By",
        Role.INTERVIEWER: "Interview by",
        Role.TRANSLATOR: "Translated by",
        Role.PHOTOGRAPHER: "Photographs by",
        Role.EDITOR: "Edited by",
    }

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    contributor = models.ForeignKey(
        "newsroom.Contributor", on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(max_length=20, choices=Role)
    position = models.PositiveSmallIntegerField(default=0)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        # A contributor's articles (their page, feed and sitemap entry), read from
        # the index alone.
        indexes = [
            models.Index(
                fields=["contributor", "article"], name="byline_contributor_article"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"],
                name="byline_unique_credit",
                violation_error_message="This person already has this role on the "
                "article.",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.contributor}"
