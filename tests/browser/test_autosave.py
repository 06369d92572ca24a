"""No typing lost: what an editor types is kept on the server every few seconds
and offered back after a closed tab or an expired session."""

import re

import pytest
from django.contrib.sessions.models import Session

from newsroom.models import Article, EditDraft
from tests.factories import PASSWORD, make_interview, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username, next_url):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    if next_url.startswith("/admin/newsroom/article/"):
        ready(page)


def ready(page):
    """Wait until the form keeps what is typed (its own state read)."""
    page.wait_for_selector("#desk-editing[data-ready]", state="attached")


def kept(page):
    """Wait until the page says the edit was kept on the server."""
    page.wait_for_selector(".autosave-status:has-text('Unsaved changes kept at')")


def test_what_was_typed_comes_back_after_the_tab_is_closed(browser, live_server):
    make_user("Editor", username="kestrel")
    article = make_interview(headline="Autosaved heron", segments=2)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    revisions = article.revisions.count()
    page = context.new_page()
    log_in(page, live_server, "kestrel", change)
    page.fill("#id_dek", "A dek typed and never saved")
    page.fill("#id_segments-1-answer", "An answer typed and never saved.")
    kept(page)
    page.close()  # the tab is closed without saving

    draft = EditDraft.objects.get(article=article)
    assert ["dek", "A dek typed and never saved"] in draft.fields
    assert Article.objects.get(pk=article.pk).dek != "A dek typed and never saved"
    assert article.revisions.count() == revisions  # not a revision

    page = context.new_page()
    page.goto(f"{live_server.url}{change}")
    offer = page.locator(".draft-offer")
    offer.wait_for()
    assert re.search(
        r"Restore the unsaved changes from \d\d:\d\d\?", offer.inner_text()
    )
    assert page.input_value("#id_dek") != "A dek typed and never saved"
    # From the keyboard: Tab reaches the button, Enter restores.
    page.locator("button[data-draft=restore]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".autosave-status:has-text('are back in the form')")
    assert page.input_value("#id_dek") == "A dek typed and never saved"
    assert page.input_value("#id_segments-1-answer") == (
        "An answer typed and never saved."
    )
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).dek == "A dek typed and never saved"
    assert not EditDraft.objects.exists()  # saved: nothing left to offer
    context.close()


def test_what_was_typed_survives_an_expired_session(page, live_server):
    make_user("Editor", username="plover")
    article = make_interview(headline="Session heron", segments=2)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    log_in(page, live_server, "plover", change)
    page.fill("#id_dek", "Typed before the session expired")
    kept(page)

    Session.objects.all().delete()  # the session expires mid-edit
    page.fill("#id_segments-0-answer", "Typed after the session expired.")
    alert = page.locator(".session-expired")
    alert.wait_for()
    assert "Your session has expired" in alert.inner_text()

    alert.get_by_text("Log in again").click()
    page.fill("#id_username", "plover")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    # The next login brings the editor back to the form, with the text offered.
    page.wait_for_selector(".draft-offer:has-text('Restore the unsaved changes')")
    assert page.url.endswith(change)
    page.click("button[data-draft=restore]")
    page.wait_for_selector(".autosave-status:has-text('are back in the form')")
    assert page.input_value("#id_dek") == "Typed before the session expired"
    assert page.input_value("#id_segments-0-answer") == (
        "Typed after the session expired."
    )


def test_the_offer_can_be_declined_and_is_not_shown_again(page, live_server):
    make_user("Editor", username="avocet")
    article = make_interview(headline="Declined heron", segments=1)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    log_in(page, live_server, "avocet", change)
    page.fill("#id_dek", "Typed and then thrown away")
    kept(page)
    page.reload()
    page.click("button[data-draft=discard]")
    page.wait_for_selector(".draft-offer", state="hidden")
    assert not EditDraft.objects.exists()
    page.reload()
    page.wait_for_timeout(500)
    assert page.locator(".draft-offer").is_hidden()


def test_a_new_article_is_kept_too(page, live_server):
    make_user("Editor", username="dunlin")
    log_in(page, live_server, "dunlin", "/admin/newsroom/article/add/")
    page.fill("#id_headline", "A new article never saved")
    kept(page)
    page.goto(f"{live_server.url}/admin/newsroom/article/add/")
    page.click("button[data-draft=restore]")
    page.wait_for_selector(".autosave-status:has-text('are back in the form')")
    assert page.input_value("#id_headline") == "A new article never saved"
