"""Background jobs of the shelf: apply buffered reading, tell subscribers (the inbox sends their
e-mails and digests). Each is safe to run twice."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import reading_services, subscription_services


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_READING_FLUSH_MINUTES}"))
def flush_reading() -> int:
    return reading_services.flush_reading()


@db_task()
def announce_work(work_id: int) -> int:
    return len(subscription_services.announce_work(work_id=work_id))
