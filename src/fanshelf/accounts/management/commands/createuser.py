import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fanshelf.accounts import services


class Command(BaseCommand):
    help = "Create an account with its default pseud."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", help="omit to be asked for it")
        parser.add_argument("--staff", action="store_true", help="may use the admin site")
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args, username, email, password, staff, superuser, **options):
        from django.contrib.auth.password_validation import validate_password

        password = password or getpass.getpass(f"Password for {username}: ")
        try:
            validate_password(password)
            user = services.user_signup(username=username, email=email, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except Exception as error:  # an existing name or address, reported plainly
            raise CommandError(f"Could not create {username}: {error}") from error
        if staff or superuser:
            user.is_staff = True
            user.is_superuser = superuser
            user.save(update_fields=["is_staff", "is_superuser"])
        self.stdout.write(self.style.SUCCESS(f"Created {username}."))
