"""Optional two-factor login: a six-digit code from an authenticator app (TOTP,
django-otp) asked at the admin login, after the password.

Who is asked: anyone with a confirmed device; every staff login when
``NEWSROOM_REQUIRE_2FA`` is on (someone with no device is then refused with a
message telling how to enrol). Enrolment is two steps, so that a phone that
scanned the key wrongly never locks its owner out: ``start_enrolment()`` makes an
unconfirmed device and gives the ``otpauth://`` URI for the app, and
``confirm_enrolment()`` turns it on once the app shows a right code. The
``totp`` management command calls both. A wrong code counts as a failed login for
django-axes, so codes cannot be guessed faster than passwords.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def start_enrolment(*, user, name=DEVICE_NAME):
    """A new, not yet confirmed device for ``user`` (replacing any other that was
    waiting for confirmation). Its ``config_url`` goes into the app."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=name, confirmed=False)


def confirm_enrolment(*, user, token):
    """Confirm ``user``'s waiting device with a code the app shows now."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).last()
    if device is None:
        raise ValidationError(
            _("No device is waiting for confirmation for %(user)s; enrol one first."),
            code="nothing_to_confirm",
            params={"user": user.get_username()},
        )
    if not device.verify_token(token.strip()):
        raise ValidationError(
            _(
                "The code %(token)s does not match. Check the phone's clock and "
                "enter the code the app shows now."
            ),
            code="wrong_code",
            params={"token": token.strip()},
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def remove_devices(*, user):
    """Remove every device of ``user`` (a lost phone). Returns how many."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    return count


def secret_for_typing(device):
    """The key in base32, for apps where the URI cannot be pasted or scanned."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


class TwoFactorAdminLoginForm(AdminAuthenticationForm):
    """The admin login form with an authentication-code field. The field is on
    the form for everyone, so the page does not tell who has two-factor on."""

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=8,
        help_text=_(
            "The six digits of your authenticator app, if you have set one up."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": _("Enter the six-digit code your authenticator app shows."),
        "code_invalid": _(
            "That authentication code is not right. Enter the code your app "
            "shows now (it changes every 30 seconds)."
        ),
        "not_enrolled": _(
            "This site requires two-factor authentication and your account has no "
            "authenticator app yet. Ask an administrator to enrol one "
            "(manage.py totp enrol USERNAME)."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned_data
        devices = list(confirmed_devices(user))
        if not devices:
            if settings.NEWSROOM_REQUIRE_2FA:
                raise ValidationError(
                    self.error_messages["not_enrolled"], code="not_enrolled"
                )
            return cleaned_data
        token = (cleaned_data.get("otp_token") or "").strip()
        device = next((d for d in devices if token and d.verify_token(token)), None)
        if device is None:
            # Counted by django-axes like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            code = "code_invalid" if token else "code_required"
            raise ValidationError(self.error_messages[code], code=code)
        # django-otp marks the session as verified by this device at login.
        user.otp_device = device
        return cleaned_data


class NewsroomAdminSite(admin.AdminSite):
    """The admin site (installed as the default one by
    ``newsroom.apps.NewsroomAdminConfig``): its login asks for the code, and with
    ``NEWSROOM_REQUIRE_2FA`` on, a session not verified by a code (one opened
    before the setting was turned on) is sent back to the login."""

    login_form = TwoFactorAdminLoginForm

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not settings.NEWSROOM_REQUIRE_2FA
