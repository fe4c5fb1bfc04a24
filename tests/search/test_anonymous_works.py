"""An anonymous work is found by what it is, never by who wrote it, and a reader may hide
anonymous works everywhere with counts and facets that agree."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from fanshelf.search.forms import SearchForm
from fanshelf.search.query import SearchQuery, Sort
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import TagType
from fanshelf.works.services import work_update

GUEST = AnonymousUser()


def _titles(viewer, **params):
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return sorted(w.title for w in search_works(viewer=viewer, query=form.search_query()).works)


@pytest.fixture
def works(make_work, tag):
    who, fluff = tag("Doctor Who", TagType.FANDOM), tag("Fluff")
    return {
        "signed": make_work("Signed Story", tags=[who]),
        "hidden": make_work("Masked Story", tags=[who, fluff], anonymous=True),
        "who": who,
    }


def test_a_creator_search_or_a_plain_word_never_finds_an_anonymous_work(works, reader):
    for viewer in (GUEST, reader):
        assert _titles(viewer, q="creator:author") == ["Signed Story"]
        assert _titles(viewer, q="author story") == ["Signed Story"]
    assert _titles(reader, q="creator:anonymous") == ["Masked Story"]


def test_going_anonymous_later_takes_the_name_out_of_search_at_once(works, author):
    signed = works["signed"]
    work_update(work=signed, title=signed.title, anonymous=True)
    assert _titles(GUEST, q="creator:author") == []
    work_update(work=signed, title=signed.title, anonymous=False)
    assert _titles(GUEST, q="creator:author") == ["Signed Story"]


def test_blurbs_say_anonymous_to_others_and_mark_it_for_its_creator(client, works, author):
    page = client.get(reverse("search:search"), {"q": "story"}).content.decode()
    assert "by Anonymous" in page and "(anonymous)" not in page
    client.force_login(author)
    page = client.get(reverse("search:search"), {"q": "story"}).content.decode()
    assert '>author</a> <span class="anonymous-mark">(anonymous)</span>' in page


def _save(client, reader, **fields):
    client.force_login(reader)
    response = client.post(reverse("search:my_filters"), fields)
    assert response.status_code == 302


def test_hiding_anonymous_works_counts_and_facets_without_them(client, works, reader):
    _save(client, reader, hide_anonymous="on")
    found = search_works(viewer=reader, query=SearchQuery(include=("Doctor Who",)))
    assert [w.title for w in found.works] == ["Signed Story"]
    assert found.total == 1
    facet = {t.name: t.count for f in found.facets for t in f.tags}
    assert facet["Doctor Who"] == 1 and "Fluff" not in facet
    assert found.personal_labels == ("no anonymous works",)
    # A page SQL sorts (by title) leaves them out as well.
    by_title = search_works(viewer=reader, query=SearchQuery(sort=Sort.TITLE))
    assert [w.title for w in by_title.works] == ["Signed Story"]
    everything = search_works(viewer=reader, query=SearchQuery(), personal=False)
    assert everything.total == 2


def test_a_tag_page_hides_them_with_the_banner_and_shows_all_on_request(client, works, reader):
    _save(client, reader, hide_anonymous="on")
    page = client.get(reverse("tags:works", args=["Doctor Who"])).content.decode()
    assert "1 work found" in page and "Masked Story" not in page
    assert "1 filter of yours is on (no anonymous works)" in page
    shown = client.get(reverse("tags:works", args=["Doctor Who"]), {"all": "1"}).content.decode()
    assert "2 works found" in shown and "Masked Story" in shown
    fandoms = client.get(reverse("search:fandoms")).content.decode()
    assert 'Doctor Who</a> <span class="facet-count">(1)' in fandoms


def test_the_filters_form_remembers_the_choice(client, works, reader):
    _save(client, reader, hide_anonymous="on")
    page = client.get(reverse("search:my_filters")).content.decode()
    assert re.search(r"<input[^>]*name=\"hide_anonymous\"[^>]*checked", page)
    _save(client, reader)
    assert _titles(reader) == ["Masked Story", "Signed Story"]


def test_muting_a_creator_does_not_hide_their_anonymous_work(works, author, reader):
    from fanshelf.accounts.models import Mute

    Mute.objects.create(muter=reader, muted=author)
    assert _titles(reader) == ["Masked Story"]
