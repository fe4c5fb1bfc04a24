from django.conf import settings
from django.db import models


class TargetKind(models.TextChoices):
    WORK = "work", "Work"
    CHAPTER = "chapter", "Chapter"
    PROFILE = "profile", "Profile"


class Report(models.Model):
    """A reader's report of something on the archive, with a snapshot of it as it was."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or commercial promotion"
        HARASSMENT = "harassment", "Harassment or threats"
        TAGGING = "tagging", "Not rated or warned properly"
        PLAGIARISM = "plagiarism", "Plagiarism"
        ILLEGAL = "illegal", "Illegal content"
        PERSONAL = "personal", "Someone's personal information"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed"
        ACTIONED = "actioned", "Acted on"

    # Null for reports the archive files itself (likely spam held for review).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
    )
    target_kind = models.CharField(max_length=12, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_received",
    )
    reason = models.CharField(max_length=12, choices=Reason.choices)
    description = models.TextField(blank=True)
    snapshot = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="report_queue"),
            models.Index(fields=["target_kind", "target_id"], name="report_target"),
            models.Index(fields=["reporter", "-created_at"], name="report_by_reporter"),
        ]


class ModerationAction(models.Model):
    """One line of the append-only moderation log."""

    class Kind(models.TextChoices):
        DISMISS = "dismiss", "Dismissed a report"
        HOLD = "hold", "Held as likely spam"
        HIDE = "hide", "Hid content"
        UNHIDE = "unhide", "Unhid content"
        WARN = "warn", "Warned"
        SUSPEND = "suspend", "Suspended"
        UNSUSPEND = "unsuspend", "Lifted a suspension"
        BAN = "ban", "Banned"
        UNBAN = "unban", "Lifted a ban"
        SPAM = "spam", "Removed as spam and suspended"
        APPEAL = "appeal", "Answered an appeal"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_actions",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    target_kind = models.CharField(max_length=12, choices=TargetKind.choices, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_received",
    )
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField()
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate", "Can work the moderation queue")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The moderation log is append-only.")


class Appeal(models.Model):
    """A creator or user asks the moderators to look again at an action taken against them."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting"
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    action = models.ForeignKey(ModerationAction, on_delete=models.PROTECT, related_name="appeals")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "action"], name="one_appeal_per_action")
        ]
