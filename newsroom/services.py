"""Writes that span several models. The admin, imports, commands and tests call these
same functions; none of them runs from a signal."""

from django.db import connection, transaction
from taggit.models import Tag

from newsroom import search
from newsroom.models import Article, SearchDocument, TagAlias, TaggedArticle


def update_search_document(*, article):
    """Rebuild the search document of ``article`` from its text, tags, names and
    (through the hooks) its interview. Call after the article and its parts have
    been saved; the admin and the transcript import do."""
    pieces = search.document_pieces(article)
    by_weight = {weight: [] for weight in "ABCD"}
    for piece in pieces:
        by_weight[piece.weight].append(piece.text)
    SearchDocument.objects.update_or_create(
        article=article,
        defaults={
            "text_a": search.folded(by_weight["A"]),
            "text_b": search.folded(by_weight["B"]),
            "text_c": search.folded(by_weight["C"]),
            "text_d": search.folded(by_weight["D"]),
            "pieces": [piece._asdict() for piece in pieces],
        },
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=article.pk).update(
            vector=search.vector_expression()
        )


def update_search_documents(*, articles):
    """Rebuild the search documents of several articles (after a change to a tag,
    an alias or a contributor's name they all show)."""
    for article in articles.select_related("series"):
        update_search_document(article=article)


@transaction.atomic
def merge_tags(*, tags, into):
    """Fold ``tags`` into the tag ``into``: every article tagged with one of them
    gets ``into`` (none is lost), their aliases move to ``into``, and each merged
    tag becomes an alias of ``into`` so that its old address redirects and its
    spelling keeps finding the articles. Returns the number of articles touched."""
    others = [tag for tag in tags if tag.pk != into.pk]
    if not others:
        return 0
    tagged = set(
        TaggedArticle.objects.filter(tag__in=others).values_list(
            "content_object_id", flat=True
        )
    )
    already = set(
        TaggedArticle.objects.filter(
            tag=into, content_object_id__in=tagged
        ).values_list("content_object_id", flat=True)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(tag=into, content_object_id=article_id)
        for article_id in sorted(tagged - already)
    )
    TagAlias.objects.filter(tag__in=others).update(tag=into)
    for tag in others:
        alias = TagAlias.objects.filter(name__iexact=tag.name).first()
        if alias is None:
            alias = TagAlias(name=tag.name)
        alias.tag = into
        if not TagAlias.objects.filter(slug=tag.slug).exclude(pk=alias.pk).exists():
            alias.slug = tag.slug
        alias.save()
    TaggedArticle.objects.filter(tag__in=others).delete()
    Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
    update_search_documents(articles=Article.objects.filter(tagged_items__tag=into))
    return len(tagged)
