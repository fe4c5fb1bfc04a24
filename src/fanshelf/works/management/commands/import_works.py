from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fanshelf.accounts.models import Pseud
from fanshelf.works import services
from fanshelf.works.text_import import UnreadableUpload, parse_upload


class Command(BaseCommand):
    help = "Post works from .txt, .md or .html files; each file is imported whole or not at all."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--pseud", required=True, help="the pseud (or user name) to post as")
        parser.add_argument("--draft", action="store_true", help="save as drafts, not posted")

    def handle(self, *args, paths, pseud, draft, **options):
        pseuds = list(Pseud.objects.filter(name=pseud).select_related("user"))
        if len(pseuds) != 1:
            pseuds = list(Pseud.objects.filter(user__username=pseud, is_default=True))
        if len(pseuds) != 1:
            raise CommandError(f"No single pseud or user named “{pseud}”.")
        failures = 0
        for path in paths:
            try:
                imported = parse_upload(path.read_bytes(), path.name)
                work = services.work_import(imported=imported, pseuds=pseuds, post=not draft)
            except OSError as error:
                failures += 1
                self.stderr.write(f"{path}: {error.strerror or error}")
            except UnreadableUpload as error:
                failures += 1
                self.stderr.write(str(error))
            except ValidationError as error:
                failures += 1
                self.stderr.write(f"{path.name}: {' '.join(error.messages)}")
            else:
                self.stdout.write(
                    f"{path.name}: “{work.title}”, {work.chapter_count} chapter(s), "
                    f"{work.word_count:,} words -> /works/{work.pk}/"
                )
        if failures:
            raise CommandError(f"{failures} of {len(paths)} file(s) could not be imported.")
