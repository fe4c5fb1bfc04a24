from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fanshelf.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the whole archive (database and data folder files) to one file, while it runs: "
        "fanshelf backup [PATH]"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="where to write it (default: fanshelf-backup-DATE.tar.gz here)",
        )

    def handle(self, *args, path, **options):
        stamp = timezone.now().strftime("%Y-%m-%dT%H%M%S")
        target = Path(path or f"fanshelf-backup-{stamp}.tar.gz").resolve()
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = target.stat().st_size
        self.stdout.write(
            f"Backed up the {manifest['engine']} archive to {target} ({size:,} bytes)."
        )
