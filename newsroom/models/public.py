"""What the public may see, beyond the articles themselves: the series,
contributors and tags of published articles. Each starts from
``Article.objects.published()``, the one publishing rule."""

from taggit.models import Tag

from .articles import Article
from .credits import Byline
from .people import Contributor, Series
from .tags import TaggedArticle


def public_series(at=None):
    """Series with at least one published article."""
    return Series.objects.filter(
        pk__in=Article.objects.published(at=at).values("series")
    )


def public_contributors(at=None):
    """Contributors credited on at least one published article."""
    return Contributor.objects.filter(
        pk__in=Byline.objects.filter(
            article__in=Article.objects.published(at=at)
        ).values("contributor")
    )


def public_tags(at=None):
    """Tags on at least one published article. A tag used only on drafts stays
    private: its name alone can be the news."""
    return Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(
            content_object__in=Article.objects.published(at=at)
        ).values("tag")
    )
