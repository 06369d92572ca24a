"""Background tasks that are tried again when they fail, and whose every attempt
editors can see.

``@background(retry_on=(OSError,))`` makes a django-tasks task of a function. When an
attempt raises one of ``retry_on`` (a purge that found Varnish restarting, a
database that went away), the same task is queued again for later — after
``RETRY_DELAYS`` seconds, up to ``ATTEMPTS`` attempts in all — and the error is
raised again, so that this attempt is recorded as failed with its traceback. Each
attempt is one row of *Background tasks* in the admin, with its number ("2 of 5").
Any other error is a bug: recorded once, not retried.

Every task here must be idempotent — run twice, it has the effect of running once —
since a retry may follow an attempt that did part of its work, and a worker that
dies after finishing a task but before recording it runs it again.

The retry needs a backend that can run a task later (the database backend); with
the immediate backend (tests, ``NEWSROOM_TASKS=immediate``) a failed attempt is only
logged.
"""

import functools
import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds before the second, third, fourth and fifth attempts.
RETRY_DELAYS = (10, 60, 300, 1800)
ATTEMPTS = len(RETRY_DELAYS) + 1


def background(*, retry_on, queue_name="default", priority=0):
    """A django-tasks task that is tried again on ``retry_on`` errors. The task
    takes one more keyword argument, ``attempt`` (1 for the first)."""

    def decorate(function):
        @functools.wraps(function)
        def attempt_once(*args, attempt=1, **kwargs):
            try:
                return function(*args, **kwargs)
            except retry_on as error:
                _try_again(background_task, args, kwargs, attempt, error)
                raise

        background_task = task(queue_name=queue_name, priority=priority)(attempt_once)
        return background_task

    return decorate


def _try_again(background_task, args, kwargs, attempt, error):
    name = background_task.name
    if attempt >= ATTEMPTS:
        logger.error("%s failed %s times; given up: %s", name, attempt, error)
        return
    if not background_task.get_backend().supports_defer:
        logger.error("%s failed and is not tried again: %s", name, error)
        return
    delay = RETRY_DELAYS[attempt - 1]
    later = background_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    later.enqueue(*args, attempt=attempt + 1, **kwargs)
    logger.warning(
        "%s failed (attempt %s of %s), tried again in %s s: %s",
        name,
        attempt,
        ATTEMPTS,
        delay,
        error,
    )
