"""Telling users what moderation did: an e-mail sent by the job queue, never in the request."""

from django.core.mail import send_mail
from django.db import transaction
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def send_moderation_mail(user_id: int, subject: str, body: str) -> None:
    from fanshelf.accounts.models import User

    user = User.objects.filter(pk=user_id).first()
    if user is not None and user.email:
        send_mail(subject, body, None, [user.email])


def tell_user(user, *, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_moderation_mail(user.pk, subject, body))
