"""Reads of works. Visibility is decided here, once, for every path that shows a work."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .models import Chapter, Work


def visibility_q(viewer, *, prefix: str = "") -> Q:
    """Who may see which work: posted, unhidden works to everyone, restricted ones to logged-in
    users only, and a creator's own works (drafts included) to that creator. `prefix` lets other
    apps filter a related model ("work__")."""
    public = Q(**{f"{prefix}posted": True, f"{prefix}hidden_by_admin": False})
    if viewer is None or not viewer.is_authenticated:
        return public & Q(**{f"{prefix}restricted": False})
    return public | Q(**{f"{prefix}pseuds__user": viewer})


def members_only_q() -> Q:
    """Works a guest may not open but any logged-in user may: posted, unhidden, restricted."""
    return Q(posted=True, hidden_by_admin=False, restricted=True)


class ForLoggedInUsers(Http404):
    """The work is there for logged-in users; a guest is told so and offered to log in. Code
    that does not catch it answers 404, as for any work the viewer can't see."""


def visible_works(*, viewer) -> QuerySet[Work]:
    works = Work.objects.filter(visibility_q(viewer))
    if viewer is not None and viewer.is_authenticated:
        works = works.distinct()  # the creator join can repeat a co-created work
    return works


def listed_works(*, viewer) -> QuerySet[Work]:
    """Works for public listings: visible and posted (drafts live on their creator's page)."""
    return visible_works(viewer=viewer).filter(posted=True, hidden_by_admin=False)


def with_creators(works: QuerySet[Work]) -> QuerySet[Work]:
    """With the creators, tags and series that blurbs and work pages show."""
    return works.prefetch_related("pseuds__user", "taggings__tag", "serial_works__series")


def work_for_reading(*, viewer, work_id: int) -> Work:
    """A work with its creators and the chapters this viewer may read, in one fixed number of
    queries whatever the chapter count."""
    chapters = Chapter.objects.order_by("position")
    works = with_creators(visible_works(viewer=viewer)).prefetch_related(
        Prefetch("chapters", queryset=chapters, to_attr="all_chapters")
    )
    try:
        work = works.get(pk=work_id)
    except Work.DoesNotExist:
        guest = viewer is None or not viewer.is_authenticated
        if guest and Work.objects.filter(members_only_q(), pk=work_id).exists():
            raise ForLoggedInUsers("This work is only for logged-in users.") from None
        raise Http404("No such work, or you can't see it.") from None
    work.is_creator = is_creator(viewer=viewer, work=work)
    work.readable_chapters = [c for c in work.all_chapters if c.posted or work.is_creator]
    return work


def is_creator(*, viewer, work: Work) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    return any(pseud.user_id == viewer.pk for pseud in work.pseuds.all())


def work_for_editing(*, user, work_id: int) -> Work:
    try:
        return Work.objects.filter(pseuds__user=user).distinct().get(pk=work_id)
    except Work.DoesNotExist:
        raise Http404("No such work among yours.") from None


def works_by_user(*, author, viewer, pseud_id=None) -> QuerySet[Work]:
    """An author's works page: their anonymous works only for the author themselves."""
    works = visible_works(viewer=viewer).filter(pseuds__user=author)
    if viewer is None or viewer.pk != author.pk:
        works = works.filter(anonymous=False)
    if pseud_id and str(pseud_id).isdigit():
        works = works.filter(pseuds__pk=int(pseud_id))
    return with_creators(works.distinct().order_by("-revised_at", "-pk"))


def signed_work_ids(user_ids) -> QuerySet:
    """The ids (work_id) of the works these users signed, as a subquery: not their anonymous
    works, which a reader who muted them must still meet, or leaving them out would say who
    wrote them."""
    return Work.pseuds.through.objects.filter(
        pseud__user_id__in=user_ids, work__anonymous=False
    ).values("work_id")
