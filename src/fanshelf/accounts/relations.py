"""Blocking and muting: every write to the two lists, with their limits."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import Block, Mute, User


def _check(*, user: User, other: User, verb: str, made, limit: int) -> None:
    if other.pk == user.pk:
        raise ValidationError(f"You cannot {verb} yourself.")
    if other.is_staff:
        raise ValidationError(f"Archive staff cannot be {verb}ed: report a problem instead.")
    if made.count() >= limit:
        raise ValidationError(f"You can {verb} at most {limit:,} users; remove someone first.")


def _create(model, **pair) -> None:
    try:
        with transaction.atomic():
            model.objects.create(**pair)
    except IntegrityError:
        pass  # already on the list: asking twice changes nothing


def block_create(*, blocker: User, blocked: User) -> None:
    _check(
        user=blocker,
        other=blocked,
        verb="block",
        made=blocker.blocks_made,
        limit=settings.FANSHELF_BLOCKS_MAX,
    )
    _create(Block, blocker=blocker, blocked=blocked)


def block_delete(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def mute_create(*, muter: User, muted: User) -> None:
    _check(
        user=muter,
        other=muted,
        verb="mute",
        made=muter.mutes_made,
        limit=settings.FANSHELF_MUTES_MAX,
    )
    _create(Mute, muter=muter, muted=muted)


def mute_delete(*, muter: User, muted: User) -> None:
    Mute.objects.filter(muter=muter, muted=muted).delete()
