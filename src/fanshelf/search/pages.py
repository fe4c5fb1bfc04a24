"""Every page that lists works is drawn here: the front page, tag works pages, the works count on
a tag's page, and profiles' work lists. The lower apps call these through core.listings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator

from fanshelf.core import listings
from fanshelf.works.models import Work
from fanshelf.works.selectors import listed_works, with_creators, works_by_user

from .personal import NONE, Personal, hidden_by, personal_filters
from .query import SearchQuery
from .selectors import ResultPage, search_works


@dataclass
class WorksPage(ResultPage):
    """A page of works as templates use Django's Page: iterate it, and paginate it with
    works/_pagination.html."""

    works: list[Work] = field(default_factory=list)

    def __iter__(self):
        return iter(self.works)

    def __len__(self):
        return len(self.works)


def _page_number(request) -> int:
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and 0 < int(value) < 10**6 else 1


def front_page_response(request):
    """The front page: the newest works the reader may open, counted like any search, with
    the reader's own filters."""
    from django.shortcuts import render

    from .views import personal_switch

    query = SearchQuery(page=_page_number(request), facets=False)
    personal = request.GET.get("all") != "1"
    result = search_works(viewer=request.user, query=query, personal=personal)
    page = WorksPage(
        result.page.number, result.page.num_pages, works=result.works, count=result.total
    )
    context = {
        "page": page,
        "result": result,
        "query": "" if personal else "all=1",
        **personal_switch(request),
    }
    return render(request, "search/front.html", context)


def tag_works_response(request, *, tag):
    """A tag's works page: canonical tags list through search with the filter sidebar; a tag
    nobody has wrangled yet lists the works tagged with it as typed."""
    from django.shortcuts import render

    from .views import personal_switch, render_listing

    if tag.canonical:
        return render_listing(request, tag=tag)
    mine = personal_filters(request.user)
    personal = request.GET.get("all") != "1"
    works = _loose_tag_works(viewer=request.user, tag=tag, mine=mine if personal else NONE)
    page = _paginated(with_creators(works).order_by("-revised_at", "-pk"), request)
    # The reader's own filters (and muted creators) apply here as in every listing.
    banner = {"personal_labels": mine.labels, "personal_on": personal}
    context = {"tag": tag, "page": page, "result": banner, "query": "" if personal else "all=1"}
    return render(request, "tags/works.html", {**context, **personal_switch(request)})


def _loose_tag_works(*, viewer, tag, mine: Personal):
    """The works tagged with a tag nobody has wrangled yet, as typed, less what `mine` hides."""
    works = listed_works(viewer=viewer).filter(pk__in=tag.taggings.values("work_id"))
    return works.exclude(hidden_by(mine)) if mine.count else works


def tag_work_count(*, viewer, tag) -> int:
    if tag.canonical:
        query = SearchQuery(include=(tag.name,), facets=False)
        return search_works(viewer=viewer, query=query, per_page=1).total
    return _loose_tag_works(viewer=viewer, tag=tag, mine=personal_filters(viewer)).count()


def creator_page(request, *, author, pseud_id=None):
    works = works_by_user(author=author, viewer=request.user, pseud_id=pseud_id)
    return _paginated(works, request)


def _paginated(works, request):
    paginator = Paginator(works, settings.FANSHELF_WORKS_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


def provide_listings() -> None:
    listings.provide("front_page_response", front_page_response)
    listings.provide("tag_works_response", tag_works_response)
    listings.provide("tag_work_count", tag_work_count)
    listings.provide("creator_page", creator_page)
