"""Background jobs of the shelf: apply buffered reading, tell subscribers, send digests. Each is
safe to run twice."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import notify_services, reading_services, subscription_services


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_READING_FLUSH_MINUTES}"))
def flush_reading() -> int:
    return reading_services.flush_reading()


@db_task()
def announce_work(work_id: int) -> int:
    return len(subscription_services.announce_work(work_id=work_id))


@db_task()
def deliver_updates(update_ids: list[int]) -> int:
    return notify_services.deliver_updates(update_ids=update_ids)


@db_periodic_task(crontab(minute="0", hour=str(settings.FANSHELF_DIGEST_HOUR)))
def send_digests() -> int:
    return notify_services.send_digests()
