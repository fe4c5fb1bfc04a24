"""The index stays current (signals, wrangling, reindex) and the generator fills it right."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import override_settings

from fanshelf.search import services
from fanshelf.search.generate import generate_archive
from fanshelf.search.models import ReindexRun, WorkFilter, WorkIndex
from fanshelf.search.query import SearchQuery, parse_terms
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import FilterTagging, Tag, TagType
from fanshelf.works import services as work_services
from fanshelf.works.models import Work

GUEST = AnonymousUser()


def found(query):
    return [w.title for w in search_works(viewer=GUEST, query=query).works]


def test_posting_and_editing_reindex_in_the_background(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        work = work_services.work_create(
            pseuds=[author.default_pseud],
            title="Moth Season",
            chapters=[work_services.ChapterInput(text="<p>Lanterns everywhere.</p>")],
            post=False,
        )
    lanterns = SearchQuery(terms=parse_terms("lanterns", max_terms=5))
    assert found(lanterns) == []  # a draft
    with django_capture_on_commit_callbacks(execute=True):
        work_services.work_post(work=work)
    assert found(lanterns) == ["Moth Season"]
    with django_capture_on_commit_callbacks(execute=True):
        work_services.work_update(work=work, title="Moth Summer")
    assert found(lanterns) == ["Moth Summer"]
    work_services.work_delete(work=work)
    assert found(lanterns) == []
    assert not WorkFilter.objects.exists() and not WorkIndex.objects.exists()


def test_wrangling_a_synonym_reindexes_its_works(
    make_work, tag, django_capture_on_commit_callbacks
):
    from fanshelf.tags import services as tag_services

    canonical = tag("Twelfth Doctor", TagType.CHARACTER)
    loose = tag("Capaldi Doctor", TagType.CHARACTER, canonical=False)
    make_work("Loose End", tags=[loose])
    assert found(SearchQuery(include=("Twelfth Doctor",))) == []
    with django_capture_on_commit_callbacks(execute=True):
        tag_services.tag_merge(tag=loose, into=canonical, user=None)
    assert found(SearchQuery(include=("Twelfth Doctor",))) == ["Loose End"]


@override_settings(FANSHELF_SEARCH_INDEX_BATCH=2)
def test_an_interrupted_reindex_resumes_without_losing_work(make_work, monkeypatch):
    works = [make_work(f"Work {n}") for n in range(5)]
    WorkIndex.objects.all().delete()
    real_index = services.index_works
    calls = []

    def crash_on_second_batch(**kwargs):
        calls.append(kwargs["work_ids"])
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real_index(**kwargs)

    monkeypatch.setattr(services, "index_works", crash_on_second_batch)
    run = services.reindex_start()
    with pytest.raises(RuntimeError):
        services.reindex_run(run=run)
    run = services.reindex_start()  # picks the interrupted run up
    assert run.done == 2 and run.last_work_id == works[1].pk
    monkeypatch.setattr(services, "index_works", real_index)
    services.reindex_run(run=run)
    assert WorkIndex.objects.count() == 5
    assert ReindexRun.objects.get().finished_at is not None
    assert len(found(SearchQuery())) == 5
    with pytest.raises(services.NothingToResume):
        services.reindex_start(resume=True)


@pytest.fixture
def generated(db):
    generate_archive(works=400, seed=7)
    return Work.objects.count()


def test_generated_archive_is_what_the_indexer_would_write(generated):
    def snapshot():
        rows = {
            r["work_id"]: r
            for r in WorkIndex.objects.values()
            if r.update(revised_at=r["revised_at"].replace(microsecond=0)) is None
        }
        filters = Counter(WorkFilter.objects.values_list("work_id", "tag_id", "audience"))
        return rows, filters

    assert generated == 400
    assert FilterTagging.objects.filter(inherited=True).exists()
    assert Tag.objects.filter(canonical=False, merger__isnull=False).exists()
    before = snapshot()
    services.index_works(work_ids=list(Work.objects.values_list("pk", flat=True)))
    assert snapshot() == before


def _brute_force_counts(*, include: Tag) -> Counter:
    """Tag id counts over the listed works (guest view) found under `include`, straight from
    the works and tags tables."""
    works = Work.objects.filter(
        posted=True, hidden_by_admin=False, restricted=False, filter_taggings__filter=include
    )
    return Counter(FilterTagging.objects.filter(work__in=works).values_list("filter", flat=True))


def test_facet_counts_match_a_brute_force_count(generated):
    names = Counter(n.lower() for n in Tag.objects.values_list("name", flat=True))
    fandom = next(  # the biggest fandom (Zipf rank 1) whose name no other tag shares
        t
        for t in Tag.objects.filter(type=TagType.FANDOM).order_by("pk")
        if names[t.name.lower()] == 1
    )
    result = search_works(viewer=GUEST, query=SearchQuery(include=(fandom.name,), facets=True))
    expected = _brute_force_counts(include=fandom)
    assert result.total == expected[fandom.pk] > 20
    types = dict(Tag.objects.values_list("pk", "type"))
    for facet in result.facets:
        assert [t.count for t in facet.tags] == sorted(
            (n for tag_id, n in expected.items() if types[tag_id] == facet.type), reverse=True
        )[: len(facet.tags)]
        for shown in facet.tags:
            assert shown.count == expected[shown.id], shown.name


def test_unfiltered_facets_count_every_listed_work(generated):
    result = search_works(viewer=GUEST, query=SearchQuery(facets=True))
    listed = Work.objects.filter(posted=True, hidden_by_admin=False, restricted=False)
    assert result.total == listed.count()
    rating = next(f for f in result.facets if f.type == TagType.RATING).tags[0]
    assert rating.count == listed.filter(filter_taggings__filter__name=rating.name).count()


def test_generated_text_is_searchable(generated):
    with connection.cursor():
        word = Work.objects.order_by("pk").first().title.split()[0]
    assert search_works(viewer=GUEST, query=SearchQuery(terms=parse_terms(word, max_terms=5)))
