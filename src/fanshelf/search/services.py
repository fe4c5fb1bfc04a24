"""Every write to the search index."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from fanshelf.works.models import Work

from .backends import get_backend
from .backends.writer import chunks, stale_counters, write_counters
from .documents import build_documents
from .models import ReindexRun, WorkIndex


def index_works(*, work_ids: Sequence[int], maintain_counts: bool = True) -> int:
    """Bring these works' index entries up to date (works that no longer exist leave it).
    Returns how many works were indexed."""
    backend = get_backend()
    indexed = 0
    for batch in chunks(sorted(set(work_ids)), settings.FANSHELF_SEARCH_INDEX_BATCH):
        with transaction.atomic():
            documents = build_documents(batch)
            found = {d.work_id for d in documents}
            backend.remove([work_id for work_id in batch if work_id not in found])
            backend.write(documents, maintain_counts=maintain_counts)
        indexed += len(documents)
    return indexed


def index_visibility(*, work: Work) -> None:
    """Follow a change of who may see the work (or whom it names) at once, in the caller's
    transaction. A work going anonymous or revealed is indexed anew: its creator's names leave
    (or rejoin) the searchable text."""
    if WorkIndex.objects.filter(pk=work.pk).exclude(anonymous=work.anonymous).exists():
        index_works(work_ids=[work.pk])
        return
    get_backend().set_visibility(
        work.pk, posted=work.posted, hidden=work.hidden_by_admin, restricted=work.restricted
    )


def stale_work_ids(*, limit: int) -> list[int]:
    """Works whose index row is missing or older than the work or its tags (a lost or
    interrupted job)."""
    stale = (
        Q(search_index__isnull=True)
        | Q(search_index__source_changed_at__isnull=True)
        | Q(search_index__source_changed_at__lt=F("changed_at"))
        | Q(search_index__source_changed_at__lt=F("tags_change__changed_at"))
    )
    return list(Work.objects.filter(stale).order_by("pk").values_list("pk", flat=True)[:limit])


def unindex_works(*, work_ids: Sequence[int]) -> None:
    with transaction.atomic():
        get_backend().remove(list(work_ids))


def refresh_counters() -> int:
    """Copy hits, kudos, comments and bookmarks that changed without a save into the index."""
    rows = stale_counters()
    for batch in chunks(rows, settings.FANSHELF_SEARCH_INDEX_BATCH):
        with transaction.atomic():
            write_counters(batch)
    return len(rows)


class NothingToResume(Exception):
    pass


def reindex_start(*, resume: bool | None = None) -> ReindexRun:
    """The run to carry on with. resume=True: the unfinished one (or NothingToResume);
    False: a new one; None: the unfinished one if there is one, else a new one."""
    unfinished = ReindexRun.objects.filter(finished_at__isnull=True).first()
    if resume and unfinished is None:
        raise NothingToResume("No reindex was interrupted; there is nothing to resume.")
    if unfinished is not None and resume is not False:
        return unfinished
    ReindexRun.objects.filter(finished_at__isnull=True).delete()
    return ReindexRun.objects.create(total=Work.objects.count())


def reindex_run(*, run: ReindexRun, on_batch: Callable[[int], None] = lambda n: None) -> None:
    """Index every work after run.last_work_id in id order. Progress is committed with each
    batch, so a crash loses at most the batch in flight and `reindex_start` resumes after it."""
    backend = get_backend()
    size = settings.FANSHELF_SEARCH_INDEX_BATCH
    while True:
        batch = list(
            Work.objects.filter(pk__gt=run.last_work_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not batch:
            break
        with transaction.atomic():
            index_works(work_ids=batch, maintain_counts=False)
            run.last_work_id = batch[-1]
            run.done += len(batch)
            run.save(update_fields=["last_work_id", "done"])
        on_batch(len(batch))
    with transaction.atomic():
        backend.recount()
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
    backend.optimize()
