"""The story's cast: which canonical characters are present (not merely named once), how much
they speak, what pronouns the story uses for them, and how salient each one is."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.dialogue import attribute_quotes, is_speech_verb
from fanshelf.analysis.mentions import (
    Mention,
    Recency,
    References,
    era_votes,
    learn_genders,
    resolve_ambiguous,
    track_references,
)
from fanshelf.analysis.narration import PAST_FORMS
from fanshelf.analysis.narrators import find_narrator, resolve_perspective
from fanshelf.analysis.results import CharacterFinding, Evidence

PRESENCE_THRESHOLD = 0.5
# A character named as the subject of a verb acts on the page ("Bobby came", "Lilith, now in
# Ruby's body, opened the doors", "Mycroft could be heard").
_ACTS_AFTER = re.compile(
    r"(?:,[^,.;\n]{1,40},)?\s+(?:(\w+ly|never|always|often|seldom)\s+)?([a-z]+)"
)
# "Mycroft rarely wrote": a habit told, not an action on the page.
_HABITUAL = frozenset({"rarely", "usually", "often", "never", "always", "seldom", "generally"})
_VERB_ENDINGS = ("ed", "s")
_AUXILIARIES = frozenset({"was", "had", "could", "would", "did", "is", "has", "can", "will"})
ACT_WEIGHT = 1.2


@dataclass
class Cast:
    mentions: list[Mention]
    speakers: dict[int, str]  # quote index -> canonical name
    references: References
    recency: Recency
    characters: list[CharacterFinding]  # ranked by confidence, then salience
    era: str
    narrator: str
    person: str = "third"  # the story's point of view: whom "I" or "you" means

    @property
    def present(self) -> list[str]:
        return [c.name for c in self.characters if c.confidence >= PRESENCE_THRESHOLD]

    def finding(self, name: str) -> CharacterFinding | None:
        return next((c for c in self.characters if c.name == name), None)


def analyse_cast(
    ctx: StoryContext,
    mentions: list[Mention],
    fandoms: set[str],
    hint_eras: dict[str, float],
    pov: str,
    perspective: list[str] | None = None,
    reader_insert: bool = False,
    reader_marked: bool = False,
) -> Cast:
    index = ctx.index
    votes = resolve_ambiguous(mentions, index, fandoms, hint_eras)
    mentions = [m for m in mentions if m.character and index.belongs(m.character, fandoms)]
    genders = learn_genders(ctx, mentions)
    _, recency = track_references(ctx, mentions, genders)
    named_perspective = resolve_perspective(perspective or [], index, fandoms)
    narrator = find_narrator(
        pov,
        reader_insert,
        reader_marked,
        named_perspective,
        mentions,
        ctx.doc.text,
        index.conventional_narrator(fandoms),
    )
    speakers = attribute_quotes(ctx, mentions, recency, genders, narrator, pov)
    # In a third-person story the narration's stray "I" is its focal character thinking.
    thinker = _thinker(ctx, mentions) if pov == "third" else ""
    references, recency = track_references(
        ctx, mentions, genders, speakers, narrator or thinker, "first" if thinker else pov
    )
    characters = _findings(ctx, mentions, speakers, references, narrator, fandoms)
    era_weights = {c.name: c.salience for c in characters if c.confidence >= PRESENCE_THRESHOLD}
    era = _story_era(era_weights, votes.scores, index)
    return Cast(mentions, speakers, references, recency, characters, era, narrator, pov)


THINKER_MIN_SHARE = 0.5


def _thinker(ctx: StoryContext, mentions: list[Mention]) -> str:
    """The character who opens the narration's sentences most, when at least half of those
    that open with a name do ("Lydia frowned ... Lydia giggled")."""
    starts = {start for start, _ in ctx.doc.sentences}
    counts = Counter(
        m.character for m in mentions if not m.in_dialogue and m.start in starts and m.character
    )
    if not counts:
        return ""
    name, count = counts.most_common(1)[0]
    return name if count >= THINKER_MIN_SHARE * sum(counts.values()) else ""


def _story_era(weights: dict[str, float], hints: dict[str, float], index) -> str:
    scores = era_votes(weights, index).scores
    for era, weight in hints.items():
        scores[era] = scores.get(era, 0.0) + weight
    return max(scores, key=lambda k: (scores[k], k)) if scores else ""


def _findings(
    ctx: StoryContext,
    mentions: list[Mention],
    speakers: dict[int, str],
    references: References,
    narrator: str,
    fandoms: set[str],
) -> list[CharacterFinding]:
    doc = ctx.doc
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not mention.comparison:
            by_name[mention.character].append(mention)
    lines = Counter(speakers.values())
    first_line: dict[str, int] = {}
    for quote, name in sorted(speakers.items()):
        first_line.setdefault(name, quote)
    names = set(by_name) | set(lines) | ({narrator} if narrator else set())
    raw: dict[str, float] = {}
    stats = {}
    for name in names:
        found = by_name.get(name, [])
        narration = [m for m in found if not m.in_dialogue and not m.comparison]
        acts = sum(1 for m in narration if _acts(doc.narration_lower, m.end))
        pronoun_refs = references.pronoun_refs.get(name, 0)
        paragraphs = len({doc.paragraph_index(m.start) for m in found})
        score = (
            0.8 * len(narration)
            + 0.35 * (len(found) - len(narration))
            + ACT_WEIGHT * min(acts, 1)
            + 0.3 * max(acts - 1, 0)
            + 0.7 * min(lines[name], 12)
            + 0.08 * min(pronoun_refs, 40)
            + 0.2 * min(paragraphs, 10)
        )
        if name == narrator:
            score += 5.0
        raw[name] = score
        stats[name] = (found, narration, pronoun_refs)
    prominence = {
        name: len(stats[name][0]) + 2 * lines[name] + 0.3 * stats[name][2] for name in names
    }
    top = max(prominence.values(), default=1.0) or 1.0
    findings = []
    for name in names:
        found, narration, pronoun_refs = stats[name]
        evidence = [ctx.evidence_at(m.start) for m in (narration or found)[:2]]
        if name in first_line:
            q_start, q_end = doc.quotes[first_line[name]]
            evidence.append(ctx.span_evidence(q_start, q_end))
        findings.append(
            CharacterFinding(
                name=name,
                fandom=next((f for f in ctx.index.fandoms_of(name) if f in fandoms), ""),
                confidence=round(1.0 - math.exp(-raw[name] / 3.0), 3),
                salience=round(prominence[name] / top, 3),
                mentions=len(found),
                narration_mentions=len(narration),
                dialogue_lines=lines[name],
                pronouns=dict(references.pronouns.get(name, {})),
                aliases_used=tuple(sorted({m.alias for m in found})),
                evidence=tuple(_unique(evidence)),
            )
        )
    findings.sort(key=lambda c: (-c.confidence, -c.salience, c.name))
    return findings


def _acts(narration_lower: str, end: int) -> bool:
    match = _ACTS_AFTER.match(narration_lower, end)
    if not match or match.group(1) in _HABITUAL:
        return False
    verb = match.group(2)
    return (
        (verb.endswith(_VERB_ENDINGS) and len(verb) > 3)
        or verb in PAST_FORMS
        or verb in _AUXILIARIES
        or is_speech_verb(verb)
    )


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen, kept = set(), []
    for item in evidence:
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            kept.append(item)
    return kept
