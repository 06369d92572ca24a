"""Article tags (django-taggit, through a direct foreign key) and their other
spellings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItemBase

from newsroom import text_input
from newsroom.content.transliteration import name_key

from .recorded import RecordedQuerySet
from .slugs import save_with_unique_slug


class TaggedArticle(TaggedItemBase):
    """Article tags through a direct foreign key (no generic relation), so that tag
    pages join on an indexed integer column."""

    content_object = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # The article's publish time (None without one), so that a tag's page reads its
    # newest articles in order from an index; kept by the write path
    # (newsroom.content.listing).
    listed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["tag__name"]
        # A tag's articles (its page, feed, filter and count), read from the index
        # alone; the unique constraint serves the other direction.
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_article_tag"),
            # A tag's page, newest first, however many articles the archive holds.
            models.Index(
                fields=["tag", "-listed_at", "-content_object"],
                condition=Q(listed_at__isnull=False),
                name="tagged_article_listed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_article_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_object} — {self.tag}"

    def save(self, *args, **kwargs):
        # Listed at once; the write path keeps it when the article's time changes.
        self.listed_at = self.content_object.published_at
        super().save(*args, **kwargs)


class TagAlias(models.Model):
    """Another spelling of a tag ("Ahrar a-Sham" for "Ahrar al-Sham"). Tagging an
    article with an alias attaches the tag; the alias's address redirects to the
    tag's page; search finds either spelling."""

    name = models.CharField(
        _("name"), max_length=100, unique=True, validators=text_input.LINE
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, allow_unicode=True, blank=True
    )
    key = models.CharField(
        max_length=100,
        db_index=True,
        editable=False,
        help_text=_("The name with case, diacritics and articles folded away."),
    )
    tag = models.ForeignKey(
        Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="aliases"
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag alias")
        verbose_name_plural = _("tag aliases")

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
            raise ValidationError({"name": _("Give the alias some letters or digits.")})
        other_tag = (
            Tag.objects.filter(Q(name__iexact=self.name) | Q(slug=self.slug or None))
            .exclude(pk=self.tag_id)
            .first()
        )
        if other_tag is not None:
            raise ValidationError(
                {
                    "name": _(
                        "A tag “%(name)s” already exists: merge it into this tag "
                        "instead (Tags → select both → Merge)."
                    )
                    % {"name": other_tag.name}
                }
            )
