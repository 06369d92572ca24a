import math
import secrets
from datetime import timedelta
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, models, router, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from newsroom import images, richtext, text_input
from newsroom.json_rows import RelatedRows, RelatedRowsQuerySetMixin
from newsroom.transliteration import name_key

WORDS_PER_MINUTE = 200
# Related articles are chosen among the newest this many of each reason (the same
# series, each shared tag, each hook's reason).
RELATED_CANDIDATES = 50
SLUG_ATTEMPTS = 5

# Relations an article page renders. Other apps extend these lists in their
# AppConfig.ready() (interviews adds its segments and interviewees), so that newsroom's
# views fetch everything a page shows in a fixed number of queries without knowing the
# other apps.
PAGE_PREFETCHES = []
LIST_PREFETCHES = []

# Callables ``article -> iterable of plain-text strings`` that count towards the reading
# time. interviews registers the text of the segments.
READING_TEXT_SOURCES = []

# Callables ``article -> iterable of (weight, text) or (weight, text, anchor)`` that
# add to an article's search document (weights "A" to "D", as PostgreSQL ranks them).
# interviews registers the segments (with their anchors) and the interviewees' names.
SEARCH_TEXT_SOURCES = []

# Callables ``article -> Q or None`` over Article, each a reason for another article
# to be "related" (interviews registers "has the same interviewee"). They must not
# query: they read the article's prefetched relations and return a filter.
RELATED_ARTICLE_FILTERS = []

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ckb"}
# Each language named in itself, for links to an edition in that language.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}


class Bio(NamedTuple):
    html: str
    language: str
    direction: str


def unique_slug(model, value, *, exclude_pk=None, fallback="item", max_length=200):
    """A Unicode-safe slug for ``value`` that no other row of ``model`` uses."""
    base = slugify(text_input.slug_source(value), allow_unicode=True)
    base = base[: max_length - 8].strip("-") or fallback
    others = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_with_unique_slug(instance, save, *, source, fallback, max_length=200):
    """Run ``save()`` for ``instance``, filling its slug from ``source`` first if it
    has none.

    Two editors (or two processes) can pick the same free slug at the same moment;
    the database's unique constraint lets one insert through and fails the other.
    The save runs in a savepoint, so that failure can be caught without breaking
    the surrounding transaction, and is retried with the next free slug. A failure
    of another constraint is raised as it is."""
    if instance.slug:
        return save()
    model = type(instance)
    for attempt in range(SLUG_ATTEMPTS):
        instance.slug = unique_slug(
            model,
            source,
            exclude_pk=instance.pk,
            fallback=fallback,
            max_length=max_length,
        )
        try:
            with transaction.atomic(using=router.db_for_write(model)):
                return save()
        except IntegrityError:
            taken = (
                model._default_manager.filter(slug=instance.slug)
                .exclude(pk=instance.pk)
                .exists()
            )
            if not taken or attempt == SLUG_ATTEMPTS - 1:
                instance.slug = ""
                raise


class SeriesQuerySet(models.QuerySet):
    def public(self):
        """Series with at least one published article."""
        return self.filter(pk__in=Article.objects.published().values("series"))


class Series(models.Model):
    name = models.CharField(max_length=120, unique=True, validators=text_input.LINE)
    slug = models.SlugField(max_length=140, unique=True, allow_unicode=True, blank=True)
    description = models.TextField(blank=True, validators=text_input.TEXT)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

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


class ContributorQuerySet(models.QuerySet):
    def public(self):
        """Contributors credited on at least one published article."""
        return self.filter(
            pk__in=Byline.objects.filter(
                article__in=Article.objects.published()
            ).values("contributor")
        )


class Contributor(models.Model):
    name = models.CharField(max_length=150, validators=text_input.LINE)
    slug = models.SlugField(max_length=170, unique=True, allow_unicode=True, blank=True)
    title = models.CharField(
        "short title",
        max_length=150,
        blank=True,
        validators=text_input.LINE,
        help_text='Shown under the name, e.g. "Reporter, Amman".',
    )
    bio = models.TextField(
        blank=True,
        validators=text_input.TEXT,
        help_text="Paragraphs separated by a blank line; **bold**, *italic*, "
        "[links](https://…).",
    )
    bio_html = models.TextField(blank=True, editable=False)
    bio_ar = models.TextField(
        "bio in Arabic",
        blank=True,
        validators=text_input.TEXT,
        help_text="Shown on Arabic editions; the other bio is shown where this one "
        "is empty, and the other way round.",
    )
    bio_ar_html = models.TextField(blank=True, editable=False)
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
        permissions = [
            ("change_own_profile", "Can edit their own bio and headshot"),
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


class ArticleQuerySet(RelatedRowsQuerySetMixin, models.QuerySet):
    def published(self, at=None):
        """The one rule for what the public may see."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=at or timezone.now()
        )

    def visible_to(self, user):
        """What ``user`` may open at an article's public URL: staff preview what
        they may see in the admin (``on_desk_for``), everyone else what is
        published."""
        if user.has_perm("newsroom.change_article"):
            return self.on_desk_for(user)
        return self.published()

    def scheduled(self, at=None):
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=at or timezone.now()
        )

    def credited_to(self, user):
        """Articles on which ``user``'s contributor record has a byline."""
        return self.filter(
            Exists(
                Byline.objects.filter(article=OuterRef("pk"), contributor__user=user)
            )
        )

    def on_desk_for(self, user):
        """The articles ``user`` may see in the admin: editors everything; reporters
        their own and anything past draft; translators the articles in review or
        published that credit them. Other people's drafts stay private."""
        if user.has_perm("newsroom.change_any_article"):
            return self
        if user.has_perm("newsroom.change_article"):
            return self.filter(Q(created_by=user) | ~Q(status=Article.Status.DRAFT))
        if user.has_perm("newsroom.credit_self"):
            return self.exclude(status=Article.Status.DRAFT).credited_to(user)
        return self.none()

    def for_list(self):
        """What an article teaser shows: series label and bylines (whose credit line
        names the original's language)."""
        return self.select_related("series", "translation_of").prefetch_related(
            _bylines_prefetch(), *LIST_PREFETCHES
        )

    def for_page(self):
        """Everything an article page shows, in a fixed number of queries. The tags
        and corrections, only displayed, come inside the article's own query."""
        return (
            self.select_related("series", "translation_of")
            .prefetch_related(_bylines_prefetch(), *PAGE_PREFETCHES)
            .with_related_rows(_tag_rows(), _correction_rows())
        )

    def editions_and_related(self, article, *, related=4):
        """Published editions of ``article`` and up to ``related`` articles sharing
        its series, a tag or (through RELATED_ARTICLE_FILTERS) an interviewee, in
        one query: ``(editions, related)``. Reads the article's prefetched tags."""
        editions = Q(translation_of=article)
        if article.translation_of_id:
            editions |= Q(pk=article.translation_of_id) | Q(
                translation_of=article.translation_of_id
            )
        # Each reason adds to the score: another interviewee match (a hook) counts
        # 2, the same series 1, and each shared tag 1.
        reasons = [(hook(article), 2) for hook in RELATED_ARTICLE_FILTERS]
        if article.series_id:
            reasons.append((Q(series=article.series_id), 1))
        reasons = [(reason, points) for reason, points in reasons if reason]
        score = sum(
            (
                models.Case(
                    models.When(reason, then=points),
                    default=0,
                    output_field=models.IntegerField(),
                )
                for reason, points in reasons
            ),
            start=models.Value(0),
        )
        # Candidates: the newest few articles of each reason (each tag on its
        # own). A popular tag or series is shared by thousands of articles, too
        # many to score for every page view.
        sources = [reason for reason, _points in reasons]
        tag_ids = [tag.pk for tag in article.tags.all()]
        sources += [Q(tagged_items__tag=tag_id) for tag_id in tag_ids]
        if tag_ids:
            shared = TaggedArticle.objects.filter(tag__in=tag_ids)
            score += Coalesce(
                models.Subquery(
                    shared.filter(content_object=models.OuterRef("pk"))
                    .values("content_object")
                    .annotate(count=models.Count("pk"))
                    .values("count")
                ),
                0,
            )
        # The editions and those candidates as one list of ids (a UNION), so that
        # the database reads only their rows. Each window sits in a plain SELECT:
        # SQLite allows no ORDER BY or LIMIT in the parts of a UNION.
        ids = Article.objects.order_by().values("pk")
        newest = (
            self.published()
            .filter(source)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:RELATED_CANDIDATES]
            for source in sources
        )
        candidates = ids.filter(editions).union(
            *(ids.filter(pk__in=window) for window in newest)
        )
        rows = list(
            self.published()
            .filter(pk__in=candidates)
            .exclude(pk=article.pk)
            .select_related("series")
            .annotate(
                is_edition=models.Case(
                    models.When(editions, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
                score=score,
            )
            .order_by("-is_edition", "-score", "-published_at", "-pk")[: related + 5]
        )
        return (
            [row for row in rows if row.is_edition],
            [row for row in rows if not row.is_edition][:related],
        )


def _bylines_prefetch():
    return Prefetch("bylines", queryset=Byline.objects.select_related("contributor"))


def _tag_rows():
    return RelatedRows(
        "tags",
        TaggedArticle.objects.filter(content_object=OuterRef("pk")),
        parent_field="content_object",
        model=Tag,
        fields={"id": "tag_id", "name": "tag__name", "slug": "tag__slug"},
        ordering=["name"],
    )


def _correction_rows():
    fields = ["id", "article_id", "kind", "text", "created_at", "created_by_id"]
    return RelatedRows(
        "corrections",
        Correction.objects.filter(article=OuterRef("pk")),
        parent_field="article",
        model=Correction,
        fields={name: name for name in fields},
        ordering=Correction._meta.ordering,
    )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        ARABIC = "ar", "Arabic"
        FRENCH = "fr", "French"

    headline = models.CharField(max_length=250, validators=text_input.LINE)
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
        blank=True,
        validators=text_input.TEXT,
        help_text="The teaser under the headline, one or two sentences.",
    )
    intro = models.TextField(
        blank=True,
        validators=text_input.TEXT,
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
    lead_image_caption = models.CharField(
        "caption", max_length=300, blank=True, validators=text_input.LINE
    )
    lead_image_credit = models.CharField(
        "credit", max_length=150, blank=True, validators=text_input.LINE
    )
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        validators=text_input.LINE,
        help_text="What the image shows, for readers who cannot see it.",
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name="translation of",
        help_text="The original edition this article translates, e.g. the Arabic "
        "interview an English edition was translated from.",
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    # Optimistic locking: every save through the admin or a service checks that the
    # row still has the version the editor loaded, and adds one.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    modified_at = models.DateTimeField(
        "last corrected",
        null=True,
        blank=True,
        editable=False,
        help_text="The public modified date: set when a correction, clarification "
        "or update is added.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="last changed by",
    )

    tags = TaggableManager(through="TaggedArticle", blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
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
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("change_any_article", "Can change articles written by anyone"),
        ]
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
                    "translation_of": "Choose the edition in another language that "
                    "this article was translated from."
                }
            )
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
        """Bylines grouped by role, in order: [(label, [contributors])]. On a
        translated edition the translators' line names the original's language:
        "Translated from Arabic by …"."""
        groups = {}
        for byline in self.bylines.all():
            groups.setdefault(byline.role, []).append(byline.contributor)
        labels = dict(Byline.CREDIT_LABELS)
        if self.original_language:
            labels[Byline.Role.TRANSLATOR] = (
                f"Translated from {self.original_language} by"
            )
        return [(labels[role], people) for role, people in groups.items()]

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


class TaggedArticle(TaggedItemBase):
    """Article tags through a direct foreign key (no generic relation), so that tag
    pages join on an indexed integer column."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        ordering = ["tag__name"]
        # A tag's articles (its page, feed, filter and count), read from the index
        # alone; the unique constraint serves the other direction.
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_article_tag")
        ]
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


class TagAlias(models.Model):
    """Another spelling of a tag ("Ahrar a-Sham" for "Ahrar al-Sham"). Tagging an
    article with an alias attaches the tag; the alias's address redirects to the
    tag's page; search finds either spelling."""

    name = models.CharField(max_length=100, unique=True, validators=text_input.LINE)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True, blank=True)
    key = models.CharField(
        max_length=100,
        db_index=True,
        editable=False,
        help_text="The name with case, diacritics and articles folded away.",
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["name"]
        verbose_name = "tag alias"
        verbose_name_plural = "tag aliases"

    def __str__(self):
        return f"{self.name} → {self.tag}"

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        save_with_unique_slug(
            self,
            lambda: super(TagAlias, self).save(*args, **kwargs),
            source=self.name,
            fallback="alias",
            max_length=100,
        )

    def clean(self):
        if not name_key(self.name):
            raise ValidationError({"name": "Give the alias some letters or digits."})
        other_tag = (
            Tag.objects.filter(Q(name__iexact=self.name) | Q(slug=self.slug or None))
            .exclude(pk=self.tag_id)
            .first()
        )
        if other_tag is not None:
            raise ValidationError(
                {
                    "name": f'A tag "{other_tag.name}" already exists: merge it into '
                    "this tag instead (Tags → select both → Merge)."
                }
            )


class SearchDocument(models.Model):
    """What search reads for one article, rebuilt by
    ``newsroom.search.update_search_document`` when the article is saved through
    the admin or an import.

    ``text_a`` … ``text_d`` hold the folded words (``transliteration.words``) by
    weight: A headline, B dek, tags and their aliases, names; C intro; D the rest
    (the interview). PostgreSQL searches ``vector``, built from them with a GIN
    index (migration 0002); other databases match the words directly. ``pieces``
    keeps the original passages, with their anchors, to show and link a match.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    text_d = models.TextField(blank=True)
    pieces = models.JSONField(default=list, blank=True)
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article"]

    def __str__(self):
        return f"Search document of {self.article_id}"


class Translation(Article):
    """The translators' narrow view of articles ("My translations" in the admin):
    headlines of articles in review or published, and their own byline on them."""

    class Meta:
        proxy = True
        verbose_name = "translation"
        verbose_name_plural = "my translations"
        permissions = [
            ("credit_self", "Can add or remove their own translator byline"),
        ]


class Revision(models.Model):
    """A snapshot of a whole article, kept at every save. It survives the deletion of
    its article (``article`` becomes empty, ``article_pk`` remains), so a deleted
    article can be brought back."""

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        RESTORED = "restored", "Restored"
        DELETED = "deleted", "Deleted"

    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    article_pk = models.PositiveBigIntegerField(db_index=True)
    headline = models.CharField(max_length=250)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SAVED)
    summary = models.CharField(max_length=500, blank=True)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.headline} (version {self.version})"

    @property
    def is_of_deleted_article(self):
        return self.article_id is None


class Correction(models.Model):
    """A dated note to readers on a published article: a record of its own, never an
    edit of the body."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        validators=text_input.TEXT,
        help_text='What was wrong and what is right, e.g. "An earlier version '
        'misspelled the name of the town."',
    )
    created_at = models.DateTimeField("date", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """ "Correction, 4 June 2015" — how readers see it introduced."""
        date = timezone.localtime(self.created_at)
        return f"{self.get_kind_display()}, {date.day} {date:%B %Y}"


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
            raise PreviewLink.Invalid("This preview link is not valid.") from error
        link = self.filter(token=token).first()
        if link is None:
            raise PreviewLink.Invalid("This preview link is not valid.")
        if link.is_revoked:
            raise PreviewLink.Invalid("This preview link has been withdrawn.")
        if link.expires_at <= timezone.now():
            raise PreviewLink.Invalid("This preview link has expired.")
        return link


class PreviewLink(models.Model):
    """A secret, expiring, revocable link that shows an unpublished article to
    someone without an account (a source, a freelance translator)."""

    class Invalid(Exception):
        pass

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    token = models.CharField(
        max_length=64, unique=True, default=_preview_token, editable=False
    )
    expires_at = models.DateTimeField("expires", default=_preview_expiry)
    is_revoked = models.BooleanField(
        "revoked", default=False, help_text="Tick to make the link stop working."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return reverse(
            "newsroom:preview", kwargs={"token": _preview_signer.sign(self.token)}
        )

    @property
    def is_active(self):
        return not self.is_revoked and self.expires_at > timezone.now()
