"""Logins: throttled per account and address, saying nothing about which accounts
exist, redirecting only within the site, with secure cookies and optional TOTP."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.accounts import two_factor
from tests.factories import PASSWORD, make_user

LOGIN = "/admin/login/"
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def log_in(
    client, username, password=PASSWORD, *, address="10.0.0.1", forwarded=None, **extra
):
    """Post the login form from ``address`` (through a proxy that says the client
    is ``forwarded``); ``extra`` are more form fields."""
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/", **extra},
        **meta,
    )


def comparable(html, *words):
    """The page with what differs by design taken out: CSRF tokens and the
    username the person typed, echoed back in the form."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for word in words:
        html = html.replace(word, "NAME")
    return html


def test_failed_logins_pause_the_account_from_that_address_with_a_clear_429(client):
    make_user("Editor", username="night-editor")
    for _ in range(4):
        response = log_in(client, "night-editor", "not-the-password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    assert log_in(client, "night-editor", "not-the-password").status_code == 429
    response = log_in(client, "night-editor")  # the right password, too late
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "paused for 15 minutes" in response.text
    assert "Try again in 15 minutes" in response.text
    assert response["Retry-After"] == "900"
    assert client.get("/admin/").status_code == 302  # not logged in


def test_a_paused_account_still_logs_in_from_elsewhere_and_others_from_there(client):
    make_user("Editor", username="night-editor")
    make_user("Editor", username="day-editor")
    for _ in range(6):
        log_in(client, "night-editor", "guess", address="203.0.113.9")
    assert log_in(client, "night-editor", address="203.0.113.9").status_code == 429
    # The attacker's address does not lock the editor out at the office...
    response = log_in(client, "night-editor", address="198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    client.logout()
    # ...and a colleague behind the attacker's address is not locked out either.
    response = log_in(client, "day-editor", address="203.0.113.9")
    assert response.status_code == 302


def test_behind_the_load_balancer_the_address_it_saw_is_the_one_counted(
    client, settings
):
    settings.NEWSROOM_PROXY_COUNT = 1
    make_user("Editor", username="night-editor")
    balancer = "10.0.0.2"
    for n in range(5):
        # The attacker varies what they put in X-Forwarded-For; the balancer
        # appends the address it saw, which stays the same.
        log_in(
            client,
            "night-editor",
            "guess",
            address=balancer,
            forwarded=f"192.0.2.{n}, 203.0.113.9",
        )
    attacker = log_in(client, "night-editor", address=balancer, forwarded="203.0.113.9")
    assert attacker.status_code == 429
    editor = log_in(client, "night-editor", address=balancer, forwarded="198.51.100.4")
    assert editor.status_code == 302


def test_forged_forwarded_for_headers_do_not_dodge_the_throttle(client, settings):
    """Reached directly (no proxy to trust, the default), every attempt counts
    against the connection's address, whatever X-Forwarded-For claims."""
    assert settings.NEWSROOM_PROXY_COUNT == 0
    make_user("Editor", username="night-editor")
    statuses = [
        log_in(client, "night-editor", "guess", forwarded=f"192.0.2.{n}").status_code
        for n in range(20)
    ]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    # Nor does a "new" address claimed in the header let the right password in.
    response = log_in(client, "night-editor", forwarded="198.51.100.77")
    assert response.status_code == 429


def test_unknown_accounts_are_paused_exactly_like_real_ones(client):
    make_user("Editor", username="night-editor")
    pages = {}
    for username in ("night-editor", "nobody-here"):
        for _ in range(5):
            log_in(client, username, "guess")
        response = log_in(client, username, "guess")
        pages[username] = (response.status_code, comparable(response.text))
    assert pages["night-editor"][0] == 429
    assert pages["night-editor"] == pages["nobody-here"]


@pytest.mark.parametrize(
    "case", ["wrong password", "inactive account", "account without admin access"]
)
def test_login_error_is_the_same_whether_or_not_the_account_exists(client, case):
    if case == "wrong password":
        make_user("Editor", username="real-editor")
        password = "not-the-password"
    elif case == "inactive account":
        make_user("Editor", username="real-editor", is_active=False)
        password = PASSWORD
    else:
        get_user_model().objects.create_user("real-editor", password=PASSWORD)
        password = PASSWORD
    known = log_in(client, "real-editor", password)
    unknown = log_in(client, "fake-editor", password)
    assert known.status_code == unknown.status_code == 200
    assert comparable(known.text, "real-editor") == comparable(
        unknown.text, "fake-editor"
    )


def test_password_reset_answers_the_same_for_unknown_addresses_and_works(client):
    make_user("Editor", username="night-editor", email="night@example.org")
    known = client.post("/admin/password_reset/", {"email": "night@example.org"})
    unknown = client.post("/admin/password_reset/", {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["night@example.org"]

    link = re.search(r"http://testserver(/admin/reset/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Enter new password" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert done["Location"] == "/admin/reset/done/"
    assert log_in(client, "night-editor", "a new long passphrase").status_code == 302


def test_login_page_links_to_password_reset(client):
    page = client.get(LOGIN)
    assert 'href="/admin/password_reset/"' in page.text
    assert "Authentication code" in page.text


# After Django's own list of URLs that must not count as this site
# (tests/utils_tests/test_http.py), in the shapes browsers resolve elsewhere.
HOSTILE_NEXT = [
    "http://evil.example",
    "https://evil.example/admin/",
    "//evil.example",
    "///evil.example",
    r"\\evil.example",
    r"\/evil.example",
    r"/\evil.example",
    r"/\/evil.example",
    "https:evil.example",
    "http:/evil.example",
    r"http:\\testserver\@evil.example",
    r"http://testserver\@evil.example",
    "javascript:alert(document.cookie)",
    "java\nscript:alert(1)",
    "\njavascript:alert(1)",
    "\x08//evil.example",
    "ftp://evil.example",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_to_another_site(client, target):
    make_user("Editor", username="night-editor")
    response = log_in(client, "night-editor", next=target)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_login_redirects_to_a_page_of_this_site(client):
    make_user("Editor", username="night-editor")
    response = log_in(client, "night-editor", next="/admin/newsroom/article/")
    assert response["Location"] == "/admin/newsroom/article/"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_never_redirects_to_another_site(client, target):
    client.force_login(make_user("Editor"))
    response = client.post("/admin/logout/", {"next": target})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == "/admin/logout/"
    assert client.get("/admin/").status_code == 302  # logged out all the same


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    make_user("Editor", username="night-editor")
    client.get(LOGIN)
    csrf = client.cookies["csrftoken"]
    response = log_in(client, "night-editor")
    session = response.cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["secure"] is True


def test_production_settings_make_cookies_secure():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "s" * 60,
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE]))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(output.splitlines()[-1]) == [True, True, True, True, "Lax", "Lax"]


# -- two-factor -------------------------------------------------------------------


def code_for(device, *, drift=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def enrolled(user):
    """Enrol ``user`` through the command, as an administrator would."""
    call_command("totp", "enrol", user.username, stdout=io.StringIO())
    device = TOTPDevice.objects.get(user=user)
    call_command(
        "totp", "confirm", user.username, code_for(device), stdout=io.StringIO()
    )
    device.refresh_from_db()
    # A code is accepted once; the login below needs the next one.
    device.last_t = -1
    device.save()
    return device


def test_enrolment_prints_the_otpauth_uri_and_needs_a_right_code(client, capsys):
    user = make_user("Editor", username="night-editor")
    call_command("totp", "enrol", "night-editor")
    output = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=user)
    assert "otpauth://totp/" in output and "secret=" in output
    assert two_factor.secret_for_typing(device) in output
    with pytest.raises(CommandError, match="does not match"):
        call_command("totp", "confirm", "night-editor", "000000")
    assert not TOTPDevice.objects.get(user=user).confirmed
    # Until confirmed, the device is not asked for at login.
    assert log_in(client, "night-editor")["Location"] == "/admin/"


def test_login_with_a_device_fails_without_the_right_code(client):
    user = make_user("Editor", username="night-editor")
    device = enrolled(user)
    response = log_in(client, "night-editor")
    assert response.status_code == 200
    assert "Enter the six-digit code your authenticator app shows." in response.text
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = log_in(client, "night-editor", otp_token=wrong)
    assert "That authentication code is not right." in response.text
    assert client.get("/admin/").status_code == 302


def test_login_with_a_device_passes_with_the_code_and_marks_the_session(client):
    user = make_user("Editor", username="night-editor")
    device = enrolled(user)
    response = log_in(client, "night-editor", otp_token=code_for(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_as_failed_logins(client):
    user = make_user("Editor", username="night-editor")
    device = enrolled(user)
    wrong = f"{(int(code_for(device)) + 7) % 1_000_000:06d}"
    for _ in range(5):
        log_in(client, "night-editor", otp_token=wrong)
    response = log_in(client, "night-editor", otp_token=code_for(device))
    assert response.status_code == 429


def test_required_two_factor_refuses_a_login_without_a_device(client, settings):
    settings.NEWSROOM_REQUIRE_2FA = True
    make_user("Editor", username="night-editor")
    response = log_in(client, "night-editor")
    assert response.status_code == 200
    assert "requires two-factor authentication" in response.text
    assert "manage.py totp enrol" in response.text
    assert client.get("/admin/").status_code == 302


def test_removing_devices_turns_the_code_off(client):
    user = make_user("Editor", username="night-editor")
    enrolled(user)
    call_command("totp", "remove", "night-editor", stdout=io.StringIO())
    assert log_in(client, "night-editor")["Location"] == "/admin/"


def test_required_two_factor_sends_unverified_sessions_back_to_the_login(
    client, settings
):
    user = make_user("Editor", username="night-editor")
    device = enrolled(user)
    client.force_login(user)  # a session opened without a code
    settings.NEWSROOM_REQUIRE_2FA = True
    assert client.get("/admin/").status_code == 302
    response = log_in(client, "night-editor", otp_token=code_for(device))
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
