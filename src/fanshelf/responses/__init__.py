"""Readers respond: kudos, comments (threads, moderation, spam defence) and hit counts.

Writes live in services.py (kudos, comments), hits.py (the hit buffer and its flush) and
spam.py (scoring and the optional Akismet-compatible check). The work page shows everything
through the `{% work_responses %}` tag, so the works app never imports this one; it tells us of
a reading through `works.signals.work_read`.

For moderation: `comment_hide(comment=, reason=, by=)` / `comment_unhide(...)` hide a comment
from everyone (it stays as a placeholder when it has replies) and withdraw its notifications.
"""
