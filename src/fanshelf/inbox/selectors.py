"""Reads of notifications: a user's inbox, its unread count, e-mail preferences."""

from django.db.models import Q, QuerySet

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.works.selectors import visible_works

from .kinds import all_preferences
from .models import EmailPreferenceChoice, Notification

READ_STATES = {"all": None, "unread": False, "read": True}


def _openable(user) -> Q:
    """Rows about a work show only while the user may open it, and never from a muted user."""
    visible = Q(work__isnull=True) | Q(work_id__in=visible_works(viewer=user).values("pk"))
    muted = muted_user_ids(user)
    return visible & ~Q(actor_id__in=muted) if muted else visible


def inbox_for(*, user, show: str = "all") -> QuerySet[Notification]:
    rows = Notification.objects.filter(_openable(user), recipient=user, in_inbox=True)
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
