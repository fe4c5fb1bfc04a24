"""Jobs: note downloads off the reader's request, and fold them into the tallies."""

import uuid

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services


@db_task()
def note_download(work_id: int, event_id: str) -> bool:
    return services.download_record(work_id=work_id, event_id=uuid.UUID(event_id))


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_DOWNLOAD_COUNT_FOLD_MINUTES}"))
def fold_downloads() -> int:
    return services.downloads_fold()
