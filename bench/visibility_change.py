"""What it costs the admin's request to take a work out of listings at once: hiding (or
restricting) a work updates its index entry and the kept tag counts in the same transaction.
Compared with re-indexing the whole work, which the worker still does afterwards.

    nice .venv/bin/python bench/visibility_change.py [--tags 40] [--words 200000] [--rounds 20]
        [--database-url postgres://...]

Prints JSON (milliseconds, median of the rounds). Uses a fresh SQLite archive in a temporary
folder unless --database-url is given (then its test copy, created and dropped here)."""

import argparse
import json
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tags", type=int, default=40)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    os.environ.setdefault("FANSHELF_HOME", tempfile.mkdtemp(prefix="fanshelf-bench-"))
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanshelf.settings"
    import django

    django.setup()
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(json.dumps(run(args, connection), indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _timed(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def run(args, connection) -> dict:
    from django.db import transaction

    from fanshelf.accounts.services import user_signup
    from fanshelf.search.services import index_works
    from fanshelf.tags.services import work_set_tags
    from fanshelf.works import services
    from fanshelf.works.models import Work

    author = user_signup(username="bench", email="bench@example.invalid", password="bench pass 42")
    paragraph = " ".join(["the keeper told old stories of ships and storms"] * 6)
    chapters = [
        services.ChapterInput(text="\n\n".join([paragraph] * (args.words // 480)))
        for _ in range(10)
    ]
    work = services.work_create(
        pseuds=[author.default_pseud], title="Bench", text_format="plain", chapters=chapters
    )
    work_set_tags(
        work=work,
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Original Work"],
        freeforms=[f"Bench tag {n}" for n in range(args.tags)],
    )
    index_works(work_ids=[work.pk])

    def hide_and_unhide():
        with transaction.atomic():
            services.work_hide(work=Work.objects.get(pk=work.pk))
        with transaction.atomic():
            services.work_unhide(work=Work.objects.get(pk=work.pk))

    def reindex_twice():
        index_works(work_ids=[work.pk])
        index_works(work_ids=[work.pk])

    return {
        "engine": connection.vendor,
        "words": Work.objects.get(pk=work.pk).word_count,
        "filter_tags": args.tags,
        "hide_then_unhide_ms": _timed(hide_and_unhide, args.rounds),
        "full_reindex_twice_ms": _timed(reindex_twice, max(3, args.rounds // 4)),
    }


if __name__ == "__main__":
    main()
