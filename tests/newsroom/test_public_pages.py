import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, Byline
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
    make_series,
    reindex,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=1),
    },
}


def test_home_lists_published_articles_with_teaser_parts(client):
    series = make_series(name="On the Record")
    article = make_interview(series=series, headline="Marker headline one")
    page = client.get("/").content.decode()
    assert "Marker headline one" in page
    assert "On the Record" in page
    assert article.dek in page
    assert f"{article.reading_minutes} min read" in page
    assert "Interview by" in page


def test_home_paginates(client):
    for i in range(25):
        make_article(headline=f"Paged headline {i:02d}")
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert "Paged headline 00" in first and "Paged headline 24" not in first
    assert "Paged headline 24" in second
    assert 'rel="next" href="?page=2"' in first
    assert 'rel="prev" href="?page=1"' in second and 'rel="next"' not in second
    assert "Page 2" in second
    past_the_end = client.get("/?page=9")
    assert past_the_end.status_code == 404
    assert "There is no page 9: the list ends before it." in (
        past_the_end.content.decode()
    )


def test_article_page_shows_everything_a_reader_needs(client):
    series = make_series(name="On the Record")
    article = make_article(
        series=series,
        headline="Spokesman explains the northern attack",
        dek="A teaser for readers.",
        intro="First intro paragraph.\n\nSecond intro paragraph.",
    )
    interviewer = make_contributor(
        name="Ammar Hammou", bio="Ammar Hammou is a reporter based in Amman."
    )
    translator = make_contributor(
        name="Lina Translator", bio="Lina translates from Arabic in Beirut."
    )
    make_byline(article, interviewer, role=Byline.Role.INTERVIEWER)
    make_byline(article, translator, role=Byline.Role.TRANSLATOR)
    make_interviewee(
        article, name="Ahmed Kara Ali", title="spokesperson", organisation="Ahrar"
    )
    make_segment(
        article,
        question="What are the signs of coordination?",
        answer="Several missions:\n\n1-Bombing the area\n\n2-Shelling the school",
    )
    make_segment(article, question="Who withdrew?", answer="They left [the town].")
    article.tags.add("Aleppo", "Ahrar al-Sham")
    reindex(article)

    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    for text in [
        "On the Record",
        "Spokesman explains the northern attack",
        "A teaser for readers.",
        "1 min read",
        "Interview by",
        "Translated by",
        "<p>First intro paragraph.</p>",
        "What are the signs of coordination?",
        '<li value="2">Shelling the school</li>',
        '<span class="insertion">[the town]</span>',
        "Ahmed Kara Ali",
        "spokesperson, Ahrar",
        "Ammar Hammou is a reporter based in Amman.",
        "Lina translates from Arabic in Beirut.",
        ">Aleppo<",
        ">Ahrar al-Sham<",
        interviewer.get_absolute_url(),
        reverse("newsroom:tag", kwargs={"slug": "aleppo"}),
    ]:
        assert text in page, text
    # Questions are asked by the interviewer, answers given by the interviewee.
    assert page.index("Ammar Hammou</bdi>") < page.index("What are the signs")
    assert 'class="segment" id="q-' in page


def test_segment_anchors_are_links_readers_can_share(client):
    article = make_interview(segments=2)
    first = article.segments.first()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="{first.anchor}"' in page
    assert f'href="#{first.anchor}"' in page


def test_arabic_article_is_right_to_left(client):
    article = make_interview(language="ar", headline="مقابلة مع المتحدث الرسمي")
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "مقابلة مع المتحدث الرسمي" in page
    assert client.get(f"/articles/{article.slug}/").status_code == 200


def test_share_links_are_plain_links_without_scripts(client):
    article = make_interview()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "https://x.com/intent/post?" in page
    # The only script element is structured data for search engines: nothing runs.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script type="application/ld+json">']


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_articles_are_hidden_everywhere(client, state):
    series = make_series()
    person = make_contributor()
    hidden = make_article(
        headline="Secret canary headline", series=series, **HIDDEN_STATES[state]
    )
    hidden.tags.add("canary-only-tag")
    make_byline(hidden, person)
    visible = make_article(series=series, tags=["shared-tag"])
    hidden.tags.add("shared-tag")
    make_byline(visible, make_contributor())

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/tags/canary-only-tag/").status_code == 404
    assert client.get(person.get_absolute_url()).status_code == 404
    for url in ["/", series.get_absolute_url(), "/tags/shared-tag/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Secret canary headline" not in response.content.decode()


def test_staff_preview_a_draft_at_its_public_url_without_caching(editor_client):
    draft = make_article(status=Article.Status.DRAFT, headline="Draft for preview")
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft for preview" in response.content.decode()
    assert "Preview" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_logged_in_user_without_permission_cannot_preview(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 12)
    client.force_login(user)
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_contributor_page_shows_bio_headshotless_and_roles(client):
    person = make_contributor(name="Rania Translator", bio="She translates **Arabic**.")
    article = make_article(headline="Translated piece")
    make_byline(article, person, role=Byline.Role.TRANSLATOR)
    make_byline(make_article(headline="Second piece"), person, role="interviewer")
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Rania Translator" in page
    assert "<strong>Arabic</strong>" in page
    assert "Translated piece" in page and "Second piece" in page
    assert "Translator" in page and "Interviewer" in page


def test_series_and_tag_pages_list_their_articles(client):
    series = make_series(name="On the Record", description="Interviews in translation.")
    make_article(series=series, headline="In the series", tags=["Idlib"])
    make_article(headline="Elsewhere")
    page = client.get(series.get_absolute_url()).content.decode()
    assert "In the series" in page and "Elsewhere" not in page
    assert "Interviews in translation." in page
    page = client.get("/tags/idlib/").content.decode()
    assert "In the series" in page and "Elsewhere" not in page


def test_friendly_404(client):
    response = client.get("/articles/no-such-thing/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


@pytest.mark.parametrize(
    "where",
    ["headline", "dek", "intro", "question", "answer", "bio", "tag", "interviewee"],
)
def test_script_typed_into_any_field_is_shown_as_text(client, where):
    payload = '<script>alert("x")</script>'
    fields = {"headline": "Safe headline"}
    if where in ("headline", "dek", "intro"):
        fields[where] = f"Before {payload}"
    article = make_article(**fields)
    make_byline(
        article, make_contributor(bio=payload if where == "bio" else "Plain bio.")
    )
    make_interviewee(article, name=payload if where == "interviewee" else "Someone")
    make_segment(
        article,
        question=payload if where == "question" else "A question?",
        answer=payload if where == "answer" else "An answer.",
    )
    if where == "tag":
        article.tags.add(payload)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page


def test_friendly_500_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html
