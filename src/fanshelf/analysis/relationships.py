"""Relationships: pairs of present characters who interact (share sentences, talk to each other),
romantic ("A/B") when the page shows romance or the author names the ship, platonic ("A & B")
otherwise. Canonical relationship tags are used where the knowledge has them."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from itertools import combinations, pairwise

from fanshelf.analysis.characters import Cast
from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.cues import CueLexicon
from fanshelf.analysis.narrators import READER
from fanshelf.analysis.relationship_cues import (
    ENDEARMENT_ADDRESS_WEIGHT,
    FRIENDSHIP,
    ROMANCE,
    ROMANTIC_MIN,
    addressed_endearments,
    joined_pairs,
    plural_pair,
)
from fanshelf.analysis.results import Evidence, Suggestion

PLATONIC_THRESHOLD = 0.35
STRONGEST_PAIR_THRESHOLD = 0.25
# The two main characters of a story of two are its pair as soon as they share a scene.
TWO_HANDER_THRESHOLD = 0.1
MAIN_CHARACTER_CONFIDENCE = 0.6
TWO_HANDER_SHARE = 0.5
TURN_WEIGHT = 0.6
SHIP_EVIDENCE_RANK = 2 * ROMANTIC_MIN
ADDRESS_WEIGHT = 0.6
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

    def credit(
        table, people: set[str], weight: float, sentence: int | None, kiss: bool = True
    ) -> None:
        pairs = [frozenset(p) for p in combinations(sorted(people), 2)]
        if table is romance and not kiss:
            # Family love is not romance: between kin only a kiss says so.
            pairs = [pair for pair in pairs if not _kin(pair)]
        if not pairs:
            return
        for pair in pairs:
            table[pair] += weight / len(pairs)
            if sentence is not None and len(evidence[pair]) < MAX_EVIDENCE:
                evidence[pair].append((weight, ctx.sentence_evidence(sentence)))

    addressee = _addressees(ctx, cast, present)
    pair_of_two = _two_hander(cast)
    friendly = {doc.sentence_index(h.start) for h in FRIENDSHIP.hits(doc.lower) if "best" in h.text}
    both = named & present  # who a plural may stand for
    joined = joined_pairs(doc, cast.mentions)
    endeared = set()
    for start, _ in addressed_endearments(doc):
        quote = doc.quote_at(start)
        if quote in addressee:
            people = {cast.speakers[quote], addressee[quote][0]}
        elif pair_of_two and cast.speakers.get(quote, next(iter(pair_of_two))) in pair_of_two:
            people = set(pair_of_two)  # in a story of two, the one speaks to the other
        else:
            continue
        endeared.add(start)
        credit(romance, people, ENDEARMENT_ADDRESS_WEIGHT, doc.sentence_index(start), False)
    for hit in ROMANCE.hits(doc.lower):
        sentence = doc.sentence_index(hit.start)
        if sentence in friendly or sentence - 1 in friendly:
            continue  # "you're my best friend and... I love you"
        if hit.start in endeared or hit.start - 3 in endeared:
            continue  # counted above as an address
        people = refs.get(sentence, set()) & named
        quote = doc.quote_at(hit.start)
        if quote is not None and quote in addressee:
            # Said by one to the other: "Why do you love me?"
            people = {cast.speakers[quote], addressee[quote][0]}
        elif (
            len(people) < 2
            and quote is None
            and (pair := plural_pair(doc, sentence, refs, both, joined))
        ):
            # "Enjolras and Grantaire would argue. Then the two of them kissed."
            people = pair
        elif len(people) < 2 and pair_of_two and (people & pair_of_two or quote is not None):
            # In a story of two, romance told of one is told of the pair; lines spoken are
            # spoken between them.
            people = set(pair_of_two)
            share = 1.0 if quote is not None else TWO_HANDER_SHARE
            credit(romance, people, hit.weight * share, sentence, kiss=_is_kiss(hit))
            continue
        credit(romance, people, hit.weight, sentence, kiss=_is_kiss(hit))
    for hit in FRIENDSHIP.hits(doc.lower):
        sentence = doc.sentence_index(hit.start)
        credit(interaction, refs.get(sentence, set()) & present, hit.weight, sentence)
    for sentence, people in refs.items():
        credit(interaction, people & present, CO_REFERENCE_WEIGHT, sentence)
    ordered = sorted(cast.speakers.items())
    exchanged: set[frozenset] = set()
    for (q1, a), (q2, b) in pairwise(ordered):
        if q2 == q1 + 1 and a != b and {a, b} <= present:
            interaction[frozenset((a, b))] += TURN_WEIGHT
            exchanged.add(frozenset((a, b)))
    for quote, (other, called) in addressee.items():
        if called:
            interaction[frozenset((cast.speakers[quote], other))] += ADDRESS_WEIGHT
            exchanged.add(frozenset((cast.speakers[quote], other)))
    shipped = _credit_ship_names(ctx, named, romance, evidence)

    suggested, near = [], []
    candidates = set(romance) | set(interaction)
    platonic = [p for p in candidates if p <= present and romance[p] < ROMANTIC_MIN]
    strongest = max(platonic, key=lambda p: (interaction[p], sorted(p)), default=None)
    if pair_of_two and pair_of_two in platonic:
        strongest = pair_of_two
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
        # Beyond the story's central pair, a pair needs exchanges of its own: lines in turn or
        # one calling the other by name, not only sharing sentences.
        threshold = PLATONIC_THRESHOLD if pair in exchanged or READER in pair else 1.0
        if pair == strongest:
            threshold = TWO_HANDER_THRESHOLD if pair == pair_of_two else STRONGEST_PAIR_THRESHOLD
        target = suggested if confidence >= threshold else near
        target.append(_suggestion(ctx, names, False, confidence, proof))
        if target is suggested:
            members.update(pair)
    suggested.sort(key=lambda s: -s.confidence)
    near.sort(key=lambda s: -s.confidence)
    return suggested, near, members


def _addressees(ctx: StoryContext, cast: Cast, present: set[str]) -> dict[int, tuple[str, bool]]:
    """Quote index -> whom its speaker talks to: a present character called by name in the quote
    ("Watson, your revolver"), else the speaker of the line before or after when it is someone
    else; with whether the line itself shows it (a name called, the narrator's "you")."""
    doc = ctx.doc
    named_in: dict[int, list[str]] = defaultdict(list)
    for mention in cast.mentions:
        if mention.in_dialogue and _is_vocative(doc.text, mention.start, mention.end):
            quote = doc.quote_at(mention.start)
            if quote is not None:
                named_in[quote].append(mention.character)
    result = {}
    narrator_words = _NARRATOR_OBJECT.get(cast.person)
    for quote, speaker in cast.speakers.items():
        others = [n for n in named_in.get(quote, ()) if n != speaker and n in present]
        if not others and cast.narrator and cast.narrator != speaker and narrator_words:
            # "she warned you": a line spoken to the narrator.
            p_start, p_end = doc.paragraphs[doc.paragraph_index(doc.quotes[quote][0])]
            if narrator_words.search(doc.narration_lower, p_start, p_end):
                others = [cast.narrator]
        if others:
            result[quote] = (others[0], True)
            continue
        around = (cast.speakers.get(quote - 1), cast.speakers.get(quote + 1))
        others = [n for n in around if n and n != speaker]
        if others:
            result[quote] = (others[0], False)
    return result


_NARRATOR_OBJECT = {
    "first": re.compile(r"\b(?:me|my|i)\b"),
    "second": re.compile(r"\b(?:you|your)\b"),
}


_SURNAME = re.compile(r"([A-Z][\w'’-]+)(?: \([^)]*\))?$")


def _kin(pair: frozenset) -> bool:
    """Two characters who share a family name: sisters, brothers, a parent and a child."""
    surnames = set()
    for name in pair:
        match = _SURNAME.search(name)
        if not match or " " not in name.split(" (")[0]:
            return False
        surnames.add(match.group(1))
    return len(surnames) == 1


def _is_kiss(hit) -> bool:
    return hit.weight >= ROMANTIC_MIN and hit.text.startswith(("kiss", "snog"))


def _is_vocative(text: str, start: int, end: int) -> bool:
    """A name set off as an address: "John, come here", "It's you, Rose!", "Doctor?" """
    after = text[end : end + 1]
    before = text[max(0, start - 2) : start]
    return after in (",", "!", "?", '"', "”", "’") or before.endswith((", ", '"', "“"))


def _two_hander(cast: Cast) -> frozenset | None:
    """The pair when the story has exactly two main characters."""
    main = [c.name for c in cast.characters if c.confidence >= MAIN_CHARACTER_CONFIDENCE]
    return frozenset(main) if len(main) == 2 else None


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
            if not relationship.romantic:
                continue  # "Golden Trio" names friends, not a ship
            pair = frozenset(relationship.characters)
            romance[pair] += ROMANTIC_MIN
            shipped.add(pair)
            item = note.evidence(hit.start, hit.end) if note else ctx.evidence_at(hit.start)
            # The author naming the ship is the first thing to show as evidence.
            evidence[pair].append((SHIP_EVIDENCE_RANK, item))
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
