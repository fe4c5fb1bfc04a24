"""A job interrupted by kill -9 of its worker runs again when a worker starts; the first SIGTERM
stops a worker at once, even mid-job."""

import signal
import time

import pytest

pytestmark = pytest.mark.django_db

BIG_WORK = """
import random
from fanshelf.accounts.services import user_signup
from fanshelf.works.services import ChapterInput, work_create
rng = random.Random(1)
words = "the doctor said that rose walked into the tardis and looked at the stars".split()
def chapter():
    return "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(80)) + ".</p>" for _ in range(400)
    )
user = user_signup(username="writer", email="writer@example.invalid", password="a long pass 1")
work = work_create(
    pseuds=[user.default_pseud], title="Long Road",
    chapters=[ChapterInput(text=chapter()) for _ in range(6)],
)
print(work.pk)
"""

WAIT_FOR_ANALYSIS_TO_START = """
import time
from fanshelf.core.models import RunningJob
deadline = time.monotonic() + 60
while not RunningJob.objects.filter(name__contains="analyze_work_job").exists():
    assert time.monotonic() < deadline, "the analysis never started"
    time.sleep(0.01)
"""

STATE = """
from fanshelf.core.models import RunningJob
from fanshelf.suggestions.models import WorkAnalysis
from fanshelf.search.models import WorkIndex
print(WorkAnalysis.objects.count(), WorkIndex.objects.count(), RunningJob.objects.count())
"""


def state(archive) -> tuple[int, int, int]:
    analyses, indexed, running = archive.python(STATE).split()
    return int(analyses), int(indexed), int(running)


def test_an_analysis_interrupted_by_kill_9_runs_again_after_restart(live_archive):
    live_archive.python(BIG_WORK)
    worker = live_archive.start("worker", "--no-periodic")
    live_archive.python(WAIT_FOR_ANALYSIS_TO_START)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    analyses, _, running = state(live_archive)
    assert (analyses, running) == (0, 1), "killed mid-analysis: nothing stored, the job noted"

    live_archive.start("worker", "--no-periodic")
    deadline = time.monotonic() + 120
    while state(live_archive) != (1, 1, 0):
        assert time.monotonic() < deadline, f"the job never ran again: {state(live_archive)}"
        time.sleep(0.5)


def test_the_worker_stops_promptly_on_the_first_sigterm_mid_job(live_archive):
    live_archive.python(BIG_WORK)
    worker = live_archive.start("worker", "--no-periodic")
    live_archive.python(WAIT_FOR_ANALYSIS_TO_START)
    asked = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=60)
    assert time.monotonic() - asked < 10
    assert state(live_archive)[2] == 1, "the interrupted job is noted to run again"
