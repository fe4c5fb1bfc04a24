"""Reads of series. A series shows only the works its reader may see (visibility_q), and a
series with none of those is not there at all for that reader."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from fanshelf.accounts.selectors import muted_user_ids

from .models import SerialWork, Series, Work
from .selectors import listed_works, visibility_q, with_creators


def _visible_parts(viewer) -> QuerySet[SerialWork]:
    return SerialWork.objects.filter(work__in=listed_works(viewer=viewer).values("pk")).order_by(
        "position", "pk"
    )


def visible_series(*, viewer) -> QuerySet[Series]:
    """Series with at least one work the viewer may see (or their own, empty or not)."""
    has_visible = Exists(_visible_parts(viewer).filter(series=OuterRef("pk")))
    series = Series.objects.filter(has_visible)
    if viewer is not None and viewer.is_authenticated:
        series = Series.objects.filter(has_visible | Exists(
            Series.pseuds.through.objects.filter(series=OuterRef("pk"), pseud__user=viewer)
        ))  # fmt: skip
    return series.prefetch_related("pseuds__user")


def series_works(*, series: Series, viewer) -> list[Work]:
    """The series' works this viewer may see, in order (a creator sees their drafts too)."""
    works = (
        with_creators(Work.objects.filter(visibility_q(viewer), serial_works__series=series))
        .distinct()
        .prefetch_related("serial_works")
    )
    return sorted(works, key=lambda w: _position(series, w))


def _position(series: Series, work: Work) -> tuple[int, int]:
    serial = next(s for s in work.serial_works.all() if s.series_id == series.pk)
    return serial.position, serial.pk


def series_for_reading(*, viewer, series_id: int) -> tuple[Series, list[Work]]:
    series = visible_series(viewer=viewer).filter(pk=series_id).first()
    if series is None:
        raise Http404("No such series, or you can't see any of its works.")
    works = series_works(series=series, viewer=viewer)
    series.is_creator = bool(viewer and viewer.is_authenticated) and any(
        pseud.user_id == viewer.pk for pseud in series.pseuds.all()
    )
    return series, works


@dataclass
class SeriesPlace:
    """Where a work stands in one series, counted among the works the reader may see."""

    series: Series
    part: int
    previous: Work | None
    next: Work | None


def series_places(*, viewer, work: Work) -> list[SeriesPlace]:
    places = []
    for series in visible_series(viewer=viewer).filter(serial_works__work=work).distinct():
        works = series_works(series=series, viewer=viewer)
        index = next((i for i, w in enumerate(works) if w.pk == work.pk), None)
        if index is None:
            continue
        places.append(
            SeriesPlace(
                series=series,
                part=index + 1,
                previous=works[index - 1] if index > 0 else None,
                next=works[index + 1] if index + 1 < len(works) else None,
            )
        )
    return places


def series_by_user(*, author, viewer) -> QuerySet[Series]:
    """An author's series; one holding an anonymous work only for its own creators."""
    series = visible_series(viewer=viewer).filter(pseuds__user=author)
    if not (viewer is not None and viewer.is_authenticated and viewer.pk == author.pk):
        anonymous = SerialWork.objects.filter(series=OuterRef("pk"), work__anonymous=True)
        series = series.exclude(Exists(anonymous))
    return series.distinct().order_by("-updated_at")


def own_series(*, user) -> QuerySet[Series]:
    return Series.objects.filter(pseuds__user=user).distinct().order_by("title")


def series_matching(*, viewer, text: str, limit: int) -> list[Series]:
    """Series whose title has every word of `text`, for search results."""
    words = text.split()
    if not words:
        return []
    series = visible_series(viewer=viewer)
    muted = muted_user_ids(viewer)
    if muted:  # a muted creator's series never shows in what the muter searches
        series = series.exclude(pseuds__user_id__in=muted)
    for word in words:
        series = series.filter(title__icontains=word)
    return list(series.order_by("-updated_at")[:limit])
