from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import series_services as services
from .forms import ReorderForm
from .models import Series, Work
from .muted import muted_notice
from .series_forms import SeriesForm
from .series_selectors import series_for_reading

FIELDS = ("title", "summary", "notes", "complete", "text_format")


def series_detail(request, series_id):
    series, works = series_for_reading(viewer=request.user, series_id=series_id)
    users = [pseud.user for pseud in series.pseuds.all()]
    if (notice := muted_notice(request, kind="series", item=series, users=users)) is not None:
        return notice
    words = sum(work.word_count for work in works)
    return render(
        request, "works/series.html", {"series": series, "works": works, "series_words": words}
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_new(request):
    form = SeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in FIELDS}
        try:
            series = services.series_create(
                pseuds=list(form.cleaned_data["pseuds"]), editor=request.user, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Series created. Add works to it from their edit pages.")
            return redirect(series)
    return render(request, "works/series_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, series_id):
    series = get_object_or_404(Series.objects.filter(pseuds__user=request.user).distinct(),
                               pk=series_id)  # fmt: skip
    initial = {
        "title": series.title,
        "summary": series.summary,
        "notes": series.notes,
        "complete": series.complete,
        "text_format": "html",
        "pseuds": [p.pk for p in series.pseuds.all()],
    }
    form = SeriesForm(request.POST or None, user=request.user, series=series, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in FIELDS}
        try:
            services.series_update(
                series=series,
                editor=request.user,
                pseuds=list(form.cleaned_data["pseuds"]),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Series updated.")
            return redirect(series)
    return render(request, "works/series_form.html", {"form": form, "series": series})


@login_required
@require_http_methods(["GET", "POST"])
def series_reorder(request, series_id):
    series, works = series_for_reading(viewer=request.user, series_id=series_id)
    users = [pseud.user for pseud in series.pseuds.all()]
    if (notice := muted_notice(request, kind="series", item=series, users=users)) is not None:
        return notice
    if not series.is_creator:
        return render(request, "404.html", {"message": "Not your series."}, status=404)
    form = ReorderForm(request.POST or None, items=works, label=lambda w: w.title, noun="work")
    if request.method == "POST" and form.is_valid():
        try:
            services.series_reorder(series=series, work_ids=form.ordered_ids(), editor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Works reordered.")
            return redirect(series)
    return render(request, "works/series_reorder.html", {"form": form, "series": series})


@login_required
@require_POST
def series_remove_work(request, series_id, work_id):
    series = get_object_or_404(Series, pk=series_id)
    work = get_object_or_404(Work, pk=work_id)
    try:
        services.series_remove_work(series=series, work=work, editor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"“{work.title}” was taken out of the series.")
    return redirect(series)


@login_required
@require_http_methods(["GET", "POST"])
def series_delete(request, series_id):
    series = get_object_or_404(Series.objects.filter(pseuds__user=request.user).distinct(),
                               pk=series_id)  # fmt: skip
    if request.method == "POST":
        services.series_delete(series=series, editor=request.user)
        messages.success(request, f"The series “{series.title}” was deleted; its works stay.")
        return redirect("accounts:profile", request.user.username)
    return render(request, "works/confirm_delete.html", {"object": series, "work": series})
