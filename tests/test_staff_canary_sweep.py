"""No member of staff reads, through any admin page, an article they may not see
or the real name of an anonymous interviewee they may not know.

Six articles — a reporter's draft, one in review, one scheduled, one published,
one published and taken down, one deleted — carry a token of their own in every
text field, in a question and its answer, a correction and their lead image's
texts. Each has an anonymous interviewee (on the article and answering its
question) whose real name, title and organisation carry tokens too. The sweep
requests every admin URL of the URLconf, filled with the id of every article,
revision and other object, with a search, the export in both formats and
"see what changed", and every autocomplete, as four logins: an editor without
the "see real names" permission, the reporter who wrote the draft, another
reporter, and a translator credited on every article. A page may show the tokens
of the articles that login may see (the table below, written from the roles'
rules, not from the code), never one of another article, and never a real name.

Admin routes are read from the URLconf: a new admin page is swept as soon as it
exists, or the test fails until it gets a filler or an exclusion with a reason.
"""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from interviews import anonymity
from interviews.models import Interviewee
from newsroom.desk import changes, gate, workflow
from newsroom.models import Article, Byline, EditDraft, Revision
from tests.factories import (
    attach_lead_image,
    image_bytes,
    make_article,
    make_byline,
    make_contributor,
    make_correction,
    make_interviewee,
    make_segment,
    make_series,
    make_user,
    reindex,
)
from tests.sweeping import autocomplete_urls, walk

pytestmark = pytest.mark.django_db

ARTICLE = "qxart"  # followed by the article's state and the field
NAME = "qxreal"  # followed by the article's state: a real name, title, organisation
SEARCH_TERMS = [ARTICLE[1:], NAME[1:]]
STATES = ["draft", "review", "scheduled", "published", "unpublished", "deleted"]

# Which articles each login may read: editors every one (the deleted one through
# its revisions); a reporter their own draft and anything past draft; another
# reporter anything past draft; a translator what is past draft and credits them.
# The article taken down is a draft again, and not the reporters' own.
MAY_READ = {
    "editor without real names": set(STATES),
    "reporter": {"draft", "review", "scheduled", "published"},
    "another reporter": {"review", "scheduled", "published"},
    "translator": {"review", "scheduled", "published"},
}

# Admin routes not swept, each with the reason.
EXCLUDED = {
    "admin/logout/": "ends the session the sweep runs in",
    "admin/reset/<uidb64>/<token>/": "needs a token mailed to the account holder",
    "admin/(?P<url>.*)$": "the admin's catch-all: every other address is a 404",
}


def tokens(state):
    fields = ("headline", "dek", "intro", "caption", "credit", "alt")
    return {field: f"{ARTICLE}{state}{field}" for field in fields}


@pytest.fixture
def world():
    now = timezone.now()
    reporter = make_user("Reporter")
    translator = make_user("Translator", contributor=True)
    editor = make_user()
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["newsroom", "taggit", "interviews"]
        ).exclude(codename="view_real_name")
    )
    assert editor.has_perm("newsroom.change_any_article")
    assert not anonymity.sees_all_real_names(editor)
    series = make_series(name="Public series")
    asker = make_contributor(name="Public interviewer")
    states = {
        "draft": {"status": Article.Status.DRAFT, "created_by": reporter},
        "review": {"status": Article.Status.IN_REVIEW},
        "scheduled": {"published_at": now + timedelta(days=2)},
        "published": {"published_at": now - timedelta(days=1)},
        "unpublished": {"published_at": now - timedelta(days=2)},
        "deleted": {"published_at": now - timedelta(days=3)},
    }
    articles = {}
    for state, fields in states.items():
        text = tokens(state)
        article = make_article(
            headline=text["headline"],
            slug=f"{ARTICLE}{state}slug",
            dek=text["dek"],
            intro=text["intro"],
            lead_image_caption=text["caption"],
            lead_image_credit=text["credit"],
            series=series,
            tags=["public topic"],
            **fields,
        )
        attach_lead_image(article, image_bytes(640, 480), alt=text["alt"])
        make_byline(article, asker, role=Byline.Role.INTERVIEWER)
        make_byline(article, translator.contributor, role=Byline.Role.TRANSLATOR)
        # Named at first; made anonymous below, after the admin's log named them.
        hidden = make_interviewee(
            article,
            name=f"{NAME}{state} Name",
            title=f"{NAME}{state}title",
            organisation=f"{NAME}{state}organisation",
        )
        make_segment(
            article,
            question=f"{ARTICLE}{state}question?",
            answer=f"{ARTICLE}{state}answer",
            answer_speaker=hidden,
        )
        make_correction(article, text=f"{ARTICLE}{state}correction")
        reindex(article)
        articles[state] = article
    workflow.unpublish_article(article=articles["unpublished"], by=editor)
    workflow.delete_article(article=articles["deleted"], by=editor)
    # An edit after the first version: the history has a diff to show.
    workflow.submit_for_review(article=articles["draft"], by=reporter)
    workflow.unpublish_article(article=articles["draft"], by=reporter)
    # Admin log entries written while the interviewees were still named: an
    # article's history ("added interviewee …") and the editor's recent actions.
    for state, article in articles.items():
        person = Interviewee.objects.get(name=f"{NAME}{state} Name")
        named = f"{person.name} ({person.title}, {person.organisation})"
        if state != "deleted":
            LogEntry.objects.log_actions(
                editor.pk,
                [article],
                CHANGE,
                change_message=[{"added": {"name": "interviewee", "object": named}}],
                single_object=True,
            )
        LogEntry.objects.log_actions(
            editor.pk, [person], CHANGE, change_message="", single_object=True
        )
        # Made anonymous through the ORM alone: the write path follows.
        person.is_anonymous = True
        person.public_description = "a resident of Daraa"
        person.save()
    changes.flush()
    logins = {
        "editor without real names": editor,
        "reporter": reporter,
        "another reporter": make_user("Reporter"),
        "translator": translator,
    }
    # Unsaved edits (newsroom.desk.drafts): each login's own of every article
    # (those it may no longer read included) naming the hidden interviewee, and
    # someone else's, who may see everything, of every article.
    drafter = make_user(is_superuser=True)
    for state, article in articles.items():
        if state == "deleted":
            continue
        typed = [
            ["dek", f"{ARTICLE}{state}draft"],
            ["intro", f"Asked {NAME}{state} Name again."],
        ]
        for user in [*logins.values(), drafter]:
            EditDraft.objects.create(user=user, article=article, fields=typed)
    EditDraft.objects.create(user=drafter, fields=[["headline", f"{NAME}new"]])
    return {"logins": logins, "articles": articles}


def forbidden_for(login):
    """The tokens ``login`` may not read."""
    hidden = [state for state in STATES if state not in MAY_READ[login]]
    return [f"{ARTICLE}{state}" for state in hidden] + [NAME]


def route_model(route):
    """The model of an admin route "admin/<app>/<model>/…", or None."""
    parts = route.split("/")
    if len(parts) < 3:
        return None
    try:
        return apps.get_model(parts[1], parts[2])
    except (LookupError, ValueError):
        return None


def fill(route):
    """Every URL for an admin ``route``; None for a route this sweep cannot
    fill."""
    if route.startswith("admin/(?P<app_label>"):
        labels = re.search(r"\(\?P<app_label>([^)]*)\)", route).group(1).split("|")
        return [f"/admin/{label}/" for label in labels]
    converters = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not converters:
        return ["/" + route]
    if converters == ["content_type_id", "object_id"]:
        return [
            f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"
            for model in (Article, Interviewee)
            for obj in model.objects.all()
        ]
    model = route_model(route)
    if model is None:
        return None
    if converters == ["object_id", "revision_id"]:
        return [
            re.sub(
                r"<int:revision_id>",
                str(revision.pk),
                re.sub(r"<int:object_id>", str(revision.article_pk), "/" + route),
            )
            for revision in Revision.objects.all()
        ]
    if len(converters) == 1:
        pks = list(model._default_manager.values_list("pk", flat=True))
        # The deleted article's id too: its pages must say no more than 404.
        if model._meta.concrete_model is Article:
            pks += list(Revision.objects.values_list("article_pk", flat=True))
        return [re.sub(r"<[^>]+>", str(pk), "/" + route) for pk in sorted(set(pks))]
    return None


def variants(url):
    """The URL and the queries its page answers differently."""
    found = [url]
    if url.endswith("/export/"):
        found.append(f"{url}?format=json")
    if url.endswith("/draft/"):
        # What the form's script asks for: the unsaved edit, as JSON.
        found.append(f"{url}?format=json")
    if url.endswith("/revisions/changes/"):
        found.append(f"{url}?since=1")
    if re.fullmatch(r"/admin/\w+/\w+/", url):
        # A search of every list for the tokens (by a part of them, so that the
        # page repeating what was searched for is not taken for a leak).
        found += [f"{url}?q={term}" for term in SEARCH_TERMS]
        found.append(f"{url}?article=deleted")
    return found


def assert_clean(response, url, forbidden):
    assert response.status_code < 500, f"{url}: {response.status_code}"
    body = response.content.decode(errors="replace").lower()
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items()).lower()
    for token in forbidden:
        assert token not in body, f"{url} shows {token}…"
        assert token not in headers, f"{url} sends {token}… in a header"


def sweep(client, login):
    forbidden = forbidden_for(login)
    visited, unfilled, seen = set(), [], set()
    for route, _pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or route in EXCLUDED:
            continue
        urls = fill(route)
        if urls is None:
            unfilled.append(route)
            continue
        for url in urls:
            for variant in variants(url):
                if variant not in seen:
                    seen.add(variant)
                    assert_clean(client.get(variant), variant, forbidden)
        visited.add(route)
    assert unfilled == [], "add a filler or an exclusion for these admin routes"
    # Autocomplete answers repeat no search term: the tokens' common start finds
    # both kinds.
    for url in autocomplete_urls("qx"):
        assert_clean(client.get(url), url, forbidden)
    return visited, seen


@pytest.mark.parametrize("login", list(MAY_READ))
def test_no_admin_page_shows_what_the_login_may_not_read(client, world, login):
    client.force_login(world["logins"][login])
    visited, requested = sweep(client, login)
    routes = {r for r, _ in walk(get_resolver().url_patterns) if r.startswith("admin/")}
    assert routes - set(EXCLUDED) - visited == set()
    assert len(requested) > 150


def test_the_sweep_sees_the_tokens_each_login_may_read(client, world, editor):
    """The canaries are findable: each login does read, on their change pages and
    exports, the articles and names it may read (so a clean sweep means
    something)."""
    for login, user in world["logins"].items():
        client.force_login(user)
        for state in MAY_READ[login] - {"deleted"}:
            article = world["articles"][state]
            page = client.get(f"/admin/newsroom/article/{article.pk}/change/")
            assert f"{ARTICLE}{state}answer" in page.content.decode(), (login, state)
            export = client.get(f"/admin/newsroom/article/{article.pk}/export/")
            assert f"{ARTICLE}{state}question" in export.content.decode()
            assert "a resident of Daraa" in export.content.decode()
    client.force_login(editor)  # a superuser: every permission, real names too
    article = world["articles"]["published"]
    export = client.get(f"/admin/newsroom/article/{article.pk}/export/?format=json")
    assert f"{NAME}published Name" in export.content.decode()


def test_the_sweep_fails_when_the_gate_lets_everything_through(
    client, world, monkeypatch
):
    monkeypatch.setattr(gate.Desk, "articles", lambda self: Article.objects.all())
    client.force_login(world["logins"]["another reporter"])
    with pytest.raises(AssertionError, match=f"shows {ARTICLE}draft"):
        sweep(client, "another reporter")


def test_the_sweep_fails_when_no_name_is_withheld(client, world, monkeypatch):
    monkeypatch.setattr(anonymity, "withheld", lambda user, ids: [])
    client.force_login(world["logins"]["translator"])
    with pytest.raises(AssertionError, match=f"shows {NAME}"):
        sweep(client, "translator")


def test_staff_previews_of_public_pages_go_through_the_gate(world):
    """The public page of an unpublished article is a staff preview: it obeys
    the same table (and never names an anonymous interviewee)."""
    for login, user in world["logins"].items():
        client = Client()
        client.force_login(user)
        for state in STATES:
            if state == "deleted":
                continue
            response = client.get(f"/articles/{ARTICLE}{state}slug/")
            may = state in MAY_READ[login] and (
                state == "published" or user.has_perm("newsroom.change_article")
            )
            assert (response.status_code == 200) == may, (login, state)
            assert NAME not in response.content.decode()


def test_search_in_the_admin_finds_no_article_by_a_withheld_name(client, world):
    client.force_login(world["logins"]["editor without real names"])
    url = "/admin/newsroom/article/?" + urlencode({"q": f"{NAME}published Name"})
    page = client.get(url).content.decode()
    assert f"{ARTICLE}published" not in page
    assert "0 articles" in page


def test_unsaved_edits_come_back_only_through_the_gate_and_redacted(client, world):
    """A login gets back its own unsaved edit of an article it may change, with
    the real names it may not see replaced; nobody else's, and none of an
    article the gate keeps from it."""
    articles = world["articles"]
    client.force_login(world["logins"]["editor without real names"])
    url = f"/admin/newsroom/article/{articles['published'].pk}/draft/"
    body = client.get(url).content.decode()
    assert f"{ARTICLE}publisheddraft" in body
    assert NAME not in body and "a resident of Daraa" in body
    assert client.get("/admin/newsroom/article/add/draft/").json() == {"draft": None}

    client.force_login(world["logins"]["another reporter"])
    hidden = f"/admin/newsroom/article/{articles['draft'].pk}/draft/"
    assert client.get(hidden).status_code == 404
    assert client.get(url).status_code == 403  # may read it, not change it
    assert client.post(url, {}, content_type="application/json").status_code == 403
    assert EditDraft.objects.filter(article=articles["published"]).count() == 5
