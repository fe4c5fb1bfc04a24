"""Background jobs: read a work with the analyser after it changes, and re-queue the works
whose analysis a lost job left missing or stale."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fanshelf.works.models import Work


@db_task()
def analyze_work_job(work_id: int) -> None:
    from .services import work_analyze

    work = Work.objects.filter(pk=work_id).first()
    if work is not None:  # deleted while the job waited
        work_analyze(work=work)


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_RECONCILE_MINUTES}"))
def reconcile_analysis() -> int:
    from .services import stale_analysis_work_ids

    stale = stale_analysis_work_ids(limit=settings.FANSHELF_RECONCILE_BATCH)
    for work_id in stale:
        analyze_work_job(work_id)
    return len(stale)
