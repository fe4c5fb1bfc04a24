"""Jobs: recount a work's kudos and comments, flush buffered hits, ask the spam service.
Each is safe to run twice: recounts count, the hit flush records its batches."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fanshelf.works.models import Work

from . import hits, spam
from .models import Comment, Kudos
from .selectors import counted_comments, per_work


@db_task()
def recount_responses(work_id: int) -> None:
    Work.objects.filter(pk=work_id).update(
        kudos_count=per_work(Kudos.objects.all()),
        comment_count=per_work(Comment.objects.filter(counted_comments())),
    )


@db_periodic_task(crontab(minute=f"*/{settings.FANSHELF_HITS_FLUSH_MINUTES}"))
def flush_hits() -> int:
    return hits.flush_hits()


@db_task(retries=3, retry_delay=300)
def akismet_check(comment_id: int, address: str) -> bool:
    """Send an approved comment to the spam service; spam goes back to the moderation queue.
    The address lives only in this queued job, never in the database."""
    from .services import comment_hold

    comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.APPROVED).first()
    if comment is None:
        return False
    is_spam = spam.akismet_says_spam(
        text=comment.content,
        author=comment.commenter_name,
        email=comment.guest_email or (comment.user.email if comment.user else ""),
        address=address,
        url=settings.FANSHELF_SITE_URL + comment.work.get_absolute_url(),
    )
    if is_spam:
        comment_hold(comment=comment, reason="Held as spam by the spam check.")
    return is_spam
