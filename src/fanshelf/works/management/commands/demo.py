from django.core.management import call_command
from django.core.management.base import BaseCommand

from fanshelf.works.sample import DEMO_LOGIN, load_sample_library


class Command(BaseCommand):
    help = "Create the archive with a sample library, print a demo login and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="set up, then stop")
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args, no_serve, bind, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created = load_sample_library()
        if created:
            self.stdout.write(f"Loaded the sample library: {created} works.")
        else:
            self.stdout.write("The sample library is already loaded.")
        username, password = DEMO_LOGIN
        self.stdout.write(
            self.style.SUCCESS(
                f"\nFanshelf demo: http://{bind}/\nLog in as {username} / {password}\n"
            )
        )
        if not no_serve:
            call_command("serve", bind=bind, with_worker=True)
