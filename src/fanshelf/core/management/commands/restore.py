from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanshelf.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Fill a new, empty archive from a file written by `fanshelf backup`: fanshelf restore PATH"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `fanshelf backup`")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"There is no backup file at {source}.")
        try:
            manifest = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the archive backed up at {manifest['created_at']}. Run `fanshelf migrate` "
            "if this Fanshelf is newer, then start it as usual."
        )
