"""The search index: one row per work with everything listings sort and filter by, and one row
per (work, filter tag). Both are written only by the search backends; full text lives in an
engine-specific structure beside them (an FTS5 table on SQLite, a tsvector column on PostgreSQL).
"""

from django.db import models


class Audience(models.IntegerChoices):
    NOBODY = 0, "Nobody (draft or hidden)"
    MEMBERS = 1, "Logged-in users"
    EVERYONE = 2, "Everyone"


def audience_of(*, posted: bool, hidden: bool, restricted: bool) -> int:
    if not posted or hidden:
        return Audience.NOBODY
    return Audience.MEMBERS if restricted else Audience.EVERYONE


LISTED = models.Q(audience__gt=0)
SORT_COLUMNS = (
    "word_count",
    "hits",
    "kudos",
    "comments",
    "bookmarks",
    "published_on",
    "revised_at",
    "title_sort",
    "creator_sort",
)


class WorkIndex(models.Model):
    work = models.OneToOneField(
        "works.Work", primary_key=True, on_delete=models.CASCADE, related_name="search_index"
    )
    posted = models.BooleanField()
    hidden = models.BooleanField()
    restricted = models.BooleanField()
    anonymous = models.BooleanField(default=False)  # readers may hide anonymous works
    audience = models.SmallIntegerField(choices=Audience.choices)
    rating_id = models.IntegerField(null=True)  # a tag id; no constraint, tags get wrangled
    fandom_count = models.SmallIntegerField(default=0)
    language = models.CharField(max_length=16)
    complete = models.BooleanField()
    chapter_count = models.PositiveIntegerField()
    word_count = models.PositiveIntegerField()
    hits = models.PositiveIntegerField()
    kudos = models.PositiveIntegerField()
    comments = models.PositiveIntegerField()
    bookmarks = models.PositiveIntegerField()
    published_on = models.DateField()
    revised_at = models.DateTimeField()
    title_sort = models.CharField(max_length=255)
    creator_sort = models.CharField(max_length=255)
    # The work's changed_at (or its tags' change, if newer) when this row was written;
    # reconciliation re-indexes older rows.
    source_changed_at = models.DateTimeField(null=True)

    class Meta:
        # Sort indexes end with the work (the tie-breaker that keeps pages stable) and the
        # audience, so ordering and the visibility check need no row read.
        indexes = [
            models.Index(fields=[column, "work", "audience"], condition=LISTED, name=f"si_{column}")
            for column in SORT_COLUMNS
        ] + [
            models.Index(fields=["rating_id", "audience"], condition=LISTED, name="si_rating"),
        ]


class WorkFilter(models.Model):
    """A canonical tag a work is found under (a copy of tags.FilterTagging, with the work's
    audience, kept by the indexer so a tag's listed works are one index range)."""

    pk = models.CompositePrimaryKey("work_id", "tag_id")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, db_index=False)
    tag_id = models.IntegerField()
    audience = models.SmallIntegerField(choices=Audience.choices)

    class Meta:
        indexes = [models.Index(fields=["tag_id", "audience", "work"], name="sf_tag")]


class TagCount(models.Model):
    """How many listed works each filter tag has that a reader of at least `audience` sees
    (audience 1 counts every listed work, 2 only those guests see): the facet counts of an
    unfiltered listing and the totals of a plain tag listing, without counting."""

    pk = models.CompositePrimaryKey("tag_id", "audience")
    tag_id = models.IntegerField()
    audience = models.SmallIntegerField(choices=Audience.choices)
    tag_type = models.CharField(max_length=16, default="")
    works = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["audience", "tag_type", "-works"], name="stc_top")]


class ReindexRun(models.Model):
    """Progress of `fanshelf reindex`, committed with each batch so a crash can resume."""

    started_at = models.DateTimeField(auto_now_add=True)
    last_work_id = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    done = models.BigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-started_at"]


class IndexChange(models.Model):
    """One row per index write: which work changed (0: everything, after a bulk load). Every
    app-server process replays the rows after the last it saw before each search, so the
    in-memory bitmaps (bitmaps.py) of all processes follow the index tables."""

    seq = models.BigAutoField(primary_key=True)
    work_id = models.BigIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    # Only hits, kudos, comments or bookmarks moved: processes copy those, however many.
    counters_only = models.BooleanField(default=False)


class ReaderFilters(models.Model):
    """What a logged-in reader never wants listed: applied to every listing of works (search,
    tag pages, the front page, fandom counts) and counted, with creators they muted
    (accounts.selectors.muted_user_ids). A reader may show everything for one listing."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="reader_filters"
    )
    excluded_tags = models.ManyToManyField("tags.Tag", blank=True, related_name="+")
    max_fandoms = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Hide crossovers of more fandoms than this."
    )
    hide_anonymous = models.BooleanField(default=False)


class SavedSearch(models.Model):
    """A search a reader named; new works it finds reach their inbox (saved_searches.py)."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    params = models.TextField()  # the search page's query string
    created_at = models.DateTimeField(auto_now_add=True)
    # Works up to this id were already told about (or existed when the search was saved).
    seen_work_id = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["name", "pk"]
