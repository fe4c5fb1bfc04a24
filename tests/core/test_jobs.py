"""The job ledger: a job is noted while it runs and put back in the queue if its worker died;
reconciliation re-queues works whose index entry or analysis a lost job left stale."""

import datetime

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from fanshelf.core.jobs import recover_interrupted_jobs
from fanshelf.core.models import RunningJob
from fanshelf.search.models import WorkIndex
from fanshelf.search.tasks import reconcile_index, reindex_works
from fanshelf.suggestions.models import WorkAnalysis
from fanshelf.suggestions.tasks import reconcile_analysis
from fanshelf.works import services as work_services
from fanshelf.works.models import Work

DEAD_WORKER = "elsewhere:999999:1"


@pytest.fixture
def work(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return work_services.work_create(
            pseuds=[author.default_pseud],
            title="Night Ferry",
            chapters=[work_services.ChapterInput(text="<p>The Doctor and Rose.</p>")],
        )


def test_a_finished_job_leaves_no_note(work):
    assert WorkIndex.objects.filter(work=work).exists()
    assert WorkAnalysis.objects.filter(work=work).exists()
    assert not RunningJob.objects.exists()


def test_a_job_whose_worker_died_is_queued_again_once(work, monkeypatch):
    WorkIndex.objects.all().delete()
    task = reindex_works.s([work.pk])
    RunningJob.objects.create(
        task_id=task.id,
        name=task.name,
        message=HUEY.serialize_task(task),
        owner=DEAD_WORKER,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert recover_interrupted_jobs() == 1
    assert WorkIndex.objects.filter(work=work).exists()
    assert not RunningJob.objects.exists()
    assert recover_interrupted_jobs() == 0


def test_a_job_of_a_live_worker_on_another_machine_is_left_until_its_lease_ends(work):
    task = reindex_works.s([work.pk])
    RunningJob.objects.create(
        task_id=task.id, name=task.name, message=HUEY.serialize_task(task), owner=DEAD_WORKER
    )
    assert recover_interrupted_jobs() == 0
    assert RunningJob.objects.count() == 1


def test_reconciliation_reindexes_works_missing_from_the_index_or_older_than_the_work(work):
    work_services.work_create(
        pseuds=list(work.pseuds.all()),
        title="Harbour Lights",
        chapters=[work_services.ChapterInput(text="<p>Lanterns.</p>")],
    )  # its jobs never ran: the index has no row for it
    Work.objects.filter(pk=work.pk).update(title="Night Ferry Home", changed_at=timezone.now())
    assert reconcile_index.call_local() == 2
    assert set(WorkIndex.objects.values_list("title_sort", flat=True)) == {
        "night ferry home",
        "harbour lights",
    }
    assert reconcile_index.call_local() == 0


def test_reconciliation_analyses_works_never_analysed_or_changed_since(work):
    WorkAnalysis.objects.all().delete()
    assert reconcile_analysis.call_local() == 1
    analysed_at = WorkAnalysis.objects.get(work=work).analyzed_at
    assert reconcile_analysis.call_local() == 0
    Work.objects.filter(pk=work.pk).update(changed_at=timezone.now())
    assert reconcile_analysis.call_local() == 1
    assert WorkAnalysis.objects.get(work=work).analyzed_at > analysed_at
