"""The fixed query mix of bench/search.py, and the two ways of running it: the search layer,
and the same query as plain Django ORM filters over the join tables (the naive baseline)."""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.db.models import Count, Q

from fanshelf.search.models import TagCount
from fanshelf.search.query import IntRange, SearchQuery, Sort, parse_terms
from fanshelf.search.selectors import SORT_COLUMNS, search_works
from fanshelf.tags.models import FilterTagging, Tag, TagType
from fanshelf.works.models import Work
from fanshelf.works.selectors import with_creators

GUEST = AnonymousUser()
ORM_SORT = {
    Sort.REVISED: "revised_at",
    Sort.PUBLISHED: "published_on",
    Sort.WORDS: "word_count",
    Sort.KUDOS: "kudos_count",
    Sort.HITS: "hits",
    Sort.TITLE: "title",
}


def _ranked(tag_type: str) -> list[Tag]:
    """The type's tags, most used first, leaving out names another tag shares."""
    counts = dict(
        TagCount.objects.filter(audience=2, tag_type=tag_type)
        .order_by("-works")
        .values_list("tag_id", "works")[:400]
    )
    tags = Tag.objects.in_bulk(list(counts))
    shared = set(
        Tag.objects.filter(name__in=[t.name for t in tags.values()])
        .values("name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )
    unique = [t for t in tags.values() if t.name not in shared]
    return sorted(unique, key=lambda t: -counts[t.pk])


def query_mix() -> list[tuple[str, SearchQuery]]:
    fandoms = _ranked(TagType.FANDOM)
    characters = _ranked(TagType.CHARACTER)
    freeforms = _ranked(TagType.FREEFORM)
    fixed = {t.name: t.pk for t in Tag.objects.filter(type__in=["rating", "warning"])}

    def text(words, **extra):
        return SearchQuery(terms=parse_terms(words, max_terms=30), **extra)

    death, none_apply = fixed["Major Character Death"], fixed["No Archive Warnings Apply"]
    return [
        ("text: common word", text("dragon")),
        ("text: two words", text("coffee shop")),
        ("text: rare word", text(freeforms[50].name.split()[0].lower())),
        ("text: phrase", text('"the storm"')),
        ("text: word minus word", text("tea -war")),
        ("text: best match", text("winter kiss", sort=Sort.RELEVANCE)),
        ("1 fandom: biggest", SearchQuery(include=(fandoms[0].name,))),
        ("1 fandom: 10th", SearchQuery(include=(fandoms[9].name,))),
        ("1 fandom: 100th", SearchQuery(include=(fandoms[99].name,))),
        ("1 fandom by kudos", SearchQuery(include=(fandoms[2].name,), sort=Sort.KUDOS)),
        (
            "3 includes + 2 excludes",
            SearchQuery(
                include=(fandoms[0].name, characters[0].name, freeforms[0].name),
                exclude=("Major Character Death", freeforms[1].name),
            ),
        ),
        (
            "3 includes + 2 excludes, broad",
            SearchQuery(
                include=(freeforms[0].name, freeforms[1].name, "General Audiences"),
                exclude=("Major Character Death", freeforms[2].name),
            ),
        ),
        (
            "rating + warnings",
            SearchQuery(rating_ids=(fixed["Explicit"],), warning_ids=(none_apply,)),
        ),
        ("rating + warning death", SearchQuery(rating_ids=(fixed["Mature"],),
                                               warning_ids=(death,))),
        (
            "word count 1000-5000 by kudos",
            SearchQuery(ranges={"words": IntRange(1000, 5000)}, sort=Sort.KUDOS),
        ),
        (
            "word count >100000 by kudos",
            SearchQuery(ranges={"words": IntRange(low=100_001)}, sort=Sort.KUDOS),
        ),
        ("deep page by hits", SearchQuery(sort=Sort.HITS, page=settings.FANSHELF_SEARCH_MAX_PAGE)),
        (
            "deep page in a fandom",
            SearchQuery(include=(fandoms[0].name,), page=settings.FANSHELF_SEARCH_MAX_PAGE // 2),
        ),
        ("all works, newest", SearchQuery()),
        ("all works by title", SearchQuery(sort=Sort.TITLE, descending=False)),
        ("text in a fandom", text("dragon", include=(fandoms[0].name,))),
        ("fandom minus warning", SearchQuery(include=(fandoms[1].name,),
                                             exclude=("Major Character Death",))),
    ]  # fmt: skip


def run_search(query: SearchQuery) -> float:
    started = time.perf_counter()
    result = search_works(viewer=GUEST, query=query)
    [str(p) for w in result.works for p in w.pseuds.all()]
    elapsed = (time.perf_counter() - started) * 1000
    run_search.last_total = result.total
    return elapsed


def _canonical(name: str) -> list[Tag]:
    tags = Tag.objects.filter(name__iexact=name)
    return [t if t.canonical else t.merger for t in tags if t.canonical or t.merger_id]


def naive_queryset(query: SearchQuery):
    works = Work.objects.filter(posted=True, hidden_by_admin=False, restricted=False)
    for term in query.terms:
        words = " ".join(term.words)
        match = (
            Q(title__icontains=words)
            | Q(summary__icontains=words)
            | Q(chapters__text__icontains=words)
        )
        works = works.exclude(match) if term.negated else works.filter(match)
    for name in query.include:
        works = works.filter(filter_taggings__filter__in=_canonical(name))
    for name in query.exclude:
        works = works.exclude(filter_taggings__filter__in=_canonical(name))
    if query.rating_ids:
        works = works.filter(filter_taggings__filter__in=query.rating_ids)
    for tag_id in query.warning_ids:
        works = works.filter(filter_taggings__filter=tag_id)
    words = query.ranges.get("words")
    if words and words.low is not None:
        works = works.filter(word_count__gte=words.low)
    if words and words.high is not None:
        works = works.filter(word_count__lte=words.high)
    return works.distinct()


class TimedOut(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Stop a baseline query that runs longer than `seconds` (it then counts as `seconds`)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
        try:
            yield
        except OperationalError as error:
            raise TimedOut from error
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return
    deadline = time.perf_counter() + seconds
    connection.ensure_connection()
    raw = connection.connection
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 100_000)
    try:
        yield
    except OperationalError as error:
        raise TimedOut from error
    finally:
        raw.set_progress_handler(None, 0)


def run_naive(query: SearchQuery, *, limit_seconds: float) -> tuple[float, bool]:
    """(milliseconds, whether it hit the time limit)."""
    started = time.perf_counter()
    try:
        with time_limit(limit_seconds):
            _naive(query)
    except TimedOut:
        return limit_seconds * 1000, True
    return (time.perf_counter() - started) * 1000, False


def _naive(query: SearchQuery) -> None:
    works = naive_queryset(query)
    sort = query.sort if query.sort in ORM_SORT else Sort.REVISED
    column = ORM_SORT[sort] if SORT_COLUMNS[sort] else "revised_at"
    direction = "-" if query.descending else ""
    offset = (min(query.page, settings.FANSHELF_SEARCH_MAX_PAGE) - 1) * 20
    total = works.count()
    page = list(with_creators(works.order_by(direction + column, "-pk"))[offset : offset + 20])
    [str(p) for w in page for p in w.pseuds.all()]
    counts = (
        FilterTagging.objects.filter(work__in=works.values("pk"))
        .values("filter_id", "filter__type", "filter__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    facets = defaultdict(list)
    for row in counts:
        if len(facets[row["filter__type"]]) < settings.FANSHELF_SEARCH_FACET_TAGS:
            facets[row["filter__type"]].append(row)
    assert total >= 0
