"""What the analyser read in each work, and the tags it suggests to the work's creators."""

from django.db import models


class WorkAnalysis(models.Model):
    work = models.OneToOneField("works.Work", on_delete=models.CASCADE, related_name="analysis")
    analyzed_at = models.DateTimeField(auto_now=True)
    # The work's changed_at when it was read; reconciliation re-analyses older ones.
    source_changed_at = models.DateTimeField(null=True)
    pov = models.CharField(max_length=20, blank=True)
    tense = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)  # extractive, for works posted without a summary
    terms = models.JSONField(default=dict)  # content-word frequencies, for similar works
    data = models.JSONField(default=dict)  # the whole analysis, for the curious author


class TagSuggestion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="suggestions")
    tag_type = models.CharField(max_length=16)  # the tag type it becomes when accepted
    kind = models.CharField(max_length=20)  # what the analyser found: e.g. "canon_placement"
    name = models.CharField(max_length=150)
    confidence = models.FloatField()
    evidence = models.JSONField(default=list)  # [{"text", "start", "end", "part"}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    class Meta:
        ordering = ["tag_type", "-confidence", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "tag_type", "name"], name="suggestion_unique_per_work"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.tag_type})"
