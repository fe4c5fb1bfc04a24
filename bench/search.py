"""Search latency at scale, side by side with the same queries as plain Django ORM filters.

    python bench/search.py                      # 100k and 1M works, SQLite and PostgreSQL
    python bench/search.py --sizes 100000 --engines sqlite --repeat 7

Each (engine, size) runs in its own process (an app server's, as far as search goes) against its
own archive: SQLite under /tmp/search-bench-<size>, PostgreSQL in the database
search_bench_<size> (made with `psql -h 127.0.0.1 -U postgres -c 'create database
search_bench_1m'`). A missing archive is generated first (`fanshelf generate --works N --seed 1`).
Prints one JSON document: per configuration the median, p95 and p99 latency of a fixed mix of
queries, every one counted exactly and with exact facets as the search page shows them, through
the search layer and through the naive ORM baseline (which counts and facets exactly too); the
time the process took to load its search bitmaps, and its memory (peak resident set, and the
resident set after the queries). A baseline query still running after --baseline-limit seconds
is stopped and counted as taking exactly that long, so its speedup is a lower bound.

Each query runs once untimed, then --repeat times timed. Text answers a server keeps
(search/text_cache.py) make the timed runs of a text query reuse the first run's matches; run
with FANSHELF_SEARCH_TEXT_CACHE_ENTRIES=0 to time every text query asking the engine afresh.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

LABELS = {100_000: "100k", 1_000_000: "1m"}
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"


def _environment(engine: str, works: int) -> dict:
    label = LABELS.get(works, str(works))
    env = dict(os.environ, FANSHELF_HOME=f"/tmp/search-bench-{label}")
    env.pop("DATABASE_URL", None)
    if engine == "postgres":
        env["FANSHELF_HOME"] = f"/tmp/search-bench-pg{label}"
        env["DATABASE_URL"] = PG_URL.format(name=f"search_bench_{label}")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each search-layer query")
    parser.add_argument("--baseline-repeat", type=int, default=1, help="runs of each ORM query")
    parser.add_argument(
        "--baseline-limit", type=float, default=60.0, help="seconds before an ORM query is stopped"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="time the search layer only (no ORM queries)"
    )
    parser.add_argument("--only", default="", help="run only queries whose name contains this")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--works", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args)))
        return 0
    results = []
    for works in (int(s) for s in args.sizes.split(",")):
        for engine in args.engines.split(","):
            command = [sys.executable, __file__, "--one", "--works", str(works)]
            command += [
                "--repeat",
                str(args.repeat),
                "--baseline-repeat",
                str(args.baseline_repeat),
                "--baseline-limit",
                str(args.baseline_limit),
                "--only",
                args.only,
            ]
            if args.no_baseline:
                command.append("--no-baseline")
            done = subprocess.run(
                command, env=_environment(engine, works), capture_output=True, text=True
            )
            if done.returncode:
                results.append({"engine": engine, "works": works, "error": done.stderr[-2000:]})
            else:
                results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(json.dumps({"benchmark": "search", "results": results}, indent=2))
    return 0


def run_one(args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from fanshelf.search.generate import generate_archive
    from fanshelf.works.models import Work

    generated_seconds = None
    if not Work.objects.exists():  # a new archive; an existing one is migrated by its admin
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        generate_archive(works=args.works, seed=1)
        generated_seconds = round(time.perf_counter() - started, 1)
    from bench_search_queries import query_mix, run_naive, run_search

    from fanshelf.search.bitmaps import MEMORY

    started = time.perf_counter()
    MEMORY.sync()
    bitmaps_loaded_seconds = round(time.perf_counter() - started, 1)
    mix = query_mix()
    ours, naive, per_query, stopped = [], [], [], 0
    mix = [(name, query) for name, query in mix if args.only in name]
    baseline_repeat = 0 if args.no_baseline else args.baseline_repeat
    for name, query in mix:
        run_search(query)  # warm the caches once
        timings = [run_search(query) for _ in range(args.repeat)]
        runs = [run_naive(query, limit_seconds=args.baseline_limit) for _ in range(baseline_repeat)]
        baseline = [ms for ms, _ in runs]
        stopped += any(hit for _, hit in runs)
        ours += timings
        naive += baseline
        row = {
            "query": name,
            "search_ms": round(statistics.median(timings), 1),
            "search_p95_ms": round(_p95(timings), 1),
            "total": run_search.last_total,
        }
        if baseline:
            row["naive_ms"] = round(statistics.median(baseline), 1)
            row["naive_stopped"] = any(hit for _, hit in runs)
        per_query.append(row)
    summary = {
        "engine": connection.vendor,
        "works": Work.objects.count(),
        "generated_seconds": generated_seconds,
        "bitmaps_loaded_seconds": bitmaps_loaded_seconds,
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "process_rss_mb": _resident_mb(),  # after the queries: what a server keeps
        # 0: every text query asks the engine; else repeated ones may use kept answers.
        "text_cache_entries": settings.FANSHELF_SEARCH_TEXT_CACHE_ENTRIES,
        "queries": len(mix),
        "search": _summary(ours),
    }
    if connection.vendor == "postgresql":
        summary["local_text"] = _local_text()
    if naive:
        summary |= {
            "naive": _summary(naive),
            "naive_stopped_at_limit": stopped,
            "speedup_median": round(statistics.median(naive) / statistics.median(ours), 1),
            "speedup_p95": round(_p95(naive) / _p95(ours), 1),
            "speedup_p99": round(_pct(naive, 0.99) / _pct(ours, 0.99), 1),
        }
    return summary | {"per_query": per_query}


def _local_text() -> dict:
    """Whether text queries were answered from this machine's file (search/backends/
    local_text.py) or by PostgreSQL, and the file's size."""
    from django.conf import settings

    from fanshelf.search.backends.local_text import LOCAL, current_file

    path = current_file()
    return {
        "enabled": settings.FANSHELF_SEARCH_LOCAL_TEXT,
        "ready": LOCAL.ready(),
        "file_mb": round(path.stat().st_size / 2**20) if path else None,
    }


def _resident_mb() -> int | None:
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None
    return round(int(line.split()[1]) / 1024)


def _pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _p95(values: list[float]) -> float:
    return _pct(values, 0.95)


def _summary(values: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(_p95(values), 1),
        "p99_ms": round(_pct(values, 0.99), 1),
    }


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
