"""Two editors on one article, and a translator's own path, in a real browser."""

import pytest

from newsroom.models import Article
from tests.factories import PASSWORD, make_contributor, make_interview, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username, next_url="/admin/"):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


@pytest.fixture
def second_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_stale_save_keeps_both_editors_changes(page, second_page, live_server):
    make_user("Editor", username="alpha")
    make_user("Editor", username="beta")
    article = make_interview(headline="Shared story on deadline", segments=2)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    log_in(page, live_server, "alpha", change)
    log_in(second_page, live_server, "beta", change)
    page.wait_for_selector("#id_headline")
    second_page.wait_for_selector("#id_headline")

    page.fill("#id_headline", "Alpha's headline wins")
    page.fill("#id_dek", "Alpha's new dek")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    # Beta never touched the headline or the dek: no question is asked.
    second_page.fill("#id_intro", "Beta's new intro.")
    second_page.fill("#id_segments-1-answer", "Beta's rewritten answer.")
    second_page.click("input[name=_save]")
    second_page.wait_for_selector(".messagelist .success")
    notice = second_page.locator(".messagelist").inner_text()
    assert "alpha saved this article" in notice.lower() and "merged" in notice
    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == "Alpha's headline wins"
    assert stored.dek == "Alpha's new dek"
    assert stored.intro == "Beta's new intro."
    assert stored.segments.last().answer == "Beta's rewritten answer."

    second_page.goto(
        f"{live_server.url}/admin/newsroom/article/{article.pk}/revisions/"
    )
    latest = second_page.locator("#revision-list tbody tr").first.inner_text()
    assert "Merged." in latest and "by alpha" in latest and "Kept theirs" in latest


def test_a_true_conflict_is_shown_side_by_side_to_choose(
    page, second_page, live_server
):
    make_user("Editor", username="gamma")
    make_user("Editor", username="delta")
    article = make_interview(headline="Contested story", segments=2)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    log_in(page, live_server, "gamma", change)
    log_in(second_page, live_server, "delta", change)
    page.wait_for_selector("#id_headline")
    second_page.wait_for_selector("#id_headline")
    page.fill("#id_dek", "Gamma's dek")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    second_page.fill("#id_dek", "Delta's dek")
    second_page.fill("#id_segments-0-answer", "Delta's answer.")
    second_page.click("input[name=_save]")
    conflicts = second_page.locator(".merge-conflicts")
    conflicts.wait_for()
    assert second_page.locator(".merge-conflict").count() == 1  # the dek only
    sides = conflicts.locator(".merge-side").all_inner_texts()
    assert "Gamma's dek" in sides[0] and "Delta's dek" in sides[1]
    # Nothing Delta typed is lost while they choose.
    assert second_page.input_value("#id_segments-0-answer") == "Delta's answer."
    conflicts.get_by_text("Keep gamma’s").click()
    second_page.click("input[name=_save]")
    second_page.wait_for_selector(".messagelist .success")
    stored = Article.objects.get(pk=article.pk)
    assert stored.dek == "Gamma's dek"
    assert stored.segments.first().answer == "Delta's answer."


def test_translator_credits_themself_and_updates_their_bio(page, live_server):
    person = make_contributor(name="Tala Translator", bio="An old bio.")
    make_user("Translator", username="tala", contributor=person)
    article = make_interview(headline="Commander on the bridge talks", bylines=1)
    make_interview(status="draft", headline="A draft translators never see")

    log_in(page, live_server, "tala")
    page.click("text=My translations")
    row = page.locator("tr", has_text="Commander on the bridge talks")
    assert "A draft translators never see" not in page.content()
    row.get_by_text("Add my byline").click()
    page.click("input[value='Yes, add my byline']")
    page.wait_for_selector(".messagelist .success")
    assert (
        "Remove my byline"
        in page.locator("tr", has_text="Commander on the bridge talks").inner_text()
    )

    page.goto(f"{live_server.url}/admin/")
    page.click("#content-main >> text=Contributors")
    page.click("text=Tala Translator")
    page.fill("#id_bio", "Tala translates from Arabic in Gaziantep.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    body = page.locator("main").inner_text()
    assert "Translated by Tala Translator" in body
    assert "Tala translates from Arabic in Gaziantep." in body
