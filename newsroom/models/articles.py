"""The article: the published unit."""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from newsroom import text_input
from newsroom.content import images, richtext

from .credits import Byline
from .languages import LANGUAGE_NAMES, RTL_LANGUAGES
from .people import Series
from .querysets import ArticleQuerySet
from .slugs import save_with_unique_slug


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        ARABIC = "ar", _("Arabic")
        FRENCH = "fr", _("French")

    headline = models.CharField(
        _("headline"), max_length=250, validators=text_input.LINE
    )
    slug = models.SlugField(
        _("slug"),
        max_length=250,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The address of the article. Filled from the headline if left empty."
        ),
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    dek = models.TextField(
        _("dek"),
        blank=True,
        validators=text_input.TEXT,
        help_text=_("The teaser under the headline, one or two sentences."),
    )
    intro = models.TextField(
        _("intro"),
        blank=True,
        validators=text_input.TEXT,
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic*, "
            "[links](https://…), numbered lines for lists."
        ),
    )
    intro_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Readers see a published article from this time on. Left empty, "
            "publishing sets it to now; a future time schedules it."
        ),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=Language, default=Language.ENGLISH
    )
    lead_image = models.ImageField(
        _("lead image"),
        upload_to="lead-images/",
        blank=True,
        help_text=images.UPLOAD_HELP,
    )
    # The stored files of the lead image (content.images.store()), for templates.
    lead_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    lead_image_caption = models.CharField(
        _("caption"), max_length=300, blank=True, validators=text_input.LINE
    )
    lead_image_credit = models.CharField(
        pgettext_lazy("of an image", "credit"),
        max_length=150,
        blank=True,
        validators=text_input.LINE,
    )
    lead_image_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        validators=text_input.LINE,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_(
            "The original edition this article translates, e.g. the Arabic "
            "interview an English edition was translated from."
        ),
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    # Optimistic locking: every save through the admin or a service checks that the
    # row still has the version the editor loaded, and adds one.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    modified_at = models.DateTimeField(
        _("last corrected"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The public modified date: set when a correction, clarification "
            "or update is added."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    tags = TaggableManager(through="TaggedArticle", blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # Public lists, feeds and sitemaps, newest first: the published rows
            # in their order, with what a sitemap reads (slug, updated_at), so
            # that deep sitemap pages and counts stay off the wide table rows.
            models.Index(
                fields=["-published_at", "-id", "slug", "updated_at"],
                condition=Q(status="published"),
                name="article_published_order",
            ),
            # Whether an article is published, and since when, without reading its
            # row: search checks it for every match of a common word.
            models.Index(
                fields=["id", "published_at"],
                condition=Q(status="published"),
                name="article_published_by_id",
            ),
            # A series page and a series' related articles: its newest published.
            models.Index(
                fields=["series", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_series_published",
            ),
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("change_any_article", _("Can change articles written by anyone")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publish time."),
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.fill_publish_time()
        self.intro_html = richtext.render(self.intro)
        save_with_unique_slug(
            self,
            lambda: super(Article, self).save(*args, **kwargs),
            source=self.headline,
            fallback="article",
        )

    def get_absolute_url(self):
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        names = images.stored_names(self.lead_image_renditions)
        result = super().delete(*args, **kwargs)
        images.delete_files_on_commit(names)
        return result

    def clean(self):
        self.fill_publish_time()
        original = self.translation_of
        if original is not None and (
            original.pk == self.pk or original.language == self.language
        ):
            raise ValidationError(
                {
                    "translation_of": _(
                        "Choose the edition in another language that this article "
                        "was translated from."
                    )
                }
            )
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {
                    "lead_image_alt": _(
                        "Describe the lead image for readers who cannot see it."
                    )
                }
            )

    def fill_publish_time(self):
        """Publishing with no publish time means publishing now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @cached_property
    def lead_picture(self):
        """The lead image in its stored widths (empty if there is none)."""
        return images.Picture(self.lead_image_renditions)

    @property
    def og_image(self):
        """The Open Graph image: {"url", "width", "height", "type"}, or None. The URL
        is the storage's (relative with local storage: make it absolute with
        ``request.build_absolute_uri``)."""
        og = self.lead_picture.og
        if not og:
            return None
        return {**og, "url": self.lead_picture.storage.url(og["name"])}

    @property
    def og_image_url(self):
        og = self.og_image
        return og["url"] if og else ""

    @property
    def is_in_review(self):
        return self.status == self.Status.IN_REVIEW

    @property
    def public_modified_at(self):
        """The date readers are told the article last changed."""
        return self.modified_at or self.published_at

    def can_be_changed_by(self, user):
        """Editors change anything; a reporter changes their own articles until
        they are published. Translators change no article (only their byline)."""
        if user.has_perm("newsroom.change_any_article"):
            return True
        return (
            user.has_perm("newsroom.change_article")
            and self.created_by_id == user.pk
            and self.status != self.Status.PUBLISHED
        )

    def credits_user(self, user):
        return self.bylines.filter(contributor__user=user).exists()

    @property
    def text_direction(self):
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def language_name(self):
        """The name of the article's language in that language ("العربية")."""
        return LANGUAGE_NAMES.get(self.language, self.get_language_display())

    @property
    def original_language(self):
        """The display name of the language this edition was translated from."""
        if self.translation_of_id is None:
            return ""
        return self.translation_of.get_language_display()

    def credited_contributors(self):
        """Each credited person once, in byline order (uses the prefetched bylines)."""
        seen = {}
        for byline in self.bylines.all():
            seen.setdefault(byline.contributor_id, byline.contributor)
        return list(seen.values())

    def credit_lines(self):
        """Bylines grouped by role, in order: [(label, [contributors])]. On a
        translated edition the translators' line names the original's language:
        "Translated from Arabic by …"."""
        groups = {}
        for byline in self.bylines.all():
            groups.setdefault(byline.role, []).append(byline.contributor)
        labels = dict(Byline.CREDIT_LABELS)
        if self.original_language:
            labels[Byline.Role.TRANSLATOR] = pgettext_lazy(
                "credit line", "Translated from %(language)s by"
            ) % {"language": self.original_language}
        return [(labels[role], people) for role, people in groups.items()]

    def contributors_with_role(self, role):
        return [b.contributor for b in self.bylines.all() if b.role == role]


class Translation(Article):
    """The translators' narrow view of articles ("My translations" in the admin):
    headlines of articles in review or published, and their own byline on them."""

    class Meta:
        proxy = True
        verbose_name = _("translation")
        verbose_name_plural = _("my translations")
        permissions = [
            ("credit_self", _("Can add or remove their own translator byline")),
        ]
