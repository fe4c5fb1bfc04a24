"""Background jobs of accounts: the invitation queue."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .invitations import invitations_send_from_queue


@db_periodic_task(crontab(minute="5"))
def send_queued_invitations() -> int:
    # Hourly; the staff's interval setting decides whether a batch is due.
    return invitations_send_from_queue()
