"""Holds likely spam from new or little-active accounts before it goes public."""

import datetime

from django.dispatch import receiver
from django.utils import timezone

from fanshelf.core.spam import spam_score
from fanshelf.responses.signals import comment_held_as_spam
from fanshelf.responses.spam import author_history
from fanshelf.works.hooks import register_publish_check
from fanshelf.works.models import Work
from fanshelf.works.signals import work_held

from . import services, targets
from .notify import tell_user

HELD_MESSAGE = (
    "Waiting for a moderator: it looks like spam to our filter. A moderator will look soon."
)


def _works_in_the_last_hour(user) -> int:
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    return (
        Work.objects.filter(pseuds__user=user, posted=True, created_at__gte=hour_ago)
        .distinct()
        .count()
    )


def likely_spam(*, users, text: str) -> str:
    """The works hook: a hold reason for a new or little-active creator's spam-like text."""
    if not users or any(user.is_staff for user in users):
        return ""
    author = users[0]
    history = author_history(author)
    verdict = spam_score(
        text,
        account_age_days=history.age_days,
        earlier_posts=history.earlier_posts,
        posts_last_hour=_works_in_the_last_hour(author),
        author_name=author.username,
        author_email=author.email,
    )
    if not verdict.is_spam:
        return ""
    return f"{HELD_MESSAGE} ({'; '.join(verdict.reasons)})"


@receiver(work_held)
def file_held_work(sender, work, reason, **kwargs):
    target = targets.resolve("work", work.pk, viewer=None, moderator=True)
    services.report_hold(target=target, reasons=reason)
    for owner in target.owners:
        tell_user(
            owner,
            subject=f"“{work.title}” waits for a moderator",
            body="Our spam filter held your work back; a moderator will look at it soon. "
            "Until then only you can see it.",
        )


@receiver(comment_held_as_spam)
def file_held_comment(sender, comment, reason, **kwargs):
    target = targets.resolve("comment", comment.pk, viewer=None, moderator=True)
    services.report_hold(target=target, reasons=reason)


register_publish_check(likely_spam)
