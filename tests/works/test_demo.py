import pytest
from django.core.management import call_command

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
