"""The parts of an article that newsroom itself gives it: its series, bylines,
tags and corrections (newsroom.content.parts says what a part contributes).
Registered in NewsroomConfig.ready(); interviews registers its own parts."""

from django.db.models import Prefetch, Q
from taggit.models import Tag

from newsroom.content.parts import ArticlePart, Companion, SearchPiece, Subject
from newsroom.models import (
    Article,
    Byline,
    Contributor,
    Correction,
    Series,
    TagAlias,
    TaggedArticle,
)
from newsroom.models.querysets import correction_rows, tag_rows

# -- the series, stored on the article's row --------------------------------------

SERIES = Subject(
    model=Series,
    on_page=lambda article: [article.series_id],
    of_articles=lambda articles: articles.values_list("series", flat=True),
    articles=lambda pk: Article.objects.filter(series=pk),
    relates=True,
    teaser_fields=frozenset({"name", "slug"}),
    searched_fields=frozenset({"name"}),
)


def _series_search(article):
    if article.series_id:
        yield SearchPiece("B", article.series.name)


def _same_series(article):
    return Q(series=article.series_id) if article.series_id else None


# -- bylines ------------------------------------------------------------------------

CONTRIBUTORS = Subject(
    model=Contributor,
    on_page=lambda article: [byline.contributor_id for byline in article.bylines.all()],
    of_articles=lambda articles: Byline.objects.filter(
        article__in=articles
    ).values_list("contributor", flat=True),
    articles=lambda pk: Article.objects.filter(bylines__contributor=pk),
    teaser_fields=frozenset({"name", "slug"}),
    searched_fields=frozenset({"name"}),
)


def _bylines_prefetch():
    return Prefetch("bylines", queryset=Byline.objects.select_related("contributor"))


def _byline_search(article):
    names = (
        Byline.objects.filter(article=article)
        .values_list("contributor__name", flat=True)
        .distinct()
    )
    for name in names:
        yield SearchPiece("B", name)


def _snapshot_bylines(article):
    return [
        {
            "contributor": byline.contributor_id,
            "name": byline.contributor.name,
            "role": byline.role,
            "position": byline.position,
        }
        for byline in Byline.objects.filter(article=article)
        .select_related("contributor")
        .order_by("position", "pk")
    ]


def _restore_bylines(article, rows):
    Byline.objects.filter(article=article).delete()
    people = Contributor.objects.in_bulk([row["contributor"] for row in rows])
    Byline.objects.bulk_create(
        Byline(
            article=article,
            contributor=people[row["contributor"]],
            role=row["role"],
            position=row["position"],
        )
        for row in rows
        if row["contributor"] in people
    )


def _byline_lines(rows, redaction):
    roles = dict(Byline.Role.choices)
    for row in rows:
        yield f"{row['position']}. {roles.get(row['role'], row['role'])}: {row['name']}"


# -- tags ---------------------------------------------------------------------------

TAGS = Subject(
    model=Tag,
    on_page=lambda article: [tag.pk for tag in article.tags.all()],
    of_articles=lambda articles: TaggedArticle.objects.filter(
        content_object__in=articles
    ).values_list("tag", flat=True),
    articles=lambda pk: Article.objects.filter(tagged_items__tag=pk),
    relates=True,
    # Feed entries list the tags by name.
    teaser_fields=frozenset({"name", "slug"}),
    searched_fields=frozenset({"name", "aliases"}),
    # An alias is another spelling of its tag: search finds the tag's articles by
    # it and its address redirects to the tag's page.
    companions=(Companion(TagAlias, lambda alias: alias.tag_id, "aliases"),),
)


def _tag_search(article):
    tags = list(article.tags.all())
    for tag in tags:
        yield SearchPiece("B", tag.name)
    for alias in TagAlias.objects.filter(tag__in=tags):
        yield SearchPiece("B", alias.name)


def _snapshot_tags(article):
    return sorted(article.tags.names(), key=str.casefold)


def _restore_tags(article, names):
    article.tags.set(names, clear=True)


def _tag_lines(names, redaction):
    yield ", ".join(names)


PARTS = [
    # In this order in search documents, revisions and diffs.
    ArticlePart(
        name="tags",
        label="Tags",
        model=TaggedArticle,
        article_field="content_object",
        page_rows=(tag_rows,),
        search=_tag_search,
        snapshot=_snapshot_tags,
        restore=_restore_tags,
        lines=_tag_lines,
        subjects=(TAGS,),
    ),
    ArticlePart(
        name="bylines",
        label="Bylines",
        model=Byline,
        page_prefetch=(_bylines_prefetch(),),
        list_prefetch=(_bylines_prefetch(),),
        search=_byline_search,
        snapshot=_snapshot_bylines,
        restore=_restore_bylines,
        lines=_byline_lines,
        subjects=(CONTRIBUTORS,),
    ),
    ArticlePart(
        name="series",
        label="Series",
        search=_series_search,
        related=_same_series,
        related_points=1,
        subjects=(SERIES,),
    ),
    # Shown on the page and on /corrections/; not part of the revisions (a
    # correction is a record of its own, never an edit of the body).
    ArticlePart(
        name="corrections",
        label="Corrections",
        model=Correction,
        page_rows=(correction_rows,),
    ),
]
