from django.shortcuts import get_object_or_404

from .models import Block, Mute, User


def user_with_pseuds(*, username: str) -> User:
    return get_object_or_404(User.objects.prefetch_related("pseuds"), username=username)


def is_moderator(user) -> bool:
    """Superusers and holders of the moderation permission (the "Moderators" group) work the
    queue and hide or unhide content. Being staff only opens the admin site and site settings."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.has_perm("moderation.moderate"))
    )


def muted_user_ids(user) -> frozenset[int]:
    """Ids of the users whose content `user` asked never to see (empty for guests)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(Mute.objects.filter(muter=user).values_list("muted_id", flat=True))


def is_blocked(*, blocker_id: int, user) -> bool:
    """True when the user with `blocker_id` has blocked `user` (a guest is never blocked)."""
    if user is None or not user.is_authenticated:
        return False
    return Block.objects.filter(blocker_id=blocker_id, blocked=user).exists()


def blocked_users(user) -> list:
    return [block.blocked for block in user.blocks_made.select_related("blocked")]


def muted_users(user) -> list:
    return [mute.muted for mute in user.mutes_made.select_related("muted")]


def relation_to(*, viewer, other) -> dict:
    """Whether the viewer has blocked or muted `other`, for the buttons on a profile."""
    if viewer is None or not viewer.is_authenticated or viewer.pk == other.pk:
        return {"blocked": False, "muted": False, "can_act": False}
    return {
        "blocked": Block.objects.filter(blocker=viewer, blocked=other).exists(),
        "muted": Mute.objects.filter(muter=viewer, muted=other).exists(),
        "can_act": not other.is_staff,
    }
