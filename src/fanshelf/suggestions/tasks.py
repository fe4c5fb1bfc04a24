from huey.contrib.djhuey import db_task

from fanshelf.works.models import Work


@db_task()
def analyze_work_job(work_id: int) -> None:
    from .services import work_analyze

    work = Work.objects.filter(pk=work_id).first()
    if work is not None:  # deleted while the job waited
        work_analyze(work=work)
