"""Lookup tables built once per `Knowledge` (via `Knowledge.index`) and shared by every analysis.

Every name, term, title and ship name goes into one `PhraseMatcher`, so a story is scanned once
whatever the size of the fandom packs.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from fanshelf.analysis.knowledge import (
    CanonWorkInfo,
    CharacterInfo,
    EraInfo,
    Knowledge,
    RelationshipInfo,
)
from fanshelf.analysis.phrases import PhraseMatcher

_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*$")
_CAPITALISED_TOKEN = re.compile(r"\b[A-Z][\w'’-]*")


@dataclass(frozen=True)
class AliasTarget:
    characters: tuple[str, ...]
    ambiguous: bool
    # Shared inside one fandom ("the Doctor", "Ten"), not merely by two fandoms' characters
    # ("Harry"): such a one-word name may be an ordinary word at the start of a sentence.
    shared_in_fandom: bool = False


def _as_written(name: str) -> str:
    """ "The Doctor" is written "the Doctor" mid-sentence; the matcher capitalises "the" itself."""
    return "the " + name[4:] if name.startswith("The ") else name


def _distinctive_in_any_case(phrase: str) -> bool:
    """A name of several words ("Bad Wolf", "time vortex") means the same in any case; one word,
    with or without an article, may be an ordinary one once lower-cased ("Omega", "the Force")."""
    words = phrase.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return len(words) > 1


def bare_name(canonical: str) -> str:
    """ "Missy (Doctor Who)" -> "Missy": the disambiguation suffix is never written in a story."""
    return _PARENTHETICAL.sub("", canonical)


class KnowledgeIndex:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.characters: dict[str, CharacterInfo] = {}
        # Adaptations of one canon share character tags ("John Watson" in Conan Doyle's stories
        # and in Sherlock (TV)): a character may belong to several fandoms.
        fandoms_of: dict[str, list[str]] = defaultdict(list)
        for character in knowledge.characters:
            self.characters.setdefault(character.name, character)
            if character.fandom not in fandoms_of[character.name]:
                fandoms_of[character.name].append(character.fandom)
        self.character_fandoms = {name: tuple(f) for name, f in fandoms_of.items()}
        self.eras: dict[str, EraInfo] = {e.key: e for e in knowledge.eras}
        self.narrators = {f.name: f.narrator for f in knowledge.fandoms if f.narrator}
        self.works: tuple[CanonWorkInfo, ...] = tuple(
            sorted(knowledge.canon_works, key=lambda w: (w.fandom, w.order))
        )
        self.phrases = PhraseMatcher()
        self._label_counts: dict[str, int] | None = None
        self._build_aliases(knowledge)
        self._build_eras(knowledge)
        self._build_relationships(knowledge)
        self._build_fandom_terms(knowledge)
        self._build_canon(knowledge)
        self._build_known_tokens()

    # -- characters ---------------------------------------------------------------------------
    def _build_aliases(self, knowledge: Knowledge) -> None:
        targets: dict[str, set[str]] = defaultdict(set)
        declared_ambiguous: set[str] = set()
        for character in knowledge.characters:
            names = {character.name, _as_written(bare_name(character.name)), *character.aliases}
            for alias in names:
                if alias.strip():
                    targets[alias].add(character.name)
            for alias in character.ambiguous_aliases:
                targets[alias].add(character.name)
                declared_ambiguous.add(alias)
        # A meta tag ("The Doctor (Doctor Who)") is never the answer when a specific
        # character shares the alias: it is added afterwards from the specific one's metas.
        metas = {meta for c in knowledge.characters for meta in c.metas}
        self.alias_targets: dict[str, AliasTarget] = {}
        for alias, names in targets.items():
            specific = {name for name in names if name not in metas} or names
            ambiguous = alias in declared_ambiguous or len(specific) > 1
            per_fandom: dict[str, int] = defaultdict(int)
            for name in specific:
                for fandom in self.character_fandoms.get(name, ()):
                    per_fandom[fandom] += 1
            shared = alias in declared_ambiguous or any(n > 1 for n in per_fandom.values())
            self.alias_targets[alias] = AliasTarget(tuple(sorted(specific)), ambiguous, shared)
        for alias in self.alias_targets:
            self.phrases.add(alias, "alias")
        self.metas = metas

    def _build_eras(self, knowledge: Knowledge) -> None:
        eras_of: dict[str, set[str]] = defaultdict(set)
        for character in knowledge.characters:
            eras_of[character.name].update(character.eras)
        for era in knowledge.eras:
            for name in era.main_characters:
                eras_of[name].add(era.key)
        self.eras_of: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in eras_of.items()}
        self.canon_size: dict[str, int] = defaultdict(int)
        for work in knowledge.canon_works:
            self.canon_size[work.fandom] += 1
        works_per_era: dict[str, int] = defaultdict(int)
        for work in knowledge.canon_works:
            works_per_era[work.era] += 1
        self.era_canon_weight = {era: math.log1p(n) for era, n in works_per_era.items() if era}
        # An era's first main character is its lead ("Tenth Doctor" for "tenth-doctor").
        self.era_leads: dict[str, str] = {
            era.key: era.main_characters[0] for era in knowledge.eras if era.main_characters
        }

    # -- relationships ------------------------------------------------------------------------
    def _build_relationships(self, knowledge: Knowledge) -> None:
        self.relationships: dict[tuple[frozenset[str], bool], RelationshipInfo] = {}
        ship_names: dict[str, RelationshipInfo] = {}
        for relationship in knowledge.relationships:
            key = (frozenset(relationship.characters), relationship.romantic)
            self.relationships.setdefault(key, relationship)
            for ship in relationship.ship_names:
                ship_names[ship] = relationship
        self.ship_names = {ship.lower(): relationship for ship, relationship in ship_names.items()}
        for ship in ship_names:
            self.phrases.add(ship, "ship", fold_case=True)

    # -- fandoms ------------------------------------------------------------------------------
    def _build_fandom_terms(self, knowledge: Knowledge) -> None:
        # A term may belong to several fandoms ("Baker Street" to every telling of Holmes).
        self.term_fandoms: dict[str, tuple[str, ...]] = {}
        for fandom in knowledge.fandoms:
            for term in (fandom.name, *fandom.aliases, *fandom.terms):
                owners = self.term_fandoms.get(term, ())
                if fandom.name not in owners:
                    self.term_fandoms[term] = (*owners, fandom.name)
        for term in list(self.term_fandoms):
            self.phrases.add(term, "term", fold_case=_distinctive_in_any_case(term))
            # An acronym is often written as a name: "Tardis" for "TARDIS".
            if len(term) > 3 and term.isupper() and term.isalpha():
                self.phrases.add(term.capitalize(), "term")
                self.term_fandoms.setdefault(term.capitalize(), self.term_fandoms[term])

    # -- canon works --------------------------------------------------------------------------
    def _build_canon(self, knowledge: Knowledge) -> None:
        self.abbreviations: dict[str, list[CanonWorkInfo]] = defaultdict(list)
        self.titles: dict[str, CanonWorkInfo] = {}
        self.keywords: dict[str, list[CanonWorkInfo]] = defaultdict(list)
        group_eras: dict[str, set[str]] = defaultdict(set)
        for work in self.works:
            if work.group and work.era:
                group_eras[work.group.lower()].add(work.era)
            for abbreviation in work.abbreviations:
                self.abbreviations[abbreviation].append(work)
            self.titles.setdefault(work.title.lower(), work)
            for keyword in work.keywords:
                self.keywords[keyword].append(work)
        # "Series 8" -> the eras of its works: a story set "somewhere in series 8" names its era.
        self.group_eras = {group: frozenset(eras) for group, eras in group_eras.items()}
        for abbreviation in self.abbreviations:
            self.phrases.add(abbreviation, "abbreviation")
        for work in self.works:
            self.phrases.add(work.title, "title", fold_case=True)
        for keyword in self.keywords:
            self.phrases.add(keyword, "keyword", fold_case=_distinctive_in_any_case(keyword))

    def _build_known_tokens(self) -> None:
        """Capitalised words that belong to known names, terms or titles: never original
        characters."""
        sources = [
            *self.alias_targets,
            *self.characters,
            *self.term_fandoms,
            *self.keywords,
            *(work.title for work in self.works),
        ]
        tokens: set[str] = set()
        for source in sources:
            tokens.update(_CAPITALISED_TOKEN.findall(source))
        self.known_tokens = frozenset(tokens)

    # -- helpers ------------------------------------------------------------------------------
    def relationship_label(self, character: str) -> str:
        """How a character is written inside a relationship tag: without the "(Doctor Who)"
        suffix unless another character would then share the name ("The Master (Dhawan)")."""
        if self._label_counts is None:
            counts: dict[str, int] = defaultdict(int)
            for name in self.characters:
                counts[bare_name(name)] += 1
            self._label_counts = counts
        bare = bare_name(character)
        return bare if self._label_counts.get(bare, 0) <= 1 else character

    def conventional_narrator(self, fandoms: set[str]) -> str:
        """The character who by the canon's convention tells the stories of these fandoms in the
        first person; "" when none does or they disagree."""
        found = {self.narrators[f] for f in fandoms if f in self.narrators}
        return found.pop() if len(found) == 1 else ""

    def fandom_of(self, character: str) -> str:
        """The first fandom the character belongs to ("" when unknown)."""
        owners = self.character_fandoms.get(character, ())
        return owners[0] if owners else ""

    def fandoms_of(self, character: str) -> tuple[str, ...]:
        return self.character_fandoms.get(character, ())

    def belongs(self, character: str, fandoms: set[str]) -> bool:
        return any(f in fandoms for f in self.character_fandoms.get(character, ()))

    def pronoun_of(self, character: str) -> str:
        info = self.characters.get(character)
        return info.pronoun if info else ""

    def relationship(self, names: frozenset[str], romantic: bool) -> RelationshipInfo | None:
        return self.relationships.get((names, romantic))
