"""Paste → preview → publish from the admin index, counting the editor's actions,
and a paragraph's role changed with the keyboard alone."""

import pytest

from newsroom.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

MOST_ACTIONS = 6  # the target for a well-formed 12-question transcript


def twelve_questions():
    lines = [
        "The ferrymen of the lower river",
        "",
        "3 June 2015",
        "",
        "Layla Haddad spoke to Samir Aziz, a ferryman on the lower river, about "
        "the twelve crossings he makes every day.",
        "",
    ]
    for n in range(1, 13):
        lines += [f"Q: What happens on crossing number {n}?"]
        lines += [f"A: Crossing {n} carries people and goats to the far bank.", ""]
    return "\n".join(lines)


class Actions:
    """Every click, paste or key press the editor makes, counted."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, selector):
        self.count += 1
        self.page.click(selector)

    def paste(self, selector, text):
        self.count += 1
        self.page.fill(selector, text)


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("desk", password="desk-password-1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_paste_preview_publish_from_the_admin_index_in_few_actions(
    page, live_server, django_user_model
):
    log_in(page, live_server, django_user_model)
    editor = Actions(page)
    editor.click("text=Import a transcript")
    editor.paste("#id_text", twelve_questions())
    editor.click("input[name=_preview]")
    # The bylines are confirmed on the way: the preview proposes them.
    assert page.input_value("#id_interviewer") == "Layla Haddad"
    assert page.input_value("#id_interviewee") == "Samir Aziz"
    assert page.locator(".block.role-question").count() == 12
    editor.click("input[name=_publish]")
    page.wait_for_selector(".messagelist .success")
    assert "created and published" in page.locator(".messagelist").inner_text()
    assert editor.count <= MOST_ACTIONS, editor.count

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.segments.count() == 12
    assert {b.contributor.name for b in article.bylines.all()} == {"Layla Haddad"}
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert "What happens on crossing number 12?" in page.content()
    assert "Layla Haddad" in page.content()


def test_a_paragraphs_role_changes_with_one_key(page, live_server, django_user_model):
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/newsroom/article/import/")
    text = twelve_questions().replace(
        "Q: What happens on crossing number 12?\n", "What happens at night?\n\n"
    )
    page.fill("#id_text", text)
    page.keyboard.press("Tab")
    page.click("input[name=_preview]")
    row = page.locator(".block", has_text="What happens at night?")
    assert row.get_attribute("data-role") == "answer"
    row.locator("input[type=radio]:checked").focus()
    page.keyboard.press("q")
    assert row.get_attribute("data-role") == "question"
    assert row.locator("input[value=question]").is_checked()
    page.locator("input[name=_confirm]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    last = article.segments.order_by("-position").first()
    assert last.question == "What happens at night?"
    assert last.answer == "Crossing 12 carries people and goats to the far bank."
