"""The search page, the filter sidebar and the tag feed, as a reader's browser sees them."""

from fanshelf.tags.models import TagType


def test_search_page_shows_results_sidebar_and_sort(client, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    make_work("Kettle Logic", tags=[who, tag("Fluff")], text="Tea for the dragon.")
    make_work("Dry Spell", tags=[who], text="No tea here at all, only coffee.")
    page = client.get("/search/", {"q": "dragon"}).content.decode()
    assert "1 work found" in page
    assert "Kettle Logic" in page and "Dry Spell" not in page
    assert 'name="exclude_tag" value="Fluff"' in page
    assert '<label for="id_sort">Sort by' in page


def test_sidebar_exclusion_and_tag_listing(client, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    death = tag("Major Character Death", TagType.WARNING)
    make_work("Safe", tags=[who])
    make_work("Sad", tags=[who, death])
    listing = client.get("/search/", {"tag": "Doctor Who"}).content.decode()
    assert "Works in Doctor Who" in listing and "2 works found" in listing
    filtered = client.get(
        "/search/", {"tag": "Doctor Who", "exclude_tag": "Major Character Death"}
    ).content.decode()
    assert "Safe" in filtered and "Sad" not in filtered
    assert 'name="exclude_tag" value="Major Character Death" checked' in filtered


def test_malformed_range_gets_a_clear_message(client, make_work):
    make_work("Anything")
    page = client.get("/search/", {"words": "10-5"}).content.decode()
    assert "Word count: the range 10-5 starts above where it ends" in page
    assert "Anything" not in page


def test_tag_feed_lists_what_guests_may_see(client, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    twelve = tag("Twelfth Doctor", TagType.CHARACTER)
    tag("Twelve", TagType.CHARACTER, canonical=False, merger=twelve)
    make_work("Open Door", tags=[who, tag("Twelve", TagType.CHARACTER)])
    make_work("Locked Door", tags=[who, twelve], restricted=True)
    make_work("Draft Door", tags=[who, twelve], post=False)
    response = client.get("/tags/Twelfth Doctor/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "Open Door" in feed
    assert "Locked Door" not in feed and "Draft Door" not in feed
    slashed = tag("Missy/Twelfth Doctor", TagType.RELATIONSHIP)
    make_work("Pairing", tags=[slashed])
    assert "Pairing" in client.get("/tags/Missy*s*Twelfth Doctor/feed.atom").content.decode()
    assert client.get("/tags/Nobody Here/feed.atom").status_code == 404
