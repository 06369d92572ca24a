"""The admin pages we own on a phone (375 px wide): no horizontal scrolling,
inline tables as stacked cards, a long interview folded with a list to jump
around it; and axe-core finds no accessibility violation on the article's add
and change pages."""

from pathlib import Path

import pytest

from newsroom.models import Byline
from tests.browser.focus import assert_focused
from tests.factories import (
    PASSWORD,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def interview():
    article = make_interview(
        headline="A long interview on a small screen, with a long headline",
        segments=12,
        bylines=0,
    )
    make_byline(article, make_contributor(name="Nadia Interviewer"))
    make_byline(
        article, make_contributor(name="Omar Translator"), Byline.Role.TRANSLATOR
    )
    make_interviewee(article, name="Samir Councilman", title="Council member")
    return article


def open_as_editor(browser, live_server, viewport, *, bypass_csp=False):
    make_user("Editor", username="phone-editor", contributor=True)
    context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "phone-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return context, page


def overflow(page):
    """How many pixels the page is wider than the screen."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )


def test_our_admin_pages_fit_a_phone(browser, live_server, interview):
    context, page = open_as_editor(browser, live_server, PHONE)
    revision = interview.revisions.first()
    pages = {
        "add": "/admin/newsroom/article/add/",
        "change": f"/admin/newsroom/article/{interview.pk}/change/",
        "revisions": f"/admin/newsroom/article/{interview.pk}/revisions/",
        "revision": f"/admin/newsroom/article/{interview.pk}/revisions/{revision.pk}/",
        "language": "/admin/language/",
        "articles": "/admin/newsroom/article/",
        "contributor": "/admin/newsroom/contributor/add/",
        "home": "/admin/",
        "all revisions": "/admin/newsroom/revision/",
        "tags": "/admin/taggit/tag/",
        "interviewees": "/admin/interviews/interviewee/",
        "tasks": "/admin/django_tasks_database/dbtaskresult/",
        "site settings": "/admin/newsroom/sitesettings/",
    }
    wide = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        if overflow(page) > 0:
            wide[name] = overflow(page)
    context.close()
    assert wide == {}


def test_bylines_are_stacked_cards_on_a_phone(browser, live_server, interview):
    context, page = open_as_editor(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/admin/newsroom/article/{interview.pk}/change/")
    bylines = page.locator("#bylines-group")
    box = bylines.bounding_box()
    assert box["width"] <= 375
    # Each value sits under its column's name, the role and delete on screen.
    row = page.locator("#bylines-0")
    assert row.locator("td.field-role").bounding_box()["x"] + 40 < 375
    assert "Role" in row.inner_text()
    context.close()


def test_a_twelve_question_interview_is_navigable_on_a_phone(
    browser, live_server, interview
):
    context, page = open_as_editor(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/admin/newsroom/article/{interview.pk}/change/")
    page.wait_for_selector(".segment-bar")
    folded = page.locator("#segments-group .inline-related.segment-folded")
    assert folded.count() == 12  # all but the first (the empty one included)
    jump = page.locator(".jump-list")
    jump.locator("summary").click()
    links = jump.locator("a")
    assert links.count() == 12
    tenth = interview.segments.all()[9].question
    links.nth(9).click()
    assert_focused(page, "segments-9-question")
    assert page.input_value("#id_segments-9-question") == tenth
    assert "segment-folded" not in page.locator("#segments-9").get_attribute("class")
    # A folded question shows what it asks, and opens from the keyboard.
    third = page.locator("#segments-2")
    assert interview.segments.all()[2].question[:20] in third.inner_text()
    third.locator(".segment-fold").focus()
    page.keyboard.press("Enter")
    assert third.locator(".segment-fold").get_attribute("aria-expanded") == "true"
    assert overflow(page) <= 0
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
@pytest.mark.parametrize("which", ["add", "change"])
def test_the_article_form_has_no_accessibility_violations(
    browser, live_server, interview, which, viewport
):
    context, page = open_as_editor(browser, live_server, viewport, bypass_csp=True)
    path = (
        "/admin/newsroom/article/add/"
        if which == "add"
        else f"/admin/newsroom/article/{interview.pk}/change/"
    )
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector("html[data-fields-named]")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in result["violations"]
    ]
    context.close()
    assert found == []
