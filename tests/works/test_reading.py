import pytest
from django.urls import reverse

from fanshelf.works.models import Work

pytestmark = pytest.mark.django_db


def test_restricted_work_hidden_from_guests(client, reader, post_work):
    work = post_work(title="Members Only", restricted=True)
    assert client.get(work.get_absolute_url()).status_code == 404
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
    assert "Show author&#x27;s notes" in page or "Show author's notes" in page


def test_chapter_by_chapter_with_previous_and_next(client, post_work):
    work = post_work(chapters=("Alpha text.", "Beta text.", "Gamma text."))
    first = client.get(work.get_absolute_url()).content.decode()
    assert "Alpha text." in first and "Beta text." not in first and "Entire work" in first
    middle = client.get(reverse("works:chapter", args=[work.pk, 2])).content.decode()
    assert "Beta text." in middle and "Previous chapter" in middle and "Next chapter" in middle
    assert client.get(reverse("works:chapter", args=[work.pk, 9])).status_code == 404
    full = client.get(work.get_absolute_url() + "?view_full_work=1").content.decode()
    assert all(t in full for t in ("Alpha text.", "Beta text.", "Gamma text."))


def test_hits_count_guest_reads_not_the_creators(client, author, post_work):
    work = post_work()
    client.get(work.get_absolute_url())
    client.get(work.get_absolute_url())
    client.force_login(author)
    client.get(work.get_absolute_url())
    work.refresh_from_db()
    assert work.hits == 2


def test_work_page_queries_do_not_grow_with_chapters(client, post_work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

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


def test_profile_lists_pseuds_and_works(client, author, post_work):
    post_work(title="Profiled")
    page = client.get(reverse("accounts:profile", args=["author"])).content.decode()
    assert "Profiled" in page and "author" in page
