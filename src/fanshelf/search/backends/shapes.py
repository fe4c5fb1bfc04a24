"""The plain data the search layer passes around: a work's index document, a resolved query
plan, the hits a backend returns, and the index's column names."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import SORT_COLUMNS, Audience
from ..query import Crossovers, DateRange, IntRange, TextTerm

ALL_WORKS = 0  # the TagCount row that counts every listed work
FACET_TYPES = ("rating", "warning", "category", "fandom", "character", "relationship", "freeform")
FIXED_TYPES = ("rating", "warning", "category")  # a handful of tags each, on nearly every work

INDEX_COLUMNS = (
    "work_id",
    "posted",
    "hidden",
    "restricted",
    "audience",
    "rating_id",
    "fandom_count",
    "language",
    "complete",
    "chapter_count",
    "anonymous",
    *SORT_COLUMNS,
)
TEXT_FIELDS = ("title", "creator", "tags", "summary", "notes", "body")
RANGE_COLUMNS = {
    "words": "word_count",
    "hits": "hits",
    "kudos": "kudos",
    "comments": "comments",
    "bookmarks": "bookmarks",
}


@dataclass
class WorkDocument:
    """Everything the index holds about one work: `row` in INDEX_COLUMNS order, the filter tag
    ids it is found under, and its text by field."""

    row: tuple
    tag_ids: tuple[int, ...]
    text: dict[str, str]
    changed_at: datetime.datetime | None = None  # the work's (or its tags', if newer) when read

    @property
    def work_id(self) -> int:
        return self.row[0]

    @property
    def audience(self) -> int:
        return self.row[4]


@dataclass(frozen=True)
class Plan:
    """A resolved query: tag names already turned into canonical filter tag ids."""

    audience_min: int = Audience.EVERYONE
    terms: tuple[TextTerm, ...] = ()
    include_groups: tuple[tuple[int, ...], ...] = ()  # each group: the work has any of them
    exclude_ids: tuple[int, ...] = ()
    exclude_work_ids: tuple[int, ...] = ()  # works of creators the reader muted
    max_fandoms: int | None = None  # the reader hides crossovers of more fandoms
    hide_anonymous: bool = False  # the reader hides works posted anonymously
    rating_ids: tuple[int, ...] = ()
    ranges: dict[str, IntRange] = field(default_factory=dict)
    published: DateRange | None = None
    revised_from: datetime.datetime | None = None
    revised_before: datetime.datetime | None = None
    complete: bool | None = None
    single_chapter: bool = False
    crossovers: Crossovers = Crossovers.INCLUDE
    language: str = ""
    sort_column: str = "revised_at"  # "" sorts by relevance
    descending: bool = True
    offset: int = 0
    limit: int = 20
    facets: bool = False
    max_offset: int = 4980  # the first result of the last page a reader may reach
    count_limit: int = 100000
    facet_tags: int = 10
    # Best match ranks only this many matches, those with the highest work ids (the newest
    # works), not all of them: scoring every match of a common word reads every match's text.
    rank_candidates: int = 1000


@dataclass
class Hits:
    work_ids: list[int]
    total: int
    total_exact: bool
    facets: list[tuple[int, str, str, int]] = field(default_factory=list)
    offset: int = 0  # where the page starts (a page past the last is moved to the last)
    pages: int = 1  # how many pages the reader may step through
    ranked_among: int | None = None  # best match ranked only this many of more matches


def placeholders(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))
