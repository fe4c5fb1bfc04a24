"""A reader's own filters (models.ReaderFilters, plus the creators they muted), read into what
the search plan needs, and saved from the form on /search/filters/."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from fanshelf.accounts.selectors import muted_user_ids
from fanshelf.tags.models import Tag
from fanshelf.works.models import Work

from .models import ReaderFilters


@dataclass(frozen=True)
class Personal:
    excluded_tag_ids: tuple[int, ...] = ()
    muted_work_ids: tuple[int, ...] = ()
    max_fandoms: int | None = None
    labels: tuple[str, ...] = field(default=())  # one per filter, for the banner

    @property
    def count(self) -> int:
        return len(self.labels)


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
    work_ids = ()
    if muted:
        through = Work.pseuds.through.objects.filter(pseud__user_id__in=muted)
        work_ids = tuple(sorted(set(through.values_list("work_id", flat=True))))
    return Personal(
        excluded_tag_ids=tuple(tag.pk for tag in tags),
        muted_work_ids=work_ids,
        max_fandoms=max_fandoms,
        labels=tuple(labels),
    )


@transaction.atomic
def reader_filters_save(*, user, excluded: list[Tag], max_fandoms: int | None) -> ReaderFilters:
    saved, _ = ReaderFilters.objects.get_or_create(user=user)
    saved.max_fandoms = max_fandoms
    saved.save(update_fields=["max_fandoms"])
    saved.excluded_tags.set(excluded)
    return saved
