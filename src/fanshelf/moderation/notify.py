"""Telling users what moderation did: a line in their inbox and an e-mail through the job queue
(never in the request), following their preference for moderation e-mails."""

from django.urls import reverse
from django.utils.html import format_html

from fanshelf.inbox.services import notification_send


def tell_user(user, *, subject: str, body: str) -> None:
    notification_send(
        recipient=user,
        kind="moderation",
        subject=subject,
        body_html=format_html("<p>{}</p>", body),
        url=reverse("moderation:appeal"),
    )
