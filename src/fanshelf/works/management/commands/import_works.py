from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fanshelf.accounts.models import Pseud
from fanshelf.core.budget import text_budget
from fanshelf.tags.models import CHOSE_NOT_TO_WARN
from fanshelf.works import services
from fanshelf.works.text_import import UnreadableUpload, parse_upload


class Command(BaseCommand):
    help = "Post works from .txt, .md or .html files; each file is imported whole or not at all."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--pseud", required=True, help="the pseud (or user name) to post as")
        parser.add_argument("--draft", action="store_true", help="save as drafts, not posted")
        tags = parser.add_argument_group("tags for every imported work (repeat or comma-separate)")
        tags.add_argument("--fandom", action="append", default=[], help="needed to post")
        tags.add_argument("--rating", default="Not Rated")
        tags.add_argument(
            "--warning",
            action="append",
            default=[],
            help=f"default: “{CHOSE_NOT_TO_WARN}”",
        )
        tags.add_argument("--category", action="append", default=[])
        tags.add_argument("--character", action="append", default=[])
        tags.add_argument("--relationship", action="append", default=[])
        tags.add_argument("--tag", action="append", default=[], help="additional tags")

    def handle(self, *args, paths, pseud, draft, **options):
        tags = _tag_options(options)
        if not draft and not tags["fandoms"]:
            raise CommandError(
                "Posting needs a fandom: give --fandom NAME, or --draft to save "
                "drafts and tag them in the archive before posting."
            )
        pseuds = list(Pseud.objects.filter(name=pseud).select_related("user"))
        if len(pseuds) != 1:
            pseuds = list(Pseud.objects.filter(user__username=pseud, is_default=True))
        if len(pseuds) != 1:
            raise CommandError(f"No single pseud or user named “{pseud}”.")
        failures = 0
        for path in paths:
            try:
                # Each file gets its own text-processing time, like a web request.
                with text_budget(settings.FANSHELF_TEXT_BUDGET_SECONDS):
                    imported = parse_upload(path.read_bytes(), path.name)
                    work = services.work_import(
                        imported=imported, pseuds=pseuds, post=not draft, tags=tags
                    )
            except DatabaseError as error:
                # One file the database refuses must not stop the rest of the batch.
                failures += 1
                self.stderr.write(f"{path.name}: the database refused it ({error}).")
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


def _names(values: list[str]) -> list[str]:
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _tag_options(options: dict) -> dict:
    return {
        "rating": options["rating"],
        "warnings": _names(options["warning"]) or [CHOSE_NOT_TO_WARN],
        "categories": _names(options["category"]),
        "fandoms": _names(options["fandom"]),
        "characters": _names(options["character"]),
        "relationships": _names(options["relationship"]),
        "freeforms": _names(options["tag"]),
    }
