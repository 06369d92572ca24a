"""What each member of staff chose for themselves: the admin's language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InterfacePreference(models.Model):
    """The language one user's admin speaks. Without a choice (or a row), the
    admin follows the language the browser asks for."""

    class Language(models.TextChoices):
        # Each language is named in itself, as language choosers do.
        BROWSER = "", _("As my browser asks")
        ENGLISH = "en", "English"
        ARABIC = "ar", "العربية"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interface_preference",
    )
    language = models.CharField(
        _("language of the admin"),
        max_length=10,
        blank=True,
        choices=Language,
        default=Language.BROWSER,
    )

    class Meta:
        ordering = ["user"]
        verbose_name = _("interface preference")
        verbose_name_plural = _("interface preferences")

    def __str__(self):
        return f"{self.user}: {self.get_language_display()}"
