"""Background jobs: re-index works after they change, re-queue what a lost job left stale, and
refresh counters that change without a save (hits, kudos, comments, bookmarks)."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .backends.writer import chunks


@db_task()
def reindex_works(work_ids: list[int]) -> int:
    return services.index_works(work_ids=work_ids)


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_RECONCILE_MINUTES}"))
def reconcile_index() -> int:
    """Re-queue works whose index row is missing or older than the work or its tags."""
    stale = services.stale_work_ids(limit=settings.FANSHELF_RECONCILE_BATCH)
    for batch in chunks(stale, settings.FANSHELF_SEARCH_INDEX_BATCH):
        reindex_works(batch)
    return len(stale)


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_SEARCH_COUNTER_REFRESH_MINUTES}"))
def refresh_counters() -> int:
    return services.refresh_counters()


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_SAVED_SEARCH_CHECK_MINUTES}"))
def check_saved_searches() -> int:
    from .saved_searches import saved_searches_check

    return saved_searches_check()
