"""The OPDS catalogue, as an e-reader app browses it."""

import io
import zipfile
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from fanshelf.downloads.services import opds_token_reset
from fanshelf.works import services

from .conftest import tag

pytestmark = pytest.mark.django_db
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).with_name("opds_catalogue.rng"))))
ACQUISITION = "http://opds-spec.org/acquisition"


def fetch(client, url):
    """The feed at `url`, checked against the schema and read back as feedparser reads it."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml;profile=opds-catalog")
    document = etree.fromstring(response.content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert {"self", "start"} <= {li.rel for li in feed.feed.links}
    return feed


def link(entry_or_feed, rel):
    return next(li for li in entry_or_feed.links if li.rel == rel)


def titles(feed):
    return [entry.title for entry in feed.entries]


def post(author, title, **kwargs):
    work = services.work_create(
        pseuds=[author.default_pseud],
        title=title,
        chapters=[services.ChapterInput(text=f"<p>The words of {title}.</p>")],
        **kwargs,
    )
    return tag(work)


def test_an_e_reader_walks_from_the_root_to_a_work_and_downloads_its_epub(client, rich_work):
    root = fetch(client, "/opds/")
    assert titles(root) == ["Recent works", "Fandoms", "Series"]
    fandoms = fetch(client, link(root.entries[1], "subsection").href)
    assert titles(fandoms) == ["Doctor Who"]
    works = fetch(client, link(fandoms.entries[0], "subsection").href)
    assert titles(works) == [rich_work.title]
    entry = works.entries[0]
    acquisitions = [li for li in entry.links if li.rel == ACQUISITION]
    assert [li.type for li in acquisitions][:4] == [
        "application/epub+zip", "application/pdf", "text/html", "text/plain"
    ]  # fmt: skip
    assert entry.author == "author" and "summary with" in entry.summary
    assert {"Doctor Who", "Rose Tyler", "Fluff"} <= {t.term for t in entry.tags}
    response = client.get(acquisitions[0].href)
    assert response.status_code == 200
    epub = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert epub.read("mimetype") == b"application/epub+zip"


def test_recent_works_are_newest_first_and_pages_link_on(client, author, settings):
    settings.FANSHELF_WORKS_PER_PAGE = 2
    for title in ("First", "Second", "Third"):
        post(author, title)
    first = fetch(client, "/opds/recent/")
    assert titles(first) == ["Third", "Second"]
    second = fetch(client, link(first.feed, "next").href)
    assert titles(second) == ["First"]
    assert link(second.feed, "previous")


def test_a_tag_feed_finds_works_through_the_canonical_tag_and_its_synonyms(client, author):
    from fanshelf.tags.models import Tag, TagType

    work = post(author, "Under a synonym")
    canonical = Tag.objects.get(name="Doctor Who", type=TagType.FANDOM)
    synonym = Tag.objects.create(name="DW", type=TagType.FANDOM, merger=canonical)
    assert titles(fetch(client, "/opds/tags/Doctor Who/")) == [work.title]
    assert titles(fetch(client, f"/opds/tags/{synonym.name}/")) == [work.title]
    assert client.get("/opds/tags/No Such Tag/").status_code == 404


def test_search_is_described_for_e_readers_and_finds_works(client, author):
    post(author, "Teacups and Time")
    post(author, "Something Else")
    description = etree.fromstring(client.get("/opds/opensearch.xml").content)
    url = description.find("{http://a9.com/-/spec/opensearch/1.1/}Url")
    assert url.get("template").endswith("/opds/search/?q={searchTerms}")
    found = fetch(client, url.get("template").replace("{searchTerms}", "teacups"))
    assert titles(found) == ["Teacups and Time"]


def test_guests_catalogue_lists_only_what_guests_may_read(client, author):
    post(author, "Public")
    post(author, "For members", restricted=True)
    services.work_create(
        pseuds=[author.default_pseud], title="Draft", post=False,
        chapters=[services.ChapterInput(text="<p>Not yet.</p>")],
    )  # fmt: skip
    hidden = post(author, "Hidden")
    hidden.hidden_by_admin = True
    hidden.save()
    for url in ("/opds/recent/", "/opds/tags/Doctor Who/", "/opds/search/?q=the"):
        assert titles(fetch(client, url)) == ["Public"], url
    assert titles(fetch(client, "/opds/fandoms/")) == ["Doctor Who"]


def test_a_fandom_with_only_restricted_works_is_not_listed_for_guests(client, author):
    work = post(author, "Members only", restricted=True)
    tag(work, fandoms=["Sherlock Holmes"])
    assert titles(fetch(client, "/opds/fandoms/")) == []


def test_a_token_address_shows_the_catalogue_as_its_reader_sees_it(client, author, reader):
    post(author, "Public")
    restricted = post(author, "For members", restricted=True)
    token = opds_token_reset(user=reader)
    feed = fetch(client, f"/opds/u/{token}/recent/")
    assert titles(feed) == ["For members", "Public"]
    assert link(feed.feed, "start").href.endswith(f"/opds/u/{token}/")
    epub = next(li for li in feed.entries[0].links if li.rel == ACQUISITION)
    assert f"/opds/u/{token}/works/{restricted.pk}/download/epub" in epub.href
    assert client.get(epub.href).status_code == 200
    assert client.get(f"/works/{restricted.pk}/download/epub").status_code == 404


def test_making_a_new_token_ends_the_old_address(client, reader):
    old = opds_token_reset(user=reader)
    new = opds_token_reset(user=reader)
    assert client.get(f"/opds/u/{old}/").status_code == 404
    assert client.get(f"/opds/u/{new}/").status_code == 200


def test_readers_make_their_address_on_a_page_that_shows_it_once(client, reader):
    client.force_login(reader)
    page = client.get("/opds/token/")
    assert b"Make my address" in page.content
    made = client.post("/opds/token/")
    address = made.context["address"]
    assert "/opds/u/" in address and address.encode() in made.content
    again = client.get("/opds/token/")
    assert address.encode() not in again.content and b"Make a new address" in again.content
    token = address.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/opds/u/{token}/").status_code == 200


def test_guests_learn_the_public_address_and_are_asked_to_log_in_for_their_own(client):
    page = client.get("/opds/token/").content.decode()
    assert "http://testserver/opds/" in page and "Log in</a> to make your own address" in page
    response = client.post("/opds/token/")
    assert response.status_code == 302 and "login" in response["Location"]
