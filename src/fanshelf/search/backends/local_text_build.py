"""Writing the local text file (local_text.py) from PostgreSQL's tsvectors: whole, by
`fanshelf reindex --local-text` or in the background when a server starts without a usable
one, and a few works at a time as the change log moves on."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from ..bitmaps import change_log_position
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

# tsvector's text form: 'lexeme':position[weight],... (quotes doubled, backslashes escaped;
# weight D is not written).
_LEXEME = re.compile(r"'([^']*(?:''[^']*)*)'(?::([0-9A-D,]+))?")
_ESCAPE = re.compile(r"''|\\(.)")


_TOKENS: dict[str, str] = {}  # token_of each lexeme met lately (a vocabulary repeats)


def _token(raw: str) -> str:
    token = _TOKENS.get(raw)
    if token is None:
        if len(_TOKENS) > 200_000:
            _TOKENS.clear()
        lexeme = _ESCAPE.sub(lambda m: m.group(1) or "'", raw) if "'" in raw or "\\" in raw else raw
        token = _TOKENS[raw] = token_of(lexeme)
    return token


def _spaced(at: dict[int, str], positions: list[int]) -> str:
    """The tokens at these positions (in order), with GAP where positions skip."""
    if not positions or positions[-1] - positions[0] + 1 == len(positions):
        return " ".join([at[p] for p in positions])
    tokens, previous = [], positions[0] - 1
    for position in positions:
        if position != previous + 1:
            tokens.append(GAP)
        tokens.append(at[position])
        previous = position
    return " ".join(tokens)


def streams(document: str) -> tuple[str, str, str]:
    """(title tokens, creator tokens, every token) of a tsvector's text form (weights A, B,
    any). Lexemes sharing a position (PostgreSQL's last, 16,383) stand apart, GAP between."""
    at: dict[int, str] = {}
    weights: dict[int, str] = {}
    placed = 0
    for raw, places in _LEXEME.findall(document):
        if not places:
            continue  # a stripped tsvector: no positions, no phrases
        token = _token(raw)
        placed += places.count(",") + 1
        if "A" in places or "B" in places or "C" in places:
            for place in places.split(","):
                if place[-1] > "9":
                    weights[int(place[:-1])] = place[-1]
                    place = place[:-1]
                at[int(place)] = token
        else:  # weight D (the story): no letters to strip
            at.update(dict.fromkeys(map(int, places.split(",")), token))
    if len(at) < placed:
        at = _sharing(document)
    return (
        _spaced(at, sorted(p for p, w in weights.items() if w == "A")),
        _spaced(at, sorted(p for p, w in weights.items() if w == "B")),
        _spaced(at, sorted(at)),
    )


def _sharing(document: str) -> dict[int, str]:
    """Position -> token(s), where several lexemes at one position stand GAP apart."""
    at: dict[int, list[str]] = {}
    for raw, places in _LEXEME.findall(document):
        for place in places.split(",") if places else ():
            at.setdefault(int(place.rstrip("ABCD")), []).append(_token(raw))
    return {position: f" {GAP} ".join(sorted(tokens)) for position, tokens in at.items()}


def streams_of(
    cursor, work_ids: Sequence[int], table: str = TABLE
) -> list[tuple[int, str, str, str]]:
    """(work id, title tokens, creator tokens, every token) of these works, as indexed now
    (`table`: another with work_id and document columns, for tests)."""
    cursor.execute(
        f"SELECT work_id, document::text FROM {table} "
        "WHERE work_id = ANY(%s) AND document IS NOT NULL",
        [list(work_ids)],
    )
    return [(work_id, *streams(document)) for work_id, document in cursor.fetchall()]


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
        # As for the bitmaps: the changes already in what is read below.
        top, applied = change_log_position(cursor)
        identity = database_identity(cursor)
        last = 0
        size = settings.FANSHELF_SEARCH_LOCAL_TEXT_BATCH
        while True:
            cursor.execute(
                f"SELECT work_id, document::text FROM {TABLE} WHERE work_id > %s "
                "AND document IS NOT NULL ORDER BY work_id LIMIT %s",
                [last, size],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            db.execute("BEGIN")
            _insert(db, ((work_id, *streams(document)) for work_id, document in rows))
            db.execute("COMMIT")
            last = rows[-1][0]
            if on_batch:
                on_batch(len(rows))
    db.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    db.executemany("INSERT INTO local_applied VALUES (?)", [(seq,) for seq in applied])
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
