"""A change set: the articles and subjects one unit of change touched, and what
follows them (newsroom/desk/changes/__init__.py says what)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.content import listing, reading, revisions, search
from newsroom.content.parts import PARTS
from newsroom.models import Article, Revision
from newsroom.public import page_cache, prepared

from .state import _suspended

BASELINE_SUMMARY = "State before the first recorded change."
# A subject shown by more articles than this (a popular tag renamed) has their
# search documents rebuilt by the task worker once the change commits, not in the
# editor's request (newsroom/content/search.py, newsroom/infra/background.py).
SEARCH_INLINE_LIMIT = 100


class ArticleChanged(Exception):
    """Someone saved the article after the editor loaded it (optimistic locking)."""


@dataclass
class _ArticleChange:
    pk: int
    before_keys: set = field(default_factory=set)
    # Its state before this transaction, when it had no revision yet.
    baseline: dict | None = None
    baseline_version: int = 1
    created: bool = False
    # {"data", "headline", "version"}: the last state of a deleted article.
    deleted: dict | None = None
    version_claimed: bool = False
    kind: str = Revision.Kind.SAVED
    summary: str | None = None
    forced: bool = False


@dataclass
class _SubjectChange:
    model: type
    pk: int
    lists: bool
    searched: bool
    fields: set | None
    before_keys: set = field(default_factory=set)


class ChangeSet:
    """The articles and subjects one transaction changes, and who changes them."""

    def __init__(self, by=None):
        self.by = by
        self.articles = {}
        self.subjects = {}
        self.flushed = False

    # -- recording, before each write ------------------------------------------

    def article(self, pk, *, created=False):
        """The change of article ``pk``, recorded at its first write in this
        transaction: the pages showing it and, for an article that never had a
        revision, its state, are read before anything changes."""
        change = self.articles.get(pk)
        if change is not None:
            return change
        change = self.articles[pk] = _ArticleChange(pk=pk, created=created)
        if created:
            return change
        if page_cache.keys_wanted():
            change.before_keys = page_cache.public_article_keys([pk])
        if not Revision.objects.filter(article_pk=pk).exists():
            article = Article.objects.select_related("series").filter(pk=pk).first()
            if article is not None:
                change.baseline = revisions.snapshot(article)
                change.baseline_version = article.version
            else:
                change.created = True
        return change

    def article_deleted(self, article):
        change = self.article(article.pk)
        if change.deleted is None:
            loaded = Article.objects.select_related("series").get(pk=article.pk)
            change.deleted = {
                "data": revisions.snapshot(loaded),
                "headline": loaded.headline,
                "version": loaded.version,
            }

    def subject(self, model, pk, *, fields=None):
        """A change of the subject ``pk`` of ``model``; ``fields`` names the
        fields that change (None: any)."""
        subjects = [s for s in PARTS.subjects() if s.model is model]
        teaser = {name for s in subjects for name in s.teaser_fields}
        searched = {name for s in subjects for name in s.searched_fields}
        lists = fields is None or bool(teaser & set(fields))
        is_searched = fields is None or bool(searched & set(fields))
        change = self.subjects.get((model, pk))
        if change is None:
            change = self.subjects[(model, pk)] = _SubjectChange(
                model, pk, lists, is_searched, None if fields is None else set(fields)
            )
            if page_cache.keys_wanted():
                change.before_keys = page_cache.subject_keys(model, pk, lists=lists)
        else:
            change.lists |= lists
            change.searched |= is_searched
            if change.fields is not None:
                change.fields = None if fields is None else change.fields | set(fields)
        return change

    # -- what follows, once -----------------------------------------------------

    def flush(self):
        """Derive what follows the recorded changes (inside the transaction), and
        have the pages refreshed when it commits."""
        if self.flushed:
            return
        self.flushed = True
        with _suspended():
            keys = self._refresh_articles()
            keys |= self._refresh_subjects()
        live = [pk for pk, change in self.articles.items() if change.deleted is None]
        if keys or live:
            transaction.on_commit(lambda: self._committed(keys, live))

    def _committed(self, keys, live):
        """Once the change is committed: the pages showing it are refreshed, and
        the changed articles' pages prepared for the next reader."""
        page_cache.bump(keys)
        prepared.prepare_after_change(live)

    def _refresh_articles(self):
        keys = set()
        live = Article.objects.select_related("series").in_bulk(
            [pk for pk, change in self.articles.items() if change.deleted is None]
        )
        for pk, change in self.articles.items():
            keys |= change.before_keys
            if change.deleted is not None:
                self._keep_deleted(change)
                continue
            article = live.get(pk)
            if article is None:  # made and deleted in the same transaction
                continue
            if change.baseline is not None:
                self._save_revision(
                    article,
                    change.baseline,
                    version=change.baseline_version,
                    by=None,
                    summary=BASELINE_SUMMARY,
                )
            self._move_version(article, change)
            minutes = reading.reading_minutes(article)
            if minutes != article.reading_minutes:
                Article.objects.filter(pk=pk).update(reading_minutes=minutes)
                article.reading_minutes = minutes
            search.update_search_document(article)
            self._record_revision(article, change)
        listing.update_listing_times(live)
        if page_cache.keys_wanted():
            keys |= page_cache.public_article_keys(list(live))
        return keys

    def _move_version(self, article, change):
        fields = {"updated_at": timezone.now()}
        if self.by is not None:
            fields["updated_by"] = self.by
        if not (change.created or change.version_claimed):
            fields["version"] = F("version") + 1
        Article.objects.filter(pk=article.pk).update(**fields)
        article.refresh_from_db(fields=["version", "updated_at", "updated_by"])

    def _record_revision(self, article, change):
        data = revisions.snapshot(article)
        previous = (
            Revision.objects.filter(article_pk=article.pk)
            .order_by("-created_at", "-pk")
            .values_list("data", flat=True)
            .first()
        )
        if not change.forced and revisions.same_content(previous, data):
            return
        self._save_revision(
            article,
            data,
            version=article.version,
            by=self.by,
            kind=change.kind,
            summary=change.summary or revisions.summarize(previous, data),
        )

    def _save_revision(self, article, data, *, version, by, summary, kind=None):
        Revision.objects.create(
            article=article,
            article_pk=article.pk,
            headline=data["fields"]["headline"],
            version=version,
            kind=kind or Revision.Kind.SAVED,
            summary=summary,
            data=data,
            created_by=by,
        )

    def _keep_deleted(self, change):
        Revision.objects.create(
            article=None,
            article_pk=change.pk,
            headline=change.deleted["headline"],
            version=change.deleted["version"],
            kind=Revision.Kind.DELETED,
            summary="Deleted.",
            data=change.deleted["data"],
            created_by=self.by,
        )

    def _refresh_subjects(self):
        keys = set()
        reindexed = set(self.articles)
        for change in self.subjects.values():
            keys |= change.before_keys
            articles = set()
            for subject in PARTS.subjects():
                if subject.model is change.model:
                    articles |= set(
                        subject.articles(change.pk).values_list("pk", flat=True)
                    )
                    if subject.on_change is not None:
                        subject.on_change(change.pk, change.fields)
            if change.searched:
                stale = sorted(articles - reindexed)
                if len(stale) > SEARCH_INLINE_LIMIT:
                    transaction.on_commit(
                        lambda ids=stale: search.queue_search_rebuild(ids)
                    )
                else:
                    search.update_search_documents(Article.objects.filter(pk__in=stale))
                reindexed |= articles
            if page_cache.keys_wanted():
                keys |= page_cache.subject_keys(
                    change.model, change.pk, lists=change.lists
                )
        return keys
