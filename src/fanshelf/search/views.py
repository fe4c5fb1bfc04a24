from django.shortcuts import get_object_or_404, render

from fanshelf.tags.models import Tag
from fanshelf.tags.names import fold

from .listing import works_listing


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def search(request):
    """/search/: the search form, results, and the filter sidebar. With ?tag=NAME the listing is
    that tag's works and the sidebar narrows it."""
    tag = None
    if request.GET.get("tag"):
        tag = get_object_or_404(Tag, name_lower=fold(request.GET["tag"]), canonical=True)
    return render_listing(request, tag=tag)


def render_listing(request, *, tag=None):
    """The search page, or a tag's works page (tags/<name>/works), with the filter sidebar."""
    form, result = works_listing(viewer=request.user, params=request.GET, tag=tag)
    return render(
        request,
        "search/search.html",
        {"form": form, "result": result, "tag": tag, "query": _query_string(request)},
    )
