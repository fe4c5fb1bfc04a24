"""AZW3 and MOBI, offered only where Calibre's ebook-convert is installed, made from the EPUB."""

import stat

import pytest

from .test_files import get, simple_work
from .test_opds import ACQUISITION, fetch

pytestmark = pytest.mark.django_db


def converter(tmp_path, script: str):
    path = tmp_path / "ebook-convert"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.fixture
def calibre(settings, tmp_path):
    """A stand-in for ebook-convert: writes the EPUB it was given, marked, to the output."""
    settings.FANSHELF_EBOOK_CONVERT = converter(
        tmp_path, 'printf "converted from " > "$2"; head -c 2 "$1" >> "$2"\n'
    )


def test_without_calibre_the_work_page_offers_no_kindle_formats(client, author, settings):
    settings.FANSHELF_EBOOK_CONVERT = "/nonexistent/ebook-convert"
    work = simple_work(author)
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert f"/works/{work.pk}/download/epub" in page and "download/azw3" not in page
    assert get(client, work, "azw3").status_code == 404


@pytest.mark.parametrize("extension", ["azw3", "mobi"])
def test_with_calibre_kindle_formats_are_offered_and_made_from_the_epub(
    client, author, calibre, extension
):
    work = simple_work(author)
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert f'href="/works/{work.pk}/download/{extension}"' in page
    response = get(client, work, extension)
    assert response.status_code == 200
    assert f'filename="Simple - author.{extension}"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"converted from PK"  # a zip: the EPUB


def test_the_catalogue_lists_kindle_formats_after_the_epub(client, author, calibre):
    simple_work(author)
    entry = fetch(client, "/opds/recent/").entries[0]
    types = [link.type for link in entry.links if link.rel == ACQUISITION]
    assert types == [
        "application/epub+zip", "application/pdf", "text/html", "text/plain",
        "application/vnd.amazon.ebook", "application/x-mobipocket-ebook",
    ]  # fmt: skip


def test_a_failed_conversion_says_so_and_offers_the_epub(client, author, settings, tmp_path):
    settings.FANSHELF_EBOOK_CONVERT = converter(tmp_path, "echo 'no good' >&2; exit 1\n")
    work = simple_work(author)
    response = get(client, work, "azw3")
    assert response.status_code == 503
    page = response.content.decode()
    assert "could not be made" in page and f"/works/{work.pk}/download/epub" in page
    assert get(client, work, "epub").status_code == 200
