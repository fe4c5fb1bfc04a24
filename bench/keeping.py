"""Keeping under load, for bench/respond.py: logged-in readers bookmark and unbookmark works and
report the paragraph they reached, while every work page they read is a history view. The
checks: every bookmark the server confirmed is stored exactly once and counted on its work;
after the reading flush (the periodic job, run once more here), each reader's views of each
work equal the pages the server served them, nothing is left in the buffer, and each reader's
place in each work is the one their own pages and reports, in order, leave it at (a chapter
they chose moves it, the work's own page keeps a place already reached, a report sets it)."""

import random
import re
import threading
from collections import Counter

BOOKMARK_URL = re.compile(r"^/bookmarks/(\d+)/$")


class Shelf:
    """What the server confirmed: bookmarks kept (user, work) -> bookmark id."""

    def __init__(self):
        self.lock = threading.Lock()
        self.bookmarks: dict[tuple[str, int], int] = {}
        # (user, work) -> (chapter, paragraph) the history should hold once flushed
        self.places: dict[tuple[str, int], tuple[int, int]] = {}


SHELF = Shelf()


def bookmark(actor, world, ledger):
    if not actor.username:
        return  # guests keep nothing
    work_id = random.choice(list(world.works))
    key = (actor.username, work_id)
    with SHELF.lock:
        kept = SHELF.bookmarks.get(key)
    if kept is None:
        form = {"notes": "Kept for a rainy day.", "tags": "rainy day, reread", "rec": "on",
                "text_format": "plain"}  # fmt: skip
        status, location, _ = actor.session.post("bookmark", f"/works/{work_id}/bookmark/", form)
        found = BOOKMARK_URL.match(location)
        if status != 302 or not found:
            actor.session.timings.error(f"bookmark {work_id}: HTTP {status} to {location!r}")
            return
        with SHELF.lock:
            SHELF.bookmarks[key] = int(found.group(1))
    else:
        status, _, _ = actor.session.post("unbookmark", f"/bookmarks/{kept}/delete/", {})
        if status != 302:
            actor.session.timings.error(f"delete bookmark {kept}: HTTP {status}")
            return
        with SHELF.lock:
            del SHELF.bookmarks[key]


def viewed(username: str, work_id: int, chapter: int, *, chosen: bool) -> None:
    """A page the server served a logged-in reader: a chapter they chose, or the work's own
    page (its first chapter), which leaves a place already reached where it was."""
    key = (username, work_id)
    with SHELF.lock:
        place = SHELF.places.get(key)
        if place is None or (chosen and place[0] != chapter):
            SHELF.places[key] = (chapter, 0)


def report_position(actor, world, ledger):
    if not actor.username:
        return
    work_id = random.choice(list(world.works))
    place = {"work": work_id, "chapter": random.randint(1, world.works[work_id]),
             "paragraph": random.randint(1, 12)}  # fmt: skip
    status, _, _ = actor.session.post("position", "/reading/position/", place)
    if status != 204:
        actor.session.timings.error(f"position {place}: HTTP {status}")
        return
    with SHELF.lock:
        SHELF.places[(actor.username, work_id)] = (place["chapter"], place["paragraph"])


def check_bookmarks(ledger) -> dict:
    from django.db.models import Count, Q

    from fanshelf.library.models import Bookmark
    from fanshelf.works.models import Work

    told = set(SHELF.bookmarks)
    stored = Counter(Bookmark.objects.values_list("user__username", "work_id"))
    per_work = Counter(work for _, work in told)
    works = Work.objects.annotate(public=Count("bookmarks", filter=Q(bookmarks__private=False)))
    wrong = [w.pk for w in works if not w.bookmark_count == w.public == per_work[w.pk]]
    lost = told - set(stored)
    unexpected = set(stored) - told
    doubled = [key for key, n in stored.items() if n > 1]
    return {
        "ok": not (lost or unexpected or doubled or wrong),
        "kept": len(told),
        "stored": sum(stored.values()),
        "lost": len(lost),
        "unexpected": len(unexpected),
        "works_with_wrong_bookmark_count": len(wrong),
    }


def check_history(ledger) -> dict:
    from fanshelf.library import buffer
    from fanshelf.library.models import Reading
    from fanshelf.library.reading_services import flush_reading

    flush_reading()
    served = Counter(ledger.reads)
    history = Counter(
        {(user, work): views
         for user, work, views in Reading.objects.values_list("user__username", "work_id", "views")
         if views}
    )  # fmt: skip
    return {
        "ok": served == history and buffer.pending() == 0,
        "pages_served_to_logged_in_readers": sum(served.values()),
        "views_in_histories": sum(history.values()),
        "reader_work_pairs_wrong": len(set(served) ^ set(history))
        + sum(1 for pair in set(served) & set(history) if served[pair] != history[pair]),
        "left_in_buffer": buffer.pending(),
    }


def check_positions(ledger) -> dict:
    from fanshelf.library.models import Reading
    from fanshelf.library.reading_services import flush_reading

    flush_reading()
    stored = {
        (user, work): (chapter, paragraph)
        for user, work, chapter, paragraph in Reading.objects.values_list(
            "user__username", "work_id", "chapter_position", "paragraph"
        )
    }
    wrong = [key for key, place in SHELF.places.items() if stored.get(key) != place]
    return {
        "ok": not wrong,
        "reader_work_places": len(SHELF.places),
        "places_wrong": len(wrong),
    }
