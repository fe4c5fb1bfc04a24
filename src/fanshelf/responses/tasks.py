"""Jobs: recount a work's kudos and comments, and flush buffered hits.
Each is safe to run twice: recounts count, the hit flush records its batches."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fanshelf.works.models import Work

from . import hits
from .models import Comment, Kudos
from .selectors import counted_comments, per_work


@db_task()
def recount_responses(work_id: int) -> None:
    Work.objects.filter(pk=work_id).update(
        kudos_count=per_work(Kudos.objects.all()),
        comment_count=per_work(Comment.objects.filter(counted_comments())),
    )


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_HITS_FLUSH_MINUTES}"))
def flush_hits() -> int:
    return hits.flush_hits()
