"""Writing the local text file (local_text.py) from PostgreSQL's tsvectors: whole, by
`fanshelf reindex --local-text` or in the background when a server starts without a usable
one, and a few works at a time as the change log moves on."""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from ..bitmaps import LOOKBACK
from .local_text import (
    CREATE_STATE,
    GAP,
    LOCAL,
    current_file,
    database_identity,
    remove_file,
    text_folder,
    token_of,
)
from .shapes import TEXT_FIELDS
from .sqlite import CREATE_TABLE

log = logging.getLogger(__name__)
TABLE = "search_workindex"

# Each lexeme as a token (see local_text.token_of, written the same way in SQL), its position
# and weight; `dense` says no position skips or repeats, so the tokens in position order are
# the whole story (else Python puts GAP tokens in: _spaced).
_TOKENS = (
    "SELECT p.pos, p.weight, CASE WHEN u.lexeme ~ '^[a-z0-9]+$' THEN u.lexeme "
    "ELSE U&'\\E000' || encode(convert_to(u.lexeme, 'UTF8'), 'hex') END AS tok "
    "FROM unnest(w.document) u CROSS JOIN LATERAL unnest(u.positions, u.weights) AS p(pos, weight)"
)


def _dense(weight: str = "") -> str:
    where = f" FILTER (WHERE x.weight = '{weight}')" if weight else ""
    return f"count(*){where} = coalesce(max(x.pos){where} - min(x.pos){where} + 1, 0)"


STREAMS = (
    "SELECT w.work_id, s.title, s.creator, s.everything, s.dense FROM {table} w "
    "CROSS JOIN LATERAL (SELECT "
    "coalesce(string_agg(x.tok, ' ' ORDER BY x.pos) FILTER (WHERE x.weight = 'A'), '') title, "
    "coalesce(string_agg(x.tok, ' ' ORDER BY x.pos) FILTER (WHERE x.weight = 'B'), '') creator, "
    "coalesce(string_agg(x.tok, ' ' ORDER BY x.pos), '') everything, "
    f"{_dense()} AND {_dense('A')} AND {_dense('B')} AS dense "
    f"FROM ({_TOKENS}) x) s WHERE w.document IS NOT NULL AND "
)


def _spaced(rows: Sequence[tuple[int, str]]) -> str:
    tokens, previous = [], None
    for position, token in rows:
        if previous is not None and position != previous + 1:
            tokens.append(GAP)
        tokens.append(token)
        previous = position
    return " ".join(tokens)


def _exact(cursor, work_id: int, table: str) -> tuple[str, str, str]:
    """A long work's streams with GAP tokens where positions skip or repeat."""
    cursor.execute(
        f"SELECT x.pos, x.weight, x.tok FROM {table} w, LATERAL ({_TOKENS}) x "
        "WHERE w.work_id = %s ORDER BY x.pos, x.tok",
        [work_id],
    )
    rows = cursor.fetchall()
    by = {w: [(p, t) for p, weight, t in rows if weight == w] for w in "AB"}
    return _spaced(by["A"]), _spaced(by["B"]), _spaced([(p, t) for p, _, t in rows])


def _finished(cursor, rows, table: str = TABLE) -> list[tuple[int, str, str, str]]:
    return [
        (work_id, title, creator, everything)
        if dense
        else (work_id, *_exact(cursor, work_id, table))
        for work_id, title, creator, everything, dense in rows
    ]


def streams_of(
    cursor, work_ids: Sequence[int], table: str = TABLE
) -> list[tuple[int, str, str, str]]:
    """(work id, title tokens, creator tokens, every token) of these works, as indexed now
    (`table`: another with work_id and document columns, for tests)."""
    cursor.execute(STREAMS.format(table=table) + "w.work_id = ANY(%s)", [list(work_ids)])
    return _finished(cursor, cursor.fetchall(), table)


def write_rows(db: sqlite3.Connection, work_ids: Iterable[int], rows) -> None:
    """Replace these works' rows (a work without a row now was removed)."""
    db.executemany("DELETE FROM search_fts WHERE rowid = ?", [(w,) for w in work_ids])
    _insert(db, rows)


def _insert(db: sqlite3.Connection, rows) -> None:
    db.executemany(
        f"INSERT INTO search_fts (rowid, {', '.join(TEXT_FIELDS)}) VALUES (?, ?, ?, '', '', '', ?)",
        rows,
    )


class AlreadyBuilding(Exception):
    pass


def build(on_batch: Callable[[int], None] | None = None) -> Path:
    """Write a whole new file from the database, then put it in place of the old one."""
    folder = text_folder()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyBuilding("another process is building it") from None
        for leftover in folder.glob("building-*.sqlite3"):  # from a build that died
            remove_file(leftover)
        scratch = folder / f"building-{os.getpid()}.sqlite3"
        db = sqlite3.connect(scratch, isolation_level=None)
        try:
            _fill(db, on_batch)
            db.execute("PRAGMA journal_mode = WAL")
        finally:
            db.close()
        done = folder / f"text-{time.time_ns():020d}.sqlite3"
        os.rename(scratch, done)
        for old in folder.glob("text-*.sqlite3"):
            if old != done:
                remove_file(old)  # a process still reading one keeps it until it moves on
    return done


def _fill(db: sqlite3.Connection, on_batch) -> None:
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    db.execute(CREATE_TABLE)
    for statement in CREATE_STATE:
        db.execute(statement)
    with connection.cursor() as cursor:
        # Changes already in what is read below; one committed later with a lower number is
        # still replayed (the last LOOKBACK numbers are checked again), as for the bitmaps.
        cursor.execute("SELECT coalesce(max(seq), 0) FROM search_indexchange")
        top = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM search_indexchange WHERE seq > %s", [top - LOOKBACK])
        applied = [(seq,) for (seq,) in cursor.fetchall()]
        identity = database_identity(cursor)
        last = 0
        size = settings.FANSHELF_SEARCH_LOCAL_TEXT_BATCH
        while True:
            cursor.execute(
                STREAMS.format(table=TABLE) + "w.work_id > %s ORDER BY w.work_id LIMIT %s",
                [last, size],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            db.execute("BEGIN")
            _insert(db, _finished(cursor, rows))
            db.execute("COMMIT")
            last = rows[-1][0]
            if on_batch:
                on_batch(len(rows))
    db.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    db.executemany("INSERT INTO local_applied VALUES (?)", applied)
    db.executemany(
        "INSERT INTO local_state VALUES (?, ?)",
        [("last_seq", str(top)), ("database", identity), ("built_at", str(time.time()))],
    )


def build_in_background() -> threading.Thread:
    """A thread that builds the file (searches ask PostgreSQL meanwhile)."""

    def run():
        started = time.monotonic()
        try:
            path = build()
            log.info("Built %s in %.0f s.", path.name, time.monotonic() - started)
        except AlreadyBuilding:
            pass
        except Exception:
            log.exception("Building the local search text failed.")
        finally:
            connections.close_all()  # this thread's own

    thread = threading.Thread(target=run, name="local-search-text", daemon=True)
    thread.start()
    return thread


def start_at_server_start() -> None:
    """An app server builds the file in the background when it is missing or can't catch up,
    and keeps it current from then on."""
    LOCAL.auto_build = True
    if LOCAL.enabled():
        LOCAL.ready()  # opens and catches up, or starts a build


__all__ = ["build", "build_in_background", "current_file", "start_at_server_start", "token_of"]
