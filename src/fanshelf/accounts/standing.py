"""A user's standing: suspended users read but do not contribute; banned users cannot log in."""

from django.utils import timezone


def is_banned(user) -> bool:
    return bool(getattr(user, "banned_at", None))


def is_suspended(user) -> bool:
    until = getattr(user, "suspended_until", None)
    return bool(until and until > timezone.now())


def standing_message(user) -> str:
    if is_banned(user):
        return f"This account is banned. Reason: {user.ban_reason or 'not given'}."
    if is_suspended(user):
        until = timezone.localtime(user.suspended_until).strftime("%Y-%m-%d %H:%M %Z")
        reason = user.suspension_reason or "not given"
        return (
            f"Your account is suspended until {until}: you can read, but not post, comment, "
            f"leave kudos or bookmark. Reason: {reason}."
        )
    return ""
