from django.db import models
from django.urls import reverse
from django.utils import timezone

from .languages import LANGUAGES


class Work(models.Model):
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes_begin = models.TextField(blank=True)  # sanitized HTML
    notes_end = models.TextField(blank=True)  # sanitized HTML
    language = models.CharField(max_length=16, choices=LANGUAGES, default="en")
    pseuds = models.ManyToManyField("accounts.Pseud", related_name="works")
    # Posted chapters reaching this count make the work complete; null means "unknown".
    expected_chapters = models.PositiveIntegerField(null=True, blank=True)
    posted = models.BooleanField(default=False)
    restricted = models.BooleanField(
        default=False, help_text="Only logged-in users can see a restricted work."
    )
    # Others see "Anonymous" as the creator, and the work is left off its creators' pages and
    # creator searches (works.creators decides what each reader is shown).
    anonymous = models.BooleanField(
        default=False, help_text="Post anonymously: others see Anonymous as the creator."
    )
    hidden_by_admin = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)  # shown to the creators while hidden
    published_on = models.DateField(default=timezone.localdate)
    revised_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    # When anything about the work last changed (set by every works service): search and the
    # analyser stamp what they read with it, and reconciliation re-queues what is older.
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Denormalized from the posted chapters by works.services, for listings and search.
    word_count = models.PositiveIntegerField(default=0)
    chapter_count = models.PositiveIntegerField(default=0)
    complete = models.BooleanField(default=False)
    hits = models.PositiveIntegerField(default=0)
    kudos_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    bookmark_count = models.PositiveIntegerField(default=0)
    sanitizer_version = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["posted", "hidden_by_admin", "-revised_at"], name="work_recent"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("works:detail", args=[self.pk])

    @property
    def chapters_display(self) -> str:
        expected = self.expected_chapters if self.expected_chapters else "?"
        return f"{self.chapter_count}/{expected}"


class Chapter(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    notes_begin = models.TextField(blank=True)
    notes_end = models.TextField(blank=True)
    text = models.TextField()  # sanitized HTML
    # Archive warnings of this chapter alone (names from tags.models.CHAPTER_WARNINGS), shown
    # before it or behind a toggle as each reader prefers.
    warnings = models.JSONField(default=list, blank=True)
    posted = models.BooleanField(default=False)
    published_on = models.DateField(default=timezone.localdate)
    word_count = models.PositiveIntegerField(default=0)
    sanitizer_version = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "position"],
                name="chapter_position_unique",
            ),
        ]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("works:chapter", args=[self.work_id, self.position])

    @property
    def heading(self) -> str:
        if self.title:
            return f"Chapter {self.position}: {self.title}"
        return f"Chapter {self.position}"


class Series(models.Model):
    """An ordered group of works; its creators are pseuds of the works' creators."""

    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes = models.TextField(blank=True)  # sanitized HTML
    complete = models.BooleanField(default=False)
    pseuds = models.ManyToManyField("accounts.Pseud", related_name="series")
    works = models.ManyToManyField(Work, through="SerialWork", related_name="series")
    bookmark_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("works:series", args=[self.pk])


class SerialWork(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="serial_works")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="serial_works")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "work"], name="serial_work_unique"),
        ]
