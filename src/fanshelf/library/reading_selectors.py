"""Reads of a reader's history, marked-for-later list and reading position. Each is the
reader's own (a view asks for request.user), and lists only works the reader may see now."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from fanshelf.works.models import Work
from fanshelf.works.selectors import visibility_q

from .models import Reading


def _visible(readings: QuerySet[Reading], user) -> QuerySet[Reading]:
    return readings.filter(work__in=Work.objects.filter(visibility_q(user)).values("pk"))


def _with_works(readings: QuerySet[Reading]) -> QuerySet[Reading]:
    return readings.select_related("work").prefetch_related(
        "work__pseuds__user", "work__taggings__tag", "work__serial_works__series"
    )


def history(*, user) -> QuerySet[Reading]:
    """What the reader read, most recent first, each marking "updated since you read"."""
    readings = _visible(Reading.objects.filter(user=user, last_read_at__isnull=False), user)
    return _with_works(readings).order_by("-last_read_at", "-pk")


def marked_for_later(*, user) -> QuerySet[Reading]:
    """The reader's marked-for-later list, newest mark first (a clean list for downloads too)."""
    readings = _visible(Reading.objects.filter(user=user, marked_for_later=True), user)
    return _with_works(readings).order_by("-marked_at", "-pk")


def marked_works(*, user) -> list[Work]:
    return [reading.work for reading in marked_for_later(user=user)]


def in_progress(*, user, limit: int) -> list[Reading]:
    """The works the reader opened last, where they stopped: the front page's "Continue
    reading"."""
    return list(history(user=user).filter(chapter_position__isnull=False)[:limit])


def reading_of(*, user, work: Work) -> Reading | None:
    if user is None or not user.is_authenticated:
        return None
    return Reading.objects.filter(user=user, work=work).first()


def updated_since_read(reading: Reading) -> bool:
    return reading.last_read_at is not None and reading.work.revised_at > reading.last_read_at


def continue_url(reading: Reading) -> str | None:
    """Where "Continue reading" opens: the chapter, and the paragraph for the reading script."""
    if not reading or reading.chapter_position is None:
        return None
    position = min(reading.chapter_position, max(reading.work.chapter_count, 1))
    url = reverse("works:chapter", args=[reading.work_id, position])
    if reading.paragraph:
        url += f"#chapter-{position}-paragraph-{reading.paragraph}"
    return url
