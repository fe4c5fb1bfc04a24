"""Every write to notifications and e-mail preferences."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from fanshelf.works.sanitize import sanitize_html

from .kinds import preference_of
from .models import EmailPreferenceChoice, Notification
from .selectors import email_preferences


def notification_send(
    *,
    recipient,
    kind: str,
    subject: str,
    body_html: str = "",
    url: str = "",
    work=None,
    target: Model | None = None,
    actor=None,
    actor_name: str = "",
    reply_url: str = "",
    digest: bool = False,
    in_inbox: bool = True,
) -> Notification:
    """Tell `recipient` something (see the package docstring). The e-mail, when the recipient's
    preference for this kind is on, is queued once the caller's transaction commits."""
    wants_email = email_preferences(recipient)[preference_of(kind).key]
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject=subject[:300],
        body_html=sanitize_html(body_html),
        url=url,
        reply_url=reply_url,
        work=work,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        actor=actor,
        actor_name=actor_name or (actor.username if actor is not None else ""),
        in_inbox=in_inbox,
        digest=digest,
        email=Notification.Email.PENDING if wants_email else Notification.Email.NONE,
    )
    if wants_email and not digest:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email(notification.pk))
    return notification


def notifications_withdraw(*, target: Model) -> int:
    """Remove every notification about `target` (a deleted or hidden comment, say)."""
    deleted, _ = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).delete()
    return deleted


def _own(user, ids: Iterable[int]):
    return Notification.objects.filter(recipient=user, in_inbox=True, pk__in=list(ids))


def notifications_mark(*, user, ids: Iterable[int], read: bool) -> int:
    return _own(user, ids).update(read=read)


def notifications_delete(*, user, ids: Iterable[int]) -> int:
    deleted, _ = _own(user, ids).delete()
    return deleted


def email_preferences_update(*, user, choices: dict[str, bool]) -> None:
    with transaction.atomic():
        for key, enabled in choices.items():
            EmailPreferenceChoice.objects.update_or_create(
                user=user, key=key, defaults={"enabled": enabled}
            )
