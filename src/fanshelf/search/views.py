from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fanshelf.tags.models import Tag
from fanshelf.tags.names import fold

from .browse import fandoms_with_counts
from .forms import ReaderFiltersForm, SearchForm
from .listing import works_listing
from .personal import reader_filters_save
from .saved_searches import saved_search_create, saved_search_delete

# Parameters that say how to show results, not which: never listed as removable filters.
NOT_FILTERS = {"page", "sort", "order", "tag", "all"}


def personal_switch(request) -> dict:
    """Links that turn the reader's own filters off (and on again) for this listing."""
    params = request.GET.copy()
    params.pop("page", None)
    params["all"] = "1"
    off = params.urlencode()
    params.pop("all")
    return {"show_all": f"?{off}", "show_mine": f"?{params.urlencode()}"}


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def active_filters(request) -> list[tuple[str, str]]:
    """(what the reader sees, the link that removes it) for each filter in the query: every
    value of every parameter, so one click takes one filter away."""
    labels = {
        name: field.label or name.capitalize() for name, field in SearchForm.base_fields.items()
    }
    labels |= {"include_tag": "Including", "exclude_tag": "Excluding", "q": "Search"}
    shown = []
    for name, values in request.GET.lists():
        if name in NOT_FILTERS:
            continue
        for position, value in enumerate(values):
            if not value.strip():
                continue
            rest = QueryDict(mutable=True)
            for other, other_values in request.GET.lists():
                kept = [v for i, v in enumerate(other_values) if other != name or i != position]
                if other != "page" and kept:
                    rest.setlist(other, kept)
            text = _display(name, value)
            shown.append((f"{labels.get(name, name)}: {text}", f"?{rest.urlencode()}"))
    return shown


def _display(name: str, value: str) -> str:
    choices = (
        dict(SearchForm().fields[name].choices)
        if name in ("rating", "warnings", "categories")
        else {}
    )
    return str(choices.get(value, value))


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
    context = {
        "form": form,
        "result": result,
        "tag": tag,
        "query": _query_string(request),
        "active": active_filters(request),
        **personal_switch(request),
    }
    return render(request, "search/search.html", context)


@login_required
def my_filters(request):
    """/search/filters/: the reader's own filters, applied to every listing."""
    # A POST of nothing at all (every filter cleared) is still a save.
    data = request.POST if request.method == "POST" else None
    form = ReaderFiltersForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        reader_filters_save(
            user=request.user,
            excluded=form.cleaned_data["excluded"],
            max_fandoms=form.cleaned_data["max_fandoms"],
            hide_anonymous=form.cleaned_data["hide_anonymous"],
        )
        messages.success(request, "Your filters are saved; every listing uses them now.")
        return redirect("search:my_filters")
    return render(request, "search/my_filters.html", {"form": form})


@login_required
def saved(request):
    """/search/saved/: the reader's saved searches; POST saves one (name, params) or deletes."""
    if request.method == "POST":
        if request.POST.get("delete", "").isdigit():
            saved_search_delete(user=request.user, saved_id=int(request.POST["delete"]))
            messages.success(request, "The saved search is deleted.")
            return redirect("search:saved")
        try:
            found = saved_search_create(
                user=request.user,
                name=request.POST.get("name", ""),
                params=request.POST.get("params", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{reverse('search:search')}?{request.POST.get('params', '')}")
        messages.success(request, f"Saved “{found.name}”: new works it finds reach your inbox.")
        return redirect("search:saved")
    searches = request.user.saved_searches.all()
    return render(request, "search/saved.html", {"searches": searches})


def fandoms(request):
    """/fandoms/: every fandom with works the reader may open, counted, A to Z, filterable."""
    wanted = request.GET.get("q", "").strip()[:100]
    groups = fandoms_with_counts(viewer=request.user, containing=wanted)
    return render(request, "search/fandoms.html", {"groups": groups, "wanted": wanted})
