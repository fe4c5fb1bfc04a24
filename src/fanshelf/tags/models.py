"""The fan-fiction taxonomy: typed tags, canonical forms with synonyms, parents, metas, and the
links from works to the tags their authors typed (Tagging) and to the canonical tags that find
them (FilterTagging)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from fanshelf.core.text import fold

# The taxonomy's fixed tags, created by migration, in the order forms list them.
RATINGS = ("Not Rated", "General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
CHOSE_NOT_TO_WARN = "Creator Chose Not To Use Archive Warnings"
NO_WARNINGS_APPLY = "No Archive Warnings Apply"
WARNINGS = (
    CHOSE_NOT_TO_WARN,
    NO_WARNINGS_APPLY,
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "Rape/Non-Con",
    "Underage Sex",
)
# The warnings a single chapter can carry: what happens in it, not a choice about the work.
CHAPTER_WARNINGS = WARNINGS[2:]
CATEGORIES = ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")
WRANGLERS_GROUP = "Wranglers"


class TagType(models.TextChoices):
    RATING = "rating", "Rating"
    WARNING = "warning", "Archive Warning"
    CATEGORY = "category", "Category"
    FANDOM = "fandom", "Fandom"
    RELATIONSHIP = "relationship", "Relationship"
    CHARACTER = "character", "Character"
    FREEFORM = "freeform", "Additional Tags"


FIXED_TYPES = (TagType.RATING, TagType.WARNING, TagType.CATEGORY)
FREE_TYPES = (TagType.FANDOM, TagType.RELATIONSHIP, TagType.CHARACTER, TagType.FREEFORM)


class Pronoun(models.TextChoices):
    UNKNOWN = "", "Unknown"
    HE = "he", "he"
    SHE = "she", "she"
    THEY = "they", "they"


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
    # The name's case-folded key (core.text.fold), set on every save: lookups by name,
    # uniqueness and autocomplete's prefix scans use it. Computed in Python, because SQLite's
    # lower(), PostgreSQL's lower() and Python's disagree outside ASCII ("İstanbul").
    name_lower = models.CharField(max_length=300, editable=False)
    # What the story analyser knows beyond names: a character's pronoun, a fandom's telling
    # words and places ("TARDIS", "Gallifrey").
    pronoun = models.CharField(max_length=8, choices=Pronoun.choices, blank=True, default="")
    terms = models.JSONField(default=list, blank=True)
    # A fandom's narrator by convention: the character who tells its canon's stories in the
    # first person (John Watson in Conan Doyle's).
    narrator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "name_lower"], name="tag_name_unique_per_type"),
        ]
        indexes = [
            models.Index(fields=["type", "canonical", "name"], name="tag_type_canonical"),
            # Prefix scans: a range on SQLite, LIKE 'x%' on PostgreSQL (pattern_ops there,
            # whatever the database's collation).
            models.Index(
                fields=["type", "name_lower"],
                name="tag_type_name_prefix",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]
        permissions = [("wrangle_tags", "Can wrangle tags")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_lower = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_lower"}
        super().save(*args, **kwargs)

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


class WorkTagsChange(models.Model):
    """When a work's tags, the filters it is found under or its tags' names last changed.
    Written in the transaction of the change, so search can re-index an entry older than it
    even if the re-index job queued after the commit is lost. Kept apart from the work's own
    changed_at, which the analyser follows: wrangling must not make it read every work again."""

    work = models.OneToOneField(
        "works.Work", primary_key=True, on_delete=models.CASCADE, related_name="tags_change"
    )
    changed_at = models.DateTimeField()


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


class AmbiguousAlias(models.Model):
    """A name several canonical characters share ("the Doctor", "Holmes"). It can't be a synonym
    tag (a synonym means exactly one canonical tag), so it is kept beside the character for the
    story analyser, which tells the characters apart from context."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="ambiguous_aliases")
    name = models.CharField(max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint("tag", Lower("name"), name="ambiguous_alias_unique"),
        ]

    def __str__(self):
        return f"{self.name} ({self.tag.name})"


class Era(models.Model):
    """A stretch of a fandom's canon with its own main characters ("Twelfth Doctor era")."""

    fandom = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="eras")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    main_characters = models.ManyToManyField(Tag, blank=True, related_name="main_in_eras")

    class Meta:
        ordering = ["fandom", "position"]
        constraints = [models.UniqueConstraint(fields=["fandom", "key"], name="era_key_unique")]

    def __str__(self):
        return self.name


class CanonWork(models.Model):
    """One episode, film, book or story of a fandom's canon, in canon order."""

    fandom = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="canon_works")
    title = models.CharField(max_length=255)
    position = models.PositiveIntegerField()
    abbreviations = models.JSONField(default=list, blank=True)
    group = models.CharField(max_length=150, blank=True)  # series, season, collection
    era = models.ForeignKey(
        Era, null=True, blank=True, on_delete=models.SET_NULL, related_name="canon_works"
    )
    keywords = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["fandom", "position"]
        constraints = [
            models.UniqueConstraint("fandom", Lower("title"), name="canon_work_title_unique"),
        ]

    def __str__(self):
        return self.title
