"""In a real browser: an Arabic edition is an Arabic page, right to left, its
interface in Arabic; an editor who chose Arabic gets a right-to-left admin."""

import pytest

from newsroom.models import Article, InterfacePreference
from tests.factories import (
    make_byline,
    make_contributor,
    make_correction,
    make_interview,
    make_segment,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def arabic_edition():
    interviewer = make_contributor(
        name="Layla Haddad", bio="Layla reports.", bio_ar="ليلى حداد صحفية في عمّان."
    )
    original = make_interview(
        headline="مزارع يشرح كيف غيّرت الألواح الشمسية موسم الزيتون",
        dek="مقابلة عن الطاقة والمياه",
        language=Article.Language.ARABIC,
        bylines=0,
        segments=0,
    )
    make_byline(original, interviewer)
    make_segment(original, question="متى بدأتم؟", answer="قبل ثلاث سنوات.")
    make_correction(original, text="صُحّح سعر اللوح.")
    translation = make_interview(
        headline="A farmer on solar panels and the olive harvest",
        translation_of=original,
        bylines=0,
    )
    make_byline(translation, interviewer)
    return original


def test_the_arabic_edition_is_an_arabic_right_to_left_page(
    page, live_server, arabic_edition
):
    page.goto(f"{live_server.url}{arabic_edition.get_absolute_url()}")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    header = page.locator(".article-header").inner_text()
    assert "حاوره:" in header  # "Interview by"
    assert "للقراءة" in header  # reading time
    assert "هذه المقابلة بلغة أخرى:" in header
    assert page.locator(".share-title").inner_text() == "شارك"
    assert page.locator("#bios-title").inner_text() == "عن المساهمين"
    assert "ليلى حداد صحفية في عمّان." in page.locator(".bios").inner_text()
    assert page.locator(".skip-link").inner_text() == "انتقل إلى المحتوى"
    assert page.locator(".correction strong").inner_text().startswith("تصحيح، ")
    # The Latin name stays isolated in its own direction inside the Arabic credit.
    name = page.locator(".bylines bdi").first
    assert name.inner_text() == "Layla Haddad"
    assert name.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # No interface word of the English page is left.
    body = page.locator("body").inner_text()
    for english in ("min read", "Interview by", "Share", "About the contributors"):
        assert english not in body

    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Interview by" in page.locator(".article-header").inner_text()


def test_an_editor_who_chose_arabic_gets_a_right_to_left_admin(
    page, live_server, django_user_model
):
    user = django_user_model.objects.create_superuser(
        "desk", password="desk-password-1"
    )
    InterfacePreference.objects.create(user=user, language="ar")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/newsroom/article/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/newsroom/article/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "اللغة: العربيّة" in page.locator("#user-tools").inner_text()
    actions = page.locator("select[name=action]").inner_text()
    assert "إرسال المقالات المحددة إلى المراجعة" in actions

    # Back to English from the user tools.
    page.get_by_role("link", name="اللغة: العربيّة").click()
    page.get_by_label("English").check()
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url("**/admin/newsroom/article/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "The admin now speaks your chosen language." in page.content()
