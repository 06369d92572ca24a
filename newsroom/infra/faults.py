"""What readers get when a part of the stack fails, instead of a traceback or a hang.

- The database is down (or restarting): every request that needs it answers the
  branded 503 page, with ``Retry-After``, rendered without touching the database.
  Views raise the error inside ``DatabaseUnavailableMiddleware``; an error raised
  outside a view (a middleware saving the session) reaches Django's 500 handler,
  ``server_error``, which gives the same page. A connection attempt gives up after
  PostgreSQL's ``connect_timeout`` (settings), and since Django checks persistent
  connections before each request (``conn_health_checks``), the site recovers by
  itself when the database is back.
- Redis is down: ``TolerantRedisCache`` behaves as an empty cache that forgets what
  it is given, and logs the failure; pages are built as if nothing were cached.
"""

import logging
import sys
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a database that is down, restarting or unreachable raises through Django.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    """The 503 page. It is rendered with no request, so no context processor runs
    and nothing (the user, the session, messages) can reach for the database."""
    body = loader.render_to_string(
        "503.html",
        {"site_name": settings.NEWSROOM_SITE_NAME, "retry_after": RETRY_AFTER_SECONDS},
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A CDN must not keep serving the outage once the database is back.
    add_never_cache_headers(response)
    return response


def _log_unavailable(request, error):
    logger.error(
        "Database unavailable, answered 503 to %s %s: %s: %s",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )


class DatabaseUnavailableMiddleware:
    """Turns a view's database-unavailable error into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            _log_unavailable(request, exception)
            return database_unavailable_response()
        return None


def server_error(request):
    """``handler500``: the 503 page when the failure was the database being
    unavailable outside a view, Django's 500 page (templates/500.html) otherwise."""
    error = sys.exception()
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return defaults.server_error(request)


# -- the cache -------------------------------------------------------------------------

REDIS_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
_LOG_EVERY_SECONDS = 10


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, except that Redis being unreachable is not an error
    for the page: reads miss, writes are dropped, and a warning is logged (at most
    every few seconds per process, so an outage does not flood the log)."""

    _last_warning = 0.0
    _swallowed = 0

    def _failed(self, operation, error):
        cls = type(self)
        cls._swallowed += 1
        now = time.monotonic()
        if now - cls._last_warning >= _LOG_EVERY_SECONDS:
            logger.warning(
                "Cache unavailable (%s failed: %s); %s cache operation(s) skipped "
                "since the last warning.",
                operation,
                error,
                cls._swallowed,
            )
            cls._last_warning, cls._swallowed = now, 0

    def validate_key(self, key):
        # Django warns about keys memcached would refuse, checking each character;
        # Redis takes any key, and pages that check a hundred versions (lists)
        # would pay for the check on each.
        pass

    def is_available(self):
        """Whether Redis answers a PING now (for /healthz)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except REDIS_UNAVAILABLE:
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("touch", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("incr", error)
            return None

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("has_key", error)
            return False

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except REDIS_UNAVAILABLE as error:
            self._failed("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except REDIS_UNAVAILABLE as error:
            self._failed("clear", error)
            return False
