"""A series and a reader's marked-for-later list as one EPUB each, and the reader's shelves in
the catalogue."""

import re

import pytest

from fanshelf.downloads.services import opds_token_reset
from fanshelf.library.bookmark_services import bookmark_create
from fanshelf.library.reading_services import mark_for_later
from fanshelf.library.subscription_services import subscribe
from fanshelf.works import services
from fanshelf.works.series_services import series_add_work, series_create

from .conftest import epub_members, epubcheck_messages, tag
from .test_opds import ACQUISITION, fetch, link, titles

pytestmark = pytest.mark.django_db


def post(author, title, **kwargs):
    work = services.work_create(
        pseuds=[author.default_pseud], title=title,
        chapters=[services.ChapterInput(title="One", text=f"<p>{title} begins.</p>"),
                  services.ChapterInput(title="Two", text=f"<p>{title} ends.</p>")],
        **kwargs,
    )  # fmt: skip
    return tag(work)


@pytest.fixture
def series(author):
    made = series_create(
        pseuds=[author.default_pseud], editor=author, title="The Tide Cycle",
        summary="Three stories of one summer.",
    )  # fmt: skip
    for title, restricted in (("Spring Tide", False), ("Neap Tide", True), ("Storm Tide", False)):
        series_add_work(series=made, work=post(author, title, restricted=restricted), editor=author)
    return made


def epub_of(response) -> dict[str, str]:
    assert response.status_code == 200, response.content[:200]
    return epub_members(b"".join(response.streaming_content))


def work_titles(files) -> list[str]:
    nav = files["EPUB/nav.xhtml"]
    return re.findall(r'<a href="w\d+-title\.xhtml">([^<]+)</a>', nav)


def test_a_series_downloads_as_one_epub_of_its_visible_works_in_order(
    client, series, reader, tmp_path
):
    guest = epub_of(client.get(f"/series/{series.pk}/download/epub"))
    assert work_titles(guest) == ["Spring Tide", "Storm Tide"]
    client.force_login(reader)
    response = client.get(f"/series/{series.pk}/download/epub")
    assert 'filename="The Tide Cycle - author.epub"' in response["Content-Disposition"]
    member = epub_of(response)
    assert work_titles(member) == ["Spring Tide", "Neap Tide", "Storm Tide"]
    assert "Three stories of one summer." in member["EPUB/title.xhtml"]
    assert "Chapter 2: Two" in member["EPUB/nav.xhtml"]
    data = b"".join(client.get(f"/series/{series.pk}/download/epub").streaming_content)
    assert epubcheck_messages(data, tmp_path) == ""


def test_a_work_in_a_series_names_the_series_and_its_part(client, series):
    work = series.works.get(title="Storm Tide")
    files = epub_of(client.get(f"/works/{work.pk}/download/epub"))
    assert (
        '<meta property="belongs-to-collection" id="series1">The Tide Cycle</meta>'
        in (files["EPUB/content.opf"])
    )
    assert (
        '<meta refines="#series1" property="group-position">3</meta>' in files["EPUB/content.opf"]
    )
    assert "Series, part 3" in files["EPUB/title.xhtml"]


def test_a_series_without_downloadable_works_is_not_found(client, author):
    empty = series_create(pseuds=[author.default_pseud], editor=author, title="Empty")
    assert client.get(f"/series/{empty.pk}/download/epub").status_code == 404


def test_the_marked_for_later_list_downloads_as_one_epub(client, author, reader, tmp_path):
    first, second = post(author, "First Light"), post(author, "Second Wind")
    mark_for_later(user=reader, work=first)
    mark_for_later(user=reader, work=second)
    assert client.get("/later/download/epub").status_code == 302  # log in first
    client.force_login(reader)
    response = client.get("/later/download/epub")
    data = b"".join(response.streaming_content)
    assert 'filename="Marked for later by reader.epub"' in response["Content-Disposition"]
    assert set(work_titles(epub_members(data))) == {"First Light", "Second Wind"}
    assert epubcheck_messages(data, tmp_path) == ""


def test_the_catalogue_lists_series_with_a_whole_series_entry(client, series):
    index = fetch(client, "/opds/series/")
    assert titles(index) == ["The Tide Cycle"]
    feed = fetch(client, link(index.entries[0], "subsection").href)
    assert titles(feed) == ["The Tide Cycle (the whole series)", "Spring Tide", "Storm Tide"]
    whole = link(feed.entries[0], ACQUISITION).href
    assert whole.endswith(f"/series/{series.pk}/download/epub")


def test_a_token_catalogue_holds_the_readers_shelves(client, author, reader):
    later, followed, marked = (post(author, t) for t in ("Later", "Followed", "Bookmarked"))
    restricted = post(author, "Members only", restricted=True)
    mark_for_later(user=reader, work=later)
    mark_for_later(user=reader, work=restricted)
    subscribe(user=reader, work=followed)
    bookmark_create(user=reader, work=marked)
    token = opds_token_reset(user=reader)
    root = fetch(client, f"/opds/u/{token}/")
    assert titles(root)[-3:] == ["Marked for later", "Subscriptions", "Bookmarks"]
    shelves = {e.title: link(e, "subsection").href for e in root.entries}
    later_feed = fetch(client, shelves["Marked for later"])
    assert titles(later_feed) == ["Marked for later (the whole list)", "Members only", "Later"]
    assert client.get(link(later_feed.entries[0], ACQUISITION).href).status_code == 200
    assert titles(fetch(client, shelves["Subscriptions"])) == ["Followed"]
    assert titles(fetch(client, shelves["Bookmarks"])) == ["Bookmarked"]


def test_guests_have_no_shelves(client):
    assert "Marked for later" not in titles(fetch(client, "/opds/"))
    assert client.get("/opds/shelves/later/").status_code == 404


def test_a_series_file_replaced_while_it_is_being_opened_is_made_again(client, series, monkeypatch):
    from fanshelf.downloads import collections

    made = collections.series_file

    def replaced_at_once(*args, **kwargs):  # a newer revision's build removed it meanwhile
        path = made(*args, **kwargs)
        monkeypatch.setattr(collections, "series_file", made)
        path.unlink()
        return path

    monkeypatch.setattr(collections, "series_file", replaced_at_once)
    assert work_titles(epub_of(client.get(f"/series/{series.pk}/download/epub"))) == [
        "Spring Tide", "Storm Tide"
    ]  # fmt: skip
