"""Reliability under load and crashes, on a throw-away archive served by gunicorn on loopback.

    nice .venv/bin/python bench/reliability.py [--engine sqlite|postgres] [--duration 120]
        [--readers 50] [--writers 10] [--works 500] [--port 8120]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres --database-prefix NAME]

1. load: readers and writers (each writer logged in, posting works through the web form) for
   --duration seconds; a backup is taken half-way; every write is reconciled with the database.
2. the backup taken under load is restored into an empty archive, backed up and restored again:
   both restores must be identical, and the first one must hold only whole works.
3. a log-in flood on one account must get 429s.
4. kill -9 of the server in the middle of posting a long work, of `fanshelf import` in the middle
   of a batch, of `fanshelf reindex` in the middle of a run, and of the worker in the middle of an
   analysis; then restart: nothing half-stored, every job done, the index equal to a rebuild.

Prints JSON. Everything it starts is stopped, and its databases are dropped."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from live_archive import Archive, Client

PASSWORD = "reliability bench 7"
WORDS = "the ship sailed into a storm and she lit the lamp while he read the old letter"
SNAPSHOT = """
import hashlib, json
from django.db import connection
skip = {"fanshelf_cache", "django_session"}
tables = {}
with connection.cursor() as cursor:
    for table in sorted(set(connection.introspection.table_names()) - skip):
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(row) for row in cursor.fetchall())
        tables[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(tables))
"""
INDEX = """
import hashlib, json
from django.db import connection
out = {}
queries = {
    "workindex": "SELECT work_id, posted, hidden, restricted, audience, rating_id, fandom_count, "
    "language, complete, chapter_count, word_count, published_on, revised_at, title_sort, "
    "creator_sort FROM search_workindex",
    "workfilter": "SELECT work_id, tag_id, audience FROM search_workfilter",
    "tagcount": "SELECT tag_id, audience, works FROM search_tagcount WHERE works <> 0",
}
with connection.cursor() as cursor:
    for name, sql in queries.items():
        cursor.execute(sql)
        rows = sorted(repr(row) for row in cursor.fetchall())
        out[name] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""
WHOLE = """
import json
from django.db.models import Count, Q
from fanshelf.works.models import Work
# Generated works keep one short chapter whatever their chapter count: leave them out.
works = Work.objects.exclude(pseuds__user__email__endswith="@generated.invalid").annotate(
    have=Count("chapters", filter=Q(chapters__posted=True)), total=Count("chapters")
)
broken = [w.title for w in works if w.total == 0 or (w.posted and w.have != w.chapter_count)]
print(json.dumps({"works": works.count(), "half_stored": broken,
                  "titles": list(Work.objects.values_list("title", flat=True))}))
"""
JOBS = """
import json
from huey.contrib.djhuey import HUEY
from fanshelf.core.models import RunningJob
from fanshelf.search.services import stale_work_ids
from fanshelf.suggestions.services import stale_analysis_work_ids
print(json.dumps({"queued": HUEY.pending_count(), "running": RunningJob.objects.count(),
                  "stale_index": len(stale_work_ids(limit=100000)),
                  "stale_analysis": len(stale_analysis_work_ids(limit=100000))}))
"""


def long_text(paragraphs: int, rng: random.Random) -> str:
    words = WORDS.split()
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(paragraphs))


def work_form(pseud_id: int, title: str, chapters: list[str]) -> dict:
    data = {
        "title": title, "pseuds": [pseud_id], "summary": "", "notes_begin": "", "notes_end": "",
        "language": "en", "expected_chapters": str(len(chapters)), "published_on": "",
        "text_format": "plain", "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"], "fandoms": "Original Work", "action": "post",
        "chapters-TOTAL_FORMS": str(len(chapters)), "chapters-INITIAL_FORMS": "0",
        "chapters-MIN_NUM_FORMS": "1", "chapters-MAX_NUM_FORMS": "500",
    }  # fmt: skip
    for index, text in enumerate(chapters):
        data[f"chapters-{index}-text"] = text
        data[f"chapters-{index}-title"] = f"Part {index + 1}"
    return data


def set_up(archive: Archive, args) -> dict:
    archive.run("migrate", "-v0")
    archive.env["FANSHELF_JOBS_INLINE"] = "1"
    archive.run("demo", "--no-serve")
    del archive.env["FANSHELF_JOBS_INLINE"]
    if args.works:
        archive.run("generate", "--works", str(args.works), "--seed", "5")
    for n in range(args.writers):
        archive.run("createuser", f"writer{n}", "--email", f"w{n}@example.invalid",
                    "--password", PASSWORD)  # fmt: skip
    return archive.python("""
        import json
        from fanshelf.accounts.models import Pseud
        from fanshelf.tags.models import Tag
        from fanshelf.works.models import Work
        print(json.dumps({
            "pseuds": dict(Pseud.objects.filter(user__username__startswith="writer",
                                                is_default=True).values_list("name", "id")),
            "works": list(Work.objects.filter(posted=True, restricted=False, hidden_by_admin=False)
                          .values_list("id", flat=True)[:2000]),
            "fandoms": list(Tag.objects.filter(type="fandom", canonical=True)
                            .values_list("name", flat=True)[:50]),
        }))
    """)


class Load:
    def __init__(self, base: str, fixture: dict, seconds: float):
        self.base, self.fixture, self.until = base, fixture, time.monotonic() + seconds
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.errors: list[str] = []
        self.posted: list[str] = []

    def note(self, kind: str, status: int, seconds: float, ok: set[int]) -> None:
        with self.lock:
            self.latencies.append(seconds)
            key = f"{kind} {status}"
            self.statuses[key] = self.statuses.get(key, 0) + 1
            if status not in ok:
                self.errors.append(key)

    def reader(self, seed: int) -> None:
        rng, client = random.Random(seed), Client(self.base)
        while time.monotonic() < self.until:
            choice = rng.random()
            if choice < 0.4:
                path = f"/works/{rng.choice(self.fixture['works'])}/"
            elif choice < 0.6:
                path = f"/search/?q={rng.choice(['storm', 'tea', 'lamp', 'ship'])}"
            elif choice < 0.8:
                path = f"/tags/{rng.choice(self.fixture['fandoms'])}/"
            else:
                path = "/"
            try:
                status, _, seconds = client.request(urllib.parse.quote(path, safe="/?=&"))
            except OSError as error:
                status, seconds = 0, 0.0
                self.errors.append(f"read {error}")
            self.note("read", status, seconds, {200})

    def writer(self, name: str, pseud_id: int, seed: int) -> None:
        rng, client = random.Random(seed), Client(self.base)
        client.log_in(name, PASSWORD)
        n = 0
        while time.monotonic() < self.until:
            n += 1
            title = f"rel-{name}-{n}"
            chapters = [long_text(rng.randint(3, 30), rng) for _ in range(rng.randint(1, 3))]
            try:
                status, _, seconds = client.request(
                    "/works/new/", work_form(pseud_id, title, chapters)
                )
            except OSError as error:
                status, seconds = 0, 0.0
                self.errors.append(f"write {error}")
            if status == 302:
                with self.lock:
                    self.posted.append(title)
            self.note("write", status, seconds, {302})

    def run(self, readers: int, backup_at: float, backup) -> dict:
        threads = [threading.Thread(target=self.reader, args=(i,)) for i in range(readers)]
        threads += [
            threading.Thread(target=self.writer, args=(name, pseud_id, 1000 + i))
            for i, (name, pseud_id) in enumerate(sorted(self.fixture["pseuds"].items()))
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(backup_at)
        backup_result = backup()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        lat = sorted(self.latencies)
        return {
            "seconds": round(elapsed, 1),
            "requests": len(lat),
            "requests_per_second": round(len(lat) / elapsed, 1),
            "latency_p50_ms": round(statistics.median(lat) * 1000) if lat else None,
            "latency_p95_ms": round(lat[int(len(lat) * 0.95)] * 1000) if lat else None,
            "statuses": self.statuses,
            "errors": len(self.errors),
            "error_samples": self.errors[:5],
            "works_posted": len(self.posted),
            "backup_under_load": backup_result,
        }


def wait_for_jobs(archive: Archive, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        state = archive.python(JOBS)
        if not any(state.values()) or time.monotonic() > deadline:
            return state
        time.sleep(3)


def login_flood(base: str, attempts: int) -> dict:
    client, codes = Client(base), []
    for _ in range(attempts):
        codes.append(client.request("/login/", {"username": "demo", "password": "wrong"})[0])
    admin = Client(base)
    admin_codes = [
        admin.request("/admin/login/", {"username": "demo", "password": "wrong"})[0]
        for _ in range(10)
    ]
    return {
        "attempts": attempts,
        "answered_429": codes.count(429),
        "first_429_at_attempt": codes.index(429) + 1 if 429 in codes else None,
        "admin_login_429": admin_codes.count(429),
    }


def kill_server_mid_post(archive: Archive, args, fixture: dict) -> dict:
    client = Client(f"http://127.0.0.1:{args.port}")
    client.log_in("writer0", PASSWORD)
    rng = random.Random(7)
    chapters = [long_text(400, rng) for _ in range(12)]  # about 290,000 words
    form = work_form(fixture["pseuds"]["writer0"], "rel-killed-mid-post", chapters)
    result = {}
    thread = threading.Thread(target=lambda: result.update(answer=_safe(client, form)))
    thread.start()
    time.sleep(args.kill_after)
    archive.kill(archive.server)
    thread.join()
    archive.start_server(args.port, args.server_workers)
    return {"answer": result.get("answer"), "killed_after_seconds": args.kill_after}


def _safe(client: Client, form: dict):
    try:
        return client.request("/works/new/", form, timeout=120)[0]
    except OSError as error:
        return f"connection lost: {type(error).__name__}"


def kill_import(archive: Archive, folder: Path) -> dict:
    rng = random.Random(11)
    folder.mkdir()
    paths = []
    for n in range(30):
        path = folder / f"import-{n:02d}.txt"
        parts = [f"Chapter {c + 1}\n\n{long_text(150, rng)}" for c in range(4)]
        path.write_text(f"rel-import-{n:02d}\n\n\n" + "\n\n\n".join(parts))
        paths.append(str(path))
    process = archive.popen("import", *paths, "--pseud", "writer1", "--fandom", "Original Work",
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    done = 0
    for _ in process.stdout:
        done += 1
        if done == 5:
            break
    archive.kill(process)
    return {"files": len(paths), "reported_done_before_kill": done}


KILL_WHEN = """
import json, os, signal, time
from pathlib import Path
from fanshelf.core.models import RunningJob
from fanshelf.search.models import ReindexRun
print("ready", flush=True)
pid_file = Path("{pid_file}")
while not pid_file.exists():
    time.sleep(0.005)
group = int(pid_file.read_text())
pid_file.unlink()
deadline = time.monotonic() + 120
while not ({condition}) and time.monotonic() < deadline:
    time.sleep(0.005)
os.killpg(group, signal.SIGKILL)  # at once, from here: the moment the condition holds
print(json.dumps(time.monotonic() < deadline))
"""


def kill_when(archive: Archive, condition: str, start) -> bool:
    """Start a process with `start()` and kill -9 it the moment `condition` (Django code) holds;
    returns whether it held."""
    pid_file = archive.home / "kill.pid"
    watcher = archive.popen(
        "shell", "--no-imports", "-c", KILL_WHEN.format(condition=condition, pid_file=pid_file),
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert watcher.stdout.readline().strip() == "ready"
    try:
        process = start()
    except BaseException:
        watcher.kill()  # it would wait for the pid file for ever
        watcher.wait()
        raise
    partial = pid_file.with_suffix(".partial")
    partial.write_text(str(process.pid))
    partial.replace(pid_file)
    held = json.loads(watcher.stdout.readline())
    watcher.wait()
    process.wait()
    return held


def kill_reindex(archive: Archive) -> dict:
    archive.env["FANSHELF_SEARCH_INDEX_BATCH"] = "10"
    kill_when(
        archive,
        "ReindexRun.objects.filter(finished_at__isnull=True, done__gt=0).exists()",
        lambda: archive.popen(
            "reindex", "--from-scratch", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ),
    )
    progress = archive.python("""
        import json
        from fanshelf.search.models import ReindexRun
        run = ReindexRun.objects.first()
        print(json.dumps([run.done, run.total, run.finished_at is not None]))
    """)
    archive.run("reindex")  # resumes the interrupted run
    del archive.env["FANSHELF_SEARCH_INDEX_BATCH"]
    return {
        "done_when_killed": progress[0],
        "total": progress[1],
        "finished_when_killed": progress[2],
    }


def kill_worker_mid_analysis(archive: Archive) -> dict:
    def post_long_work():
        archive.python(LONG_WORK)
        return archive.worker

    seen = kill_when(
        archive, 'RunningJob.objects.filter(name__contains="analyze").exists()', post_long_work
    )
    noted = archive.python(JOBS)["running"]
    archive.start_worker()
    return {"analysis_running_when_killed": seen, "jobs_noted_after_kill": noted}


LONG_WORK = """
        import json, random
        from fanshelf.accounts.models import Pseud
        from fanshelf.works.services import ChapterInput, work_create
        rng = random.Random(3)
        words = "the doctor said that rose walked into the tardis and looked at the stars".split()
        def chapter():
            return "".join("<p>" + " ".join(rng.choice(words) for _ in range(80)) + ".</p>"
                           for _ in range(400))
        work = work_create(pseuds=[Pseud.objects.get(name="writer0")], title="rel-analysis",
                           chapters=[ChapterInput(text=chapter()) for _ in range(8)])
        print(json.dumps(work.pk))
"""


def check_restores(backup: Path, make_archive, posted: set[str]) -> dict:
    first, second = make_archive("restored"), make_archive("restored_again")
    try:
        first.run("restore", str(backup))
        whole = first.python(WHOLE)
        again = backup.with_name("again.tar.gz")
        first.run("backup", str(again))
        second.run("restore", str(again))
        in_backup = {t for t in whole["titles"] if t.startswith("rel-writer")}
        return {
            "works_in_backup": whole["works"],
            "half_stored": whole["half_stored"],
            "writer_works_in_backup": len(in_backup),
            "backup_holds_only_answered_writes": in_backup <= posted,
            "restore_of_its_backup_identical": first.python(SNAPSHOT) == second.python(SNAPSHOT),
        }
    finally:
        first.drop()
        second.drop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database-prefix", default="fanshelf_reliability")
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--works", type=int, default=500, help="generated works besides the sample")
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--server-workers", type=int, default=4)
    parser.add_argument("--server-timeout", type=int, default=120, help="gunicorn's, seconds")
    parser.add_argument("--kill-after", type=float, default=1.0, help="seconds into the long post")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="fanshelf-reliability-"))

    def make_archive(name: str, **env: str) -> Archive:
        return Archive(scratch / name, engine=args.engine, database_url=args.database_url,
                       name=f"{args.database_prefix}_{name}", **env)  # fmt: skip

    # Every reader comes from 127.0.0.1: the per-address request limit would stop the load test
    # itself, so it is raised here; the log-in limit keeps its default.
    # gunicorn's timeout is raised too: the bench measures correctness on a shared machine.
    archive = make_archive("live", FANSHELF_RATE_REQUESTS="100000000/300s",
                           FANSHELF_RECONCILE_MINUTES="1",
                           GUNICORN_CMD_ARGS=f"--timeout {args.server_timeout}")  # fmt: skip
    report: dict = {"engine": args.engine, "readers": args.readers, "writers": args.writers}
    try:
        fixture = set_up(archive, args)
        archive.start_worker()
        archive.start_server(args.port, args.server_workers)
        base = f"http://127.0.0.1:{args.port}"
        backup_path = scratch / "under-load.tar.gz"

        def backup() -> dict:
            started = time.monotonic()
            archive.run("backup", str(backup_path))
            return {"seconds": round(time.monotonic() - started, 1),
                    "bytes": backup_path.stat().st_size}  # fmt: skip

        load = Load(base, fixture, args.duration)
        report["load"] = load.run(args.readers, args.duration / 2, backup)
        posted = set(load.posted)
        stored = [t for t in archive.python(WHOLE)["titles"] if t.startswith("rel-writer")]
        report["load"]["lost_writes"] = len(posted - set(stored))
        report["load"]["duplicated_writes"] = len(stored) - len(set(stored))
        report["load"]["stored_without_answer"] = len(set(stored) - posted)
        report["backup_restore"] = check_restores(backup_path, make_archive, posted)
        report["login_flood"] = login_flood(base, 30)
        phases = {
            "kill_server_mid_post": lambda: kill_server_mid_post(archive, args, fixture),
            "kill_import": lambda: kill_import(archive, scratch / "imports"),
            "kill_reindex": lambda: kill_reindex(archive),
            "kill_worker_mid_analysis": lambda: kill_worker_mid_analysis(archive),
        }
        for name, phase in phases.items():
            try:
                report[name] = phase()
            except Exception as error:  # reported, and the other phases still run
                report[name] = {"failed": repr(error)[-500:]}
                if archive.worker is None or archive.worker.poll() is not None:
                    archive.start_worker()
        started = time.monotonic()
        jobs = wait_for_jobs(archive, 900)
        whole = archive.python(WHOLE)
        before = archive.python(INDEX)
        archive.run("reindex", "--from-scratch")
        report["after_restart"] = {
            "seconds_until_jobs_done": round(time.monotonic() - started, 1),
            "jobs": jobs,
            "half_stored": whole["half_stored"],
            "killed_post_stored_whole": "rel-killed-mid-post" not in whole["half_stored"],
            "imported_whole_works": sum(t.lower().startswith("import") for t in whole["titles"]),
            "index_equals_rebuild": before == archive.python(INDEX),
        }
    finally:
        archive.drop()
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
