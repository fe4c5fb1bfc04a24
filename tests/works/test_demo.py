import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from fanshelf.accounts.models import User
from fanshelf.works.models import Work
from fanshelf.works.sample import DEMO_LOGIN, read_manifest

pytestmark = pytest.mark.django_db


def test_demo_sets_up_a_sample_library_once(client, capsys):
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    manifest = read_manifest()
    assert f"Loaded the sample library: {len(manifest['works'])} works." in out
    assert f"Log in as {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]}" in out
    assert Work.objects.filter(posted=True).count() == len(manifest["works"])
    assert Work.objects.filter(chapter_count__gt=1).exists()
    assert Work.objects.exclude(notes_begin="").exclude(notes_end="").exists()
    assert Work.objects.filter(restricted=True).count() == 1
    assert client.login(username=DEMO_LOGIN[0], password=DEMO_LOGIN[1])
    call_command("demo", no_serve=True)
    assert "already loaded" in capsys.readouterr().out
    assert Work.objects.count() == len(manifest["works"])


def test_the_demo_account_can_open_the_wrangling_pages(client):
    call_command("demo", no_serve=True)
    client.login(username=DEMO_LOGIN[0], password=DEMO_LOGIN[1])
    assert client.get("/tags/wrangle/").status_code == 200


def test_a_demo_archive_made_before_the_demo_account_wrangled_is_brought_up_to_date(client):
    call_command("demo", no_serve=True)
    demo = User.objects.get(username=DEMO_LOGIN[0])
    demo.groups.clear()
    call_command("demo", no_serve=True)
    client.login(username=DEMO_LOGIN[0], password=DEMO_LOGIN[1])
    assert client.get("/tags/wrangle/").status_code == 200


def test_sample_works_carry_their_own_dates_not_the_day_they_were_loaded(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", no_serve=True)
    today = timezone.localdate()
    for work in Work.objects.all():
        assert work.revised_at.date() >= work.published_on
        assert work.revised_at.date() < today
        assert work.created_at.date() == work.published_on
        last_chapter = work.chapters.order_by("position").last()
        assert last_chapter.published_on == work.revised_at.date()
    assert (
        Work.objects.filter(chapter_count__gt=1)
        .exclude(revised_at__date=F("published_on"))
        .exists()
    ), "a multi-chapter work was updated after it was first posted"
    feed = client.get("/tags/Doctor%20Who/feed.atom").content.decode()
    assert feed.count("<entry>") >= 2
    assert f"<updated>{today.isoformat()}" not in feed
    assert f"<published>{today.isoformat()}" not in feed
