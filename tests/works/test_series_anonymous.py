"""A series holding an anonymous work names "Anonymous" as its creators to everyone but them (as
on the Archive of Our Own), and stays off its creators' profiles for others: otherwise the
series would unmask the work."""

import pytest
from django.urls import reverse

from fanshelf.downloads.collections import series_collection
from fanshelf.library.bookmark_services import bookmark_create
from fanshelf.works.series_services import series_add_work, series_create

PROFILE = "/users/author/"


@pytest.fixture
def masked_series(author, post_work):
    series = series_create(pseuds=[author.default_pseud], editor=author, title="The Masked Saga")
    series_add_work(series=series, work=post_work(title="Masked", anonymous=True), editor=author)
    return series


def _viewers(client, reader):
    yield "guest"
    client.force_login(reader)
    yield "reader"


def test_the_series_page_and_search_name_anonymous(client, masked_series, reader):
    for _ in _viewers(client, reader):
        page = client.get(masked_series.get_absolute_url()).content.decode()
        assert "a series by Anonymous" in page and PROFILE not in page
        found = client.get(reverse("search:search") + "?q=masked saga").content.decode()
        assert 'class="series-results"' in found
        assert "by Anonymous" in found and "by author" not in found


def test_the_series_stays_off_its_creators_profile_for_others(
    client, masked_series, author, reader
):
    for _ in _viewers(client, reader):
        assert "The Masked Saga" not in client.get(PROFILE).content.decode()
    client.force_login(author)
    assert "The Masked Saga" in client.get(PROFILE).content.decode()
    page = client.get(masked_series.get_absolute_url()).content.decode()
    assert PROFILE in page  # its creator still sees their own name


def test_a_bookmark_of_the_series_and_its_download_name_anonymous(client, masked_series, reader):
    bookmark_create(user=reader, series=masked_series, notes="Lovely.")
    page = client.get(reverse("library:bookmarks")).content.decode()
    assert "The Masked Saga" in page and "a series by Anonymous" in page
    assert "a series by author" not in page
    assert series_collection(viewer=None, series_id=masked_series.pk).creators == ["Anonymous"]


def test_a_series_of_signed_works_still_names_its_creators(client, author, post_work):
    series = series_create(pseuds=[author.default_pseud], editor=author, title="Open Saga")
    series_add_work(series=series, work=post_work(title="Signed"), editor=author)
    assert PROFILE in client.get(series.get_absolute_url()).content.decode()
    assert "Open Saga" in client.get(PROFILE).content.decode()
