"""Writing and sending notification e-mails (called from jobs, never inside a request)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from .models import Notification
from .selectors import may_see

Email = Notification.Email


def _claim(ids) -> list[Notification]:
    """Move pending rows to "sending"; only the rows this call moved are returned."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=list(ids), email=Email.PENDING)
            .select_related("recipient")
        )
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(email=Email.SENDING)
    return rows


def _finish(rows, state) -> None:
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(email=state)


def _text(notification: Notification) -> str:
    return strip_tags(notification.body_html).strip()


def _send(recipient, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {"site_url": settings.FANSHELF_SITE_URL, **context})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def send_one(notification_id: int) -> bool:
    rows = _claim([notification_id])
    if not rows:
        return False
    notification = rows[0]
    if not may_see(notification):
        _finish(rows, Email.NONE)
        return False
    try:
        _send(
            notification.recipient,
            f"[Fanshelf] {notification.subject}",
            "inbox/email.txt",
            {"notification": notification, "text": _text(notification)},
        )
    except Exception:
        _finish(rows, Email.PENDING)  # the job's retry sends it
        raise
    _finish(rows, Email.SENT)
    return True


def send_digests() -> int:
    """One e-mail per recipient gathering their pending digest rows; returns e-mails sent."""
    pending = Notification.objects.filter(digest=True, email=Email.PENDING)
    sent = 0
    for recipient_id in pending.values_list("recipient_id", flat=True).distinct():
        ids = pending.filter(recipient_id=recipient_id).values_list("pk", flat=True)
        rows = _claim(ids)
        if not rows:
            continue
        shown = [row for row in rows if may_see(row)]
        _finish([row for row in rows if row not in shown], Email.NONE)
        if not shown:
            continue
        try:
            _send(
                shown[0].recipient,
                f"[Fanshelf] Your daily digest: {len(shown)} new",
                "inbox/digest.txt",
                {"rows": shown},
            )
        except Exception:
            _finish(shown, Email.PENDING)
            raise
        _finish(shown, Email.SENT)
        sent += 1
    return sent
