"""Writes that span several rows or models, each all-or-nothing: the editorial
workflow (review, publish, unpublish), revisions, corrections, preview links,
translators' own bylines, search documents and tag merges. The admin, imports,
commands and tests call these functions; none of them runs from a signal. Each
change readers can see tells the page cache before it changes anything
(``page_cache.articles_changing``), in the same transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsroom.content import revisions, search
from newsroom.models import (
    Article,
    Byline,
    Correction,
    PreviewLink,
    Revision,
    SearchDocument,
    TagAlias,
    TaggedArticle,
)
from newsroom.public import page_cache


class ArticleChanged(Exception):
    """Someone saved the article after the editor loaded it (optimistic locking)."""


def claim_version(*, article, version):
    """Move ``article`` from ``version`` to the next one in one conditional UPDATE,
    or raise ArticleChanged when the row no longer has that version. The UPDATE
    holds the row until the transaction ends, so of two concurrent saves of the
    same version exactly one wins."""
    claimed = Article.objects.filter(pk=article.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ArticleChanged(article.pk)
    article.version = version + 1


def _locked(article):
    """The article's row, locked for this transaction, with its current values,
    about to change: its state before the change is kept if it has no revision,
    and the pages showing it are refreshed once the change commits."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_baseline_revision(article=article)
    page_cache.articles_changing(article)
    return article


def ensure_baseline_revision(*, article):
    """Articles made before revisions were kept, or by an import, get a revision
    of their present state before their first change, so that the history and the
    diff of that change show only what changed."""
    if not Revision.objects.filter(article_pk=article.pk).exists():
        save_revision(
            article=article, by=None, summary="State before the first recorded change."
        )


def _save_state(article, *, by, fields):
    article.version += 1
    article.updated_by = by
    article.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    save_revision(article=article, by=by)


@transaction.atomic
def save_revision(*, article, by, kind=Revision.Kind.SAVED, summary=None):
    """Keep a snapshot of the whole article as it is now in the database."""
    article = Article.objects.select_related("series").get(pk=article.pk)
    data = revisions.snapshot(article)
    previous = (
        Revision.objects.filter(article_pk=article.pk)
        .order_by("-created_at", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    return Revision.objects.create(
        article=article,
        article_pk=article.pk,
        headline=article.headline,
        version=article.version,
        kind=kind,
        summary=summary or revisions.summarize(previous, data),
        data=data,
        created_by=by,
    )


@transaction.atomic
def submit_for_review(*, article, by):
    article = _locked(article)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(
            _("“%(article)s” is %(status)s; only a draft can be submitted for review.")
            % {"article": article, "status": article.get_status_display().lower()}
        )
    article.status = Article.Status.IN_REVIEW
    _save_state(article, by=by, fields=["status"])
    return article


@transaction.atomic
def publish_article(*, article, by, at=None):
    """Publish at ``at``, else at the article's own publish time if it lies in the
    future (scheduling it), else now. The public site shows it from that moment:
    ``Article.objects.published()`` compares with the clock, no job needed."""
    article = _locked(article)
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError(
            _("“%(article)s” is already published.") % {"article": article}
        )
    now = timezone.now()
    if at is not None:
        article.published_at = at
    elif article.published_at is None or article.published_at <= now:
        article.published_at = now
    article.status = Article.Status.PUBLISHED
    _save_state(article, by=by, fields=["status", "published_at"])
    return article


@transaction.atomic
def unpublish_article(*, article, by):
    """Take a published (or scheduled) article off the public site, or send an
    article in review back: either way it becomes a draft."""
    article = _locked(article)
    if article.status == Article.Status.DRAFT:
        raise ValidationError(
            _("“%(article)s” is already a draft.") % {"article": article}
        )
    article.status = Article.Status.DRAFT
    _save_state(article, by=by, fields=["status"])
    return article


@transaction.atomic
def restore_revision(*, revision, by):
    """Make the revision's content the article's current draft: fields, bylines,
    tags, segments and interviewees, exactly and in order. The article becomes a
    draft (it leaves the public site until it is published again)."""
    article = _locked(revision.article)
    revisions.restore(article, revision.data)
    article.status = Article.Status.DRAFT
    _save_state(article, by=by, fields=["status"])
    latest = article.revisions.order_by("-created_at", "-pk").first()
    latest.kind = Revision.Kind.RESTORED
    latest.summary = f"Restored version {revision.version} as the draft."
    latest.save(update_fields=["kind", "summary"])
    return article


@transaction.atomic
def delete_article(*, article, by):
    """Delete an article, keeping its last state as a revision from which
    ``restore_deleted_article`` brings it back."""
    page_cache.articles_changing(article)
    save_revision(
        article=article, by=by, kind=Revision.Kind.DELETED, summary="Deleted."
    )
    article.delete()


@transaction.atomic
def restore_deleted_article(*, revision, by):
    """Bring back a deleted article, under its old id, as a draft."""
    if Article.objects.filter(pk=revision.article_pk).exists():
        raise ValidationError(
            _("“%(article)s” is not deleted.") % {"article": revision.headline}
        )
    article = Article(pk=revision.article_pk, version=revision.version + 1)
    page_cache.articles_changing(article)
    revisions.restore(article, revision.data)
    article.status = Article.Status.DRAFT
    article.created_by = article.updated_by = by
    article.save(update_fields=["status", "created_by", "updated_by"])
    Revision.objects.filter(article_pk=article.pk).update(article=article)
    save_revision(
        article=article,
        by=by,
        kind=Revision.Kind.RESTORED,
        summary=f"Restored after deletion, from version {revision.version}.",
    )
    return article


@transaction.atomic
def add_correction(*, article, kind, text, by):
    """Add a dated correction, clarification or update; it moves the article's
    public modified date."""
    if not text.strip():
        raise ValidationError(_("Write the text of the correction."))
    page_cache.articles_changing(article)
    correction = Correction.objects.create(
        article=article, kind=kind, text=text.strip(), created_by=by
    )
    mark_corrected(article=article, at=correction.created_at)
    return correction


def mark_corrected(*, article, at):
    """Move the public modified date to ``at`` (a correction's date)."""
    Article.objects.filter(pk=article.pk).update(modified_at=at)
    article.modified_at = at


def create_preview_link(*, article, by, expires_at=None):
    link = PreviewLink(article=article, created_by=by)
    if expires_at is not None:
        link.expires_at = expires_at
    link.save()
    return link


def _own_contributor(user):
    contributor = getattr(user, "contributor", None)
    if contributor is None:
        raise PermissionDenied(
            "Your login is not linked to a contributor; ask an editor to link it."
        )
    return contributor


def _check_translator_may_credit(article, user):
    if not user.has_perm("newsroom.credit_self"):
        raise PermissionDenied("You cannot change bylines.")
    if article.status == Article.Status.DRAFT:
        raise PermissionDenied("This article is a draft; it is not open to bylines.")


@transaction.atomic
def add_own_byline(*, article, by):
    """Credit ``by`` (through their contributor record) as the article's translator,
    after the other bylines."""
    article = _locked(article)
    _check_translator_may_credit(article, by)
    contributor = _own_contributor(by)
    byline, created = Byline.objects.get_or_create(
        article=article,
        contributor=contributor,
        role=Byline.Role.TRANSLATOR,
        defaults={"position": article.bylines.count() + 1},
    )
    if created:
        _save_state(article, by=by, fields=[])
    return byline


@transaction.atomic
def remove_own_byline(*, article, by):
    """Remove ``by``'s own translator byline; no one else's."""
    article = _locked(article)
    _check_translator_may_credit(article, by)
    contributor = _own_contributor(by)
    deleted, _ = Byline.objects.filter(
        article=article, contributor=contributor, role=Byline.Role.TRANSLATOR
    ).delete()
    if deleted:
        _save_state(article, by=by, fields=[])
    return bool(deleted)


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
    for tag in [*others, into]:
        page_cache.subject_changing(tag)
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
