"""History, marked for later, the reading position, and the shelf's preferences: each page is
the logged-in reader's own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from fanshelf.works.selectors import work_for_reading

from . import reading_services as services
from .forms import ShelfPreferencesForm
from .reading_selectors import continue_url, history, marked_for_later, updated_since_read


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _page(request, readings):
    page = Paginator(readings, settings.FANSHELF_WORKS_PER_PAGE).get_page(request.GET.get("page"))
    for reading in page:
        reading.updated_since = updated_since_read(reading)
        reading.continue_url = continue_url(reading)
    return page


@login_required
def history_page(request):
    preferences = services.preferences_of(request.user)
    return render(
        request,
        "library/history.html",
        {"page": _page(request, history(user=request.user)), "preferences": preferences},
    )


@login_required
def later_page(request):
    return render(
        request, "library/later.html", {"page": _page(request, marked_for_later(user=request.user))}
    )


@login_required
@require_POST
def history_clear(request):
    work = None
    if request.POST.get("work"):
        work = work_for_reading(viewer=request.user, work_id=_int(request.POST["work"]))
    services.history_clear(user=request.user, work=work)
    messages.success(request, f"“{work.title}” removed from your history." if work else
                     "Your history is cleared.")  # fmt: skip
    return _back(request, "library:history")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@login_required
@require_POST
def mark_for_later(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    marked = request.POST.get("marked", "1") == "1"
    services.mark_for_later(user=request.user, work=work, marked=marked)
    messages.success(request, "Marked for later." if marked else "Removed from Marked for later.")
    return _back(request, work.get_absolute_url())


@login_required
@require_POST
def reading_position(request):
    """The reading script's report of the paragraph in view; buffered, answered at once."""
    try:
        services.record_position(
            user=request.user,
            work_id=_int(request.POST.get("work")),
            chapter_position=_int(request.POST.get("chapter")),
            paragraph=_int(request.POST.get("paragraph")),
        )
    except ValidationError as error:
        return HttpResponseBadRequest(error.messages[0])
    return HttpResponse(status=204)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.preferences_of(request.user)
    form = ShelfPreferencesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Preferences saved.")
        return redirect("library:preferences")
    return render(request, "library/preferences.html", {"form": form, "preferences": current})
