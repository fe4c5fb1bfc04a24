"""Hit counting: one hit per visitor per work per day, buffered, added to the counts by a job.

With REDIS_URL the buffer is Redis (a set of visitors per work and day, and a hash of pending
counts); otherwise it is the HitVisit table. `flush_hits` moves the buffer into Work.hits and
DailyHits; it is safe to run twice (a Redis batch is recorded in HitFlush in the same
transaction as the counts it adds).
"""

import datetime
import hashlib
import hmac
import re
import uuid
import zoneinfo
from collections import Counter
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fanshelf.works.models import Work

from .models import DailyHits, HitFlush, HitVisit

PREFIX = "fanshelf:hits:"
PENDING = PREFIX + "pending"
_FLUSH_BATCH = 5000  # table buffer rows counted per transaction
# Add the visitor to the day's set; only a new visitor adds to the pending count.
_RECORD = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  return 1
end
return 0
"""


@cache
def _bots() -> re.Pattern:
    return re.compile(settings.FANSHELF_HITS_BOT_PATTERN, re.IGNORECASE)


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url)


def keyed_hash(*parts: str) -> str:
    """A keyed hash of a guest's network details: stable for the site, useless without the key."""
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def visitor_of(request) -> str:
    if request.user.is_authenticated:
        return f"u{request.user.pk}"
    return "g" + keyed_hash(client_address(request), request.META.get("HTTP_USER_AGENT", ""))[:40]


def today() -> datetime.date:
    """The day a hit belongs to, in FANSHELF_HITS_TIME_ZONE (where the day boundary falls)."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(settings.FANSHELF_HITS_TIME_ZONE)).date()


def counts_as_hit(work: Work, request) -> bool:
    if not work.posted or work.hidden_by_admin or getattr(work, "is_creator", False):
        return False
    return not _bots().search(request.META.get("HTTP_USER_AGENT", "") or "bot")


def record_hit(*, work: Work, request) -> None:
    """Buffer a hit for this reading if it counts; never touches the work's row."""
    if not counts_as_hit(work, request):
        return
    visitor, day = visitor_of(request), today()
    if settings.REDIS_URL:
        seen = f"{PREFIX}seen:{day.isoformat()}:{work.pk}"
        _redis(settings.REDIS_URL).eval(
            _RECORD, 2, seen, PENDING, visitor, f"{work.pk}:{day.isoformat()}", 2 * 86400
        )
    else:
        HitVisit.objects.bulk_create(
            [HitVisit(work_id=work.pk, visitor=visitor, day=day)], ignore_conflicts=True
        )


def _add(counts: Counter) -> None:
    """Add {(work_id, day): hits} to the works and the daily table (inside a transaction)."""
    existing = set(Work.objects.filter(pk__in={w for w, _ in counts}).values_list("pk", flat=True))
    per_work = Counter()
    for (work_id, day), hits in counts.items():
        if work_id not in existing:
            continue
        per_work[work_id] += hits
        updated = DailyHits.objects.filter(work_id=work_id, day=day).update(hits=F("hits") + hits)
        if not updated:
            DailyHits.objects.create(work_id=work_id, day=day, hits=hits)
    for work_id, hits in per_work.items():
        Work.objects.filter(pk=work_id).update(hits=F("hits") + hits)


def _flush_table_batch() -> int:
    """Count up to _FLUSH_BATCH uncounted rows and mark exactly those rows, by id: a row written
    by a reading that commits while the flush runs waits for the next flush instead of being
    marked without being counted. The rows are locked (on PostgreSQL) so that two flushes at
    once never count a row twice."""
    with transaction.atomic():
        rows = list(
            HitVisit.objects.select_for_update()
            .filter(counted=False)
            .order_by("pk")
            .values_list("pk", "work_id", "day")[:_FLUSH_BATCH]
        )
        if rows:
            _add(Counter((work_id, day) for _, work_id, day in rows))
            HitVisit.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(counted=True)
    return len(rows)


def _flush_table() -> int:
    flushed = 0
    while batch := _flush_table_batch():
        flushed += batch
        if batch < _FLUSH_BATCH:
            break
    # Yesterday's rows still refuse a second hit until the day has surely ended everywhere.
    HitVisit.objects.filter(counted=True, day__lt=today() - datetime.timedelta(days=1)).delete()
    return flushed


def _apply_redis_batch(client, key: str) -> int:
    raw = client.hgetall(key)
    counts = Counter()
    for field, hits in raw.items():
        work_id, day = field.decode().split(":")
        counts[(int(work_id), datetime.date.fromisoformat(day))] += int(hits)
    try:
        with transaction.atomic():
            HitFlush.objects.create(key=key)
            _add(counts)
    except IntegrityError:
        pass  # this batch was added by an earlier run that stopped before deleting it
    client.delete(key)
    return sum(counts.values())


def _flush_redis() -> int:
    client = _redis(settings.REDIS_URL)
    flushed = 0
    # Batches left by a run that stopped half-way go first.
    for key in client.scan_iter(match=f"{PREFIX}flushing:*"):
        flushed += _apply_redis_batch(client, key.decode())
    batch = f"{PREFIX}flushing:{uuid.uuid4().hex}"
    if client.renamenx(PENDING, batch) if client.exists(PENDING) else False:
        flushed += _apply_redis_batch(client, batch)
    HitFlush.objects.filter(flushed_at__lt=timezone.now() - datetime.timedelta(days=2)).delete()
    return flushed


def flush_hits() -> int:
    """Move buffered hits into the counts; returns how many were added."""
    flushed = _flush_table()  # rows written before REDIS_URL was set still count
    if settings.REDIS_URL:
        flushed += _flush_redis()
    return flushed
