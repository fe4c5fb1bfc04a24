from django.core.management.base import BaseCommand, CommandError

from fanshelf.analysis.packfile import PackError, bundled_pack_paths, read_pack
from fanshelf.tags.pack_loading import pack_load


class Command(BaseCommand):
    help = "Fill the tag database from fandom packs (TOML); loading a pack twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("packs", nargs="*", help="pack files (.toml)")
        parser.add_argument(
            "--bundled", action="store_true", help="load the packs that ship with Fanshelf"
        )

    def handle(self, *args, packs, bundled, **options):
        paths = [*(bundled_pack_paths() if bundled else ()), *packs]
        if not paths:
            raise CommandError("Name one or more pack files, or use --bundled.")
        # Check every pack before loading any, so a bad one leaves the archive untouched.
        try:
            parsed = [read_pack(path) for path in paths]
        except PackError as error:
            raise CommandError(str(error)) from None
        for pack in parsed:
            report = pack_load(pack=pack)
            self.stdout.write(report.summary())
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"  {warning}"))
            if options["verbosity"] > 1:
                for change in report.changes:
                    self.stdout.write(f"  {change}")
