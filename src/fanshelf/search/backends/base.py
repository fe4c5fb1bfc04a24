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

    def ranked_page(self, plan: Plan, where: str, params: list, *, source: str) -> tuple[str, list]:
        """(SQL, parameters) for a page sorted by best match. Only the plan.rank_candidates
        matches with the highest work ids (the newest works: a cheap order any index gives)
        are ranked, not every match: see Plan.rank_candidates."""
        raise NotImplementedError

    # Rows of one tag, each joined to its work: unordered reads (counting, sampling) walk the
    # rarest tag's index range and stop when they have enough, instead of walking every work
    # or gathering all of the tag's works first.
    driven_source = "search_workfilter g CROSS JOIN search_workindex w ON w.work_id = g.work_id"

    def _where(
        self,
        plan: Plan,
        *,
        gather: int | None = 0,
        ordered: bool = False,
        text_mode="gather",
        driven: bool = False,
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
            if driven:  # the source's g rows are this (one tag) group's
                clauses.append("g.tag_id = %s AND g.audience >= %s")
                params += [group[0], plan.audience_min]
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
            drive = self._drive(plan, sizes, bulk_text)
            where, params = self._where(
                plan,
                gather=self._gather(sizes, plan.count_limit) if drive is None else drive,
                text_mode=bulk_text,
                driven=drive is not None,
            )
            bulk_source = self.source(bulk_text) if drive is None else self.driven_source
            total, exact, found = self._count(
                cursor, plan, where, params, work_ids, source=bulk_source
            )
            hits = Hits(work_ids=work_ids, total=total, total_exact=exact)
            if not plan.sort_column and (not exact or total > plan.rank_candidates):
                hits.ranked_among = plan.rank_candidates
            sample = self._facet_ids(plan, hits, found)
            if plan.facets and total and sample is not None:
                self._facets_of(cursor, plan, hits, sample)
            elif plan.facets and total:
                rows = min(plan.facet_sample, total)
                where, params = self._where(
                    plan,
                    gather=self._gather(sizes, rows) if drive is None else drive,
                    text_mode=bulk_text,
                    driven=drive is not None,
                )
                self._facets(cursor, plan, where, params, hits, source=bulk_source)
        return hits

    def _drive(self, plan: Plan, sizes, bulk_text: str) -> int | None:
        """The position of the included group that unordered reads start from (see
        driven_source): the rarest, when it is one tag (a work has a tag once, so the join
        repeats no work) and no text index drives instead."""
        if not self.driven_source or sizes is None:
            return None
        if self.source(bulk_text) != self.source("gather"):
            return None
        position = sizes[2]
        return position if len(plan.include_groups[position]) == 1 else None

    def _page(self, cursor, plan: Plan, where: str, params: list, *, source: str) -> list[int]:
        direction = "DESC" if plan.descending else "ASC"
        if plan.sort_column:
            sql = (
                f"SELECT w.work_id FROM {source} WHERE {where} "
                f"ORDER BY w.{plan.sort_column} {direction}, w.work_id {direction} "
                "LIMIT %s OFFSET %s"
            )
        else:
            sql, params = self.ranked_page(plan, where, params, source=source)
        cursor.execute(sql, [*params, plan.limit, plan.offset])
        return [row[0] for row in cursor.fetchall()]

    def _tag_count(self, cursor, tag_id: int, audience_min: int) -> int:
        cursor.execute(
            "SELECT coalesce(sum(works), 0) FROM search_tagcount WHERE tag_id = %s "
            "AND audience = %s",
            [tag_id, audience_min],
        )
        return cursor.fetchone()[0]

    def _count(
        self, cursor, plan: Plan, where, params, work_ids: list[int], *, source: str
    ) -> tuple[int, bool, list[int] | None]:
        """(total, whether exact, the matching work ids counted when they were read: every
        match when the total is exact, else the first count_limit + 1 found)."""
        # A short first page holds every match (unless best match ran out of candidates).
        ranked_all = plan.sort_column or len(work_ids) < plan.rank_candidates
        if plan.offset == 0 and len(work_ids) < plan.limit and ranked_all:
            return len(work_ids), True, work_ids
        if plan.is_unfiltered:
            return self._tag_count(cursor, ALL_WORKS, plan.audience_min), True, None
        if plan.single_tag is not None:
            return self._tag_count(cursor, plan.single_tag, plan.audience_min), True, None
        # The ids, not just count(*): the facets then count over them instead of finding the
        # matches a second time (the slow part of conjunctions of common tags).
        cursor.execute(
            f"SELECT w.work_id FROM {source} WHERE {where} LIMIT %s",
            [*params, plan.count_limit + 1],
        )
        found = [row[0] for row in cursor.fetchall()]
        total = len(found)
        return min(total, plan.count_limit), total <= plan.count_limit, found

    @staticmethod
    def _facet_ids(plan: Plan, hits: Hits, found: list[int] | None) -> list[int] | None:
        """The works to count facets over, when counting already read them: all results up to
        facet_exact_limit, else any facet_sample of them (as _facets would take). None: let
        _facets find them."""
        if not plan.facets or found is None or plan.is_unfiltered:
            return None
        if hits.total_exact and hits.total <= plan.facet_exact_limit:
            return found
        if len(found) >= plan.facet_sample:
            hits.facets_sampled_from = min(plan.facet_sample, hits.total)
            return found[: plan.facet_sample]
        return None

    def _facets_of(self, cursor, plan: Plan, hits: Hits, work_ids: list[int]) -> None:
        """_facets over works already found."""
        cursor.execute(
            "SELECT tag_id, type, name, n FROM (SELECT c.tag_id, t.type, t.name, c.n, "
            "row_number() OVER (PARTITION BY t.type ORDER BY c.n DESC, c.tag_id) AS place "
            "FROM (SELECT f.tag_id, count(*) AS n FROM search_workfilter f WHERE f.work_id IN "
            f"({self.id_list(work_ids)}) GROUP BY f.tag_id) c JOIN tags_tag t ON t.id = c.tag_id) "
            "ranked WHERE place <= %s ORDER BY n DESC, tag_id",
            [*self.id_params(work_ids), plan.facet_tags],
        )
        hits.facets = cursor.fetchall()

    def id_list(self, work_ids: list[int]) -> str:
        """SQL for a list of work ids, given as id_params (an engine may pass them as one)."""
        return placeholders(work_ids)

    def id_params(self, work_ids: list[int]) -> list:
        return list(work_ids)

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
