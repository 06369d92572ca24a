"""Prepare the pages of a generated archive, as the write path would have when each
article was published (newsroom.public.prepared.prepare, one article at a time).

At about 20 articles a second, 100,000 articles take over an hour, so the order is
the order readers need them in: first the articles on the first page of every list
(the front page, each series, tag and contributor), then all the others, newest
first. Articles whose prepared page is current are skipped, so an interrupted run
resumes where it stopped (``benchmarks/generate.py --only-prepare``).
"""

import time

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from newsroom.models import Article, Byline, Rendering, TaggedArticle
from newsroom.public import page_cache, prepared

CHUNK = 500
LIST_PAGE = 20
FRONT_PAGES = 3


def newest_of_each(rows, subject):
    """Ids of the ``LIST_PAGE`` newest published articles of each ``subject`` (a
    field of ``rows``, through rows with an ``article`` path), in one query."""
    article = rows.model._meta.get_field(
        "article" if rows.model is Byline else "content_object"
    ).name
    published = Article.objects.published()
    ranked = (
        rows.filter(**{f"{article}__in": published})
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F(subject)],
                order_by=[
                    F(f"{article}__published_at").desc(),
                    F(article).desc(),
                ],
            )
        )
        .filter(rank__lte=LIST_PAGE)
        .values_list(article, flat=True)
    )
    return set(ranked)


def listed_first():
    """The published articles on the first page of some list, newest first."""
    published = Article.objects.published()
    ids = set(published.values_list("pk", flat=True)[: LIST_PAGE * FRONT_PAGES])
    ranked = published.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("series")],
            order_by=[F("published_at").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=LIST_PAGE, series__isnull=False)
    ids |= set(ranked.values_list("pk", flat=True))
    ids |= newest_of_each(TaggedArticle.objects.all(), "tag")
    ids |= newest_of_each(Byline.objects.all(), "contributor")
    return list(published.filter(pk__in=ids).values_list("pk", flat=True))


def not_current(pks):
    """Those of ``pks`` without a current prepared page and teaser."""
    rows = Rendering.objects.filter(article_id__in=pks).values_list(
        "article_id", "page_versions", "teaser_versions"
    )
    rows = list(rows)
    found = page_cache.versions_now(
        key
        for _pk, page, teaser in rows
        for key in (
            *prepared.shown_keys(page or {}),
            *prepared.shown_keys(teaser or {}),
        )
    )
    done = {
        pk
        for pk, page, teaser in rows
        if prepared.is_current(page, found) and prepared.is_current(teaser, found)
    }
    return [pk for pk in pks if pk not in done]


def prepare_archive(log=lambda line: None):
    """Prepare every published article's page not prepared yet (listed ones
    first); returns how many were prepared now."""
    started = time.monotonic()
    first = listed_first()
    chosen = set(first)
    rest = [
        pk
        for pk in Article.objects.published().values_list("pk", flat=True)
        if pk not in chosen
    ]
    order = first + rest
    log(
        f"preparing the pages of {len(order):,} published articles, the "
        f"{len(first):,} on the first page of a list first"
    )
    done = 0
    for offset in range(0, len(order), CHUNK):
        for pk in not_current(order[offset : offset + CHUNK]):
            prepared.prepare(pk)
            done += 1
        reached = min(offset + CHUNK, len(order))
        if (
            reached % 5000 == 0
            or offset < len(first) <= reached
            or reached == len(order)
        ):
            log(
                f"{reached:>9,} of {len(order):,} ready "
                f"({time.monotonic() - started:.1f} s)"
            )
    return done
