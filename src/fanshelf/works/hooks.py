"""Checks that apps above works register to hold a work back before it goes public.

A check receives the work (with its chapters saved) and returns a reason to hold it for a
moderator, or "" to let it through. The moderation app registers its spam check here, so the works
app never imports it.
"""

from collections.abc import Callable

_publish_checks: list[Callable] = []


def register_publish_check(check: Callable) -> None:
    if check not in _publish_checks:
        _publish_checks.append(check)


def hold_reason(work) -> str:
    for check in _publish_checks:
        reason = check(work)
        if reason:
            return reason
    return ""
