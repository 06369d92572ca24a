"""``/healthz``: what a load balancer or an on-call editor asks to learn whether
this app server can work, and what is down. It names the parts and their state,
never a host, a user or an error message (those go to the log)."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.infra.faults import DATABASE_UNAVAILABLE, REDIS_UNAVAILABLE

logger = logging.getLogger(__name__)

HEALTH_KEY = "newsroom:healthz"


def database_is_available():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DATABASE_UNAVAILABLE as error:
        logger.warning("Health check: database unavailable: %s", error)
        return False


def cache_is_available():
    check = getattr(cache, "is_available", None)
    if check is not None:
        return check()
    try:
        cache.set(HEALTH_KEY, "ok", 10)
        return cache.get(HEALTH_KEY) == "ok"
    except REDIS_UNAVAILABLE as error:
        logger.warning("Health check: cache unavailable: %s", error)
        return False


@never_cache
@require_safe
def healthz(request):
    """200 while the database answers (a cache outage only slows pages down, so it
    is reported as "degraded", not as down); 503 when the database does not."""
    database, cache_ok = database_is_available(), cache_is_available()
    if database and cache_ok:
        status = "ok"
    elif database:
        status = "degraded"
    else:
        status = "unavailable"
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_ok else "unavailable",
        },
        status=200 if database else 503,
    )
