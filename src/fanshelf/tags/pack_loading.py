"""Loading a fandom pack into the tag database.

A pack's names resolve to the canonical form the archive already has, so wranglers' decisions
stand; what is missing is added. Loading the same pack again changes nothing. A pack update may
rename: a character (or fandom) whose new name is not in the database but whose alias is a
canonical tag of that fandom takes over that tag by merge, so every tagging stays and is found
under the new name; a relationship between the same characters is renamed the same way. Canon
works and eras carry no taggings, so the pack's list replaces the fandom's."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from fanshelf.analysis.packfile import FandomPack, knowledge_from_pack

from . import filters, services
from .models import AmbiguousAlias, CanonWork, Era, MetaTagging, Tag, TagParent, TagType
from .names import fold


@dataclass
class PackReport:
    fandom: str
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def summary(self) -> str:
        if not self.changes:
            return f"{self.fandom}: already up to date."
        return f"{self.fandom}: {len(self.changes)} changes."


class _Loader:
    def __init__(self, pack: FandomPack, user) -> None:
        self.pack = pack
        self.user = user
        self.report = PackReport(pack.fandom.name)
        self.refresh: set[int] = set()  # tags whose works' filters must be recomputed
        self.fandom: Tag | None = None

    def change(self, text: str) -> None:
        self.report.changes.append(text)

    # -- tags ------------------------------------------------------------------------------
    def canonical(self, tag_type: str, name: str, renamed_from: tuple[str, ...] = ()) -> Tag:
        tag = services.find_tag(tag_type=tag_type, name=name)
        if tag is not None and tag.merger_id and not tag.canonical:
            return tag.merger  # a wrangler made it a synonym: the pack follows
        if tag is not None:
            if not tag.canonical:
                tag.canonical, tag.unwrangleable = True, False
                tag.save(update_fields=["canonical", "unwrangleable"])
                self.refresh.add(tag.pk)
                self.change(f"made “{name}” canonical")
            return tag
        tag = Tag.objects.create(name=name, type=tag_type, canonical=True)
        self.change(f"created {TagType(tag_type).label.lower()} “{name}”")
        for old_name in renamed_from:
            old = services.find_tag(tag_type=tag_type, name=old_name)
            if old is not None and old.canonical and self.in_fandom(old):
                services.tag_merge(tag=old, into=tag, user=self.user)
                self.change(f"renamed “{old.name}” to “{name}”")
                break
        return tag

    def in_fandom(self, tag: Tag) -> bool:
        if tag.type == TagType.FANDOM:
            return True
        return TagParent.objects.filter(parent=self.fandom, child=tag).exists()

    def synonyms(self, target: Tag, names: tuple[str, ...], *, ambiguous_ok: bool) -> None:
        for name in names:
            tag = services.find_tag(tag_type=target.type, name=name)
            if tag is None:
                Tag.objects.create(name=name, type=target.type, merger=target)
                self.change(f"added “{name}” as a synonym of “{target.name}”")
            elif tag.pk == target.pk or tag.merger_id == target.pk:
                continue
            elif not tag.canonical and not tag.merger_id:
                tag.merger, tag.unwrangleable = target, False
                tag.save(update_fields=["merger", "unwrangleable"])
                self.refresh.add(tag.pk)
                self.change(f"made “{tag.name}” a synonym of “{target.name}”")
            elif ambiguous_ok:
                self.ambiguous(target, name)
                other = services.canonical_form(tag).name
                self.report.warnings.append(
                    f"“{name}” already means “{other}”; kept as an ambiguous alias of "
                    f"“{target.name}”."
                )
            else:
                other = services.canonical_form(tag).name
                self.report.warnings.append(
                    f"“{name}” already means “{other}”; not added to “{target.name}”."
                )

    def ambiguous(self, tag: Tag, name: str) -> None:
        if not AmbiguousAlias.objects.filter(tag=tag, name__iexact=name).exists():
            AmbiguousAlias.objects.create(tag=tag, name=name)
            self.change(f"added ambiguous alias “{name}” to “{tag.name}”")

    def parent(self, parent: Tag, child: Tag) -> None:
        _, created = TagParent.objects.get_or_create(parent=parent, child=child)
        if created:
            self.change(f"linked “{child.name}” to “{parent.name}”")

    def set_fields(self, tag: Tag, **values) -> None:
        changed = [key for key, value in values.items() if getattr(tag, key) != value]
        if changed:
            for key in changed:
                setattr(tag, key, values[key])
            tag.save(update_fields=changed)
            self.change(f"updated {', '.join(changed)} of “{tag.name}”")

    # -- sections --------------------------------------------------------------------------
    def load(self) -> PackReport:
        pack = self.pack
        self.fandom = self.canonical(TagType.FANDOM, pack.fandom.name, pack.fandom.aliases)
        self.set_fields(self.fandom, terms=list(pack.fandom.terms))
        self.describe(self.fandom, pack.fandom.description)
        self.synonyms(self.fandom, pack.fandom.aliases, ambiguous_ok=False)
        characters = self.characters()
        self.set_fields(self.fandom, narrator=characters.get(pack.fandom.narrator))
        self.eras(characters)
        self.relationships(characters)
        self.canon()
        if self.refresh:
            filters.schedule_tag_filters(self.refresh)
        if self.report.changed:
            services.record(
                user=self.user,
                action="load_pack",
                tag=self.fandom,
                changes=len(self.report.changes),
                first_changes=self.report.changes[:20],
            )
        return self.report

    def describe(self, tag: Tag, description: str) -> None:
        if description and not tag.description:
            self.set_fields(tag, description=description)

    def characters(self) -> dict[str, Tag]:
        tags: dict[str, Tag] = {}
        for entry in self.pack.characters:
            tag = self.canonical(TagType.CHARACTER, entry.name, entry.aliases)
            tags[entry.name] = tag
            self.parent(self.fandom, tag)
            self.set_fields(tag, pronoun=entry.pronoun)
            self.describe(tag, entry.description)
            self.synonyms(tag, entry.aliases, ambiguous_ok=True)
            for alias in entry.ambiguous_aliases:
                self.ambiguous(tag, alias)
        for entry in self.pack.characters:
            for meta in entry.metas:
                sub, above = tags[entry.name], tags[meta]
                if sub.pk == above.pk:
                    continue
                _, created = MetaTagging.objects.get_or_create(meta=above, sub=sub)
                if created:
                    self.refresh.add(sub.pk)
                    self.change(f"made “{sub.name}” a sub tag of “{above.name}”")
        return tags

    def eras(self, characters: dict[str, Tag]) -> None:
        knowledge = knowledge_from_pack(self.pack)
        members = {era.key: era.main_characters for era in knowledge.eras}
        keys = []
        for position, entry in enumerate(self.pack.eras, start=1):
            keys.append(entry.key)
            era, created = Era.objects.get_or_create(
                fandom=self.fandom,
                key=entry.key,
                defaults={"name": entry.name, "description": entry.description},
            )
            if created:
                self.change(f"added era “{entry.name}”")
            values = {"name": entry.name, "description": entry.description, "position": position}
            stale = [key for key, value in values.items() if getattr(era, key) != value]
            if stale:
                Era.objects.filter(pk=era.pk).update(**values)
                if not created:
                    self.change(f"updated era “{entry.name}”")
            wanted = {characters[name].pk for name in members[entry.key]}
            if set(era.main_characters.values_list("pk", flat=True)) != wanted:
                era.main_characters.set(wanted)
                self.change(f"set the main characters of era “{entry.name}”")
        gone = Era.objects.filter(fandom=self.fandom).exclude(key__in=keys)
        for era in gone:
            self.change(f"removed era “{era.name}”")
        gone.delete()

    def relationships(self, characters: dict[str, Tag]) -> None:
        for entry in self.pack.relationships:
            people = [characters[name] for name in entry.characters]
            is_new = services.find_tag(tag_type=TagType.RELATIONSHIP, name=entry.name) is None
            tag = self.canonical(TagType.RELATIONSHIP, entry.name)
            old = self.same_relationship(tag, people, romantic=entry.romantic) if is_new else None
            if old is not None:
                services.tag_merge(tag=old, into=tag, user=self.user)
                self.change(f"renamed “{old.name}” to “{tag.name}”")
            self.parent(self.fandom, tag)
            for person in people:
                self.parent(person, tag)
            self.describe(tag, entry.description)
            self.synonyms(tag, entry.ship_names, ambiguous_ok=False)

    def same_relationship(self, new: Tag, people: list[Tag], *, romantic: bool) -> Tag | None:
        """A canonical relationship of this fandom between exactly these characters, of the
        same kind: the one a renamed pack entry replaces."""
        wanted = {p.pk for p in people}
        candidates = Tag.objects.filter(
            type=TagType.RELATIONSHIP,
            canonical=True,
            parent_links__parent=self.fandom,
        ).exclude(pk=new.pk)
        for candidate in candidates.filter(parent_links__parent__in=people).distinct():
            linked = set(
                candidate.parent_links.filter(parent__type=TagType.CHARACTER).values_list(
                    "parent_id", flat=True
                )
            )
            if linked == wanted and ("/" in candidate.name) == romantic:
                return candidate
        return None

    def canon(self) -> None:
        eras = {era.key: era for era in Era.objects.filter(fandom=self.fandom)}
        works = CanonWork.objects.filter(fandom=self.fandom).select_related("era")
        existing = {fold(w.title): w for w in works}
        kept = set()
        for entry in self.pack.canon:
            values = {
                "title": entry.title,
                "position": entry.order,
                "abbreviations": list(entry.abbreviations),
                "group": entry.group,
                "era": eras.get(entry.era),
                "keywords": list(entry.keywords),
                "description": entry.description,
            }
            work = existing.get(fold(entry.title))
            if work is None:
                work = CanonWork.objects.create(fandom=self.fandom, **values)
                self.change(f"added canon work “{entry.title}”")
            elif any(getattr(work, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(work, key, value)
                work.save()
                self.change(f"updated canon work “{entry.title}”")
            kept.add(work.pk)
        gone = CanonWork.objects.filter(fandom=self.fandom).exclude(pk__in=kept)
        for work in gone:
            self.change(f"removed canon work “{work.title}”")
        gone.delete()


@transaction.atomic
def pack_load(*, pack: FandomPack, user=None) -> PackReport:
    """Fill the tag database from a checked pack (see packfile.read_pack); idempotent."""
    return _Loader(pack, user).load()
