"""Downloads and the OPDS catalogue name an anonymous work's creator "Anonymous", and the
catalogue read at a reader's token address leaves out what their own filters hide."""

import pytest
from lxml import etree

from fanshelf.accounts.models import Mute
from fanshelf.accounts.services import user_signup
from fanshelf.downloads.services import opds_token_reset
from fanshelf.library.subscription_services import subscribe
from fanshelf.search.personal import reader_filters_save
from fanshelf.tags.models import Tag
from fanshelf.works import services

from .conftest import epub_members, tag
from .test_opds import fetch, titles

pytestmark = pytest.mark.django_db
DC = {"dc": "http://purl.org/dc/elements/1.1/"}


def post(pseud, title, *, fandoms=("Doctor Who",), freeforms=(), **kwargs):
    work = services.work_create(
        pseuds=[pseud],
        title=title,
        chapters=[services.ChapterInput(text=f"<p>The words of {title}.</p>")],
        **kwargs,
    )
    return tag(work, fandoms=list(fandoms), freeforms=list(freeforms))


def test_an_anonymous_works_files_and_entry_name_no_one(client, author):
    work = post(author.default_pseud, "Masked Story", anonymous=True)
    for viewer in (None, author):  # one file serves every reader, its creator too
        if viewer:
            client.force_login(viewer)
        response = client.get(f"/works/{work.pk}/download/epub")
        assert 'filename="Masked Story - Anonymous.epub"' in response["Content-Disposition"]
        files = epub_members(b"".join(response.streaming_content))
        opf = etree.fromstring(files["EPUB/content.opf"].encode())
        assert opf.findtext(".//dc:creator", namespaces=DC) == "Anonymous"
        assert (
            "by Anonymous" in files["EPUB/title.xhtml"]
            and "author" not in files["EPUB/title.xhtml"]
        )
    entry = fetch(client, "/opds/recent/").entries[0]
    assert entry.author == "Anonymous"


@pytest.fixture
def catalogue(author, reader):
    loud = user_signup(username="loud", email="l@example.invalid", password="a long passphrase 3")
    pseud = author.default_pseud
    post(pseud, "Kept")
    post(pseud, "Sad", freeforms=["Angst"])
    post(pseud, "Crossed", fandoms=["Doctor Who", "Sherlock"])
    post(pseud, "Masked", anonymous=True)
    post(loud.default_pseud, "By the muted")
    post(loud.default_pseud, "Only the muted", fandoms=["Torchwood"])
    Tag.objects.filter(name="Angst").update(canonical=True)
    subscribe(user=reader, creator=author)
    subscribe(user=reader, creator=loud)
    Mute.objects.create(muter=reader, muted=loud)
    reader_filters_save(
        user=reader,
        excluded=[Tag.objects.get(name="Angst")],
        max_fandoms=1,
        hide_anonymous=True,
    )
    return opds_token_reset(user=reader)


def test_every_works_feed_at_a_token_address_applies_the_readers_filters(client, catalogue):
    base = f"/opds/u/{catalogue}"
    for url in ("recent/", "tags/Doctor Who/", "search/?q=the", "shelves/subscriptions/"):
        assert titles(fetch(client, f"{base}/{url}")) == ["Kept"], url
    assert titles(fetch(client, f"{base}/fandoms/")) == ["Doctor Who"]
    # The same catalogue for guests, who have no filters of their own:
    assert len(titles(fetch(client, "/opds/recent/"))) == 6


@pytest.mark.parametrize("extension", ["pdf", "html", "txt"])
def test_an_anonymous_works_other_files_name_no_one(client, author, extension, tmp_path):
    import io

    from pypdf import PdfReader

    from .conftest import pdf_pages

    work = post(author.default_pseud, "Masked Story", anonymous=True)
    client.force_login(author)  # its creator gets the same file as everyone
    response = client.get(f"/works/{work.pk}/download/{extension}")
    assert f'filename="Masked Story - Anonymous.{extension}"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    if extension == "pdf":
        assert PdfReader(io.BytesIO(data)).metadata.author == "Anonymous"
        text = "".join(pdf_pages(data, tmp_path))
    else:
        text = data.decode()
    assert "by Anonymous" in text and "by author" not in text


def test_the_series_index_at_a_token_address_leaves_out_muted_creators_series(client, reader):
    from fanshelf.works.series_services import series_add_work, series_create

    for name in ("kept", "loud"):
        user = user_signup(username=name, email=f"{name}@example.invalid", password="a long pass 3")
        series = series_create(pseuds=[user.default_pseud], editor=user, title=f"Series by {name}")
        series_add_work(series=series, work=post(user.default_pseud, f"By {name}"), editor=user)
    Mute.objects.create(muter=reader, muted=user)
    token = opds_token_reset(user=reader)
    assert titles(fetch(client, f"/opds/u/{token}/series/")) == ["Series by kept"]
    assert titles(fetch(client, "/opds/series/")) == ["Series by loud", "Series by kept"]
