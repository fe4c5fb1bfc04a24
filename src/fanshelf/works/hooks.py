"""Checks that apps above works register to hold a work back before it goes public.

A check is called with `users` (the work's creators) and `text` (title, summary, notes and the
start of the story, as plain text) before the work's transaction opens, since a check may ask a
slow outside service; it returns a reason to hold the work for a moderator, or "". The moderation
app registers its spam check here, so the works app never imports it.
"""

from collections.abc import Callable

_publish_checks: list[Callable] = []


def register_publish_check(check: Callable) -> None:
    if check not in _publish_checks:
        _publish_checks.append(check)


def hold_reason(*, users, text: str) -> str:
    for check in _publish_checks:
        reason = check(users=users, text=text)
        if reason:
            return reason
    return ""
