"""Reads of the downloads app."""

from django.db.models import Count, Sum

from .models import DownloadEvent, DownloadTally, OpdsToken
from .services import token_digest


def download_counts(*, work_ids, year: int | None = None) -> dict[int, int]:
    """Downloads per work (folded tallies plus those noted since), all time or in one year.
    Works never downloaded are absent: read with `.get(work_id, 0)`."""
    work_ids = list(work_ids)
    tallies = DownloadTally.objects.filter(work_id__in=work_ids)
    events = DownloadEvent.objects.filter(work_id__in=work_ids)
    if year is not None:
        tallies, events = tallies.filter(year=year), events.filter(created_at__year=year)
    counts = dict(tallies.values_list("work_id").annotate(n=Sum("count")).order_by())
    pending = events.values_list("work_id").annotate(n=Count("pk")).order_by()
    for work_id, n in pending:
        counts[work_id] = counts.get(work_id, 0) + n
    return counts


def user_for_opds_token(token: str):
    """The reader whose catalogue address holds this token, or None."""
    found = OpdsToken.objects.filter(digest=token_digest(token)).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user
