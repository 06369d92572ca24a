"""/search/: ranked, highlighted, alias-aware, never showing unpublished work.
The same tests run on SQLite (fallback) and PostgreSQL (full-text search)."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import Article
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
    make_tag_alias,
    reindex,
)

pytestmark = pytest.mark.django_db

RESULT_LINK = re.compile(
    r'<h2 class="teaser-headline"><a href="([^"]+)">(.*?)</a></h2>'
)


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def result_links(html):
    return RESULT_LINK.findall(html)


def result_headlines(html):
    return [re.sub(r"</?mark>", "", headline) for _, headline in result_links(html)]


@pytest.fixture
def corpus():
    in_answer = make_article(headline="Council rations diesel", dek="Fuel is short.")
    make_segment(
        in_answer,
        question="What about the town?",
        answer="Half the <b>wells</b> in town are dry.",
    )
    reindex(in_answer)
    in_dek = make_article(
        headline="Farmers change crops", dek="Without the wells, wheat fails."
    )
    in_headline = make_article(
        headline="Saraqib wells run dry", dek="A council member explains."
    )
    make_article(headline="Bakeries reopen in Idlib", dek="Bread prices fall.")
    return {"answer": in_answer, "dek": in_dek, "headline": in_headline}


def test_headline_matches_rank_above_dek_and_answer_matches(client, corpus):
    html = search(client, "wells")
    assert result_headlines(html) == [
        "Saraqib wells run dry",
        "Farmers change crops",
        "Council rations diesel",
    ]
    assert "3 results for" in html


def test_match_is_highlighted_and_escaped_and_links_to_the_answer(client, corpus):
    html = search(client, "wells")
    links = {re.sub(r"</?mark>", "", h): url for url, h in result_links(html)}
    segment = corpus["answer"].segments.get()
    assert links["Council rations diesel"] == (
        f"{corpus['answer'].get_absolute_url()}#{segment.anchor}"
    )
    assert "Half the &lt;b&gt;<mark>wells</mark>&lt;/b&gt; in town are dry." in html
    assert "Saraqib <mark>wells</mark> run dry" in html
    assert "<b>wells</b>" not in html


def test_search_finds_interviewees_contributors_tags_and_intro(client):
    article = make_interview(headline="Quiet headline", tags=0)
    make_interviewee(article, name="Ahmed Kara Ali", organisation="Jaysh al-Fatah")
    make_byline(article, make_contributor(name="Nadia Bakri"))
    article.tags.add("olive harvest")
    article.intro = "The zaatar season begins."
    article.save()
    reindex(article)
    for query in ["Kara Ali", "Nadia Bakri", "olive harvest", "zaatar", "Fatah"]:
        assert result_headlines(search(client, query)) == ["Quiet headline"], query


def test_words_must_all_match_and_plurals_find_singulars(client, corpus):
    assert result_headlines(search(client, "saraqib well")) == ["Saraqib wells run dry"]
    assert result_headlines(search(client, "wells bakeries")) == []


def test_transliteration_variants_find_each_other(client):
    article = make_article(
        headline="Spokesman of Ahrar a-Sham speaks",
        dek="An interview.",
        tags=["Ahrar a-Sham"],
    )
    for query in ["Ahrar al-Sham", "ahrar ash-sham", "AHRAR EL SHAM", '"Ahrar Sham"']:
        assert result_headlines(search(client, query)) == [article.headline], query
    html = search(client, "Ahrar al-Sham")
    assert "<mark>Ahrar</mark> <mark>a-Sham</mark>" in html


def test_declared_aliases_are_the_same_word(client):
    state = make_article(
        headline="Islamic State cells in the desert", dek="A commander on the threat."
    )
    marea = make_article(headline="Shelling near the town", tags=["Marea"])
    make_tag_alias("Islamic State", "ISIS")
    make_tag_alias("Islamic State", "IS")
    make_tag_alias("Marea", "Mariaa")
    reindex(marea)
    assert result_headlines(search(client, "ISIS")) == [state.headline]
    assert result_headlines(search(client, "isis desert")) == [state.headline]
    assert result_headlines(search(client, "Mariaa")) == [marea.headline]


def test_arabic_queries_find_arabic_articles(client):
    article = make_article(
        headline="مقابلة مع المتحدث الرسمي",
        dek="حوار عن الآبار في سراقب",
        language=Article.Language.ARABIC,
    )
    html = search(client, "الابار")
    assert result_headlines(html) == [article.headline]
    assert 'dir="rtl"' in html


HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=1),
    },
}


@pytest.mark.parametrize("state", HIDDEN)
def test_search_never_returns_unpublished_articles(client, state):
    make_article(headline="Embargoed wells report", **HIDDEN[state])
    public = make_article(headline="Public wells report")
    html = search(client, "wells report")
    assert result_headlines(html) == [public.headline]
    assert "Embargoed" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        '""',
        '"unclosed phrase',
        "&|!",
        "wells & | ! dry",
        "wells:* | !dry",
        "'; DROP TABLE newsroom_article; --",
        "<script>alert(1)</script>",
        "(((wells)))",
        "\\",
        "%_%",
        "مقابلة",
        "ʿ ʾ ’ -- al- a-",
        "wells " * 400,
        "x" * 5000,
        "the of and",
        "wells\x00dry",
        "ال",
    ],
)
def test_odd_queries_get_a_sensible_page(client, corpus, query):
    html = search(client, query)
    assert '<input id="search-q" type="search" name="q"' in html
    assert "<script>alert(1)</script>" not in html


def test_empty_query_shows_the_form_without_results(client, corpus):
    html = search(client, "")
    assert result_links(html) == []
    assert "result" not in html.split("</form>")[1]


def test_long_query_is_shortened_with_a_note(client, corpus):
    html = search(client, "wells " * 100)
    assert "Only the first 200 characters" in html
    assert result_headlines(html)[0] == "Saraqib wells run dry"


def test_results_are_paginated_keeping_the_query(client):
    for i in range(13):
        make_article(headline=f"Harvest report {i:02d}")
    first = search(client, "harvest")
    assert len(result_links(first)) == 10
    assert "Results 1–10 for" in first
    assert 'href="?q=harvest&amp;page=2"' in first
    second = search(client, "harvest", page=2)
    assert len(result_links(second)) == 3
    assert "Results 11–13 for" in second
    assert 'href="?q=harvest&amp;page=1"' in second
    past_the_end = client.get("/search/", {"q": "harvest", "page": 3})
    assert past_the_end.status_code == 404
    assert "There is no page 3" in past_the_end.content.decode()


@pytest.mark.parametrize("articles", [2, 12])
def test_search_page_query_count_is_flat(client, articles):
    for _ in range(articles):
        make_interview(headline="Harvest interview", bylines=3, segments=4)
    with CaptureQueriesContext(connection) as captured:
        search(client, "harvest")
    assert len(captured.captured_queries) <= 4


def test_admin_save_makes_an_article_findable(editor_client):
    response = editor_client.post(
        "/admin/newsroom/article/add/",
        {
            "headline": "Pistachio growers count losses",
            "slug": "",
            "dek": "",
            "intro": "",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "language": "en",
            "tags": "",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "interviewee_links-TOTAL_FORMS": "0",
            "interviewee_links-INITIAL_FORMS": "0",
            "segments-TOTAL_FORMS": "1",
            "segments-INITIAL_FORMS": "0",
            "segments-0-question": "How bad is it?",
            "segments-0-answer": "The frost took the whole crop.",
            "segments-0-position": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = search(editor_client, "frost crop")
    assert result_headlines(html) == ["Pistachio growers count losses"]
    assert "The <mark>frost</mark> took the whole <mark>crop</mark>." in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)
def test_postgresql_ranks_the_newest_matches_only(client, monkeypatch):
    monkeypatch.setattr("newsroom.content.search.RANKED_MATCHES", 2)
    now = timezone.now()
    make_article(headline="Quarry quarry quarry", published_at=now - timedelta(days=30))
    make_article(headline="Notes", dek="A quarry.", published_at=now - timedelta(1))
    make_article(headline="Quarry road", published_at=now - timedelta(days=2))
    # The oldest match ranks best, but only the two newest are ranked.
    assert result_headlines(search(client, "quarry")) == ["Quarry road", "Notes"]
    monkeypatch.setattr("newsroom.content.search.RANKED_MATCHES", 1000)
    assert result_headlines(search(client, "quarry"))[0] == "Quarry quarry quarry"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)
@pytest.mark.parametrize("walk", [True, False])
def test_postgresql_finds_the_same_newest_matches_either_way(client, monkeypatch, walk):
    # The newest documents decide the way: walked from the newest when the query
    # is common among them, else taken from the GIN index and sorted.
    monkeypatch.setattr("newsroom.content.search.SAMPLE", 2)
    monkeypatch.setattr("newsroom.content.search.COMMON", 0.5 if walk else 1.5)
    monkeypatch.setattr("newsroom.content.search.RANKED_MATCHES", 2)
    now = timezone.now()
    make_article(headline="Quarry quarry quarry", published_at=now - timedelta(days=30))
    make_article(headline="Notes", dek="A quarry.", published_at=now - timedelta(1))
    make_article(headline="Quarry road", published_at=now - timedelta(days=2))
    make_article(headline="Not yet", dek="A quarry.", published_at=now + timedelta(1))
    make_article(headline="Unrelated", published_at=now - timedelta(hours=1))
    assert result_headlines(search(client, "quarry")) == ["Quarry road", "Notes"]
    assert result_headlines(search(client, "unrelated")) == ["Unrelated"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)
def test_postgresql_keeps_a_weighted_vector_with_a_gin_index():
    article = make_article(headline="Saraqib wells run dry", dek="Diesel is short.")
    document = article.search_document
    document.refresh_from_db()
    assert "'saraqib':1A" in document.vector
    assert "'diesel':" in document.vector and "B" in document.vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s",
            ["newsroom_searchdocument"],
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("USING gin (vector)" in d for d in definitions), definitions


def test_rebuild_command_indexes_articles_saved_without_the_admin(client):
    article = Article.objects.create(
        headline="Imported by hand", status=Article.Status.PUBLISHED
    )
    assert result_headlines(search(client, "imported hand")) == []
    call_command("rebuild_search_index", verbosity=0)
    assert result_headlines(search(client, "imported hand")) == [article.headline]


def test_renaming_a_contributor_or_interviewee_updates_search(editor_client):
    article = make_interview(headline="Renamed people piece")
    person = article.bylines.first().contributor
    interviewee = article.interviewee_links.get().interviewee
    response = editor_client.post(
        f"/admin/newsroom/contributor/{person.pk}/change/",
        {
            "name": "Zainab Qasim",
            "slug": person.slug,
            "title": "",
            "bio": "",
            "headshot_focus_x": "50",
            "headshot_focus_y": "50",
        },
    )
    assert response.status_code == 302
    response = editor_client.post(
        f"/admin/interviews/interviewee/{interviewee.pk}/change/",
        {"name": "Abu Yusuf", "title": "", "organisation": "Faylaq al-Rahman"},
    )
    assert response.status_code == 302
    for query in ["Zainab Qasim", "Abu Yusuf", "Faylaq a-Rahman"]:
        assert result_headlines(search(editor_client, query)) == [
            "Renamed people piece"
        ], query
