from django.db import models


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
