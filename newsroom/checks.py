"""Deployment checks of Newsroom's own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """The page cache is refreshed in the cache every process reads: with one kept
    in each process's memory, an edit would refresh the pages of one process only."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.NEWSROOM_PAGE_CACHE and backend.endswith(".LocMemCache"):
        return [
            Warning(
                "The page cache is kept in each process's memory: an edit "
                "refreshes the pages of the process that saved it, and the other "
                "processes go on serving the old pages for up to "
                f"{settings.NEWSROOM_PAGE_CACHE_SECONDS} seconds.",
                hint="Set REDIS_URL (one Redis for every app server), or "
                "NEWSROOM_PAGE_CACHE=0.",
                id="newsroom.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def proxies_agree(app_configs, **kwargs):
    """The proxies trusted for the client's address (NEWSROOM_PROXY_COUNT) and for
    the scheme (SECURE_PROXY_SSL_HEADER) are the same proxies: trusting one and
    not the other is a misconfiguration."""
    count = settings.NEWSROOM_PROXY_COUNT
    scheme = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if scheme and not count:
        return [
            Warning(
                "X-Forwarded-Proto is trusted (SECURE_PROXY_SSL_HEADER) but no "
                "proxy is trusted for the client's address (NEWSROOM_PROXY_COUNT=0): "
                "behind a proxy every reader has the proxy's address, and one "
                "person's failed logins pause everyone's.",
                hint="Behind a load balancer set NEWSROOM_PROXY_COUNT to the number "
                "of proxies; reached directly, set DJANGO_SECURE_PROXY_SSL_HEADER=0.",
                id="newsroom.W002",
            )
        ]
    if count and not scheme:
        return [
            Warning(
                f"{count} proxy(ies) are trusted for the client's address "
                "(NEWSROOM_PROXY_COUNT) but not for the scheme: behind a proxy that "
                "ends TLS, HTTPS requests look like plain HTTP (redirect loops, "
                "secure cookies not sent).",
                hint="Set DJANGO_SECURE_PROXY_SSL_HEADER=1 (the proxy must set "
                "X-Forwarded-Proto), or NEWSROOM_PROXY_COUNT=0 if no proxy is in "
                "front.",
                id="newsroom.W002",
            )
        ]
    return []
