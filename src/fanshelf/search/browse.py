"""Browsing pages that count works per tag: the Fandoms page."""

from __future__ import annotations

from dataclasses import dataclass

from fanshelf.tags.models import Tag, TagType

from .backends.shapes import Plan
from .bitmaps import MEMORY
from .models import Audience
from .personal import personal_filters


@dataclass
class FandomCount:
    tag: Tag
    works: int


def fandoms_with_counts(*, viewer, containing: str = "") -> list[tuple[str, list[FandomCount]]]:
    """(letter, fandoms) from A to Z (then "#" for the rest): every canonical fandom with works
    this reader may open, with how many, exactly (the reader's own filters applied)."""
    audience = Audience.MEMBERS if viewer.is_authenticated else Audience.EVERYONE
    fandoms = Tag.objects.filter(type=TagType.FANDOM, canonical=True).only("id", "name", "type")
    if containing:
        fandoms = fandoms.filter(name__icontains=containing)
    mine = personal_filters(viewer)
    MEMORY.sync()
    readable = MEMORY.matches(
        Plan(
            audience_min=audience,
            exclude_ids=mine.excluded_tag_ids,
            **mine.plan_fields(),
        )
    )
    groups: dict[str, list[FandomCount]] = {}
    for tag in sorted(fandoms, key=lambda t: t.name.casefold()):
        works = MEMORY.count_tag(readable, tag.pk)
        if works:
            letter = tag.name[:1].upper()
            groups.setdefault(letter if letter.isalpha() else "#", []).append(
                FandomCount(tag, works)
            )
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))
