"""The reading buffer in Redis (REDIS_URL set): runs when a Redis server is given in
FANSHELF_TEST_REDIS_URL or REDIS_URL, e.g. redis://127.0.0.1:6379/5."""

import os

import pytest
from django.utils import timezone

from fanshelf.library import buffer
from fanshelf.library.models import AppliedReadingBatch, Reading
from fanshelf.library.reading_services import flush_reading

REDIS_URL = os.environ.get("FANSHELF_TEST_REDIS_URL") or os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set FANSHELF_TEST_REDIS_URL")


@pytest.fixture
def redis_buffer(settings):
    settings.REDIS_URL = REDIS_URL
    buffer._redis_client = None
    client = buffer._redis()
    client.delete(buffer.REDIS_KEY, *client.scan_iter(match=buffer.REDIS_FLUSHING + "*"))
    yield client
    client.delete(buffer.REDIS_KEY, *client.scan_iter(match=buffer.REDIS_FLUSHING + "*"))
    buffer._redis_client = None


def test_views_pass_through_redis_into_the_history(
    redis_buffer, reader, post_work, django_capture_on_commit_callbacks
):
    work = post_work(chapters=2)
    for position in (1, 2, 2):
        buffer.push(buffer.Event(reader.pk, work.pk, position, None, timezone.now()))
    with django_capture_on_commit_callbacks(execute=True):
        assert flush_reading() == 3
    assert Reading.objects.get().views == 3
    assert buffer.pending() == 0


def test_a_view_of_the_works_page_keeps_the_place_through_redis(
    redis_buffer, reader, post_work, django_capture_on_commit_callbacks
):
    work = post_work(chapters=2)
    buffer.push(buffer.Event(reader.pk, work.pk, 2, 9, timezone.now()))
    buffer.push(buffer.Event(reader.pk, work.pk, 1, None, timezone.now(), landing=True))
    redis_buffer.rpush(
        buffer.REDIS_KEY, f'[{reader.pk}, {work.pk}, 2, null, "{timezone.now().isoformat()}"]'
    )
    with django_capture_on_commit_callbacks(execute=True):  # the last: queued by an older server
        assert flush_reading() == 3
    reading = Reading.objects.get()
    assert (reading.chapter_position, reading.paragraph, reading.views) == (2, 9, 2)


def test_a_list_left_by_a_crashed_flush_is_applied_by_the_next(
    redis_buffer, reader, post_work, django_capture_on_commit_callbacks
):
    work = post_work()
    buffer.push(buffer.Event(reader.pk, work.pk, 1, None, timezone.now()))
    redis_buffer.rename(buffer.REDIS_KEY, buffer.REDIS_FLUSHING + "crashed")  # taken, never applied
    buffer.push(buffer.Event(reader.pk, work.pk, 1, 7, timezone.now()))
    for _ in range(2):  # each flush commits (and forgets its list) before the next
        with django_capture_on_commit_callbacks(execute=True):
            flush_reading()
    reading = Reading.objects.get()
    assert reading.views == 1 and reading.paragraph == 7 and buffer.pending() == 0


def test_a_flush_that_dies_after_committing_is_not_applied_again(
    redis_buffer, reader, post_work, monkeypatch, django_capture_on_commit_callbacks
):
    """The process dies between the database commit and forgetting the Redis list: the next
    flush finds the list again and must know it was already applied."""
    work = post_work()
    buffer.push(buffer.Event(reader.pk, work.pk, 1, None, timezone.now()))

    def crash(*keys):
        raise ConnectionError("the worker died here")

    with monkeypatch.context() as patch:
        patch.setattr(redis_buffer, "delete", crash)
        with pytest.raises(ConnectionError), django_capture_on_commit_callbacks(execute=True):
            flush_reading()
    assert Reading.objects.get().views == 1  # committed before the crash
    buffer.push(buffer.Event(reader.pk, work.pk, 1, 4, timezone.now()))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            flush_reading()
    reading = Reading.objects.get()
    assert reading.views == 1 and reading.paragraph == 4
    assert buffer.pending() == 0
    assert not AppliedReadingBatch.objects.exists()  # the records go with their batches


def test_a_record_whose_batch_is_gone_is_cleared_by_the_next_flush(redis_buffer, db):
    AppliedReadingBatch.objects.create(batch_id="deleted-before-its-record")
    flush_reading()
    assert not AppliedReadingBatch.objects.exists()
