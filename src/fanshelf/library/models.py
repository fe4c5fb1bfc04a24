"""A reader's own shelf: bookmarks (of works, series and external works), subscriptions, the
reading history with marked-for-later and the reading position, and the shelf's preferences."""

import secrets
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


def one_of_each(name: str, fields: tuple[str, ...]) -> list:
    """Constraints for a row about exactly one of `fields`, one row per user and item."""
    exactly_one = [
        Q(**{f"{other}__isnull": other != field for other in fields}) for field in fields
    ]
    return [
        models.CheckConstraint(condition=reduce(or_, exactly_one), name=f"{name}_one_item"),
        *(
            models.UniqueConstraint(
                fields=["user", field],
                condition=Q(**{f"{field}__isnull": False}),
                name=f"{name}_{field}_unique",
            )
            for field in fields
        ),
    ]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class ShelfPreferences(models.Model):
    class Email(models.TextChoices):
        IMMEDIATE = "immediate", "One e-mail per update"
        DAILY = "daily", "One daily digest"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shelf_preferences"
    )
    history_enabled = models.BooleanField("keep my reading history", default=True)
    # Whether subscription e-mails are sent at all is the inbox's e-mail preference.
    subscription_email = models.CharField(
        "subscription e-mails", max_length=10, choices=Email.choices, default=Email.IMMEDIATE
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    # Reading buffered before this moment is dropped (the reader cleared their history).
    history_cleared_at = models.DateTimeField(null=True, blank=True)


class ExternalWork(models.Model):
    """A story that lives elsewhere, bookmarked by URL; one per URL."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=255)
    creator = models.CharField(max_length=255)
    summary = models.TextField(blank=True)  # sanitized HTML
    tags = models.ManyToManyField("tags.Tag", related_name="external_works", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class Bookmark(models.Model):
    """One user's bookmark of one item: a work, a series or an external work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="bookmarks"
    )
    series = models.ForeignKey(
        "works.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="bookmarks"
    )
    external = models.ForeignKey(
        ExternalWork, null=True, blank=True, on_delete=models.CASCADE, related_name="bookmarks"
    )
    notes = models.TextField(blank=True)  # sanitized HTML
    private = models.BooleanField(default=False, help_text="Only you will ever see it.")
    rec = models.BooleanField("recommendation", default=False)
    tags = models.ManyToManyField("tags.Tag", related_name="bookmarks", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = one_of_each("bookmark", ("work", "series", "external"))
        indexes = [models.Index(fields=["user", "-created_at"], name="bookmark_user_recent")]

    def get_absolute_url(self):
        return reverse("library:bookmark", args=[self.pk])

    @property
    def item(self):
        return self.work or self.series or self.external


class Subscription(models.Model):
    """Follow a work (new chapters), a series (new works) or a creator (new works, chapters)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    series = models.ForeignKey(
        "works.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscribers",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = one_of_each("subscription", ("work", "series", "creator"))

    @property
    def target(self):
        return self.work or self.series or self.creator


class Announcement(models.Model):
    """A posted chapter whose subscribers have been told (or that existed before subscriptions
    did): makes telling them safe to repeat."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(
        "works.Series", null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["chapter"], condition=Q(series__isnull=True), name="announced_chapter"
            ),
            models.UniqueConstraint(
                fields=["series", "work"],
                condition=Q(series__isnull=False),
                name="announced_series_work",
            ),
        ]


class Update(models.Model):
    """One thing a subscriber is told: a new work or chapter. The feed lists these (and the inbox
    holds a notification about each); visibility is checked again whenever one is shown."""

    class Kind(models.TextChoices):
        NEW_WORK = "work", "New work"
        NEW_CHAPTER = "chapter", "New chapter"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shelf_updates"
    )
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(
        "works.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "chapter"], name="update_once_per_chapter"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="update_user_recent")]


class Reading(models.Model):
    """A reader and a work: history (when, how often, how far), marked for later, and the
    paragraph reached. Written from the reading buffer, never while the reader waits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readings"
    )
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="readings")
    last_read_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    chapter_position = models.PositiveIntegerField(null=True, blank=True)
    paragraph = models.PositiveIntegerField(default=0)
    marked_for_later = models.BooleanField(default=False)
    marked_at = models.DateTimeField(null=True, blank=True)
    # Buffered reading from before this moment is dropped (the reader cleared this entry).
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "work"], name="reading_unique"),
        ]
        indexes = [
            models.Index(fields=["user", "-last_read_at"], name="reading_history"),
            models.Index(fields=["user", "marked_for_later", "-marked_at"], name="reading_later"),
        ]


class ReadingEvent(models.Model):
    """The reading buffer when there is no Redis: appended while reading, applied to Reading
    and deleted by the periodic flush job."""

    user_id = models.BigIntegerField()
    work_id = models.BigIntegerField()
    chapter_position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField(null=True)  # None: a page view, not a position
    at = models.DateTimeField()
    landing = models.BooleanField(default=False)  # the work's own page: the place stays


class AppliedReadingBatch(models.Model):
    """A Redis batch of the reading buffer already applied: written in the transaction that
    applies it, so a batch still in Redis after a crash is recognised and not applied twice.
    Removed once the batch is gone from Redis."""

    batch_id = models.CharField(max_length=64, unique=True)
    applied_at = models.DateTimeField(auto_now_add=True)
