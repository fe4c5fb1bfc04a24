"""What can be reported, and how the moderators see, snapshot, hide and unhide each kind."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils.html import strip_tags

from fanshelf.accounts.models import User
from fanshelf.works import services as work_services
from fanshelf.works.models import Chapter, Work
from fanshelf.works.selectors import visible_works

from .models import TargetKind


@dataclass
class Target:
    kind: str
    id: int
    label: str
    url: str
    owners: list  # the users responsible for it
    work: Work | None = None  # what hiding hides, for works and chapters

    @property
    def can_hide(self) -> bool:
        return self.work is not None


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
    elif target.kind == TargetKind.PROFILE:
        user = target.owners[0]
        shot.update(
            title=user.username,
            text=_clip("\n".join(f"{p.name}: {p.description}" for p in user.pseuds.all())),
        )
    return shot


def hide(target: Target, *, reason: str) -> None:
    work_services.work_hide(work=target.work, reason=reason)


def unhide(target: Target) -> None:
    work_services.work_unhide(work=target.work)
