"""Settings for Newsroom: one module, read from the environment.

Development needs nothing set (DEBUG on, SQLite file, local-memory cache).
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL
and REDIS_URL; with those set, ``manage.py check --deploy`` passes.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off.")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name, default, choices):
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}; it is {value!r}."
        )
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# newsroom comes first: interviews re-registers newsroom's Article admin with its
# inlines, so newsroom's admin must have been loaded before.
INSTALLED_APPS = [
    "newsroom",
    "interviews",
    # Django's admin, with the two-factor login (newsroom/accounts/two_factor.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    # Accounts: login throttling and optional two-factor (newsroom/accounts/).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background work (newsroom/infra/tasks.py): tasks queued in the database.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # -- page cache: readers without a session are served from here; what lies
    # below (sessions, the database) is skipped (newsroom/public/page_cache.py).
    "newsroom.public.page_cache.PageCacheMiddleware",
    # -- end page cache
    # -- faults: a view failing because the database is down answers the branded
    # 503 page, whatever the middleware below did with it (newsroom/infra/faults.py).
    "newsroom.infra.faults.DatabaseUnavailableMiddleware",
    # -- end faults
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # -- languages: the site's language for readers, each editor's own in the
    # admin (newsroom/i18n/middleware.py); an edition's page switches to its own.
    "newsroom.i18n.middleware.InterfaceLanguageMiddleware",
    # -- end languages
    # -- accounts: marks a session verified by a one-time code (two_factor.py)
    "django_otp.middleware.OTPMiddleware",
    # -- end accounts
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.infra.headers.PermissionsPolicyMiddleware",
    "newsroom.text_input.ControlCharactersInRequestMiddleware",
    # -- accounts: django-axes must come last (it answers locked-out logins).
    "axes.middleware.AxesMiddleware",
    # -- end accounts
]

if not DEBUG:
    # WhiteNoise serves the collected, hashed static files in production; in
    # development runserver serves them from static/ without collectstatic.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # A database that does not answer fails a request fast (readers get the 503
    # page, newsroom/infra/faults.py) instead of holding a worker; 2 s is libpq's
    # minimum.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "2"))
    )
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Values sent apart from the SQL, and a query run a few times on a
        # connection prepared once: readers' pages are the same few queries, whose
        # planning costs PostgreSQL more than answering them. Off behind a pooler
        # in transaction mode (PgBouncer), which cannot keep prepared statements.
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True, prepare_threshold=5
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis being down never fails a page: errors are logged and the
            # cache behaves as empty; short timeouts keep a request from hanging.
            "BACKEND": "newsroom.infra.faults.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # One process's memory: fine for development (runserver is one process); with
    # several processes, set REDIS_URL so that an edit refreshes every one's pages.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Pages, and the version of every key pages show (newsroom/public/
            # page_cache.py): an evicted version makes its pages built again.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# The full-page cache for readers without a session (public/page_cache.py): pages
# are kept until what they show changes, at most NEWSROOM_PAGE_CACHE_SECONDS; a CDN
# in front may keep them NEWSROOM_CDN_MAX_AGE seconds (s-maxage), browsers
# revalidate every time (max-age=0, ETag).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "600"))

# -- edge cache ------------------------------------------------------------------------
# Varnish or a CDN in front keeps readers' pages, each tagged with the page cache's
# keys (xkey, Surrogate-Key, Cache-Tag); once a change commits, the purger
# (newsroom/infra/edge.py) drops exactly the pages it touched. "varnish", "fastly"
# or the dotted path of a purger class; empty: nothing is purged, so the edge may
# keep a page only briefly.
NEWSROOM_EDGE_PURGER = os.environ.get("NEWSROOM_EDGE_PURGER", "")
# The Varnish servers to purge (each gets every purge): http://127.0.0.1:6081,…
NEWSROOM_VARNISH_URLS = env_list("NEWSROOM_VARNISH_URLS", [])
NEWSROOM_FASTLY_SERVICE_ID = os.environ.get("NEWSROOM_FASTLY_SERVICE_ID", "")
NEWSROOM_FASTLY_API_TOKEN = os.environ.get("NEWSROOM_FASTLY_API_TOKEN", "")
NEWSROOM_FASTLY_API_URL = os.environ.get(
    "NEWSROOM_FASTLY_API_URL", "https://api.fastly.com"
)
# s-maxage: how long the edge may keep a page. Purged on every change, it can be
# hours; without a purger, it is how long readers may see a page behind an edit.
NEWSROOM_CDN_MAX_AGE = int(
    os.environ.get("NEWSROOM_CDN_MAX_AGE", "21600" if NEWSROOM_EDGE_PURGER else "60")
)
# A page that was being built while a change committed may reach the edge just
# after the purge; every purge is sent again this many seconds later (at least the
# longest a request may run: gunicorn's timeout). 0: only once.
NEWSROOM_EDGE_REPURGE_SECONDS = int(
    os.environ.get("NEWSROOM_EDGE_REPURGE_SECONDS", "35")
)

# -- background work -----------------------------------------------------------------
# Purges, renditions and search index rebuilds run as tasks (django-tasks). By
# default they wait in the database until a worker runs them (``manage.py
# db_worker``; ``make run`` starts one): nothing more to install. "immediate" runs
# each task at once in the process that asks for it (tests, a trial without a
# worker).
NEWSROOM_TASKS = os.environ.get("NEWSROOM_TASKS", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if NEWSROOM_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured("NEWSROOM_TASKS must be database or immediate.")
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[NEWSROOM_TASKS],
        # "edge": purges, which must not wait behind a long rebuild.
        "QUEUES": ["default", "edge"],
    }
}

# -- accounts ------------------------------------------------------------------------
# django-axes throttles failed logins for one account from one address: after
# AXES_FAILURE_LIMIT failures that pair is refused (429, accounts.lockout.locked_out)
# for the cool-off time. Counting the pair, not the
# account alone, means nobody can lock an editor out from elsewhere, and a shared
# newsroom address does not lock out its colleagues.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.lockout.locked_out"
# How many proxies in front of the app to trust (README, Production). 0, the
# default, trusts none: the client is the connection's own address, whatever
# X-Forwarded-For says, so a forged header cannot dodge the login throttle. Behind
# one load balancer set 1: the client is the address it appends.
NEWSROOM_PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "newsroom.accounts.lockout.client_ip_address"

# Two-factor (TOTP, django-otp): asked at login from anyone with a confirmed
# device; from every admin login, and needed by every admin session, when
# NEWSROOM_REQUIRE_2FA is on. Enrol with ``manage.py totp enrol USERNAME``.
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", False)

# Logins are the admin's; a next= that leads off the site goes to its front page.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Password-reset mail; the console in development.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Cookies: never readable by scripts, not sent on cross-site posts; Secure in
# production (below).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# -- end accounts

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# -- languages ---------------------------------------------------------------------
# The interfaces the site and the admin speak (locale/<code>/LC_MESSAGES/django.po,
# compiled .mo files committed). An article's page speaks the article's language
# when it is one of these; every other public page speaks NEWSROOM_LANGUAGE.
# Editors choose theirs in the admin (newsroom/i18n/).
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LANGUAGE_CODE = env_choice("NEWSROOM_LANGUAGE", "en", dict(LANGUAGES))
LOCALE_PATHS = [BASE_DIR / "locale"]


# How Arabic pages write dates and numbers: month names as in the Levant (كانون
# الثاني، شباط…) or as in Egypt (يناير، فبراير…); digits Arabic-Indic (٠١٢٣) or
# Western (0123).
NEWSROOM_ARABIC_MONTHS = env_choice(
    "NEWSROOM_ARABIC_MONTHS", "levantine", ("levantine", "egyptian")
)
NEWSROOM_ARABIC_DIGITS = env_choice(
    "NEWSROOM_ARABIC_DIGITS", "arabic-indic", ("arabic-indic", "western")
)
# -- end languages

TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Hashed, compressed static files only in production, so that tests and development
# never need collectstatic.
STORAGES = {
    # Local uploads are written whole or not at all (newsroom/infra/storage.py).
    "default": {"BACKEND": "newsroom.infra.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads go to S3-compatible object storage when S3_BUCKET is set (needs the "s3"
# extra, django-storages with boto3: ``manage.py check`` says when it is missing);
# the code only ever uses Django's storage API. Credentials
# come from boto3's usual sources (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a role).
# Stored names are random and never reused, so objects can be cached for a year.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_CUSTOM_DOMAIN = os.environ.get("S3_CUSTOM_DOMAIN", "")
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
S3_REGION = os.environ.get("S3_REGION", "")
# The origins readers' browsers fetch uploads from, when not this site.
MEDIA_ORIGINS = []


def s3_storage(bucket, *, endpoint_url="", region="", custom_domain=""):
    """Django's storage settings for uploads in the S3 bucket ``bucket`` (the tests
    use it too, against moto's S3 server)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "custom_domain": custom_domain or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }


if S3_BUCKET:
    STORAGES["default"] = s3_storage(
        S3_BUCKET,
        endpoint_url=S3_ENDPOINT_URL,
        region=S3_REGION,
        custom_domain=S3_CUSTOM_DOMAIN,
    )
    if S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = ["https://" + S3_CUSTOM_DOMAIN.split("/")[0]]
    elif S3_ENDPOINT_URL:
        MEDIA_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(S3_ENDPOINT_URL))]
    else:
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"]
        if S3_REGION:
            MEDIA_ORIGINS.append(f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com")

# Content-Security-Policy (django-csp): pages load nothing from any other origin, so
# a reader's visit is reported to no third party, and injected markup cannot run a
# script or pull a resource from elsewhere. The admin needs no exception (Django's
# admin has no inline script or style). Media served from another host (object
# storage without a same-origin CDN path) is allowed for images only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "style-src": [SELF],
        "script-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# The public site's name, used in titles and share texts.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom")
# The name authenticator apps show beside the two-factor code.
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

TAGGIT_CASE_INSENSITIVE = True

# Request limits sized for Arabic. A form posted URL-encoded sends each Arabic
# letter (two bytes of UTF-8) as six characters ("%D8%B9"), so a long interview
# pasted in one go (text_input.LONG_TEXT_MAX characters per answer, a whole
# transcript of up to 1 MB) needs several megabytes; Django's 2.5 MB default would
# answer "400 Bad Request" before the form could say which field is too long. An
# interview with a hundred segments posts well over Django's 1,000 fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# A TLS-terminating proxy says which requests came over HTTPS in
# X-Forwarded-Proto; trusted when there is a proxy to trust (check --deploy warns
# when the two settings disagree: newsroom.W002).
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", NEWSROOM_PROXY_COUNT > 0):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The load balancer's health check may come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Links to other sites (share links, links in answers) send no Referer at all, so
# no other site learns which article a reader came from; our own pages get it.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
