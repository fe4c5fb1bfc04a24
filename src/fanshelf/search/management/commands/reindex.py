import time

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
        group.add_argument(
            "--local-text",
            action="store_true",
            help="PostgreSQL: build this machine's text file from the index instead",
        )

    def handle(self, *args, resume, from_scratch, local_text, **options):
        if local_text:
            self._build_local_text()
            return
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

    def _build_local_text(self):
        from django.db import connection

        from fanshelf.search.backends.local_text_build import AlreadyBuilding, build

        if connection.vendor != "postgresql":
            self.stdout.write("SQLite searches its own FTS5 index: there is nothing to build.")
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_workindex WHERE document IS NOT NULL")
            total = cursor.fetchone()[0]
        started = time.monotonic()
        with tqdm(total=total, unit="works", desc="Local text") as bar:
            try:
                path = build(on_batch=bar.update)
            except AlreadyBuilding as error:
                message = f"{str(error).capitalize()}; try again when it is done."
                raise CommandError(message) from None
        size = path.stat().st_size / 2**20
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path} ({size:,.0f} MB) in {time.monotonic() - started:,.0f} s."
            )
        )
