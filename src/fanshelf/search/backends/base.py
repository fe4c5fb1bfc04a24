"""One search interface, one backend per database engine.

The index tables (search_workindex, search_workfilter, search_tagcount) are the same on every
engine, so the SQL for filters, sorting, counting and facets lives here (and the writing in
writer.py); a backend adds full text (matching, ranking, writing the text) in its engine's own
way. Every value reaches the database as a parameter: the only strings spliced into SQL are
column names and placeholders chosen here.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.db import connection
from pyroaring import BitMap

from ..bitmaps import MEMORY, MEMORY_SORTS
from ..models import Audience
from ..query import Crossovers, TextTerm
from .shapes import ALL_WORKS, RANGE_COLUMNS, Hits, Plan, placeholders
from .writer import IndexWriter


class SearchBackend(IndexWriter):
    vendor = ""
    without_index = ""  # an SQL prefix that stops the engine using a column's index

    def text_clauses(self, terms: tuple[TextTerm, ...], *, mode: str) -> tuple[list[str], list]:
        """SQL conditions on `w` for the text terms, and their parameters. `mode` is how the
        matches are best found (see text_mode); an engine may ignore it."""
        raise NotImplementedError

    def text_mode(self, cursor, plan: Plan) -> str:
        """How to match text for a page SQL sorts: "gather" collects the matches first,
        "probe" checks each row an index walk meets."""
        return "gather"

    def rank_among(self, cursor, plan: Plan, candidates: list[int]) -> list[int]:
        """The page of `candidates` (work ids, newest first) by best match for the plan's
        words (at least one of which must be found)."""
        raise NotImplementedError

    def _where(
        self,
        plan: Plan,
        *,
        gather: int | None = 0,
        ordered: bool = False,
        text_mode="gather",
    ) -> tuple[str, list]:
        """The WHERE clause on `w` (search_workindex). The included tag group at position
        `gather` has its works gathered first (good when it is rare); every other group is
        checked per candidate row (good when tags are common and an index walks the sort
        order). `ordered`: the clause serves a sorted page."""
        clauses = ["w.audience > 0"]
        params: list = []
        if plan.audience_min == Audience.EVERYONE:
            clauses.append("w.audience = 2")
        text, text_params = self.text_clauses(plan.terms, mode=text_mode)
        clauses += text
        params += text_params
        for position, group in enumerate(plan.include_groups):
            if position != gather:
                clauses.append(
                    "EXISTS (SELECT 1 FROM search_workfilter f WHERE f.work_id = w.work_id "
                    f"AND f.tag_id IN ({placeholders(group)}))"
                )
                params += group
                continue
            clauses.append(
                "w.work_id IN (SELECT f.work_id FROM search_workfilter f "
                f"WHERE f.tag_id IN ({placeholders(group)}) AND f.audience >= %s)"
            )
            params += [*group, plan.audience_min]
        if plan.exclude_ids:
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM search_workfilter x WHERE x.work_id = w.work_id "
                f"AND x.tag_id IN ({placeholders(plan.exclude_ids)}))"
            )
            params += plan.exclude_ids
        if plan.exclude_work_ids:
            clauses.append(f"w.work_id NOT IN ({self.id_list(plan.exclude_work_ids)})")
            params += self.id_params(plan.exclude_work_ids)
        if plan.max_fandoms is not None:
            clauses.append("w.fandom_count <= %s")
            params.append(plan.max_fandoms)
        if plan.hide_anonymous:
            clauses.append("w.anonymous = %s")
            params.append(False)
        if plan.rating_ids:
            clauses.append(f"w.rating_id IN ({placeholders(plan.rating_ids)})")
            params += plan.rating_ids
        bounds_of = [
            (RANGE_COLUMNS[name], bounds.low, bounds.high) for name, bounds in plan.ranges.items()
        ]
        if plan.published:
            bounds_of.append(("published_on", plan.published.start, plan.published.end))
        for column, low, high in bounds_of:
            # A range on another column than the sort's is checked while walking the sort
            # order, not used to gather rows that then need sorting.
            ref = f"w.{column}"
            if ordered and plan.sort_column and column != plan.sort_column:
                ref = self.without_index + ref
            if low is not None:
                clauses.append(f"{ref} >= %s")
                params.append(low)
            if high is not None:
                clauses.append(f"{ref} <= %s")
                params.append(high)
        if plan.revised_from:
            clauses.append("w.revised_at >= %s")
            params.append(plan.revised_from)
        if plan.revised_before:
            clauses.append("w.revised_at < %s")
            params.append(plan.revised_before)
        if plan.complete is not None:
            clauses.append("w.complete = %s")
            params.append(plan.complete)
        if plan.single_chapter:
            clauses.append("w.chapter_count = 1")
        if plan.crossovers == Crossovers.EXCLUDE:
            clauses.append("w.fandom_count <= 1")
        elif plan.crossovers == Crossovers.ONLY:
            clauses.append("w.fandom_count > 1")
        if plan.language:
            clauses.append("w.language = %s")
            params.append(plan.language)
        return " AND ".join(clauses), params

    def _tag_sizes(self, cursor, plan: Plan) -> tuple[int, float, int] | None:
        """(works under the rarest included tag group, the share of listed works that carry
        every included group, reckoning them independent, the rarest group's position), or
        None without included tags."""
        if not plan.include_groups:
            return None
        tag_ids = [ALL_WORKS, *sum(plan.include_groups, ()), *plan.rating_ids]
        cursor.execute(
            f"SELECT tag_id, works FROM search_tagcount WHERE tag_id IN ({placeholders(tag_ids)}) "
            "AND audience = %s",
            [*tag_ids, plan.audience_min],
        )
        counts = dict(cursor.fetchall())
        listed = max(counts.pop(ALL_WORKS, 0), 1)
        sizes = [sum(counts.get(t, 0) for t in group) for group in plan.include_groups]
        share = 1.0
        for size in sizes:
            share *= size / listed
        if plan.rating_ids:  # a column filter, but ratings are tags with totals too
            share *= sum(counts.get(t, 0) for t in plan.rating_ids) / listed
        return min(sizes), share, sizes.index(min(sizes))

    @staticmethod
    def _gather(sizes: tuple[int, float, int] | None, rows_needed: int) -> int | None:
        """Which included group to gather first (None: check every group row by row while
        walking an index). Walking finds `rows_needed` rows in about rows_needed / share
        steps; gathering takes as many as the rarest group has works."""
        if sizes is None:
            return None
        rarest, share, position = sizes
        return None if rows_needed < share * rarest else position

    def text_matches(self, cursor, plan: Plan) -> tuple[BitMap | None, BitMap | None]:
        """(works the text terms match, or None without terms that must match; works a
        query of only negated terms must not match, or None)."""
        raise NotImplementedError

    def text_find(self, cursor, expression: str) -> BitMap:
        """Every work the engine's text expression matches."""
        raise NotImplementedError

    def text_among(self, expressions: list[str], work_ids: list[int]) -> dict[str, list[int]]:
        """For each text expression, which of `work_ids` it matches (text_cache.py)."""
        raise NotImplementedError

    def _text_found(self, cursor, expression: str) -> BitMap:
        return MEMORY.text.found(expression, lambda: self.text_find(cursor, expression))

    def search(self, plan: Plan) -> Hits:
        """Count and facets come exactly from the in-memory bitmaps (bitmaps.py); the page
        from them too when its order is a number, else from SQL."""
        MEMORY.sync()
        with connection.cursor() as cursor:
            text, unwanted = self.text_matches(cursor, plan)
            found = MEMORY.matches(plan, text, unwanted)
            total = len(found)
            hits = Hits(
                work_ids=[],
                total=min(total, plan.count_limit),
                total_exact=total <= plan.count_limit,
            )
            reachable = min(total, plan.max_offset + plan.limit)
            if not plan.sort_column:
                reachable = min(reachable, plan.rank_candidates)
                if total > plan.rank_candidates:
                    hits.ranked_among = plan.rank_candidates
            # A page past the last shows the last page instead of nothing.
            last_offset = max(0, (reachable - 1) // plan.limit * plan.limit)
            hits.offset = min(plan.offset, last_offset)
            plan = replace(plan, offset=hits.offset)
            hits.pages = max(1, -(-reachable // plan.limit))
            if total:
                hits.work_ids = self._page_of(cursor, plan, found)
            if plan.facets and total:
                self._facets_of(cursor, plan, hits, found)
        return hits

    def _page_of(self, cursor, plan: Plan, found: BitMap) -> list[int]:
        if not plan.sort_column:
            # Best match ranks the plan.rank_candidates newest matches (the highest work
            # ids), not every match: see Plan.rank_candidates.
            newest = list(found[-plan.rank_candidates :])[::-1]
            if all(term.negated for term in plan.terms):  # only words to leave out
                return newest[plan.offset : plan.offset + plan.limit]
            return self.rank_among(cursor, plan, newest)
        column = MEMORY_SORTS.get(plan.sort_column)
        if column and len(found) <= settings.FANSHELF_SEARCH_MEMORY_SORT_LIMIT:
            return MEMORY.page(found, column, plan)
        sizes = self._tag_sizes(cursor, plan)
        page_text = self.text_mode(cursor, plan)
        where, params = self._where(
            plan,
            gather=self._gather(sizes, plan.offset + plan.limit),
            ordered=True,
            text_mode=page_text,
        )
        direction = "DESC" if plan.descending else "ASC"
        sql = (
            f"SELECT w.work_id FROM search_workindex w WHERE {where} "
            f"ORDER BY w.{plan.sort_column} {direction}, w.work_id {direction} "
            "LIMIT %s OFFSET %s"
        )
        cursor.execute(sql, [*params, plan.limit, plan.offset])
        return [row[0] for row in cursor.fetchall()]

    def _tag_count(self, cursor, tag_id: int, audience_min: int) -> int:
        cursor.execute(
            "SELECT coalesce(sum(works), 0) FROM search_tagcount WHERE tag_id = %s "
            "AND audience = %s",
            [tag_id, audience_min],
        )
        return cursor.fetchone()[0]

    def _facets_of(self, cursor, plan: Plan, hits: Hits, found: BitMap) -> None:
        """The plan.facet_tags most frequent tags of each type among the results, exactly,
        from memory (bitmaps.py): (tag id, type, name, count)."""
        counts = {tag_id: n for tag_id, _, n in MEMORY.facets(found, plan.facet_tags)}
        if not counts:
            return
        cursor.execute(
            f"SELECT id, type, name FROM tags_tag WHERE id IN ({placeholders(list(counts))})",
            list(counts),
        )
        rows = [(tag_id, kind, name, counts[tag_id]) for tag_id, kind, name in cursor.fetchall()]
        hits.facets = sorted(rows, key=lambda row: (-row[3], row[0]))

    def id_list(self, work_ids: list[int]) -> str:
        """SQL for a list of work ids, given as id_params (an engine may pass them as one)."""
        return placeholders(work_ids)

    def id_params(self, work_ids: list[int]) -> list:
        return list(work_ids)
