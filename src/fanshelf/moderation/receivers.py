"""Holds likely spam from new or little-active accounts before it goes public."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags

from fanshelf.core.spam import spam_score
from fanshelf.works.hooks import register_publish_check
from fanshelf.works.models import Work

from . import services, targets


def _author_history(user) -> tuple[float, int, int]:
    now = timezone.now()
    works = Work.objects.filter(pseuds__user=user, posted=True).distinct()
    recent = works.filter(created_at__gte=now - datetime.timedelta(hours=1)).count()
    age_days = (now - user.date_joined).total_seconds() / 86400
    return age_days, works.count() - 1, recent


def hold_likely_spam(work: Work) -> str:
    owners = [pseud.user for pseud in work.pseuds.select_related("user")]
    if not owners or any(owner.is_staff for owner in owners):
        return ""
    author = owners[0]
    age_days, earlier, recent = _author_history(author)
    text = " ".join(
        [work.title, strip_tags(work.summary), strip_tags(work.notes_begin)]
        + [strip_tags(chapter.text) for chapter in work.chapters.all()[:3]]
    )
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
    reasons = "; ".join(verdict.reasons)
    services.report_hold(
        target=targets.resolve("work", work.pk, viewer=None, moderator=True), reasons=reasons
    )
    return "Waiting for a moderator: it looks like spam to our filter. A moderator will look soon."


register_publish_check(hold_likely_spam)
