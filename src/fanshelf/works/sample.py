"""The sample library that `fanshelf demo` loads: original stories written for Fanshelf."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from fanshelf.accounts import services as account_services
from fanshelf.accounts.models import Pseud, User
from fanshelf.analysis.packfile import bundled_pack_paths, read_pack
from fanshelf.tags import services as tag_services
from fanshelf.tags.models import WRANGLERS_GROUP
from fanshelf.tags.pack_loading import pack_load

from . import services
from .models import Chapter, Work
from .text_import import parse_upload

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample"
DEMO_LOGIN = ("demo", "fanshelf-demo")
# Every sample author shares the demo password: it's a demo.
_SAMPLE_PASSWORD = DEMO_LOGIN[1]
SAMPLE_TAG_LISTS = ("warnings", "categories", "fandoms", "characters", "relationships", "freeforms")


def read_manifest(sample_dir: Path = SAMPLE_DIR) -> dict:
    return tomllib.loads((sample_dir / "library.toml").read_text(encoding="utf-8"))


@transaction.atomic
def load_sample_library(sample_dir: Path = SAMPLE_DIR) -> int:
    """Create the sample authors and post their works; returns the number of works created,
    0 when the library is already there."""
    manifest = read_manifest(sample_dir)
    # The fandom packs first (idempotent, so a newer pack updates an existing demo archive):
    # the sample works use their canonical tags.
    for path in bundled_pack_paths():
        pack_load(pack=read_pack(path))
    if User.objects.filter(username=DEMO_LOGIN[0]).exists():
        _make_the_demo_account_a_wrangler()  # also in a demo archive made before it was one
        return 0
    pseuds: dict[str, Pseud] = {}
    for author in manifest["authors"]:
        user = account_services.user_signup(
            username=author["username"], email=author["email"], password=_SAMPLE_PASSWORD
        )
        pseuds[user.username] = user.default_pseud
        for name in author.get("pseuds", [])[1:]:
            pseuds[name] = account_services.pseud_create(user=user, name=name)
    for entry in manifest["works"]:
        path = sample_dir / entry["file"]
        imported = parse_upload(path.read_bytes(), path.name)
        work = services.work_create(
            pseuds=[pseuds[entry["pseud"]]],
            title=entry["title"],
            summary=entry.get("summary", ""),
            text_format=imported.text_format,
            notes_begin=imported.notes_begin,
            notes_end=imported.notes_end,
            chapters=[services.ChapterInput(**vars(c)) for c in imported.chapters],
            language=entry.get("language", "en"),
            expected_chapters=len(imported.chapters),
            published_on=datetime.date.fromisoformat(str(entry["published_on"])),
            restricted=entry.get("restricted", False),
        )
        tag_services.work_set_tags(
            work=work,
            rating=entry.get("rating"),
            **{key: entry.get(key, []) for key in SAMPLE_TAG_LISTS},
        )
        _date_like_a_real_work(work, published_on=work.published_on)
    _make_the_demo_account_a_wrangler()
    return len(manifest["works"])


def _make_the_demo_account_a_wrangler() -> None:
    """The README sends the demo account to the wrangling pages."""
    Group.objects.get(name=WRANGLERS_GROUP).user_set.add(User.objects.get(username=DEMO_LOGIN[0]))


def _date_like_a_real_work(work: Work, *, published_on: datetime.date) -> None:
    """Chapters a week apart from the publication date, posted in the evening, so the demo's
    "Updated" dates and feed times read like a real archive's, not the day it was loaded."""
    today = timezone.localdate()
    evening = datetime.time(18 + work.pk % 4, (work.pk * 37) % 60, tzinfo=datetime.UTC)
    last = published_on
    for chapter in work.chapters.order_by("position"):
        last = min(published_on + datetime.timedelta(weeks=chapter.position - 1), today)
        Chapter.objects.filter(pk=chapter.pk).update(published_on=last)
    Work.objects.filter(pk=work.pk).update(
        created_at=datetime.datetime.combine(published_on, evening),
        revised_at=datetime.datetime.combine(last, evening),
    )
