"""Newsroom's own system checks: storage and edge-cache settings that cannot work
(``manage.py check``, and so also ``migrate`` and ``check --deploy``), and
deployment warnings (``check --deploy``)."""

from importlib.util import find_spec

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from newsroom.infra import edge


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


# -- storage ------------------------------------------------------------------------


def _missing_packages(names):
    return [name for name in names if find_spec(name) is None]


@register(Tags.compatibility)
def storage_matches_packages(app_configs, **kwargs):
    """Uploads go where the settings say, with the packages that needs: S3 storage
    without django-storages would fail at the first upload, and S3 settings without
    a bucket would leave uploads on the local disk unnoticed."""
    errors = []
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend.startswith("storages."):
        missing = _missing_packages(["storages", "boto3"])
        if missing:
            errors.append(
                Error(
                    "Uploads are set to go to S3 (S3_BUCKET="
                    f"{settings.S3_BUCKET!r}) but {', '.join(missing)} is not "
                    "installed: every upload would fail.",
                    hint='Install the "s3" extra: pip install -e ".[s3]" (or '
                    "unset S3_BUCKET to keep uploads on this machine's disk).",
                    id="newsroom.E001",
                )
            )
    stray = [
        name
        for name in ("S3_ENDPOINT_URL", "S3_REGION", "S3_CUSTOM_DOMAIN")
        if getattr(settings, name, "")
    ]
    if stray and not settings.S3_BUCKET:
        errors.append(
            Error(
                f"{', '.join(stray)} set but S3_BUCKET is not: uploads would be "
                f"stored on this machine's disk ({settings.MEDIA_ROOT}), not in "
                "object storage.",
                hint="Set S3_BUCKET, or unset " + ", ".join(stray) + ".",
                id="newsroom.E002",
            )
        )
    return errors


# -- edge cache ---------------------------------------------------------------------


@register(Tags.caches)
def edge_purger_is_usable(app_configs, **kwargs):
    """A purger that cannot purge would leave readers on old pages for hours."""
    name = settings.NEWSROOM_EDGE_PURGER
    if not name:
        return []
    try:
        edge.get_purger()
    except ImportError as error:
        return [
            Error(
                f"NEWSROOM_EDGE_PURGER={name!r} names no purger ({error}).",
                hint="Use varnish, fastly or the dotted path of a purger class.",
                id="newsroom.E003",
            )
        ]
    needs = {
        "varnish": ["NEWSROOM_VARNISH_URLS"],
        "fastly": ["NEWSROOM_FASTLY_SERVICE_ID", "NEWSROOM_FASTLY_API_TOKEN"],
    }.get(name, [])
    errors = [
        Error(
            f"NEWSROOM_EDGE_PURGER={name} needs {setting}.",
            id="newsroom.E004",
        )
        for setting in needs
        if not getattr(settings, setting)
    ]
    if not settings.NEWSROOM_PAGE_CACHE:
        errors.append(
            Error(
                "The edge cache is purged but the page cache is off: a scheduled "
                "article would not reach pages the edge keeps.",
                hint="Leave NEWSROOM_PAGE_CACHE on with NEWSROOM_EDGE_PURGER.",
                id="newsroom.E005",
            )
        )
    return errors
