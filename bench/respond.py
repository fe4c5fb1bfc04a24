"""Readers and commenters against a real server (gunicorn + the job worker), then a reconciliation
of what the server said with what the database holds.

    nice .venv/bin/python bench/respond.py --engine sqlite
    nice .venv/bin/python bench/respond.py --engine postgres \\
        --database-url postgres://postgres@127.0.0.1:5432/responses_bench \\
        --redis-url redis://127.0.0.1:6379/4

Readers (half logged in, half guests) open works, chapters and comment threads and leave kudos;
commenters comment and reply. Every kudos and comment the server answered with success must be
stored exactly once; after the hit flush, each work's hits must equal its distinct visitors per
day; the counters must match the rows. Prints JSON.

To add a behaviour: append an Action to ACTIONS (its role, weight and a function of (actor,
world, ledger)) and a check to CHECKS (a function of the ledger returning a dict with an "ok"
key). Bookmarking, reading positions and reading history come from bench/keeping.py.
"""

import argparse
import datetime
import json
import random
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import keeping
from loadrun import Server, Session, Timings, fresh_archive

PASSWORD = "bench passphrase 42"
WORK_PAGE = re.compile(r"^/works/(\d+)/(?:chapters/(\d+)/)?(?:\?.*)?$")
COMMENT_ID = re.compile(r"#comment-(\d+)$")
TEXT = "The tide came over the grey stones while the keeper told old stories of ships. " * 12


@dataclass
class World:
    works: dict[int, int]  # work id -> chapters, the works readers respond to
    readers: list[str]
    commenters: list[str]


@dataclass
class Ledger:
    """What the server answered with success, to compare with the database afterwards."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    kudos: list[tuple[str, int]] = field(default_factory=list)  # (user or "guest", work)
    comments: dict[int, str] = field(default_factory=dict)  # comment id -> its token
    visits: set[tuple[str, int, str]] = field(default_factory=set)  # visitor, work, day
    reads: list[tuple[str, int]] = field(default_factory=list)  # logged-in reader, work page

    def record(self, name: str, item) -> None:
        with self.lock:
            target = getattr(self, name)
            if isinstance(target, list):
                target.append(item)
            elif isinstance(target, set):
                target.add(item)
            else:
                target[item[0]] = item[1]


@dataclass
class Actor:
    session: Session
    visitor: str  # how the server tells visitors apart: "u<name>" or a guest's user agent
    username: str = ""


def visit(actor: Actor, ledger: Ledger, kind: str, path: str):
    status, location, body = actor.session.get(kind, path)
    match = WORK_PAGE.match(path)
    if status == 200 and match:
        day = datetime.datetime.now(datetime.UTC).date().isoformat()
        ledger.record("visits", (actor.visitor, int(match.group(1)), day))
        if actor.username:  # a history view for the reader, and maybe a new place
            ledger.record("reads", (actor.username, int(match.group(1))))
            chapter = match.group(2)
            keeping.viewed(
                actor.username, int(match.group(1)), int(chapter or 1), chosen=bool(chapter)
            )
    return status, location, body


def read_work(actor, world, ledger):
    work_id = random.choice(list(world.works))
    chapter = random.randint(1, world.works[work_id])
    path = f"/works/{work_id}/" if chapter == 1 else f"/works/{work_id}/chapters/{chapter}/"
    visit(actor, ledger, "read", path)


def read_comments(actor, world, ledger):
    visit(actor, ledger, "comments", f"/works/{random.choice(list(world.works))}/?show_comments=1")


def leave_kudos(actor, world, ledger):
    work_id = random.choice(list(world.works))
    status, location, _ = actor.session.post("kudos", f"/works/{work_id}/kudos/", {})
    if status != 302:
        actor.session.timings.error(f"kudos on {work_id}: HTTP {status}")
        return
    _, _, page = visit(actor, ledger, "read", location.split("#")[0])
    if "Thank you for leaving kudos!" in page:
        ledger.record("kudos", (actor.username or "guest", work_id))
    elif "already left kudos" not in page:
        actor.session.timings.error(f"kudos on {work_id}: neither thanks nor 'already left'")


def _comment(actor, ledger, kind: str, path: str):
    token = uuid.uuid4().hex
    form = {"content": f"{token}: what a chapter, the lighthouse scene especially."}
    status, location, _ = actor.session.post(kind, path, form)
    found = COMMENT_ID.search(location)
    if status != 302 or not found:
        actor.session.timings.error(f"{kind} at {path}: HTTP {status}, refused or failed")
        return
    ledger.record("comments", (int(found.group(1)), token))
    visit(actor, ledger, "read", location.split("#")[0])


def comment(actor, world, ledger):
    work_id = random.choice(list(world.works))
    _comment(actor, ledger, "comment", f"/works/{work_id}/comments/")


def reply(actor, world, ledger):
    with ledger.lock:
        ids = list(ledger.comments)
    if not ids:
        return comment(actor, world, ledger)
    parent = random.choice(ids[-50:])
    _comment(actor, ledger, "reply", f"/comments/{parent}/reply/")


@dataclass
class Action:
    name: str
    role: str  # "reader" or "commenter"
    weight: int
    run: Callable[[Actor, World, Ledger], None]


ACTIONS = [
    Action("read", "reader", 12, read_work),
    Action("read comments", "reader", 3, read_comments),
    Action("kudos", "reader", 2, leave_kudos),
    Action("read", "commenter", 2, read_work),
    Action("comment", "commenter", 3, comment),
    Action("reply", "commenter", 2, reply),
    Action("bookmark", "reader", 2, keeping.bookmark),
    Action("position", "reader", 3, keeping.report_position),
]


def seed(*, works: int, readers: int, commenters: int) -> World:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth.hashers import make_password
    from django.db import connections
    from django.utils import timezone

    from fanshelf.accounts.models import Pseud, User
    from fanshelf.responses.services import comment_settings_update
    from fanshelf.works import services

    password = make_password(PASSWORD)
    long_ago = timezone.now() - datetime.timedelta(days=400)

    def user(name: str) -> User:
        made = User.objects.create(
            username=name, email=f"{name}@example.invalid", password=password, date_joined=long_ago
        )
        Pseud.objects.create(user=made, name=name, is_default=True)
        return made

    def post(author: User, title: str, chapters: int):
        return services.work_create(
            pseuds=[author.default_pseud],
            title=title,
            chapters=[services.ChapterInput(text=TEXT) for _ in range(chapters)],
            text_format="plain",
        )

    authors = [user(f"author{n}") for n in range(4)]
    pool = {}
    for n in range(works):
        work = post(authors[n % 4], f"Lighthouse {n}", 1 + n % 3)
        comment_settings_update(work=work, permission="anyone", moderated=False)
        pool[work.pk] = 1 + n % 3
    reader_names = [user(f"reader{n}").username for n in range(readers // 2)]
    commenter_names = []
    for n in range(commenters):
        made = user(f"commenter{n}")
        for story in range(3):  # an active account, as most commenters are
            post(made, f"Commenter {n}'s story {story}", 1)
        commenter_names.append(made.username)
    from huey.contrib.djhuey import HUEY

    HUEY.flush()  # the seed's indexing and analysis jobs are not part of what is measured
    connections.close_all()
    return World(works=pool, readers=reader_names, commenters=commenter_names)


def actors(world: World, port: int, timings: Timings, readers: int) -> list[tuple[str, Actor]]:
    made = []
    for n in range(readers):
        agent = f"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 reader/{n}"
        session = Session(port, timings, user_agent=agent)
        if n < len(world.readers):
            session.log_in(world.readers[n], PASSWORD)
            made.append(("reader", Actor(session, f"u{world.readers[n]}", world.readers[n])))
        else:
            made.append(("reader", Actor(session, agent)))
    for name in world.commenters:
        session = Session(port, timings, user_agent=f"Mozilla/5.0 Firefox/128.0 {name}")
        session.log_in(name, PASSWORD)
        made.append(("commenter", Actor(session, f"u{name}", name)))
    return made


def run_load(people, world: World, ledger: Ledger, seconds: float) -> float:
    stop = time.monotonic() + seconds

    def loop(role: str, actor: Actor):
        mine = [a for a in ACTIONS if a.role == role]
        weights = [a.weight for a in mine]
        while time.monotonic() < stop:
            random.choices(mine, weights)[0].run(actor, world, ledger)

    threads = [threading.Thread(target=loop, args=person) for person in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def settle_jobs(timeout: float = 180) -> bool:
    """Wait for the worker to finish queued jobs (counter recounts, e-mails)."""
    from huey.contrib.djhuey import HUEY

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if HUEY.pending_count() == 0:
            time.sleep(2)  # the job taken last may still be running
            return True
        time.sleep(1)
    return False


def check_kudos(ledger: Ledger) -> dict:
    from collections import Counter

    from fanshelf.responses.models import Kudos

    stored = Counter(
        (user or "guest", work)
        for user, work in Kudos.objects.values_list("user__username", "work_id")
    )
    told = Counter(ledger.kudos)
    return {
        "ok": stored == told,
        "successes": sum(told.values()),
        "stored": sum(stored.values()),
        "lost": sum((told - stored).values()),
        "unexpected": sum((stored - told).values()),
    }


def check_comments(ledger: Ledger) -> dict:
    from fanshelf.responses.models import Comment

    rows = dict(Comment.objects.values_list("pk", "content"))
    lost = [pk for pk, token in ledger.comments.items() if token not in rows.get(pk, "")]
    tokens = [c.split(":")[0].removeprefix("<p>") for c in rows.values()]
    doubled = len(tokens) - len(set(tokens))
    return {
        "ok": not lost and not doubled and len(rows) == len(ledger.comments),
        "successes": len(ledger.comments),
        "stored": len(rows),
        "lost": len(lost),
        "doubled": doubled,
    }


def check_counters(ledger: Ledger) -> dict:
    from django.db.models import Count, Q

    from fanshelf.works.models import Work

    counted = Q(
        comments__status="approved", comments__deleted=False, comments__hidden_at__isnull=True
    )
    works = Work.objects.annotate(
        kudos_rows=Count("kudos", distinct=True),
        comment_rows=Count("comments", filter=counted, distinct=True),
    )
    wrong = [
        w.pk for w in works if (w.kudos_count, w.comment_count) != (w.kudos_rows, w.comment_rows)
    ]
    return {"ok": not wrong, "works_with_wrong_counters": len(wrong)}


def check_hits(ledger: Ledger) -> dict:
    from collections import Counter

    from fanshelf.responses.hits import flush_hits
    from fanshelf.works.models import Work

    flush_hits()
    expected = Counter(work for _, work, _ in ledger.visits)
    counted = {pk: hits for pk, hits in Work.objects.values_list("pk", "hits") if hits}
    return {
        "ok": dict(expected) == counted,
        "distinct_visitor_days": sum(expected.values()),
        "hits_counted": sum(counted.values()),
    }


CHECKS = {
    "kudos": check_kudos,
    "comments": check_comments,
    "counters": check_counters,
    "hits": check_hits,
    "bookmarks": keeping.check_bookmarks,
    "history": keeping.check_history,
    "positions": keeping.check_positions,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--commenters", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--works", type=int, default=40)
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if args.engine == "postgres" and not args.database_url:
        parser.error("--engine postgres needs --database-url")
    env = fresh_archive(
        name=f"respond-{args.engine}",
        database_url=args.database_url if args.engine == "postgres" else None,
        redis_url=args.redis_url,
    )
    # Every reader and commenter comes from 127.0.0.1 and logs in at the start: the per-address
    # request and log-in limits (core/rate_limits) would stop the load test itself.
    env.update(FANSHELF_RATE_REQUESTS="100000000/300s", FANSHELF_RATE_LOGIN="100000/20s")
    world = seed(works=args.works, readers=args.readers, commenters=args.commenters)
    timings, ledger = Timings(), Ledger()
    with Server(env, port=args.port, workers=args.workers, threads=args.threads):
        people = actors(world, args.port, timings, args.readers)
        setup_errors = len(timings.errors)
        elapsed = run_load(people, world, ledger, args.seconds)
        jobs_done = settle_jobs()
    checks = {name: check(ledger) for name, check in CHECKS.items()}
    summary = timings.summary(elapsed)
    result = {
        "engine": args.engine,
        "hit_buffer": "redis" if args.redis_url else "database table",
        "readers": args.readers,
        "commenters": args.commenters,
        "seconds": round(elapsed, 1),
        "gunicorn": f"{args.workers} workers x {args.threads} threads",
        **summary,
        "setup_errors": setup_errors,
        "jobs_drained": jobs_done,
        "reconciliation": checks,
        "ok": summary["errors"] == 0 and jobs_done and all(c["ok"] for c in checks.values()),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
