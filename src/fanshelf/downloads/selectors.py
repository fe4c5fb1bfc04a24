"""Reads of the downloads app."""

from django.db.models import Count

from .models import DownloadEvent, DownloadTally, OpdsToken
from .services import token_digest


def download_counts(*, work_ids) -> dict[int, int]:
    """Downloads per work (folded tallies plus those noted since), for authors' statistics.
    Works never downloaded are absent: read with `.get(work_id, 0)`."""
    work_ids = list(work_ids)
    counts = dict(
        DownloadTally.objects.filter(work_id__in=work_ids).values_list("work_id", "count")
    )
    pending = (
        DownloadEvent.objects.filter(work_id__in=work_ids)
        .values_list("work_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for work_id, n in pending:
        counts[work_id] = counts.get(work_id, 0) + n
    return counts


def user_for_opds_token(token: str):
    """The reader whose catalogue address holds this token, or None."""
    found = OpdsToken.objects.filter(digest=token_digest(token)).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user
