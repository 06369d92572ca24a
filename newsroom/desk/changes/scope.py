"""The units of change: the current change set, batches, and the calls code
makes of the write path (flush, label, claim_version)."""

from contextlib import contextmanager, nullcontext

from django.db import transaction
from django.db.models import F

from newsroom.models import Article

from .changeset import ArticleChanged, ChangeSet
from .state import _local, _suspended


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
