"""Server time to render a 5,000-word work page, and SQL queries per page by chapter count.

    .venv/bin/python bench/work_page.py [--requests 300] [--database-url postgres://...]

Prints JSON. Uses a fresh SQLite archive in a temporary folder unless --database-url is given
(then it uses that database's test copy, created and dropped here)."""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    os.environ.setdefault("FANSHELF_HOME", tempfile.mkdtemp(prefix="fanshelf-bench-"))
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanshelf.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(json.dumps(run(args, CaptureQueriesContext, connection), indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _story(words: int, chapters: int) -> list[str]:
    vocabulary = [
        "the",
        "tide",
        "came",
        "over",
        "grey",
        "stones",
        "while",
        "the",
        "keeper",
        "told",
        "old",
        "stories",
        "of",
        "ships",
        "and",
        "storms",
    ]
    per_chapter = words // chapters
    texts = []
    for chapter in range(chapters):
        words_out = [vocabulary[(chapter * 7 + i) % len(vocabulary)] for i in range(per_chapter)]
        paragraphs = [" ".join(words_out[i : i + 60]) + "." for i in range(0, per_chapter, 60)]
        texts.append("\n\n".join(paragraphs))
    return texts


def run(args, CaptureQueriesContext, connection) -> dict:
    from django.db import reset_queries
    from django.test import Client

    from fanshelf.accounts.services import user_signup
    from fanshelf.works import services

    author = user_signup(username="bench", email="bench@example.invalid", password="bench pass 42")
    client = Client()
    results = {
        "engine": connection.vendor,
        "words": args.words,
        "requests": args.requests,
        "pages": [],
    }
    for chapters in (1, 10, 50):
        work = services.work_create(
            pseuds=[author.default_pseud],
            title=f"Bench {chapters}",
            text_format="plain",
            chapters=[services.ChapterInput(text=t) for t in _story(args.words, chapters)],
            notes_begin="Notes before.",
            notes_end="Notes after.",
            summary="A summary.",
        )
        url = f"/works/{work.pk}/?view_full_work=1"
        assert client.get(url).status_code == 200
        reset_queries()  # each request clears the log; start the capture from an empty one
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: later requests clear the query log
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        results["pages"].append(
            {
                "chapters": chapters,
                "words": work.word_count,
                "html_bytes": len(response.content),
                "sql_queries": query_count,
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            }
        )
    return results


if __name__ == "__main__":
    sys.exit(main())
