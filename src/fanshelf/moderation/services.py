"""Every write of moderation: reports, the moderators' actions (each one logged), appeals."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fanshelf.accounts.models import User
from fanshelf.responses.models import Comment
from fanshelf.works.models import Work

from . import targets
from .models import Appeal, ModerationAction, Report
from .notify import tell_user

Kind = ModerationAction.Kind


def report_file(*, reporter: User, kind: str, target_id, reason: str, description: str) -> Report:
    """File a report of something the reporter can see, within the per-item and daily limits."""
    target = targets.resolve(kind, target_id, viewer=reporter)
    if reason not in Report.Reason.values:
        raise ValidationError("Choose a reason from the list.")
    description = description.strip()
    if len(description) > settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            f"The description is {len(description):,} characters long; the limit is "
            f"{settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH:,}."
        )
    now = timezone.now()
    with transaction.atomic():
        # Lock the reporter's row so two reports at once cannot both pass the limits.
        User.objects.select_for_update().filter(pk=reporter.pk).first()
        mine = Report.objects.filter(reporter=reporter)
        window = now - datetime.timedelta(days=settings.FANSHELF_REPORTS_PER_ITEM_DAYS)
        if (
            mine.filter(target_kind=kind, target_id=target.id, created_at__gte=window).count()
            >= settings.FANSHELF_REPORTS_PER_ITEM_MAX
        ):
            raise ValidationError(
                f"You have reported this {settings.FANSHELF_REPORTS_PER_ITEM_MAX} times in the "
                f"last {settings.FANSHELF_REPORTS_PER_ITEM_DAYS} days; the moderators have it."
            )
        day = now - datetime.timedelta(days=1)
        if mine.filter(created_at__gte=day).count() >= settings.FANSHELF_REPORTS_PER_DAY_MAX:
            raise ValidationError(
                f"You can file at most {settings.FANSHELF_REPORTS_PER_DAY_MAX} reports a day; "
                "please try again tomorrow."
            )
        report = Report.objects.create(
            reporter=reporter,
            target_kind=kind,
            target_id=target.id,
            target_user=target.owners[0] if target.owners else None,
            reason=reason,
            description=description,
            snapshot=targets.snapshot(target),
        )
    tell_user(
        reporter,
        subject="We received your report",
        body=f"Thank you for reporting {target.label}. A moderator will look at it.",
    )
    return report


def report_hold(*, target: targets.Target, reasons: str) -> Report:
    """The archive's own report of content it held back as likely spam."""
    report = Report.objects.create(
        reporter=None,
        target_kind=target.kind,
        target_id=target.id,
        target_user=target.owners[0] if target.owners else None,
        reason=Report.Reason.SPAM,
        description=f"Held automatically as likely spam: {reasons}.",
        snapshot=targets.snapshot(target),
    )
    ModerationAction.objects.create(
        moderator=None,
        kind=Kind.HOLD,
        target_kind=target.kind,
        target_id=target.id,
        target_user=report.target_user,
        report=report,
        reason=report.description,
    )
    return report


def _close(report: Report | None, status: str) -> None:
    """Close this report and every open report of the same content."""
    if report is None:
        return
    Report.objects.filter(
        target_kind=report.target_kind, target_id=report.target_id, status=Report.Status.OPEN
    ).update(status=status)


def _log(moderator, kind, *, reason, report=None, target=None, user=None, until=None):
    if not reason.strip():
        raise ValidationError("Say why: the reason is kept in the moderation log.")
    return ModerationAction.objects.create(
        moderator=moderator,
        kind=kind,
        target_kind=target.kind if target else "",
        target_id=target.id if target else None,
        target_user=user or (target.owners[0] if target and target.owners else None),
        report=report,
        reason=reason.strip(),
        until=until,
    )


@transaction.atomic
def report_dismiss(*, moderator: User, report: Report, reason: str) -> None:
    _log(moderator, Kind.DISMISS, reason=reason, report=report)
    _close(report, Report.Status.DISMISSED)


@transaction.atomic
def content_hide(*, moderator: User, target: targets.Target, reason: str, report=None) -> None:
    if not target.can_hide:
        raise ValidationError(
            "Only works, chapters and comments can be hidden: warn, suspend or ban the owner."
        )
    _log(moderator, Kind.HIDE, reason=reason, report=report, target=target)
    targets.hide(target, reason=reason, moderator=moderator)
    _close(report, Report.Status.ACTIONED)
    for owner in target.owners:
        tell_user(
            owner,
            subject="Moderators hid your " + ("comment" if target.comment else "work"),
            body=f"The moderators hid {target.label}. Reason: {reason}\n"
            "It is visible only to you. You can appeal from its page.",
        )


@transaction.atomic
def content_unhide(*, moderator: User, target: targets.Target, reason: str) -> None:
    """Make hidden (or held) content public again; its owners are told why."""
    if not targets.is_hidden(target):
        raise ValidationError(f"{target.label[0].upper()}{target.label[1:]} is not hidden.")
    _log(moderator, Kind.UNHIDE, reason=reason, target=target)
    targets.unhide(target, moderator=moderator)
    for owner in target.owners:
        tell_user(
            owner,
            subject="Moderators made your "
            + ("comment" if target.comment else "work")
            + " visible again",
            body=f"The moderators made {target.label} visible again. Reason: {reason.strip()}",
        )


@transaction.atomic
def user_warn(*, moderator: User, user: User, reason: str, report=None) -> None:
    _log(moderator, Kind.WARN, reason=reason, report=report, user=user)
    _close(report, Report.Status.ACTIONED)
    tell_user(user, subject="A warning from the moderators", body=reason)


def _check_staff_target(user: User) -> None:
    if user.is_staff:
        raise ValidationError("Staff accounts are managed by the archive's administrators.")


@transaction.atomic
def user_suspend(*, moderator: User, user: User, days: int, reason: str, report=None) -> None:
    _check_staff_target(user)
    if not 1 <= days <= settings.FANSHELF_SUSPENSION_MAX_DAYS:
        raise ValidationError(
            f"A suspension lasts 1 to {settings.FANSHELF_SUSPENSION_MAX_DAYS} days."
        )
    until = timezone.now() + datetime.timedelta(days=days)
    _log(moderator, Kind.SUSPEND, reason=reason, report=report, user=user, until=until)
    User.objects.filter(pk=user.pk).update(suspended_until=until, suspension_reason=reason)
    _close(report, Report.Status.ACTIONED)
    _tell_suspended(user, until=until, reason=reason)


def _tell_suspended(user: User, *, until, reason: str) -> None:
    tell_user(
        user,
        subject="Your account is suspended",
        body=f"Until {until:%Y-%m-%d %H:%M} UTC you can read but not post, comment, leave "
        f"kudos or bookmark. Reason: {reason.strip()}",
    )


@transaction.atomic
def user_unsuspend(*, moderator: User, user: User, reason: str) -> None:
    _log(moderator, Kind.UNSUSPEND, reason=reason, user=user)
    User.objects.filter(pk=user.pk).update(suspended_until=None, suspension_reason="")


@transaction.atomic
def user_ban(*, moderator: User, user: User, reason: str, report=None) -> None:
    _check_staff_target(user)
    _log(moderator, Kind.BAN, reason=reason, report=report, user=user)
    User.objects.filter(pk=user.pk).update(banned_at=timezone.now(), ban_reason=reason)
    _close(report, Report.Status.ACTIONED)
    tell_user(user, subject="Your account is banned", body=f"Reason: {reason}")


@transaction.atomic
def user_unban(*, moderator: User, user: User, reason: str) -> None:
    _log(moderator, Kind.UNBAN, reason=reason, user=user)
    User.objects.filter(pk=user.pk).update(banned_at=None, ban_reason="")


@transaction.atomic
def spam_remove(*, moderator: User, user: User, reason: str = "Spam", report=None) -> int:
    """One step: hide every work and comment the account posted and suspend it. Returns the
    number of works hidden."""
    _check_staff_target(user)
    _log(moderator, Kind.SPAM, reason=reason, report=report, user=user)
    hidden = 0
    for work in Work.objects.filter(pseuds__user=user, hidden_by_admin=False).distinct():
        target = targets.resolve("work", work.pk, viewer=None, moderator=True)
        targets.hide(target, reason=reason, moderator=moderator)
        hidden += 1
    for comment in Comment.objects.filter(user=user, hidden_at__isnull=True, deleted=False):
        target = targets.resolve("comment", comment.pk, viewer=None, moderator=True)
        targets.hide(target, reason=reason, moderator=moderator)
    until = timezone.now() + datetime.timedelta(days=settings.FANSHELF_SPAM_SUSPENSION_DAYS)
    User.objects.filter(pk=user.pk).update(suspended_until=until, suspension_reason=reason)
    Report.objects.filter(target_user=user, status=Report.Status.OPEN).update(
        status=Report.Status.ACTIONED
    )
    hid = "Everything you posted is hidden as spam."
    _tell_suspended(user, until=until, reason=f"{reason.strip()} {hid}")
    return hidden


@transaction.atomic
def appeal_file(*, user: User, action: ModerationAction, text: str) -> Appeal:
    text = text.strip()
    if not text:
        raise ValidationError("Tell the moderators why they should look again.")
    if len(text) > settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            f"An appeal is at most {settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH:,} characters."
        )
    if action.target_user_id != user.pk:
        raise ValidationError("You can only appeal actions taken against you.")
    if Appeal.objects.filter(user=user, action=action).exists():
        raise ValidationError("You have already appealed this; the moderators will answer.")
    return Appeal.objects.create(user=user, action=action, text=text)


@transaction.atomic
def appeal_answer(*, moderator: User, appeal: Appeal, grant: bool, answer: str) -> None:
    """Grant (undo the action) or refuse an appeal; the user is told either way."""
    action = appeal.action
    verdict = "granted" if grant else "refused"
    _log(moderator, Kind.APPEAL, reason=f"Appeal {verdict}: {answer}", user=appeal.user)
    if grant and action.kind in (Kind.HIDE, Kind.HOLD) and action.target_kind:
        target = targets.resolve(action.target_kind, action.target_id, viewer=None, moderator=True)
        targets.unhide(target, moderator=moderator)
    elif grant and action.kind in (Kind.SUSPEND, Kind.SPAM):
        User.objects.filter(pk=appeal.user_id).update(suspended_until=None, suspension_reason="")
    appeal.status = Appeal.Status.GRANTED if grant else Appeal.Status.REFUSED
    appeal.answer = answer
    appeal.save(update_fields=["status", "answer"])
    tell_user(appeal.user, subject=f"Your appeal was {verdict}", body=answer)
