"""What search reads for each article."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """What search reads for one article, rebuilt by
    ``newsroom.content.search.update_search_document`` when the article is saved through
    the admin or an import.

    ``text_a`` … ``text_d`` hold the folded words (``transliteration.words``) by
    weight: A headline, B dek, tags and their aliases, names; C intro; D the rest
    (the interview). PostgreSQL searches ``vector``, built from them with a GIN
    index (migration 0002); other databases match the words directly.
    ``published_at`` orders the matches (newest first) without reading articles.
    ``pieces`` keeps the original passages, with their anchors, to show and link a
    match.
    """

    article = models.OneToOneField(
        "newsroom.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    text_d = models.TextField(blank=True)
    pieces = models.JSONField(default=list, blank=True)
    # The article's publish time while it is published (its status), else None:
    # search takes the newest matches from an index of the documents alone.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article"]
        indexes = [
            models.Index(
                fields=["-published_at", "-article"],
                condition=models.Q(published_at__isnull=False),
                name="search_document_newest",
            )
        ]

    def __str__(self):
        return f"Search document of {self.article_id}"
