"""Writing the index tables shared by every engine: one row per work, one per (work, filter
tag), and the kept per-tag totals. A backend adds its engine's text (write_text, remove_text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection

from ..models import Audience, audience_of
from .shapes import ALL_WORKS, INDEX_COLUMNS, WorkDocument, placeholders


class IndexWriter:
    def write(self, documents: Sequence[WorkDocument], *, maintain_counts: bool = True) -> None:
        """Replace the index entries of these works (call inside a transaction)."""
        ids = [d.work_id for d in documents]
        if not ids:
            return
        with connection.cursor() as cursor:
            delta = self._forget_counts(cursor, ids) if maintain_counts else Counter()
            cursor.execute(
                f"DELETE FROM search_workfilter WHERE work_id IN ({placeholders(ids)})", ids
            )
            updates = ", ".join(f"{c} = excluded.{c}" for c in INDEX_COLUMNS[1:])
            cursor.executemany(
                f"INSERT INTO search_workindex ({', '.join(INDEX_COLUMNS)}) "
                f"VALUES ({placeholders(INDEX_COLUMNS)}) "
                f"ON CONFLICT (work_id) DO UPDATE SET {updates}",
                [d.row for d in documents],
            )
            cursor.executemany(
                "INSERT INTO search_workfilter (work_id, tag_id, audience) VALUES (%s, %s, %s)",
                [(d.work_id, tag_id, d.audience) for d in documents for tag_id in d.tag_ids],
            )
            self.write_text(cursor, documents)
            cursor.executemany(
                "UPDATE search_workindex SET source_changed_at = %s WHERE work_id = %s",
                [
                    (connection.ops.adapt_datetimefield_value(d.changed_at), d.work_id)
                    for d in documents
                    if d.changed_at is not None
                ],
            )
            log_changes(cursor, ids)
            if maintain_counts:
                for d in documents:
                    for level in range(1, d.audience + 1):
                        delta[(ALL_WORKS, level)] += 1
                        for tag_id in d.tag_ids:
                            delta[(tag_id, level)] += 1
                self._apply_counts(cursor, delta)

    def remove(self, work_ids: Sequence[int]) -> None:
        """Drop these works from the index (they were deleted)."""
        if not work_ids:
            return
        ids = list(work_ids)
        with connection.cursor() as cursor:
            delta = self._forget_counts(cursor, ids)
            self._apply_counts(cursor, delta)
            in_ids = placeholders(ids)
            cursor.execute(f"DELETE FROM search_workfilter WHERE work_id IN ({in_ids})", ids)
            cursor.execute(f"DELETE FROM search_workindex WHERE work_id IN ({in_ids})", ids)
            self.remove_text(cursor, ids)
            log_changes(cursor, ids)

    def set_visibility(self, work_id: int, *, posted: bool, hidden: bool, restricted: bool) -> None:
        """Change who sees an indexed work, and the counts with it, without rebuilding its entry
        (call inside the transaction that changed the work). A work not yet indexed counts
        nowhere, so there is nothing to change."""
        audience = audience_of(posted=posted, hidden=hidden, restricted=restricted)
        with connection.cursor() as cursor:
            delta = self._forget_counts(cursor, [work_id])
            cursor.execute(
                "UPDATE search_workindex SET posted = %s, hidden = %s, restricted = %s, "
                "audience = %s WHERE work_id = %s",
                [posted, hidden, restricted, audience, work_id],
            )
            if not cursor.rowcount:
                return
            cursor.execute(
                "UPDATE search_workfilter SET audience = %s WHERE work_id = %s", [audience, work_id]
            )
            cursor.execute("SELECT tag_id FROM search_workfilter WHERE work_id = %s", [work_id])
            tag_ids = [tag_id for (tag_id,) in cursor.fetchall()]
            for level in range(1, audience + 1):
                delta[(ALL_WORKS, level)] += 1
                for tag_id in tag_ids:
                    delta[(tag_id, level)] += 1
            self._apply_counts(cursor, delta)
            log_changes(cursor, [work_id])  # every server's bitmaps follow at its next search

    def _forget_counts(self, cursor, ids: list[int]) -> Counter:
        delta: Counter = Counter()
        in_ids = placeholders(ids)
        cursor.execute(
            f"SELECT audience, count(*) FROM search_workindex WHERE work_id IN ({in_ids}) "
            "AND audience > 0 GROUP BY audience",
            ids,
        )
        for audience, count in cursor.fetchall():
            for level in range(1, audience + 1):
                delta[(ALL_WORKS, level)] -= count
        cursor.execute(
            f"SELECT tag_id, audience, count(*) FROM search_workfilter WHERE work_id IN ({in_ids})"
            " AND audience > 0 GROUP BY tag_id, audience",
            ids,
        )
        for tag_id, audience, count in cursor.fetchall():
            for level in range(1, audience + 1):
                delta[(tag_id, level)] -= count
        return delta

    def _apply_counts(self, cursor, delta: Counter) -> None:
        changes = [(tag, audience, tag, n) for (tag, audience), n in delta.items() if n]
        cursor.executemany(
            "INSERT INTO search_tagcount (tag_id, audience, tag_type, works) "
            "SELECT %s, %s, coalesce((SELECT type FROM tags_tag WHERE id = %s), ''), %s "
            "ON CONFLICT (tag_id, audience) DO UPDATE "
            "SET works = search_tagcount.works + excluded.works",
            changes,
        )

    def recount(self) -> None:
        """Rebuild search_tagcount from the index (after a bulk load)."""
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_tagcount")
            for level in (Audience.MEMBERS, Audience.EVERYONE):
                cursor.execute(
                    "INSERT INTO search_tagcount (tag_id, audience, tag_type, works) "
                    "SELECT c.tag_id, %s, coalesce(t.type, ''), c.n FROM (SELECT tag_id, "
                    "count(*) AS n FROM search_workfilter WHERE audience >= %s GROUP BY tag_id) c "
                    "LEFT JOIN tags_tag t ON t.id = c.tag_id",
                    [level, level],
                )
                cursor.execute(
                    "INSERT INTO search_tagcount (tag_id, audience, tag_type, works) "
                    "SELECT %s, %s, '', count(*) FROM search_workindex WHERE audience >= %s",
                    [ALL_WORKS, level, level],
                )
            log_changes(cursor, [EVERY_WORK])

    def write_text(self, cursor, documents: Sequence[WorkDocument]) -> None:
        raise NotImplementedError

    def remove_text(self, cursor, work_ids: list[int]) -> None:
        raise NotImplementedError

    def optimize(self) -> None:
        """Refresh the planner's statistics after many writes."""


EVERY_WORK = 0  # a change row that stands for every work: processes reload their bitmaps


def log_changes(cursor, work_ids: Sequence[int], *, counters_only: bool = False) -> None:
    """Tell every process's bitmaps (bitmaps.py) that these works' index rows changed."""
    cursor.executemany(
        "INSERT INTO search_indexchange (work_id, at, counters_only) "
        "VALUES (%s, CURRENT_TIMESTAMP, %s)",
        [(work_id, counters_only) for work_id in work_ids],
    )


def chunks(values: Iterable, size: int) -> Iterable[list]:
    batch: list = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def stale_counters() -> list[tuple[int, int, int, int, int]]:
    """(hits, kudos, comments, bookmarks, work id) of indexed works whose counters moved on."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.hits, w.kudos_count, w.comment_count, w.bookmark_count, w.id "
            "FROM works_work w JOIN search_workindex i ON i.work_id = w.id "
            "WHERE w.hits <> i.hits OR w.kudos_count <> i.kudos "
            "OR w.comment_count <> i.comments OR w.bookmark_count <> i.bookmarks"
        )
        return cursor.fetchall()


def write_counters(rows: Sequence[tuple[int, int, int, int, int]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_workindex SET hits = %s, kudos = %s, comments = %s, bookmarks = %s "
            "WHERE work_id = %s",
            rows,
        )
        log_changes(cursor, [row[-1] for row in rows], counters_only=True)
