"""Exact counts and facets from memory: per-tag roaring bitmaps of work ids and one numpy array
per filter column, read from the index tables and kept current from search_indexchange.

Every search first replays the changes logged since this process last looked (one indexed
query), so a work indexed by any process or worker is counted by every app server's next search
once its transaction has committed. A full reload happens after a bulk load (a change row with
work id 0) or when more than FANSHELF_SEARCH_BITMAP_RELOAD_CHANGES works changed at once.
"""

from __future__ import annotations

import array
import datetime
import gc
import heapq
import os
import threading
from collections.abc import Iterable

import numpy as np
from django.conf import settings
from django.db import connection
from pyroaring import BitMap

from .backends.shapes import FIXED_TYPES, RANGE_COLUMNS, Plan, placeholders
from .models import Audience
from .query import Crossovers
from .text_cache import TextCache
from .work_tags import WorkTags

# Numeric columns kept as arrays indexed by work id; dates as days and seconds since 1970.
NUMERIC = (
    "rating_id",
    "fandom_count",
    "complete",
    "chapter_count",
    "word_count",
    "hits",
    "kudos",
    "comments",
    "bookmarks",
    "anonymous",
)
EPOCH_DAY = datetime.date(1970, 1, 1)
EPOCH_MOMENT = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
RESORT_AFTER = 1000  # works changed before the walk's tag order is sorted anew
LOOKBACK = 200  # change rows re-read each time, for transactions that commit out of order
FETCH = 50_000


def change_log_position(cursor) -> tuple[int, set[int]]:
    """(the newest change number, the numbers of the changes already in what is read next).
    A change committed later with a lower number than the newest is still replayed."""
    cursor.execute("SELECT coalesce(max(seq), 0) FROM search_indexchange")
    top = cursor.fetchone()[0]
    cursor.execute("SELECT seq FROM search_indexchange WHERE seq > %s", [top - LOOKBACK])
    return top, {row[0] for row in cursor.fetchall()}


def changes_since(cursor, last_seq: int, applied: set[int]) -> list[tuple[int, int, bool]]:
    """(number, work id, counters only) of the changes not applied yet, in order: the last
    LOOKBACK numbers are read again for those that committed late."""
    cursor.execute(
        "SELECT seq, work_id, counters_only FROM search_indexchange WHERE seq > %s ORDER BY seq",
        [max(last_seq - LOOKBACK, 0)],
    )
    return [row for row in cursor.fetchall() if row[0] not in applied]


def bitmap_of(ids: np.ndarray) -> BitMap:
    """A bitmap from a numpy array of work ids (through array.array: pyroaring reads its
    buffer at once, while it would iterate a numpy array element by element)."""
    return BitMap(array.array("I", np.ascontiguousarray(ids, dtype=np.uint32).tobytes()))


def ids_of(found: BitMap) -> np.ndarray:
    return np.frombuffer(found.to_array(), dtype=np.uint32).astype(np.int64)


def _day(value: datetime.date) -> int:
    return (value - EPOCH_DAY).days


def _microsecond(value: datetime.datetime) -> int:
    return (value - EPOCH_MOMENT) // datetime.timedelta(microseconds=1)


class BitmapIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.loaded = False
        self.applied: set[int] = set()
        self.last_seq = 0
        self.text = TextCache()

    # Reading the index tables ------------------------------------------------------------

    def _day_sql(self) -> tuple[str, str]:
        if connection.vendor == "postgresql":
            return (
                "(published_on - DATE '1970-01-01')",
                "CAST(extract(epoch FROM revised_at) * 1000000 AS BIGINT)",
            )
        return (
            "CAST(julianday(published_on) - 2440587.5 AS INTEGER)",
            "CAST(strftime('%%s', revised_at) AS INTEGER) * 1000000 "
            "+ CAST(substr(revised_at || '.000000', 21, 6) AS INTEGER)",
        )

    def _rows_sql(self, where: str = "") -> str:
        day, second = self._day_sql()
        return (
            f"SELECT work_id, audience, language, {day}, {second}, {', '.join(NUMERIC)} "
            f"FROM search_workindex {where}"
        )

    def reload(self) -> None:
        """Read everything anew into fresh structures, then swap them in, so a search running
        in another thread meanwhile keeps reading whole ones."""
        fresh = BitmapIndex()
        fresh._build()
        self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "lock"})
        # What was just read lives until the next reload: keep Python's cycle collector from
        # walking it (100,000 tag bitmaps in a dict) at every full collection, a pause of about
        # 20 ms at a million works that landed on whichever search was running. Garbage is
        # collected first, so none is kept for good.
        gc.collect()
        gc.freeze()

    def _build(self) -> None:
        with connection.cursor() as cursor:
            top, applied = change_log_position(cursor)
            cursor.execute("SELECT coalesce(max(work_id), 0) FROM search_workindex")
            size = cursor.fetchone()[0] + 1
            # 32 bits per value, except microseconds: a million works take 4 MB a column.
            self.columns = {name: np.zeros(size, np.int32) for name in NUMERIC}
            self.columns["published"] = np.zeros(size, np.int32)
            self.columns["revised"] = np.zeros(size, np.int64)
            self.columns["language"] = np.zeros(size, np.int32)
            self.languages: dict[str, int] = {}
            self.members, self.everyone = BitMap(), BitMap()
            cursor.execute(self._rows_sql(), [])
            while rows := cursor.fetchmany(FETCH):
                self._store_rows(rows)
            self.tags: dict[int, BitMap] = {}
            self.types: dict[int, str] = {}
            self._load_filters(cursor)
            cursor.execute("SELECT id, type FROM tags_tag")
            self.types.update(cursor.fetchall())
        self.work_tags = WorkTags(self.tags, self.types, len(self.columns["word_count"]))
        self.fixed_tags = {t for t, kind in self.types.items() if kind in FIXED_TYPES}
        self.by_size: dict[str, list[int]] | None = None
        self.walk_sizes: dict[int, int] = {}
        self.walk_slack = 0
        self.last_seq, self.applied, self.loaded = top, applied, True

    def _load_filters(self, cursor) -> None:
        from .backends.sqlite import ids_from_text

        joined = (
            "string_agg(work_id::text, ',')"
            if connection.vendor == "postgresql"
            else ("group_concat(work_id)")
        )
        cursor.execute(
            f"SELECT tag_id, {joined} FROM search_workfilter WHERE audience > 0 GROUP BY tag_id"
        )
        while rows := cursor.fetchmany(1000):
            for tag_id, work_ids in rows:
                self.tags[tag_id] = ids_from_text(work_ids)

    def _grow(self, size: int) -> None:
        current = len(self.columns["word_count"])
        if size <= current:
            return
        size = max(size, current * 5 // 4)
        for name, values in self.columns.items():
            grown = np.zeros(size, values.dtype)
            grown[:current] = values
            self.columns[name] = grown

    def _store_rows(self, rows: list[tuple]) -> None:
        self._grow(max(row[0] for row in rows) + 1)
        ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
        for position, name in enumerate(("published", "revised", *NUMERIC), start=3):
            values = [row[position] for row in rows]
            self.columns[name][ids] = np.array(
                [0 if v is None else int(v) for v in values], np.int64
            )
        codes = [self.languages.setdefault(row[2], len(self.languages) + 1) for row in rows]
        self.columns["language"][ids] = codes
        self.members.update(row[0] for row in rows if row[1] >= Audience.MEMBERS)
        self.everyone.update(row[0] for row in rows if row[1] >= Audience.EVERYONE)

    # Following changes --------------------------------------------------------------------

    def sync(self) -> None:
        with self.lock:
            if not self.loaded:
                self.reload()
                return
            with connection.cursor() as cursor:
                fresh = changes_since(cursor, self.last_seq, self.applied)
            if not fresh:
                return
            work_ids = {work for _, work, counters in fresh if not counters}
            if 0 in work_ids or len(work_ids) > settings.FANSHELF_SEARCH_BITMAP_RELOAD_CHANGES:
                self.reload()
                return
            if work_ids:
                self._apply(sorted(work_ids))
            counted = sorted({work for _, work, counters in fresh if counters} - work_ids)
            for start in range(0, len(counted), FETCH):
                self._copy_counters(counted[start : start + FETCH])
            self.applied.update(row[0] for row in fresh)
            self.last_seq = max(self.last_seq, fresh[-1][0])
            self.applied = {seq for seq in self.applied if seq > self.last_seq - 2 * LOOKBACK}

    def _copy_counters(self, work_ids: list[int]) -> None:
        from .backends import get_backend

        backend = get_backend()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT work_id, hits, kudos, comments, bookmarks FROM search_workindex "
                f"WHERE work_id IN ({backend.id_list(work_ids)})",
                backend.id_params(work_ids),
            )
            rows = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 5)
        self._grow(int(rows[:, 0].max()) + 1 if len(rows) else 0)
        for position, name in enumerate(("hits", "kudos", "comments", "bookmarks"), start=1):
            self.columns[name][rows[:, 0]] = rows[:, position]

    def _apply(self, work_ids: list[int]) -> None:
        """Read the changed works anew. Only the bitmaps of the tags they had are touched
        (their tags are in work_tags), so a write costs in proportion to the works it changed,
        not to the number of tags."""
        changed = BitMap(work_ids)
        self.members -= changed
        self.everyone -= changed
        had = set(self.fixed_tags)
        for work_id in work_ids:
            had.update(self.work_tags.tags_of(work_id).tolist())
        for tag_id in had:
            if tag_id in self.tags:
                self.tags[tag_id] -= changed
        with connection.cursor() as cursor:
            cursor.execute(self._rows_sql(f"WHERE work_id IN ({placeholders(work_ids)})"), work_ids)
            rows = cursor.fetchall()
            if rows:
                self._store_rows(rows)
            cursor.execute(
                "SELECT f.tag_id, f.work_id, t.type FROM search_workfilter f "
                "LEFT JOIN tags_tag t ON t.id = f.tag_id "
                f"WHERE f.audience > 0 AND f.work_id IN ({placeholders(work_ids)})",
                work_ids,
            )
            tags_of: dict[int, list[int]] = {}
            for tag_id, work_id, tag_type in cursor.fetchall():
                self.tags.setdefault(tag_id, BitMap()).add(work_id)
                self.types[tag_id] = tag_type or ""
                tags_of.setdefault(work_id, []).append(tag_id)
                if tag_type in FIXED_TYPES:
                    self.fixed_tags.add(tag_id)
        self.work_tags.update(work_ids, tags_of, self.types)
        if self.work_tags.worn:
            self.work_tags = WorkTags(self.tags, self.types, len(self.columns["word_count"]))
        self._loosen_order(work_ids, tags_of)
        from .backends import get_backend

        self.text.follow(work_ids, get_backend().text_among)

    def _loosen_order(self, work_ids: list[int], tags_of: dict[int, list[int]]) -> None:
        """The walk's biggest-first order stays usable after a few changes: no tag grew by
        more than the number of works changed since it was sorted (the walk's slack). A tag
        it doesn't list yet, or too much slack, means sorting again."""
        if self.by_size is None:
            return
        unlisted = any(
            t not in self.walk_sizes and self.types.get(t) not in FIXED_TYPES
            for tags in tags_of.values()
            for t in tags
        )
        self.walk_slack += len(work_ids)
        if unlisted or self.walk_slack > RESORT_AFTER:
            self.by_size = None

    # Answering -----------------------------------------------------------------------------

    def listed(self, audience_min: int) -> BitMap:
        return self.everyone if audience_min == Audience.EVERYONE else self.members

    def count_tag(self, among: BitMap, tag_id: int) -> int:
        tagged = self.tags.get(tag_id)
        return among.intersection_cardinality(tagged) if tagged else 0

    def matches(self, plan: Plan, text: BitMap | None = None, unwanted: BitMap | None = None):
        """The works the plan finds, as a bitmap. `text`: works the text terms match (None: no
        text to match); `unwanted`: works a negated-only text matches."""
        found = BitMap(self.listed(plan.audience_min))
        for group in plan.include_groups:
            found &= BitMap.union(*(self.tags.get(t, BitMap()) for t in group))
        if text is not None:
            found &= text
        if unwanted is not None:
            found -= unwanted
        if plan.exclude_ids:
            found -= BitMap.union(*(self.tags.get(t, BitMap()) for t in plan.exclude_ids))
        if plan.exclude_work_ids:
            found -= BitMap(plan.exclude_work_ids)
        conditions = list(self._conditions(plan))
        if not (conditions or plan.rating_ids or plan.language) or not found:
            return found
        ids = ids_of(found)
        keep = np.ones(len(ids), bool)
        for column, low, high in conditions:
            values = self.columns[column][ids]
            if low is not None:
                keep &= values >= low
            if high is not None:
                keep &= values <= high
        if plan.rating_ids:
            keep &= np.isin(self.columns["rating_id"][ids], plan.rating_ids)
        if plan.language:
            keep &= self.columns["language"][ids] == self.languages.get(plan.language, -1)
        return bitmap_of(ids[keep])

    @staticmethod
    def _conditions(plan: Plan) -> Iterable[tuple[str, int | None, int | None]]:
        for name, bounds in plan.ranges.items():
            yield RANGE_COLUMNS[name], bounds.low, bounds.high
        if plan.published:
            start, end = plan.published.start, plan.published.end
            yield "published", start and _day(start), end and _day(end)
        if plan.revised_from or plan.revised_before:
            before = plan.revised_before and _microsecond(plan.revised_before) - 1
            yield "revised", plan.revised_from and _microsecond(plan.revised_from), before
        if plan.complete is not None:
            yield "complete", int(plan.complete), int(plan.complete)
        if plan.single_chapter:
            yield "chapter_count", 1, 1
        if plan.crossovers == Crossovers.EXCLUDE:
            yield "fandom_count", None, 1
        elif plan.crossovers == Crossovers.ONLY:
            yield "fandom_count", 2, None
        if plan.max_fandoms is not None:
            yield "fandom_count", None, plan.max_fandoms
        if plan.hide_anonymous:
            yield "anonymous", 0, 0

    def facets(self, found: BitMap, per_type: int) -> list[tuple[int, str, int]]:
        """The per_type most frequent tags of each type among `found`: (tag id, type, count),
        exact, ties broken by the smaller tag id. Up to FANSHELF_SEARCH_FACET_ARRAY_LIMIT
        results, their own tags are counted (work_tags.py); beyond, tags are tried biggest
        first and the walk stops when no smaller tag can reach the current top per_type (a
        tag's count in `found` is at most its size), which happens early for large results."""
        fixed: dict[str, list[int]] = {}
        used = [t for t in self.fixed_tags if self.tags.get(t)]
        for tag_id in sorted(used, key=lambda i: (-len(self.tags[i]), i)):
            fixed.setdefault(self.types[tag_id], []).append(tag_id)
        result = self._walk(found, per_type, fixed)
        if len(found) <= settings.FANSHELF_SEARCH_FACET_ARRAY_LIMIT:
            return result + self.work_tags.top(found, per_type)
        if self.by_size is None:
            by_type: dict[str, list[int]] = {}
            for tag_id, bitmap in self.tags.items():
                tag_type = self.types.get(tag_id, "")
                if bitmap and tag_type not in FIXED_TYPES:
                    by_type.setdefault(tag_type, []).append(tag_id)
            self.walk_sizes = {t: len(self.tags[t]) for ids in by_type.values() for t in ids}
            self.walk_slack = 0
            self.by_size = {
                t: sorted(ids, key=lambda i: (-self.walk_sizes[i], i)) for t, ids in by_type.items()
            }
        return result + self._walk(found, per_type, self.by_size, self.walk_sizes, self.walk_slack)

    def _walk(self, found, per_type, by_size, sizes=None, slack=0) -> list:
        """Each type's tags in `by_size` order, biggest first as of `sizes` (now at most
        `slack` bigger); None: the bitmaps' own sizes."""
        result = []
        for tag_type, ordered in by_size.items():
            best: list[tuple[int, int]] = []  # (count, -tag id), smallest first
            for tag_id in ordered:
                bitmap = self.tags[tag_id]
                size = len(bitmap) if sizes is None else sizes[tag_id] + slack
                if len(best) == per_type and size < best[0][0]:
                    break
                count = found.intersection_cardinality(bitmap)
                if count and (len(best) < per_type or (count, -tag_id) > best[0]):
                    if len(best) == per_type:
                        heapq.heapreplace(best, (count, -tag_id))
                    else:
                        heapq.heappush(best, (count, -tag_id))
            result += [(-neg, tag_type, count) for count, neg in best]
        return result

    def page(self, found: BitMap, column: str, plan: Plan) -> list[int]:
        """The page of `found` in `column` order, ties broken by work id in the same direction
        (as the SQL pages are)."""
        ids = ids_of(found)
        values = self.columns[column][ids]
        wanted = plan.offset + plan.limit
        if wanted < len(ids):  # keep only what can reach the page: values beyond the cut
            cut = np.partition(values, len(ids) - wanted if plan.descending else wanted - 1)
            edge = cut[len(ids) - wanted] if plan.descending else cut[wanted - 1]
            keep = values >= edge if plan.descending else values <= edge
            ids, values = ids[keep], values[keep]
        order = np.lexsort((ids, values))
        if plan.descending:
            order = order[::-1]
        return ids[order][plan.offset : wanted].tolist()


# The sort columns a page can be taken from memory by (the others are text: SQL sorts them).
MEMORY_SORTS = {
    "word_count": "word_count",
    "hits": "hits",
    "kudos": "kudos",
    "comments": "comments",
    "bookmarks": "bookmarks",
    "published_on": "published",
    "revised_at": "revised",
}
MEMORY = BitmapIndex()


def _fresh_locks_after_fork() -> None:
    """A process forked while another thread held a lock (gunicorn --preload while the
    bitmaps load) would wait on it forever: the child starts with open locks."""
    MEMORY.lock = threading.Lock()
    MEMORY.text.lock = threading.Lock()


os.register_at_fork(after_in_child=_fresh_locks_after_fork)
