"""PostgreSQL deployments: which works a text query matches, from a SQLite FTS5 file on this
machine instead of the database.

PostgreSQL's GIN index gives row addresses, and learning the work id of every match visits every
matching heap row (hundreds of milliseconds for a common word at a million works). The file
under FANSHELF_HOME/search-text holds the same text as search_fts on SQLite (its CREATE
statement and query syntax, rowid = work id), read from PostgreSQL's own tsvectors
(local_text_build.py), so it matches exactly what PostgreSQL matches:

- every lexeme PostgreSQL indexed is one token, in position order: plain ones ([a-z0-9]+) as
  they are, any other (accents, "well-known", "doctor/missy", "3.14", CJK) as U+E000 and its
  UTF-8 in hex, which FTS5's tokenizer leaves whole; a query word is written the same way;
- where positions skip (a lexeme's occurrences past the 256th) or repeat (words past the
  16,383rd share that position), a U+E001 token stands between, so no phrase spans it;
- `body` holds every lexeme (PostgreSQL phrases run on across fields), `title` and `creator`
  the A and B weighted ones for title: and creator: terms.

Query words are read as PostgreSQL's parser reads them (_pg_words). Where they still differ: a
phrase whose earlier word sits at position 16,382 and later word at 16,383 matches in PostgreSQL
for every word at 16,383, here only for the first (test_local_text.py shows it).

The file follows search_indexchange as the bitmaps do (bitmaps.py), recording in the same
SQLite transaction as the rows which changes it applied, so gunicorn workers sharing it apply
each change once. Until a file is ready (being built, too far behind, from another database,
damaged), searches ask PostgreSQL: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from pyroaring import BitMap

from ..bitmaps import LOOKBACK, changes_since
from ..query import TextTerm
from .sqlite import expression_of, ids_from_text, match_expressions

log = logging.getLogger(__name__)
ENCODED = "\ue000"  # starts a lexeme written in hex
GAP = "\ue001"  # stands where positions skip: no phrase matches across it
_PLAIN = re.compile(r"[a-z0-9]+", re.ASCII)
CREATE_STATE = (
    "CREATE TABLE IF NOT EXISTS local_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS local_applied (seq INTEGER PRIMARY KEY)",
)
EVERY_WORK = 0
BUILD_RETRY_SECONDS = 300  # a build that left no usable file is tried again after this


class TextKey(NamedTuple):
    """A text query both ways: a tsquery for PostgreSQL, an FTS5 query for the local file."""

    pg: str
    local: str


class NotReady(Exception):
    """The local file can't answer now; PostgreSQL does."""


def token_of(lexeme: str) -> str:
    return lexeme if _PLAIN.fullmatch(lexeme) else ENCODED + lexeme.encode().hex()


def _pg_words(word: str) -> list[str]:
    """A query word as PostgreSQL's parser reads it: other numbers ("½", "²": category No)
    are not letters or digits to it, so they split a word, and a word of only them is
    dropped from its query."""
    if word.isascii():
        return [word]
    pieces, piece = [], ""
    for char in word:
        if unicodedata.category(char) == "No":
            pieces.append(piece)
            piece = ""
        else:
            piece += char
    return [p for p in (*pieces, piece) if p]


def _local(term: TextTerm) -> TextTerm | None:
    """The term in the file's tokens; None when PostgreSQL would drop it (no words left)."""
    if term.alternatives:
        options = tuple(o for o in map(_local, term.alternatives) if o is not None)
        return replace(term, alternatives=options) if options else None
    words = tuple(token_of(piece) for word in term.words for piece in _pg_words(word))
    return replace(term, words=words) if words else None


def local_query(terms: tuple[TextTerm, ...]) -> str:
    """The FTS5 query the local file answers for these terms: what must match less what must
    not, or, with only negated terms, what must not match ("": nothing matches)."""
    local = [t for t in map(_local, terms) if t is not None]
    return expression_of(local) or match_expressions(local)[1]


def text_folder() -> Path:
    return settings.FANSHELF_HOME / "search-text"


def current_file() -> Path | None:
    """The newest finished file (builds finish by renaming into text-<time>.sqlite3)."""
    try:
        names = sorted(p.name for p in text_folder().glob("text-*.sqlite3"))
    except OSError:
        return None
    return text_folder() / names[-1] if names else None


def database_identity(cursor) -> str:
    """Which database a file was built from: a file left from another is never used."""
    cursor.execute(
        "SELECT current_database() || ':' || oid::text FROM pg_database "
        "WHERE datname = current_database()"
    )
    return cursor.fetchone()[0]


def open_file(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=2, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA synchronous = NORMAL")
    return db


class LocalText:
    def __init__(self):
        self.lock = threading.Lock()
        self.db: sqlite3.Connection | None = None
        self.path: Path | None = None
        self.identity_checked = False
        self.unusable: Path | None = None  # the current file, known stale until a new one
        self.auto_build = False  # app servers build a missing or stale file (wsgi.py)
        self.builder: threading.Thread | None = None
        self.build_started = -BUILD_RETRY_SECONDS

    def enabled(self) -> bool:
        return settings.FANSHELF_SEARCH_LOCAL_TEXT and connection.vendor == "postgresql"

    # Answering ----------------------------------------------------------------------------

    def find(self, expression: str) -> BitMap | None:
        """Every work the FTS5 query matches, or None when PostgreSQL must answer."""
        if not expression:
            return BitMap() if self.ready() else None
        with self.lock:
            db = self._ready()
            if db is None:
                return None
            try:
                row = db.execute(
                    "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?",
                    [expression],
                ).fetchone()
            except sqlite3.Error as error:
                self._trouble(error)
                return None
        return ids_from_text(row[0])

    def among(self, expressions: list[str], work_ids: list[int]) -> dict[str, list[int]] | None:
        """For each FTS5 query, which of `work_ids` it matches; None: ask PostgreSQL."""
        with self.lock:
            db = self._ready()
            if db is None:
                return None
            found = {}
            try:
                for expression in filter(None, expressions):
                    rows = db.execute(
                        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN "
                        "(SELECT value FROM json_each(?))",  # as SqliteBackend.id_list
                        [expression, json.dumps(list(work_ids))],
                    ).fetchall()
                    found[expression] = [row[0] for row in rows]
            except sqlite3.Error as error:
                self._trouble(error)
                return None
        return found

    def ready(self) -> bool:
        with self.lock:
            return self._ready() is not None

    # Keeping current ----------------------------------------------------------------------

    def _ready(self) -> sqlite3.Connection | None:
        """The open file, caught up with the change log; None if it can't answer now."""
        if not self.enabled():
            return None
        path = current_file()
        if path is None or path == self.unusable:
            self._close()
            self._need_build()
            return None
        if path != self.path:
            self._close()
            try:
                self.db, self.path = open_file(path), path
            except sqlite3.Error as error:
                self._failed(error, path)
                return None
        try:
            self._catch_up(self.db)
        except NotReady as why:
            log.info("Local search text %s is not used: %s", path.name, why)
            self.unusable = path
            self._close()
            self._need_build()
            return None
        except sqlite3.Error as error:
            self._trouble(error)
            return None
        return self.db

    def _catch_up(self, db: sqlite3.Connection) -> None:
        from .local_text_build import streams_of, write_rows

        last, applied = self._position(db)
        with connection.cursor() as cursor:
            if not self.identity_checked:
                state = dict(db.execute("SELECT key, value FROM local_state"))
                if state.get("database") != database_identity(cursor):
                    raise NotReady("built from another database")
                self.identity_checked = True
            cursor.execute("SELECT coalesce(max(seq), 0) FROM search_indexchange")
            if cursor.fetchone()[0] < last:
                raise NotReady("ahead of the database's change log")
            fresh = changes_since(cursor, last, applied)
            if not fresh:
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                # Another worker may have applied some meanwhile: look again inside the lock.
                last, applied = self._position(db)
                fresh = changes_since(cursor, last, applied)
                works = sorted({work for _, work, counters in fresh if not counters})
                if EVERY_WORK in works:
                    raise NotReady("the whole index was rebuilt")
                if len(works) > settings.FANSHELF_SEARCH_LOCAL_TEXT_CATCHUP_WORKS:
                    raise NotReady(f"{len(works):,} works changed since it was written")
                if works:
                    write_rows(db, works, streams_of(cursor, works))
                self._record(db, fresh, last)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _position(db) -> tuple[int, set[int]]:
        row = db.execute("SELECT value FROM local_state WHERE key = 'last_seq'").fetchone()
        if row is None:
            raise NotReady("unfinished")
        last = int(row[0])
        applied = {seq for (seq,) in db.execute("SELECT seq FROM local_applied")}
        return last, applied

    @staticmethod
    def _record(db, fresh, last: int) -> None:
        last = max(last, fresh[-1][0])
        db.executemany("INSERT OR IGNORE INTO local_applied VALUES (?)", [(r[0],) for r in fresh])
        db.execute("DELETE FROM local_applied WHERE seq <= ?", [last - 2 * LOOKBACK])
        db.execute("UPDATE local_state SET value = ? WHERE key = 'last_seq'", [str(last)])

    # Trouble ------------------------------------------------------------------------------

    def _trouble(self, error: sqlite3.Error) -> None:
        """Damage sets the file aside; anything else (another worker holding it for long)
        only makes PostgreSQL answer this time."""
        message = str(error).lower()
        damaged = ("malformed", "not a database", "no such table", "corrupt")
        if not isinstance(error, sqlite3.OperationalError) or any(d in message for d in damaged):
            self._failed(error)

    def _failed(self, error: Exception, path: Path | None = None) -> None:
        """A damaged file: set it aside (never to be opened again) and build anew."""
        path = path or self.path
        log.warning("Local search text %s is damaged (%s); rebuilding it.", path, error)
        self._close()
        if path is not None:
            remove_file(path)
        self.build_started = -BUILD_RETRY_SECONDS  # a new file is due at once
        self._need_build()

    def _need_build(self) -> None:
        if not self.auto_build or (self.builder and self.builder.is_alive()):
            return
        if time.monotonic() - self.build_started < BUILD_RETRY_SECONDS:
            return  # a build just ended without a usable file: not again at every search
        from .local_text_build import build_in_background

        self.build_started = time.monotonic()
        self.builder = build_in_background()

    def _close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db, self.path, self.identity_checked = None, None, False

    def forget_after_fork(self) -> None:
        """A forked process starts without the parent's SQLite connection (closing it here
        could disturb the parent's), and with an open lock."""
        if self.db is not None:
            _INHERITED.append(self.db)
        self.db, self.path, self.identity_checked = None, None, False
        self.lock = threading.Lock()
        self.builder = None


_INHERITED: list[sqlite3.Connection] = []


def remove_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


LOCAL = LocalText()
os.register_at_fork(after_in_child=LOCAL.forget_after_fork)
