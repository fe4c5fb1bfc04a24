"""Issue 8, items 3, 5 and 6: search parameters and feeds no input can break."""

import xml.etree.ElementTree as ET

import pytest

from fanshelf.search.services import index_works
from fanshelf.tags.models import TagType
from fanshelf.works.models import Work

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed_titles(response) -> list[str]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_a_control_character_in_a_title_never_breaks_the_tag_feed(client, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    make_work("ctl\x01title", tags=[who])
    assert _feed_titles(client.get("/tags/Doctor%20Who/feed.atom")) == ["ctltitle"]


def test_a_title_stored_with_a_control_character_is_cleaned_in_the_feed(client, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    work = make_work("Old title", tags=[who])
    Work.objects.filter(pk=work.pk).update(title="old\x01title\x0b", summary="<p>a\x02b</p>")
    index_works(work_ids=[work.pk])
    assert _feed_titles(client.get("/tags/Doctor%20Who/feed.atom")) == ["oldtitle"]


BAD_PARAMETERS = [
    ("words", "9" * 400, "Word count"),
    ("words", "99999999999999999999", "Word count"),
    ("kudos", ">" + "9" * 30, "Kudos"),
    ("posted", "<0001-01-01", "Date posted"),
    ("posted", ">9999-12-31", "Date posted"),
    ("posted", "< 100000 years", "Date posted"),
    ("posted", "9999999999 days", "Date posted"),
    ("posted", "1-99999999999 weeks", "Date posted"),
    ("updated", "9999-12-31", "Date updated"),
    ("updated", "0001-01-01 to 0002-01-01", "Date updated"),
]


@pytest.mark.parametrize(("field", "value", "label"), BAD_PARAMETERS)
def test_out_of_range_search_values_get_the_forms_message(client, make_work, field, value, label):
    make_work("Anything")
    response = client.get("/search/", {field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{label}:" in page and "Anything" not in page


def test_search_still_reads_large_but_sane_values(client, make_work):
    make_work("Anything")
    page = client.get("/search/", {"words": "<1,000,000", "posted": "< 900 years"}).content
    assert b"Anything" in page


@pytest.mark.parametrize(
    "query", ["tag=%00", "q=%00", "tag=Doctor%00Who", "fandoms=%00", "words=%001"]
)
def test_nul_in_search_parameters_is_removed_not_a_server_error(client, make_work, tag, query):
    make_work("Anything", tags=[tag("Doctor Who", TagType.FANDOM)])
    response = client.get(f"/search/?{query}")
    assert response.status_code in (200, 404)


def test_tag_parameter_with_nul_finds_the_tag_without_it(client, make_work, tag):
    make_work("Anything", tags=[tag("Doctor Who", TagType.FANDOM)])
    page = client.get("/search/?tag=Doctor%20Who%00").content.decode()
    assert "Works in Doctor Who" in page and "Anything" in page
