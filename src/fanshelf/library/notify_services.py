"""E-mails to subscribers: one per update, or a daily digest, by each reader's preference. Each
update is sent at most once (marked in the transaction that sends it) and only while its reader
may still see the work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from fanshelf.works.selectors import visibility_q

from .models import ShelfPreferences, Update


def _preference(user) -> str:
    preferences = ShelfPreferences.objects.filter(user=user).first()
    return preferences.subscription_email if preferences else ShelfPreferences.Email.IMMEDIATE


def _still_visible(updates: list[Update]) -> list[Update]:
    return [
        u
        for u in updates
        if Update.objects.filter(visibility_q(u.user, prefix="work__"), pk=u.pk).exists()
    ]


def _send(user, updates: list[Update], *, digest: bool) -> None:
    context = {"user": user, "updates": updates, "site": settings.FANSHELF_SITE_URL}
    subject = (
        f"Fanshelf: {len(updates)} update{'s' if len(updates) != 1 else ''} from your subscriptions"
        if digest
        else f"Fanshelf: {updates[0].get_kind_display().lower()} in “{updates[0].work.title}”"
    )
    body = render_to_string("library/email/updates.txt", context)
    send_mail(subject, body, None, [user.email])


def deliver_updates(*, update_ids: Sequence[int]) -> int:
    """Send the immediate e-mails among these updates. Returns how many were sent."""
    sent = 0
    by_user: dict[int, list[int]] = defaultdict(list)
    for update_id, user_id in Update.objects.filter(pk__in=update_ids).values_list("pk", "user_id"):
        by_user[user_id].append(update_id)
    for ids in by_user.values():
        with transaction.atomic():
            updates = list(
                Update.objects.select_for_update(of=("self",))
                .select_related("user", "work", "chapter")
                .filter(pk__in=ids, emailed_at__isnull=True)
            )
            if not updates:
                continue
            choice = _preference(updates[0].user)
            if choice == ShelfPreferences.Email.DAILY:
                continue
            visible = _still_visible(updates) if choice == ShelfPreferences.Email.IMMEDIATE else []
            for update in visible:
                _send(update.user, [update], digest=False)
                sent += 1
            Update.objects.filter(pk__in=[u.pk for u in updates]).update(emailed_at=timezone.now())
    return sent


def send_digests() -> int:
    """One e-mail per daily-digest reader with everything not yet sent. Returns how many."""
    sent = 0
    daily = ShelfPreferences.objects.filter(subscription_email=ShelfPreferences.Email.DAILY)
    user_ids = (
        Update.objects.filter(emailed_at__isnull=True, user_id__in=daily.values("user_id"))
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            updates = list(
                Update.objects.select_for_update(of=("self",))
                .select_related("user", "work", "chapter")
                .filter(user_id=user_id, emailed_at__isnull=True)
                .order_by("created_at")
            )
            visible = _still_visible(updates)
            if visible:
                _send(visible[0].user, visible, digest=True)
                sent += 1
            Update.objects.filter(pk__in=[u.pk for u in updates]).update(emailed_at=timezone.now())
    return sent
