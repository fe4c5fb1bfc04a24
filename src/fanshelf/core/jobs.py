"""At-least-once jobs on top of Huey, which drops a job from its queue before running it.

A worker notes each job it starts in RunningJob and strikes it off when the job ends (done or
failed for good). A note left behind means the worker died mid-job: when a worker starts on the
same machine and the noted process is gone, or when the note is older than
FANSHELF_JOB_LEASE_SECONDS, the job is queued again. Every job must therefore be safe to repeat.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from huey.api import PeriodicTask
from huey.contrib.djhuey import HUEY

from .models import RunningJob

logger = logging.getLogger(__name__)


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks (Linux), so a reused pid is not mistaken for
    the worker that died; empty where /proc is missing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _owner(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_process_start(pid)}"


def _is_alive(owner: str) -> bool:
    host, pid, _ = owner.rsplit(":", 2)
    if host != socket.gethostname():
        return True  # another machine's worker: only the lease can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return _owner(int(pid)) == owner


def _is_tracked(task) -> bool:
    return not isinstance(task, PeriodicTask)  # a periodic job comes round again anyway


def job_started(task) -> None:
    if _is_tracked(task):
        RunningJob.objects.update_or_create(
            task_id=task.id,
            defaults={
                "name": task.name,
                "message": HUEY.serialize_task(task),
                "owner": _owner(),
                "started_at": timezone.now(),
            },
        )


def job_ended(task, value, exception) -> None:
    if _is_tracked(task):
        RunningJob.objects.filter(task_id=task.id).delete()


def recover_interrupted_jobs() -> int:
    """Queue again the jobs whose worker died. Returns how many."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.FANSHELF_JOB_LEASE_SECONDS)
    host = socket.gethostname()
    recovered = 0
    candidates = RunningJob.objects.filter(Q(started_at__lt=cutoff) | Q(owner__startswith=host))
    for job in candidates:
        if job.started_at >= cutoff and _is_alive(job.owner):
            continue
        # Only the worker that deletes the note queues the job, so two never both do.
        if RunningJob.objects.filter(pk=job.pk, started_at=job.started_at).delete()[0]:
            logger.warning("Job %s was interrupted; queueing it again.", job)
            HUEY.enqueue(HUEY.deserialize_task(bytes(job.message)))
            recovered += 1
    return recovered


def _recover_at_startup() -> None:
    try:
        recover_interrupted_jobs()
    except Exception:  # a worker must start even if the database is briefly away
        logger.exception("Could not look for interrupted jobs.")


def connect() -> None:
    HUEY.pre_execute(name="fanshelf.job_started")(job_started)
    HUEY.post_execute(name="fanshelf.job_ended")(job_ended)
    HUEY.on_startup(name="fanshelf.recover_jobs")(_recover_at_startup)
