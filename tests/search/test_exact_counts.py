"""Counts, facets and pages checked against brute force on a generated archive bigger than the
first pass's 1,000-work counting limit."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from fanshelf.search.generate import generate_archive
from fanshelf.search.query import Crossovers, IntRange, SearchQuery, Sort, parse_terms
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import FilterTagging, Tag, TagType
from fanshelf.works.models import Work

GUEST = AnonymousUser()
WORKS = 1500


@pytest.fixture
def archive(db, reader):
    generate_archive(works=WORKS, seed=3)
    names = Counter(n.lower() for n in Tag.objects.values_list("name", flat=True))

    def biggest(tag_type, rank=0):
        counts = Counter(
            FilterTagging.objects.filter(filter__type=tag_type).values_list("filter", flat=True)
        )
        ranked = [
            t for t, _ in counts.most_common() if names[Tag.objects.get(pk=t).name.lower()] == 1
        ]
        return Tag.objects.get(pk=ranked[rank])

    return biggest


def _listed(viewer):
    works = Work.objects.filter(posted=True, hidden_by_admin=False)
    return works if viewer.is_authenticated else works.filter(restricted=False)


def _facets_by_brute_force(works) -> dict[str, list[tuple[int, int]]]:
    counts = Counter(FilterTagging.objects.filter(work__in=works).values_list("filter", flat=True))
    types = dict(Tag.objects.filter(pk__in=list(counts)).values_list("pk", "type"))
    by_type: dict[str, list[tuple[int, int]]] = {}
    for tag_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        by_type.setdefault(types[tag_id], []).append((tag_id, n))
    return by_type


def _assert_exact(result, works, per_type=10):
    assert result.total_exact
    assert result.total == works.count()
    expected = _facets_by_brute_force(works)
    shown = {f.type: [(t.id, t.count) for t in f.tags] for f in result.facets}
    assert shown == {t: rows[:per_type] for t, rows in expected.items()}


# Facets of smaller results count the results' own tags, of larger ones walk the tag bitmaps:
# both ways must give the same exact answer.
BOTH_FACET_WAYS = pytest.mark.parametrize("facet_array_limit", [0, 1_000_000])


@BOTH_FACET_WAYS
def test_counts_and_facets_match_brute_force_for_every_kind_of_filter(
    archive, reader, settings, facet_array_limit
):
    settings.FANSHELF_SEARCH_FACET_ARRAY_LIMIT = facet_array_limit
    fandom, character = archive(TagType.FANDOM), archive(TagType.CHARACTER)
    freeform, other = archive(TagType.FREEFORM), archive(TagType.FREEFORM, 1)
    death = Tag.objects.get(name="Major Character Death", type=TagType.WARNING)
    explicit = Tag.objects.get(name="Explicit", type=TagType.RATING)
    for viewer in (GUEST, reader):
        listed = _listed(viewer)
        cases = [
            (SearchQuery(), listed),
            (SearchQuery(include=(fandom.name,)), listed.filter(filter_taggings__filter=fandom)),
            (
                SearchQuery(include=(freeform.name,), exclude=(death.name, other.name)),
                listed.filter(filter_taggings__filter=freeform).exclude(
                    filter_taggings__filter__in=[death, other]
                ),
            ),
            (
                SearchQuery(include=(fandom.name, character.name)),
                listed.filter(filter_taggings__filter=fandom).filter(
                    filter_taggings__filter=character
                ),
            ),
            (
                SearchQuery(rating_ids=(explicit.pk,), warning_ids=(death.pk,)),
                listed.filter(filter_taggings__filter=explicit).filter(
                    filter_taggings__filter=death
                ),
            ),
            (
                SearchQuery(ranges={"words": IntRange(1000, 50_000)}, language="en"),
                listed.filter(word_count__gte=1000, word_count__lte=50_000, language="en"),
            ),
        ]
        for query, works in cases:
            found = search_works(
                viewer=viewer, query=SearchQuery(**{**query.__dict__, "facets": True})
            )
            _assert_exact(found, works.distinct())
        assert search_works(viewer=GUEST, query=SearchQuery()).total > 1000


@pytest.mark.parametrize(
    ("facet_array_limit", "rebuild_after"), [(0, 20_000), (1_000_000, 20_000), (1_000_000, 2)]
)
def test_facets_follow_works_retagged_after_the_bitmaps_were_read(
    archive, settings, monkeypatch, facet_array_limit, rebuild_after
):
    from fanshelf.search import work_tags
    from fanshelf.search.services import index_works
    from fanshelf.tags.services import work_set_tags

    settings.FANSHELF_SEARCH_FACET_ARRAY_LIMIT = facet_array_limit
    monkeypatch.setattr(work_tags, "REBUILD_AFTER", rebuild_after)
    fandom, freeform = archive(TagType.FANDOM), archive(TagType.FREEFORM)
    listed = _listed(GUEST)
    in_fandom = SearchQuery(include=(fandom.name,), facets=True)
    _assert_exact(
        search_works(viewer=GUEST, query=in_fandom),
        listed.filter(filter_taggings__filter=fandom).distinct(),
    )
    moved = list(listed.exclude(filter_taggings__filter=fandom)[:3])
    for work in moved:
        work_set_tags(
            work=work,
            rating="Mature",
            warnings=["Major Character Death"],
            fandoms=[fandom.name],
            freeforms=[freeform.name, "Brand New Trope"],
        )
    left = listed.filter(filter_taggings__filter=fandom).first()
    work_set_tags(
        work=left,
        rating="Explicit",
        warnings=["No Archive Warnings Apply"],
        fandoms=["A Fandom Of Its Own"],
    )
    index_works(work_ids=[w.pk for w in [*moved, left]])
    after = search_works(viewer=GUEST, query=in_fandom)
    _assert_exact(after, listed.filter(filter_taggings__filter=fandom).distinct())
    _assert_exact(search_works(viewer=GUEST, query=SearchQuery(facets=True)), listed)


def test_text_counts_match_the_text_index_counted_row_by_row(archive):
    from django.db import connection

    from fanshelf.search.backends import get_backend

    backend = get_backend()
    for text in ("the", "dragon -storm", '"the storm"', "-the"):
        query = SearchQuery(terms=parse_terms(text, max_terms=5), facets=True)
        found = search_works(viewer=GUEST, query=query)
        plan_where, params = backend._where(_plan_for(query), gather=None, text_mode="gather")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT w.work_id FROM search_workindex w WHERE {plan_where}", params)
            ids = [row[0] for row in cursor.fetchall()]
        _assert_exact(found, Work.objects.filter(pk__in=ids))


def _plan_for(query):
    from fanshelf.search.selectors import ResultPage, SearchResult, _plan

    result = SearchResult(query=query, works=[], total=0, total_exact=True, page=ResultPage(1, 1))
    return _plan(viewer=GUEST, query=query, result=result, per_page=20)


@override_settings(FANSHELF_WORKS_PER_PAGE=25)
def test_every_page_to_the_last_agrees_with_the_count(archive):
    for sort in (Sort.REVISED, Sort.TITLE):
        listed = _listed(GUEST)
        seen, page = [], 1
        while True:
            found = search_works(viewer=GUEST, query=SearchQuery(sort=sort, page=page))
            assert found.works, f"page {page} of {found.page.num_pages} is empty"
            assert found.page.number == page
            seen += [w.pk for w in found.works]
            if not found.page.has_next():
                break
            page += 1
        assert found.page.num_pages == page == -(-listed.count() // 25)
        assert len(seen) == len(set(seen)) == listed.count()
        if sort == Sort.REVISED:
            assert seen == list(listed.order_by("-revised_at", "-pk").values_list("pk", flat=True))
        past = search_works(viewer=GUEST, query=SearchQuery(sort=sort, page=page + 5))
        assert past.page.number == page and past.works
        assert "this is the last" in past.notices[0]


@override_settings(FANSHELF_SEARCH_COUNT_LIMIT=1000)
def test_beyond_the_count_limit_the_total_says_more_than(archive, client):
    found = search_works(viewer=GUEST, query=SearchQuery())
    assert (found.total, found.total_exact) == (1000, False)
    page = client.get("/search/", {"words": ">0"}).content.decode()
    assert "More than 1,000 works found" in page


def test_crossover_and_language_filters_count_exactly(archive):
    listed = _listed(GUEST)
    found = search_works(viewer=GUEST, query=SearchQuery(crossovers=Crossovers.ONLY, facets=True))
    crossover_ids = [
        w.pk
        for w in listed
        if FilterTagging.objects.filter(
            work=w, filter__type=TagType.FANDOM, inherited=False
        ).count()
        > 1
    ]
    assert found.total == len(crossover_ids) > 0
    french = search_works(viewer=GUEST, query=SearchQuery(language="fr"))
    assert french.total == listed.filter(language="fr").count()
