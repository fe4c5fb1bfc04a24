import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the archive with gunicorn (and, with --with-worker, a background-job worker)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("FANSHELF_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="also run `fanshelf worker` for background jobs",
        )

    def handle(self, *args, bind, workers, with_worker, **options):
        worker = None
        if with_worker:
            worker = subprocess.Popen([sys.executable, "-m", "fanshelf.cli", "worker"])
        self.stdout.write(
            f"Fanshelf is serving at http://{bind}/ (data in {settings.FANSHELF_HOME})"
        )
        try:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "fanshelf.wsgi:application",
                    "--bind",
                    bind,
                    "--workers",
                    str(workers),
                    "--access-logfile",
                    "-",
                ],
                check=False,
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
