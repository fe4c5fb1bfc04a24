"""The works app announces; the shelf listens: a reader opened a work (history, buffered), a
work was saved or joined a series (subscribers, as a job)."""

from fanshelf.works.signals import series_work_added, work_read, work_saved


def _work_read(sender, *, work, request, position, chosen=True, **kwargs):
    from .reading_services import record_view

    if position and request.user.is_authenticated and work.posted and not work.is_creator:
        record_view(user=request.user, work_id=work.pk, chapter_position=position, chosen=chosen)


def _work_changed(sender, *, work, **kwargs):
    from .tasks import announce_work

    if work.posted and not work.hidden_by_admin:
        announce_work(work.pk)


def connect() -> None:
    work_read.connect(_work_read, dispatch_uid="library.work_read")
    work_saved.connect(_work_changed, dispatch_uid="library.work_saved")
    series_work_added.connect(_work_changed, dispatch_uid="library.series_work_added")
