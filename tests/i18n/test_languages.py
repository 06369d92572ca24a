"""Arabic as a first language: each edition's page speaks its language, dates and
numbers are written as the newsroom chose, and each editor's admin speaks theirs."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import translation

from newsroom.i18n import dates
from newsroom.models import Article, InterfacePreference
from tests.factories import (
    PASSWORD,
    make_article,
    make_byline,
    make_contributor,
    make_correction,
    make_segment,
    make_user,
)
from tests.newsroom.page_meta import read_head

pytestmark = pytest.mark.django_db

JUNE_4 = datetime(2015, 6, 4, 14, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("months", "digits", "written"),
    [
        ("levantine", "arabic-indic", "٤ حزيران ٢٠١٥"),
        ("levantine", "western", "4 حزيران 2015"),
        ("egyptian", "arabic-indic", "٤ يونيو ٢٠١٥"),
        ("egyptian", "western", "4 يونيو 2015"),
    ],
)
def test_arabic_dates_as_the_newsroom_chose(settings, months, digits, written):
    settings.NEWSROOM_ARABIC_MONTHS = months
    settings.NEWSROOM_ARABIC_DIGITS = digits
    with translation.override("ar"):
        assert dates.day_month_year(JUNE_4) == written
    with translation.override("en"):
        assert dates.day_month_year(JUNE_4) == "4 June 2015"


def test_every_levantine_and_egyptian_month(settings):
    settings.NEWSROOM_ARABIC_DIGITS = "western"
    with translation.override("ar"):
        settings.NEWSROOM_ARABIC_MONTHS = "levantine"
        assert dates.day_month_year(datetime(2015, 1, 9)) == "9 كانون الثاني 2015"
        assert dates.day_month_year(datetime(2015, 10, 9)) == "9 تشرين الأول 2015"
        settings.NEWSROOM_ARABIC_MONTHS = "egyptian"
        assert dates.day_month_year(datetime(2015, 2, 9)) == "9 فبراير 2015"
        assert dates.day_month_year(datetime(2015, 12, 9)) == "9 ديسمبر 2015"


@pytest.mark.parametrize(
    ("minutes", "arabic"),
    [
        (1, "دقيقة واحدة للقراءة"),
        (2, "دقيقتان للقراءة"),
        (5, "٥ دقائق للقراءة"),
        (11, "١١ دقيقة للقراءة"),
        (100, "١٠٠ دقيقة للقراءة"),
    ],
)
def test_reading_time_in_arabic_plural_forms(minutes, arabic):
    with translation.override("ar"):
        assert dates.reading_time(minutes) == arabic
    with translation.override("en"):
        assert dates.reading_time(minutes) == f"{minutes} min read"


@pytest.fixture
def editions():
    layla = make_contributor(name="Layla Haddad", bio_ar="ليلى حداد صحفية.")
    rania = make_contributor(name="Rania Khoury")
    original = make_article(
        headline="مقابلة عن الألواح الشمسية",
        language=Article.Language.ARABIC,
        published_at=JUNE_4,
    )
    make_byline(original, layla)
    translation_ = make_article(
        headline="An interview about solar panels", translation_of=original
    )
    make_byline(translation_, layla)
    make_byline(translation_, rania, role="translator")
    make_correction(original, text="صُحّح اسم البلدة.")
    # An answer whose interviewee was never recorded.
    make_segment(original, question="متى بدأتم؟", answer="قبل ثلاث سنوات.")
    return {"original": original, "translation": translation_}


def test_the_arabic_edition_speaks_arabic_around_its_text(client, settings, editions):
    settings.NEWSROOM_ARABIC_DIGITS = "arabic-indic"
    settings.NEWSROOM_ARABIC_MONTHS = "levantine"
    response = client.get(editions["original"].get_absolute_url())
    html = response.content.decode()
    assert response["Content-Language"] == "ar"
    assert read_head(response).html == {"lang": "ar", "dir": "rtl"}
    for arabic in [
        "٤ حزيران ٢٠١٥",  # the date
        "دقيقة واحدة للقراءة",  # reading time
        "حاوره:",  # "Interview by"
        "عن المساهمين",  # "About the contributors"
        "شارك",  # "Share"
        "ليلى حداد صحفية.",  # the bio in Arabic
        "هذه المقابلة بلغة أخرى:",
        "انتقل إلى المحتوى",  # skip link
        "تصحيح، ",  # "Correction, <date>"
    ]:
        assert arabic in html, arabic
    for english in ["min read", "Interview by", "About the contributors", ">Share<"]:
        assert english not in html, english


def test_an_answer_without_an_interviewee_is_labelled_answer(client, editions):
    html = client.get(editions["original"].get_absolute_url()).content.decode()
    assert '<p class="speaker">جواب</p>' in html
    english = make_article(headline="Unattributed answers")
    make_segment(english, question="When?", answer="Three years ago.")
    html = client.get(english.get_absolute_url()).content.decode()
    assert '<p class="speaker">Answer</p>' in html
    assert '<p class="speaker">A</p>' not in html
    assert ">Q<" not in html


def test_the_english_translation_credits_its_translator_from_arabic(client, editions):
    html = client.get(editions["translation"].get_absolute_url()).content.decode()
    assert "Translated from Arabic by" in html
    assert read_head(client.get(editions["translation"].get_absolute_url())).html == {
        "lang": "en",
        "dir": "ltr",
    }


def test_readers_pages_ignore_the_browsers_language(client, editions):
    """A page is the same for every reader (the page cache keeps one copy): the
    site's language, whatever the browser asks."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert read_head(response).html == {"lang": "en", "dir": "ltr"}
    assert "Latest interviews" in response.content.decode()


def test_an_arabic_teaser_on_an_english_page_is_in_arabic(client, editions):
    html = client.get("/").content.decode()
    assert '<article class="teaser" lang="ar" dir="rtl">' in html
    assert "حاوره:" in html and "Interview by" in html


def test_the_site_can_speak_arabic_everywhere(client, settings, editions):
    settings.LANGUAGE_CODE = "ar"
    response = client.get("/")
    assert read_head(response).html == {"lang": "ar", "dir": "rtl"}
    assert "أحدث المقابلات" in response.content.decode()
    # An English edition still speaks English.
    english = client.get(editions["translation"].get_absolute_url())
    assert read_head(english).html == {"lang": "en", "dir": "ltr"}


# -- the admin --------------------------------------------------------------------


def admin_language(client):
    return read_head(client.get("/admin/")).html


def test_the_admin_follows_the_browser_until_the_editor_chooses(client):
    user = make_user("Editor")
    client.force_login(user)
    assert admin_language(client) == {"lang": "en", "dir": "ltr"}
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ar"
    assert admin_language(client) == {"lang": "ar", "dir": "rtl"}
    page = client.get("/admin/").content.decode()
    assert "مكتب التحرير" in page  # our index title, translated
    assert 'href="/admin/language/?next=' in page


def test_an_editor_chooses_arabic_and_it_persists(client):
    user = make_user("Editor")
    client.force_login(user)
    form = client.get("/admin/language/")
    assert form.status_code == 200
    assert 'value="ar"' in form.content.decode()
    response = client.post(
        "/admin/language/", {"language": "ar", "next": "/admin/newsroom/article/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/article/"
    assert InterfacePreference.objects.get(user=user).language == "ar"
    articles = client.get("/admin/newsroom/article/").content.decode()
    assert '<html lang="ar" dir="rtl">' in articles
    assert "إرسال المقالات المحددة إلى المراجعة" in articles  # our action
    assert "أصبحت لوحة الإدارة تعمل باللغة التي اخترتها." in articles

    # Another browser, another day: a new login, an English browser.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    login = other.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}
    )
    assert login.status_code == 302
    assert admin_language(other) == {"lang": "ar", "dir": "rtl"}
    change = other.get("/admin/newsroom/article/add/").content.decode()
    assert "العنوان الفرعي" in change  # the dek's label
    assert "النبذة تحت العنوان، في جملة أو جملتين." in change  # its help text


def test_choosing_english_wins_over_an_arabic_browser(client):
    user = make_user("Editor")
    client.force_login(user)
    client.post("/admin/language/", {"language": "en"})
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ar"
    assert admin_language(client) == {"lang": "en", "dir": "ltr"}


def test_the_language_page_refuses_a_next_address_off_the_site(client):
    client.force_login(make_user("Editor"))
    response = client.post(
        "/admin/language/", {"language": "ar", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_the_language_page_needs_a_login(client):
    response = client.get("/admin/language/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_site_header_is_in_each_pages_own_language(client, editions):
    """The header and footer are rendered once per language and process
    ({% per_language %}): an English page and an Arabic one, in either order,
    each get their own."""
    for _ in range(2):
        home = client.get("/").content.decode()
        arabic = client.get(editions["original"].get_absolute_url()).content.decode()
        assert "Skip to content" in home and "انتقل إلى المحتوى" not in home
        assert "انتقل إلى المحتوى" in arabic and "Skip to content" not in arabic
        assert ">الأحدث</a>" in arabic and ">Latest</a>" in home
