"""Holds likely spam from new or little-active accounts before it goes public."""

import datetime

from django.dispatch import receiver
from django.utils import timezone

from fanshelf.core.spam import spam_score
from fanshelf.responses.signals import comment_held_as_spam
from fanshelf.works.hooks import register_publish_check
from fanshelf.works.models import Work
from fanshelf.works.signals import work_held

from . import services, targets
from .notify import tell_user

HELD_MESSAGE = (
    "Waiting for a moderator: it looks like spam to our filter. A moderator will look soon."
)


def _author_history(user) -> tuple[float, int, int]:
    now = timezone.now()
    works = Work.objects.filter(pseuds__user=user, posted=True).distinct()
    recent = works.filter(created_at__gte=now - datetime.timedelta(hours=1)).count()
    age_days = (now - user.date_joined).total_seconds() / 86400
    return age_days, works.count(), recent


def likely_spam(*, users, text: str) -> str:
    """The works hook: a hold reason for a new or little-active creator's spam-like text."""
    if not users or any(user.is_staff for user in users):
        return ""
    author = users[0]
    age_days, earlier, recent = _author_history(author)
    verdict = spam_score(
        text,
        account_age_days=age_days,
        earlier_posts=earlier,
        posts_last_hour=recent,
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
