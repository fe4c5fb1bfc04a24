"""SQLite: an FTS5 table holds the text (rowid = work id, one column per field); filters and
sorting use the shared index tables."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
from django.db import connection
from pyroaring import BitMap

from ..bitmaps import bitmap_of
from ..query import TextTerm
from .base import SearchBackend
from .shapes import ALL_WORKS, INDEX_COLUMNS, TEXT_FIELDS, WorkDocument, placeholders

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5({', '.join(TEXT_FIELDS)}, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
DROP_TABLE = "DROP TABLE IF EXISTS search_fts"
# Best match weighs a word in the title above one in the tags, above one in the story.
BM25_WEIGHTS = (10.0, 4.0, 3.0, 2.0, 1.0, 1.0)
DENSITY_SAMPLE = 200  # matches read to estimate how common a text query is


def _phrase(term: TextTerm) -> str:
    if term.alternatives:
        return "(" + " OR ".join(_phrase(option) for option in term.alternatives) + ")"
    # Words are letters and digits only (query.words_of), so quoting them is safe.
    phrase = '"' + " ".join(term.words) + '"'
    return f"{{{term.field}}} : {phrase}" if term.field else phrase


def match_expressions(terms: Sequence[TextTerm]) -> tuple[str, str]:
    """(what must match, what must not), each an FTS5 query or ""."""
    wanted = " AND ".join(_phrase(t) for t in terms if not t.negated)
    unwanted = " OR ".join(_phrase(t) for t in terms if t.negated)
    return wanted, unwanted


def expression_of(terms: Sequence[TextTerm]) -> str:
    """One FTS5 query for the terms: what must match, less what must not (or "")."""
    wanted, unwanted = match_expressions(terms)
    return f"({wanted}) NOT ({unwanted})" if wanted and unwanted else wanted


class SqliteBackend(SearchBackend):
    vendor = "sqlite"
    without_index = "+"

    def write_text(self, cursor, documents: Sequence[WorkDocument]) -> None:
        ids = [d.work_id for d in documents]
        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({placeholders(ids)})", ids)
        cursor.executemany(
            f"INSERT INTO search_fts (rowid, {', '.join(TEXT_FIELDS)}) "
            f"VALUES (%s, {placeholders(TEXT_FIELDS)})",
            [(d.work_id, *(d.text[f] for f in TEXT_FIELDS)) for d in documents],
        )

    def remove_text(self, cursor, work_ids: list[int]) -> None:
        cursor.execute(
            f"DELETE FROM search_fts WHERE rowid IN ({placeholders(work_ids)})", work_ids
        )

    def bulk_loader(self, tables: Sequence[str]) -> SqliteBulkLoader:
        return SqliteBulkLoader(tables)

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def id_list(self, work_ids):
        return "SELECT value FROM json_each(%s)"  # one parameter, however many ids

    def id_params(self, work_ids):
        return [json.dumps(list(work_ids))]

    def text_matches(self, cursor, plan):
        wanted, unwanted = match_expressions(plan.terms)
        if not wanted and not unwanted:
            return None, None
        ids = self._text_found(cursor, expression_of(plan.terms) if wanted else unwanted)
        return (ids, None) if wanted else (None, ids)

    def text_find(self, cursor, expression):
        cursor.execute(
            "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s", [expression]
        )
        return ids_from_text(cursor.fetchone()[0])

    def text_among(self, expressions, work_ids):
        found = {}
        with connection.cursor() as cursor:
            for expression in expressions:
                cursor.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid IN "
                    f"({self.id_list(work_ids)})",
                    [expression, *self.id_params(work_ids)],
                )
                found[expression] = [row[0] for row in cursor.fetchall()]
        return found

    def text_mode(self, cursor, plan):
        """Estimate how many works match from how far apart the first matches lie (rowids are
        work ids), then walk the sort order checking each row when matches are common, and
        gather them first when they are rare."""
        wanted, _ = match_expressions(plan.terms)
        if not wanted:
            return "gather"
        cursor.execute(
            "SELECT count(*), min(rowid), max(rowid) FROM (SELECT rowid FROM search_fts "
            "WHERE search_fts MATCH %s LIMIT %s)",
            [expression_of(plan.terms), DENSITY_SAMPLE],
        )
        found, first, last = cursor.fetchone()
        if found < DENSITY_SAMPLE:
            return "gather"
        density = found / (last - first + 1)
        works = self._tag_count(cursor, ALL_WORKS, plan.audience_min)
        # Probing walks about needed / density rows; gathering reads density * works matches.
        if (plan.offset + plan.limit) / density < density * works:
            return "probe"
        return "gather"

    def text_clauses(self, terms, *, mode):
        wanted, unwanted = match_expressions(terms)
        if not wanted and not unwanted:
            return [], []
        if not wanted:
            return ["w.work_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"], [
                unwanted
            ]
        expression = expression_of(terms)
        if mode == "probe":
            return [
                "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s "
                "AND search_fts.rowid = w.work_id)"
            ], [expression]
        return ["w.work_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"], [
            expression
        ]

    def rank_among(self, cursor, plan, candidates):
        # FTS5 reads a rowid range quickly but an IN list one lookup at a time: score the
        # matches between the oldest and newest candidate and keep the candidates.
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        cursor.execute(
            f"SELECT rowid, bm25(search_fts, {weights}) FROM search_fts "
            "WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s",
            [expression_of(plan.terms), min(candidates), max(candidates)],
        )
        wanted = set(candidates)
        scored = sorted(
            (score, -work_id) for work_id, score in cursor.fetchall() if work_id in wanted
        )
        return [-negative for _, negative in scored[plan.offset : plan.offset + plan.limit]]


def ids_from_text(joined: str | None) -> BitMap:
    """A bitmap from comma-separated work ids (group_concat: one row, not a row per match)."""
    if not joined:
        return BitMap()
    return bitmap_of(np.fromstring(joined, dtype=np.uint32, sep=","))


class SqliteBulkLoader:
    """Load many rows fast: no per-row index upkeep (secondary indexes are dropped and rebuilt
    after), no fsync, no foreign-key checks; one transaction per chunk."""

    def __init__(self, tables: Sequence[str]):
        self.tables = list(tables)
        self.indexes: list[str] = []

    def __enter__(self):
        connection.ensure_connection()
        self.db = connection.connection
        # Inside a caller's transaction (tests) the loader joins it instead of managing its own.
        self.managed = not connection.in_atomic_block
        if self.managed:
            self.db.execute("PRAGMA foreign_keys = OFF")
            self.db.execute("PRAGMA synchronous = OFF")
            self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.execute("PRAGMA cache_size = -1000000")
        marks = ", ".join("?" * len(self.tables))
        rows = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            self.tables,
        ).fetchall()
        for name, sql in rows if self.managed else ():
            self.db.execute(f'DROP INDEX "{name}"')
            self.indexes.append(sql)
        # Django keeps the sqlite3 connection in autocommit mode: take explicit transactions.
        self._begin()
        return self

    def _begin(self) -> None:
        if self.managed:
            self.db.execute("BEGIN IMMEDIATE")

    def insert(self, table: str, columns: Sequence[str], rows) -> None:
        marks = ", ".join("?" * len(columns))
        self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def insert_index(self, rows) -> None:
        """Rows of the work index followed by the text fields."""
        split = len(INDEX_COLUMNS)
        rows = list(rows)
        self.insert("search_workindex", INDEX_COLUMNS, (r[:split] for r in rows))
        self.insert("search_fts", ("rowid", *TEXT_FIELDS), ((r[0], *r[split:]) for r in rows))

    def commit(self) -> None:
        if self.managed:
            self.db.execute("COMMIT")
        self._begin()

    def __exit__(self, *exc):
        if self.managed:
            self.db.execute("COMMIT" if exc[0] is None else "ROLLBACK")
        for sql in self.indexes:
            self.db.execute(sql)
        if self.managed:
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
        return False
