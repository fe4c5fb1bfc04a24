"""Reads of subscriptions and of the updates they brought."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from fanshelf.search.personal import hidden_by, personal_filters
from fanshelf.works.models import Work
from fanshelf.works.selectors import visibility_q
from fanshelf.works.series_selectors import visible_series

from .models import ShelfPreferences, Subscription, Update


def subscriptions_of(*, user) -> QuerySet[Subscription]:
    """The reader's subscriptions, each knowing whether its work or series is still one the
    reader may open (the page names only those: a work may since have become a draft)."""
    visible_works = Work.objects.filter(visibility_q(user), pk=OuterRef("work_id"))
    series = visible_series(viewer=user).filter(pk=OuterRef("series_id"))
    return (
        Subscription.objects.filter(user=user)
        .annotate(work_open=Exists(visible_works), series_open=Exists(series))
        .select_related("work", "series", "creator")
        .order_by("-created_at")
    )


def subscription_to(*, user, work=None, series=None, creator=None) -> Subscription | None:
    if user is None or not user.is_authenticated:
        return None
    return Subscription.objects.filter(user=user, work=work, series=series, creator=creator).first()


def feed_owner(*, token: str) -> ShelfPreferences | None:
    if not token or len(token) > 64:
        return None
    return ShelfPreferences.objects.filter(feed_token=token).select_related("user").first()


def feed_updates(*, user, limit: int) -> list[Update]:
    """The reader's updates for a feed read without logging in: only works a guest may see, so
    a leaked feed address never shows a restricted, hidden or draft work; and none the
    reader's own filters hide, as on every listing of theirs."""
    updates = Update.objects.filter(visibility_q(AnonymousUser(), prefix="work__"), user=user)
    updates = updates.exclude(hidden_by(personal_filters(user), prefix="work__"))
    return list(
        updates.select_related("work", "chapter", "series")
        .prefetch_related("work__pseuds__user")
        .order_by("-created_at", "-pk")[:limit]
    )


def recent_updates(*, user, limit: int) -> list[Update]:
    updates = Update.objects.filter(visibility_q(user, prefix="work__"), user=user).distinct()
    return list(
        updates.select_related("work", "chapter", "series")
        .prefetch_related("work__pseuds__user")
        .order_by("-created_at", "-pk")[:limit]
    )
