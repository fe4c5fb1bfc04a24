"""The worker's own upkeep: queue again the jobs of workers that died."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .jobs import recover_interrupted_jobs


@db_periodic_task(crontab(minute="*"))
def recover_jobs() -> int:
    return recover_interrupted_jobs()
