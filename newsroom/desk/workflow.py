"""The editorial workflow: review, publish, unpublish, restore and delete articles,
corrections, preview links, translators' own bylines and merging tags.

Each function is one unit of change (``changes.batch``): all or nothing, and what
follows a change — the version, reading time, search document, revision and the
refreshed pages — is done by the write path (newsroom.desk.changes), once.
The admin, imports, commands and tests call these functions.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsroom.content import revisions
from newsroom.desk import changes
from newsroom.models import (
    Article,
    Byline,
    Correction,
    PreviewLink,
    Revision,
    TagAlias,
    TaggedArticle,
)


def _locked(article):
    """The article's row, locked until the transaction ends, as it is now."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _save(article, *, by, fields=()):
    article.updated_by = by
    article.save(update_fields=[*fields, "updated_by", "updated_at"])


def submit_for_review(*, article, by):
    with changes.batch(by=by):
        article = _locked(article)
        if article.status != Article.Status.DRAFT:
            raise ValidationError(
                _(
                    "“%(article)s” is %(status)s; only a draft can be submitted "
                    "for review."
                )
                % {"article": article, "status": article.get_status_display().lower()}
            )
        article.status = Article.Status.IN_REVIEW
        _save(article, by=by, fields=["status"])
    return article


def publish_article(*, article, by, at=None):
    """Publish at ``at``, else at the article's own publish time if it lies in the
    future (scheduling it), else now. The public site shows it from that moment:
    ``Article.objects.published()`` compares with the clock, no job needed."""
    with changes.batch(by=by):
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
        _save(article, by=by, fields=["status", "published_at"])
    return article


def unpublish_article(*, article, by):
    """Take a published (or scheduled) article off the public site, or send an
    article in review back: either way it becomes a draft."""
    with changes.batch(by=by):
        article = _locked(article)
        if article.status == Article.Status.DRAFT:
            raise ValidationError(
                _("“%(article)s” is already a draft.") % {"article": article}
            )
        article.status = Article.Status.DRAFT
        _save(article, by=by, fields=["status"])
    return article


# Revision summaries are kept in English, like the others the write path writes.
_STATUS_WORDS = {"draft": "a draft", "in_review": "in review", "published": "published"}


def restore_revision(*, revision, by, status=None):
    """Make the revision's content the article's current content: fields, bylines,
    tags, segments and interviewees, exactly and in order. The article keeps its
    status and publish time (a published article stays on the public site, now
    showing the restored text) unless ``status`` says otherwise: "draft" takes it
    off the public site until it is published again. Publishing is for those who
    may publish."""
    if status not in (None, *Article.Status.values):
        raise ValidationError(
            _("“%(status)s” is not a status an article can have.") % {"status": status}
        )
    if status == Article.Status.PUBLISHED and not by.has_perm(
        "newsroom.publish_article"
    ):
        raise PermissionDenied("You may not publish articles.")
    with changes.batch(by=by):
        article = _locked(revision.article)
        kept_status, kept_time = article.status, article.published_at
        revisions.restore(article, revision.data)
        article.status = status or kept_status
        if status is None or status == kept_status:
            article.published_at = kept_time
        elif status == Article.Status.PUBLISHED and article.published_at is None:
            article.published_at = timezone.now()
        _save(article, by=by, fields=["status", "published_at"])
        changes.label(
            article,
            kind=Revision.Kind.RESTORED,
            summary=f"Restored version {revision.version}; "
            f"the article is {_STATUS_WORDS[article.status]}.",
        )
    return article


def delete_article(*, article, by):
    """Delete an article; the write path keeps its last state as a revision, from
    which ``restore_deleted_article`` brings it back."""
    with changes.batch(by=by):
        article.delete()


def restore_deleted_article(*, revision, by):
    """Bring back a deleted article, under its old id, as a draft."""
    with changes.batch(by=by):
        if Article.objects.filter(pk=revision.article_pk).exists():
            raise ValidationError(
                _("“%(article)s” is not deleted.") % {"article": revision.headline}
            )
        article = Article(pk=revision.article_pk, version=revision.version + 1)
        article.status = Article.Status.DRAFT
        article.created_by = article.updated_by = by
        revisions.restore(article, revision.data)
        article.status = Article.Status.DRAFT
        article.save(update_fields=["status"])
        Revision.objects.filter(article_pk=article.pk).update(article=article)
        changes.label(
            article,
            kind=Revision.Kind.RESTORED,
            summary=f"Restored after deletion, from version {revision.version}.",
        )
    return article


def add_correction(*, article, kind, text, by):
    """Add a dated correction, clarification or update; it moves the article's
    public modified date."""
    if not text.strip():
        raise ValidationError(_("Write the text of the correction."))
    with changes.batch(by=by):
        correction = Correction.objects.create(
            article=article, kind=kind, text=text.strip(), created_by=by
        )
        Article.objects.filter(pk=article.pk).update(modified_at=correction.created_at)
        article.modified_at = correction.created_at
    return correction


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


def add_own_byline(*, article, by):
    """Credit ``by`` (through their contributor record) as the article's translator,
    after the other bylines."""
    with changes.batch(by=by):
        article = _locked(article)
        _check_translator_may_credit(article, by)
        contributor = _own_contributor(by)
        byline, _created = Byline.objects.get_or_create(
            article=article,
            contributor=contributor,
            role=Byline.Role.TRANSLATOR,
            defaults={"position": article.bylines.count() + 1},
        )
    return byline


def remove_own_byline(*, article, by):
    """Remove ``by``'s own translator byline; no one else's."""
    with changes.batch(by=by):
        article = _locked(article)
        _check_translator_may_credit(article, by)
        contributor = _own_contributor(by)
        deleted, _ = Byline.objects.filter(
            article=article, contributor=contributor, role=Byline.Role.TRANSLATOR
        ).delete()
    return bool(deleted)


def merge_tags(*, tags, into, by=None):
    """Fold ``tags`` into the tag ``into``: every article tagged with one of them
    gets ``into`` (none is lost), their aliases move to ``into``, and each merged
    tag becomes an alias of ``into`` so that its old address redirects and its
    spelling keeps finding the articles. Returns the number of articles touched."""
    others = [tag for tag in tags if tag.pk != into.pk]
    if not others:
        return 0
    with changes.batch(by=by):
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
        for alias in TagAlias.objects.filter(tag__in=others):
            alias.tag = into
            alias.save()
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
    return len(tagged)
