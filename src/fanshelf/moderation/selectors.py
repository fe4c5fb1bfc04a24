"""Reads for the moderators' screens and for users' own view of what was done to them."""

from django.db.models import Count, Max

from fanshelf.responses.models import Comment
from fanshelf.works.models import Chapter, Work

from .models import Appeal, ModerationAction, Report, TargetKind


def open_report_groups():
    """One row per reported item: its newest open report, and how many open reports it has."""
    return (
        Report.objects.filter(status=Report.Status.OPEN)
        .values("target_kind", "target_id")
        .annotate(reports=Count("pk"), newest=Max("pk"), last_at=Max("created_at"))
        .order_by("-last_at")
    )


def reports_by_id(ids) -> dict:
    return {
        r.pk: r for r in Report.objects.filter(pk__in=ids).select_related("reporter", "target_user")
    }


def report_history(report: Report):
    """Every report of the same item, and the log of what moderators did about its owner."""
    same = (
        Report.objects.filter(target_kind=report.target_kind, target_id=report.target_id)
        .exclude(pk=report.pk)
        .select_related("reporter")
    )
    actions = ModerationAction.objects.none()
    if report.target_user_id:
        actions = ModerationAction.objects.filter(target_user_id=report.target_user_id)
    return same, actions.select_related("moderator")[:50]


def log_entries():
    return ModerationAction.objects.select_related("moderator", "target_user")


def hidden_now(pairs) -> set[tuple[str, int]]:
    """Which of these (target kind, id) pairs are hidden at this moment: the log and the report
    page offer "Unhide" only for those."""
    ids = {kind: set() for kind in (TargetKind.WORK, TargetKind.CHAPTER, TargetKind.COMMENT)}
    for kind, target_id in pairs:
        if kind in ids and target_id is not None:
            ids[kind].add(target_id)
    found = Work.objects.filter(pk__in=ids[TargetKind.WORK], hidden_by_admin=True)
    chapters = Chapter.objects.filter(pk__in=ids[TargetKind.CHAPTER], work__hidden_by_admin=True)
    comments = Comment.objects.filter(pk__in=ids[TargetKind.COMMENT], hidden_at__isnull=False)
    return (
        {(TargetKind.WORK.value, pk) for pk in found.values_list("pk", flat=True)}
        | {(TargetKind.CHAPTER.value, pk) for pk in chapters.values_list("pk", flat=True)}
        | {(TargetKind.COMMENT.value, pk) for pk in comments.values_list("pk", flat=True)}
    )


def open_appeals():
    return Appeal.objects.filter(status=Appeal.Status.OPEN).select_related("user", "action")


def actions_against(user):
    """What moderators did to this user or their content, with any appeal already made."""
    kinds = [
        ModerationAction.Kind.HIDE,
        ModerationAction.Kind.HOLD,
        ModerationAction.Kind.WARN,
        ModerationAction.Kind.SUSPEND,
        ModerationAction.Kind.SPAM,
    ]
    actions = list(ModerationAction.objects.filter(target_user=user, kind__in=kinds)[:50])
    appealed = set(Appeal.objects.filter(user=user).values_list("action_id", flat=True))
    for action in actions:
        action.appealed = action.pk in appealed
    return actions
