"""Nothing unpublished leaks through a side door.

Hidden content (a draft, a scheduled article, an article in review, one published
and then taken down, an anonymous interviewee's real name, a tag, a series and a
contributor seen only on those) carries a token in every text field. The sweep then
requests every route of the URLconf, filled with the slugs of every object (hidden
ones included), every URL the sitemaps and feeds list, page 2 of every list, a
search for each token and every admin autocomplete a translator can call, as an
anonymous reader and as a translator. The token must appear in no response, and no
response may be a server error.

The routes are read from the URLconf itself: a new route is swept as soon as it
exists, or the test fails until it gets a filler or an exclusion with a reason.
"""

import re
from datetime import timedelta
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone
from taggit.models import Tag

from newsroom.desk import workflow
from newsroom.models import Article, Byline, Contributor, Series, TagAlias
from newsroom.public.sitemaps import SITEMAPS
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
    make_tag_alias,
    make_user,
    reindex,
)
from tests.sweeping import autocomplete_urls, walk

pytestmark = pytest.mark.django_db

CANARY = "qxcanary"

# Routes that are not swept, each with the reason.
EXCLUDED = {
    "media/": "uploaded files, stored under random names and served only by "
    "those names (tests/newsroom/test_media.py)",
}
# Admin routes are for staff and have their own permission tests; these are the
# ones a low-privileged staff login (a translator) can call to look things up.
ADMIN_SIDE_DOORS = ("admin/autocomplete/", "admin/r/")


def hidden_fields(label):
    """Text fields that each carry their own token: ``{field: token}``."""
    return {
        field: f"{CANARY}{label}{field.replace('_', '')}"
        for field in (
            "headline",
            "dek",
            "intro",
            "lead_image_caption",
            "lead_image_credit",
            "lead_image_alt",
        )
    }


@pytest.fixture
def world():
    now = timezone.now()
    editor = make_user("Editor")
    translator = make_user("Translator", contributor=True)
    own = translator.contributor
    public_series = make_series(name="Public series")
    public_person = make_contributor(name="Public interviewer")
    public_tag = "public topic"

    # 21 published articles: every list has a page 2.
    published = []
    for i in range(21):
        article = make_article(
            headline=f"Published piece {i}",
            series=public_series,
            tags=[public_tag],
            published_at=now - timedelta(days=1, minutes=i),
        )
        make_byline(article, public_person)
        published.append(article)
    first = published[0]
    make_byline(first, own, role=Byline.Role.TRANSLATOR)
    make_correction(first, text="A public correction of a date.")
    make_segment(first, question="A public question?", answer="A public answer.")

    # An anonymous interviewee on a published article: the real name, title and
    # organisation never reach the public.
    anonymous = make_interviewee(
        first,
        name=f"{CANARY}realname Person",
        title=f"{CANARY}realtitle",
        organisation=f"{CANARY}realorganisation",
        is_anonymous=True,
        public_description="a resident of Daraa",
    )
    make_segment(first, answer="Said with care.", answer_speaker=anonymous)
    reindex(first)

    hidden_series = make_series(
        name=f"{CANARY}series Name", description=f"{CANARY}seriesdescription"
    )
    hidden_person = make_contributor(
        name=f"{CANARY}person Name",
        title=f"{CANARY}persontitle",
        bio=f"{CANARY}personbio",
        bio_ar=f"{CANARY}personbioar",
    )
    hidden_tag = f"{CANARY}tag Name"
    states = {
        "draft": {"status": Article.Status.DRAFT},
        "review": {"status": Article.Status.IN_REVIEW},
        "scheduled": {
            "status": Article.Status.PUBLISHED,
            "published_at": now + timedelta(days=2),
        },
        "unpublished": {
            "status": Article.Status.PUBLISHED,
            "published_at": now - timedelta(hours=1),
        },
    }
    hidden = []
    for label, state in states.items():
        article = make_article(
            slug=f"{CANARY}-{label}-slug",
            series=hidden_series,
            tags=[hidden_tag, public_tag],
            **hidden_fields(label),
            **state,
        )
        attach_lead_image(
            article, image_bytes(800, 600), alt=f"{CANARY}{label}leadimagealt"
        )
        make_byline(article, hidden_person, role=Byline.Role.REPORTER)
        make_byline(article, own, role=Byline.Role.TRANSLATOR)
        make_byline(article, public_person)
        make_interviewee(
            article,
            name=f"{CANARY}{label}interviewee",
            title=f"{CANARY}{label}intervieweetitle",
            organisation=f"{CANARY}{label}intervieweeorganisation",
        )
        make_segment(
            article,
            question=f"{CANARY}{label}question?",
            answer=f"{CANARY}{label}answer",
        )
        if label == "unpublished":
            make_correction(article, text=f"{CANARY}unpublishedcorrection")
            workflow.unpublish_article(article=article, by=editor)
        workflow.create_preview_link(article=article, by=editor)
        reindex(article)
        hidden.append(article)
    # Editions: a published translation of the draft, and a scheduled translation
    # of a published article; neither page may name or link the hidden edition.
    published[1].translation_of = hidden[0]
    published[1].language = Article.Language.ARABIC
    published[1].save()
    hidden[2].translation_of = published[2]
    hidden[2].language = Article.Language.ARABIC
    hidden[2].save()
    alias = make_tag_alias(Tag.objects.get(name=hidden_tag), f"{CANARY}alias Name")
    return {
        "translator": translator,
        "hidden": hidden,
        "published": published,
        "alias": alias,
    }


def slugs(world):
    """Values for each route's first path segment, hidden objects included."""
    aliases = list(TagAlias.objects.values_list("slug", flat=True))
    return {
        "articles": list(Article.objects.values_list("slug", flat=True)),
        "tags": list(Tag.objects.values_list("slug", flat=True)) + aliases,
        "series": list(Series.objects.values_list("slug", flat=True)),
        "contributors": list(Contributor.objects.values_list("slug", flat=True)),
    }


def preview_tokens(world):
    """Preview links of the hidden articles that must not work: withdrawn,
    expired, tampered with."""
    withdrawn, expired, tampered = (
        workflow.create_preview_link(article=article, by=None)
        for article in world["hidden"][:3]
    )
    withdrawn.is_revoked = True
    withdrawn.save()
    expired.expires_at = timezone.now() - timedelta(minutes=1)
    expired.save()
    tokens = [
        link.get_absolute_url().rstrip("/").rsplit("/", 1)[1]
        for link in (withdrawn, expired, tampered)
    ]
    tokens[2] = tokens[2][:-3] + "xyz"
    return tokens


def fill(route, values):
    """Every URL for ``route``, its converters filled from ``values`` (a dict of
    path segment → candidates); None when the route has converters this sweep
    does not know how to fill."""
    converters = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not converters:
        return ["/" + route]
    if converters == ["section"] and route.startswith("sitemap-"):
        return ["/" + re.sub(r"<[^>]+>", part, route) for part in SITEMAPS]
    if converters == ["token"] and route.startswith("preview/"):
        return ["/" + re.sub(r"<[^>]+>", token, route) for token in values["preview"]]
    segment = route.split("/", 1)[0]
    if converters == ["slug"] and segment in values:
        return [
            "/" + re.sub(r"<(?:\w+:)?slug>", slug, route) for slug in values[segment]
        ]
    return None


def view_on_site_urls(world):
    """The admin's "view on site" redirect for every hidden object."""
    objects = [
        *world["hidden"],
        Contributor.objects.get(name__startswith=CANARY),
        Series.objects.get(name__startswith=CANARY),
        world["alias"],
    ]
    return [
        f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"
        for obj in objects
    ]


def locations(xml):
    """Every <loc>/<link> URL in a sitemap or feed, as a path."""
    root = ElementTree.fromstring(xml)
    found = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        url = element.get("href") if name == "link" else None
        if name in {"loc", "link", "guid", "id", "uri"} and element.text:
            url = element.text.strip()
        if url and url.startswith(("http://testserver/", "/")):
            found.append(urlsplit(url).path)
    return found


def assert_clean(response, url, *, echoed=""):
    assert response.status_code < 500, f"{url}: {response.status_code}"
    body = response.content.decode(errors="replace").lower()
    if echoed:
        body = body.replace(echoed.lower(), "")
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items()).lower()
    assert CANARY not in body, f"{url} shows a hidden token"
    assert CANARY not in headers, f"{url} sends a hidden token in a header"


def sweep(client, world):
    visited, unfilled = set(), []
    values = {**slugs(world), "preview": preview_tokens(world)}
    seen = set()

    def get(url):
        if url in seen:
            return None
        seen.add(url)
        response = client.get(url)
        assert_clean(response, url)
        return response

    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", *EXCLUDED)):
            if route.startswith(ADMIN_SIDE_DOORS):
                visited.add(route)
            continue
        urls = fill(route, values)
        if urls is None:
            unfilled.append(route)
            continue
        for url in urls:
            for variant in (url, f"{url}?page=2"):
                response = get(variant)
                is_listing = variant.endswith(".xml") or "/feed/" in variant
                if response and is_listing and response.status_code == 200:
                    for path in locations(response.content):
                        get(path)
                        get(f"{path}?page=2")
        visited.add(route)
    assert unfilled == [], "add a filler or an exclusion for these routes"

    tokens = {
        word
        for article in Article.objects.all()
        for word in re.findall(rf"{CANARY}\w+", str(vars(article)))
    } | {CANARY, f"{CANARY}realname", f"{CANARY}tag", f"{CANARY}alias Name"}
    for token in sorted(tokens):
        for page in ("", "&page=2"):
            url = f"/search/?{urlencode({'q': token})}{page}"
            response = client.get(url)
            assert_clean(response, url, echoed=token)
            assert b'class="search-result"' not in response.content, (
                url,
                re.findall(
                    r'class="teaser-headline"><a href="([^"]+)"',
                    response.content.decode(),
                ),
            )

    # Part of the canary (matched with icontains), so that the login redirect's
    # next= does not repeat the whole token.
    for url in autocomplete_urls(CANARY[1:-1]) + view_on_site_urls(world):
        get(url)
    return visited


def test_anonymous_readers_see_no_hidden_token_on_any_route(client, world):
    visited = sweep(client, world)
    # Every route was swept, or is excluded with a reason.
    routes = {route for route, _ in walk(get_resolver().url_patterns)}
    public = {r for r in routes if not r.startswith(("admin/", *EXCLUDED))}
    assert public - visited == set()
    assert {r for r in visited if r.startswith(ADMIN_SIDE_DOORS)}


def test_translators_see_no_hidden_token(client, world):
    client.force_login(world["translator"])
    sweep(client, world)
    # The translator is credited on the hidden articles, yet sees none of them.
    assert client.get(world["hidden"][2].get_absolute_url()).status_code == 404


def test_the_sweep_would_see_a_leak(client, world):
    """The canary is findable: publish a hidden article and the sweep fails."""
    scheduled = world["hidden"][2]
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(AssertionError, match="shows a hidden token"):
        sweep(client, world)


def test_view_on_site_redirects_only_to_what_the_user_may_see(client, world):
    published, draft = world["published"][0], world["hidden"][0]

    def view_on_site(obj):
        type_id = ContentType.objects.get_for_model(obj).pk
        return client.get(f"/admin/r/{type_id}/{obj.pk}/")

    client.force_login(make_user("Editor"))
    assert view_on_site(published)["Location"].endswith(published.get_absolute_url())
    # The article admin offers no "view on site" for a draft: nor does the redirect.
    assert view_on_site(draft).status_code == 404
    client.force_login(world["translator"])
    # Translators see in the admin only the articles that credit them.
    assert view_on_site(published).status_code == 302
    assert view_on_site(world["published"][1]).status_code == 404
    own = world["translator"].contributor
    assert view_on_site(own)["Location"].endswith(own.get_absolute_url())
    assert (
        view_on_site(Contributor.objects.exclude(pk=own.pk).first()).status_code == 404
    )


def test_the_page_cache_hands_no_hidden_token_to_readers(
    client, world, page_cache, editor
):
    """Staff open the hidden articles first (their pages are never kept); then the
    sweep runs twice, the second time from the cache."""
    staff = Client()
    staff.force_login(editor)
    for article in Article.objects.all():
        assert staff.get(article.get_absolute_url()).status_code == 200
    sweep(client, world)
    hits = []
    original_get = client.get

    def get_and_count(*args, **kwargs):
        response = original_get(*args, **kwargs)
        hits.append(response.get("X-Page-Cache") == "hit")
        return response

    client.get = get_and_count
    sweep(client, world)
    assert sum(hits) > 20  # the second sweep was served from the cache
