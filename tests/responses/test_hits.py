import datetime

import pytest
import redis
from django.test import Client

from fanshelf.responses import hits
from fanshelf.responses.models import DailyHits, HitVisit

pytestmark = pytest.mark.django_db

TEST_REDIS = "redis://127.0.0.1:6379/4"


@pytest.fixture(autouse=True)
def own_redis_keys(monkeypatch):
    """Keys of their own, so a benchmark or server sharing the Redis database is left alone."""
    monkeypatch.setattr(hits, "PREFIX", "fanshelf-test:hits:")
    monkeypatch.setattr(hits, "PENDING", "fanshelf-test:hits:pending")


@pytest.fixture(params=["table", "redis"])
def buffer(request, settings):
    """Each test runs with the database buffer and with the Redis one."""
    if request.param == "redis":
        client = redis.Redis.from_url(TEST_REDIS)
        try:
            client.ping()
        except redis.ConnectionError:
            pytest.skip("no Redis at " + TEST_REDIS)
        for key in client.scan_iter(match=f"{hits.PREFIX}*"):
            client.delete(key)
        settings.REDIS_URL = TEST_REDIS
        yield request.param
        for key in client.scan_iter(match=f"{hits.PREFIX}*"):
            client.delete(key)
    else:
        settings.REDIS_URL = ""
        yield request.param


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def browser(**headers) -> Client:
    return Client(**{"HTTP_USER_AGENT": BROWSER, **headers})


def read(work, client=None, **headers):
    (client or browser(**headers)).get(work.get_absolute_url())


def hits_of(work) -> int:
    hits.flush_hits()
    work.refresh_from_db()
    return work.hits


def test_reloads_by_one_visitor_count_once_a_day(buffer, work):
    guest = browser(REMOTE_ADDR="203.0.113.1")
    for _ in range(3):
        read(work, guest)
    read(work, REMOTE_ADDR="203.0.113.2")
    assert hits_of(work) == 2


def test_reading_never_changes_the_count_until_the_flush(buffer, work):
    read(work, REMOTE_ADDR="203.0.113.1")
    work.refresh_from_db()
    assert work.hits == 0
    assert hits_of(work) == 1


def test_a_second_flush_adds_nothing(buffer, work):
    read(work, REMOTE_ADDR="203.0.113.1")
    assert hits_of(work) == 1
    assert hits.flush_hits() == 0
    assert hits_of(work) == 1


def test_creators_and_bots_never_count(buffer, work, as_author):
    read(work, as_author)
    read(work, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    read(work, HTTP_USER_AGENT="")
    assert hits_of(work) == 0
    read(work)
    assert hits_of(work) == 1


def test_a_logged_in_reader_counts_once_whatever_their_address(buffer, work, reader):
    for address in ("203.0.113.1", "203.0.113.2"):
        client = browser(REMOTE_ADDR=address)
        client.force_login(reader)
        read(work, client)
    assert hits_of(work) == 1


def test_chapters_count_toward_their_work(buffer, post_work):
    work = post_work(chapters=("One.", "Two."))
    guest = browser(REMOTE_ADDR="203.0.113.1")
    guest.get(work.get_absolute_url())
    guest.get(f"/works/{work.pk}/chapters/2/")
    read(work, REMOTE_ADDR="203.0.113.3")
    assert hits_of(work) == 2


def test_drafts_and_hidden_works_never_count(buffer, post_work, as_author):
    draft = post_work(post=False)
    read(draft, as_author)
    hidden = post_work(title="Hidden")
    read(hidden)
    hidden.hidden_by_admin = True
    hidden.save()
    hidden.refresh_from_db()
    reading = browser().get(hidden.get_absolute_url()).wsgi_request
    assert hits.counts_as_hit(hidden, reading) is False
    draft.is_creator = False  # as staff opening the draft would read it
    assert hits.counts_as_hit(draft, reading) is False
    assert hits_of(draft) == 0


def test_the_next_day_counts_again_and_daily_hits_are_kept(buffer, work, monkeypatch):
    guest = browser(REMOTE_ADDR="203.0.113.1")
    read(work, guest)
    tomorrow = hits.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(hits, "today", lambda: tomorrow)
    read(work, guest)
    assert hits_of(work) == 2
    assert sorted(DailyHits.objects.values_list("hits", flat=True)) == [1, 1]


def test_the_day_boundary_follows_the_named_time_zone(settings, monkeypatch):
    from django.utils import timezone

    late = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    settings.FANSHELF_HITS_TIME_ZONE = "UTC"
    assert hits.today() == datetime.date(2026, 3, 1)
    settings.FANSHELF_HITS_TIME_ZONE = "Europe/Berlin"
    assert hits.today() == datetime.date(2026, 3, 2)


def test_a_redis_batch_left_by_a_crashed_flush_is_added_once(settings, work):
    settings.REDIS_URL = TEST_REDIS
    client = redis.Redis.from_url(TEST_REDIS)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis")
    key = f"{hits.PREFIX}flushing:crashed"
    client.hset(key, f"{work.pk}:{hits.today().isoformat()}", 3)
    try:
        assert hits_of(work) == 3
        client.hset(key, f"{work.pk}:{hits.today().isoformat()}", 3)  # as if never deleted
        assert hits_of(work) == 3
    finally:
        client.delete(key)


def test_old_buffer_rows_are_cleared(work, settings):
    settings.REDIS_URL = ""
    old = hits.today() - datetime.timedelta(days=3)
    HitVisit.objects.create(work=work, visitor="g1", day=old)
    hits.flush_hits()
    assert not HitVisit.objects.exists()
    work.refresh_from_db()
    assert work.hits == 1


def test_a_reading_that_commits_while_the_table_is_flushed_counts_at_the_next_flush(
    work, settings, monkeypatch
):
    settings.REDIS_URL = ""
    day = hits.today()
    HitVisit.objects.create(pk=1000, work=work, visitor="g-first", day=day)
    add = hits._add

    def add_while_a_slower_reading_commits(counts):
        add(counts)
        # Its row number was taken before the flush began; it becomes visible only now.
        HitVisit.objects.create(pk=500, work=work, visitor="g-slower", day=day)

    monkeypatch.setattr(hits, "_add", add_while_a_slower_reading_commits)
    assert hits.flush_hits() == 1
    monkeypatch.setattr(hits, "_add", add)
    assert hits_of(work) == 2
