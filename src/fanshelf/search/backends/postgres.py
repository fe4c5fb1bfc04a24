"""PostgreSQL: a weighted tsvector column on search_workindex with a GIN index holds the text
(title A, creator B, tags C, summary, notes and story D); filters and sorting use the shared
index tables. The 'simple' configuration keeps every language's words as written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.conf import settings
from django.db import connection, transaction

from ..query import TextTerm
from .base import SearchBackend
from .local_text import LOCAL, TextKey, local_query
from .shapes import INDEX_COLUMNS, TEXT_FIELDS, WorkDocument
from .sqlite import ids_from_text

ADD_COLUMN = (
    "ALTER TABLE search_workindex ADD COLUMN IF NOT EXISTS document tsvector",
    "CREATE INDEX IF NOT EXISTS si_document ON search_workindex USING gin (document)",
)
DROP_COLUMN = ("ALTER TABLE search_workindex DROP COLUMN IF EXISTS document",)
FIELD_WEIGHTS = {"title": "A", "creator": "B"}
DOCUMENT = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def _phrase(term: TextTerm) -> str:
    if term.alternatives:
        return "(" + " | ".join(_phrase(option) for option in term.alternatives) + ")"
    # Words are letters and digits only (query.words_of), so quoting them is safe.
    weight = f":{FIELD_WEIGHTS[term.field]}" if term.field else ""
    return "(" + " <-> ".join(f"'{word}'{weight}" for word in term.words) + ")"


def tsquery(terms: Sequence[TextTerm]) -> str:
    return " & ".join(("!" if t.negated else "") + _phrase(t) for t in terms)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def write_text(self, cursor, documents: Sequence[WorkDocument]) -> None:
        cursor.executemany(
            f"UPDATE search_workindex SET document = {DOCUMENT} WHERE work_id = %s",
            [
                (
                    d.text["title"],
                    d.text["creator"],
                    d.text["tags"],
                    " ".join((d.text["summary"], d.text["notes"], d.text["body"])),
                    d.work_id,
                )
                for d in documents
            ],
        )

    def remove_text(self, cursor, work_ids: list[int]) -> None:
        """The text goes with the search_workindex row."""

    def bulk_loader(self, tables: Sequence[str]) -> PostgresBulkLoader:
        return PostgresBulkLoader(tables)

    def optimize(self) -> None:
        """Fresh statistics, and (outside a transaction) a visibility map so index-only scans
        of the filter table skip the heap."""
        tables = "search_workindex, search_workfilter, search_tagcount"
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute(f"ANALYZE {tables}")
            else:
                cursor.execute(f"VACUUM (ANALYZE) {tables}")

    def search(self, plan):
        # Search statements are short: on a small machine, parallel workers and JIT compiling
        # cost more than they save. SET LOCAL keeps this to the search's own transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute("SET LOCAL jit = off")
            # Room for an exact bitmap of a common word's matches: no page read twice.
            cursor.execute(
                f"SET LOCAL work_mem = '{int(settings.FANSHELF_SEARCH_PG_WORK_MEM_MB)}MB'"
            )
            return super().search(plan)

    def id_list(self, work_ids):
        return "SELECT unnest(%s::int[])"

    def id_params(self, work_ids):
        return [list(work_ids)]

    def text_matches(self, cursor, plan):
        if not plan.terms:
            return None, None
        wanted = any(not t.negated for t in plan.terms)
        # A query of only negated terms can't use the text index: find what it must not match.
        terms = plan.terms if wanted else [replace(t, negated=False) for t in plan.terms]
        query = tsquery(terms) if wanted else " | ".join(tsquery([t]) for t in terms)
        ids = self._text_found(cursor, TextKey(query, local_query(plan.terms)))
        return (ids, None) if wanted else (None, ids)

    def text_find(self, cursor, expression):
        """The local text file answers when it is ready (local_text.py), else PostgreSQL."""
        found = LOCAL.find(expression.local)
        if found is not None:
            return found
        cursor.execute(
            "SELECT string_agg(work_id::text, ',') FROM search_workindex "
            "WHERE document @@ to_tsquery('simple', %s)",
            [expression.pg],
        )
        return ids_from_text(cursor.fetchone()[0])

    def text_among(self, expressions, work_ids):
        local = LOCAL.among([key.local for key in expressions], work_ids)
        if local is not None:
            return {key: local.get(key.local, []) for key in expressions}
        by_query = {key.pg: key for key in expressions}
        found: dict[TextKey, list[int]] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT q.expression, w.work_id FROM search_workindex w "
                "CROSS JOIN unnest(%s::text[]) AS q(expression) WHERE w.work_id = ANY(%s) "
                "AND w.document @@ to_tsquery('simple', q.expression)",
                [list(by_query), list(work_ids)],
            )
            for expression, work_id in cursor.fetchall():
                found.setdefault(by_query[expression], []).append(work_id)
        return found

    def text_clauses(self, terms, *, mode):
        if not terms:
            return [], []
        return ["w.document @@ to_tsquery('simple', %s)"], [tsquery(terms)]

    def rank_among(self, cursor, plan, candidates):
        cursor.execute(
            "SELECT work_id FROM search_workindex WHERE work_id = ANY(%s) "
            "ORDER BY ts_rank_cd(document, to_tsquery('simple', %s)) DESC, work_id DESC "
            "LIMIT %s OFFSET %s",
            [candidates, tsquery(plan.terms), plan.limit, plan.offset],
        )
        return [row[0] for row in cursor.fetchall()]


class PostgresBulkLoader:
    """Load many rows fast: COPY, with secondary indexes dropped and rebuilt after. Work index
    rows arrive with their text in a staging table; the tsvectors are built in one statement
    at the end."""

    def __init__(self, tables: Sequence[str]):
        self.tables = [*tables, "search_workindex"]
        self.indexes: list[str] = []

    def __enter__(self):
        connection.ensure_connection()
        self.db = connection.connection
        # Inside a caller's transaction (tests) the loader joins it instead of committing.
        self.managed = not connection.in_atomic_block
        self.cursor = self.db.cursor()
        self.cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
            [self.tables],
        )
        # Inside a caller's transaction, rows may have pending foreign-key checks, and an
        # index can't be built then: keep the indexes.
        for name, definition in self.cursor.fetchall() if self.managed else ():
            self.cursor.execute(f'DROP INDEX "{name}"')
            self.indexes.append(definition)
        self.cursor.execute("DROP TABLE IF EXISTS search_load")
        self.cursor.execute(
            "CREATE UNLOGGED TABLE search_load AS SELECT "
            f"{', '.join(INDEX_COLUMNS)} FROM search_workindex WITH NO DATA"
        )
        for column in TEXT_FIELDS:
            self.cursor.execute(f"ALTER TABLE search_load ADD COLUMN {column} text")
        self.commit()
        return self

    def insert(self, table: str, columns: Sequence[str], rows) -> None:
        with self.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def insert_index(self, rows) -> None:
        """Rows of the work index followed by the text fields."""
        self.insert("search_load", (*INDEX_COLUMNS, *TEXT_FIELDS), rows)

    def commit(self) -> None:
        if self.managed:
            self.db.commit()

    def __exit__(self, *exc):
        if exc[0] is None:
            self.cursor.execute(
                f"INSERT INTO search_workindex ({', '.join(INDEX_COLUMNS)}, document) "
                f"SELECT {', '.join(INDEX_COLUMNS)}, "
                "setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', creator), 'B') || "
                "setweight(to_tsvector('simple', tags), 'C') || "
                "setweight(to_tsvector('simple', concat_ws(' ', summary, notes, body)), 'D') "
                "FROM search_load"
            )
        self.cursor.execute("DROP TABLE IF EXISTS search_load")
        for definition in self.indexes:
            self.cursor.execute(definition)
        if self.managed:  # the planner needs statistics for the new rows at once
            for table in self.tables:
                self.cursor.execute(f"ANALYZE {table}")
        self.commit()
        return False
