"""Readers' browsers talk to this site only: every request of a public page goes to
its own origin, under a Content-Security-Policy; the admin works under it too."""

import pytest

from tests.factories import (
    attach_headshot,
    attach_lead_image,
    make_byline,
    make_contributor,
    make_interview,
    make_interviewee,
)

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page):
    """Record every request the page makes and every CSP complaint."""
    requests, violations = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return requests, violations


def test_public_pages_request_only_their_own_origin(page, live_server):
    article = make_interview(headline="Marker browser interview", segments=2)
    attach_lead_image(article, alt="A road at dusk")
    person = attach_headshot(make_contributor(name="Browser Photographer"))
    make_byline(article, person, role="photographer")
    make_interviewee(
        article, is_anonymous=True, public_description="a resident of Daraa"
    )
    tag = article.tags.first()
    requests, violations = watch(page)

    for path in [
        "/",
        article.get_absolute_url(),
        person.get_absolute_url(),
        f"/tags/{tag.slug}/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["referrer-policy"] == "same-origin"
        page.wait_for_load_state("networkidle")

    assert any("/media/lead-images/" in url for url in requests)
    assert any("/static/css/site.css" in url for url in requests)
    foreign = [url for url in requests if not url.startswith(live_server.url)]
    assert foreign == []
    assert violations == []


def test_admin_works_under_the_content_security_policy(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("desk", password="desk-password-1")
    article = make_interview(headline="Admin under CSP")
    requests, violations = watch(page)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    response = page.goto(
        f"{live_server.url}/admin/newsroom/article/{article.pk}/change/"
    )
    assert "content-security-policy" in response.headers
    # Collapsible fieldsets, autocomplete and "add another" rows are scripts.
    page.locator("#bylines-group").get_by_text("Add another Byline").click()
    page.locator("#bylines-group .select2-selection").last.click()
    page.wait_for_selector(".select2-results__option")
    page.keyboard.press("Escape")
    page.locator("summary", has_text="Lead image").click()
    assert page.locator("#id_lead_image").is_visible()
    assert violations == []
    assert [url for url in requests if not url.startswith(live_server.url)] == []
