"""An article's public page and teaser, rendered when the article changed rather
than when a reader asks (newsroom/public/prepared.py makes and serves them)."""

from django.db import models


class Rendering(models.Model):
    """The HTML of a published article's page (its head and body) and of its
    teaser, and its feed entry, with the page-cache keys each shows and their
    versions when it was rendered. A reader's request serves it while every
    version is still current (newsroom.public.page_cache): a change anything on it
    shows moves a version, and the next request renders it again. Absolute
    addresses are written with ``ORIGIN`` (newsroom.public.prepared), replaced by
    the site's own when served.
    """

    article = models.OneToOneField(
        "newsroom.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rendering",
    )
    language = models.CharField(max_length=10)
    title = models.TextField()
    head = models.TextField()
    body = models.TextField()
    page_versions = models.JSONField(default=dict)
    teaser = models.TextField()
    # The article's entry in feeds: title, path, summary, dates, tags, authors.
    feed_entry = models.JSONField(default=dict)
    # What each credited person did on it, by contributor id, in its language
    # ("Interviewer, Translator"): their page says it under the teaser.
    credits = models.JSONField(default=dict)
    # The versions of what the teaser and the feed entry show.
    teaser_versions = models.JSONField(default=dict)
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article"]

    def __str__(self):
        return f"Rendering of article {self.article_id}"
