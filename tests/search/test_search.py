"""Search behaviour a reader notices, on whichever engine the tests run against."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.utils import timezone

from fanshelf.search.query import (
    Crossovers,
    IntRange,
    SearchQuery,
    Sort,
    parse_date_range,
    parse_terms,
)
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import TagType

GUEST = AnonymousUser()


def titles(result):
    return [w.title for w in result.works]


def text(query, **fields):
    return SearchQuery(terms=parse_terms(query, max_terms=30), **fields)


@pytest.fixture
def library(make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    sherlock = tag("Sherlock", TagType.FANDOM)
    twelve = tag("Twelfth Doctor", TagType.CHARACTER)
    tag("Twelve", TagType.CHARACTER, canonical=False, merger=twelve)
    the_doctor = tag("The Doctor", TagType.CHARACTER)
    tag("Twelfth Doctor", TagType.CHARACTER, meta=the_doctor)
    tenth = tag("Tenth Doctor", TagType.CHARACTER, meta=the_doctor)
    death = tag("Major Character Death", TagType.WARNING)
    fluff = tag("Fluff")
    return {
        "canon": make_work(
            "Kettle Logic",
            tags=[who, twelve, fluff],
            text="The dragon drank tea in the shop.",
            kudos_count=50,
            hits=900,
        ),
        "synonym": make_work(
            "Regeneration Blues",
            tags=[who, tag("Twelve", TagType.CHARACTER), death],
            text="A storm over the city.",
            kudos_count=10,
            hits=100,
        ),
        "sub": make_work(
            "Allons-y", tags=[who, tenth], text="Tea, then running.", kudos_count=30, hits=400
        ),
        "other": make_work(
            "The Reichenbach Tea",
            tags=[sherlock, death],
            text="The detective drinks tea shop tea.",
            kudos_count=70,
            hits=50,
            language="fr",
        ),
    }


def test_text_words_phrases_and_exclusions(library):
    assert sorted(titles(search_works(viewer=GUEST, query=text("tea")))) == [
        "Allons-y",
        "Kettle Logic",
        "The Reichenbach Tea",
    ]
    assert titles(search_works(viewer=GUEST, query=text('"tea in the shop"'))) == ["Kettle Logic"]
    assert sorted(titles(search_works(viewer=GUEST, query=text("tea -detective")))) == [
        "Allons-y",
        "Kettle Logic",
    ]
    assert titles(search_works(viewer=GUEST, query=text("-tea"))) == ["Regeneration Blues"]
    only_left_out = text("-tea", sort=Sort.RELEVANCE)  # nothing to rank by: newest first
    assert titles(search_works(viewer=GUEST, query=only_left_out)) == ["Regeneration Blues"]


def test_text_finds_tags_and_creators_and_fields_narrow(library, author):
    assert titles(search_works(viewer=GUEST, query=text("fluff"))) == ["Kettle Logic"]
    assert len(search_works(viewer=GUEST, query=text(author.username)).works) == 4
    title_only = SearchQuery(terms=parse_terms("tea", field="title", max_terms=30))
    assert titles(search_works(viewer=GUEST, query=title_only)) == ["The Reichenbach Tea"]


def test_including_a_tag_finds_its_synonyms_and_sub_tags(library):
    found = search_works(viewer=GUEST, query=SearchQuery(include=("Twelfth Doctor",)))
    assert sorted(titles(found)) == ["Kettle Logic", "Regeneration Blues"]
    by_synonym = search_works(viewer=GUEST, query=SearchQuery(include=("twelve",)))
    assert sorted(titles(by_synonym)) == ["Kettle Logic", "Regeneration Blues"]
    meta = search_works(viewer=GUEST, query=SearchQuery(include=("The Doctor",)))
    assert sorted(titles(meta)) == ["Allons-y", "Kettle Logic", "Regeneration Blues"]


def test_excluding_a_warning_removes_every_work_that_carries_it(library):
    found = search_works(
        viewer=GUEST, query=SearchQuery(exclude=("Major Character Death",), facets=True)
    )
    assert sorted(titles(found)) == ["Allons-y", "Kettle Logic"]
    assert found.total == 2
    facet_names = {t.name for f in found.facets for t in f.tags}
    assert "Major Character Death" not in facet_names
    assert "Doctor Who" in facet_names


def test_unknown_tag_gives_a_message_and_no_results(library):
    found = search_works(viewer=GUEST, query=SearchQuery(include=("No Such Tag",)))
    assert found.works == []
    assert "No tag named “No Such Tag”" in found.notices[0]


def test_tag_fields_match_names_within_their_type(library):
    fandom = search_works(viewer=GUEST, query=SearchQuery(fandoms=("sherlock",)))
    assert titles(fandom) == ["The Reichenbach Tea"]
    partial = search_works(viewer=GUEST, query=SearchQuery(characters=("tenth",)))
    assert titles(partial) == ["Allons-y"]


def test_ranges_sorts_and_language(library):
    popular = SearchQuery(ranges={"kudos": IntRange(low=30)}, sort=Sort.KUDOS)
    assert titles(search_works(viewer=GUEST, query=popular)) == [
        "The Reichenbach Tea",
        "Kettle Logic",
        "Allons-y",
    ]
    by_hits = search_works(viewer=GUEST, query=SearchQuery(sort=Sort.HITS, descending=False))
    assert titles(by_hits)[0] == "The Reichenbach Tea"
    by_title = search_works(viewer=GUEST, query=SearchQuery(sort=Sort.TITLE, descending=False))
    assert titles(by_title) == sorted(titles(by_title), key=str.lower)
    french = search_works(viewer=GUEST, query=SearchQuery(language="fr"))
    assert titles(french) == ["The Reichenbach Tea"]


def test_best_match_ranks_title_words_first(make_work):
    make_work("Quiet Harbour", text="Lanterns lanterns lanterns in the harbour story.")
    make_work("Lanterns", text="A story about the sea.")
    found = search_works(viewer=GUEST, query=text("lanterns", sort=Sort.RELEVANCE))
    assert titles(found) == ["Lanterns", "Quiet Harbour"]


def test_best_match_pages_follow_the_rank_and_keep_the_filters(make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    make_work("Lanterns", tags=[who], text="A story about the sea.")
    make_work("Harbour", tags=[who], text="Lanterns in the harbour.")
    make_work("Elsewhere", text="Lanterns lanterns lanterns.")
    make_work("Unlit", tags=[who], text="No lights at all.")

    def page(number):
        query = text("lanterns", sort=Sort.RELEVANCE, include=("Doctor Who",), page=number)
        return search_works(viewer=GUEST, query=query, per_page=1)

    first, second = page(1), page(2)
    assert (titles(first), titles(second)) == (["Lanterns"], ["Harbour"])
    assert first.total == 2 and second.page.num_pages == 2


def test_completion_chapters_crossovers_and_dates(make_work, tag):
    who, sherlock = tag("Doctor Who", TagType.FANDOM), tag("Sherlock", TagType.FANDOM)
    old = timezone.localdate() - datetime.timedelta(days=400)
    make_work("Oneshot", tags=[who], expected_chapters=1, published_on=old)
    make_work("Serial", tags=[who], chapters=2, expected_chapters=5)
    make_work("Crossing", tags=[who, sherlock], expected_chapters=1)
    only_complete = search_works(viewer=GUEST, query=SearchQuery(complete=True))
    assert sorted(titles(only_complete)) == ["Crossing", "Oneshot"]
    in_progress = search_works(viewer=GUEST, query=SearchQuery(complete=False))
    assert titles(in_progress) == ["Serial"]
    single = search_works(viewer=GUEST, query=SearchQuery(single_chapter=True))
    assert sorted(titles(single)) == ["Crossing", "Oneshot"]
    only = search_works(viewer=GUEST, query=SearchQuery(crossovers=Crossovers.ONLY))
    assert titles(only) == ["Crossing"]
    without = search_works(viewer=GUEST, query=SearchQuery(crossovers=Crossovers.EXCLUDE))
    assert sorted(titles(without)) == ["Oneshot", "Serial"]
    today = timezone.localdate()
    recent = parse_date_range("< 1 month", label="Date posted", today=today)
    assert sorted(titles(search_works(viewer=GUEST, query=SearchQuery(published=recent)))) == [
        "Crossing",
        "Serial",
    ]
    older = parse_date_range("> 1 year", label="Date posted", today=today)
    assert titles(search_works(viewer=GUEST, query=SearchQuery(published=older))) == ["Oneshot"]
    updated = parse_date_range("< 2 weeks", label="Date updated", today=today)
    assert len(search_works(viewer=GUEST, query=SearchQuery(revised=updated)).works) == 3


def test_visibility_for_guests_and_members(make_work, tag, reader):
    who = tag("Doctor Who", TagType.FANDOM)
    make_work("Open", tags=[who])
    make_work("Members Only", tags=[who, tag("Secret Trope")], restricted=True)
    make_work("Draft", tags=[who, tag("Draft Trope")], post=False)
    hidden = make_work("Hidden", tags=[who, tag("Hidden Trope")])
    hidden.hidden_by_admin = True
    hidden.save()
    from fanshelf.search.services import index_works

    index_works(work_ids=[hidden.pk])
    query = SearchQuery(include=("Doctor Who",), facets=True)
    guest = search_works(viewer=GUEST, query=query)
    assert titles(guest) == ["Open"]
    assert guest.total == 1
    guest_facets = {t.name: t.count for f in guest.facets for t in f.tags}
    assert guest_facets["Doctor Who"] == 1
    assert not {"Secret Trope", "Draft Trope", "Hidden Trope"} & set(guest_facets)
    member = search_works(viewer=reader, query=query)
    assert sorted(titles(member)) == ["Members Only", "Open"]
    member_facets = {t.name: t.count for f in member.facets for t in f.tags}
    assert member_facets["Doctor Who"] == 2 and member_facets["Secret Trope"] == 1
    assert "Draft Trope" not in member_facets and "Hidden Trope" not in member_facets
    everything = search_works(viewer=GUEST, query=SearchQuery(facets=True))
    assert everything.total == 1


@override_settings(FANSHELF_SEARCH_MAX_PAGE=2)
def test_pages_are_stable_and_capped_with_a_message(make_work):
    for n in range(7):
        make_work(f"Work {n}", kudos_count=5)  # all tie on kudos
    seen = []
    for page in (1, 2):
        found = search_works(
            viewer=GUEST, query=SearchQuery(sort=Sort.KUDOS, page=page), per_page=3
        )
        seen += titles(found)
        assert found.page.num_pages == 2
    assert len(set(seen)) == 6
    beyond = search_works(viewer=GUEST, query=SearchQuery(sort=Sort.KUDOS, page=9), per_page=3)
    assert "Only the first 2 pages" in beyond.notices[0]
    assert titles(beyond) == seen[3:]


@pytest.mark.parametrize("probe", [True, False])
def test_both_ways_of_applying_included_tags_agree(library, monkeypatch, probe):
    from fanshelf.search.backends.base import SearchBackend

    gather = None if probe else 0
    monkeypatch.setattr(SearchBackend, "_gather", staticmethod(lambda sizes, rows: gather))
    query = SearchQuery(include=("Doctor Who", "The Doctor"), exclude=("Fluff",), facets=True)
    found = search_works(viewer=GUEST, query=query)
    assert sorted(titles(found)) == ["Allons-y", "Regeneration Blues"]
    assert found.total == 2
    counts = {t.name: t.count for f in found.facets for t in f.tags}
    assert counts["Doctor Who"] == 2 and counts["Major Character Death"] == 1


@override_settings(FANSHELF_SEARCH_COUNT_LIMIT=3, FANSHELF_WORKS_PER_PAGE=2)
def test_big_results_are_counted_up_to_a_limit_and_stay_browsable(make_work, tag, client):
    for n in range(7):
        make_work(f"Work {n}", tags=[tag("Fluff")])
    query = SearchQuery(include=("Fluff",), ranges={"words": IntRange(low=1)}, page=2)
    found = search_works(viewer=GUEST, query=query, per_page=2)
    assert (found.total, found.total_exact) == (3, False)
    assert found.page.has_next()
    page = client.get("/search/", {"include": "Fluff", "words": ">1"}).content.decode()
    assert "More than 3 works found" in page


@override_settings(FANSHELF_SEARCH_RANK_CANDIDATES=2)
def test_best_match_ranks_a_bounded_candidate_set_and_says_so(make_work):
    oldest = make_work("Lanterns", text="A story about the sea.")
    for n in range(3):
        make_work(f"Harbour {n}", text="Lanterns lanterns lanterns in the harbour story.")
    found = search_works(viewer=GUEST, query=text("lanterns", sort=Sort.RELEVANCE))
    # Only the two newest matches are ranked: the title match, oldest, is not among them.
    assert oldest.title not in titles(found)
    assert titles(found) == ["Harbour 2", "Harbour 1"]
    assert "Best match ranks only the 2 newest matching works" in found.notices[0]


@override_settings(FANSHELF_SEARCH_COUNT_LIMIT=3)
def test_facets_stay_exact_beyond_the_count_limit(make_work, tag):
    fluff, angst = tag("Fluff"), tag("Angst")
    for n in range(5):
        make_work(f"Work {n}", tags=[fluff, angst] if n % 2 else [fluff])
    query = SearchQuery(include=("Fluff",), ranges={"words": IntRange(low=1)}, facets=True)
    found = search_works(viewer=GUEST, query=query, per_page=2)
    assert (found.total, found.total_exact) == (3, False)
    counts = {t.name: t.count for f in found.facets for t in f.tags}
    assert (counts["Fluff"], counts["Angst"]) == (5, 2)
