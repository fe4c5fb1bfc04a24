"""Invitations: the queue people join while sign-up is by invitation, and codes users hand out."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fanshelf.core.selectors import site_settings
from fanshelf.core.services import site_settings_update
from fanshelf.core.tasks import send_email_job

from .models import Invitation, InviteRequest, User


def _new_code() -> str:
    return secrets.token_urlsafe(18)


def invitation_usable(code: str) -> Invitation | None:
    code = (code or "").strip()
    if not code:
        return None
    return Invitation.objects.filter(code=code, used_by__isnull=True).first()


def invitation_redeem(*, code: str, user: User) -> None:
    """Mark the code used by `user`; inside the sign-up transaction, so a code serves once."""
    updated = Invitation.objects.filter(code=code, used_by__isnull=True).update(
        used_by=user, used_at=timezone.now()
    )
    if not updated:
        raise ValidationError("That invitation has already been used or does not exist.")


def invite_request_create(*, email: str) -> None:
    """Join the queue. Asking twice keeps one place, and says nothing about existing accounts."""
    try:
        with transaction.atomic():
            InviteRequest.objects.create(email=email.strip().lower())
    except IntegrityError:
        pass


def queue_length() -> int:
    """How many wait for an invitation: the same answer whoever asks, so the page never tells
    whether an address was queued or invited before."""
    return InviteRequest.objects.filter(invitation__isnull=True).count()


def invitations_grant(*, user: User, count: int) -> list[Invitation]:
    if not 1 <= count <= 100:
        raise ValidationError("Give between 1 and 100 invitations at a time.")
    return Invitation.objects.bulk_create(
        Invitation(code=_new_code(), owner=user) for _ in range(count)
    )


def invitation_send(*, invitation: Invitation, email: str) -> None:
    """Send one of a user's unused invitations to a friend."""
    if invitation.used_by_id or invitation.sent_to:
        raise ValidationError("That invitation has already been sent.")
    invitation.sent_to = email.strip().lower()
    invitation.save(update_fields=["sent_to"])
    _queue_mail(invitation)


def invitations_send_from_queue(*, now: datetime.datetime | None = None) -> int:
    """Send the next batch from the queue when the interval has passed; safe to run often."""
    now = now or timezone.now()
    current = site_settings()
    if current.signup_mode != current.SignupMode.INVITATION:
        return 0
    last = current.last_invitations_sent_at
    if last and now - last < datetime.timedelta(hours=current.invitation_interval_hours):
        return 0
    sent = 0
    with transaction.atomic():
        waiting = InviteRequest.objects.select_for_update().filter(invitation__isnull=True)
        for request in waiting[: current.invitations_per_batch]:
            request.invitation = Invitation.objects.create(code=_new_code(), sent_to=request.email)
            request.save(update_fields=["invitation"])
            _queue_mail(request.invitation)
            sent += 1
        site_settings_update(last_invitations_sent_at=now)
    return sent


def _queue_mail(invitation: Invitation) -> None:
    link = (
        settings.FANSHELF_SITE_URL.rstrip("/")
        + reverse("accounts:signup")
        + f"?invitation={invitation.code}"
    )
    body = (
        f"You have been invited to join the archive. Sign up here:\n\n{link}\n\n"
        "The invitation works once."
    )
    to = [invitation.sent_to]
    transaction.on_commit(
        lambda: send_email_job(subject="Your invitation to the archive", body=body, to=to)
    )
