from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fanshelf.suggestions.services import forget_knowledge, work_analyze
from fanshelf.works.models import Work


class Command(BaseCommand):
    help = "Read every work again with the analyser (after loading a new fandom pack)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", required=True, help="analyse every work in the archive"
        )
        parser.add_argument(
            "--missing", action="store_true", help="only works the analyser has not read yet"
        )

    def handle(self, *args, missing, **options):
        forget_knowledge()
        works = Work.objects.order_by("pk")
        if missing:
            works = works.filter(analysis__isnull=True)
        ids = list(works.values_list("pk", flat=True))
        if not ids:
            raise CommandError("There are no works to analyse.")
        for work in tqdm(
            works.iterator(chunk_size=200),
            total=len(ids),
            unit="work",
            disable=options["verbosity"] == 0,
        ):
            work_analyze(work=work)
        self.stdout.write(self.style.SUCCESS(f"Analysed {len(ids)} works."))
