"""Where characters are named, which character an ambiguous name means, and who the narration's
pronouns point at (a light, recency-based coreference: the last named character of that gender).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.index import KnowledgeIndex
from fanshelf.analysis.phrases import PhraseHit
from fanshelf.analysis.text import Segmented, starts_sentence

_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself|they|them|their|themselves)\b")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yourself)\b")
_PRONOUN_GENDER = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
    "they": "they", "them": "they", "their": "they", "themselves": "they",
}  # fmt: skip


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    alias: str
    candidates: tuple[str, ...]
    ambiguous: bool
    in_dialogue: bool
    character: str = ""  # resolved canonical name; "" while unresolved
    # Named only to be compared with ("unlike the Tenth Doctor"): weak evidence of presence.
    comparison: bool = False
    # The pronoun the narration next uses for this name in its sentence ("she", "he" or "").
    pronoun: str = ""


def find_mentions(doc: Segmented, index: KnowledgeIndex, hits: list[PhraseHit]) -> list[Mention]:
    # A one-word shared name that is also an English word ("Me", "Ten", "Grace") counts at the
    # start of a sentence only if the story also uses it mid-sentence, as names are.
    inside = {hit.key for hit in hits if not starts_sentence(doc.text, hit.start)}
    mentions = []
    for hit in hits:
        alias = hit.key
        target = index.alias_targets.get(alias)
        if target is None:
            continue
        if (
            target.shared_in_fandom
            and " " not in alias
            and alias not in inside
            and starts_sentence(doc.text, hit.start)
        ):
            continue
        mentions.append(
            Mention(
                start=hit.start,
                end=hit.end,
                alias=alias,
                candidates=target.characters,
                ambiguous=target.ambiguous,
                in_dialogue=doc.quote_at(hit.start) is not None,
                character="" if target.ambiguous else target.characters[0],
                comparison=bool(
                    _COMPARISON_BEFORE.search(
                        doc.lower, max(0, hit.start - COMPARISON_REACH), hit.start
                    )
                ),
                pronoun=_pronoun_after(doc, hit.end) if target.ambiguous else "",
            )
        )
    return mentions


_COMPARISON_BEFORE = re.compile(
    r"\b(?:unlike|(?:nothing|much|just|not|more|less) like|than|resembl\w*)\s+(?:the\s+)?\Z"
)
COMPARISON_REACH = 24
_SUBJECT_PRONOUN = re.compile(r"\b(?:she|he)\b")


def _pronoun_after(doc: Segmented, end: int) -> str:
    """The "she" or "he" the narration uses right after a name, with no other name between
    ("the Doctor grinned as she ran"): how the story speaks of that character."""
    sentence_end = doc.sentences[doc.sentence_index(end)][1] if doc.sentences else end
    limit = min(sentence_end, end + PRONOUN_REACH)
    match = _SUBJECT_PRONOUN.search(doc.narration_lower, end, limit)
    if not match or _CAPITAL.search(doc.narration, end, match.start()):
        return ""
    return match.group()


PRONOUN_REACH = 40
_CAPITAL = re.compile(r"\b[A-Z]")


ERA_PRIOR = 0.02


@dataclass
class EraVote:
    scores: dict[str, float] = field(default_factory=dict)

    def best(self) -> str:
        return max(self.scores, key=lambda k: (self.scores[k], k)) if self.scores else ""


def era_votes(weights: dict[str, float], index: KnowledgeIndex) -> EraVote:
    """Eras whose main characters are in the story; a character in several eras splits its vote,
    so a companion of one Doctor outweighs one who travelled with two."""
    scores: dict[str, float] = defaultdict(float)
    for name, weight in weights.items():
        eras = index.eras_of.get(name, frozenset())
        for era in eras:
            scores[era] += weight / len(eras)
    # Between eras the story supports equally, the one with more canon is likelier (Donna
    # travelled with the Tenth Doctor for a series, with the Fourteenth for three specials).
    for era in scores:
        scores[era] += ERA_PRIOR * index.era_canon_weight.get(era, 0.0)
    return EraVote(dict(scores))


def resolve_ambiguous(
    mentions: list[Mention],
    index: KnowledgeIndex,
    fandoms: set[str],
    hint_eras: dict[str, float],
) -> EraVote:
    """Give every ambiguous mention the candidate the rest of the story supports best: a candidate
    named unambiguously elsewhere, else the one whose era's main characters are present (canon
    placement's era counts too). Names resolved in a first round ("Rose" -> Rose Tyler) then
    vote for the others ("the Doctor"). Returns the era vote."""
    named: dict[str, float] = defaultdict(float)
    group_weight: dict[tuple[str, ...], float] = defaultdict(float)
    groups: list[tuple[tuple[str, ...], Mention]] = []
    pronouns: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for mention in mentions:
        weight = 0.5 if mention.in_dialogue else 1.0
        if mention.comparison:
            continue  # "unlike the Tenth Doctor" says nothing of who is here
        if not mention.ambiguous:
            if index.belongs(mention.character, fandoms):
                named[mention.character] += weight
            continue
        candidates = tuple(c for c in mention.candidates if index.belongs(c, fandoms))
        groups.append((candidates, mention))
        group_weight[candidates] += weight
        if mention.pronoun:
            pronouns[candidates][mention.pronoun] += 1
    votes = _with_hints(era_votes(named, index), hint_eras)
    # The story's pronoun for a shared name narrows it: "she" is the Thirteenth Doctor.
    narrowed = {group: _by_pronoun(group, pronouns[group], index) for group in group_weight}
    choice = {
        group: _best_candidate(narrowed[group], named, votes, index) for group in group_weight
    }
    for group in group_weight:
        others = {
            choice[other]: weight
            for other, weight in group_weight.items()
            if other != group and choice[other] and choice[other] not in index.metas
        }
        if others:
            merged = dict(named)
            for name, weight in others.items():
                merged[name] = merged.get(name, 0.0) + weight
            second = _with_hints(era_votes(merged, index), hint_eras)
            choice[group] = _best_candidate(narrowed[group], named, second, index)
    for group, mention in groups:
        mention.character = choice[group]
    return votes


PRONOUN_MIN_SHARE = 0.75
PRONOUN_MIN_VOTES = 2


def _by_pronoun(candidates: tuple[str, ...], votes: Counter, index: KnowledgeIndex):
    """Keep the candidates whose pronoun the story uses for the name, when it clearly uses one."""
    total = sum(votes.values())
    if total < PRONOUN_MIN_VOTES:
        return candidates
    pronoun, count = votes.most_common(1)[0]
    if count / total < PRONOUN_MIN_SHARE:
        return candidates
    kept = tuple(c for c in candidates if index.pronoun_of(c) == pronoun)
    return kept or candidates


def _with_hints(votes: EraVote, hint_eras: dict[str, float]) -> EraVote:
    for era, weight in hint_eras.items():
        votes.scores[era] = votes.scores.get(era, 0.0) + weight
    return votes


def _best_candidate(
    candidates: tuple[str, ...], named: dict[str, float], votes: EraVote, index: KnowledgeIndex
) -> str:
    if not candidates:
        return ""
    if len(candidates) == 1:
        return candidates[0]
    # Being named outright counts most, but with diminishing returns: one "Mycroft Holmes"
    # does not make every "Holmes" Mycroft. The character central to the most eras is the
    # default referent of a shared name (Sherlock, not Mycroft, for "Holmes").
    era_counts = {name: len(index.eras_of.get(name, ())) for name in candidates}
    most = max(era_counts.values())
    central = [name for name, count in era_counts.items() if count == most]
    # Two candidates of the same era (the Tenth Doctor and his metacrisis twin): the era's
    # lead wins.
    scores = {
        name: 1.5 * math.log1p(named.get(name, 0.0))
        + sum(
            votes.scores.get(era, 0.0) * (1.1 if index.era_leads.get(era) == name else 1.0)
            for era in index.eras_of.get(name, ())
        )
        + (1.0 if len(central) == 1 and name in central else 0.0)
        for name in candidates
    }
    ranked = sorted(candidates, key=lambda name: -scores[name])
    if scores[ranked[0]] > scores[ranked[1]]:
        return ranked[0]
    # No evidence either way: fall back to the shared meta tag when the knowledge has one.
    shared = set.intersection(*(set(index.characters[c].metas) for c in candidates))
    for meta in sorted(shared):
        if meta in index.characters:
            return meta
    return ""


class Recency:
    """Who was last named (in narration or as a speaker) before a given offset."""

    def __init__(self) -> None:
        self._positions: list[int] = []
        self._names: list[str] = []

    def add(self, position: int, name: str) -> None:
        self._positions.append(position)
        self._names.append(name)

    def entries(self) -> list[tuple[int, str]]:
        return list(zip(self._positions, self._names, strict=True))

    def finish(self) -> None:
        order = sorted(range(len(self._positions)), key=self._positions.__getitem__)
        self._positions = [self._positions[i] for i in order]
        self._names = [self._names[i] for i in order]

    def last(self, before: int, accept=None, skip: int = 0, window: int = 4000) -> str:
        """The last name before an offset accepted by `accept`; `skip` distinct ones passed."""
        return self.last_named(before, accept, skip, window)[0]

    def last_named(
        self, before: int, accept=None, skip: int = 0, window: int = 4000
    ) -> tuple[str, int]:
        """Like `last`, with the offset where that name was last seen (-1 when none)."""
        i = bisect_left(self._positions, before) - 1
        passed: set[str] = set()
        while i >= 0 and before - self._positions[i] <= window:
            name = self._names[i]
            if (accept is None or accept(name)) and name not in passed:
                if len(passed) == skip:
                    return name, self._positions[i]
                passed.add(name)
            i -= 1
        return "", -1


@dataclass
class References:
    """Per-sentence characters referred to (by name or resolved pronoun), and pronoun counts."""

    by_sentence: dict[int, set[str]]
    pronouns: dict[str, Counter]
    pronoun_refs: Counter
    genders: dict[str, str]


_OBJECT_FOLLOWER = re.compile(
    r"\s*(?:[.,;:!?)\"”—–-]|$|(?:up|down|in|out|to|at|for|with|from|back|away|off|on|over|"
    r"the|a|an|and|that|this|again|so|too|as|if|but|into|onto|through|across|by|about|before|"
    r"after|when|while|until|because|or|like|close|closer|go|know|feel|be)\b)"
)
_CLAUSE_END = re.compile(r"[,;:—–]")


def _is_object(narration_lower: str, match: re.Match) -> bool:
    """ "him", or "her" used as an object rather than a possessive ("her up", not "her eyes")."""
    word = match.group()
    if word == "him":
        return True
    return word == "her" and bool(_OBJECT_FOLLOWER.match(narration_lower, match.end()))


def _same_clause(doc: Segmented, seen: int, match: re.Match) -> bool:
    start = doc.sentences[doc.sentence_index(match.start())][0]
    return seen >= start and not _CLAUSE_END.search(doc.text, seen, match.start())


def learn_genders(ctx: StoryContext, mentions: list[Mention]) -> dict[str, str]:
    """Knowledge pronouns, else the pronoun that most often follows the character's name in a
    sentence naming nobody else."""
    genders: dict[str, str] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    per_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.character and not mention.in_dialogue:
            per_sentence[ctx.doc.sentence_index(mention.start)].append(mention)
    narration = ctx.doc.narration_lower
    for sentence, found in per_sentence.items():
        if len({m.character for m in found}) != 1:
            continue
        end = ctx.doc.sentences[sentence][1]
        match = _PRONOUN.search(narration, found[0].end, end)
        if match:
            votes[found[0].character][_PRONOUN_GENDER[match.group()]] += 1
    for name in {m.character for m in mentions if m.character}:
        known = ctx.index.pronoun_of(name)
        if known in ("he", "she", "they"):
            genders[name] = known
        elif votes[name]:
            genders[name] = votes[name].most_common(1)[0][0]
    return genders


def track_references(
    ctx: StoryContext,
    mentions: list[Mention],
    genders: dict[str, str],
    speakers: dict[int, str] | None = None,
    narrator: str = "",
    person: str = "first",
) -> tuple[References, Recency]:
    doc = ctx.doc
    recency = Recency()
    by_sentence: dict[int, set[str]] = defaultdict(set)
    if narrator:
        pattern = _SECOND_PERSON if person == "second" else _FIRST_PERSON
        for match in pattern.finditer(doc.narration_lower):
            by_sentence[doc.sentence_index(match.start())].add(narrator)
    for mention in mentions:
        if mention.character:
            by_sentence[doc.sentence_index(mention.start)].add(mention.character)
            if not mention.in_dialogue:
                recency.add(mention.start, mention.character)
    for quote, speaker in (speakers or {}).items():
        if speaker:
            start = doc.quotes[quote][0]
            recency.add(start, speaker)
            by_sentence[doc.sentence_index(start)].add(speaker)
    recency.finish()
    pronouns: dict[str, Counter] = defaultdict(Counter)
    pronoun_refs: Counter = Counter()
    # The pronoun chain: "she" keeps meaning whom the last "she" meant until a name intervenes.
    chain: dict[str, tuple[str, int]] = {}
    resolved = Recency()
    for position, name in recency.entries():
        resolved.add(position, name)
    for match in _PRONOUN.finditer(doc.narration_lower):
        gender = _PRONOUN_GENDER[match.group()]
        if gender == "they":
            continue

        def same_gender(name: str, gender: str = gender) -> bool:
            return genders.get(name) == gender

        name, seen = recency.last_named(match.start(), same_gender)
        # "Mrs. Hudson showed her up": an object pronoun is not the subject named just before
        # it in the same clause.
        if name and _is_object(doc.narration_lower, match) and _same_clause(doc, seen, match):
            name = recency.last(match.start(), same_gender, skip=1) or name
        elif gender in chain and chain[gender][1] > seen:
            name = chain[gender][0]
        if name:
            chain[gender] = (name, match.start())
            resolved.add(match.start(), name)
            pronouns[name][match.group()] += 1
            pronoun_refs[name] += 1
            by_sentence[doc.sentence_index(match.start())].add(name)
    resolved.finish()
    return References(dict(by_sentence), dict(pronouns), pronoun_refs, genders), resolved
