import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fanshelf.accounts.services import pseud_create
from fanshelf.works.models import Work

pytestmark = pytest.mark.django_db


def test_restricted_work_hidden_from_guests(client, reader, post_work):
    work = post_work(title="Members Only", restricted=True, notes_begin="Secret notes")
    page = client.get(work.get_absolute_url())
    assert page.status_code == 403
    assert "Members Only" not in page.content.decode()
    assert "Secret notes" not in page.content.decode()
    assert "Members Only" not in client.get(reverse("works:front")).content.decode()
    client.force_login(reader)
    assert client.get(work.get_absolute_url()).status_code == 200
    assert "Members Only" in client.get(reverse("works:front")).content.decode()


def test_hidden_work_only_to_its_creator(client, author, reader, post_work):
    work = post_work(title="Hidden")
    Work.objects.filter(pk=work.pk).update(hidden_by_admin=True)
    client.force_login(reader)
    assert client.get(work.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(work.get_absolute_url()).status_code == 200


def test_work_page_shows_everything_a_reader_expects(client, post_work):
    work = post_work(
        title="Tide",
        summary="The sea returns.",
        notes_begin="Hello readers",
        notes_end="Goodbye readers",
        chapters=("The water came in slowly.",),
        expected_chapters=1,
        language="fr",
    )
    page = client.get(work.get_absolute_url()).content.decode()
    for text in (
        "Tide",
        'by <a rel="author"',
        "The sea returns.",
        "Hello readers",
        "Goodbye readers",
        "The water came in slowly.",
        "Français",
        "<dt>Words</dt><dd>5",
        "1/1",
        "Complete",
        "Published",
    ):
        assert text in page


def test_notes_can_be_hidden(client, post_work):
    work = post_work(notes_begin="Hello readers", notes_end="Goodbye readers")
    page = client.get(work.get_absolute_url() + "?hide_notes=1").content.decode()
    assert "Hello readers" not in page and "Goodbye readers" not in page
    assert "Show author's notes" in page


def test_chapter_by_chapter_with_previous_and_next(client, post_work):
    work = post_work(chapters=("Alpha text.", "Beta text.", "Gamma text."))
    first = client.get(work.get_absolute_url()).content.decode()
    assert "Alpha text." in first and "Beta text." not in first and "Entire work" in first
    middle = client.get(reverse("works:chapter", args=[work.pk, 2])).content.decode()
    assert "Beta text." in middle and "Previous chapter" in middle and "Next chapter" in middle
    assert client.get(reverse("works:chapter", args=[work.pk, 9])).status_code == 404
    full = client.get(work.get_absolute_url() + "?view_full_work=1").content.decode()
    assert all(t in full for t in ("Alpha text.", "Beta text.", "Gamma text."))


def test_work_page_queries_do_not_grow_with_chapters(client, post_work):
    counts = []
    for chapters in (1, 30):
        work = post_work(chapters=[f"Chapter text {n}." for n in range(chapters)])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(work.get_absolute_url() + "?view_full_work=1")
        assert response.content.decode().count('class="userstuff"') == chapters
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 15


def test_page_landmarks_and_skip_link(client, post_work):
    work = post_work()
    page = client.get(work.get_absolute_url()).content.decode()
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page and "<header" in page and "<nav" in page
    assert page.count("<h1") == 1


def test_profile_lists_pseuds_and_works_and_drafts_only_to_their_creator(
    client, author, reader, post_work
):
    pseud_create(user=author, name="Quill", description="Short <b>stories</b>.")
    post_work(title="Profiled")
    post_work(title="Unfinished", post=False)
    profile = reverse("accounts:profile", args=["author"])
    client.force_login(reader)
    page = client.get(profile).content.decode()
    assert "Profiled" in page and "Quill" in page and "Short &lt;b&gt;stories&lt;/b&gt;." in page
    assert "Unfinished" not in page
    client.force_login(author)
    assert "Unfinished" in client.get(profile).content.decode()


def test_missing_chapter_is_not_a_hit(client, post_work):
    work = post_work(chapters=("Alpha.", "Beta."))
    assert client.get(reverse("works:chapter", args=[work.pk, 9])).status_code == 404
    work.refresh_from_db()
    assert work.hits == 0


def _listing_url(page: str) -> str:
    return (
        reverse("works:front") if page == "front" else reverse("accounts:profile", args=["author"])
    )


def _query_count(client, url) -> int:
    client.get(url)  # search catches up with the works just indexed (not counted)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["front", "profile"])
def test_listing_queries_do_not_grow_with_works(client, author, post_work, page):
    co_author = pseud_create(user=author, name="Second Pen")
    url = _listing_url(page)
    post_work(title="Work 0")
    one = _query_count(client, url)
    for n in range(1, 8):
        post_work(title=f"Work {n}", pseuds=[author.default_pseud, co_author])
    many = _query_count(client, url)
    assert "Work 7" in client.get(url).content.decode()
    assert one == many


def _heading_levels(page: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]


@pytest.mark.parametrize("page", ["front", "profile"])
def test_listing_headings_go_down_one_level_at_a_time(client, author, post_work, page):
    post_work(title="Listed")
    levels = _heading_levels(client.get(_listing_url(page)).content.decode())
    assert levels[0] == 1 and 3 in levels
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_profile_is_paginated(client, author, post_work, settings):
    settings.FANSHELF_WORKS_PER_PAGE = 2
    for n in range(3):
        post_work(title=f"Paged {n}")
    profile = reverse("accounts:profile", args=["author"])
    first = client.get(profile + f"?pseud={author.default_pseud.pk}").content.decode()
    assert first.count('class="blurb"') == 2
    assert f"?pseud={author.default_pseud.pk}&amp;page=2" in first
    assert client.get(profile + "?page=2").content.decode().count('class="blurb"') == 1
