from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .stats import author_stats as author_stats_of


@login_required
def author_stats(request, username):
    if request.user.username != username:
        raise Http404("Only the author can see their statistics.")
    years = list(range(timezone.now().year, request.user.date_joined.year - 1, -1))
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    stats = author_stats_of(
        author=request.user,
        year=year,
        sort=request.GET.get("sort", "hits"),
        descending=request.GET.get("dir", "desc") != "asc",
    )
    return render(
        request,
        "responses/stats.html",
        {"stats": stats, "years": years, "year": year, "author": request.user},
    )
