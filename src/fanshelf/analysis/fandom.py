"""Which fandoms a story belongs to: the characters it names, the fandom's own terms and places,
and canon works it refers to. A crossover is two fandoms that are both well attested."""

from __future__ import annotations

import math
from collections import defaultdict

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.mentions import Mention
from fanshelf.analysis.results import Evidence, Suggestion

MIN_SCORE = 3.0
# A second fandom must carry a fair share of the first one's weight to make a crossover.
CROSSOVER_SHARE = 0.15


def detect_fandoms(
    ctx: StoryContext, mentions: list[Mention], note_mentions: list[Mention]
) -> tuple[list[Suggestion], set[str]]:
    index = ctx.index
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Evidence]] = defaultdict(list)

    def credit(fandom: str, weight: float, make_evidence) -> None:
        scores[fandom] += weight
        if make_evidence and len(evidence[fandom]) < 3:
            item = make_evidence()
            if item not in evidence[fandom]:
                evidence[fandom].append(item)

    for mention in mentions:
        fandoms = {index.fandom_of(name) for name in mention.candidates}
        weight = (0.5 if mention.in_dialogue else 1.0) / len(fandoms)
        if mention.ambiguous:
            weight *= 0.6
        for fandom in fandoms:
            credit(fandom, weight, lambda m=mention: ctx.evidence_at(m.start))
    for mention in note_mentions:
        for fandom in {index.fandom_of(name) for name in mention.candidates}:
            credit(fandom, 0.5, None)
    for hit in ctx.phrases.get("term", ()):
        credit(index.term_fandoms[hit.key], 1.5, lambda h=hit: ctx.evidence_at(h.start))
    for note in ctx.notes:
        for hit in note.phrases.get("term", ()):
            credit(
                index.term_fandoms[hit.key], 1.5, lambda h=hit, n=note: n.evidence(h.start, h.end)
            )
    for hit in ctx.phrases.get("keyword", ()):
        for fandom in {work.fandom for work in index.keywords[hit.key]}:
            credit(fandom, 0.5, lambda h=hit: ctx.evidence_at(h.start))

    top = max(scores.values(), default=0.0)
    suggestions = []
    for fandom, score in sorted(scores.items(), key=lambda item: -item[1]):
        if score < MIN_SCORE or score < CROSSOVER_SHARE * top:
            continue
        confidence = round(1.0 - math.exp(-score / 4.0), 3)
        suggestions.append(Suggestion(fandom, "fandom", confidence, tuple(evidence[fandom])))
    if not suggestions and top > 0:
        best = max(scores, key=scores.get)
        suggestions.append(
            Suggestion(best, "fandom", round(1.0 - math.exp(-top / 4.0), 3), tuple(evidence[best]))
        )
    return suggestions, {s.tag for s in suggestions}
