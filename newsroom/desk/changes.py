"""One write path: what follows any change of an article, of its parts, or of
what its pages show.

Whatever saves or deletes an article or one of its parts — the admin, an import,
the workflow, a revision restore, seed_demo, a plain ``Model.save()`` in a shell —
is seen here: through the model signals of the article and of every registered
part and subject (newsroom.content.parts), and through ``rows_changing`` and
``rows_changed``, which the article's and the parts' querysets send for the
writes Django has no model signal for (``update()``, ``bulk_create()``,
``bulk_update()``; newsroom.models.recorded). Nobody has to remember to call
anything. Once per transaction, every changed article gets:

1. its version moved on (the admin's stale-edit check), with who changed it;
2. its reading time recounted;
3. its search document rebuilt, and its place in its tags' and contributors'
   lists (newsroom.content.listing);
4. a revision, when its content differs from its last one (a deleted article
   keeps its last state as a "deleted" revision, to be restored from);

and once the transaction commits, every page that showed it before the change
or shows it now is refreshed (newsroom.public.page_cache.bump), and its own page
and teaser are rendered again for the next reader (newsroom.public.prepared).

A change of a subject — a contributor, a tag, a series, an interviewee —
rebuilds the search documents of its articles when a field search reads changed
(through the task queue when they are many), and refreshes every page showing it.

Code that changes several things at once opens a ``batch()``: the work above
happens once when its outermost block ends, still inside the transaction, and
the pages are refreshed when it commits. A batch also says who made the change
(``by``) and may label an article's revision (``label``). A change outside any
batch is handled when its transaction commits, or at once in autocommit mode
(a shell): wrap a script's many writes in ``batch()`` or
``transaction.atomic()`` so that they are handled once.
"""

import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.core.signals import request_started
from django.db import transaction
from django.db.models import F, signals
from django.utils import timezone

from newsroom.content import listing, reading, revisions, search
from newsroom.content.parts import PARTS
from newsroom.models import Article, Revision
from newsroom.models.recorded import rows_changed, rows_changing
from newsroom.public import page_cache, prepared

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


# -- the current change set, per thread ------------------------------------------------

_local = threading.local()


def _current():
    """The change set recording now: the open batch's, else the one waiting for
    its transaction to commit."""
    batch = getattr(_local, "batch", None)
    if batch is not None:
        return batch
    pending = getattr(_local, "pending", None)
    if pending is None or pending.flushed:
        pending = _local.pending = ChangeSet()
    return pending


_unrecorded = {"depth": 0}
_unrecorded_lock = threading.Lock()


def _recording():
    return not (getattr(_local, "suspended", False) or _unrecorded["depth"])


@contextmanager
def unrecorded():
    """Writes the write path does not follow, in every thread of the process:
    only for a bulk loader that writes what follows itself, alone
    (benchmarks/generate.py writes reading times, search documents and HTML as
    the app would, from worker threads; tests check it does)."""
    with _unrecorded_lock:
        _unrecorded["depth"] += 1
    try:
        yield
    finally:
        with _unrecorded_lock:
            _unrecorded["depth"] -= 1


@contextmanager
def _suspended():
    """The write path's own writes (reading time, version) are not changes."""
    previous = getattr(_local, "suspended", False)
    _local.suspended = True
    try:
        yield
    finally:
        _local.suspended = previous


def _written():
    """After a write outside any batch: handle the pending changes when the
    transaction commits (at once in autocommit mode). Scheduling again is cheap:
    the first callback to run flushes, the others find nothing to do."""
    if getattr(_local, "batch", None) is None:
        transaction.on_commit(_flush_pending)


def _flush_pending():
    pending = getattr(_local, "pending", None)
    _local.pending = None
    if pending is None or pending.flushed:
        return
    with transaction.atomic():
        pending.flush()


@contextmanager
def batch(*, by=None):
    """One unit of change, in a transaction: what follows is done once when the
    outermost batch ends, and the pages are refreshed when it commits. Changes
    made earlier in the same transaction outside a batch join it."""
    open_batch = getattr(_local, "batch", None)
    if open_batch is not None:
        if by is not None and open_batch.by is None:
            open_batch.by = by
        yield open_batch
        return
    pending = getattr(_local, "pending", None)
    changes = pending if pending is not None and not pending.flushed else ChangeSet()
    _local.pending = None
    changes.by = by
    _local.batch = changes
    try:
        with transaction.atomic():
            yield changes
            changes.flush()
    finally:
        _local.batch = None


def batch_for(request):
    """A batch for a request that may write (any method but GET and HEAD), by its
    user; reading requests open no transaction."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return nullcontext()
    return batch(by=request.user)


def flush():
    """Handle the changes recorded so far now, inside the current transaction
    (what its commit would do). Tests and long scripts use it."""
    changes = _current()
    changes.flush()
    if getattr(_local, "batch", None) is None:
        _local.pending = None


def forget():
    """Drop changes recorded by a transaction that was rolled back (tests do this
    between tests, whose transactions never commit)."""
    _local.pending = None
    _local.batch = None


def _request_started(**kwargs):
    # A request starts outside any transaction (but in a test's): whatever is
    # still recorded belongs to a transaction that rolled back.
    if not transaction.get_connection().in_atomic_block:
        forget()


def label(article, *, kind, summary):
    """Label the revision the current batch makes of ``article`` (a restore), and
    make one even if its content did not change."""
    change = _current().article(article.pk)
    change.kind, change.summary, change.forced = kind, summary, True


def claim_version(*, article, version):
    """Move ``article`` from ``version`` to the next one in one conditional UPDATE,
    or raise ArticleChanged when the row no longer has that version. The UPDATE
    holds the row until the transaction ends, so of two concurrent saves of the
    same version exactly one wins."""
    change = _current().article(article.pk)
    with _suspended():
        claimed = Article.objects.filter(pk=article.pk, version=version).update(
            version=F("version") + 1
        )
    if not claimed:
        raise ArticleChanged(article.pk)
    change.version_claimed = True
    article.version = version + 1


# -- the model hooks -------------------------------------------------------------------


def _article_pre_save(sender, instance, raw=False, **kwargs):
    if raw or not _recording():
        return
    if instance.pk is not None and not instance._state.adding:
        _current().article(instance.pk)


def _article_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _recording():
        return
    _current().article(instance.pk, created=created)
    _written()


def _article_pre_delete(sender, instance, **kwargs):
    if _recording():
        _current().article_deleted(instance)


def _part_hooks(part):
    """Signal receivers for the rows of ``part``: each write touches the article
    the row belongs to, and the one it belonged to when it was loaded."""
    attname = part.model._meta.get_field(part.article_field).attname
    loaded = f"_{attname}_at_load"

    def at_init(sender, instance, **kwargs):
        instance.__dict__[loaded] = instance.__dict__.get(attname)

    def before_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        changes = _current()
        for pk in {instance.__dict__.get(loaded), getattr(instance, attname)}:
            if pk is not None:
                changes.article(pk)

    def after_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        instance.__dict__[loaded] = getattr(instance, attname)
        _written()

    return at_init, before_write, after_write


def _rows_changing(sender, queryset, fields, **kwargs):
    if not _recording():
        return
    changes = _current()
    if sender is Article:
        for pk in queryset.values_list("pk", flat=True):
            changes.article(pk)
        return
    article_field = PARTS.part_models().get(sender)
    if article_field is not None:
        for pk in set(queryset.values_list(article_field, flat=True)):
            if pk is not None:
                changes.article(pk)
        return
    if sender in PARTS.subject_models():
        for pk in queryset.values_list("pk", flat=True):
            changes.subject(sender, pk, fields=fields)


def _rows_changed(sender, queryset, objs, **kwargs):
    if not _recording():
        return
    if objs is not None:
        changes = _current()
        article_field = PARTS.part_models().get(sender)
        for obj in objs:
            if sender is Article and obj.pk is not None:
                changes.article(obj.pk, created=True)
            elif article_field is not None:
                attname = sender._meta.get_field(article_field).attname
                pk = getattr(obj, attname)
                if pk is not None:
                    changes.article(pk)
    _written()


def _tags_changing(sender, instance, action, reverse, pk_set, **kwargs):
    """``article.tags.add()``/``remove()``/``clear()`` (taggit sends these)."""
    if not _recording() or not action.startswith("pre_"):
        if action.startswith("post_") and _recording():
            _written()
        return
    changes = _current()
    if not reverse:
        if instance.pk is not None:
            changes.article(instance.pk)
        return
    if pk_set is None:  # tag.<articles>.clear(): every article of the tag
        pk_set = sender.objects.filter(tag=instance).values_list(
            "content_object", flat=True
        )
    for pk in pk_set:
        changes.article(pk)


def _subject_hooks(model):
    """Receivers for a subject's rows: a change of an existing subject (its
    fields compared with the stored row), or its deletion."""

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or not _recording() or instance._state.adding:
            return
        stored = sender._default_manager.filter(pk=instance.pk).values().first()
        if stored is None:
            return
        changed = {
            f.name
            for f in sender._meta.concrete_fields
            if stored.get(f.attname) != getattr(instance, f.attname)
        }
        if changed:
            _current().subject(model, instance.pk, fields=changed)

    def before_delete(sender, instance, **kwargs):
        if _recording():
            _current().subject(model, instance.pk)

    def after_write(sender, instance, raw=False, **kwargs):
        if not raw and _recording():
            _written()

    return before_save, before_delete, after_write


def _companion_hooks(model, subject_of, field_name):
    """Receivers for rows that belong to a subject (a tag's aliases): any write
    of one is a change of ``field_name`` of its subject."""

    def before_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        pk = subject_of(instance)
        if pk is not None:
            _current().subject(model, pk, fields={field_name})

    def after_write(sender, instance, raw=False, **kwargs):
        if not raw and _recording():
            _written()

    return before_write, after_write


_receivers = []  # Django's signals keep weak references: keep ours alive.
_watched = set()


def _connect(signal, receiver, sender):
    _receivers.append(receiver)
    signal.connect(receiver, sender=sender, weak=False)


def _watch_part(part):
    if part.model is not None and part.model not in _watched:
        _watched.add(part.model)
        at_init, before_write, after_write = _part_hooks(part)
        _connect(signals.post_init, at_init, part.model)
        for signal in (signals.pre_save, signals.pre_delete):
            _connect(signal, before_write, part.model)
        for signal in (signals.post_save, signals.post_delete):
            _connect(signal, after_write, part.model)
        _connect(rows_changing, _rows_changing, part.model)
        _connect(rows_changed, _rows_changed, part.model)
    for subject in part.subjects:
        _watch_subject(subject)


def _watch_subject(subject):
    model = subject.model
    if model not in _watched:
        _watched.add(model)
        before_save, before_delete, after_write = _subject_hooks(model)
        _connect(signals.pre_save, before_save, model)
        _connect(signals.pre_delete, before_delete, model)
        for signal in (signals.post_save, signals.post_delete):
            _connect(signal, after_write, model)
        _connect(rows_changing, _rows_changing, model)
        _connect(rows_changed, _rows_changed, model)
    for companion in subject.companions:
        if companion.model not in _watched:
            _watched.add(companion.model)
            before_write, after_write = _companion_hooks(
                model, companion.subject_of, companion.field
            )
            for signal in (signals.pre_save, signals.pre_delete):
                _connect(signal, before_write, companion.model)
            for signal in (signals.post_save, signals.post_delete):
                _connect(signal, after_write, companion.model)


def watch():
    """Start watching the article and every registered part (NewsroomConfig.ready();
    parts registered later are watched as they register)."""
    if Article in _watched:
        return
    _watched.add(Article)
    _connect(signals.pre_save, _article_pre_save, Article)
    _connect(signals.post_save, _article_post_save, Article)
    _connect(signals.pre_delete, _article_pre_delete, Article)
    _connect(signals.post_delete, lambda **kwargs: _written(), Article)
    _connect(rows_changing, _rows_changing, Article)
    _connect(rows_changed, _rows_changed, Article)
    _connect(signals.m2m_changed, _tags_changing, Article.tags.through)
    _connect(request_started, _request_started, None)
    PARTS.on_register(_watch_part)
