"""What can be reported, and how the moderators see, snapshot, hide and unhide each kind."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.html import strip_tags

from fanshelf.accounts.models import User
from fanshelf.library.bookmark_selectors import visible_bookmarks
from fanshelf.library.models import Bookmark
from fanshelf.responses.models import Comment
from fanshelf.responses.selectors import comment_visible_to
from fanshelf.responses.services import comment_hide, comment_unhide
from fanshelf.works import services as work_services
from fanshelf.works.models import Chapter, Series, Work
from fanshelf.works.selectors import visible_works
from fanshelf.works.series_selectors import visible_series

from .models import TargetKind


@dataclass
class Target:
    kind: str
    id: int
    label: str
    url: str
    owners: list  # the users responsible for it
    work: Work | None = None  # what hiding hides, for works and chapters
    comment: Comment | None = None

    @property
    def can_hide(self) -> bool:
        return self.work is not None or self.comment is not None


def _clip(text: str) -> str:
    return strip_tags(text or "")[: settings.FANSHELF_REPORT_SNAPSHOT_CHARS]


def _owners(work: Work) -> list:
    return list(User.objects.filter(pseuds__works=work).distinct())


def resolve(kind: str, target_id, *, viewer, moderator: bool = False) -> Target:
    """The target as `viewer` may see it: nobody reports (or learns of) what they cannot open.
    Moderators see hidden works too."""
    works = Work.objects.all() if moderator else visible_works(viewer=viewer)
    try:
        target_id = int(target_id)
    except (TypeError, ValueError):
        raise Http404("Nothing to report there.") from None
    if kind == TargetKind.WORK:
        work = works.filter(pk=target_id).first()
        if work is None:
            raise Http404("No such work, or you can't see it.")
        return Target(kind, work.pk, f"the work “{work.title}”", work.get_absolute_url(),
                      _owners(work), work)  # fmt: skip
    if kind == TargetKind.CHAPTER:
        chapter = (
            Chapter.objects.select_related("work").filter(pk=target_id, work__in=works).first()
        )
        if chapter is None:
            raise Http404("No such chapter, or you can't see it.")
        label = f"{chapter.heading} of “{chapter.work.title}”"
        return Target(kind, chapter.pk, label, chapter.get_absolute_url(),
                      _owners(chapter.work), chapter.work)  # fmt: skip
    if kind == TargetKind.COMMENT:
        comment = (
            Comment.objects.select_related("work", "user")
            .filter(pk=target_id, work__in=works)
            .first()
        )
        if comment is None or not (
            moderator or comment_visible_to(comment=comment, viewer=viewer, manager=False)
        ):
            raise Http404("No such comment, or you can't see it.")
        label = f"a comment by {comment.commenter_name} on “{comment.work.title}”"
        url = reverse("responses:comment", args=[comment.pk])
        owners = [comment.user] if comment.user_id else []
        return Target(kind, comment.pk, label, url, owners, comment=comment)
    if kind == TargetKind.BOOKMARK:
        bookmarks = Bookmark.objects.all() if moderator else visible_bookmarks(viewer=viewer)
        bookmark = bookmarks.select_related("user").filter(pk=target_id).first()
        if bookmark is None:
            raise Http404("No such bookmark, or you can't see it.")
        label = f"a bookmark by {bookmark.user.username} of “{bookmark.item}”"
        return Target(kind, bookmark.pk, label, bookmark.get_absolute_url(), [bookmark.user])
    if kind == TargetKind.SERIES:
        series = (Series.objects.all() if moderator else visible_series(viewer=viewer)).filter(
            pk=target_id
        )
        series = series.first()
        if series is None:
            raise Http404("No such series, or you can't see it.")
        owners = list(User.objects.filter(pseuds__series=series).distinct())
        return Target(kind, series.pk, f"the series “{series.title}”", series.get_absolute_url(),
                      owners)  # fmt: skip
    if kind == TargetKind.PROFILE:
        user = User.objects.filter(pk=target_id).first()
        if user is None:
            raise Http404("No such user.")
        return Target(kind, user.pk, f"the profile of {user.username}", user.get_absolute_url(),
                      [user])  # fmt: skip
    raise Http404("Nothing to report there.")


def snapshot(target: Target) -> dict:
    """The reported content as it is now, kept with the report."""
    shot = {"label": target.label, "url": target.url, "owners": [u.username for u in target.owners]}
    if target.kind == TargetKind.WORK:
        work = target.work
        chapters = work.chapters.order_by("position")
        shot.update(
            title=work.title,
            summary=_clip(work.summary),
            notes=_clip(work.notes_begin + "\n" + work.notes_end),
            text=_clip("\n\n".join(c.text for c in chapters[:3])),
        )
    elif target.kind == TargetKind.CHAPTER:
        chapter = Chapter.objects.get(pk=target.id)
        shot.update(title=chapter.heading, text=_clip(chapter.text))
    elif target.kind == TargetKind.COMMENT:
        comment = target.comment
        shot.update(title=f"Comment by {comment.commenter_name}", text=_clip(comment.content))
    elif target.kind == TargetKind.BOOKMARK:
        bookmark = Bookmark.objects.get(pk=target.id)
        shot.update(title=f"Bookmark of {bookmark.item}", text=_clip(bookmark.notes))
    elif target.kind == TargetKind.SERIES:
        series = Series.objects.get(pk=target.id)
        shot.update(title=series.title, summary=_clip(series.summary), notes=_clip(series.notes))
    elif target.kind == TargetKind.PROFILE:
        user = target.owners[0]
        shot.update(
            title=user.username,
            text=_clip("\n".join(f"{p.name}: {p.description}" for p in user.pseuds.all())),
        )
    return shot


def hide(target: Target, *, reason: str, moderator) -> None:
    if target.comment is not None:
        comment_hide(comment=target.comment, reason=reason, by=moderator)
    else:
        work_services.work_hide(work=target.work, reason=reason)


def is_hidden(target: Target) -> bool:
    if target.comment is not None:
        return target.comment.hidden_at is not None
    return target.work is not None and target.work.hidden_by_admin


def unhide(target: Target, *, moderator) -> None:
    if target.comment is not None:
        comment_unhide(comment=target.comment, by=moderator)
    else:
        work_services.work_unhide(work=target.work)
