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
