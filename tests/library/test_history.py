import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fanshelf.library import reading_services as services
from fanshelf.library.models import Reading, ReadingEvent
from fanshelf.library.reading_selectors import history
from fanshelf.search.services import index_works
from fanshelf.works.models import Work
from fanshelf.works.services import ChapterInput, chapter_add


def _read(client, work, position=None):
    url = (
        reverse("works:chapter", args=[work.pk, position]) if position else work.get_absolute_url()
    )
    assert client.get(url).status_code == 200


def test_reading_only_buffers_and_the_flush_writes_the_history(client, reader, post_work):
    work = post_work(chapters=3)
    client.force_login(reader)
    _read(client, work, 1)
    _read(client, work, 2)
    assert not Reading.objects.exists()  # the reader never waited on a history write
    assert ReadingEvent.objects.count() == 2
    assert services.flush_reading() == 2
    reading = Reading.objects.get(user=reader, work=work)
    assert reading.views == 2 and reading.chapter_position == 2
    assert not ReadingEvent.objects.exists()
    assert services.flush_reading() == 0  # a second run changes nothing
    reading.refresh_from_db()
    assert reading.views == 2


def test_the_history_page_marks_works_updated_since_they_were_read(client, reader, post_work):
    work = post_work("Ongoing", chapters=2)
    client.force_login(reader)
    _read(client, work, 2)
    services.flush_reading()
    page = client.get(reverse("library:history")).content.decode()
    assert "Ongoing" in page and "Updated since you read it" not in page
    assert "last chapter read: 2" in page
    Reading.objects.update(last_read_at=timezone.now() - datetime.timedelta(days=1))
    chapter_add(work=work, chapter=ChapterInput(text="More."), text_format="plain")
    page = client.get(reverse("library:history")).content.decode()
    assert "Updated since you read it" in page


def test_a_creator_reading_their_own_work_makes_no_history(client, author, post_work):
    work = post_work()
    client.force_login(author)
    _read(client, work)
    assert not ReadingEvent.objects.exists()


def test_with_history_turned_off_nothing_is_recorded(client, reader, post_work):
    work = post_work()
    services.preferences_update(user=reader, history_enabled=False, subscription_email="daily")
    client.force_login(reader)
    _read(client, work)
    services.flush_reading()
    assert not Reading.objects.exists()


def test_clearing_one_entry_or_all_also_drops_reading_still_in_the_buffer(
    client, reader, post_work
):
    first, second = post_work("First"), post_work("Second")
    client.force_login(reader)
    _read(client, first)
    _read(client, second)
    services.flush_reading()
    _read(client, first)  # still buffered when the reader clears the entry
    client.post(reverse("library:history_clear"), {"work": first.pk})
    services.flush_reading()
    assert [r.work.title for r in history(user=reader)] == ["Second"]
    _read(client, second)
    client.post(reverse("library:history_clear"))
    services.flush_reading()
    assert not history(user=reader).exists()


def test_clearing_history_keeps_marked_for_later(reader, post_work):
    work = post_work()
    services.mark_for_later(user=reader, work=work)
    services.record_view(user=reader, work_id=work.pk, chapter_position=1)
    services.flush_reading()
    services.history_clear(user=reader)
    reading = Reading.objects.get(user=reader, work=work)
    assert reading.marked_for_later and reading.last_read_at is None


def test_buffered_reading_of_a_work_that_became_a_draft_is_dropped(reader, post_work):
    work = post_work()
    services.record_view(user=reader, work_id=work.pk, chapter_position=1)
    Work.objects.filter(pk=work.pk).update(posted=False)
    services.flush_reading()
    assert not Reading.objects.exists()


def test_mark_for_later_from_the_work_page_and_the_list(client, reader, post_work):
    work = post_work("Later")
    client.force_login(reader)
    page = client.post(
        reverse("library:mark_for_later", args=[work.pk]), {"marked": "1"}, follow=True
    ).content.decode()
    assert "Marked for later." in page and "Remove from Marked for later" in page
    assert "Later" in client.get(reverse("library:later")).content.decode()
    client.post(reverse("library:mark_for_later", args=[work.pk]), {"marked": "0"})
    assert "Later" not in client.get(reverse("library:later")).content.decode()


def test_a_reader_cannot_mark_a_draft_they_cannot_see(client, reader, post_work):
    draft = post_work(post=False)
    client.force_login(reader)
    assert client.post(reverse("library:mark_for_later", args=[draft.pk])).status_code == 404


def test_the_position_is_remembered_and_continue_reading_opens_there(client, reader, post_work):
    work = post_work("Long", chapters=3)
    client.force_login(reader)
    _read(client, work, 3)
    response = client.post(
        reverse("library:position"), {"work": work.pk, "chapter": 3, "paragraph": 4}
    )
    assert response.status_code == 204
    services.flush_reading()
    link = f"/works/{work.pk}/chapters/3/#chapter-3-paragraph-4"
    assert link in client.get(work.get_absolute_url()).content.decode()
    assert link in client.get(reverse("library:history")).content.decode()
    assert link in client.get(reverse("works:front")).content.decode()


def test_opening_a_new_chapter_moves_the_position_to_its_top(reader, post_work):
    work = post_work(chapters=2)
    services.record_position(user=reader, work_id=work.pk, chapter_position=1, paragraph=5)
    services.flush_reading()
    services.record_view(user=reader, work_id=work.pk, chapter_position=2)
    services.flush_reading()
    reading = Reading.objects.get()
    assert (reading.chapter_position, reading.paragraph) == (2, 0)


def test_opening_the_works_page_keeps_the_place_reached_in_a_later_chapter(
    client, reader, post_work
):
    work = post_work("Long", chapters=3)
    services.record_position(user=reader, work_id=work.pk, chapter_position=3, paragraph=4)
    services.flush_reading()
    client.force_login(reader)
    _read(client, work)  # the work's page (its first chapter), say on another device
    assert client.get(work.get_absolute_url() + "?view_full_work=1").status_code == 200
    services.flush_reading()
    reading = Reading.objects.get()
    assert (reading.chapter_position, reading.paragraph, reading.views) == (3, 4, 2)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Continue reading at chapter 3, paragraph 4" in page
    _read(client, work, 1)  # choosing a chapter moves the place there
    services.flush_reading()
    reading.refresh_from_db()
    assert (reading.chapter_position, reading.paragraph) == (1, 0)


def test_a_first_visit_to_the_works_page_starts_the_place_at_its_first_chapter(
    client, reader, post_work
):
    work = post_work("Long", chapters=2)
    client.force_login(reader)
    _read(client, work)
    services.flush_reading()
    reading = Reading.objects.get()
    assert (reading.chapter_position, reading.paragraph, reading.views) == (1, 0, 1)


def test_a_bad_position_is_refused_with_a_message(client, reader):
    client.force_login(reader)
    response = client.post(reverse("library:position"), {"work": 1, "chapter": 0})
    assert response.status_code == 400 and b"isn't a place" in response.content


def test_history_and_shelf_pages_need_a_login_and_show_only_ones_own(
    client, reader, make_user, post_work
):
    work = post_work("Private reading")
    services.record_view(user=reader, work_id=work.pk, chapter_position=1)
    services.mark_for_later(user=reader, work=work)
    services.flush_reading()
    for name in ("history", "later", "subscriptions", "preferences"):
        assert client.get(reverse(f"library:{name}")).status_code == 302
    client.force_login(make_user("snoop"))
    for name in ("history", "later"):
        assert "Private reading" not in client.get(reverse(f"library:{name}")).content.decode()
    assert "Continue reading" not in client.get(work.get_absolute_url()).content.decode()


@pytest.mark.parametrize("work_id", ["0", "9223372036854775808", "9" * 25])
def test_a_position_in_a_work_that_cannot_exist_is_refused_not_buffered(client, reader, work_id):
    client.force_login(reader)
    response = client.post(
        reverse("library:position"), {"work": work_id, "chapter": 1, "paragraph": 1}
    )
    assert response.status_code == 400 and b"isn't a place" in response.content
    assert not ReadingEvent.objects.exists()


@pytest.mark.parametrize("paragraph", [-1, 2_000_000])
def test_positions_out_of_range_are_refused(reader, paragraph):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.record_position(user=reader, work_id=1, chapter_position=1, paragraph=paragraph)


def test_mark_for_later_from_a_blurb_returns_to_the_listing(client, reader, post_work):
    work = post_work("From the front page")
    index_works(work_ids=[work.pk])  # the job that runs once the post commits
    client.force_login(reader)
    front = client.get(reverse("works:front")).content.decode()
    assert reverse("library:mark_for_later", args=[work.pk]) in front
    response = client.post(
        reverse("library:mark_for_later", args=[work.pk]), {"marked": "1", "next": "/"}
    )
    assert response.url == "/"
    assert "From the front page" in client.get(reverse("library:later")).content.decode()


def test_a_posted_work_without_a_posted_chapter_opens_and_records_nothing(
    client, reader, post_work
):
    work = post_work(post=False)
    Work.objects.filter(pk=work.pk).update(posted=True)  # chapters still drafts
    client.force_login(reader)
    assert client.get(work.get_absolute_url()).status_code == 200
    assert not ReadingEvent.objects.exists()
