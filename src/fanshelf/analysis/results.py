"""The analyser's answers: plain dataclasses with confidences and evidence.

Offsets: with `analyze(text=...)` every `Evidence.start/end` indexes the text that was passed in
(after newline normalisation); with `analyze(chapters=...)` they index the part named by
`Evidence.part` ("body" is the chapters joined by a blank line, or a note string).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

TAG_TYPES = (
    "fandom",
    "character",
    "relationship",
    "warning",
    "rating",
    "freeform",
    "canon_placement",
)

# The tag type a suggestion becomes when an author accepts it: the archive has no
# canon-placement tag type, AO3 files "Post-Episode: ..." under Additional (freeform) Tags.
APPLIES_AS = {"canon_placement": "freeform"}


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    part: str = "body"  # "notes_begin", "body", "notes_end" or "chapter_notes"


@dataclass(frozen=True)
class Suggestion:
    tag: str
    tag_type: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()

    @property
    def applies_as(self) -> str:
        return APPLIES_AS.get(self.tag_type, self.tag_type)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["applies_as"] = self.applies_as
        return data


@dataclass(frozen=True)
class Finding:
    """A single-valued judgement such as point of view or tense."""

    value: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CharacterFinding:
    name: str  # canonical tag name, or the name as written for a possible original character
    fandom: str
    confidence: float  # that the character is present, not just named once
    salience: float  # 0..1, relative to the most prominent character of the story
    mentions: int  # named (aliases, resolved ambiguous aliases), narration and dialogue
    narration_mentions: int
    dialogue_lines: int  # quotes attributed to the character
    pronouns: dict[str, int] = field(default_factory=dict)
    aliases_used: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ChapterInfo:
    title: str
    offset: int
    word_count: int


@dataclass(frozen=True)
class Analysis:
    word_count: int
    notes_begin: str
    notes_end: str
    body_offset: int
    chapters: tuple[ChapterInfo, ...]
    scene_breaks: tuple[int, ...]
    dialogue_share: float
    pov: Finding
    tense: Finding
    era: str
    characters: tuple[CharacterFinding, ...]
    original_characters: tuple[CharacterFinding, ...]
    suggestions: tuple[Suggestion, ...]
    # Candidates that did not reach their threshold: shown to curious authors, never applied.
    near_misses: tuple[Suggestion, ...]
    summary: str
    summary_evidence: tuple[Evidence, ...] = ()
    # Relative frequencies of the work's content words: the input of its similarity vector.
    terms: dict[str, float] = field(default_factory=dict)
    # Per chapter, in order: the archive warnings that chapter itself calls for.
    chapter_warnings: tuple[tuple[Suggestion, ...], ...] = ()

    def suggestions_by_type(self) -> dict[str, list[Suggestion]]:
        grouped: dict[str, list[Suggestion]] = {tag_type: [] for tag_type in TAG_TYPES}
        for suggestion in self.suggestions:
            grouped.setdefault(suggestion.tag_type, []).append(suggestion)
        return grouped

    def tags(self, tag_type: str) -> list[str]:
        return [s.tag for s in self.suggestions if s.tag_type == tag_type]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["suggestions"] = [s.to_dict() for s in self.suggestions]
        data["near_misses"] = [s.to_dict() for s in self.near_misses]
        return data
