"""Reads of kudos and comments: who may manage, what a reader sees of a thread."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Aggregate,
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from fanshelf.accounts.models import User
from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.works.models import Work

from .models import Comment, CommentSettings, Kudos


def creators_of(work: Work) -> list[User]:
    return list(User.objects.filter(pseuds__works=work).distinct())


def may_manage(*, user, work: Work) -> bool:
    """The work's creators and staff freeze threads, delete and approve comments."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or work.pseuds.filter(user=user).exists()


def comment_settings_for(work: Work) -> CommentSettings:
    try:
        return work.comment_settings
    except CommentSettings.DoesNotExist:
        return CommentSettings(work=work)


def subtree_ids(comment: Comment) -> list[int]:
    ids, frontier = [comment.pk], [comment.pk]
    while frontier:
        frontier = list(Comment.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


@dataclass
class KudosSummary:
    names: list[str]
    more_users: int
    guests: int

    @property
    def any(self) -> bool:
        return bool(self.names or self.guests)


def kudos_summary(work: Work, *, limit: int | None = None) -> KudosSummary:
    limit = limit or settings.FANSHELF_KUDOS_NAMES_SHOWN
    users = Kudos.objects.filter(work=work, user__isnull=False)
    names = list(
        users.order_by("created_at", "pk").values_list("user__username", flat=True)[:limit]
    )
    more = users.count() - len(names) if len(names) == limit else 0
    guests = Kudos.objects.filter(work=work, user__isnull=True).count()
    return KudosSummary(names=names, more_users=more, guests=guests)


def has_left_kudos(*, work: Work, user) -> bool:
    return user.is_authenticated and Kudos.objects.filter(work=work, user=user).exists()


def counted_comments() -> Q:
    """The comments a work's comment count counts."""
    return Q(status=Comment.Status.APPROVED, deleted=False, hidden_at__isnull=True)


def _shown_to(viewer, *, manager: bool) -> Q:
    if manager:
        return Q()
    shown = Q(status=Comment.Status.APPROVED)
    if viewer is not None and viewer.is_authenticated:
        shown |= Q(user=viewer)  # one's own comment awaiting approval
    return shown


@dataclass
class Node:
    comment: Comment
    children: list["Node"] = field(default_factory=list)
    more_below: bool = False  # deeper replies sit behind "continue this thread"


def _tree(root: Comment, rows: list[Comment], levels: int) -> Node:
    by_parent: dict[int, list[Comment]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)

    def build(comment: Comment, level: int) -> Node:
        node = Node(comment)
        children = by_parent.get(comment.pk, [])
        if level + 1 >= levels:
            node.more_below = bool(children)
        else:
            node.children = [build(child, level + 1) for child in children]
        return node

    return build(root, 0)


def with_signatures(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    """Comments knowing, without a query each, which a creator left on their own anonymous
    work (Comment.by_anonymous_creator)."""
    creators = Work.pseuds.through.objects.filter(
        work_id=OuterRef("work_id"), pseud__user_id=OuterRef("user_id")
    )
    signed = Q(work__anonymous=True) & Q(Exists(creators))
    return comments.annotate(by_anonymous_creator=ExpressionWrapper(signed, BooleanField()))


def _visible_rows(queryset: QuerySet[Comment], viewer, manager: bool) -> QuerySet[Comment]:
    """The comments shown to `viewer`, each knowing whether anyone replied (no more editing)."""
    replied = Exists(Comment.objects.filter(parent_id=OuterRef("pk")))
    rows = (
        with_signatures(queryset.filter(_shown_to(viewer, manager=manager)))
        .annotate(has_replies=replied)
        .select_related("pseud", "chapter", "user")
    )
    muted = muted_user_ids(viewer)
    # An anonymous creator's comments stay: leaving them out would say who they are.
    return rows.exclude(user_id__in=muted, by_anonymous_creator=False) if muted else rows


def threads(*, work: Work, viewer, manager: bool, top_level: list[Comment]) -> list[Node]:
    """Trees for these top-level comments, cut FANSHELF_COMMENT_THREAD_DEPTH levels deep."""
    ids = [c.pk for c in top_level]
    replies = list(_visible_rows(Comment.objects.filter(thread_root_id__in=ids), viewer, manager))
    levels = settings.FANSHELF_COMMENT_THREAD_DEPTH
    return [_tree(root, replies, levels) for root in top_level]


def top_level_comments(*, work: Work, viewer, manager: bool) -> QuerySet[Comment]:
    return _visible_rows(work.comments.filter(parent__isnull=True), viewer, manager)


def thread_from(*, comment: Comment, viewer, manager: bool) -> Node:
    """A comment and the replies under it, for "continue this thread"."""
    root_id = comment.thread_root_id or comment.pk
    rows = _visible_rows(
        Comment.objects.filter(Q(thread_root_id=root_id) & ~Q(pk=comment.pk)), viewer, manager
    )
    return _tree(comment, list(rows), settings.FANSHELF_COMMENT_THREAD_DEPTH)


def moderation_queue(*, work: Work) -> QuerySet[Comment]:
    pending = work.comments.filter(status=Comment.Status.PENDING)
    return with_signatures(pending).select_related("pseud", "chapter")


def comment_visible_to(*, comment: Comment, viewer, manager: bool) -> bool:
    shown = Comment.objects.filter(_shown_to(viewer, manager=manager), pk=comment.pk).exists()
    return shown and comment.user_id not in muted_user_ids(viewer)


def per_work(queryset: QuerySet, aggregate: Aggregate | None = None) -> Expression:
    """An expression on Work: `aggregate` (a count by default) over its rows in `queryset`."""
    rows = queryset.filter(work=OuterRef("pk")).order_by().values("work")
    return Coalesce(Subquery(rows.annotate(n=aggregate or Count("pk")).values("n")), 0)
