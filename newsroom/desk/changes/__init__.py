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

from .changeset import SEARCH_INLINE_LIMIT, ArticleChanged, ChangeSet
from .hooks import watch
from .scope import batch, batch_for, claim_version, flush, forget, label
from .state import unrecorded

__all__ = [
    "SEARCH_INLINE_LIMIT",
    "ArticleChanged",
    "ChangeSet",
    "batch",
    "batch_for",
    "claim_version",
    "flush",
    "forget",
    "label",
    "unrecorded",
    "watch",
]
