"""Editor, Reporter, Translator: what each can and cannot do, by HTTP, including
crafted POSTs. The roles come from a data migration."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from newsroom.models import Article, Byline
from tests.factories import (
    make_article,
    make_byline,
    make_contributor,
    make_interview,
    make_user,
)
from tests.newsroom.admin_pages import form_data
from tests.newsroom.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_article_changelist")
TRANSLATIONS = reverse("admin:newsroom_translation_changelist")


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def byline_url(article):
    return reverse("admin:newsroom_translation_byline", args=[article.pk])


def login(client, user):
    client.force_login(user)
    return client


def perms(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("codename", flat=True)
    )


def test_roles_exist_on_a_fresh_database():
    editor, reporter, translator = (
        perms("Editor"),
        perms("Reporter"),
        perms("Translator"),
    )
    assert {"publish_article", "delete_article", "change_any_article"} <= editor
    assert {"add_correction", "change_segment", "add_tag"} <= editor
    assert {"add_article", "change_article", "change_segment"} <= reporter
    assert not {"publish_article", "delete_article", "change_any_article"} & reporter
    assert translator == {
        "credit_self",
        "view_translation",
        "change_own_profile",
        "view_byline",
        "view_segment",
        "view_articleinterviewee",
    }


# --- Editor ---------------------------------------------------------------------


def test_editor_role_can_publish_and_delete(client):
    editor = make_user("Editor")
    article = make_article(status="in_review")
    login(client, editor)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_published
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_editor_role_edits_anyones_published_article(client):
    article = make_interview(created_by=make_user("Reporter"))
    client = login(client, make_user("Editor"))
    data = form_data(client.get(change_url(article)))
    data["headline"] = "Edited by an editor"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Edited by an editor"


# --- Reporter -------------------------------------------------------------------


def test_reporter_writes_a_draft_and_owns_it(client):
    reporter = make_user("Reporter")
    login(client, reporter)
    response = client.post(ADD_URL, article_form(status="draft"))
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert article.created_by == reporter and article.status == "draft"


def test_reporter_cannot_publish_through_the_form(client):
    reporter = make_user("Reporter")
    login(client, reporter)
    page = client.get(ADD_URL).content.decode()
    assert 'value="in_review"' in page and 'value="published"' not in page
    response = client.post(ADD_URL, article_form(status="published"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Article.objects.exists()

    own = make_article(status="draft", created_by=reporter)
    data = form_data(client.get(change_url(own)))
    data["status"] = "published"
    assert client.post(change_url(own), data).status_code == 200
    own.refresh_from_db()
    assert own.status == "draft"


def test_reporter_submits_own_draft_for_review(client):
    reporter = make_user("Reporter")
    article = make_article(status="draft", created_by=reporter)
    login(client, reporter)
    client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == "in_review"


def test_reporter_cannot_publish_by_crafted_action(client):
    reporter = make_user("Reporter")
    article = make_article(status="in_review", created_by=reporter)
    login(client, reporter)
    page = client.get(CHANGELIST).content.decode()
    assert 'value="publish"' not in page
    for name in ("publish", "unpublish"):
        client.post(CHANGELIST, {"action": name, "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == "in_review"


def test_reporter_cannot_see_others_drafts(client):
    reporter = make_user("Reporter")
    secret = make_article(status="draft", headline="Colleague's secret draft")
    login(client, reporter)
    assert (
        "Colleague&#x27;s secret draft" not in client.get(CHANGELIST).content.decode()
    )
    response = client.get(change_url(secret), follow=True)
    assert "Colleague&#x27;s secret draft" not in response.content.decode()


def test_reporter_cannot_edit_others_published_article(client):
    article = make_interview(headline="Someone else's live piece")
    login(client, make_user("Reporter"))
    response = client.get(change_url(article))
    assert response.status_code == 200  # may read it
    assert 'name="_save"' not in response.content.decode()
    data = form_data(response)
    data.update(
        {
            "headline": "Crafted headline",
            "loaded_version": "1",
            "bylines-TOTAL_FORMS": "2",
            "bylines-INITIAL_FORMS": "2",
        }
    )
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.headline == "Someone else's live piece"


def test_reporter_cannot_edit_others_draft_by_crafted_post(client):
    article = make_article(status="draft", headline="Colleague draft")
    login(client, make_user("Reporter"))
    client.post(change_url(article), article_form(headline="Crafted"))
    article.refresh_from_db()
    assert article.headline == "Colleague draft"


# --- Translator -----------------------------------------------------------------


@pytest.fixture
def translator():
    return make_user("Translator", contributor=True)


def test_translator_sees_only_my_translations_in_the_admin(client, translator):
    login(client, translator)
    index = client.get(reverse("admin:index")).content.decode()
    assert "My translations" in index
    assert "/admin/newsroom/article/" not in index
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    assert client.get(reverse("admin:newsroom_revision_changelist")).status_code == 403


def test_translator_sees_headlines_in_review_and_published_not_drafts(
    client, translator
):
    make_article(status="in_review", headline="Reviewed gecko piece")
    make_article(headline="Published gecko piece")
    make_article(status="draft", headline="Draft gecko piece")
    login(client, translator)
    page = client.get(TRANSLATIONS).content.decode()
    assert "Reviewed gecko piece" in page and "Published gecko piece" in page
    assert "Draft gecko piece" not in page
    assert "Add my byline" in page


def test_translator_adds_and_removes_own_byline(client, translator):
    article = make_interview(status="in_review", bylines=1)
    login(client, translator)
    assert "Add my byline" in client.get(byline_url(article)).content.decode()
    assert client.post(byline_url(article), {"action": "add"}).status_code == 302
    mine = Byline.objects.get(article=article, contributor=translator.contributor)
    assert mine.role == Byline.Role.TRANSLATOR and mine.position == 2
    article.refresh_from_db()
    assert article.version == 2 and article.revisions.count() == 2
    page = client.get(TRANSLATIONS, {"credited": "yes"}).content.decode()
    assert article.headline in page and "Remove my byline" in page

    assert client.post(byline_url(article), {"action": "remove"}).status_code == 302
    assert not Byline.objects.filter(contributor=translator.contributor).exists()
    assert article.bylines.count() == 1


def test_translator_reads_the_articles_that_credit_them(client, translator):
    credited = make_interview(status="in_review", segments=1)
    make_byline(credited, translator.contributor, role="translator")
    other = make_interview(status="published", headline="Not my translation")
    login(client, translator)
    response = client.get(change_url(credited))
    assert response.status_code == 200
    page = response.content.decode()
    assert credited.segments.first().question in page
    assert 'name="_save"' not in page
    response = client.get(change_url(other), follow=True)
    assert "Not my translation" not in response.content.decode()


def test_translator_cannot_touch_drafts(client, translator):
    draft = make_article(status="draft", headline="Hidden draft")
    login(client, translator)
    # The gate does not even say that the draft exists.
    assert client.get(byline_url(draft)).status_code == 404
    assert client.post(byline_url(draft), {"action": "add"}).status_code == 404
    assert not Byline.objects.filter(article=draft).exists()


def test_translator_crafted_post_to_change_a_headline_is_refused(client, translator):
    article = make_interview(status="in_review", headline="Untouchable headline")
    make_byline(article, translator.contributor, role="translator")
    login(client, translator)
    data = article_form(headline="Crafted by translator")
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.headline == "Untouchable headline"


def test_translator_crafted_post_to_change_someone_elses_byline_is_refused(
    client, translator
):
    article = make_interview(status="published", bylines=0)
    colleague = make_contributor(name="Colleague Translator")
    theirs = make_byline(article, colleague, role="translator")
    make_byline(article, translator.contributor, role="translator")
    login(client, translator)
    data = article_form(
        headline=article.headline,
        slug=article.slug,
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": theirs.pk,
            "bylines-0-article": article.pk,
            "bylines-0-contributor": translator.contributor.pk,
            "bylines-0-role": "translator",
            "bylines-0-DELETE": "on",
        },
    )
    assert client.post(change_url(article), data).status_code == 403
    # The byline view only ever removes the user's own byline.
    client.post(byline_url(article), {"action": "remove", "contributor": colleague.pk})
    assert Byline.objects.filter(pk=theirs.pk, contributor=colleague).exists()


def test_translator_edits_own_bio_and_headshot_only(client, translator):
    own = translator.contributor
    someone = make_contributor(name="Someone Else", bio="Untouched bio.")
    login(client, translator)
    changelist = client.get(reverse("admin:newsroom_contributor_changelist"))
    assert own.name in changelist.content.decode()
    assert "Someone Else" not in changelist.content.decode()

    url = reverse("admin:newsroom_contributor_change", args=[own.pk])
    data = form_data(client.get(url), form_id="contributor_form")
    assert set(data) >= {"bio"} and "name" not in data and "user" not in data
    data.update({"bio": "I translate from Arabic, in Beirut.", "name": "Crafted"})
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.bio == "I translate from Arabic, in Beirut."
    assert own.name != "Crafted" and own.user == translator

    other_url = reverse("admin:newsroom_contributor_change", args=[someone.pk])
    client.post(other_url, {"bio": "Crafted bio", "name": "Crafted"})
    someone.refresh_from_db()
    assert someone.bio == "Untouched bio." and someone.name == "Someone Else"
    assert client.get(reverse("admin:newsroom_contributor_add")).status_code == 403


def test_translator_without_a_contributor_record_is_told_why(client):
    login(client, make_user("Translator"))
    article = make_article()
    assert (
        "not linked to a contributor"
        in client.get(byline_url(article)).content.decode()
    )
    assert client.post(byline_url(article), {"action": "add"}).status_code == 403
    assert not Byline.objects.filter(article=article).exists()


def test_reporter_previews_own_drafts_not_colleagues(client):
    reporter = make_user("Reporter")
    own = make_article(status="draft", created_by=reporter)
    theirs = make_article(status="draft")
    login(client, reporter)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_translator_cannot_preview_drafts_at_the_public_url(client, translator):
    draft = make_article(status="in_review")
    make_byline(draft, translator.contributor, role="translator")
    login(client, translator)
    assert client.get(draft.get_absolute_url()).status_code == 404
