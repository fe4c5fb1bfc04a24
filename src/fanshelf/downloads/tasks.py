"""Jobs: note downloads off the reader's request and fold them into the tallies; make the files
too slow to make while a reader waits."""

import uuid

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fanshelf.works.models import Work

from . import services
from .book import book_for
from .files import file_for


@db_task()
def note_download(work_id: int, event_id: str) -> bool:
    return services.download_record(work_id=work_id, event_id=uuid.UUID(event_id))


@db_task()
def make_file(work_id: int, extension: str) -> bool:
    """Make a file too slow to make while the reader waits; nothing if it is being made."""
    work = Work.objects.filter(pk=work_id, posted=True, hidden_by_admin=False).first()
    if work is None:
        return False
    return file_for(book_for(work), extension, wait=False) is not None


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_DOWNLOAD_COUNT_FOLD_MINUTES}"))
def fold_downloads() -> int:
    return services.downloads_fold()
