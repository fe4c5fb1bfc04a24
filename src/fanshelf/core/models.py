"""What the whole archive shares: the site settings staff choose, and the ledger of running jobs."""

from django.db import models
from django.utils import timezone


class SiteSettings(models.Model):
    """The archive-wide choices staff make from a page, not from the environment. One row."""

    class SignupMode(models.TextChoices):
        OPEN = "open", "Open: anyone can sign up"
        INVITATION = "invitation", "By invitation: people join a queue or use an invitation"
        CLOSED = "closed", "Closed: nobody can sign up"

    signup_mode = models.CharField(
        "who can join", max_length=12, choices=SignupMode.choices, default=SignupMode.OPEN
    )
    invitations_per_batch = models.PositiveIntegerField(
        "invitations sent from the queue each time", default=10
    )
    invitation_interval_hours = models.PositiveIntegerField(
        "hours between two sendings", default=24
    )
    guest_comments = models.BooleanField(
        "guests may comment",
        default=True,
        help_text="On works whose authors allow anyone. Turn off during a spam wave.",
    )
    terms_of_service = models.TextField(
        blank=True, help_text="Plain text; blank lines make paragraphs."
    )
    privacy_policy = models.TextField(
        blank=True, help_text="Plain text; blank lines make paragraphs."
    )
    updated_at = models.DateTimeField(auto_now=True)
    last_invitations_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"


class RunningJob(models.Model):
    """A job a worker has taken from the queue and not yet finished. Huey forgets a job when it
    takes it; this row remembers it until it ends, so a job whose worker died runs again."""

    task_id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(max_length=200)
    message = models.BinaryField()  # the job as Huey queues it, to put back as it was
    owner = models.CharField(max_length=255)  # host:pid:process start of the worker
    started_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.name} ({self.task_id})"
