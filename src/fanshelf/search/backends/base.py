"""One search interface, one backend per database engine.

The index tables (search_workindex, search_workfilter, search_tagcount) are the same on every
engine, so the SQL for filters, sorting, counting and facets lives here (and the writing in
writer.py); a backend adds full text (matching, ranking, writing the text) in its engine's own
way. Every value reaches the database as a parameter: the only strings spliced into SQL are
column names and placeholders chosen here.
"""

from __future__ import annotations

from django.db import connection

from ..models import Audience
from ..query import Crossovers, TextTerm
from .shapes import ALL_WORKS, FACET_TYPES, RANGE_COLUMNS, Hits, Plan, placeholders
from .writer import IndexWriter


class SearchBackend(IndexWriter):
    vendor = ""
    without_index = ""  # an SQL prefix that stops the engine using a column's index

    def text_clauses(self, terms: tuple[TextTerm, ...], *, mode: str) -> tuple[list[str], list]:
        """SQL conditions on `w` for the text terms, and their parameters. `mode` is how the
        matches are best found (see text_modes); an engine may ignore it."""
        raise NotImplementedError

    def text_modes(self, cursor, plan: Plan) -> tuple[str, str]:
        """How to match text (for the page, and for counting and sampling): "gather" collects
        the matches first, "probe" checks each row an index walk meets, "stream" reads matches
        in the text index's order and stops when it has enough."""
        return "gather", "gather"

    def source(self, mode: str) -> str:
        """The FROM clause for a text mode."""
        return "search_workindex w"

    def relevance_order(self, terms: tuple[TextTerm, ...]) -> tuple[str, list, str, list]:
        """(a join and its parameters, an ORDER BY expression and its parameters) for sorting
        by best match."""
        raise NotImplementedError

    def _where(
        self, plan: Plan, *, gather: int | None = 0, ordered: bool = False, text_mode="gather"
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

    def search(self, plan: Plan) -> Hits:
        with connection.cursor() as cursor:
            sizes = self._tag_sizes(cursor, plan)
            page_text, bulk_text = self.text_modes(cursor, plan)
            where, params = self._where(
                plan,
                gather=self._gather(sizes, plan.offset + plan.limit),
                ordered=True,
                text_mode=page_text,
            )
            work_ids = self._page(cursor, plan, where, params, source=self.source(page_text))
            where, params = self._where(
                plan, gather=self._gather(sizes, plan.count_limit), text_mode=bulk_text
            )
            total, exact = self._count(
                cursor, plan, where, params, len(work_ids), source=self.source(bulk_text)
            )
            hits = Hits(work_ids=work_ids, total=total, total_exact=exact)
            if plan.facets and total:
                rows = min(plan.facet_sample, total)
                where, params = self._where(
                    plan, gather=self._gather(sizes, rows), text_mode=bulk_text
                )
                self._facets(cursor, plan, where, params, hits, source=self.source(bulk_text))
        return hits

    def _page(self, cursor, plan: Plan, where: str, params: list, *, source: str) -> list[int]:
        direction = "DESC" if plan.descending else "ASC"
        join, join_params, order, order_params = "", [], f"w.{plan.sort_column} {direction}", []
        if not plan.sort_column:
            join, join_params, order, order_params = self.relevance_order(plan.terms)
        cursor.execute(
            f"SELECT w.work_id FROM {source} {join} WHERE {where} "
            f"ORDER BY {order}, w.work_id {direction} LIMIT %s OFFSET %s",
            [*join_params, *params, *order_params, plan.limit, plan.offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def _tag_count(self, cursor, tag_id: int, audience_min: int) -> int:
        cursor.execute(
            "SELECT coalesce(sum(works), 0) FROM search_tagcount WHERE tag_id = %s "
            "AND audience = %s",
            [tag_id, audience_min],
        )
        return cursor.fetchone()[0]

    def _count(
        self, cursor, plan: Plan, where, params, page_size: int, *, source: str
    ) -> tuple[int, bool]:
        if plan.offset == 0 and page_size < plan.limit:
            return page_size, True
        if plan.is_unfiltered:
            return self._tag_count(cursor, ALL_WORKS, plan.audience_min), True
        if plan.single_tag is not None:
            return self._tag_count(cursor, plan.single_tag, plan.audience_min), True
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT %s) c",
            [*params, plan.count_limit + 1],
        )
        total = cursor.fetchone()[0]
        return min(total, plan.count_limit), total <= plan.count_limit

    def _facets(
        self, cursor, plan: Plan, where: str, params: list, hits: Hits, *, source: str
    ) -> None:
        """The most frequent tags of each type among the results: (tag id, type, name, count).
        Unfiltered listings read the kept totals; big result sets count over a sample (any
        `facet_sample` of the results: no order needed, so it stops as soon as it has them)."""
        if plan.is_unfiltered:
            hits.facets = []
            for tag_type in FACET_TYPES:
                cursor.execute(
                    "SELECT c.tag_id, c.tag_type, t.name, c.works FROM search_tagcount c "
                    "JOIN tags_tag t ON t.id = c.tag_id WHERE c.audience = %s "
                    "AND c.tag_type = %s AND c.works > 0 ORDER BY c.works DESC, c.tag_id LIMIT %s",
                    [plan.audience_min, tag_type, plan.facet_tags],
                )
                hits.facets += cursor.fetchall()
            return
        limit = ""
        if not hits.total_exact or hits.total > plan.facet_exact_limit:
            limit = "LIMIT %s"
            params = [*params, plan.facet_sample]
            hits.facets_sampled_from = min(plan.facet_sample, hits.total)
        cursor.execute(
            "SELECT tag_id, type, name, n FROM (SELECT c.tag_id, t.type, t.name, c.n, "
            "row_number() OVER (PARTITION BY t.type ORDER BY c.n DESC, c.tag_id) AS place "
            "FROM (SELECT f.tag_id, count(*) AS n FROM search_workfilter f WHERE f.work_id IN "
            f"(SELECT w.work_id FROM {source} WHERE {where} {limit}) "
            "GROUP BY f.tag_id) c JOIN tags_tag t ON t.id = c.tag_id) ranked "
            "WHERE place <= %s ORDER BY n DESC, tag_id",
            [*params, plan.facet_tags],
        )
        hits.facets = cursor.fetchall()
