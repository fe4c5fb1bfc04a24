"""Jobs every app may use (sending an e-mail), and the worker's own upkeep: queue again the jobs
of workers that died."""

from django.core.mail import send_mail
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .jobs import recover_interrupted_jobs


@db_periodic_task(crontab(minute="*"))
def recover_jobs() -> int:
    return recover_interrupted_jobs()


@db_task()
def send_email_job(*, subject: str, body: str, to: list[str]) -> None:
    """Send one e-mail, away from the request that asked for it."""
    send_mail(subject, body, None, to)
