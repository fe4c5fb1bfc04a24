"""A reader's own filters (models.ReaderFilters, plus the creators they muted), read into what
the search plan needs, and saved from the form on /search/filters/."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.tags.models import Tag
from fanshelf.works.selectors import signed_work_ids

from .models import ReaderFilters, WorkFilter


@dataclass(frozen=True)
class Personal:
    excluded_tag_ids: tuple[int, ...] = ()
    muted_work_ids: tuple[int, ...] = ()
    muted_user_ids: tuple[int, ...] = ()
    max_fandoms: int | None = None
    hide_anonymous: bool = False
    labels: tuple[str, ...] = field(default=())  # one per filter, for the banner

    @property
    def count(self) -> int:
        return len(self.labels)

    def plan_fields(self) -> dict:
        """What these filters set on a search Plan (backends.shapes)."""
        return {
            "exclude_work_ids": self.muted_work_ids,
            "max_fandoms": self.max_fandoms,
            "hide_anonymous": self.hide_anonymous,
        }


NONE = Personal()


def personal_filters(viewer) -> Personal:
    if viewer is None or not viewer.is_authenticated:
        return NONE
    saved = ReaderFilters.objects.filter(user=viewer).first()
    tags = list(saved.excluded_tags.order_by("name")) if saved else []
    muted = muted_user_ids(viewer)
    labels = [f"never {tag.name}" for tag in tags]
    labels += [f"{len(muted)} muted creator{'s' if len(muted) != 1 else ''}"] if muted else []
    max_fandoms = saved.max_fandoms if saved else None
    if max_fandoms is not None:
        labels.append(f"crossovers of at most {max_fandoms} fandoms")
    hide_anonymous = bool(saved and saved.hide_anonymous)
    if hide_anonymous:
        labels.append("no anonymous works")
    work_ids = ()
    if muted:
        work_ids = tuple(sorted({row["work_id"] for row in signed_work_ids(muted)}))
    return Personal(
        excluded_tag_ids=tuple(tag.pk for tag in tags),
        muted_work_ids=work_ids,
        muted_user_ids=tuple(sorted(muted)),
        max_fandoms=max_fandoms,
        hide_anonymous=hide_anonymous,
        labels=tuple(labels),
    )


def hidden_by(personal: Personal, *, prefix: str = "") -> Q:
    """The works these filters hide, for listings that are not searches (a reader's feeds):
    read from the same index tables as search, so both leave out the same works. `prefix`
    reaches the work from another model ("work__")."""
    hidden = Q(pk__in=[])
    if personal.excluded_tag_ids:
        tagged = WorkFilter.objects.filter(tag_id__in=personal.excluded_tag_ids)
        hidden |= Q(**{f"{prefix}pk__in": tagged.values("work_id")})
    if personal.muted_user_ids:
        # A subquery on the (at most FANSHELF_MUTES_MAX) muted users, not their works' ids,
        # which could outnumber what one SQL statement may carry.
        hidden |= Q(**{f"{prefix}pk__in": signed_work_ids(personal.muted_user_ids)})
    if personal.max_fandoms is not None:
        hidden |= Q(**{f"{prefix}search_index__fandom_count__gt": personal.max_fandoms})
    if personal.hide_anonymous:
        hidden |= Q(**{f"{prefix}anonymous": True})
    return hidden


@transaction.atomic
def reader_filters_save(
    *, user, excluded: list[Tag], max_fandoms: int | None, hide_anonymous: bool = False
) -> ReaderFilters:
    saved, _ = ReaderFilters.objects.get_or_create(user=user)
    saved.max_fandoms = max_fandoms
    saved.hide_anonymous = hide_anonymous
    saved.save(update_fields=["max_fandoms", "hide_anonymous"])
    saved.excluded_tags.set(excluded)
    return saved
