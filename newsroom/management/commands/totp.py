from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.accounts import two_factor


class Command(BaseCommand):
    help = (
        "Two-factor authentication for one login: 'enrol' prints the otpauth:// "
        "URI and key for an authenticator app, 'confirm CODE' turns the device on, "
        "'remove' deletes the login's devices (a lost phone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["enrol", "confirm", "remove"])
        parser.add_argument("username")
        parser.add_argument("code", nargs="?", help="for confirm: the app's code")

    def handle(self, *, action, username, code, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no login called {username!r}.") from None
        if action == "enrol":
            device = two_factor.start_enrolment(user=user)
            self.stdout.write(
                "Add this to an authenticator app (paste the URI or type the key):\n"
                f"  URI: {device.config_url}\n"
                f"  key: {two_factor.secret_for_typing(device)}\n"
                "Then turn it on with the code the app shows:\n"
                f"  manage.py totp confirm {username} CODE"
            )
        elif action == "confirm":
            if not code:
                raise CommandError("Give the code the app shows: confirm USER CODE.")
            try:
                two_factor.confirm_enrolment(user=user, token=code)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(
                self.style.SUCCESS(
                    f"Two-factor is on for {username}: the admin login now asks "
                    "for the app's code."
                )
            )
        else:
            count = two_factor.remove_devices(user=user)
            self.stdout.write(f"Removed {count} device(s) of {username}.")
