"""The search box reads the Archive of Our Own's query language into the same query as the
form's fields."""

import pytest
from django.contrib.auth.models import AnonymousUser

from fanshelf.search.forms import SearchForm
from fanshelf.search.query import IntRange, QueryError, Sort
from fanshelf.search.query_box import parse_box
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import TagType

GUEST = AnonymousUser()


def test_operators_read_into_fields_ranges_and_sort():
    box = parse_box(
        'title:red creator:jo fandom:"Doctor Who" -tag:"Major Character Death" words>1000 '
        "kudos>=50 hits<10 sort:kudos dragon",
        max_terms=30,
    )
    assert [(t.words, t.field) for t in box.terms] == [
        (("red",), "title"),
        (("jo",), "creator"),
        (("dragon",), ""),
    ]
    assert box.typed_tags == {"fandoms": ["Doctor Who"]}
    assert box.exclude == ["Major Character Death"]
    assert box.ranges == {
        "words": IntRange(low=1001),
        "kudos": IntRange(low=50),
        "hits": IntRange(high=9),
    }
    assert box.sort == Sort.KUDOS


def test_or_joins_words_and_tags_into_alternatives():
    box = parse_box(
        'dragon OR ghost fandom:"Doctor Who" OR fandom:Sherlock OR tag:Fluff', max_terms=9
    )
    assert len(box.terms) == 1
    assert [t.words for t in box.terms[0].alternatives] == [("dragon",), ("ghost",)]
    assert box.include_any == [("Doctor Who", "Sherlock", "Fluff")]
    assert box.typed_tags == {"fandoms": []}


@pytest.mark.parametrize("text", ["OR dragon", "dragon OR", "words>1000 OR dragon", "sort:fastest"])
def test_unreadable_queries_say_what_is_wrong(text):
    with pytest.raises(QueryError):
        parse_box(text, max_terms=9)


def test_an_unknown_operator_is_searched_as_words():
    box = parse_box("mood:happy", max_terms=9)
    assert [t.words for t in box.terms] == [("mood",), ("happy",)]


def _titles(params):
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return [w.title for w in search_works(viewer=GUEST, query=form.search_query()).works]


def test_the_box_and_the_form_fields_find_the_same_works(make_work, tag):
    who, sherlock = tag("Doctor Who", TagType.FANDOM), tag("Sherlock", TagType.FANDOM)
    death = tag("Major Character Death", TagType.WARNING)
    make_work("Red Tea", tags=[who], text="A dragon.", kudos_count=70, word_count=2000)
    make_work("Red Storm", tags=[who, death], text="A dragon.", kudos_count=90)
    make_work("Red Fog", tags=[sherlock], text="A ghost.", kudos_count=60)
    make_work("Blue Tea", tags=[who], text="A dragon.", kudos_count=80)
    make_work("Red Quiet", tags=[who], text="A dragon.", kudos_count=10)
    form = {
        "title": "red",
        "fandoms": "Doctor Who",
        "exclude": "Major Character Death",
        "kudos": ">49",
        "sort": "kudos",
    }
    box = {"q": 'title:red fandom:"Doctor Who" -tag:"Major Character Death" kudos>=50 sort:kudos'}
    assert _titles(form) == _titles(box) == ["Red Tea"]
    either = _titles({"q": "dragon OR ghost sort:kudos"})
    assert either == ["Red Storm", "Blue Tea", "Red Tea", "Red Fog", "Red Quiet"]
    assert _titles({"q": 'fandom:Sherlock OR tag:"Major Character Death" sort:kudos'}) == [
        "Red Storm",
        "Red Fog",
    ]


def test_a_bad_operator_is_a_form_error_not_a_crash(client, db):
    page = client.get("/search/", {"q": "sort:fastest"})
    assert page.status_code == 200
    assert "sort:fastest isn&#x27;t a sort order" in page.content.decode()
