"""The read path of readers' lists: which published articles a page or a feed
lists, and the subject it is about (a tag, a series, a contributor), each one
compiled query (newsroom/models/compiled.py) run with the request's time and the
subject.

A list page is then the subject's row, a page of teaser rows
(``prepared.TEASER_ROW``) and the teasers kept with them.
"""

from django.http import Http404
from django.utils import timezone
from taggit.models import Tag

from newsroom.models import (
    Article,
    Byline,
    Contributor,
    Series,
    TaggedArticle,
    public_contributors,
    public_series,
    public_tags,
)
from newsroom.models.compiled import Compiled
from newsroom.public import prepared

PUBLISHED_AT = Article._meta.get_field("published_at")


class ArticleList:
    """The published articles ``articles(at, subject)`` selects, newest first, as
    teaser rows; ``subject`` is compared with ``subject_field``."""

    def __init__(self, articles, subject_field=None):
        def build(shape, *, at, subject=None):
            columns, start, stop = shape
            return articles(at, subject).values_list(*columns)[start:stop]

        fields = {"at": PUBLISHED_AT}
        if subject_field is not None:
            fields["subject"] = subject_field
        self.compiled = Compiled(build, **fields)

    def rows(self, subject=None, at=None, columns=prepared.TEASER_ROW):
        """Something a paginator slices, each slice one query for ``columns`` of
        the articles (their teasers, or with ``prepared.FEED_ROWS`` their feed
        entries)."""
        return _Rows(self.compiled, at or timezone.now(), subject, columns)


class _Rows:
    def __init__(self, compiled, at, subject, columns):
        self.compiled, self.at, self.subject = compiled, at, subject
        self.columns = columns

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("a list of articles is read a slice at a time")
        values = {"at": self.at}
        if self.subject is not None:
            values["subject"] = self.subject
        shape = (self.columns, window.start, window.stop)
        return self.compiled.rows(shape=shape, **values)


LATEST = ArticleList(lambda at, _subject: Article.objects.published(at=at))
IN_SERIES = ArticleList(
    lambda at, series: Article.objects.published(at=at).filter(series=series),
    Article._meta.get_field("series"),
)
# A tag's and a contributor's articles in the order their index keeps
# (newsroom/content/listing.py).
TAGGED = ArticleList(
    lambda at, tag: Article.objects.published(at=at).listed_under_tag(tag, at),
    TaggedArticle._meta.get_field("tag"),
)
CREDITED = ArticleList(
    lambda at, contributor: Article.objects.published(at=at).listed_under_contributor(
        contributor, at
    ),
    Byline._meta.get_field("contributor"),
)


class Subject:
    """The public ``model`` instance with a slug, if it has a published article:
    one compiled query for all its columns."""

    def __init__(self, model, public):
        self.model = model
        self.names = [field.attname for field in model._meta.concrete_fields]

        def build(_shape, *, at, slug):
            return public(at).filter(slug=slug).values_list(*self.names)[:1]

        self.compiled = Compiled(
            build, at=PUBLISHED_AT, slug=model._meta.get_field("slug")
        )

    def find(self, slug, at=None):
        """The instance, or None."""
        rows = self.compiled.rows(at=at or timezone.now(), slug=slug)
        if not rows:
            return None
        return self.model.from_db("default", self.names, rows[0])

    def get(self, slug, at=None):
        """The instance, or a 404."""
        found = self.find(slug, at)
        if found is None:
            raise Http404(
                f"No {self.model._meta.verbose_name} is published at {slug!r}."
            )
        return found


TAG = Subject(Tag, public_tags)
SERIES = Subject(Series, public_series)
CONTRIBUTOR = Subject(Contributor, public_contributors)
