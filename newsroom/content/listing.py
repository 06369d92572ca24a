"""The order of a tag's and a contributor's pages, kept on the rows that list them.

A tag's page and a contributor's page list their published articles newest first.
Read from the articles, the database walks the whole archive backwards by date and
checks each article for the tag or the byline: at 100,000 articles a tag with a few
hundred of them read thousands of rows for its first page. So each row linking an
article to a tag (``TaggedArticle``) or a contributor (``Byline``) carries the
article's publish time, ``listed_at``, indexed by subject and time: a page is the
next 20 entries of the index.

A contributor may hold several roles on one article (interviewer and translator);
only their first byline on it (by position) carries the time, so that the article
is listed once. Who may read the article is still decided by
``Article.objects.published()``; ``listed_at`` orders, and bounds the walk: a page
starts at the entries listed by now, below the scheduled articles' (at 100,000
articles, a popular tag's first page read some 400 scheduled entries before its
20 published ones).

The write path (newsroom.desk.changes) calls ``update_listing_times`` for every
article a transaction changed; migration 0014 filled the rows made before it.
"""

from itertools import groupby

from newsroom.models import Byline, TaggedArticle


def listing_times(rows, published_at):
    """``{pk: listed_at}`` for byline rows ``(pk, article, contributor)`` ordered by
    article, contributor and position: the first of each article and contributor
    gets the article's publish time, the others None."""
    wanted = {}
    for (article, _contributor), group in groupby(rows, key=lambda row: row[1:3]):
        first, *others = [pk for pk, *_rest in group]
        wanted[first] = published_at.get(article)
        wanted.update(dict.fromkeys(others))
    return wanted


def _write(model, current, wanted):
    """Update the rows whose ``listed_at`` differs: one query per new value."""
    by_value = {}
    for pk, value in wanted.items():
        if current.get(pk) != value:
            by_value.setdefault(value, []).append(pk)
    for value, pks in by_value.items():
        model.objects.filter(pk__in=pks).update(listed_at=value)


def update_listing_times(article_pks):
    """Set ``listed_at`` on the tag and byline rows of the articles ``article_pks``
    (two queries when nothing changed, one more for each new value)."""
    pks = list(article_pks)
    if not pks:
        return
    tagged = list(
        TaggedArticle.objects.filter(content_object__in=pks).values_list(
            "pk", "listed_at", "content_object__published_at"
        )
    )
    _write(
        TaggedArticle,
        {pk: listed for pk, listed, _time in tagged},
        {pk: published_at for pk, _listed, published_at in tagged},
    )
    bylines = list(
        Byline.objects.filter(article__in=pks)
        .order_by("article", "contributor", "position", "pk")
        .values_list(
            "pk", "article", "contributor", "listed_at", "article__published_at"
        )
    )
    _write(
        Byline,
        {pk: listed for pk, _a, _c, listed, _time in bylines},
        listing_times(
            [row[:3] for row in bylines],
            {article: time for _pk, article, _c, _l, time in bylines},
        ),
    )
