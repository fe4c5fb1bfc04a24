"""Relationships: pairs of present characters who interact (share sentences, talk to each other),
romantic ("A/B") when the page shows romance or the author names the ship, platonic ("A & B")
otherwise. Canonical relationship tags are used where the knowledge has them."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations, pairwise

from fanshelf.analysis.characters import Cast
from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.cues import CueLexicon
from fanshelf.analysis.narrators import READER
from fanshelf.analysis.results import Evidence, Suggestion

ROMANCE = CueLexicon(
    {
        r"kiss(?:es|ed|ing)?": 2.0,
        r"snog(?:s|ged|ging)?": 2.0,
        r"i love you": 2.5,
        r"i'm in love|in love with": 2.0,
        r"loves? (?:him|her|you)": 1.0,
        r"(?:made|make|making) love": 2.0,
        r"lovers?": 1.5,
        r"boyfriend|girlfriend": 1.5,
        r"(?:her|his) (?:husband|wife)": 1.0,
        r"fallen for|fell for|falling for": 1.0,
        r"(?:her|his|their) lips": 0.5,
        r"cuddl(?:e|es|ed|ing)": 1.0,
        r"nuzzl(?:e|es|ed|ing)": 1.0,
        r"flirt(?:s|ed|ing|ation|atious)?": 1.0,
        r"blush(?:es|ed|ing)?": 0.4,
        r"darling|sweetheart|my love|beloved": 0.7,
        r"(?:held|holding|hold) hands|hand in hand|fingers (?:laced|intertwined|entwined)": 0.8,
        r"(?:my|her|his) heart (?:was )?(?:racing|pounding|hammering|going like)": 1.0,
        r"romantic|romance": 1.0,
        r"propos(?:e|ed|al)|married": 0.8,
    }
)
FRIENDSHIP = CueLexicon(
    {
        r"best friends?": 1.5,
        r"friends?|friendship": 0.6,
        r"care(?:s|d)? (?:about|for)": 0.6,
        r"hug(?:s|ged|ging)?": 0.8,
        r"trust(?:s|ed)?": 0.3,
        r"protect(?:s|ed)?": 0.3,
    }
)
ROMANTIC_MIN = 3.5
PLATONIC_THRESHOLD = 0.35
STRONGEST_PAIR_THRESHOLD = 0.25
CO_REFERENCE_WEIGHT = 0.25
MAX_EVIDENCE = 40


def relationship_name(names: tuple[str, ...], romantic: bool, ctx: StoryContext) -> str:
    known = ctx.index.relationship(frozenset(names), romantic)
    if known:
        return known.name
    # Relationship tags drop the fandom suffix ("Clara Oswald & Missy"), except beside the
    # Reader, who says nothing of the fandom ("Loki (Marvel)/Reader").
    if READER in names:
        labels = sorted(names, key=str.casefold)
    else:
        labels = sorted((ctx.index.relationship_label(n) for n in names), key=str.casefold)
    return ("/" if romantic else " & ").join(labels)


def detect_relationships(
    ctx: StoryContext, cast: Cast
) -> tuple[list[Suggestion], list[Suggestion], set[str]]:
    """(suggested, near misses, the characters of the suggested relationships)."""
    doc = ctx.doc
    present = set(cast.present)
    named = {c.name for c in cast.characters}
    refs = cast.references.by_sentence
    romance: dict[frozenset, float] = defaultdict(float)
    interaction: dict[frozenset, float] = defaultdict(float)
    evidence: dict[frozenset, list[tuple[float, Evidence]]] = defaultdict(list)

    def credit(table, people: set[str], weight: float, sentence: int | None) -> None:
        pairs = [frozenset(p) for p in combinations(sorted(people), 2)]
        for pair in pairs:
            table[pair] += weight / len(pairs)
            if sentence is not None and len(evidence[pair]) < MAX_EVIDENCE:
                evidence[pair].append((weight, ctx.sentence_evidence(sentence)))

    for hit in ROMANCE.hits(doc.lower):
        sentence = doc.sentence_index(hit.start)
        credit(romance, refs.get(sentence, set()) & named, hit.weight, sentence)
    for hit in FRIENDSHIP.hits(doc.lower):
        sentence = doc.sentence_index(hit.start)
        credit(interaction, refs.get(sentence, set()) & present, hit.weight, sentence)
    for sentence, people in refs.items():
        credit(interaction, people & present, CO_REFERENCE_WEIGHT, sentence)
    ordered = sorted(cast.speakers.items())
    for (q1, a), (q2, b) in pairwise(ordered):
        if q2 == q1 + 1 and a != b and {a, b} <= present:
            interaction[frozenset((a, b))] += 0.6
    shipped = _credit_ship_names(ctx, named, romance, evidence)

    suggested, near = [], []
    candidates = set(romance) | set(interaction)
    platonic = [p for p in candidates if p <= present and romance[p] < ROMANTIC_MIN]
    strongest = max(platonic, key=lambda p: (interaction[p], sorted(p)), default=None)
    members: set[str] = set()
    for pair in candidates:
        names = tuple(sorted(pair))
        both_present = pair <= present
        ranked = sorted(evidence[pair], key=lambda item: -item[0])
        proof = tuple(dict.fromkeys(e for _, e in ranked))[:3]
        romantic_confidence = round(1.0 - math.exp(-romance[pair] / ROMANTIC_MIN * 0.7), 3)
        if romance[pair] >= ROMANTIC_MIN and (both_present or pair in shipped):
            suggested.append(_suggestion(ctx, names, True, romantic_confidence, proof))
            members.update(pair)
            continue
        if romance[pair] >= 1.0:
            near.append(_suggestion(ctx, names, True, romantic_confidence, proof))
        if not both_present:
            continue
        confidence = round(1.0 - math.exp(-interaction[pair] / 4.0), 3)
        # The story's central pair is tagged even when their scenes together are short.
        threshold = STRONGEST_PAIR_THRESHOLD if pair == strongest else PLATONIC_THRESHOLD
        target = suggested if confidence >= threshold else near
        target.append(_suggestion(ctx, names, False, confidence, proof))
        if target is suggested:
            members.update(pair)
    suggested.sort(key=lambda s: -s.confidence)
    near.sort(key=lambda s: -s.confidence)
    return suggested, near, members


def _suggestion(ctx, names, romantic, confidence, proof) -> Suggestion:
    return Suggestion(relationship_name(names, romantic, ctx), "relationship", confidence, proof)


def _credit_ship_names(ctx: StoryContext, named: set[str], romance, evidence) -> set[frozenset]:
    """A ship name ("Twissy") in the notes or the story is the author naming the pairing: it
    counts when the story names both characters. Returns the pairs so named."""
    shipped: set[frozenset] = set()
    places = [(ctx.phrases, None)] + [(note.phrases, note) for note in ctx.notes]
    for phrases, note in places:
        for hit in phrases.get("ship", ()):
            relationship = ctx.index.ship_names.get(hit.key.lower())
            if relationship is None or not set(relationship.characters) <= named:
                continue
            pair = frozenset(relationship.characters)
            romance[pair] += ROMANTIC_MIN
            shipped.add(pair)
            item = note.evidence(hit.start, hit.end) if note else ctx.evidence_at(hit.start)
            evidence[pair].append((ROMANTIC_MIN, item))
    return shipped


KISS = CueLexicon({r"kiss|kisses|kissed|kissing|snog|snogs|snogged|snogging": 1.0})


def on_page_kisses(ctx: StoryContext, cast: Cast) -> list:
    """Kisses in the narration between two characters the story names (not a mother kissing a
    grazed knee, not "kiss me" said in passing)."""
    named = {c.name for c in cast.characters}
    refs = cast.references.by_sentence
    kisses = []
    for hit in KISS.hits(ctx.doc.lower):
        if ctx.doc.quote_at(hit.start) is not None:
            continue
        people = refs.get(ctx.doc.sentence_index(hit.start), set()) & named
        if len(people) >= 2:
            kisses.append(hit)
    return kisses
