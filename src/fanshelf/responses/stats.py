"""The author's statistics: one row per posted work, one column per registered statistic.

Another app adds a column with `register_stat_column(StatColumn(...))` from its AppConfig.ready();
bookmarks and subscriptions belong to the library app and are added there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, F, Q, Sum

from fanshelf.works.models import Work

from .models import Comment, DailyHits, Kudos
from .selectors import counted_comments, per_work


@dataclass(frozen=True)
class StatColumn:
    key: str
    label: str
    # The column's value per work as an expression on Work; `year` limits it when it can be.
    value: Callable[[int | None], Expression]


def _hits(year):
    if year is None:
        return F("hits")
    return per_work(DailyHits.objects.filter(day__year=year), Sum("hits"))


def _kudos(year):
    if year is None:
        return F("kudos_count")
    return per_work(Kudos.objects.filter(created_at__year=year))


def _threads(year):
    threads = Comment.objects.filter(counted_comments(), parent__isnull=True)
    if year is not None:
        threads = threads.filter(created_at__year=year)
    return per_work(threads)


STAT_COLUMNS: list[StatColumn] = [
    StatColumn("words", "Words", lambda year: F("word_count")),
    StatColumn("hits", "Hits", _hits),
    StatColumn("kudos", "Kudos", _kudos),
    StatColumn("comment_threads", "Comment threads", _threads),
]


def register_stat_column(column: StatColumn) -> None:
    if all(existing.key != column.key for existing in STAT_COLUMNS):
        STAT_COLUMNS.append(column)


SORTS = {"title": "title", "date": "published_on"}


@dataclass
class AuthorStats:
    columns: list[StatColumn]
    works: list[Work]  # each with an attribute per column key
    totals: list[tuple[StatColumn, int]]
    sort: str
    descending: bool


def author_stats(*, author, year: int | None, sort: str, descending: bool) -> AuthorStats:
    columns = list(STAT_COLUMNS)
    keys = {c.key for c in columns}
    if sort not in keys and sort not in SORTS:
        sort = "hits"
    works = (
        Work.objects.filter(Q(posted=True), pseuds__user=author)
        .distinct()
        .annotate(**{f"stat_{c.key}": c.value(year) for c in columns})
    )
    order = SORTS.get(sort, f"stat_{sort}")
    works = list(works.order_by(f"-{order}" if descending else order, "title", "pk"))
    for work in works:
        work.stats = [getattr(work, f"stat_{c.key}") for c in columns]
    totals = [(c, sum(getattr(w, f"stat_{c.key}") for w in works)) for c in columns]
    return AuthorStats(columns, works, totals, sort, descending)
