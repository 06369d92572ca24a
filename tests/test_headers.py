"""Every public page sends the security headers, and production settings pass
Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from newsroom.infra.headers import PERMISSIONS_POLICY
from tests.factories import (
    make_byline,
    make_correction,
    make_interview,
    make_series,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def public_urls():
    article = make_interview(headline="Marker headers interview")
    make_correction(article)
    byline = article.bylines.first()
    make_byline(article, byline.contributor, role="reporter")
    tag = article.tags.first()
    series_article = make_interview(series=make_series(name="Headers series"))
    return [
        "/",
        "/?page=2",
        article.get_absolute_url(),
        byline.contributor.get_absolute_url(),
        reverse("newsroom:tag", kwargs={"slug": tag.slug}),
        series_article.series.get_absolute_url(),
        "/search/?q=marker",
        "/corrections/",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
        "/articles/no-such-article/",
        "/admin/login/",
    ]


def test_every_public_page_sends_the_security_headers(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "script-src 'self'" in policy, url
        assert "frame-ancestors 'none'" in policy, url


def test_permissions_policy_switches_off_sensors_and_tracking(client):
    header = client.get("/")["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert features[feature] == "()"
    assert "browsing-topics" in features


def test_https_pages_send_hsts_when_it_is_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    # Browsers ignore HSTS over plain HTTP, and Django does not send it there.
    assert "Strict-Transport-Security" not in client.get("/")


def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "S3_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/15",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def run_manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run_manage(
        production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROXY_SETTINGS = """
from django.conf import settings
print(settings.NEWSROOM_PROXY_COUNT, getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
"""


@pytest.mark.parametrize(
    "env, expected, warning",
    [
        ({}, "0 None", False),
        ({"NEWSROOM_PROXY_COUNT": "1"}, "1 ('HTTP_X_FORWARDED_PROTO', 'https')", False),
        ({"DJANGO_SECURE_PROXY_SSL_HEADER": "1"}, None, True),
        (
            {"NEWSROOM_PROXY_COUNT": "2", "DJANGO_SECURE_PROXY_SSL_HEADER": "0"},
            None,
            True,
        ),
    ],
)
def test_production_trusts_no_proxy_unless_told_and_checks_they_agree(
    tmp_path, env, expected, warning
):
    env = {**production_env(tmp_path), **env}
    if expected:
        result = run_manage(env, "shell", "-c", PROXY_SETTINGS)
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
    check = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert ("newsroom.W002" in check.stdout + check.stderr) == warning


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


PRODUCTION_REQUEST = """
from django.test import Client
client = Client(HTTP_HOST="news.example.org")
plain = client.get("/robots.txt")
print("plain", plain.status_code, plain["Location"])
secure = client.get("/robots.txt", secure=True)
for name in ("Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options",
             "Referrer-Policy", "Permissions-Policy", "Content-Security-Policy"):
    print(name, "=", secure.get(name, "MISSING"))
"""


def test_production_settings_send_hsts_and_redirect_to_https(tmp_path):
    result = run_manage(production_env(tmp_path), "shell", "-c", PRODUCTION_REQUEST)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "plain 301 https://news.example.org/robots.txt" in lines
    assert (
        "Strict-Transport-Security = max-age=31536000; includeSubDomains; preload"
        in lines
    )
    assert "X-Frame-Options = DENY" in lines
    assert "X-Content-Type-Options = nosniff" in lines
    assert "Referrer-Policy = same-origin" in lines
    assert f"Permissions-Policy = {PERMISSIONS_POLICY}" in lines
    assert not any(line.endswith("MISSING") for line in lines)
