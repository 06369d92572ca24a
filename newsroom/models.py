import math
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from newsroom import images, richtext

WORDS_PER_MINUTE = 200

# Relations an article page renders. Other apps extend these lists in their
# AppConfig.ready() (interviews adds its segments and interviewees), so that newsroom's
# views fetch everything a page shows in a fixed number of queries without knowing the
# other apps.
PAGE_PREFETCHES = []
LIST_PREFETCHES = []

# Callables ``article -> iterable of plain-text strings`` that count towards the reading
# time. interviews registers the text of the segments.
READING_TEXT_SOURCES = []

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ckb"}


def unique_slug(model, value, *, exclude_pk=None, fallback="item", max_length=200):
    """A Unicode-safe slug for ``value`` that no other row of ``model`` uses."""
    base = slugify(value, allow_unicode=True)[: max_length - 8].strip("-") or fallback
    others = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SeriesQuerySet(models.QuerySet):
    def public(self):
        """Series with at least one published article."""
        return self.filter(pk__in=Article.objects.published().values("series"))


class Series(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True, allow_unicode=True, blank=True)
    description = models.TextField(blank=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Series, self.name, exclude_pk=self.pk, fallback="series"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:series", kwargs={"slug": self.slug})


class ContributorQuerySet(models.QuerySet):
    def public(self):
        """Contributors credited on at least one published article."""
        return self.filter(
            pk__in=Byline.objects.filter(
                article__in=Article.objects.published()
            ).values("contributor")
        )


class Contributor(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=170, unique=True, allow_unicode=True, blank=True)
    title = models.CharField(
        "short title",
        max_length=150,
        blank=True,
        help_text='Shown under the name, e.g. "Reporter, Amman".',
    )
    bio = models.TextField(
        blank=True,
        help_text="Paragraphs separated by a blank line; **bold**, *italic*, "
        "[links](https://…).",
    )
    bio_html = models.TextField(blank=True, editable=False)
    headshot = models.ImageField(
        upload_to="headshots/", blank=True, help_text=images.UPLOAD_HELP
    )
    # Where the face is, in % of the width and height: square crops keep it in.
    headshot_focus_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the left edge, 100 the right edge.",
    )
    headshot_focus_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the top edge, 100 the bottom edge.",
    )
    # The stored files of the headshot (newsroom.images.store()), for templates.
    headshot_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        help_text="Optional: the login of this person, if they have one.",
    )

    objects = ContributorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headshot_focus_x__lte=100, headshot_focus_y__lte=100),
                name="contributor_focus_in_percent",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Contributor, self.name, exclude_pk=self.pk, fallback="contributor"
            )
        self.bio_html = richtext.render(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:contributor", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        names = images.stored_names(self.headshot_renditions)
        result = super().delete(*args, **kwargs)
        images.delete_files_on_commit(names)
        return result

    @cached_property
    def headshot_picture(self):
        """The square headshot in its stored widths (empty if there is none)."""
        return images.Picture(self.headshot_renditions)


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """The one rule for what the public may see."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=at or timezone.now()
        )

    def visible_to(self, user):
        """What ``user`` may open at an article's public URL (staff preview drafts)."""
        if user.has_perm("newsroom.change_article"):
            return self
        return self.published()

    def for_list(self):
        """What an article teaser shows: series label and bylines."""
        return self.select_related("series").prefetch_related(
            _bylines_prefetch(), *LIST_PREFETCHES
        )

    def for_page(self):
        """Everything an article page shows, in a fixed number of queries."""
        return self.select_related("series").prefetch_related(
            _bylines_prefetch(), "tags", *PAGE_PREFETCHES
        )


def _bylines_prefetch():
    return Prefetch("bylines", queryset=Byline.objects.select_related("contributor"))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        ARABIC = "ar", "Arabic"
        FRENCH = "fr", "French"

    headline = models.CharField(max_length=250)
    slug = models.SlugField(
        max_length=250,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="The address of the article. Filled from the headline if left empty.",
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    dek = models.TextField(
        blank=True, help_text="The teaser under the headline, one or two sentences."
    )
    intro = models.TextField(
        blank=True,
        help_text="Paragraphs separated by a blank line; **bold**, *italic*, "
        "[links](https://…), numbered lines for lists.",
    )
    intro_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Readers see a published article from this time on. Left empty, "
        "publishing sets it to now; a future time schedules it.",
    )
    language = models.CharField(
        max_length=10, choices=Language, default=Language.ENGLISH
    )
    lead_image = models.ImageField(
        upload_to="lead-images/", blank=True, help_text=images.UPLOAD_HELP
    )
    # The stored files of the lead image (newsroom.images.store()), for templates.
    lead_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    lead_image_caption = models.CharField("caption", max_length=300, blank=True)
    lead_image_credit = models.CharField("credit", max_length=150, blank=True)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    tags = TaggableManager(through="TaggedArticle", blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published article needs a publish time.",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Article, self.headline, exclude_pk=self.pk, fallback="article"
            )
        self.fill_publish_time()
        self.intro_html = richtext.render(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        names = images.stored_names(self.lead_image_renditions)
        result = super().delete(*args, **kwargs)
        images.delete_files_on_commit(names)
        return result

    def clean(self):
        self.fill_publish_time()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {
                    "lead_image_alt": "Describe the lead image for readers who cannot "
                    "see it."
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
    def text_direction(self):
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    def count_words(self):
        texts = [self.headline, self.dek, self.intro]
        for source in READING_TEXT_SOURCES:
            texts.extend(source(self))
        return sum(richtext.word_count(text) for text in texts)

    def update_reading_time(self):
        """Recount the reading time from all the article's text; call after its
        parts (segments, in the interviews app) have been saved."""
        minutes = max(1, math.ceil(self.count_words() / WORDS_PER_MINUTE))
        if minutes != self.reading_minutes:
            self.reading_minutes = minutes
            Article.objects.filter(pk=self.pk).update(reading_minutes=minutes)
        return minutes

    def credited_contributors(self):
        """Each credited person once, in byline order (uses the prefetched bylines)."""
        seen = {}
        for byline in self.bylines.all():
            seen.setdefault(byline.contributor_id, byline.contributor)
        return list(seen.values())

    def credit_lines(self):
        """Bylines grouped by role, in order: [(label, [contributors])]."""
        groups = {}
        for byline in self.bylines.all():
            groups.setdefault(byline.role, []).append(byline.contributor)
        return [(Byline.CREDIT_LABELS[role], people) for role, people in groups.items()]

    def contributors_with_role(self, role):
        return [b.contributor for b in self.bylines.all() if b.role == role]


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
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(max_length=20, choices=Role)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
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


class TaggedArticle(TaggedItemBase):
    """Article tags through a direct foreign key (no generic relation), so that tag
    pages join on an indexed integer column."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        ordering = ["tag__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_article_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_object} — {self.tag}"


def public_tags():
    """Tags on at least one published article. A tag used only on drafts stays
    private: its name alone can be the news."""
    return Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(
            content_object__in=Article.objects.published()
        ).values("tag")
    )
