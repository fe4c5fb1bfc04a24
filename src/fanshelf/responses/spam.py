"""Who counts as a new or little-active author (of works and of comments), and the spam verdict
on their comments. The scoring itself (and the optional Akismet-compatible service) is
core.spam's. The history lives here, not in accounts, because it counts comments; moderation's
check on new works reads it from here too."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from fanshelf.core.spam import SpamVerdict, spam_score


@dataclass(frozen=True)
class AuthorHistory:
    age_days: float
    posted_works: int
    approved_comments: int

    @property
    def earlier_posts(self) -> int:
        return self.posted_works + self.approved_comments


def author_history(user) -> AuthorHistory:
    """How old the account is and what it has put before readers: posted works and approved,
    undeleted comments."""
    return AuthorHistory(
        age_days=(timezone.now() - user.date_joined).total_seconds() / 86400,
        posted_works=user.pseuds.filter(works__posted=True).values("works").distinct().count(),
        approved_comments=user.comments.filter(status="approved", deleted=False).count(),
    )


def is_new_or_low_activity(user) -> bool:
    history = author_history(user)
    return (
        history.age_days < settings.FANSHELF_SPAM_NEW_ACCOUNT_DAYS
        or history.earlier_posts < settings.FANSHELF_SPAM_ACTIVE_POSTS
    )


def comment_verdict(
    *, text: str, user, by_same_author, name: str, email: str, address: str, user_agent: str
) -> SpamVerdict:
    """core.spam's verdict on a comment by `user` (a guest when not logged in)."""
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = by_same_author.filter(created_at__gte=hour_ago).count()
    if user.is_authenticated:
        history = author_history(user)
        age_days, earlier = history.age_days, history.earlier_posts
    else:
        age_days, earlier = None, 0
    return spam_score(
        text,
        account_age_days=age_days,
        earlier_posts=earlier,
        posts_last_hour=recent,
        author_name=name,
        author_email=email,
        author_ip=address,
        author_agent=user_agent,
    )
