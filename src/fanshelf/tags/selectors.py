"""Reads of the taxonomy: autocomplete, tag pages, wrangling bins, a work's tags."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, QuerySet

from .models import MetaTagging, Tag, TagParent, TagType, WranglingAction
from .names import clean_name, fold

TYPE_ORDER = [
    TagType.RATING,
    TagType.WARNING,
    TagType.CATEGORY,
    TagType.FANDOM,
    TagType.RELATIONSHIP,
    TagType.CHARACTER,
    TagType.FREEFORM,
]


@dataclass(frozen=True)
class Suggestion:
    name: str  # the canonical tag to use
    matched: str  # the name the prefix matched: the same, or a synonym ("Twissy")


# Canonical tags and synonyms of canonical tags whose lower-case name starts with a prefix, in
# name order, read from the (type, name_lower) index in order so the scan stops at the LIMIT.
_AUTOCOMPLETE = """
SELECT t.name, t.canonical, m.name
FROM tags_tag t LEFT JOIN tags_tag m ON m.id = t.merger_id
WHERE t.type = %s AND {prefix} AND (t.canonical OR m.canonical)
ORDER BY {order} LIMIT %s
"""
# PostgreSQL: LIKE 'x%' and ORDER BY ... USING ~<~ both use the pattern_ops index, whatever the
# database's collation. SQLite compares text byte by byte, so every string starting with the
# prefix sorts in [prefix, prefix with its last character bumped).
_PREFIX_SQL = {
    "postgresql": ("t.name_lower LIKE %s", "t.name_lower USING ~<~"),
    "sqlite": ("t.name_lower >= %s AND t.name_lower < %s", "t.name_lower"),
}


def _prefix_params(prefix: str) -> list[str]:
    if connection.vendor == "postgresql":
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [escaped + "%"]
    return [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]


def autocomplete(*, tag_type: str, prefix: str, limit: int | None = None) -> list[Suggestion]:
    """Canonical tags whose name, or a synonym's name, starts with the prefix (any case)."""
    prefix = fold(clean_name(prefix))[: settings.FANSHELF_TAG_NAME_MAX_LENGTH]
    limit = limit or settings.FANSHELF_TAG_AUTOCOMPLETE_RESULTS
    if not prefix or tag_type not in TagType.values:
        return []
    where, order = _PREFIX_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            _AUTOCOMPLETE.format(prefix=where, order=order),
            [tag_type, *_prefix_params(prefix), limit * 3],
        )
        rows = cursor.fetchall()
    suggestions: dict[str, Suggestion] = {}
    for name, canonical, merger_name in rows:
        target = name if canonical else merger_name
        if target not in suggestions:
            suggestions[target] = Suggestion(name=target, matched=name)
        if len(suggestions) == limit:
            break
    return list(suggestions.values())


def tags_named(name: str) -> list[Tag]:
    """Every tag with this name, one per type at most."""
    return list(
        Tag.objects.filter(name_lower=fold(clean_name(name)))
        .select_related("merger")
        .order_by("-canonical", "type")
    )


def grouped_by_type(tags) -> list[tuple[str, list[Tag]]]:
    """(type label, tags) in the archive's usual order, for display."""
    groups: dict[str, list[Tag]] = defaultdict(list)
    for tag in tags:
        groups[tag.type].append(tag)
    labels = dict(TagType.choices)
    return [
        (labels[t], sorted(groups[t], key=lambda tag: tag.name.casefold()))
        for t in TYPE_ORDER
        if groups.get(t)
    ]


def tag_page(tag: Tag) -> dict:
    """What a tag's page shows: synonyms, parents, children, metas and subs (its works are
    counted by the search app: core.listings)."""
    cap = settings.FANSHELF_TAG_PAGE_LINKS_MAX
    children = Tag.objects.filter(parent_links__parent=tag, canonical=True)
    counts = dict(children.values_list("type").annotate(n=Count("pk")).order_by())
    child_groups = [
        (label, list(children.filter(type=tag_type).order_by("name")[:cap]), counts[tag_type])
        for tag_type, label in TagType.choices
        if counts.get(tag_type)
    ]
    return {
        "synonyms": list(tag.synonyms.order_by("name")[:cap]),
        "synonym_count": tag.synonyms.count(),
        "parents": grouped_by_type(Tag.objects.filter(child_links__child=tag)),
        "child_groups": child_groups,
        "metas": list(Tag.objects.filter(sub_links__sub=tag).order_by("name")),
        "subs": list(Tag.objects.filter(meta_links__meta=tag).order_by("name")[:cap]),
    }


def unwrangled() -> QuerySet[Tag]:
    return Tag.objects.filter(canonical=False, merger__isnull=True, unwrangleable=False).exclude(
        type__in=[TagType.RATING, TagType.WARNING, TagType.CATEGORY]
    )


def bins() -> dict:
    """Unwrangled tags counted per fandom and type, plus those in no fandom's bin."""
    rows = (
        TagParent.objects.filter(child__in=unwrangled(), parent__type=TagType.FANDOM)
        .values("parent_id", "parent__name", "child__type")
        .annotate(count=Count("child_id"))
        .order_by("parent__name")
    )
    fandoms: dict[int, dict] = {}
    for row in rows:
        entry = fandoms.setdefault(
            row["parent_id"], {"id": row["parent_id"], "name": row["parent__name"], "counts": {}}
        )
        entry["counts"][row["child__type"]] = row["count"]
        entry["total"] = sum(entry["counts"].values())
    loose = unwrangled().exclude(parent_links__parent__type=TagType.FANDOM).count()
    return {"fandoms": list(fandoms.values()), "loose": loose}


def bin_tags(*, fandom: Tag | None) -> list[tuple[str, list[Tag]]]:
    tags = unwrangled()
    if fandom is None:
        tags = tags.exclude(parent_links__parent__type=TagType.FANDOM)
    else:
        tags = tags.filter(parent_links__parent=fandom)
    tags = tags.annotate(uses=Count("taggings", distinct=True)).order_by("name")
    return grouped_by_type(tags[: settings.FANSHELF_WRANGLING_PAGE_SIZE * 4])


def wrangling_state(tag: Tag) -> dict:
    cap = settings.FANSHELF_TAG_PAGE_LINKS_MAX
    return {
        "parents": list(tag.parent_links.select_related("parent").order_by("parent__name")),
        "metas": list(MetaTagging.objects.filter(sub=tag).select_related("meta")),
        "subs": list(MetaTagging.objects.filter(meta=tag).select_related("sub")[:cap]),
        "synonyms": list(tag.synonyms.order_by("name")[:cap]),
        "uses": tag.taggings.count(),
        "history": list(
            WranglingAction.objects.filter(tag=tag).select_related("user")[
                : settings.FANSHELF_WRANGLING_PAGE_SIZE
            ]
        ),
    }
