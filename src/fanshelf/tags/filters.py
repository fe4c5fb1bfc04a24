"""Filter links: the canonical tags a work is found under.

A work's filters are the canonical form of each of its tags (the tag itself when canonical, the
tag it is a synonym of otherwise) plus every meta tag above those, transitively (inherited).
This module is the one place that writes FilterTagging. It works in set-based SQL, a batch of
works per statement, so recomputing the filters of a tag used by 100,000 works takes seconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import FilterTagging, Tag, Tagging, WorkTagsChange
from .signals import work_filters_changed

# Each batch of works is worked out in temporary tables, so the database plans the three
# writes with real row counts: `fs_direct` resolves synonyms, `fs_closure` climbs meta links
# from those tags (UNION stops at cycles), `fs_desired` is every filter row the works should have.
_PREPARE = (
    "CREATE TEMP TABLE fs_batch (work_id bigint PRIMARY KEY)",
    "INSERT INTO fs_batch (work_id) VALUES {values}",
    """CREATE TEMP TABLE fs_direct AS
    SELECT DISTINCT tg.work_id AS work_id,
           CASE WHEN t.canonical THEN t.id ELSE t.merger_id END AS filter_id
    FROM tags_tagging tg
    JOIN tags_tag t ON t.id = tg.tag_id
    LEFT JOIN tags_tag m ON m.id = t.merger_id
    WHERE tg.work_id IN (SELECT work_id FROM fs_batch) AND (t.canonical OR m.canonical)""",
    "CREATE INDEX fs_direct_pair ON fs_direct (work_id, filter_id)",
    """CREATE TEMP TABLE fs_closure AS
    WITH RECURSIVE closure(tag_id, meta_id) AS (
        SELECT mt.sub_id, mt.meta_id FROM tags_metatagging mt
        WHERE mt.sub_id IN (SELECT DISTINCT filter_id FROM fs_direct)
        UNION
        SELECT c.tag_id, mt.meta_id FROM closure c
        JOIN tags_metatagging mt ON mt.sub_id = c.meta_id
    )
    SELECT tag_id, meta_id FROM closure""",
    """CREATE TEMP TABLE fs_desired AS
    SELECT work_id, filter_id, FALSE AS inherited FROM fs_direct
    UNION
    SELECT d.work_id, c.meta_id, TRUE FROM fs_direct d JOIN fs_closure c ON c.tag_id = d.filter_id
    WHERE NOT EXISTS (
        SELECT 1 FROM fs_direct d2 WHERE d2.work_id = d.work_id AND d2.filter_id = c.meta_id
    )""",
    "CREATE INDEX fs_desired_pair ON fs_desired (work_id, filter_id)",
)
_WRITES = (
    # Rows the works should no longer have.
    """DELETE FROM tags_filtertagging
    WHERE work_id IN (SELECT work_id FROM fs_batch) AND NOT EXISTS (
        SELECT 1 FROM fs_desired d
        WHERE d.work_id = tags_filtertagging.work_id
          AND d.filter_id = tags_filtertagging.filter_id
    )""",
    # Rows that stay but changed between direct and inherited.
    """UPDATE tags_filtertagging SET inherited = NOT inherited
    WHERE work_id IN (SELECT work_id FROM fs_batch) AND EXISTS (
        SELECT 1 FROM fs_desired d
        WHERE d.work_id = tags_filtertagging.work_id
          AND d.filter_id = tags_filtertagging.filter_id
          AND d.inherited <> tags_filtertagging.inherited
    )""",
    # New rows.
    """INSERT INTO tags_filtertagging (work_id, filter_id, inherited)
    SELECT d.work_id, d.filter_id, d.inherited FROM fs_desired d
    WHERE NOT EXISTS (
        SELECT 1 FROM tags_filtertagging f
        WHERE f.work_id = d.work_id AND f.filter_id = d.filter_id
    )""",
)
_TEMP_TABLES = ("fs_desired", "fs_closure", "fs_direct", "fs_batch")


def _batches(ids: list[int]) -> Iterable[list[int]]:
    size = settings.FANSHELF_TAG_FILTERS_BATCH
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _drop_temp_tables(cursor) -> None:
    for table in _TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def refresh_work_filters(work_ids: Iterable[int], *, announce: bool = True) -> int:
    """Bring the filter links of these works up to date; returns how many rows changed.
    Search hears about the works after the transaction commits."""
    ids = sorted({int(i) for i in work_ids})
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for batch in _batches(ids):
            # The ids are integers (int() above), so they are safe to inline; a parameter per id
            # would hit SQLite's variable limit on big batches.
            values = ",".join(f"({i})" for i in batch)
            _drop_temp_tables(cursor)
            for statement in _PREPARE:
                cursor.execute(statement.format(values=values))
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE fs_batch, fs_direct, fs_closure, fs_desired")
            for statement in _WRITES:
                cursor.execute(statement)
                changed += max(cursor.rowcount, 0)
            _drop_temp_tables(cursor)
        if announce and ids and changed:
            announce_works(ids)
    return changed


def announce_works(work_ids: list[int]) -> None:
    """These works' tags, filters or tag names changed: stamp them in the current transaction
    (search reconciliation re-indexes entries older than the stamp), and tell search once it
    commits."""
    ids = sorted(set(work_ids))
    now = timezone.now()
    WorkTagsChange.objects.bulk_create(
        [WorkTagsChange(work_id=work_id, changed_at=now) for work_id in ids],
        update_conflicts=True,
        unique_fields=["work"],
        update_fields=["changed_at"],
        batch_size=settings.FANSHELF_TAG_FILTERS_BATCH,
    )
    transaction.on_commit(lambda: work_filters_changed.send(sender=FilterTagging, work_ids=ids))


def works_affected_by(tag_ids: Iterable[int]) -> list[int]:
    """Works whose filters may change when these tags' links change: works found under them,
    tagged with them, or tagged with one of their synonyms."""
    tag_ids = list(tag_ids)
    synonyms = Tag.objects.filter(merger_id__in=tag_ids).values("pk")
    filtered = FilterTagging.objects.filter(filter_id__in=tag_ids).values_list("work_id", flat=True)
    tagged = Tagging.objects.filter(tag_id__in=tag_ids).values_list("work_id", flat=True)
    via_synonym = Tagging.objects.filter(tag_id__in=synonyms).values_list("work_id", flat=True)
    return sorted(set(filtered) | set(tagged) | set(via_synonym))


def refresh_tag_filters(tag_ids: Iterable[int]) -> int:
    """Recompute the filters of every work these tags touch; returns how many works."""
    work_ids = works_affected_by(tag_ids)
    refresh_work_filters(work_ids)
    return len(work_ids)


def schedule_tag_filters(tag_ids: Iterable[int]) -> None:
    """After a wrangling change: recompute at once for small tags, in a background job (after
    the change commits) for big ones."""
    tag_ids = sorted(set(tag_ids))
    work_ids = works_affected_by(tag_ids)
    if len(work_ids) <= settings.FANSHELF_TAG_FILTERS_INLINE_MAX:
        refresh_work_filters(work_ids)
        return
    from .tasks import refresh_tag_filters_job

    transaction.on_commit(lambda: refresh_tag_filters_job(tag_ids))
