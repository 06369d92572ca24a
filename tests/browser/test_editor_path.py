"""An editor's real path: log in, write an interview, publish, read it."""

import pytest

from newsroom.models import Article
from tests.factories import make_contributor

pytestmark = pytest.mark.django_db(transaction=True)

QA = [
    ("Where did the convoy stop?", "It stopped at the bridge [near the mill]."),
    (
        "Who paid for the fuel?",
        "From two sources:\n\n1. Fees\n\n2. Gifts",
    ),
    ("What happens next week?", "The road reopens on Monday."),
]


def pick_autocomplete(page, row, text):
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_editor_writes_publishes_and_reads_an_interview(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("desk", password="desk-password-1")
    make_contributor(name="Nadia Interviewer", bio="Nadia reports from Gaziantep.")
    make_contributor(name="Omar Translator", bio="Omar translates from Arabic.")

    page.goto(f"{live_server.url}/admin/login/?next=/admin/newsroom/article/add/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-1")
    page.click("input[type=submit]")

    page.fill("#id_headline", "Convoy stops at the bridge, says council")
    page.dispatch_event("#id_headline", "change")  # the admin fills the slug on change
    assert page.input_value("#id_slug") == "convoy-stops-at-the-bridge-says-council"
    page.fill("#id_dek", "A council member on fuel and roads.")
    page.fill("#id_intro", "Last week the convoy stopped.\n\nThe council explains why.")
    page.select_option("#id_status", "published")
    page.fill("#id_tags", "Idlib, fuel")

    bylines = page.locator("#bylines-group")
    for index, (name, role) in enumerate(
        [("Nadia Interviewer", "interviewer"), ("Omar Translator", "translator")]
    ):
        bylines.get_by_text("Add another Byline").click()
        row = page.locator(f"#bylines-{index}")
        pick_autocomplete(page, row, name)
        row.locator("select[name$=-role]").select_option(role)

    segments = page.locator("#segments-group")
    for index, (question, answer) in enumerate(QA):
        if index > 0:
            segments.get_by_text("Add another question and answer").click()
        page.fill(f"#id_segments-{index}-question", question)
        page.fill(f"#id_segments-{index}-answer", answer)

    # The last question moves up one place with the arrow buttons.
    page.locator("#segments-2 button[aria-label='Move up']").click()
    assert page.input_value("#id_segments-2-position") == "2"
    assert page.input_value("#id_segments-1-position") == "3"

    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get()
    assert article.is_published
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    body = page.locator("main").inner_text()
    questions = page.locator(".question-text").all_inner_texts()
    assert questions == [QA[0][0], QA[2][0], QA[1][0]]
    assert "It stopped at the bridge" in body
    assert "[near the mill]" in page.locator(".insertion").first.inner_text()
    assert page.locator(".answer-text ol li").count() == 2
    assert "Nadia reports from Gaziantep." in body
    assert "Omar translates from Arabic." in body
    assert page.locator(".tags a", has_text="Idlib").is_visible()
    assert page.locator(".tags a", has_text="fuel").is_visible()
    assert "Interview by" in body and "Translated by" in body
