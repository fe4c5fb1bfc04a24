"""Every write to kudos and comments. Refusals raise ValidationError with the reader's message."""

import datetime
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fanshelf.accounts.models import User
from fanshelf.accounts.selectors import is_blocked, is_moderator
from fanshelf.core.selectors import guest_comments_allowed
from fanshelf.core.text import clean_name
from fanshelf.inbox.services import notification_send, notifications_withdraw
from fanshelf.works.models import Chapter, Work
from fanshelf.works.text_formats import TextFormat, html_to_text, to_clean_html

from . import spam
from .hits import keyed_hash
from .models import Comment, CommentSettings, Kudos
from .selectors import comment_settings_for, creators_of, may_manage, subtree_ids
from .signals import comment_held_as_spam

ALREADY_LEFT_KUDOS = "You have already left kudos here. :)"
_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


class AlreadyLeftKudos(ValidationError):
    pass


def _after_commit(work_id: int) -> None:
    from .tasks import recount_responses

    transaction.on_commit(lambda: recount_responses(work_id))


def _blocked_by_any(user, users) -> bool:
    return any(is_blocked(blocker_id=other.pk, user=user) for other in users)


# Kudos


def kudos_leave(*, work: Work, user, address: str) -> Kudos:
    """One kudos per user (or per guest network address) per work; see the issue's rules."""
    guest = not user.is_authenticated
    creators = creators_of(work)
    if not work.posted or work.hidden_by_admin:
        raise ValidationError("Kudos can't be left on a draft.")
    if guest and work.restricted:
        raise ValidationError("Log in to leave kudos on this work.")
    if not guest and any(c.pk == user.pk for c in creators):
        raise ValidationError("You can't leave kudos on your own work.")
    if not guest and _blocked_by_any(user, creators):
        raise ValidationError("Sorry, you can't leave kudos on this work.")
    try:
        with transaction.atomic():
            kudos = Kudos.objects.create(
                work=work,
                user=None if guest else user,
                guest_key=keyed_hash("kudos", address) if guest else "",
            )
            giver = "A guest" if guest else user.username
            for creator in creators:
                notification_send(
                    recipient=creator,
                    kind="kudos",
                    subject=f"{giver} left kudos on “{work.title}”",
                    url=work.get_absolute_url(),
                    work=work,
                    target=kudos,
                    actor=None if guest else user,
                    digest=True,
                    in_inbox=False,
                )
    except IntegrityError:
        raise AlreadyLeftKudos(ALREADY_LEFT_KUDOS) from None
    _after_commit(work.pk)
    return kudos


# Comments


def _clean_content(content: str) -> tuple[str, str]:
    """(sanitized HTML, digest of its words) for a comment's text, or a refusal."""
    limit = settings.FANSHELF_COMMENT_MAX_LENGTH
    if len(content) > limit:
        raise ValidationError(
            f"Comments can be at most {limit:,} characters; this one has {len(content):,}."
        )
    text_format = TextFormat.HTML if _HTML_TAG.search(content) else TextFormat.PLAIN
    html = to_clean_html(content, text_format)
    words = " ".join(html_to_text(html).lower().split())
    if not words:
        raise ValidationError("Write something before posting your comment.")
    return html, hashlib.sha256(words.encode()).hexdigest()


def _check_permission(work: Work, user, comment_settings: CommentSettings, creators) -> None:
    if not work.posted or work.hidden_by_admin:
        raise ValidationError("Comments can't be left on a draft.")
    if comment_settings.permission == CommentSettings.Permission.NOBODY:
        raise ValidationError("The author has turned comments off for this work.")
    if not user.is_authenticated:
        if work.restricted or not guest_comments_allowed():
            raise ValidationError("Log in to comment; guest comments are turned off here.")
        if comment_settings.permission != CommentSettings.Permission.ANYONE:
            raise ValidationError("Only registered users can comment on this work. Log in first.")
    elif _blocked_by_any(user, creators):
        raise ValidationError("Sorry, you can't comment on this work.")


def _check_parent(parent: Comment | None, work: Work, user) -> None:
    if parent is None:
        return
    if parent.work_id != work.pk or not parent.is_visible:
        raise ValidationError("That comment can't be replied to.")
    if parent.status != Comment.Status.APPROVED:
        raise ValidationError("That comment is awaiting approval; it can't be replied to yet.")
    if parent.frozen:
        raise ValidationError("This thread is frozen: no more replies can be left.")
    if (
        user.is_authenticated
        and parent.user_id
        and is_blocked(blocker_id=parent.user_id, user=user)
    ):
        raise ValidationError("Sorry, you can't reply to this comment.")


def _by_same_author(user, guest_key: str):
    if user.is_authenticated:
        return Comment.objects.filter(user=user)
    return Comment.objects.filter(user__isnull=True, guest_key=guest_key)


def _check_rate(user, guest_key: str, creators) -> None:
    """New and low-activity accounts (and guests) leave at most N comments per period, not
    counting comments on their own works."""
    if user.is_authenticated:
        if any(c.pk == user.pk for c in creators) or not spam.is_new_or_low_activity(user):
            return
        User.objects.select_for_update().filter(pk=user.pk).first()  # one post at a time
    since = timezone.now() - datetime.timedelta(seconds=settings.FANSHELF_COMMENT_RATE_SECONDS)
    recent = _by_same_author(user, guest_key).filter(created_at__gte=since)
    if user.is_authenticated:
        recent = recent.exclude(work__pseuds__user=user)
    if recent.count() >= settings.FANSHELF_COMMENT_RATE_COUNT:
        minutes = round(settings.FANSHELF_COMMENT_RATE_SECONDS / 60)
        raise ValidationError(
            f"New accounts can leave {settings.FANSHELF_COMMENT_RATE_COUNT} comments every "
            f"{minutes} minutes. Please wait a little, then post again."
        )


def _guest_details(name: str, email: str) -> tuple[str, str]:
    # A name is one line (it heads e-mails, where a newline is refused); normalised as pseuds are.
    name, email = clean_name(name), email.strip()
    if not name or not email:
        raise ValidationError("Guests give a name and an e-mail address to comment.")
    if len(name) > 100:
        raise ValidationError("Names can be at most 100 characters.")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("Give a valid e-mail address.") from None
    return name, email


def comment_post(
    *,
    work: Work,
    user,
    content: str,
    chapter: Chapter | None = None,
    parent: Comment | None = None,
    pseud=None,
    guest_name: str = "",
    guest_email: str = "",
    address: str = "",
    user_agent: str = "",
) -> Comment:
    creators = creators_of(work)
    comment_settings = comment_settings_for(work)
    _check_permission(work, user, comment_settings, creators)
    _check_parent(parent, work, user)
    if chapter is not None and (chapter.work_id != work.pk or not chapter.posted):
        raise ValidationError("No such chapter in this work.")
    html, digest = _clean_content(content)
    guest = not user.is_authenticated
    guest_key = keyed_hash("comment", address) if guest else ""
    if guest:
        guest_name, guest_email = _guest_details(guest_name, guest_email)
    elif pseud is None or pseud.user_id != user.pk:
        pseud = user.default_pseud
    is_creator = not guest and any(c.pk == user.pk for c in creators)
    status, held, score = Comment.Status.APPROVED, "", 0
    # Scored before the transaction: the optional outside spam service may be slow.
    if guest or (not is_creator and spam.is_new_or_low_activity(user)):
        verdict = spam.comment_verdict(
            text=html_to_text(html),
            user=user,
            by_same_author=_by_same_author(user, guest_key),
            name=guest_name or user.username,
            email=guest_email or user.email,
            address=address,
            user_agent=user_agent,
        )
        score = round(verdict.score * 100)
        if verdict.is_spam:
            status = Comment.Status.PENDING
            held = "Held as possible spam: " + "; ".join(verdict.reasons) + "."
    with transaction.atomic():
        _check_rate(user, guest_key, creators)
        same_author = _by_same_author(user, guest_key).filter(content_digest=digest, deleted=False)
        place = {"work": work, "chapter": chapter, "parent": parent}
        if same_author.filter(**place).exists():
            raise ValidationError("You have already left this comment here.")
        if comment_settings.moderated and not is_creator and not held:
            status, held = Comment.Status.PENDING, "Awaiting the author's approval."
        comment = Comment.objects.create(
            **place,
            thread_root=(parent.thread_root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            user=None if guest else user,
            pseud=pseud,
            guest_name=guest_name,
            guest_email=guest_email,
            guest_key=guest_key,
            content=html,
            content_digest=digest,
            status=status,
            held_reason=held,
            spam_score=score,
        )
        if held and status == Comment.Status.PENDING and score:
            comment_held_as_spam.send(sender=Comment, comment=comment, reason=held)
        _announce(comment, creators)
    _after_commit(work.pk)
    return comment


def _announce(comment: Comment, creators) -> None:
    """Inbox rows (and e-mails) for the work's creators, the replied-to commenter and, when they
    asked for copies, the commenter."""
    work, name = comment.work, comment.commenter_name
    actor = comment.user
    url = reverse("responses:comment", args=[comment.pk])
    # An anonymous creator's notices name no account (not even for readers who muted them).
    shown_actor = None if comment.by_anonymous_creator else actor
    common = {"work": work, "target": comment, "actor": shown_actor, "actor_name": name}
    if comment.status == Comment.Status.PENDING:
        for creator in creators:
            notification_send(
                recipient=creator,
                kind="comment",
                subject=f"{name} left a comment awaiting your approval on “{work.title}”",
                body_html=comment.content,
                url=reverse("responses:queue", args=[work.pk]),
                **common,
            )
        return
    told = {actor.pk} if actor else set()
    parent_user = comment.parent.user if comment.parent_id else None
    reply_url = reverse("responses:reply", args=[comment.pk])
    if parent_user is not None and parent_user.pk not in told:
        notification_send(
            recipient=parent_user,
            kind="reply",
            subject=f"{name} replied to your comment on “{work.title}”",
            body_html=comment.content,
            url=url,
            reply_url=reply_url,
            **common,
        )
        told.add(parent_user.pk)
    for creator in creators:
        if creator.pk not in told:
            notification_send(
                recipient=creator,
                kind="comment",
                subject=f"{name} left a comment on “{work.title}”",
                body_html=comment.content,
                url=url,
                reply_url=reply_url,
                **common,
            )
    if actor is not None:
        notification_send(
            recipient=actor,
            kind="own_comment",
            subject=f"Your comment on “{work.title}”",
            body_html=comment.content,
            url=url,
            in_inbox=False,
            **common,
        )


def comment_edit(*, comment: Comment, user, content: str) -> Comment:
    if not user.is_authenticated or comment.user_id != user.pk or not comment.is_visible:
        raise ValidationError("Only the commenter can edit this comment.")
    if comment.frozen:
        raise ValidationError("This thread is frozen: its comments can't be edited.")
    if comment.replies.exists():
        raise ValidationError("A comment can't be edited once someone has replied to it.")
    comment.content, comment.content_digest = _clean_content(content)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["content", "content_digest", "edited_at"])
    return comment


def _check_manager(comment: Comment, by) -> None:
    if not may_manage(user=by, work=comment.work):
        raise ValidationError("Only the work's creators can do that.")


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> None:
    """The commenter, the work's creators or staff delete; with replies it stays as
    "(Previous comment deleted.)" so the thread survives."""
    if not (by.is_authenticated and comment.user_id == by.pk):
        _check_manager(comment, by)
    notifications_withdraw(target=comment)
    if comment.replies.exists():
        comment.deleted, comment.content = True, ""
        comment.save(update_fields=["deleted", "content"])
    else:
        comment.delete()
    _after_commit(comment.work_id)


@transaction.atomic
def comment_freeze(*, comment: Comment, by, frozen: bool = True) -> int:
    """Freeze (or thaw) a comment and every reply under it: no replies, no edits."""
    _check_manager(comment, by)
    return Comment.objects.filter(pk__in=subtree_ids(comment)).update(frozen=frozen)


@transaction.atomic
def comment_approve(*, comment: Comment, by) -> Comment:
    _check_manager(comment, by)
    if comment.status == Comment.Status.PENDING:
        notifications_withdraw(target=comment)  # the "awaiting approval" rows
        comment.status, comment.held_reason = Comment.Status.APPROVED, ""
        comment.save(update_fields=["status", "held_reason"])
        _announce(comment, creators_of(comment.work))
        _after_commit(comment.work_id)
    return comment


def comment_reject(*, comment: Comment, by) -> None:
    _check_manager(comment, by)
    comment_delete(comment=comment, by=by)


@transaction.atomic
def comment_hide(*, comment: Comment, reason: str, by) -> Comment:
    """For moderators: hide a comment from everyone, with the reason recorded."""
    if not is_moderator(by):
        raise ValidationError("Only moderators can hide comments.")
    comment.hidden_at, comment.hidden_reason = timezone.now(), reason
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    notifications_withdraw(target=comment)
    _after_commit(comment.work_id)
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, by) -> Comment:
    if not is_moderator(by):
        raise ValidationError("Only moderators can unhide comments.")
    comment.hidden_at, comment.hidden_reason = None, ""
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    _after_commit(comment.work_id)
    return comment


def comment_settings_update(*, work: Work, permission: str, moderated: bool) -> CommentSettings:
    comment_settings, _ = CommentSettings.objects.update_or_create(
        work=work, defaults={"permission": permission, "moderated": moderated}
    )
    return comment_settings
