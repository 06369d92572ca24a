"""An anonymous interviewee's real name never reaches readers, nor the admin of
someone who may not see it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from interviews.models import Interviewee
from tests.factories import (
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
    make_segment,
    make_series,
)
from tests.newsroom.test_images import article_form

pytestmark = pytest.mark.django_db

CANARY = "Canaryname Qwertyson"
SECRET_DETAILS = ("Marker Secret Brigade", "deputy marker commander")


@pytest.fixture
def anonymous_interview():
    series = make_series(name="On the Record")
    article = make_interview(
        series=series, segments=2, headline="A voice from the south", tags=1
    )
    article.tags.add("Daraa")
    source = make_interviewee(
        article,
        name=CANARY,
        title=SECRET_DETAILS[1],
        organisation=SECRET_DETAILS[0],
        is_anonymous=True,
        public_description="a resident of Daraa",
    )
    make_segment(article, answer="We stayed.", answer_speaker=source)
    return article, source


def assert_no_secret(html):
    assert CANARY not in html
    assert "Canaryname" not in html and "Qwertyson" not in html
    for detail in SECRET_DETAILS:
        assert detail not in html


def test_public_pages_never_show_the_real_name(client, anonymous_interview):
    article, source = anonymous_interview
    contributor = article.bylines.first().contributor
    html = client.get(article.get_absolute_url()).content.decode()
    assert "A resident of Daraa" in html
    assert_no_secret(html)
    for url in [
        "/",
        article.series.get_absolute_url(),
        reverse("newsroom:tag", kwargs={"slug": "daraa"}),
        contributor.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content.decode())


def test_named_interviewees_keep_their_name_and_details(client):
    article = make_interview(segments=0)
    make_interviewee(article, name="Open Speaker", organisation="Open Council")
    # Interviewees are listed with the segments.
    make_segment(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Open Speaker" in html and "Open Council" in html


def test_an_anonymous_interviewee_needs_a_public_description():
    person = Interviewee(name="Someone", is_anonymous=True, public_description=" ")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "public_description" in error.value.message_dict


@pytest.fixture
def translator_client(client, django_user_model):
    """A staff member with a translator's working permissions, no real names."""
    user = django_user_model.objects.create_user("translator", password="x-1-y-2")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_article",
                "change_article",
                "view_interviewee",
                "change_interviewee",
                "view_articleinterviewee",
                "view_segment",
                "change_segment",
                "view_byline",
                "view_contributor",
            ]
        )
    )
    client.force_login(user)
    client.user = user
    return client


def admin_pages(article, source):
    return [
        reverse("admin:interviews_interviewee_changelist"),
        reverse("admin:interviews_interviewee_change", args=[source.pk]),
        reverse("admin:interviews_interviewee_history", args=[source.pk]),
        reverse("admin:newsroom_article_change", args=[article.pk]),
        reverse("admin:newsroom_article_changelist"),
        reverse("admin:index"),
    ]


def test_a_translator_never_sees_the_real_name_in_the_admin(
    translator_client, anonymous_interview
):
    article, source = anonymous_interview
    translator = make_contributor(user=translator_client.user)
    make_byline(article, translator, role="translator")
    for url in admin_pages(article, source):
        response = translator_client.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content.decode())
    page = translator_client.get(admin_pages(article, source)[1]).content.decode()
    assert "a resident of Daraa" in page


@pytest.mark.parametrize("term", ["Canaryname", "Secret Brigade", "deputy"])
def test_a_translator_cannot_find_the_anonymous_by_real_name(
    translator_client, anonymous_interview, term
):
    article, source = anonymous_interview
    changelist = reverse("admin:interviews_interviewee_changelist")
    page = translator_client.get(changelist, {"q": term}).content.decode()
    assert "0 interviewees" in page
    articles = reverse("admin:newsroom_article_changelist")
    page = translator_client.get(articles, {"q": term}).content.decode()
    assert "A voice from the south" not in page
    autocomplete = translator_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "interviews",
            "model_name": "articleinterviewee",
            "field_name": "interviewee",
            "term": term,
        },
    )
    assert autocomplete.json()["results"] == []
    found = translator_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "interviews",
            "model_name": "articleinterviewee",
            "field_name": "interviewee",
            "term": "resident",
        },
    ).json()["results"]
    assert [r["text"] for r in found] == [
        f"a resident of Daraa (anonymous #{source.pk})"
    ]


def test_a_translator_cannot_lift_anonymity(translator_client, anonymous_interview):
    _, source = anonymous_interview
    url = reverse("admin:interviews_interviewee_change", args=[source.pk])
    translator_client.post(url, {"public_description": "a man from Daraa"})
    source.refresh_from_db()
    assert source.is_anonymous and source.name == CANARY
    assert source.public_description == "a man from Daraa"


def test_editors_see_the_real_name(editor_client, anonymous_interview):
    article, source = anonymous_interview
    url = reverse("admin:interviews_interviewee_change", args=[source.pk])
    assert CANARY in editor_client.get(url).content.decode()
    changelist = reverse("admin:interviews_interviewee_changelist")
    assert CANARY in editor_client.get(changelist, {"q": "Canary"}).content.decode()


@pytest.mark.parametrize("how", ["permission", "credited interviewer"])
def test_staff_allowed_to_see_the_name_see_it(
    client, django_user_model, anonymous_interview, how
):
    article, source = anonymous_interview
    user = django_user_model.objects.create_user(
        "reporter", password="x", is_staff=True
    )
    codenames = ["view_interviewee", "change_interviewee"]
    if how == "permission":
        codenames.append("view_real_name")
    else:
        make_byline(article, make_contributor(user=user), role="interviewer")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    url = reverse("admin:interviews_interviewee_change", args=[source.pk])
    assert CANARY in client.get(url).content.decode()


def test_admin_warns_when_the_real_name_is_in_the_public_text(
    editor_client, anonymous_interview
):
    article, source = anonymous_interview
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = article_form(
        headline=f"Interview with {CANARY}", slug=article.slug, lead_image_alt=""
    )
    response = editor_client.post(url, data, follow=True)
    assert "The real name of an anonymous interviewee appears in the headline" in (
        response.content.decode()
    )
