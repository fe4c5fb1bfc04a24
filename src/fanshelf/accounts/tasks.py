"""Background jobs of accounts: the invitation queue and invitation e-mails."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .invitations import invitations_send_from_queue, mail_invitation
from .models import Invitation


@db_periodic_task(crontab(minute="5"))
def send_queued_invitations() -> int:
    # Hourly; the staff's interval setting decides whether a batch is due.
    return invitations_send_from_queue()


@db_task(retries=3, retry_delay=60)
def send_invitation_mail(invitation_id: int) -> None:
    invitation = Invitation.objects.filter(pk=invitation_id, used_by__isnull=True).first()
    if invitation is not None and invitation.sent_to:
        mail_invitation(invitation)
