"""A reader's own filters apply to every listing, counts and facets included, with a banner and
a one-click way to see everything."""

import pytest
from django.urls import reverse

from fanshelf.accounts.models import Mute
from fanshelf.search.query import SearchQuery
from fanshelf.search.selectors import search_works
from fanshelf.tags.models import TagType


@pytest.fixture
def shelf(make_work, tag, reader, author):
    from fanshelf.accounts.services import user_signup

    who, sherlock = tag("Doctor Who", TagType.FANDOM), tag("Sherlock", TagType.FANDOM)
    death = tag("Major Character Death", TagType.WARNING)
    make_work("Kept", tags=[who])
    make_work("Sad", tags=[who, death])
    make_work("Crossed", tags=[who, sherlock])
    other = user_signup(username="loud", email="l@example.invalid", password="a long passphrase 3")
    make_work("Muted One", tags=[who], pseud=other.default_pseud)
    Mute.objects.create(muter=reader, muted=other)
    return {"who": who, "death": death}


def _save(client, reader, **fields):
    client.force_login(reader)
    response = client.post(reverse("search:my_filters"), fields)
    assert response.status_code == 302


def test_saved_filters_leave_works_out_of_results_counts_and_facets(client, reader, shelf):
    _save(client, reader, excluded="Major Character Death", max_fandoms="1")
    found = search_works(viewer=reader, query=SearchQuery(include=("Doctor Who",)))
    assert [w.title for w in found.works] == ["Kept"]
    assert found.total == 1
    fandoms = {t.name: t.count for f in found.facets for t in f.tags if f.type == "fandom"}
    assert fandoms == {"Doctor Who": 1}
    assert len(found.personal_labels) == 3  # one tag, the muted creator, the crossover limit
    everything = search_works(viewer=reader, query=SearchQuery(), personal=False)
    assert everything.total == 4


def test_tag_pages_front_page_and_fandoms_use_them_with_a_banner_and_show_all(
    client, reader, shelf
):
    _save(client, reader, excluded="Major Character Death", max_fandoms="")
    tag_page = client.get(reverse("tags:works", args=["Doctor Who"])).content.decode()
    assert "2 works found" in tag_page and "Sad" not in tag_page and "Muted One" not in tag_page
    assert "2 filters of yours are on" in tag_page
    show_all = client.get(reverse("tags:works", args=["Doctor Who"]), {"all": "1"})
    assert "4 works found" in show_all.content.decode()
    front = client.get(reverse("works:front")).content.decode()
    assert "2 filters of yours are on" in front and "Sad" not in front
    fandoms = client.get(reverse("search:fandoms")).content.decode()
    assert 'Doctor Who</a> <span class="facet-count">(2)' in fandoms


def test_an_unknown_tag_is_a_clear_form_error(client, reader, shelf):
    client.force_login(reader)
    page = client.post(reverse("search:my_filters"), {"excluded": "Nope Nothing"})
    assert page.status_code == 200
    assert "No tag used for filtering is named “Nope Nothing”" in page.content.decode()


def test_guests_have_no_filters_page(client, db):
    assert client.get(reverse("search:my_filters")).status_code == 302


def test_a_tag_nobody_wrangled_yet_lists_and_counts_with_the_readers_filters(
    client, reader, shelf, make_work, tag
):
    loose = tag("Tea Rooms", TagType.FREEFORM, canonical=False)
    make_work("Kept Tea", tags=[loose])
    loud = Mute.objects.get(muter=reader).muted
    make_work("Loud Tea", tags=[loose], pseud=loud.default_pseud)
    client.force_login(reader)
    url = reverse("tags:works", args=["Tea Rooms"])
    page = client.get(url).content.decode()
    assert "Kept Tea" in page and "Loud Tea" not in page
    assert "<h2>1 work</h2>" in page and "1 filter of yours is on" in page
    shown = client.get(url, {"all": "1"}).content.decode()
    assert "Loud Tea" in shown and "<h2>2 works</h2>" in shown
    from fanshelf.core.listings import listing

    assert listing("tag_work_count")(viewer=reader, tag=loose) == 1


def test_listings_outside_search_leave_out_muted_works_however_many_they_wrote(
    reader, shelf, make_work, tag
):
    """The SQL that leaves a muted creator's works out asks about the muted creators, so it
    stays one small statement when they wrote more works than a statement may name."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fanshelf.search.personal import hidden_by, personal_filters
    from fanshelf.works.models import Work

    loud = Mute.objects.get(muter=reader).muted

    def visible_titles():
        with CaptureQueriesContext(connection) as queries:
            kept = Work.objects.exclude(hidden_by(personal_filters(reader)))
            titles = set(kept.values_list("title", flat=True))
        return titles, len(queries[-1]["sql"])

    titles, sql_length = visible_titles()
    assert "Muted One" not in titles and "Kept" in titles
    for n in range(5):
        make_work(f"Louder {n}", tags=[shelf["who"]], pseud=loud.default_pseud)
    titles, longer_sql_length = visible_titles()
    assert not any(title.startswith("Louder") for title in titles)
    assert longer_sql_length == sql_length
