import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# Signals that stop `fanshelf serve` (and `fanshelf demo`); each is passed on to gunicorn and the
# worker, so that stopping the command stops everything it started.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CHILD_STOP_SECONDS = 20


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this child if `fanshelf serve` itself is killed (kill -9)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the signal handlers below still stop the children


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
        home = settings.FANSHELF_HOME
        gunicorn = [
            sys.executable, "-m", "gunicorn", "fanshelf.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--access-logfile", "-",
            "--control-socket", str(home / "gunicorn.ctl"),
        ]  # fmt: skip
        children = []
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
        try:
            if with_worker:
                worker = [sys.executable, "-m", "fanshelf.cli", "worker"]
                children.append(subprocess.Popen(worker, preexec_fn=_die_with_parent))
            self.stdout.write(f"Fanshelf is serving at http://{bind}/ (data in {home})")
            self.stdout.write("Stop it with Ctrl-C (or kill this process): the worker stops too.")
            self.stdout.flush()
            children.append(subprocess.Popen(gunicorn, preexec_fn=_die_with_parent))
            # Wait for gunicorn, or for a signal; a worker that dies alone is not a reason to stop.
            while not stopping and children[-1].poll() is None:
                time.sleep(0.2)
        finally:
            stop(None, None)
            for child in children:
                try:
                    child.wait(timeout=CHILD_STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
