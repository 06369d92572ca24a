"""Entering an interview by hand, keyboard first: a new question with one key,
Tab from question to answer, questions moved and deleted (with undo) from the
keyboard, a pasted block of questions split into segments, people typed by name
(new ones made without a popup), the interviewer's byline prefilled."""

import pytest

from interviews.models import Interviewee
from newsroom.models import Article, Byline, Contributor
from tests.browser.focus import assert_focused
from tests.factories import PASSWORD, make_contributor, make_interview, make_user

pytestmark = pytest.mark.django_db(transaction=True)

QA = [
    ("Where did the convoy stop?", "At the bridge, near the mill."),
    ("Who paid for the fuel?", "The council, from its own fees."),
    ("What happens next week?", "The road reopens on Monday."),
]


class Actions:
    """The editor's actions, counted as the trial that found 35 counted them:
    a click, a key shortcut, or a field typed into. Reaching a field (clicking
    into it, or Tab from the field before) is part of typing into it; a Tab is
    also counted on its own in ``keys``, to report both."""

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.tabs = 0

    def fill(self, selector, text):
        self.count += 1
        self.page.fill(selector, text)

    def click(self, selector):
        self.count += 1
        self.page.click(selector)

    def shortcut(self, keys):
        self.count += 1
        self.page.keyboard.press(keys)

    def tab_and_type(self, text):
        self.count += 1
        self.tabs += 1
        self.page.keyboard.press("Tab")
        self.page.keyboard.type(text)

    def type(self, text):
        self.count += 1
        self.page.keyboard.type(text)


def log_in(page, live_server, username, next_url):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_three_question_interview_takes_at_most_15_actions(page, live_server):
    editor = make_user("Editor", username="wren", contributor=True)
    log_in(page, live_server, "wren", "/admin/newsroom/article/add/")
    page.wait_for_selector(".segment-bar")
    # The interviewer is the editor's own contributor before anything is typed.
    assert editor.contributor.name in page.locator("#bylines-0").inner_text()

    act = Actions(page)
    act.fill("#id_headline", "Convoy stops at the bridge, says council")
    act.fill("#id_tags", "Idlib, fuel")
    # A translator never entered before: typed, made when the article is saved.
    act.fill("#id_bylines-1-new_name", "Rasha Newcomer")
    act.fill("#id_interviewee_links-0-new_name", "Samir Councilman")
    act.fill("#id_segments-0-question", QA[0][0])
    act.tab_and_type(QA[0][1])
    assert_focused(page, "segments-0-answer")
    for index, (question, answer) in enumerate(QA[1:], start=1):
        act.shortcut("Alt+N")
        assert_focused(page, f"segments-{index}-question")
        act.type(question)
        act.tab_and_type(answer)
        assert_focused(page, f"segments-{index}-answer")
    act.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    # 13 actions; 16 if each of the 3 Tabs is counted as an action of its own.
    assert (act.count, act.tabs) == (13, 3)
    assert act.count <= 15
    article = Article.objects.get()
    assert article.headline == "Convoy stops at the bridge, says council"
    assert sorted(article.tags.names(), key=str.casefold) == ["fuel", "Idlib"]
    credits = [
        (b.contributor.name, b.role)
        for b in article.bylines.select_related("contributor")
    ]
    assert credits == [
        (editor.contributor.name, Byline.Role.INTERVIEWER),
        ("Rasha Newcomer", Byline.Role.TRANSLATOR),
    ]
    assert Contributor.objects.filter(name="Rasha Newcomer").count() == 1
    assert [p.name for p in article.interviewees.all()] == ["Samir Councilman"]
    assert list(article.segments.values_list("question", "answer")) == QA


def test_a_typed_name_finds_the_contributor_who_has_it(page, live_server):
    make_user("Editor", username="finch")
    known = make_contributor(name="Omar Translator")
    log_in(page, live_server, "finch", "/admin/newsroom/article/add/")
    page.fill("#id_headline", "Typed names find people")
    page.fill("#id_bylines-0-new_name", "omar translator")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get().bylines.get().contributor == known
    assert Contributor.objects.filter(name__iexact="omar translator").count() == 1
    assert Interviewee.objects.count() == 0  # the empty interviewee row is ignored


def test_questions_move_and_are_deleted_with_undo_from_the_keyboard(page, live_server):
    make_user("Editor", username="robin")
    article = make_interview(headline="Keys heron", segments=3)
    questions = list(article.segments.values_list("question", flat=True))
    log_in(page, live_server, "robin", f"/admin/newsroom/article/{article.pk}/change/")
    page.wait_for_selector(".segment-bar")

    def on_screen():
        return page.eval_on_selector_all(
            "#segments-group .inline-related:not(.empty-form):not([hidden])"
            " textarea[name$=-question]",
            "els => els.map(e => e.value).filter(v => v)",
        )

    page.focus("#id_segments-2-question")
    page.keyboard.press("Alt+ArrowUp")
    # It moves at once, the cursor still in it, and the numbers follow.
    assert on_screen() == [questions[0], questions[2], questions[1]]
    assert_focused(page, "segments-2-question")
    assert page.input_value("#id_segments-2-position") == "2"
    page.keyboard.press("Alt+ArrowUp")
    assert on_screen() == [questions[2], questions[0], questions[1]]

    page.focus("#id_segments-1-answer")
    page.keyboard.press("Alt+Delete")
    assert on_screen() == [questions[2], questions[0]]
    undo = page.locator(".segment-undo")
    assert "Question 3 deleted." in undo.inner_text()
    page.keyboard.press("Enter")  # the Undo button has the focus
    assert on_screen() == [questions[2], questions[0], questions[1]]

    page.focus("#id_segments-0-question")
    page.keyboard.press("Alt+Delete")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert list(article.segments.values_list("question", flat=True)) == [
        questions[2],
        questions[1],
    ]


def test_a_pasted_block_of_questions_is_split_into_segments(page, live_server):
    make_user("Editor", username="heron")
    article = make_interview(headline="Paste heron", segments=1)
    log_in(page, live_server, "heron", f"/admin/newsroom/article/{article.pk}/change/")
    page.wait_for_selector(".segment-bar")
    page.keyboard.press("Alt+N")
    assert_focused(page, "segments-1-question")
    pasted = "\n\n".join(f"Q: {q}\nA: {a}" for q, a in QA)
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.activeElement.value = text;
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        pasted,
    )
    offer = page.locator(".split-offer")
    offer.wait_for()
    assert "This looks like 3 questions and answers" in offer.inner_text()
    page.keyboard.press("Enter")  # "Split" has the focus
    assert page.input_value("#id_segments-1-question") == QA[0][0]
    assert page.input_value("#id_segments-1-answer") == QA[0][1]
    assert page.input_value("#id_segments-3-answer") == QA[2][1]
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert list(article.segments.values_list("question", "answer"))[1:] == QA


def test_without_javascript_the_form_still_saves_an_interview(browser, live_server):
    """No script: no autosave and no keys, and nothing else lost — the people
    typed by name, the prefilled interviewer, a question and its answer."""
    editor = make_user("Editor", username="no-script", contributor=True)
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, "no-script", "/admin/newsroom/article/add/")
    assert page.locator(".draft-offer").is_hidden()
    page.fill("#id_headline", "Saved without scripts")
    page.fill("#id_slug", "saved-without-scripts")
    page.fill("#id_bylines-1-new_name", "Tarek Typed")
    page.fill("#id_interviewee_links-0-new_name", "Huda Typed")
    page.fill("#id_segments-0-question", QA[0][0])
    page.fill("#id_segments-0-answer", QA[0][1])
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    context.close()
    article = Article.objects.get()
    assert [b.contributor.name for b in article.bylines.all()] == [
        editor.contributor.name,
        "Tarek Typed",
    ]
    assert [p.name for p in article.interviewees.all()] == ["Huda Typed"]
    assert list(article.segments.values_list("question", "answer")) == QA[:1]
