"""What an editor has typed into an article's form and not saved yet: kept by the
form every few seconds (static/js/autosave.js) and offered back after a crash, a
closed tab or an expired session. A draft belongs to one user and one article (or
to the user's add form); it is never a revision and never public."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditDraft(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="edit_drafts",
    )
    # Empty for the form of a new article.
    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # The form's fields as [name, value] pairs, and the text shown for chosen
    # people ({name: label}), as the form had them.
    fields = models.JSONField(default=list)
    labels = models.JSONField(default=dict)
    # The version of the article the form was opened at: saving a restored
    # draft merges it with what was saved since (newsroom.desk.merge).
    loaded_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("unsaved edit")
        verbose_name_plural = _("unsaved edits")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="edit_draft_one_per_user_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article=None),
                name="edit_draft_one_new_article_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} / {self.article_id or 'new'} @ {self.saved_at:%H:%M}"
