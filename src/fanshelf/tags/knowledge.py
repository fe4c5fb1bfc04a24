"""The analyser's knowledge, built from the tag database (the one source of truth).

A canonical character's synonyms are its aliases, its AmbiguousAlias rows the names it shares
with other characters, its meta tags its metas, its pronoun a field of the tag; a canonical
relationship's synonyms are its ship names; eras and canon works have their own tables. Lists
keep the order things were added in (a pack's order, on a fresh load)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from fanshelf.analysis.knowledge import (
    CanonWorkInfo,
    CharacterInfo,
    EraInfo,
    FandomInfo,
    Knowledge,
    RelationshipInfo,
)

from .models import AmbiguousAlias, CanonWork, Era, MetaTagging, Tag, TagParent, TagType


def _grouped(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for key, name in rows:
        grouped[key].append(name)
    return grouped


def _children(child_type: str, fandom_ids: list[int]) -> dict[int, tuple[Tag, list[int]]]:
    """Canonical tags of this type under these fandoms -> (tag, its fandoms, first listed
    first): adaptations of one canon share character tags."""
    links = (
        TagParent.objects.filter(
            parent_id__in=fandom_ids, child__type=child_type, child__canonical=True
        )
        .select_related("child")
        .order_by("pk")
    )
    children: dict[int, tuple[Tag, list[int]]] = {}
    for link in links:
        children.setdefault(link.child_id, (link.child, []))[1].append(link.parent_id)
    return children


def knowledge_from_db(fandoms: Iterable[str] | None = None) -> Knowledge:
    """What the archive knows about these fandoms (canonical fandom names), or about every
    canonical fandom; a fixed number of queries whatever the size."""
    fandom_tags = (
        Tag.objects.filter(type=TagType.FANDOM, canonical=True)
        .select_related("narrator__merger")
        .order_by("pk")
    )
    if fandoms is not None:
        fandom_tags = fandom_tags.filter(name__in=list(fandoms))
    fandom_name = {f.pk: f.name for f in fandom_tags}
    fandom_ids = list(fandom_name)
    characters = _children(TagType.CHARACTER, fandom_ids)
    relationships = _children(TagType.RELATIONSHIP, fandom_ids)

    synonyms = _grouped(
        Tag.objects.filter(
            merger_id__in=[*fandom_ids, *characters, *relationships], canonical=False
        )
        .order_by("pk")
        .values_list("merger_id", "name")
    )
    ambiguous = _grouped(
        AmbiguousAlias.objects.filter(tag_id__in=list(characters))
        .order_by("pk")
        .values_list("tag_id", "name")
    )
    metas = _grouped(
        MetaTagging.objects.filter(sub_id__in=list(characters), meta__canonical=True)
        .order_by("pk")
        .values_list("sub_id", "meta__name")
    )
    people = _grouped(
        TagParent.objects.filter(
            child_id__in=list(relationships),
            parent__type=TagType.CHARACTER,
            parent__canonical=True,
        ).values_list("child_id", "parent__name")
    )
    eras = list(Era.objects.filter(fandom_id__in=fandom_ids).order_by("fandom_id", "position"))
    members = Era.main_characters.through.objects.filter(era__in=eras).order_by("pk")
    era_members = _grouped(members.values_list("era_id", "tag__name"))
    era_key = {era.pk: era.key for era in eras}
    era_order = {era.pk: index for index, era in enumerate(eras)}
    eras_of = _grouped(
        (tag_id, era_key[era_id])
        for era_id, tag_id in sorted(
            members.values_list("era_id", "tag_id"), key=lambda row: era_order[row[0]]
        )
    )
    canon = (
        CanonWork.objects.filter(fandom_id__in=fandom_ids)
        .select_related("era")
        .order_by("fandom_id", "position")
    )
    return Knowledge(
        fandoms=tuple(
            FandomInfo(
                f.name,
                tuple(synonyms[f.pk]),
                tuple(f.terms),
                _canonical_name(f.narrator),
            )
            for f in fandom_tags
        ),
        characters=tuple(
            CharacterInfo(
                name=tag.name,
                fandom=fandom_name[fandom_id],
                aliases=tuple(synonyms[pk]),
                ambiguous_aliases=tuple(ambiguous[pk]),
                pronoun=tag.pronoun,
                eras=tuple(eras_of[pk]),
                metas=tuple(metas[pk]),
            )
            for pk, (tag, fandom_ids_of_tag) in characters.items()
            for fandom_id in fandom_ids_of_tag
        ),
        relationships=tuple(
            RelationshipInfo(
                name=tag.name,
                fandom=fandom_name[fandom_ids_of_tag[0]],
                characters=tuple(sorted(people[pk], key=str.casefold)),
                romantic="/" in tag.name,
                ship_names=tuple(synonyms[pk]),
            )
            for pk, (tag, fandom_ids_of_tag) in relationships.items()
        ),
        canon_works=tuple(
            CanonWorkInfo(
                title=w.title,
                fandom=fandom_name[w.fandom_id],
                order=w.position,
                abbreviations=tuple(w.abbreviations),
                group=w.group,
                era=w.era.key if w.era else "",
                keywords=tuple(w.keywords),
            )
            for w in canon
        ),
        eras=tuple(
            EraInfo(
                key=e.key,
                name=e.name,
                fandom=fandom_name[e.fandom_id],
                main_characters=tuple(era_members[e.pk]),
            )
            for e in eras
        ),
    )


def _canonical_name(tag: Tag | None) -> str:
    """The canonical tag a tag stands for ("" for none): a narrator merged away by a wrangler
    is the tag it was merged into."""
    if tag is not None and not tag.canonical:
        tag = tag.merger
    return tag.name if tag is not None and tag.canonical else ""
