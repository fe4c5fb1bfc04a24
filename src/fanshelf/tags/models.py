"""The fan-fiction taxonomy: typed tags, canonical forms with synonyms, parents, metas, and the
links from works to the tags their authors typed (Tagging) and to the canonical tags that find
them (FilterTagging)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class TagType(models.TextChoices):
    RATING = "rating", "Rating"
    WARNING = "warning", "Archive Warning"
    CATEGORY = "category", "Category"
    FANDOM = "fandom", "Fandom"
    RELATIONSHIP = "relationship", "Relationship"
    CHARACTER = "character", "Character"
    FREEFORM = "freeform", "Additional Tags"


class Tag(models.Model):
    name = models.CharField(max_length=150)
    type = models.CharField(max_length=16, choices=TagType.choices)
    canonical = models.BooleanField(default=False)
    unwrangleable = models.BooleanField(default=False)
    # A synonym points at the one canonical tag of the same type it means.
    merger = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="synonyms"
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("name"), "type", name="tag_name_unique_per_type"),
        ]
        indexes = [models.Index(fields=["type", "canonical", "name"], name="tag_type_canonical")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tags:detail", args=[self.name])


class TagParent(models.Model):
    """Parent/child links: a character's or relationship's fandoms, a relationship's characters."""

    parent = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="parent_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="tag_parent_unique"),
        ]


class MetaTagging(models.Model):
    """'Twelfth Doctor' is a sub tag of 'The Doctor (Doctor Who)': works of the sub are found
    under the meta."""

    meta = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="sub_links")
    sub = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="meta_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meta", "sub"], name="meta_tagging_unique")]


class Tagging(models.Model):
    """A tag exactly as the work's author chose it."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="taggings")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="taggings")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "tag"], name="tagging_unique")]


class FilterTagging(models.Model):
    """A canonical tag a work is found under: the canonical form of one of its tags, or a meta
    tag inherited from one (`inherited`)."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="filter_taggings")
    filter = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="filter_taggings")
    inherited = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["filter", "work"], name="filter_tagging_unique"),
        ]
        indexes = [models.Index(fields=["work", "filter"], name="filter_tagging_work")]


class WranglingAction(models.Model):
    """Who changed the taxonomy, when, and how."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=40)
    tag = models.ForeignKey(Tag, null=True, on_delete=models.SET_NULL, related_name="+")
    tag_name = models.CharField(max_length=150)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
