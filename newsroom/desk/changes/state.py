"""Where the write path keeps what it is recording: per thread, and whether
writes are followed at all."""

import threading
from contextlib import contextmanager

_local = threading.local()


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
