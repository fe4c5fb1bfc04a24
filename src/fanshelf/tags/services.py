"""Every write to the taxonomy: finding or creating the tags authors type, a work's tags, and the
wrangling actions. Each wrangling action records who did what (WranglingAction) and keeps filter
links right through `filters`; each runs in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import filters
from .models import (
    CATEGORIES,
    FIXED_TYPES,
    RATINGS,
    WARNINGS,
    AmbiguousAlias,
    CanonWork,
    Era,
    MetaTagging,
    Tag,
    Tagging,
    TagParent,
    TagType,
    WranglingAction,
)
from .names import check_name, fold, parse_relationship, relationship_name

# Which types a tag's parents may have.
PARENT_TYPES = {
    TagType.CHARACTER: (TagType.FANDOM,),
    TagType.RELATIONSHIP: (TagType.FANDOM, TagType.CHARACTER),
    TagType.FREEFORM: (TagType.FANDOM,),
}
FIELD_OF_TYPE = {
    TagType.FANDOM: "fandoms",
    TagType.CHARACTER: "characters",
    TagType.RELATIONSHIP: "relationships",
    TagType.FREEFORM: "freeforms",
}
LABEL_OF_TYPE = {
    TagType.FANDOM: "Fandom",
    TagType.CHARACTER: "Character",
    TagType.RELATIONSHIP: "Relationship",
    TagType.FREEFORM: "Tag",
}


def record(*, user, action: str, tag: Tag, **detail) -> WranglingAction:
    return WranglingAction.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        tag=tag,
        tag_name=tag.name,
        detail=detail,
    )


# -- finding and creating tags -----------------------------------------------------------------
def find_tag(*, tag_type: str, name: str) -> Tag | None:
    """The tag of this type with this name, whatever its case."""
    return (
        Tag.objects.filter(type=tag_type, name_lower=fold(name))
        .select_related("merger")
        .order_by("-canonical", "pk")
        .first()
    )


def canonical_form(tag: Tag) -> Tag:
    return tag.merger if tag.merger_id and not tag.canonical else tag


def _create_tag(*, tag_type: str, name: str, **fields) -> Tag:
    try:
        with transaction.atomic():
            return Tag.objects.create(type=tag_type, name=name, **fields)
    except IntegrityError:  # someone else created it a moment ago
        return find_tag(tag_type=tag_type, name=name)


def tags_for_names(*, tag_type: str, names: Sequence[str]) -> list[Tag]:
    """The tags these (checked) names mean, creating new unwrangled tags for new names; a new
    relationship is linked to its characters (found or created)."""
    existing = {
        t.name_lower: t
        for t in Tag.objects.filter(type=tag_type, name_lower__in=[fold(n) for n in names])
        .select_related("merger")
        .order_by("canonical")
    }
    result = []
    for name in names:
        tag = existing.get(fold(name))
        if tag is None:
            tag = _create_tag(tag_type=tag_type, name=name)
            if tag_type == TagType.RELATIONSHIP:
                _link_new_relationship(tag)
        result.append(tag)
    return result


def _link_new_relationship(tag: Tag) -> None:
    """Link a new relationship to its characters, and make it a synonym of the canonical
    relationship between the same characters when there is one ("Twelve/Missy" means
    "Missy/Twelfth Doctor")."""
    parsed = parse_relationship(tag.name)
    if parsed is None:
        return
    romantic, parts = parsed
    characters = [
        canonical_form(t) for t in tags_for_names(tag_type=TagType.CHARACTER, names=list(parts))
    ]
    TagParent.objects.bulk_create(
        [TagParent(parent=c, child=tag) for c in characters], ignore_conflicts=True
    )
    if not all(c.canonical for c in characters):
        return
    ordered = relationship_name([c.name for c in characters], romantic=romantic)
    target = find_tag(tag_type=TagType.RELATIONSHIP, name=ordered)
    if target is not None and target.pk != tag.pk and canonical_form(target).canonical:
        tag.merger = canonical_form(target)
        tag.save(update_fields=["merger"])
        record(user=None, action="auto_synonym", tag=tag, into=tag.merger.name)


# -- a work's tags -----------------------------------------------------------------------------
def _fixed(tag_type: str, names: Iterable[str], allowed: tuple[str, ...], field: str) -> list:
    names = [n for n in names if n]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        label = TagType(tag_type).label.lower()
        raise ValidationError({field: f"“{unknown[0]}” is not a {label}."})
    return list(Tag.objects.filter(type=tag_type, canonical=True, name__in=names))


def _check_postable(counts: dict[str, int]) -> None:
    errors = {}
    if counts.get(TagType.FANDOM, 0) < 1:
        errors["fandoms"] = "A posted work needs at least one fandom."
    if counts.get(TagType.RATING, 0) != 1:
        errors["rating"] = "A posted work needs a rating."
    if counts.get(TagType.WARNING, 0) < 1:
        errors["warnings"] = "A posted work needs at least one archive warning."
    if errors:
        raise ValidationError(errors)


def tags_check_postable(*, rating: str | None, warnings: Sequence[str], fandoms: Sequence[str]):
    """The same check on the values a form holds, so a form reports it with its other errors."""
    _check_postable(
        {
            TagType.RATING: 1 if rating else 0,
            TagType.WARNING: len(warnings),
            TagType.FANDOM: len(fandoms),
        }
    )


def work_check_postable(*, work) -> None:
    """Raise ValidationError unless the work has a fandom, one rating and a warning."""
    counts: dict[str, int] = {}
    for tag_type in work.taggings.values_list("tag__type", flat=True):
        counts[tag_type] = counts.get(tag_type, 0) + 1
    _check_postable(counts)


@transaction.atomic
def work_set_tags(
    *,
    work,
    rating: str | None,
    warnings: Sequence[str] = (),
    categories: Sequence[str] = (),
    fandoms: Sequence[str] = (),
    characters: Sequence[str] = (),
    relationships: Sequence[str] = (),
    freeforms: Sequence[str] = (),
) -> list[Tag]:
    """Give the work exactly these tags. A posted work needs a fandom, a rating and a warning;
    a draft may lack them. New names become new, unwrangled tags."""
    chosen = [
        *_fixed(TagType.RATING, [rating or ""], RATINGS, "rating"),
        *_fixed(TagType.WARNING, warnings, WARNINGS, "warnings"),
        *_fixed(TagType.CATEGORY, categories, CATEGORIES, "categories"),
    ]
    free = {
        TagType.FANDOM: fandoms,
        TagType.CHARACTER: characters,
        TagType.RELATIONSHIP: relationships,
        TagType.FREEFORM: freeforms,
    }
    checked: dict[str, list[str]] = {}
    for tag_type, names in free.items():
        try:
            cleaned = [check_name(n, label=LABEL_OF_TYPE[tag_type]) for n in names]
        except ValidationError as error:
            raise ValidationError({FIELD_OF_TYPE[tag_type]: error.messages}) from None
        seen: set[str] = set()
        checked[tag_type] = [n for n in cleaned if not (fold(n) in seen or seen.add(fold(n)))]
    total = sum(len(names) for names in checked.values())
    limit = settings.FANSHELF_TAGS_PER_WORK_MAX
    if total > limit:
        raise ValidationError(
            f"A work can have at most {limit} fandom, character, relationship and additional "
            f"tags in all; this one has {total}."
        )
    counts = {t.type: 0 for t in chosen}
    for tag in chosen:
        counts[tag.type] += 1
    counts.update({t: len(n) for t, n in checked.items()})
    if work.posted:
        _check_postable(counts)
    for tag_type, names in checked.items():
        chosen.extend(tags_for_names(tag_type=tag_type, names=names))
    wanted = {t.pk for t in chosen}
    current = set(work.taggings.values_list("tag_id", flat=True))
    Tagging.objects.filter(work=work, tag_id__in=current - wanted).delete()
    # In the order given, so the edit form lists the tags as the author typed them.
    added = dict.fromkeys(t.pk for t in chosen if t.pk not in current)
    Tagging.objects.bulk_create(
        [Tagging(work=work, tag_id=pk) for pk in added], ignore_conflicts=True
    )
    _bin_unwrangled(chosen)
    filters_changed = filters.refresh_work_filters([work.pk], announce=False)
    # Search shows the tags' own names too, so a new unwrangled tag changes the entry.
    if filters_changed or added or current - wanted:
        filters.announce_works([work.pk])
    return chosen


def _bin_unwrangled(tags: list[Tag]) -> None:
    """Put the work's unwrangled tags in the bins of its fandoms (as parents), so wranglers of
    that fandom find them."""
    fandoms = [canonical_form(t) for t in tags if t.type == TagType.FANDOM]
    loose = [
        t
        for t in tags
        if t.type in PARENT_TYPES and not t.canonical and not t.merger_id and not t.unwrangleable
    ]
    TagParent.objects.bulk_create(
        [TagParent(parent=f, child=t) for f in fandoms for t in loose], ignore_conflicts=True
    )


# -- wrangling ---------------------------------------------------------------------------------
def _check_wranglable(tag: Tag) -> None:
    if tag.type in FIXED_TYPES:
        raise ValidationError(f"“{tag.name}” is a fixed tag; it can't be wrangled.")


def _check_canonical(tag: Tag, role: str) -> None:
    if not tag.canonical:
        raise ValidationError(f"{role} “{tag.name}” is not canonical; make it canonical first.")


@transaction.atomic
def tag_create(*, name: str, tag_type: str, canonical: bool = True, user) -> Tag:
    if tag_type in FIXED_TYPES:
        raise ValidationError("Ratings, warnings and categories are fixed.")
    name = check_name(name)
    if find_tag(tag_type=tag_type, name=name):
        raise ValidationError(f"There is already a {TagType(tag_type).label} tag “{name}”.")
    tag = Tag.objects.create(name=name, type=tag_type, canonical=canonical)
    record(user=user, action="create", tag=tag, canonical=canonical)
    return tag


@transaction.atomic
def tag_make_canonical(*, tag: Tag, user) -> Tag:
    """Make the tag canonical (a synonym stops being one). A relationship's canonical form
    names its characters' canonical names in alphabetical order: when the tag is spelled
    otherwise, that spelling becomes the canonical tag and this one its synonym."""
    _check_wranglable(tag)
    if tag.type == TagType.RELATIONSHIP and (parsed := parse_relationship(tag.name)):
        romantic, parts = parsed
        characters = [
            canonical_form(c) for c in tags_for_names(tag_type=TagType.CHARACTER, names=parts)
        ]
        ordered = relationship_name([c.name for c in characters], romantic=romantic)
        if ordered != tag.name:
            target = find_tag(tag_type=TagType.RELATIONSHIP, name=ordered)
            if target is None:
                target = Tag.objects.create(name=ordered, type=TagType.RELATIONSHIP)
            target = canonical_form(target)
            if not target.canonical:
                tag_make_canonical(tag=target, user=user)
            TagParent.objects.bulk_create(
                [TagParent(parent=c, child=target) for c in characters], ignore_conflicts=True
            )
            tag_merge(tag=tag, into=target, user=user)
            return target
    former = tag.merger
    tag.canonical, tag.merger, tag.unwrangleable = True, None, False
    tag.save(update_fields=["canonical", "merger", "unwrangleable"])
    detail = {"was_synonym_of": former.name} if former else {}
    record(user=user, action="make_canonical", tag=tag, **detail)
    filters.schedule_tag_filters([tag.pk])
    return tag


def _move_pair_links(model, end: str, other_end: str, source: Tag, target: Tag) -> None:
    """Re-point the `end` of `model`'s links from source to target, once each; a link that
    would join target to itself is dropped."""
    links = model.objects.filter(**{end: source})
    for other_id in links.values_list(f"{other_end}_id", flat=True):
        if other_id != target.pk:
            model.objects.get_or_create(**{end: target, f"{other_end}_id": other_id})
    links.delete()


def _move_links(source: Tag, target: Tag) -> None:
    """Give the target every link the source had (metas, subs, parents, children, ambiguous
    aliases, eras, canon works), once each."""
    for model, end, other_end in (
        (MetaTagging, "sub", "meta"),
        (MetaTagging, "meta", "sub"),
        (TagParent, "child", "parent"),
        (TagParent, "parent", "child"),
    ):
        _move_pair_links(model, end, other_end, source, target)
    for alias in AmbiguousAlias.objects.filter(tag=source):
        AmbiguousAlias.objects.get_or_create(tag=target, name=alias.name)
    AmbiguousAlias.objects.filter(tag=source).delete()
    for era in Era.objects.filter(main_characters=source):
        era.main_characters.add(target)
        era.main_characters.remove(source)
    target_keys = set(Era.objects.filter(fandom=target).values_list("key", flat=True))
    Era.objects.filter(fandom=source).exclude(key__in=target_keys).update(fandom=target)
    target_titles = {t.casefold() for t in target.canon_works.values_list("title", flat=True)}
    for work in CanonWork.objects.filter(fandom=source):
        if work.title.casefold() in target_titles:
            work.delete()
        else:
            work.fandom = target
            work.save(update_fields=["fandom"])


@transaction.atomic
def tag_merge(*, tag: Tag, into: Tag, user) -> Tag:
    """Make `tag` a synonym of the canonical tag `into`. Its own synonyms and links follow it;
    every work tagged with it keeps its tagging and is found under `into` from now on."""
    _check_wranglable(tag)
    into = canonical_form(into)
    if into.type != tag.type:
        raise ValidationError(
            f"“{into.name}” is a {TagType(into.type).label} tag and “{tag.name}” a "
            f"{TagType(tag.type).label} tag; a synonym must have the same type."
        )
    if into.pk == tag.pk:
        raise ValidationError(f"“{tag.name}” can't be a synonym of itself.")
    _check_canonical(into, "The tag")
    moved = Tag.objects.filter(merger=tag).update(merger=into)
    if tag.canonical:
        _move_links(tag, into)
    tag.canonical, tag.merger, tag.unwrangleable = False, into, False
    tag.save(update_fields=["canonical", "merger", "unwrangleable"])
    record(user=user, action="merge", tag=tag, into=into.name, synonyms_moved=moved)
    filters.schedule_tag_filters([tag.pk, into.pk])
    return tag


@transaction.atomic
def tag_set_parents(*, tag: Tag, parents: Sequence[Tag], user) -> Tag:
    """Replace the tag's parents: fandoms for characters, relationships and additional tags,
    characters too for relationships. Parents must be canonical."""
    allowed = PARENT_TYPES.get(tag.type)
    if not allowed:
        raise ValidationError(f"{TagType(tag.type).label} tags have no parents.")
    parents = [canonical_form(p) for p in parents]
    for parent in parents:
        if parent.type not in allowed:
            raise ValidationError(
                f"“{parent.name}” is a {TagType(parent.type).label} tag; it can't be a parent "
                f"of a {TagType(tag.type).label} tag."
            )
        _check_canonical(parent, "The parent")
    current = {link.parent_id: link for link in tag.parent_links.select_related("parent")}
    wanted = {p.pk: p for p in parents}
    removed = [link.parent.name for pk, link in current.items() if pk not in wanted]
    added = [p.name for pk, p in wanted.items() if pk not in current]
    TagParent.objects.filter(child=tag).exclude(parent_id__in=wanted).delete()
    TagParent.objects.bulk_create(
        [TagParent(parent=p, child=tag) for pk, p in wanted.items() if pk not in current]
    )
    if added or removed:
        record(user=user, action="set_parents", tag=tag, added=added, removed=removed)
    return tag


def _subs_below(tag: Tag) -> set[int]:
    below, frontier = set(), {tag.pk}
    while frontier:
        frontier = (
            set(MetaTagging.objects.filter(meta_id__in=frontier).values_list("sub_id", flat=True))
            - below
        )
        below |= frontier
    return below


@transaction.atomic
def tag_add_meta(*, tag: Tag, meta: Tag, user) -> Tag:
    """Make `tag` a sub tag of `meta`: its works are found under the meta tag too."""
    meta = canonical_form(meta)
    _check_wranglable(tag)
    _check_canonical(tag, "The sub tag")
    _check_canonical(meta, "The meta tag")
    if meta.type != tag.type:
        raise ValidationError("A meta tag must have the same type as its sub tag.")
    if meta.pk == tag.pk or meta.pk in _subs_below(tag):
        raise ValidationError(f"“{meta.name}” is already below “{tag.name}”; that makes a loop.")
    _, created = MetaTagging.objects.get_or_create(meta=meta, sub=tag)
    if created:
        record(user=user, action="add_meta", tag=tag, meta=meta.name)
        filters.schedule_tag_filters([tag.pk])
    return tag


@transaction.atomic
def tag_remove_meta(*, tag: Tag, meta: Tag, user) -> Tag:
    deleted, _ = MetaTagging.objects.filter(meta=meta, sub=tag).delete()
    if deleted:
        record(user=user, action="remove_meta", tag=tag, meta=meta.name)
        filters.schedule_tag_filters([tag.pk])
    return tag


@transaction.atomic
def tag_rename(*, tag: Tag, name: str, user) -> Tag:
    _check_wranglable(tag)
    name = check_name(name)
    other = find_tag(tag_type=tag.type, name=name)
    if other is not None and other.pk != tag.pk:
        raise ValidationError(f"There is already a {TagType(tag.type).label} tag “{other.name}”.")
    if name == tag.name:
        return tag
    old = tag.name
    tag.name = name
    tag.save(update_fields=["name"])
    record(user=user, action="rename", tag=tag, old_name=old, new_name=name)
    # The works' filters are the same tags, but search shows their names.
    filters.announce_works(filters.works_affected_by([tag.pk]))
    return tag


@transaction.atomic
def tag_mark_unwrangleable(*, tag: Tag, unwrangleable: bool = True, user) -> Tag:
    """Take a tag that will never be canonical or a synonym out of the bins (or put it back)."""
    _check_wranglable(tag)
    if unwrangleable and (tag.canonical or tag.merger_id):
        raise ValidationError(
            f"“{tag.name}” is canonical or a synonym; only unwrangled tags can be unwrangleable."
        )
    if tag.unwrangleable != unwrangleable:
        tag.unwrangleable = unwrangleable
        tag.save(update_fields=["unwrangleable"])
        action = "mark_unwrangleable" if unwrangleable else "unmark_unwrangleable"
        record(user=user, action=action, tag=tag)
    return tag
