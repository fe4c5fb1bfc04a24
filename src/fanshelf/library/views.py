"""Bookmarks: make, edit and delete one; a work's bookmarks; a user's; bookmark search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from fanshelf.accounts.selectors import user_with_pseuds
from fanshelf.works.selectors import work_for_reading
from fanshelf.works.series_selectors import series_for_reading

from . import bookmark_services as services
from .bookmark_selectors import (
    bookmark_of,
    bookmarks_of_work,
    search_bookmarks,
    visible_bookmarks,
    with_items,
)
from .forms import BookmarkForm, BookmarkSearchForm, ExternalWorkForm

FIELDS = ("notes", "tags", "rec", "private", "text_format")


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def bookmark_search(request):
    form = BookmarkSearchForm(request.GET)
    result = None
    if form.is_valid():
        result = search_bookmarks(viewer=request.user, query=form.bookmark_query())
    return render(
        request,
        "library/bookmark_search.html",
        {"form": form, "result": result, "query": _query_string(request)},
    )


def user_bookmarks(request, username):
    owner = user_with_pseuds(username=username)
    form = BookmarkSearchForm(request.GET)
    result = None
    if form.is_valid():
        query = form.bookmark_query()
        query.bookmarker = owner.username
        result = search_bookmarks(viewer=request.user, query=query)
    return render(
        request,
        "library/bookmark_search.html",
        {"form": form, "result": result, "owner": owner, "query": _query_string(request)},
    )


def work_bookmarks(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    bookmarks = bookmarks_of_work(work=work, viewer=request.user)
    return render(request, "library/work_bookmarks.html", {"work": work, "bookmarks": bookmarks})


def bookmark_detail(request, bookmark_id):
    bookmark = get_object_or_404(with_items(visible_bookmarks(viewer=request.user)), pk=bookmark_id)
    return render(request, "library/bookmark.html", {"bookmark": bookmark})


def _save(request, form, create, *, template, context):
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in FIELDS}
        try:
            bookmark = create(**values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Bookmark saved.")
            return redirect(bookmark)
    return render(request, template, {"form": form, **context})


def _bookmark_item(request, **item):
    """The bookmark form for one work or series; a second visit edits the first bookmark."""
    existing = bookmark_of(user=request.user, **item)
    if existing is not None:
        return redirect("library:bookmark_edit", existing.pk)
    return _save(
        request,
        BookmarkForm(request.POST or None),
        lambda **values: services.bookmark_create(user=request.user, **item, **values),
        template="library/bookmark_form.html",
        context={"item": next(iter(item.values()))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_work(request, work_id):
    return _bookmark_item(request, work=work_for_reading(viewer=request.user, work_id=work_id))


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_series(request, series_id):
    series, _works = series_for_reading(viewer=request.user, series_id=series_id)
    return _bookmark_item(request, series=series)


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_external(request):
    external_form = ExternalWorkForm(request.POST or None)
    form = BookmarkForm(request.POST or None)
    if request.method == "POST" and external_form.is_valid():

        def create(**values):
            data = services.ExternalInput(**external_form.cleaned_data)
            external = services.external_work_for(data=data)
            return services.bookmark_create(user=request.user, external=external, **values)

        return _save(
            request,
            form,
            create,
            template="library/bookmark_form.html",
            context={"external_form": external_form},
        )
    return render(
        request, "library/bookmark_form.html", {"form": form, "external_form": external_form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_edit(request, bookmark_id):
    bookmark = get_object_or_404(with_items(request.user.bookmarks.all()), pk=bookmark_id)
    initial = {
        "notes": bookmark.notes,
        "tags": [tag.name for tag in bookmark.tags.all()],
        "rec": bookmark.rec,
        "private": bookmark.private,
        "text_format": "html",
    }
    form = BookmarkForm(request.POST or None, initial=initial)
    return _save(
        request,
        form,
        lambda **values: services.bookmark_update(bookmark=bookmark, user=request.user, **values),
        template="library/bookmark_form.html",
        context={"item": bookmark.item, "bookmark": bookmark},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bookmark_delete(request, bookmark_id):
    bookmark = get_object_or_404(with_items(request.user.bookmarks.all()), pk=bookmark_id)
    if request.method == "POST":
        services.bookmark_delete(bookmark=bookmark, user=request.user)
        messages.success(request, "Bookmark deleted.")
        return redirect("library:user_bookmarks", request.user.username)
    return render(request, "library/bookmark_delete.html", {"bookmark": bookmark})
