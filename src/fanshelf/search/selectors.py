"""Search and browse: `search_works(viewer=..., query=...)` is the one way to list works by
text and tags. Visibility is applied inside the search layer (drafts and hidden works never,
restricted works only for logged-in readers), so results, counts and facets agree."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from fanshelf.accounts.models import Pseud
from fanshelf.tags.models import Tag, Tagging, TagType
from fanshelf.tags.names import fold
from fanshelf.works.models import Work
from fanshelf.works.selectors import listed_works

from .backends import get_backend
from .backends.shapes import FACET_TYPES, Hits, Plan
from .models import Audience
from .personal import NONE, personal_filters
from .query import SearchQuery, Sort

SORT_COLUMNS = {
    Sort.RELEVANCE: "",
    Sort.REVISED: "revised_at",
    Sort.PUBLISHED: "published_on",
    Sort.WORDS: "word_count",
    Sort.TITLE: "title_sort",
    Sort.CREATOR: "creator_sort",
    Sort.HITS: "hits",
    Sort.KUDOS: "kudos",
    Sort.COMMENTS: "comments",
    Sort.BOOKMARKS: "bookmarks",
}
TAG_FIELDS = (
    ("fandoms", TagType.FANDOM, "fandom"),
    ("characters", TagType.CHARACTER, "character"),
    ("relationships", TagType.RELATIONSHIP, "relationship"),
    ("freeforms", TagType.FREEFORM, "additional tag"),
)


@dataclass
class FacetTag:
    id: int
    name: str
    count: int


@dataclass
class Facet:
    type: str
    label: str
    tags: list[FacetTag]


@dataclass
class _Paginator:
    num_pages: int
    count: int | None = None


@dataclass
class ResultPage:
    """What works/_pagination.html needs from a page."""

    number: int
    num_pages: int
    count: int | None = None  # known for listings that show their total

    @property
    def paginator(self):
        return _Paginator(self.num_pages, self.count)

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.num_pages

    def has_other_pages(self):
        return self.num_pages > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


@dataclass
class SearchResult:
    query: SearchQuery
    works: list[Work]
    total: int
    total_exact: bool
    page: ResultPage
    facets: list[Facet] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    included: list[Tag] = field(default_factory=list)
    personal_labels: tuple[str, ...] = ()  # the reader's own filters (applied unless not on)
    personal_on: bool = True
    excluded: list[Tag] = field(default_factory=list)


class _NoMatch(Exception):
    """A filter that no work can pass (a tag that doesn't exist): the result is empty."""


def _canonical(tags: Sequence[Tag]) -> list[Tag]:
    """The canonical filter tags that find works tagged with any of `tags`."""
    found = {}
    for tag in tags:
        target = tag if tag.canonical else tag.merger
        if target is not None and target.canonical:
            found[target.pk] = target
    return list(found.values())


def _tags_named(name: str, *, tag_type: str | None = None) -> list[Tag]:
    # (type, name_lower) is indexed: naming the types lets the lookup use it.
    types = [tag_type] if tag_type else TagType.values
    tags = Tag.objects.select_related("merger").filter(type__in=types, name_lower=fold(name))
    return _canonical(list(tags))


def _resolve_includes(query: SearchQuery, result: SearchResult) -> list[tuple[int, ...]]:
    groups: list[tuple[int, ...]] = []
    # A tag page's own tag may come back ticked in the sidebar: include it once.
    seen: set[str] = set()
    for name in query.include:
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        tags = _tags_named(name)
        if not tags:
            raise _NoMatch(f"No tag named “{name}” is used for filtering, so no work has it.")
        result.included += tags
        groups.append(tuple(t.pk for t in tags))
    for names in query.include_any:
        tags = [t for name in names for t in _tags_named(name)]
        if not tags:
            either = " or ".join(f"“{name}”" for name in names)
            raise _NoMatch(f"No tag named {either} is used for filtering, so no work has it.")
        result.included += tags
        groups.append(tuple(dict.fromkeys(t.pk for t in tags)))
    for attribute, tag_type, label in TAG_FIELDS:
        for entry in getattr(query, attribute):
            tags = _tags_named(entry, tag_type=tag_type) or _tags_containing(entry, tag_type)
            if not tags:
                raise _NoMatch(f"No {label} tag matches “{entry}”.")
            result.included += tags
            groups.append(tuple(t.pk for t in tags))
    fixed = {t.pk: t for t in Tag.objects.filter(pk__in=[*query.warning_ids, *query.category_ids])}
    for tag_id in (*query.warning_ids, *query.category_ids):
        if tag_id not in fixed:
            raise _NoMatch("One of the chosen warnings or categories no longer exists.")
        result.included.append(fixed[tag_id])
        groups.append((tag_id,))
    if len(groups) > settings.FANSHELF_SEARCH_TAG_FILTERS_MAX:
        raise _NoMatch(f"Use at most {settings.FANSHELF_SEARCH_TAG_FILTERS_MAX} tag filters.")
    return groups


def _tags_containing(entry: str, tag_type: str) -> list[Tag]:
    words = entry.split()
    if not words:
        return []
    matches = Tag.objects.select_related("merger").filter(
        reduce(and_, (Q(name__icontains=word) for word in words)), type=tag_type
    )
    return _canonical(list(matches[: settings.FANSHELF_SEARCH_TAG_FILTERS_MAX]))


def _resolve_excludes(query: SearchQuery, result: SearchResult) -> tuple[int, ...]:
    ids: dict[int, None] = {}
    for name in query.exclude:
        tags = _tags_named(name)
        if not tags:
            result.notices.append(f"No tag named “{name}” is used for filtering; nothing to hide.")
        result.excluded += tags
        ids.update(dict.fromkeys(t.pk for t in tags))
    return tuple(ids)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _plan(
    *, viewer, query: SearchQuery, result: SearchResult, per_page: int, personal=NONE
) -> Plan:
    sort = query.sort if query.sort != Sort.RELEVANCE or query.has_text else Sort.REVISED
    revised = query.revised
    one_day = datetime.timedelta(days=1)
    return Plan(
        audience_min=Audience.MEMBERS if viewer and viewer.is_authenticated else Audience.EVERYONE,
        terms=query.terms,
        include_groups=tuple(_resolve_includes(query, result)),
        exclude_ids=tuple(
            dict.fromkeys(_resolve_excludes(query, result) + personal.excluded_tag_ids)
        ),
        **personal.plan_fields(),
        rating_ids=query.rating_ids,
        ranges=query.ranges,
        published=query.published,
        revised_from=_start_of(revised.start) if revised and revised.start else None,
        revised_before=_start_of(revised.end + one_day) if revised and revised.end else None,
        complete=query.complete,
        single_chapter=query.single_chapter,
        crossovers=query.crossovers,
        language=query.language,
        sort_column=SORT_COLUMNS[sort],
        descending=query.descending if sort != Sort.RELEVANCE else True,
        offset=(result.page.number - 1) * per_page,
        limit=per_page,
        facets=query.facets,
        max_offset=(settings.FANSHELF_SEARCH_MAX_PAGE - 1) * per_page,
        count_limit=settings.FANSHELF_SEARCH_COUNT_LIMIT,
        facet_tags=settings.FANSHELF_SEARCH_FACET_TAGS,
        rank_candidates=settings.FANSHELF_SEARCH_RANK_CANDIDATES,
    )


def search_works(
    *, viewer, query: SearchQuery, per_page: int | None = None, personal: bool = True
) -> SearchResult:
    """`personal`: apply the reader's own filters (personal.py); the result says how many."""
    per_page = per_page or settings.FANSHELF_WORKS_PER_PAGE
    max_page = settings.FANSHELF_SEARCH_MAX_PAGE
    page = max(query.page, 1)
    result = SearchResult(
        query=query, works=[], total=0, total_exact=True, page=ResultPage(page, 1)
    )
    if page > max_page:
        result.notices.append(
            f"Only the first {max_page} pages of a listing are shown; narrow the search or "
            "change the sort to reach the rest."
        )
        result.page = ResultPage(max_page, 1)
    mine = personal_filters(viewer)
    result.personal_labels = mine.labels
    result.personal_on = personal
    try:
        plan = _plan(
            viewer=viewer,
            query=query,
            result=result,
            per_page=per_page,
            personal=mine if personal else NONE,
        )
    except _NoMatch as no_match:
        result.notices.append(str(no_match))
        return result
    hits = get_backend().search(plan)
    result.total, result.total_exact = hits.total, hits.total_exact
    result.page = ResultPage(hits.offset // per_page + 1, hits.pages)
    if result.page.number < page <= max_page and hits.total:
        result.notices.append(f"There are only {hits.pages:,} pages of results; this is the last.")
    if hits.ranked_among:
        result.notices.append(
            f"Best match ranks only the {hits.ranked_among:,} newest matching works; narrow "
            "the search (or sort by date) to reach the rest."
        )
    result.works = _works_in_order(viewer=viewer, work_ids=hits.work_ids)
    if plan.facets:
        result.facets = _facets(hits)
    return result


def _works_in_order(*, viewer, work_ids: list[int]) -> list[Work]:
    # The index decides; the works' own visibility rule is checked again, in case the index
    # hasn't caught up with a change yet.
    if not work_ids:
        return []
    works = listed_works(viewer=viewer).filter(pk__in=work_ids).defer(*BLURB_UNUSED)
    works = works.prefetch_related(*_blurb_prefetches(), "serial_works__series")
    works = {w.pk: w for w in works}
    return [works[pk] for pk in work_ids if pk in works]


# Work fields no blurb or feed shows (long text): read only if something asks for them.
BLURB_UNUSED = ("notes_begin", "notes_end")


def _blurb_prefetches() -> tuple[Prefetch, Prefetch]:
    """What with_creators prefetches (pseuds with their users, taggings with their tags), in
    two queries instead of four, reading only the columns blurbs show."""
    pseuds = Pseud.objects.select_related("user").only(
        "id", "name", "is_default", "user__id", "user__username"
    )
    taggings = Tagging.objects.select_related("tag").only(
        "id", "work_id", "tag__id", "tag__name", "tag__type", "tag__canonical"
    )
    return Prefetch("pseuds", queryset=pseuds), Prefetch("taggings", queryset=taggings)


def _facets(hits: Hits) -> list[Facet]:
    by_type: dict[str, list[FacetTag]] = defaultdict(list)
    for tag_id, tag_type, name, count in hits.facets:
        by_type[tag_type].append(FacetTag(tag_id, name, count))
    labels = dict(TagType.choices)
    return [Facet(t, labels[t], by_type[t]) for t in FACET_TYPES if by_type[t]]


@dataclass
class TagFilters:
    """A query's tag filters resolved to canonical filter tags, for other listings (bookmark
    search) that filter by the same rules as work search."""

    include_groups: tuple[tuple[int, ...], ...] = ()  # each group: any of these tag ids
    exclude_ids: tuple[int, ...] = ()
    included: list[Tag] = field(default_factory=list)
    excluded: list[Tag] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    matches_nothing: bool = False


def resolve_tag_filters(query: SearchQuery) -> TagFilters:
    scratch = SearchResult(query=query, works=[], total=0, total_exact=True, page=ResultPage(1, 1))
    try:
        groups = tuple(_resolve_includes(query, scratch))
    except _NoMatch as no_match:
        return TagFilters(notices=[str(no_match)], matches_nothing=True)
    excluded = _resolve_excludes(query, scratch)
    return TagFilters(groups, excluded, scratch.included, scratch.excluded, scratch.notices)
