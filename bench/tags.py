"""Tags benchmark: autocomplete latency at 100,000 tags, and the time to recompute filter links
after merging a tag used by 100,000 works. Prints JSON. Builds a fresh database each run.

    .venv/bin/python bench/tags.py                      # SQLite in a temporary folder
    .venv/bin/python bench/tags.py --database-url postgres://postgres@127.0.0.1:5432/bench_tags

The PostgreSQL database must exist; its tables are dropped and recreated.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mo",
    "la",
    "ne",
    "su",
    "vi",
    "da",
    "el",
    "an",
    "or",
    "is",
    "th",
    "ur",
    "ba",
    "co",
    "de",
    "fi",
    "ga",
    "he",
    "jo",
    "lu",
    "ma",
    "no",
    "pe",
    "qu",
    "ro",
    "sa",
    "ti",
]
WORDS_PER_NAME = (1, 2, 3)


def _setup(database_url: str | None) -> None:
    os.environ["FANSHELF_HOME"] = tempfile.mkdtemp(prefix="bench-tags-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _name(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice(WORDS_PER_NAME)):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.append(word.capitalize())
    return " ".join(words) + f" {rng.randint(1, 999)}"


def _make_tags(count: int, rng: random.Random) -> list[str]:
    """`count` tags across the free types: 70% canonical, 15% synonyms, 15% unwrangled."""
    from fanshelf.tags.models import Tag, TagType

    types = [TagType.FANDOM] * 1 + [TagType.CHARACTER] * 3 + [TagType.RELATIONSHIP] * 2
    types += [TagType.FREEFORM] * 4
    names: dict[tuple[str, str], None] = {}
    while len(names) < count:
        tag_type = rng.choice(types)
        name = _name(rng)
        if tag_type == TagType.RELATIONSHIP:
            name = f"{name}/{_name(rng)}"
        names[(tag_type, name)] = None
    rows = [Tag(type=t, name=n, canonical=rng.random() < 0.85) for t, n in names]
    Tag.objects.bulk_create(rows, batch_size=5000)
    canonical = {
        t: list(Tag.objects.filter(type=t, canonical=True).values_list("pk", flat=True))
        for t in set(types)
    }
    synonyms = []
    for tag in Tag.objects.filter(canonical=False).only("pk", "type").iterator():
        if rng.random() < 0.5:
            tag.merger_id = rng.choice(canonical[tag.type])
            synonyms.append(tag)
    Tag.objects.bulk_update(synonyms, ["merger"], batch_size=5000)
    return [n for _, n in names]


def _prefixes(names: list[str], rng: random.Random, count: int) -> list[tuple[str, str]]:
    types = ["fandom", "character", "relationship", "freeform"]
    return [
        (rng.choice(types), rng.choice(names)[: rng.randint(1, 6)].lower()) for _ in range(count)
    ]


def _latency(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
        "queries": len(ordered),
    }


def _autocomplete(prefixes) -> dict:
    from django.test import Client

    from fanshelf.tags.selectors import autocomplete

    for tag_type, prefix in prefixes[:50]:  # warm the caches
        autocomplete(tag_type=tag_type, prefix=prefix)
    selector = []
    for tag_type, prefix in prefixes:
        start = time.perf_counter()
        autocomplete(tag_type=tag_type, prefix=prefix)
        selector.append(time.perf_counter() - start)
    client = Client()
    http = []
    for tag_type, prefix in prefixes:
        start = time.perf_counter()
        response = client.get("/tags/autocomplete", {"type": tag_type, "q": prefix})
        http.append(time.perf_counter() - start)
        assert response.status_code == 200
    return {"selector": _latency(selector), "http_view": _latency(http)}


def _analyze() -> None:
    """Table statistics, as a live archive has them (autovacuum, or SQLite's own estimates)
    after bulk loading."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _merge(work_count: int) -> dict:
    """A tag used by `work_count` works (through a synonym on half of them) merged into a
    canonical tag that has a meta tag: every work's filters change."""
    from django.conf import settings

    from fanshelf.tags import filters, services
    from fanshelf.tags.models import FilterTagging, Tag, Tagging, TagType
    from fanshelf.tags.signals import work_filters_changed
    from fanshelf.works.models import Work

    # Search indexing of the changed works is the search benchmark's business.
    work_filters_changed.receivers = []
    settings.FANSHELF_TAG_FILTERS_INLINE_MAX = work_count * 10
    old = Tag.objects.create(name="Bench Old Doctor", type=TagType.CHARACTER, canonical=True)
    alias = Tag.objects.create(name="Bench Old Doc", type=TagType.CHARACTER, merger=old)
    into = Tag.objects.create(name="Bench Twelfth Doctor", type=TagType.CHARACTER, canonical=True)
    meta = Tag.objects.create(name="Bench The Doctor", type=TagType.CHARACTER, canonical=True)
    services.tag_add_meta(tag=into, meta=meta, user=None)
    rating = Tag.objects.get(name="General Audiences")
    Work.objects.bulk_create(
        (Work(title=f"Bench work {n}", posted=True) for n in range(work_count)), batch_size=5000
    )
    work_ids = list(Work.objects.values_list("pk", flat=True))
    Tagging.objects.bulk_create(
        (Tagging(work_id=w, tag=old if w % 2 else alias) for w in work_ids), batch_size=5000
    )
    Tagging.objects.bulk_create((Tagging(work_id=w, tag=rating) for w in work_ids), batch_size=5000)
    _analyze()
    start = time.perf_counter()
    filters.refresh_work_filters(work_ids)
    initial = time.perf_counter() - start
    _analyze()
    start = time.perf_counter()
    services.tag_merge(tag=old, into=into, user=None)
    merged = time.perf_counter() - start
    under_into = FilterTagging.objects.filter(filter=into).count()
    under_meta = FilterTagging.objects.filter(filter=meta, inherited=True).count()
    assert under_into == under_meta == work_count, (under_into, under_meta)
    assert not FilterTagging.objects.filter(filter=old).exists()
    return {
        "works": work_count,
        "initial_filters_s": round(initial, 2),
        "merge_and_recompute_s": round(merged, 2),
        "filter_rows": FilterTagging.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="PostgreSQL URL; SQLite in a temp folder if unset")
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--prefixes", type=int, default=2000)
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection

    rng = random.Random(12)
    start = time.perf_counter()
    names = _make_tags(args.tags, rng)
    created = time.perf_counter() - start
    _analyze()
    result = {
        "database": connection.vendor,
        "tags": args.tags,
        "create_tags_s": round(created, 2),
        "autocomplete": _autocomplete(_prefixes(names, rng, args.prefixes)),
        "merge": _merge(args.works),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
