"""E-mail jobs. Each claims its rows before sending, so a job that runs twice sends once."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import emails


@db_task(retries=3, retry_delay=60)
def send_notification_email(notification_id: int) -> bool:
    return emails.send_one(notification_id)


@db_periodic_task(crontab(hour=str(settings.FANSHELF_DIGEST_HOUR_UTC), minute="0"))
def send_digests() -> int:
    return emails.send_digests()
