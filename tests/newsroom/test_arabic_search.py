"""Arabic search: the spellings a reader may or may not type are one word, in the
documents and in the queries, on SQLite and on PostgreSQL."""

import re
from urllib.parse import unquote

import pytest

from newsroom.content.search import highlight, parse_query
from newsroom.content.transliteration import folded_text, name_key, words
from newsroom.models import Article
from tests.factories import make_article, make_segment, reindex

pytestmark = pytest.mark.django_db

# Each row: one word as readers and editors write it, with and without hamza
# seats, harakat, tatweel, ta marbuta or alef maqsura.
SAME_WORD = [
    ("أحرار", "احرار", "أحرارٌ", "إحرار", "آحرار", "ٱحرار", "أحـــرار", "أَحْرَار"),
    ("مدرسة", "مدرسه", "مَدْرَسَةٌ"),
    ("مستشفى", "مستشفي", "مُسْتَشْفَى"),
    ("مسؤول", "مسوول"),
    ("الشّام", "الشام", "ٱلشَّام", "شام"),
    ("٢٠١٥", "۲۰۱۵", "2015"),
    ("کتاب", "كتاب"),
]


@pytest.mark.parametrize("spellings", SAME_WORD, ids=[row[0] for row in SAME_WORD])
def test_arabic_spellings_fold_to_one_word(spellings):
    assert len({tuple(words(spelling)) for spelling in spellings}) == 1
    assert len({name_key(spelling) for spelling in spellings}) == 1


def test_different_arabic_words_stay_different():
    assert words("أحرار") != words("أحمر")
    assert words("مدرسة") != words("مدرس")


def test_folded_text_keeps_every_word_key_as_a_substring():
    text = "قال المتحدث باسم «أحرارٌ الشَّام» إنّ المدرسةَ مغلقة"
    folded = folded_text(text)
    assert all(key in folded for key in words(text))


@pytest.fixture
def arabic_articles():
    """The same words spelt three ways in three articles, and one that does not
    have them."""
    headline = make_article(
        headline="المتحدث باسم أحرار الشام يتحدث عن المعابر",
        dek="مقابلة عن الطرق بين القرى",
        language=Article.Language.ARABIC,
    )
    intro = make_article(
        headline="مقابلة مع مدير التربية",
        dek="عن الصفوف المكتظة",
        intro="تحدثنا إلى مسؤول في حركة احرار الشام عن المدارس.",
        language=Article.Language.ARABIC,
    )
    answer = make_article(
        headline="حوار مع مديرة المستشفى",
        dek="عن الوقود والمولدات",
        language=Article.Language.ARABIC,
    )
    make_segment(
        answer,
        question="من يحمي الطريق إلى المستشفى؟",
        answer="يحميه مقاتلون من «أَحْرَارِ الشَّامِ» منذ الربيع.",
    )
    reindex(answer)
    make_article(
        headline="أسعار الخبز في إدلب",
        dek="الأفران تعود إلى العمل",
        language=Article.Language.ARABIC,
    )
    return {headline.pk, intro.pk, answer.pk}


def found(client, query):
    """The ids of the articles the search page lists for ``query``."""
    html = client.get("/search/", {"q": query}).content.decode()
    slugs = {
        unquote(slug)
        for slug in re.findall(
            r'<h2 class="teaser-headline"><a href="/articles/([^/#"]+)', html
        )
    }
    return set(Article.objects.filter(slug__in=slugs).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "query",
    ["أحرار", "احرار", "أحرارٌ", "إحرار", "ٱحرار", "أحـــرار", "أَحْرَارُ"],
)
def test_a_reader_finds_the_same_articles_however_the_word_is_spelt(
    client, arabic_articles, query
):
    assert found(client, query) == arabic_articles


@pytest.mark.parametrize("query", ["احرار الشام", "أحرارُ الشّام", '"أحرار الشام"'])
def test_phrases_match_across_spellings(client, arabic_articles, query):
    assert found(client, query) == arabic_articles


@pytest.mark.parametrize("query", ["مدرسه", "مدرسة", "المدارس"])
def test_ta_marbuta_is_ha(client, query):
    school = make_article(
        headline="مدرسة جديدة في القرية",
        dek="تفتح أبوابها الشهر المقبل",
        language=Article.Language.ARABIC,
    )
    results = found(client, query)
    if query == "المدارس":
        assert school.pk not in results  # a plural is another word in Arabic
    else:
        assert results == {school.pk}


@pytest.mark.parametrize("query", ["مستشفى", "مستشفي"])
def test_alef_maqsura_is_ya(client, query):
    hospital = make_article(
        headline="مستشفى المعرة بلا وقود",
        dek="المولدات متوقفة",
        language=Article.Language.ARABIC,
    )
    assert found(client, query) == {hospital.pk}


def test_the_query_is_folded_like_the_documents():
    assert parse_query("أَحْرَارُ الشّـام").clauses == [[("احرار",)], [("شام",)]]


def test_a_word_with_harakat_is_highlighted_whole():
    marked = highlight("يحميه مقاتلون من أَحْرَارِ الشَّامِ منذ الربيع", {"احرار"})
    assert "<mark>أَحْرَارِ</mark>" in marked


def test_the_answer_spelt_with_harakat_is_the_passage_shown(client, arabic_articles):
    html = client.get("/search/", {"q": "احرار"}).content.decode()
    assert "<mark>أَحْرَارِ</mark>" in html
