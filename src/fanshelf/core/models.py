"""What the whole archive shares: the ledger of jobs a worker is running."""

from django.db import models
from django.utils import timezone


class RunningJob(models.Model):
    """A job a worker has taken from the queue and not yet finished. Huey forgets a job when it
    takes it; this row remembers it until it ends, so a job whose worker died runs again."""

    task_id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(max_length=200)
    message = models.BinaryField()  # the job as Huey queues it, to put back as it was
    owner = models.CharField(max_length=255)  # host:pid:process start of the worker
    started_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.name} ({self.task_id})"
