"""Saved searches: a reader names the search they are looking at; a periodic job tells them in
their inbox about works it finds that are newer than the last it told them about."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from fanshelf.works.models import Work

from .forms import SearchForm
from .models import SavedSearch
from .query import Sort

KIND = "saved_search"
IGNORED = ("page", "sort", "order", "all")


def _clean_params(params: str) -> str:
    query = QueryDict(params, mutable=True)
    for name in IGNORED:
        query.pop(name, None)
    return query.urlencode()


def saved_search_create(*, user, name: str, params: str) -> SavedSearch:
    name = " ".join(name.split())[:100]
    if not name:
        raise ValidationError("Give the search a name.")
    if SavedSearch.objects.filter(user=user).count() >= settings.FANSHELF_SAVED_SEARCHES_MAX:
        raise ValidationError(
            f"You have {settings.FANSHELF_SAVED_SEARCHES_MAX} saved searches; delete one first."
        )
    form = SearchForm(QueryDict(params))
    if not form.is_valid():
        raise ValidationError("Only a search that works can be saved; fix it first.")
    newest = Work.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return SavedSearch.objects.create(
        user=user, name=name, params=_clean_params(params), seen_work_id=newest
    )


def saved_search_delete(*, user, saved_id: int) -> None:
    SavedSearch.objects.filter(user=user, pk=saved_id).delete()


def new_matches(saved: SavedSearch) -> list[Work]:
    """Works the search finds now that are newer than seen_work_id, newest first."""
    from .selectors import search_works

    form = SearchForm(QueryDict(saved.params))
    if not form.is_valid():
        return []
    query = form.search_query(facets=False)
    query = type(query)(**{**query.__dict__, "sort": Sort.PUBLISHED, "descending": True})
    limit = settings.FANSHELF_SAVED_SEARCH_NEW_MAX
    found = search_works(viewer=saved.user, query=query, per_page=limit)
    return [w for w in found.works if w.pk > saved.seen_work_id]


def saved_searches_check() -> int:
    """Tell every reader about new matches of their saved searches; returns how many notices.
    Safe to run twice: a search's seen_work_id moves on in the transaction that tells."""
    from fanshelf.inbox.services import notification_send

    sent = 0
    for saved_id in SavedSearch.objects.values_list("pk", flat=True):
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().filter(pk=saved_id).first()
            works = new_matches(saved) if saved else []
            if not works:
                continue
            url = f"{reverse('search:search')}?{saved.params}"
            items = format_html_join(
                "", '<li><a href="{}">{}</a></li>', ((w.get_absolute_url(), w.title) for w in works)
            )
            count = len(works)
            notification_send(
                recipient=saved.user,
                kind=KIND,
                subject=f"{count} new work{'s' if count != 1 else ''} for “{saved.name}”",
                body_html=format_html("<ul>{}</ul>", items),
                url=url,
            )
            saved.seen_work_id = max(w.pk for w in works)
            saved.save(update_fields=["seen_work_id"])
            sent += 1
    return sent


def register_notification_kind() -> None:
    from fanshelf.inbox.kinds import register_kind

    register_kind(
        KIND,
        preference="saved_searches",
        label="New works for my saved searches",
        default=False,
    )
