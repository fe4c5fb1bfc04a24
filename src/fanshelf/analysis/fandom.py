"""Which fandoms a story belongs to: the characters it names, the fandom's own terms and places,
and canon works it refers to. A crossover is two fandoms that are both well attested.

Evidence shared by several fandoms (a character or place of one canon told by two adaptations)
is split between them; what tells them apart is their own evidence: the characters only one of
them has, and its own terms (phones and blogs in Sherlock (TV), not in Conan Doyle).
"""

from __future__ import annotations

import math
from collections import defaultdict

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.mentions import Mention
from fanshelf.analysis.results import Evidence, Suggestion

MIN_SCORE = 3.0
# A second fandom must carry a fair share of the first one's weight to make a crossover.
CROSSOVER_SHARE = 0.15
# A fandom is never suggested without at least this much weight from its own characters named
# in the story: terms and places alone ("the arena", "blog") are weak evidence.
MIN_CHARACTER_SCORE = 1.0
# Two fandoms that share this share of their character evidence are tellings of one canon, not
# a crossover: only the one with more evidence of its own is suggested.
ADAPTATION_OVERLAP = 0.5
TERM_WEIGHT = 1.5
FALLBACK_MIN_DISTINCT = 2
KEYWORD_WEIGHT = 0.5


class _Scores:
    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.own: dict[str, float] = defaultdict(float)  # evidence no other fandom shares
        self.characters: dict[str, float] = defaultdict(float)
        self.named: dict[str, float] = defaultdict(float)  # unsplit, for MIN_CHARACTER_SCORE
        self.shared_characters: dict[frozenset, float] = defaultdict(float)
        self.evidence: dict[str, list[Evidence]] = defaultdict(list)
        self.distinct: dict[str, set[str]] = defaultdict(set)  # names and terms seen
        # Names only this fandom has, and how often each is used.
        self.own_names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def credit(
        self, owners, weight: float, make_evidence, character: bool = False, key: str = ""
    ) -> None:
        owners = tuple(dict.fromkeys(owners))
        for fandom in owners:
            if key:
                self.distinct[fandom].add(key)
            self.total[fandom] += weight / len(owners)
            if len(owners) == 1:
                self.own[fandom] += weight
            if character:
                self.characters[fandom] += weight / len(owners)
            if make_evidence and len(self.evidence[fandom]) < 3:
                item = make_evidence()
                if item not in self.evidence[fandom]:
                    self.evidence[fandom].append(item)
        if character and len(owners) > 1:
            self.shared_characters[frozenset(owners)] += weight


def detect_fandoms(
    ctx: StoryContext, mentions: list[Mention], note_mentions: list[Mention]
) -> tuple[list[Suggestion], set[str]]:
    index = ctx.index
    scores = _Scores()
    for mention in mentions:
        owners = [f for name in mention.candidates for f in index.fandoms_of(name)]
        if len(set(owners)) == 1:
            scores.own_names[owners[0]][m_key(mention)] += 1
        full = (0.6 if mention.ambiguous else 1.0) * (0.5 if mention.in_dialogue else 1.0)
        weight = full / len(set(owners))
        for fandom in set(owners):
            # A character every telling shares is still a character of each of them.
            scores.named[fandom] += full
        # Split per fandom, so weight is per fandom already: credit each owner alone.
        for fandom in dict.fromkeys(owners):
            scores.credit(
                (fandom,), weight, lambda m=mention: ctx.evidence_at(m.start), True, m_key(mention)
            )
        _mark_shared(scores, mention, index, weight)
    for mention in note_mentions:
        owners = {f for name in mention.candidates for f in index.fandoms_of(name)}
        for fandom in owners:
            scores.credit((fandom,), 0.5 / len(owners), None, True)
    for hit in ctx.phrases.get("term", ()):
        scores.credit(
            index.term_fandoms[hit.key],
            TERM_WEIGHT,
            lambda h=hit: ctx.evidence_at(h.start),
            key=hit.key,
        )
    for note in ctx.notes:
        for hit in note.phrases.get("term", ()):
            scores.credit(
                index.term_fandoms[hit.key],
                TERM_WEIGHT,
                lambda h=hit, n=note: n.evidence(h.start, h.end),
            )
    for hit in ctx.phrases.get("keyword", ()):
        owners = tuple({work.fandom for work in index.keywords[hit.key]})
        scores.credit(owners, KEYWORD_WEIGHT, lambda h=hit: ctx.evidence_at(h.start))
    return _choose(scores, index.canon_size)


def _enough_for_fallback(scores: _Scores, fandom: str) -> bool:
    """Two different names or terms, or one name no other fandom has, used twice."""
    if len(scores.distinct[fandom]) >= FALLBACK_MIN_DISTINCT:
        return True
    return any(count >= 2 for count in scores.own_names[fandom].values())


def m_key(mention: Mention) -> str:
    return "|".join(mention.candidates)


def _mark_shared(scores: _Scores, mention: Mention, index, weight: float) -> None:
    """A character every one of several fandoms has is not evidence of any one of them alone:
    take back the "own" credit and remember the overlap."""
    owners_per_name = [set(index.fandoms_of(name)) for name in mention.candidates]
    owners = set().union(*owners_per_name) if owners_per_name else set()
    if len(owners) > 1:
        for fandom in owners:
            scores.own[fandom] -= weight
        scores.shared_characters[frozenset(owners)] += weight * len(owners)


def _adaptations_to_drop(
    scores: _Scores, candidates: list[str], canon_size: dict[str, int]
) -> set[str]:
    dropped: set[str] = set()
    for owners, weight in scores.shared_characters.items():
        present = [f for f in candidates if f in owners]
        if len(present) < 2:
            continue
        # Two tellings of one canon when, for one of them, the story's cast is mostly the shared
        # one: its characters are the other's too (a real crossover brings its own people).
        if any(
            weight / len(owners) >= ADAPTATION_OVERLAP * scores.characters[fandom]
            for fandom in present
        ):
            # The one with more evidence of its own; if nothing tells them apart, the fuller
            # canon is the likelier source.
            best = max(present, key=lambda f: (scores.own[f], scores.total[f], canon_size[f]))
            dropped.update(f for f in present if f != best)
    return dropped


def _choose(scores: _Scores, canon_size: dict[str, int]) -> tuple[list[Suggestion], set[str]]:
    eligible = [f for f in scores.total if scores.named[f] >= MIN_CHARACTER_SCORE]
    ranked = sorted(eligible, key=lambda f: -scores.total[f])
    dropped = _adaptations_to_drop(scores, ranked, canon_size)
    ranked = [f for f in ranked if f not in dropped]
    top = max((scores.total[f] for f in ranked), default=0.0)
    suggestions = []
    for fandom in ranked:
        score = scores.total[fandom]
        if score < MIN_SCORE or score < CROSSOVER_SHARE * top:
            continue
        confidence = round(1.0 - math.exp(-score / 4.0), 3)
        suggestions.append(Suggestion(fandom, "fandom", confidence, tuple(scores.evidence[fandom])))
    # Below the bar, the best fandom is still offered when two different names or terms of it
    # agree, or a name of its own recurs: one shared first name is not evidence.
    if not suggestions and ranked and _enough_for_fallback(scores, ranked[0]):
        best = ranked[0]
        suggestions.append(
            Suggestion(
                best, "fandom", round(1.0 - math.exp(-top / 4.0), 3), tuple(scores.evidence[best])
            )
        )
    return suggestions, {s.tag for s in suggestions}
