"""Writes of the downloads app: counting downloads, and readers' catalogue tokens."""

import hashlib
import secrets
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from .models import DownloadEvent, DownloadTally, OpdsToken


def download_record(*, work_id: int, event_id: uuid.UUID) -> bool:
    """Note one download; the same event twice counts once. True when it was new."""
    try:
        with transaction.atomic():
            DownloadEvent.objects.create(id=event_id, work_id=work_id)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def downloads_fold() -> int:
    """Move noted downloads into the per-work, per-year tallies; returns how many were moved."""
    events = DownloadEvent.objects.select_for_update()
    ids = list(events.values_list("pk", flat=True)[:10_000])
    per_work = (
        DownloadEvent.objects.filter(pk__in=ids)
        .values("work_id", year=ExtractYear("created_at"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in per_work:
        tally, _ = DownloadTally.objects.get_or_create(work_id=row["work_id"], year=row["year"])
        DownloadTally.objects.filter(pk=tally.pk).update(count=F("count") + row["n"])
    DownloadEvent.objects.filter(pk__in=ids).delete()
    return len(ids)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def opds_token_reset(*, user) -> str:
    """Make a new catalogue token for the user (the old address stops working) and return it."""
    token = secrets.token_urlsafe(24)
    OpdsToken.objects.update_or_create(user=user, defaults={"digest": token_digest(token)})
    return token
