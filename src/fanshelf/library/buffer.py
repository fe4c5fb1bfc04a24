"""The reading buffer: page views and reading positions are appended while the reader reads (a
Redis list when REDIS_URL is set, a database table otherwise) and applied to the history by the
periodic flush job, so a reader never waits on a history write."""

from __future__ import annotations

import contextlib
import datetime
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from redis.exceptions import ResponseError

from .models import AppliedReadingBatch, ReadingEvent

REDIS_KEY = "fanshelf:library:reading"
REDIS_FLUSHING = REDIS_KEY + ":flushing:"


@dataclass(frozen=True)
class Event:
    user_id: int
    work_id: int
    chapter_position: int
    paragraph: int | None  # None: a page view
    at: datetime.datetime
    landing: bool = False  # a view of the work's own page, not of a chapter the reader chose


_redis_client = None


def _redis():
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(settings.REDIS_URL)
    return _redis_client


def push(event: Event) -> None:
    if settings.REDIS_URL:
        row = [event.user_id, event.work_id, event.chapter_position, event.paragraph]
        _redis().rpush(REDIS_KEY, json.dumps([*row, event.at.isoformat(), event.landing]))
    else:
        ReadingEvent.objects.create(**vars(event))


def _decode(raw: bytes) -> Event:
    user_id, work_id, position, paragraph, at, *landing = json.loads(raw)  # older: no landing
    at = datetime.datetime.fromisoformat(at)
    return Event(user_id, work_id, position, paragraph, at, bool(landing and landing[0]))


class Batch:
    """Events taken from the buffer. Call `forget()` inside the transaction that applies them:
    table rows are deleted in it; a Redis batch is recorded as applied in it and deleted once
    it commits."""

    def __init__(self, events: list[Event], forget):
        self.events = events
        self.forget = forget


def take(limit: int) -> Batch:
    """The oldest buffered events (call inside a transaction). Rows are locked, skipping those
    another flush holds, so two flushes never apply one event twice."""
    if settings.REDIS_URL:
        return _take_redis()
    rows = list(ReadingEvent.objects.select_for_update(skip_locked=True).order_by("pk")[:limit])
    ids = [row.pk for row in rows]
    events = [
        Event(r.user_id, r.work_id, r.chapter_position, r.paragraph, r.at, r.landing) for r in rows
    ]
    return Batch(events, lambda: ReadingEvent.objects.filter(pk__in=ids).delete())


def _take_redis() -> Batch:
    """Rename the list away to a batch key of its own (atomic: new events start a fresh list),
    read it, and record the batch as applied in the transaction that applies it; the key is
    deleted once that commits. A batch left by a crashed flush is taken first, unless the
    database says it was applied (the crash came between the commit and the delete): then it
    is only deleted, so no event is applied twice."""
    client = _redis()
    _forget_orphan_records(client)
    for key in _batch_keys(client):
        batch_id = key.decode()[len(REDIS_FLUSHING) :]
        if not AppliedReadingBatch.objects.filter(batch_id=batch_id).exists():
            return _batch(client, key, batch_id)
        _discard(client, key, batch_id)
    batch_id = uuid.uuid4().hex
    key = REDIS_FLUSHING + batch_id
    try:
        client.rename(REDIS_KEY, key)
    except ResponseError as error:  # no such key: nothing buffered
        if "no such key" not in str(error).lower():
            raise
        return Batch([], lambda: None)
    return _batch(client, key, batch_id)


def _batch_keys(client) -> list[bytes]:
    return list(client.scan_iter(match=REDIS_FLUSHING + "*", count=100))


def _batch(client, key, batch_id: str) -> Batch:
    events = [_decode(raw) for raw in client.lrange(key, 0, -1)]

    def forget():
        AppliedReadingBatch.objects.create(batch_id=batch_id)
        transaction.on_commit(lambda: _discard(client, key, batch_id))

    return Batch(events, forget)


def _discard(client, key, batch_id: str) -> None:
    client.delete(key)
    AppliedReadingBatch.objects.filter(batch_id=batch_id).delete()


def _forget_orphan_records(client) -> None:
    """Records whose batch is gone from Redis (a crash between the two deletes) mean nothing."""
    for batch_id in AppliedReadingBatch.objects.values_list("batch_id", flat=True):
        if not client.exists(REDIS_FLUSHING + batch_id):
            AppliedReadingBatch.objects.filter(batch_id=batch_id).delete()


def pending() -> int:
    if settings.REDIS_URL:
        client = _redis()
        applied = set(AppliedReadingBatch.objects.values_list("batch_id", flat=True))
        keys = [REDIS_KEY] + [
            key for key in _batch_keys(client) if key.decode()[len(REDIS_FLUSHING) :] not in applied
        ]
        return sum(client.llen(key) for key in keys)
    return ReadingEvent.objects.count()


def flush_lock():
    """Held around a flush, so a leftover Redis list is never taken by two flushes at once."""
    if settings.REDIS_URL:
        return _redis().lock(REDIS_KEY + ":lock", timeout=600, blocking_timeout=60)
    return contextlib.nullcontext()
