from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from fanshelf.works.creators import ANONYMOUS_CREATOR


class Kudos(models.Model):
    """One per user per work, or one per guest network address (kept only as a keyed hash)."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="kudos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kudos_given",
    )
    guest_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "kudos"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "user"], condition=Q(user__isnull=False), name="kudos_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["work", "guest_key"],
                condition=Q(user__isnull=True),
                name="kudos_once_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_key=""), name="kudos_has_a_giver"
            ),
        ]
        indexes = [models.Index(fields=["work", "created_at"], name="kudos_by_work")]


class CommentSettings(models.Model):
    """Who may comment on a work, and whether new comments wait for the author's approval."""

    class Permission(models.TextChoices):
        ANYONE = "anyone", "Anyone (guests give a name and an e-mail address)"
        REGISTERED = "registered", "Registered users only"
        NOBODY = "nobody", "No one"

    work = models.OneToOneField(
        "works.Work", on_delete=models.CASCADE, primary_key=True, related_name="comment_settings"
    )
    permission = models.CharField(
        max_length=12, choices=Permission.choices, default=Permission.REGISTERED
    )
    moderated = models.BooleanField(
        "moderate comments",
        default=False,
        help_text="New comments wait until you approve them.",
    )


class Comment(models.Model):
    class Status(models.TextChoices):
        APPROVED = "approved", "Approved"
        PENDING = "pending", "Awaiting approval"

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="comments")
    chapter = models.ForeignKey(
        "works.Chapter", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    thread_root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    pseud = models.ForeignKey(
        "accounts.Pseud", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest_name = models.CharField(max_length=100, blank=True)
    guest_email = models.EmailField(blank=True)
    guest_key = models.CharField(max_length=64, blank=True)  # keyed hash of the address
    content = models.TextField()  # sanitized HTML
    content_digest = models.CharField(max_length=64)  # for refusing duplicates
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    held_reason = models.CharField(max_length=200, blank=True)
    spam_score = models.SmallIntegerField(default=0)
    deleted = models.BooleanField(default=False)
    frozen = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)  # set by moderators
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["work", "parent", "status"], name="comment_threads"),
            models.Index(fields=["thread_root"], name="comment_thread_root"),
            models.Index(fields=["user", "created_at"], name="comment_by_user"),
            models.Index(fields=["guest_key", "created_at"], name="comment_by_guest"),
            models.Index(fields=["work", "content_digest"], name="comment_duplicates"),
        ]

    def __str__(self):
        return f"Comment {self.pk} on work {self.work_id}"

    @property
    def is_visible(self) -> bool:
        return not self.deleted and not self.hidden_at

    @cached_property
    def by_anonymous_creator(self) -> bool:
        """A creator's comment on their own anonymous work: signed ANONYMOUS_CREATOR, so it
        doesn't unmask them (selectors.with_signatures reads this for many comments at once)."""
        if not self.user_id or not self.work.anonymous:
            return False
        return self.work.pseuds.filter(user_id=self.user_id).exists()

    @property
    def commenter_name(self) -> str:
        if self.by_anonymous_creator:
            return ANONYMOUS_CREATOR
        if self.pseud_id:
            return self.pseud.name
        return self.guest_name or "(account deleted)"


class HitVisit(models.Model):
    """The hit buffer without Redis: one row per visitor per work per day, counted by a job."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    visitor = models.CharField(max_length=64)
    day = models.DateField()
    counted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work", "visitor", "day"], name="hit_once_a_day")
        ]
        indexes = [models.Index(fields=["counted", "day"], name="hit_uncounted")]


class DailyHits(models.Model):
    """Hits per work per day, for the author's statistics by year."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "day"], name="daily_hits_unique")]


class HitFlush(models.Model):
    """Redis batches already added to the counts, so a repeated flush never adds one twice."""

    key = models.CharField(max_length=100, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)
