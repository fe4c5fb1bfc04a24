"""Writes to the reading history, marked for later and the reading position. Reading itself
only appends to the buffer; `flush_reading` (a periodic job) applies it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fanshelf.works.models import Work
from fanshelf.works.selectors import visibility_q

from . import buffer
from .models import Reading, ShelfPreferences

# The largest work id the database can hold (a larger one would fail the buffer or its flush),
# and the largest paragraph number taken from the reading script.
LARGEST_ID = 2**63 - 1
PARAGRAPHS_MAX = 1_000_000


def preferences_of(user) -> ShelfPreferences:
    preferences, _ = ShelfPreferences.objects.get_or_create(user=user)
    return preferences


def record_view(*, user, work_id: int, chapter_position: int, chosen: bool = True) -> None:
    """A page view. Opening the work's own page (not a chapter the reader chose) counts as
    reading but leaves the place already reached, so "Continue reading" survives it."""
    event = buffer.Event(user.pk, work_id, chapter_position, None, timezone.now(), not chosen)
    buffer.push(event)


def record_position(*, user, work_id: int, chapter_position: int, paragraph: int) -> None:
    """The paragraph in view, sent by the reading page's script. Checked when applied: a work
    the reader may not see is dropped there."""
    limit = settings.FANSHELF_CHAPTERS_PER_WORK_MAX
    in_range = 1 <= work_id <= LARGEST_ID and 1 <= chapter_position <= limit
    if not (in_range and 0 <= paragraph <= PARAGRAPHS_MAX):
        raise ValidationError("That isn't a place in a work.")
    buffer.push(buffer.Event(user.pk, work_id, chapter_position, paragraph, timezone.now()))


def flush_reading(*, limit: int | None = None) -> int:
    """Apply buffered reading to the history, one batch per transaction, until the buffer is
    empty. Returns how many events were applied."""
    limit = limit or settings.FANSHELF_READING_FLUSH_BATCH
    applied = 0
    with buffer.flush_lock():
        while True:
            with transaction.atomic():
                batch = buffer.take(limit)
                if batch.events:
                    _apply(batch.events)
                batch.forget()
            applied += len(batch.events)
            if len(batch.events) < limit or settings.REDIS_URL:
                break
    return applied


def _apply(events: Sequence[buffer.Event]) -> None:
    by_pair: dict[tuple[int, int], list[buffer.Event]] = defaultdict(list)
    for event in events:
        by_pair[(event.user_id, event.work_id)].append(event)
    user_ids = {user_id for user_id, _ in by_pair}
    preferences = {p.user_id: p for p in ShelfPreferences.objects.filter(user_id__in=user_ids)}
    readable = _readable_pairs(by_pair)
    existing = {
        (r.user_id, r.work_id): r
        for r in Reading.objects.select_for_update().filter(
            user_id__in=user_ids, work_id__in={work_id for _, work_id in by_pair}
        )
    }
    new, changed = [], []
    for pair, pair_events in by_pair.items():
        kept = preferences.get(pair[0])
        if pair not in readable or (kept is not None and not kept.history_enabled):
            continue
        reading = existing.get(pair) or Reading(user_id=pair[0], work_id=pair[1])
        cleared = max(
            (t for t in (reading.cleared_at, kept and kept.history_cleared_at) if t), default=None
        )
        fresh = sorted((e for e in pair_events if cleared is None or e.at > cleared),
                       key=lambda e: e.at)  # fmt: skip
        if not fresh:
            continue
        for event in fresh:
            _step(reading, event)
        (changed if reading.pk else new).append(reading)
    Reading.objects.bulk_create(new)
    Reading.objects.bulk_update(changed, ["last_read_at", "views", "chapter_position", "paragraph"])


def _step(reading: Reading, event: buffer.Event) -> None:
    if reading.last_read_at is None or event.at > reading.last_read_at:
        reading.last_read_at = event.at
    if event.paragraph is None:
        reading.views += 1
        if event.landing and reading.chapter_position is not None:
            return  # the work's page: the place reached stays where it was
        if reading.chapter_position != event.chapter_position:
            reading.paragraph = 0  # a new chapter opens at its top
        reading.chapter_position = event.chapter_position
    else:
        reading.chapter_position, reading.paragraph = event.chapter_position, event.paragraph


def _readable_pairs(by_pair) -> set[tuple[int, int]]:
    """The (user, work) pairs whose work the user may see now."""
    from fanshelf.accounts.models import User

    works_of: dict[int, set[int]] = defaultdict(set)
    for user_id, work_id in by_pair:
        works_of[user_id].add(work_id)
    readable = set()
    for user in User.objects.filter(pk__in=works_of):
        visible = Work.objects.filter(visibility_q(user), pk__in=works_of[user.pk])
        readable |= {(user.pk, work_id) for work_id in visible.values_list("pk", flat=True)}
    return readable


@transaction.atomic
def mark_for_later(*, user, work: Work, marked: bool = True) -> Reading:
    if marked and not Work.objects.filter(visibility_q(user), pk=work.pk).exists():
        raise ValidationError("No such work, or you can't see it.")
    reading, _ = Reading.objects.get_or_create(user=user, work=work)
    reading.marked_for_later = marked
    reading.marked_at = timezone.now() if marked else None
    reading.save(update_fields=["marked_for_later", "marked_at"])
    return reading


@transaction.atomic
def history_clear(*, user, work: Work | None = None) -> None:
    """Forget when, how often and how far the reader read (one work, or all); marked for later
    stays. Reading still in the buffer from before now is dropped too."""
    now = timezone.now()
    readings = Reading.objects.filter(user=user)
    if work is not None:
        readings = readings.filter(work=work)
    else:
        preferences = preferences_of(user)
        preferences.history_cleared_at = now
        preferences.save(update_fields=["history_cleared_at"])
    readings.filter(marked_for_later=False).delete()
    readings.update(last_read_at=None, views=0, chapter_position=None, paragraph=0, cleared_at=now)
    if work is not None and not Reading.objects.filter(user=user, work=work).exists():
        Reading.objects.create(user=user, work=work, cleared_at=now)


@transaction.atomic
def preferences_update(*, user, history_enabled: bool, subscription_email: str) -> None:
    if subscription_email not in ShelfPreferences.Email.values:
        raise ValidationError("Choose how subscription updates reach you.")
    preferences = preferences_of(user)
    preferences.history_enabled = history_enabled
    preferences.subscription_email = subscription_email
    preferences.save(update_fields=["history_enabled", "subscription_email"])


@transaction.atomic
def feed_token_reset(*, user) -> str:
    from .models import new_feed_token

    preferences = preferences_of(user)
    preferences.feed_token = new_feed_token()
    preferences.save(update_fields=["feed_token"])
    return preferences.feed_token
