from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fanshelf.search import services


class Command(BaseCommand):
    help = (
        "Rebuild the search index. Progress is saved with every batch: an interrupted run "
        "resumes where it stopped unless --from-scratch is given."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--resume", action="store_true", help="carry on an interrupted run")
        group.add_argument("--from-scratch", action="store_true", help="start over")

    def handle(self, *args, resume, from_scratch, **options):
        choice = True if resume else False if from_scratch else None
        try:
            run = services.reindex_start(resume=choice)
        except services.NothingToResume as error:
            raise CommandError(str(error)) from None
        if run.done:
            self.stdout.write(f"Resuming after work {run.last_work_id} ({run.done:,} done).")
        with tqdm(total=run.total, initial=run.done, unit="works", desc="Indexing") as bar:
            services.reindex_run(run=run, on_batch=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Indexed {run.done:,} works."))
