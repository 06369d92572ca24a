"""Public pages carry a strict Content-Security-Policy and leak no Referer."""

import re

import pytest

from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_content_security_policy(client):
    article = make_interview()
    for url in ["/", article.get_absolute_url()]:
        response = client.get(url)
        directives = dict(
            part.strip().split(" ", 1)
            for part in response["Content-Security-Policy"].split(";")
        )
        assert directives["default-src"] == "'self'"
        assert directives["img-src"] == "'self' data:"
        assert directives["style-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["base-uri"] == "'self'"
        assert directives["form-action"] == "'self'"
        assert response["Referrer-Policy"] == "same-origin"


def test_share_links_are_plain_links_that_send_no_referrer(client):
    html = client.get(make_interview().get_absolute_url()).content.decode()
    assert 'href="https://x.com/intent/post?' in html
    assert html.count('rel="noopener noreferrer"') >= 4
    # The only script element is the page's JSON-LD data, which never runs.
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script type="application/ld+json">']
    assert "<iframe" not in html
