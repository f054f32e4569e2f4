import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Make sure a superuser exists. A new one gets a random password, printed once; "
        "an existing one is left alone unless --reset-password is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--reset-password", action="store_true", help="Give the account a new random password and print it."
        )

    @transaction.atomic
    def handle(self, username, reset_password, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None and not reset_password:
            self.stdout.write(
                f"The admin account “{username}” already exists; its password was printed when it was created. "
                "Run `python manage.py ensure_admin --reset-password` for a new one."
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
        else:
            user.set_password(password)
            user.is_active = user.is_staff = user.is_superuser = True
            user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Admin account: {username}  password: {password}  (shown only this once)")
        )
