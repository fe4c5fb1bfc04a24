"""Keeping under load: readers read chapters and report their reading position while
bookmarkers bookmark and unbookmark works, against a real server (gunicorn), bounded in time.

    .venv/bin/python bench/keep.py [--readers 40] [--bookmarkers 10] [--seconds 60]
        [--database-url postgres://postgres@127.0.0.1:5432/library_bench] [--redis-url ...]
        [--port 8150] [--workers 3]

A flusher applies the reading buffer every two seconds while the load runs (as the periodic job
does), and once more at the end. Prints JSON: requests per second, p50/p95/p99 latency per kind,
errors, and a reconciliation: every bookmark answered with success is stored exactly once and
counted, every read page answered with success is one view in the reader's history, nothing is
left in the buffer. A PostgreSQL database named here is created and dropped by the benchmark."""

import argparse
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

CSRF = secrets.token_hex(16)  # 32 characters: a CSRF secret the server accepts as it is


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=40)
    parser.add_argument("--bookmarkers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--works", type=int, default=30)
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    os.environ["FANSHELF_HOME"] = tempfile.mkdtemp(prefix="fanshelf-keep-")
    os.environ["REDIS_URL"] = args.redis_url
    if args.database_url:
        _create_database(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanshelf.settings"
    subprocess.run([sys.executable, "-m", "fanshelf.cli", "migrate", "-v0"], check=True)
    import django

    django.setup()
    server = None
    try:
        sessions, work_ids = _archive(args)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "fanshelf.wsgi:application", "--bind",
             f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--log-level", "warning"],
        )  # fmt: skip
        _wait_for(f"http://127.0.0.1:{args.port}/")
        print(json.dumps(_run(args, sessions, work_ids), indent=2))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        _clean_up(args)


def _create_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}"')
        connection.execute(f'CREATE DATABASE "{parts.path[1:]}"')


def _clean_up(args) -> None:
    from django.db import connections

    connections.close_all()
    if args.redis_url:
        from fanshelf.library import buffer

        client = buffer._redis()
        client.delete(buffer.REDIS_KEY, *client.scan_iter(match=buffer.REDIS_FLUSHING + "*"))
    if args.database_url:
        import psycopg

        parts = urllib.parse.urlparse(args.database_url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}" WITH (FORCE)')


def _archive(args):
    """An author's works (three chapters each) and logged-in sessions for every client."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from fanshelf.accounts.models import User
    from fanshelf.works.services import ChapterInput, work_create

    author = User.objects.create(username="author", email="author@example.invalid")
    from fanshelf.accounts.models import Pseud

    pseud = Pseud.objects.create(user=author, name="author", is_default=True)
    text = "\n\n".join(f"Paragraph {n} of a long chapter by the sea." for n in range(1, 41))
    work_ids = [
        work_create(pseuds=[pseud], title=f"Work {i}", text_format="plain",
                    chapters=[ChapterInput(text=text)] * 3).pk
        for i in range(args.works)
    ]  # fmt: skip
    sessions = {}
    for i in range(args.readers + args.bookmarkers):
        user = User.objects.create(username=f"client{i}", email=f"client{i}@example.invalid")
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.pk] = store.session_key
    return sessions, work_ids


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str, session: str):
        self.base = base
        self.opener = urllib.request.build_opener(_NoRedirect())
        self.cookie = f"sessionid={session}; csrftoken={CSRF}"

    def call(self, path: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode() if (
            data is not None
        ) else None  # fmt: skip
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", self.cookie)
        request.add_header("Referer", self.base + "/")
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                status, location = response.status, ""
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location", "")
        return status, location, time.perf_counter() - started


def _run(args, sessions: dict, work_ids: list[int]) -> dict:
    from fanshelf.library.reading_services import flush_reading

    base = f"http://127.0.0.1:{args.port}"
    user_ids = list(sessions)
    readers, bookmarkers = user_ids[: args.readers], user_ids[args.readers :]
    deadline = time.monotonic() + args.seconds
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    views: Counter = Counter()  # (user, work) -> successful page reads
    kept: dict[int, dict[int, int]] = {u: {} for u in bookmarkers}  # user -> work -> bookmark
    lock = threading.Lock()

    def note(kind: str, seconds: float, ok: bool, status: int):
        with lock:
            latencies[kind].append(seconds)
            if not ok:
                errors[f"{kind} {status}"] += 1

    def read(user_id: int):
        client, rng = Client(base, sessions[user_id]), random.Random(user_id)
        while time.monotonic() < deadline:
            work, chapter = rng.choice(work_ids), rng.randint(1, 3)
            status, _, seconds = client.call(f"/works/{work}/chapters/{chapter}/")
            note("read", seconds, status == 200, status)
            if status == 200:
                with lock:
                    views[(user_id, work)] += 1
            position = {"work": work, "chapter": chapter, "paragraph": rng.randint(1, 40)}
            status, _, seconds = client.call("/reading/position/", position)
            note("position", seconds, status == 204, status)

    def bookmark(user_id: int):
        client, rng, mine = Client(base, sessions[user_id]), random.Random(-user_id), kept[user_id]
        while time.monotonic() < deadline:
            free = [w for w in work_ids if w not in mine]
            if free and (len(mine) < len(work_ids) // 2 or rng.random() < 0.6):
                work = rng.choice(free)
                status, location, seconds = client.call(
                    f"/works/{work}/bookmark/",
                    {"notes": "Kept for a rainy day.", "tags": "rainy day, reread",
                     "text_format": "plain"},
                )  # fmt: skip
                ok = status == 302 and location.startswith("/bookmarks/")
                note("bookmark", seconds, ok, status)
                if ok:
                    mine[work] = int(location.strip("/").split("/")[-1])
            else:
                work = rng.choice(list(mine))
                status, _, seconds = client.call(f"/bookmarks/{mine[work]}/delete/", {})
                note("unbookmark", seconds, status == 302, status)
                if status == 302:
                    del mine[work]

    flushed = [0]

    def flusher():
        while time.monotonic() < deadline:
            flushed[0] += flush_reading()
            time.sleep(2)

    threads = [threading.Thread(target=read, args=(u,)) for u in readers]
    threads += [threading.Thread(target=bookmark, args=(u,)) for u in bookmarkers]
    threads.append(threading.Thread(target=flusher))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    flushed[0] += flush_reading()
    return _report(args, elapsed, latencies, errors, views, kept, flushed[0])


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    cuts = statistics.quantiles(values, n=100) if len(values) > 1 else [values[0]] * 99
    return {
        "count": len(values),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def _report(args, elapsed, latencies, errors, views, kept, flushed) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count, Q

    from fanshelf.library import buffer
    from fanshelf.library.models import Bookmark, Reading
    from fanshelf.works.models import Work

    expected = {(user, work) for user, works in kept.items() for work in works}
    stored = set(Bookmark.objects.values_list("user_id", "work_id"))
    per_work = Counter(work for _, work in expected)
    counted = Work.objects.annotate(
        public=Count("bookmarks", filter=Q(bookmarks__private=False))
    ).values_list("pk", "bookmark_count", "public")
    readings = {(r.user_id, r.work_id): r.views for r in Reading.objects.all()}
    requests = sum(len(v) for v in latencies.values())
    return {
        "engine": connection.vendor,
        "reading_buffer": "redis" if settings.REDIS_URL else "database table",
        "readers": args.readers,
        "bookmarkers": args.bookmarkers,
        "server_workers": args.workers,
        "seconds": round(elapsed, 1),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "latency": {kind: _percentiles(values) for kind, values in sorted(latencies.items())},
        "errors": dict(errors),
        "reconciliation": {
            "bookmarks_answered_and_kept": len(expected),
            "bookmarks_stored": len(stored),
            "bookmarks_lost": len(expected - stored),
            "bookmarks_unexpected": len(stored - expected),
            "works_with_wrong_bookmark_count": sum(
                1 for pk, count, public in counted if count != public or count != per_work[pk]
            ),
            "reading_events_applied": flushed,
            "page_reads_answered": sum(views.values()),
            "views_in_history": sum(readings.values()),
            "readers_works_with_wrong_views": sum(
                1 for pair in set(views) | set(readings) if views[pair] != readings.get(pair, 0)
            ),
            "left_in_buffer": buffer.pending(),
        },
    }


if __name__ == "__main__":
    main()
