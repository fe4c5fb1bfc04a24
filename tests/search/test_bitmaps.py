"""The in-memory bitmaps follow the index: counter refreshes move sorts and ranges without a
reload; a big change reloads; what they count always matches the tables."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from fanshelf.search.bitmaps import MEMORY
from fanshelf.search.query import IntRange, SearchQuery, Sort
from fanshelf.search.selectors import search_works
from fanshelf.search.services import index_works, refresh_counters
from fanshelf.works.models import Work

GUEST = AnonymousUser()


def _titles(query):
    return [w.title for w in search_works(viewer=GUEST, query=query).works]


def test_refreshed_counters_move_sorts_and_ranges_without_a_reload(make_work, monkeypatch):
    make_work("Quiet", kudos_count=1)
    loud = make_work("Loud", kudos_count=5)
    by_kudos = SearchQuery(sort=Sort.KUDOS)
    assert _titles(by_kudos) == ["Loud", "Quiet"]
    Work.objects.filter(title="Quiet").update(kudos_count=50)
    assert refresh_counters() == 1
    reloads = []
    monkeypatch.setattr(MEMORY, "reload", lambda: reloads.append(1))
    assert _titles(by_kudos) == ["Quiet", "Loud"]
    assert _titles(SearchQuery(ranges={"kudos": IntRange(low=10)})) == ["Quiet"]
    assert reloads == [] and loud.pk


@override_settings(FANSHELF_SEARCH_BITMAP_RELOAD_CHANGES=2)
def test_many_changed_works_reload_the_bitmaps_and_still_count_right(make_work):
    works = [make_work(f"Work {n}") for n in range(4)]
    assert search_works(viewer=GUEST, query=SearchQuery()).total == 4
    Work.objects.filter(pk__in=[w.pk for w in works[:3]]).update(restricted=True)
    index_works(work_ids=[w.pk for w in works])
    assert search_works(viewer=GUEST, query=SearchQuery()).total == 1


def test_kept_text_answers_follow_works_written_and_rewritten(make_work, monkeypatch):
    from fanshelf.search.query import parse_terms
    from fanshelf.works.services import ChapterInput, chapter_update

    def found(words):
        query = SearchQuery(terms=parse_terms(words, max_terms=5))
        return sorted(w.title for w in search_works(viewer=GUEST, query=query).works)

    make_work("Breakfast", text="Marmalade on toast.")
    assert found("marmalade") == ["Breakfast"]
    assert found('"marmalade lighthouse"') == []
    reloads = []
    monkeypatch.setattr(MEMORY, "reload", lambda: reloads.append(1))
    assert len(MEMORY.text.entries) == 2  # both answers kept
    coast = make_work("Coast", text="A marmalade lighthouse.")
    index_works(work_ids=[coast.pk])
    assert found("marmalade") == ["Breakfast", "Coast"]
    assert found('"marmalade lighthouse"') == ["Coast"]
    chapter_update(
        chapter=coast.chapters.get(), data=ChapterInput(text="<p>A plain lighthouse.</p>")
    )
    index_works(work_ids=[coast.pk])
    assert found("marmalade") == ["Breakfast"]
    assert found('"marmalade lighthouse"') == []
    assert found("lighthouse") == ["Coast"]
    assert reloads == []


@override_settings(FANSHELF_SEARCH_FACET_ARRAY_LIMIT=0, FANSHELF_SEARCH_FACET_TAGS=1)
def test_a_tag_that_grows_after_the_walk_was_ordered_still_tops_the_facets(make_work, tag):
    first, second, third = tag("First"), tag("Second"), tag("Third")
    for n in range(3):
        make_work(f"A{n}", tags=[first])
    for n in range(2):
        make_work(f"B{n}", tags=[second])
        make_work(f"C{n}", tags=[third])

    def top_freeform():
        result = search_works(viewer=GUEST, query=SearchQuery(facets=True))
        facet = next(f for f in result.facets if f.type == "freeform")
        return [(t.name, t.count) for t in facet.tags]

    assert top_freeform() == [("First", 3)]  # the walk's order: First, Second, Third
    for n in range(2, 5):
        make_work(f"C{n}", tags=[third])
    assert MEMORY.by_size is not None, "a few new works keep the order"
    assert top_freeform() == [("Third", 5)]


@pytest.mark.django_db(transaction=True)
def test_a_server_reads_the_search_memory_while_it_starts(make_work):
    import importlib

    import fanshelf.wsgi

    make_work("Ready")
    MEMORY.loaded = False
    importlib.reload(fanshelf.wsgi)  # what gunicorn does when a worker starts
    fanshelf.wsgi.search_memory_reader.join(timeout=60)
    assert MEMORY.loaded and len(MEMORY.everyone) == 1


def test_a_process_forked_while_the_bitmaps_load_can_still_search():
    import os

    MEMORY.lock.acquire()  # a load running in another thread when gunicorn --preload forks
    try:
        child = os.fork()
        if child == 0:
            os._exit(0 if MEMORY.lock.acquire(timeout=5) else 1)
        _, status = os.waitpid(child, 0)
    finally:
        MEMORY.lock.release()
    assert os.waitstatus_to_exitcode(status) == 0
