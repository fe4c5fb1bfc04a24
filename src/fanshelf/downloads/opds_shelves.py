"""Series and a reader's own shelves in the OPDS catalogue.

Shelves (marked for later, subscriptions, bookmarks) belong to the reader of the catalogue: the
logged-in user at /opds/, the token's owner at /opds/u/<token>/. Every list holds only works the
reader may download."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.library.models import Bookmark, Reading, Subscription
from fanshelf.search.personal import hidden_by, personal_filters
from fanshelf.works.models import SerialWork
from fanshelf.works.selectors import listed_works, with_creators
from fanshelf.works.series_selectors import visible_series

from .collections import series_collection
from .opds import (
    Links,
    catalogue_viewer,
    navigation_entry,
    navigation_feed,
    render_feed,
    work_entry,
)

SHELVES = {
    "later": "Marked for later",
    "subscriptions": "Subscriptions",
    "bookmarks": "Bookmarks",
}


def _works_in_order(viewer, work_ids: list[int], *, filtered: bool) -> list:
    """`filtered`: leave out what the reader's own filters hide (not on the shelves of works
    they chose one by one: marked for later, bookmarks)."""
    found = with_creators(listed_works(viewer=viewer).filter(pk__in=work_ids))
    if filtered:
        found = found.exclude(hidden_by(personal_filters(viewer)))
    by_id = {work.pk: work for work in found}
    return [by_id[pk] for pk in dict.fromkeys(work_ids) if pk in by_id]


def _collection_entry(request, *, title, entry_id, url, summary):
    return {
        "title": title,
        "id": entry_id,
        "updated": timezone.now(),
        "issued": None,
        "language": None,
        "authors": [],
        "summary": summary,
        "categories": [],
        "acquisitions": [(request.build_absolute_uri(url), "application/epub+zip")],
        "page_url": None,
    }


def series_index(request, token=None):
    viewer = catalogue_viewer(request, token)
    found = visible_series(viewer=viewer).filter(serial_works__work__in=listed_works(viewer=viewer))
    found = found.exclude(pseuds__user_id__in=muted_user_ids(viewer))  # as in search
    return navigation_feed(
        request, token, found.distinct().order_by("-updated_at", "-pk"),
        title="Series", feed_id="series",
        entry=lambda series, links: navigation_entry(
            series.title, links("series", series.pk), f"Works of {series.title}.",
            f"series:{series.pk}",
        ),
    )  # fmt: skip


def series_feed(request, series_id, token=None):
    viewer = catalogue_viewer(request, token)
    links = Links(request, token)
    collection = series_collection(viewer=viewer, series_id=series_id)
    if token is None:
        whole = reverse("downloads:series", args=[series_id])
    else:
        whole = reverse("downloads:opds_u_series_download", args=[token, series_id])
    ids = list(
        SerialWork.objects.filter(series_id=series_id)
        .order_by("position", "pk")
        .values_list("work_id", flat=True)
    )
    entries = [
        _collection_entry(
            request, title=f"{collection.title} (the whole series)",
            entry_id=f"urn:fanshelf:series:{series_id}", url=whole,
            summary=f"Every work of the series in one book: {len(collection.books)} works.",
        ),
        *(
            work_entry(request, links, work)
            for work in _works_in_order(viewer, ids, filtered=True)
        ),
    ]  # fmt: skip
    return render_feed(
        request, token, kind="acquisition", title=collection.title, feed_id=f"series:{series_id}",
        entries=entries, up=links("series_index"),
    )  # fmt: skip


def _shelf_work_ids(user, shelf: str) -> list[int]:
    if shelf == "later":
        readings = Reading.objects.filter(user=user, marked_for_later=True)
        return list(readings.order_by("-marked_at", "-pk").values_list("work_id", flat=True))
    if shelf == "bookmarks":
        marks = Bookmark.objects.filter(user=user, work__isnull=False)
        return list(marks.order_by("-created_at", "-pk").values_list("work_id", flat=True))
    followed = Subscription.objects.filter(user=user)
    series = followed.filter(series__isnull=False).values("series_id")
    creators = followed.filter(creator__isnull=False).values("creator_id")
    works = listed_works(viewer=user).filter(
        Q(pk__in=followed.filter(work__isnull=False).values("work_id"))
        | Q(serial_works__series__in=series)
        | Q(pseuds__user__in=creators, anonymous=False)
    )
    return list(works.distinct().order_by("-revised_at", "-pk").values_list("pk", flat=True))


def shelf_entries(request, token, viewer) -> list[dict]:
    """The root feed's entries for the reader's shelves (none for guests)."""
    if viewer is None or not viewer.is_authenticated:
        return []
    links = Links(request, token)
    return [
        navigation_entry(title, links("shelf", shelf), f"Your {title.lower()}.", f"shelf:{shelf}")
        for shelf, title in SHELVES.items()
    ]


def shelf(request, shelf, token=None):
    viewer = catalogue_viewer(request, token)
    if shelf not in SHELVES or not viewer.is_authenticated:
        raise Http404("No such shelf here; readers' shelves need a log-in or a token address.")
    links = Links(request, token)
    works = _works_in_order(
        viewer, _shelf_work_ids(viewer, shelf), filtered=shelf == "subscriptions"
    )
    page = Paginator(works, settings.FANSHELF_WORKS_PER_PAGE).get_page(request.GET.get("page"))
    entries = [work_entry(request, links, work) for work in page]
    if shelf == "later" and works and page.number == 1:
        whole = (
            reverse("downloads:marked")
            if token is None
            else reverse("downloads:opds_u_marked", args=[token])
        )
        entries.insert(0, _collection_entry(
            request, title="Marked for later (the whole list)",
            entry_id=f"urn:fanshelf:marked-for-later:{viewer.pk}", url=whole,
            summary=f"Every work on the list in one book: {len(works)} works.",
        ))  # fmt: skip
    return render_feed(
        request, token, kind="acquisition", title=SHELVES[shelf], feed_id=f"shelf:{shelf}",
        entries=entries, page=page, up=links("root"),
    )  # fmt: skip
