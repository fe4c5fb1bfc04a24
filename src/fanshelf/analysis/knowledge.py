"""What the analyser knows about fandoms: plain data built from the tag database or a fandom pack.

The archive builds a `Knowledge` from its canonical tags (see `fanshelf.tags.knowledge`); the
command line builds one from a pack file. The analyser never looks anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fanshelf.analysis.index import KnowledgeIndex


@dataclass(frozen=True)
class FandomInfo:
    name: str
    aliases: tuple[str, ...] = ()
    # Distinctive words and places ("TARDIS", "Gallifrey") that signal the fandom.
    terms: tuple[str, ...] = ()
    # Who tells the canon's stories in the first person ("John Watson"): the "I" of a story
    # of this fandom that names its narrator no other way.
    narrator: str = ""


@dataclass(frozen=True)
class CharacterInfo:
    name: str  # canonical tag name, e.g. "Missy (Doctor Who)"
    fandom: str
    aliases: tuple[str, ...] = ()  # names that refer to this character alone
    # Aliases shared with other characters ("the Doctor"): resolved from context (eras,
    # co-occurrence).
    ambiguous_aliases: tuple[str, ...] = ()
    pronoun: str = ""  # "he", "she", "they" or "" when unknown
    eras: tuple[str, ...] = ()  # era keys in which the character is a main character
    metas: tuple[str, ...] = ()  # canonical meta tags, e.g. "The Doctor (Doctor Who)"


@dataclass(frozen=True)
class RelationshipInfo:
    name: str  # canonical tag name: "Missy/Twelfth Doctor" or "Clara Oswald & Twelfth Doctor"
    fandom: str
    characters: tuple[str, ...]
    romantic: bool
    ship_names: tuple[str, ...] = ()  # "Twissy"


@dataclass(frozen=True)
class CanonWorkInfo:
    title: str  # "The Witch's Familiar"
    fandom: str
    order: int  # position in the fandom's canon, 1-based
    abbreviations: tuple[str, ...] = ()  # "TWF"
    group: str = ""  # series, season or book collection, e.g. "Series 9"
    era: str = ""  # era key
    # Places, events and one-off characters that point at this canon work ("Skaro", "Davros").
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class EraInfo:
    key: str  # "twelfth-doctor"
    name: str  # "Twelfth Doctor era"
    fandom: str
    main_characters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    fandoms: tuple[FandomInfo, ...] = ()
    characters: tuple[CharacterInfo, ...] = ()
    relationships: tuple[RelationshipInfo, ...] = ()
    canon_works: tuple[CanonWorkInfo, ...] = ()
    eras: tuple[EraInfo, ...] = ()

    def merged(self, other: Knowledge) -> Knowledge:
        return Knowledge(
            fandoms=self.fandoms + other.fandoms,
            characters=self.characters + other.characters,
            relationships=self.relationships + other.relationships,
            canon_works=self.canon_works + other.canon_works,
            eras=self.eras + other.eras,
        )

    @cached_property
    def index(self) -> KnowledgeIndex:
        """Alias regexes and lookup tables, built on first use and kept: the archive builds one
        Knowledge and analyses many works with it."""
        from fanshelf.analysis.index import KnowledgeIndex

        return KnowledgeIndex(self)
