"""Browser tests drive Debian's Chromium through Playwright (never `playwright
install`). They are marked ``browser`` and run in `make test` like the rest."""

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with "
            "`apt-get install -y chromium` (or set CHROMIUM_PATH)."
        )
    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls are synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


# Requests the live server is still answering. A browser test's page can send one
# as the test ends (an autosave's timer, an autocomplete); if the database is
# flushed under it, that request fails and the flush finds SQLite's tables locked.
_answering = 0
_answering_changed = threading.Condition()


def _started(**kwargs):
    global _answering
    if threading.current_thread() is threading.main_thread():
        return  # the test client, not the live server
    with _answering_changed:
        _answering += 1


def _finished(**kwargs):
    global _answering
    if threading.current_thread() is threading.main_thread():
        return
    with _answering_changed:
        _answering = max(0, _answering - 1)
        _answering_changed.notify_all()


request_started.connect(_started, dispatch_uid="browser-tests-answering")
request_finished.connect(_finished, dispatch_uid="browser-tests-answering")


@pytest.fixture(autouse=True)
def _quiet_server_before_flush(request):
    """After a live-server test: close every page the test left open (their
    scripts stop sending), then wait (at most 10 s) for the server to finish the
    requests already sent, before the database is emptied for the next test."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down after this fixture
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()
    deadline = time.monotonic() + 10
    with _answering_changed:
        while _answering and time.monotonic() < deadline:
            _answering_changed.wait(timeout=0.1)
