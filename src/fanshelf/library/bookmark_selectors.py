"""Reads of bookmarks. A viewer sees a bookmark when it is public or theirs, its item is one they
may see (visibility_q for works; a series with a work they may see; external works are public),
and neither its bookmarker nor (for others' bookmarks) the item's creator is one they muted.
Bookmark search filters by the bookmarked item's tags with the search app's rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.search.query import SearchQuery, TextTerm
from fanshelf.search.selectors import Facet, FacetTag, TagFilters, resolve_tag_filters
from fanshelf.tags.models import FilterTagging, Tag, TagType
from fanshelf.works.models import Series, Work
from fanshelf.works.selectors import signed_work_ids, visibility_q
from fanshelf.works.series_selectors import visible_series

from .models import Bookmark, ExternalWork


def visible_bookmarks(*, viewer) -> QuerySet[Bookmark]:
    own = Q(user=viewer) if viewer is not None and viewer.is_authenticated else Q(pk__in=[])
    item_visible = (
        Q(work__in=Work.objects.filter(visibility_q(viewer)).values("pk"))
        | Q(series__in=visible_series(viewer=viewer).values("pk"))
        | Q(external__isnull=False)
    )
    bookmarks = Bookmark.objects.filter((Q(private=False) | own) & item_visible)
    muted = muted_user_ids(viewer)
    if not muted:
        return bookmarks
    # Nor others' bookmarks of a muted creator's (signed) works or series.
    muted_works = signed_work_ids(muted)
    muted_series = Series.pseuds.through.objects.filter(pseud__user_id__in=muted).values(
        "series_id"
    )
    of_muted = Q(work__in=muted_works) | Q(series__in=muted_series)
    return bookmarks.exclude(user_id__in=muted).exclude(of_muted & ~own)


def with_items(bookmarks: QuerySet[Bookmark]) -> QuerySet[Bookmark]:
    return bookmarks.select_related("user", "work", "series", "external").prefetch_related(
        "tags", "work__pseuds__user", "work__taggings__tag", "work__serial_works__series",
        "series__pseuds__user",
        "external__tags",
    )  # fmt: skip


def bookmarks_of_work(*, work: Work, viewer) -> QuerySet[Bookmark]:
    return with_items(visible_bookmarks(viewer=viewer).filter(work=work)).order_by("-created_at")


def bookmark_of(*, user, work=None, series=None) -> Bookmark | None:
    if user is None or not user.is_authenticated:
        return None
    item = {"work": work} if work is not None else {"series": series}
    return Bookmark.objects.filter(user=user, **item).first()


@dataclass
class BookmarkQuery:
    """What a reader asks of bookmark search. `tags` reuses the work search query for the
    bookmarked item's tags (include, exclude and the typed tag fields)."""

    tags: SearchQuery = field(default_factory=SearchQuery)
    notes_terms: tuple[TextTerm, ...] = ()
    bookmarker: str = ""
    bookmarker_tags: tuple[str, ...] = ()
    rec_only: bool = False
    page: int = 1


@dataclass
class BookmarkResult:
    query: SearchQuery  # the item-tag query, as the shared filter sidebar reads it
    bookmarks: list[Bookmark]
    total: int
    page: object
    facets: list[Facet]
    bookmarker_tags: list[FacetTag]
    notices: list[str]
    filters: TagFilters
    facets_sampled_from: None = None


def _item_has(ids: tuple[int, ...]) -> Q:
    """Bookmarks whose item is found under any of these canonical filter tags."""
    on_work = FilterTagging.objects.filter(work_id=OuterRef("work_id"), filter_id__in=ids)
    in_series = FilterTagging.objects.filter(
        work__serial_works__series_id=OuterRef("series_id"), filter_id__in=ids
    )
    external = ExternalWork.tags.through.objects.filter(externalwork_id=OuterRef("external_id"))
    external = external.filter(Q(tag_id__in=ids) | Q(tag__merger_id__in=ids))
    return Q(Exists(on_work)) | Q(Exists(in_series)) | Q(Exists(external))


def filtered_bookmarks(*, viewer, query: BookmarkQuery) -> tuple[QuerySet[Bookmark], TagFilters]:
    filters = resolve_tag_filters(query.tags)
    bookmarks = visible_bookmarks(viewer=viewer)
    if filters.matches_nothing:
        return bookmarks.none(), filters
    for group in filters.include_groups:
        bookmarks = bookmarks.filter(_item_has(group))
    if filters.exclude_ids:
        bookmarks = bookmarks.exclude(_item_has(filters.exclude_ids))
    for term in query.notes_terms:
        phrase = Q(notes__icontains=" ".join(term.words))
        bookmarks = bookmarks.exclude(phrase) if term.negated else bookmarks.filter(phrase)
    if query.bookmarker:
        bookmarks = bookmarks.filter(user__username__iexact=query.bookmarker)
    for name in query.bookmarker_tags:
        named = Tag.objects.filter(name__iexact=name)
        bookmarks = bookmarks.filter(Q(tags__in=named) | Q(tags__merger__in=named))
    if query.rec_only:
        bookmarks = bookmarks.filter(rec=True)
    return bookmarks.distinct(), filters


def search_bookmarks(*, viewer, query: BookmarkQuery, per_page: int | None = None):
    from fanshelf.search.selectors import ResultPage

    per_page = per_page or settings.FANSHELF_WORKS_PER_PAGE
    bookmarks, filters = filtered_bookmarks(viewer=viewer, query=query)
    total = bookmarks.count()
    num_pages = max(1, -(-total // per_page))
    number = min(max(query.page, 1), num_pages)
    ordered = with_items(bookmarks.order_by("-created_at", "-pk"))
    start = (number - 1) * per_page
    return BookmarkResult(
        query=query.tags,
        bookmarks=list(ordered[start : start + per_page]),
        total=total,
        page=ResultPage(number, num_pages),
        facets=_item_facets(bookmarks),
        bookmarker_tags=_bookmarker_facet(bookmarks),
        notices=filters.notices,
        filters=filters,
    )


def _item_facets(bookmarks: QuerySet[Bookmark]) -> list[Facet]:
    """The most frequent canonical tags of the bookmarked works, per type, counted exactly in
    the database over every matching bookmark."""
    per_type = settings.FANSHELF_SEARCH_FACET_TAGS
    rows = (
        FilterTagging.objects.filter(
            work_id__in=bookmarks.filter(work__isnull=False).values("work_id")
        )
        .values("filter_id", "filter__type", "filter__name")
        .annotate(n=Count("work_id"))
        .order_by("-n", "filter__name")
    )
    by_type: dict[str, list[FacetTag]] = {}
    for row in rows:
        tags = by_type.setdefault(row["filter__type"], [])
        if len(tags) < per_type:
            tags.append(FacetTag(row["filter_id"], row["filter__name"], row["n"]))
    return [
        Facet(tag_type, label, by_type[tag_type])
        for tag_type, label in TagType.choices
        if by_type.get(tag_type)
    ]


def _bookmarker_facet(bookmarks: QuerySet[Bookmark]) -> list[FacetTag]:
    rows = (
        Bookmark.tags.through.objects.filter(bookmark_id__in=bookmarks.values("pk"))
        .values("tag_id", "tag__name")
        .annotate(n=Count("bookmark_id"))
        .order_by("-n", "tag__name")[: settings.FANSHELF_SEARCH_FACET_TAGS]
    )
    return [FacetTag(row["tag_id"], row["tag__name"], row["n"]) for row in rows]
