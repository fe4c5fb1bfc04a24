from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Notification(models.Model):
    """One thing a user was told: a row in their inbox, an e-mail, or both."""

    class Email(models.TextChoices):
        NONE = "none", "No e-mail"
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=300)
    body_html = models.TextField(blank=True)  # sanitized
    url = models.CharField(max_length=500, blank=True)
    reply_url = models.CharField(max_length=500, blank=True)
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(max_length=100, blank=True)
    in_inbox = models.BooleanField(default=True)
    read = models.BooleanField(default=False)
    digest = models.BooleanField(default=False)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.NONE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "in_inbox", "read"], name="inbox_unread"),
            models.Index(fields=["target_type", "target_id"], name="inbox_target"),
            models.Index(fields=["digest", "email"], name="inbox_digest_pending"),
        ]

    def __str__(self):
        return self.subject


class EmailPreferenceChoice(models.Model):
    """A user's choice for one registered e-mail preference; without a row the default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    key = models.CharField(max_length=40)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="email_preference_unique")
        ]
