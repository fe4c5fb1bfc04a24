"""Who counts as a new or little-active commenter, and the spam verdict on their comments.
The scoring itself (and the optional Akismet-compatible service) is core.spam's."""

import datetime

from django.conf import settings
from django.utils import timezone

from fanshelf.core.spam import SpamVerdict, spam_score


def _history(user) -> tuple[float, int]:
    """(account age in days, earlier posts: posted works and approved comments)."""
    age_days = (timezone.now() - user.date_joined).total_seconds() / 86400
    works = user.pseuds.filter(works__posted=True).values("works").distinct().count()
    comments = user.comments.filter(status="approved", deleted=False).count()
    return age_days, works + comments


def is_new_or_low_activity(user) -> bool:
    age_days, earlier = _history(user)
    return (
        age_days < settings.FANSHELF_SPAM_NEW_ACCOUNT_DAYS
        or earlier < settings.FANSHELF_SPAM_ACTIVE_POSTS
    )


def comment_verdict(*, text: str, user, by_same_author, name: str, email: str) -> SpamVerdict:
    """core.spam's verdict on a comment by `user` (a guest when not logged in)."""
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = by_same_author.filter(created_at__gte=hour_ago).count()
    if user.is_authenticated:
        age_days, earlier = _history(user)
    else:
        age_days, earlier = None, 0
    return spam_score(
        text,
        account_age_days=age_days,
        earlier_posts=earlier,
        posts_last_hour=recent,
        author_name=name,
        author_email=email,
    )
