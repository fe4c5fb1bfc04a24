"""Telling users what moderation did: an e-mail sent by the job queue, never in the request."""

from django.db import transaction

from fanshelf.core.tasks import send_email_job


def tell_user(user, *, subject: str, body: str) -> None:
    if user.email:
        transaction.on_commit(lambda: send_email_job(subject=subject, body=body, to=[user.email]))
