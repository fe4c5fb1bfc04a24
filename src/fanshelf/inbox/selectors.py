"""Reads of notifications: a user's inbox, its unread count, e-mail preferences."""

from django.db.models import Q, QuerySet

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.works.models import Work
from fanshelf.works.selectors import visibility_q

from .kinds import all_preferences
from .models import EmailPreferenceChoice, Notification

READ_STATES = {"all": None, "unread": False, "read": True}


def _openable(user) -> Q:
    """Rows about a work show only while the user may open it, and never from a muted user or
    about their works. Joined from the user's own rows (not a list of every visible work), so
    the cost follows the size of one inbox; the creator join can repeat a row, hence the
    distinct() of the callers."""
    visible = Q(work__isnull=True) | visibility_q(user, prefix="work__")
    muted = muted_user_ids(user)
    if not muted:
        return visible
    # Nor news of a muted creator's work, whoever sent it (not their anonymous works, which
    # would say who wrote them, nor works the user co-created).
    muted_works = (
        Work.objects.filter(pseuds__user_id__in=muted, anonymous=False)
        .exclude(pseuds__user=user)
        .values("pk")
    )
    return visible & ~Q(actor_id__in=muted) & (Q(work__isnull=True) | ~Q(work__in=muted_works))


def inbox_for(*, user, show: str = "all") -> QuerySet[Notification]:
    rows = Notification.objects.filter(_openable(user), recipient=user, in_inbox=True).distinct()
    read = READ_STATES.get(show)
    if read is not None:
        rows = rows.filter(read=read)
    return rows.select_related("actor")


def unread_count(user) -> int:
    return inbox_for(user=user, show="unread").count()


def may_see(notification: Notification) -> bool:
    """Whether the recipient may still open what the notification is about (checked again
    when a queued e-mail is sent)."""
    user = notification.recipient
    return Notification.objects.filter(_openable(user), pk=notification.pk).exists()


def email_preferences(user) -> dict[str, bool]:
    """Every registered preference key → on or off for this user."""
    chosen = dict(EmailPreferenceChoice.objects.filter(user=user).values_list("key", "enabled"))
    return {pref.key: chosen.get(pref.key, pref.default) for pref in all_preferences()}
