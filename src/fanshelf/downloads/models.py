import uuid

from django.conf import settings
from django.db import models


class DownloadTally(models.Model):
    """Downloads of a work in one year, counted so far (events folded in by a periodic job);
    by year so that authors' statistics can show one year."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work", "year"], name="download_tally_unique")
        ]


class DownloadEvent(models.Model):
    """One download, written by a job (never while the reader waits). Its id comes from the
    request, so a job that runs twice records it once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)


class OpdsToken(models.Model):
    """The secret in a reader's personal catalogue address, for e-readers that cannot log in.
    Only its hash is kept: the address is shown once, when made, and can be made anew."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opds_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
