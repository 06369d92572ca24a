"""Where the keyboard focus is, asserted the way a user would see it: focus
set by a script after a click or key (often in a timeout) arrives a moment
later, so the assertion waits for it (Playwright retries up to its timeout)
instead of reading `document.activeElement` once."""

from playwright.sync_api import expect


def assert_focused(page, name):
    """The form field called `name` has the keyboard focus (or gets it soon)."""
    expect(page.locator(f'[name="{name}"]')).to_be_focused(timeout=5_000)
