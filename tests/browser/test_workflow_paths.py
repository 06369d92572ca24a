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


def test_second_editor_is_refused_and_keeps_their_edits(page, second_page, live_server):
    make_user("Editor", username="alpha")
    make_user("Editor", username="beta")
    article = make_interview(headline="Shared story on deadline", segments=2)
    change = f"/admin/newsroom/article/{article.pk}/change/"
    log_in(page, live_server, "alpha", change)
    log_in(second_page, live_server, "beta", change)
    page.wait_for_selector("#id_headline")
    second_page.wait_for_selector("#id_headline")

    page.fill("#id_headline", "Alpha's headline wins")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    second_page.fill("#id_dek", "Beta's careful new dek")
    second_page.fill("#id_segments-1-answer", "Beta's rewritten answer.")
    second_page.click("input[name=_save]")
    second_page.wait_for_selector(".errornote")
    warning = second_page.locator(".errorlist.nonfield").inner_text()
    assert "changed by alpha" in warning and "NOT saved" in warning
    # Nothing Beta typed is lost.
    assert second_page.input_value("#id_dek") == "Beta's careful new dek"
    assert (
        second_page.input_value("#id_segments-1-answer") == "Beta's rewritten answer."
    )
    assert second_page.input_value("#id_headline") == "Shared story on deadline"

    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == "Alpha's headline wins"
    assert stored.dek != "Beta's careful new dek"
    assert "Beta" not in stored.segments.last().answer

    second_page.click("text=See what changed")
    diff = second_page.locator(".diff").inner_text()
    assert "+Headline: Alpha's headline wins" in diff
    assert "-Headline: Shared story on deadline" in diff


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
