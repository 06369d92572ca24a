import pytest
from django.core.cache import cache

from newsroom.desk import changes
from newsroom.models import SiteSettings

# The published interview and its pages, for the page cache and write path tests.
pytest_plugins = ["tests.page_world"]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        # Room for the versions of every key the tests' pages show (a culled
        # version makes a prepared page stale: correct, but not what is counted).
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    # Local-memory caches share their storage within a process: start empty.
    cache.clear()
    # Changes recorded by an earlier test belong to a transaction rolled back.
    changes.forget()
    # Pages read the site settings (the default share image) from the cache: one
    # query when it is cold, as after a restart, none after. Tests start with it
    # warm, so that query counts are the page's own
    # (tests/newsroom/test_metadata.py counts the cold read).
    cache.set("site-settings", SiteSettings(pk=1), None)
    # Factories write to the database directly, not through the admin and the
    # services that refresh cached pages: tests of the page cache turn it on
    # (the ``page_cache`` fixture), the others see every page built afresh.
    settings.NEWSROOM_PAGE_CACHE = False
    # Background tasks run at once, in the test (tests of the queue itself use
    # the database backend).
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "edge"],
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="desk-editor", password="correct horse battery", email=""
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (local memory, empty)."""
    settings.NEWSROOM_PAGE_CACHE = True
    return cache
