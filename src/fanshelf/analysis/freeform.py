"""Freeform ("Additional") tags from weighted cue lexicons, normalised by length.

Each tag has a lexicon and a threshold in cue weight per thousand words, and needs several
different cues (one word repeated is weak evidence). Tags the author names in the notes ("some
fluff", "angst ahead") count as strong evidence of their own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.cues import (
    CueHit,
    CueLexicon,
    distinct,
    per_thousand_words,
    sentence_evidence,
)
from fanshelf.analysis.results import Evidence, Suggestion
from fanshelf.analysis.warnings import MCD, Signals

# fmt: off
ANGST = CueLexicon({
    r"grief|grieving|anguish|despair|heartbreak|heartbroken|sorrow|devastated|devastation": 1.5,
    r"sob|sobs|sobbed|sobbing|weep|weeps|wept|weeping|mourning|mourned|grieved|misery": 1.2,
    r"miserable|howl|howled|scream|screamed|screaming": 1.0,
    r"guilt|guilty|betrayal|betrayed|suffering|(?:gut|heart)-wrenching|nightmare|agony": 1.0,
    r"tears|cry|cries|cried|crying|ache|aching|numb|numbed|numbness|horror|horrified": 0.8,
    r"regret|regrets|regretted|desperation|desperate|hopeless|broken|pain|pained|painful": 0.6,
    r"hurt|hurting|blame|goodbye|alone|lonely|loneliness|afraid|scared|fear|dying|dead": 0.4,
    r"died|lost|hate|hated|trembled|trembling|shaking|flinched|wrath|fury|furious|livid": 0.4,
})
FLUFF = CueLexicon({
    r"cuddle|cuddled|cuddling|snuggle|snuggled|cozy|cosy|adorable|cute|giggle|giggled": 1.2,
    r"happy|happily|happiness|content|contented|contentment|fond|fondly|fondness": 0.8,
    r"tender|tenderly|affection|affectionate|playful|playfully|delighted|delight|sweetest": 0.7,
    r"smile|smiles|smiled|smiling|laugh|laughs|laughed|laughing|laughter|grin|grins|grinned": 0.6,
    r"grinning|beamed|beaming|beams|chuckle|chuckled|teased|teasing|hug|hugged|kiss|kissed": 0.6,
    r"warm|warmth|warmly|soft|softly|gentle|gently|blanket|snow|cinnamon|sweet|sweetly": 0.3,
})
HURT = CueLexicon({
    r"wound|wounded|injury|injured|bleeding|bled|blood|cut|bruised|knocked out|unconscious": 0.8,
    r"pain|hurt|hurting|ache|aching|agony|gasped|trembling|trembled|shaking|shaky|unsteady": 0.7,
    r"tears|sob|sobbed|sobbing|cry|cried|crying|wept|weeping|eyes were wet|panic|panicked": 0.7,
    r"nightmare|nightmares|startled|startle|flinched|flinch|shock|terrified|frightened|fright": 0.6,
    r"not quite steady|wasn't steady|weren't steady|scared to lose|afraid of losing": 0.6,
    r"wiped (?:his|her|my) eyes|shaky|miss (?:her|him) every day": 0.6,
    r"scared|afraid|betrayal|abandoned|devastation|gut-wrenching|heartbroken|grief|numb": 0.5,
})
COMFORT = CueLexicon({
    r"comfort|comforted|comforting|soothe|soothed|soothing|reassure|reassured|reassuring": 1.2,
    r"i'm here|i am here|someone was there|it's okay|it's alright|it's all right": 1.2,
    r"not your fault|you're safe|stay with me|i've got you|you'll be fine|you're okay": 1.2,
    r"(?:arm|arms) (?:around|round) (?:him|her|his|my|your)|wrapped (?:her|his|my) arms?": 1.0,
    r"held (?:him|her|his hand|her hand|his shaking hand|her shaking hand)|held on": 0.9,
    r"holding (?:him|her|on)|did not let go|in both of (?:hers|his)|hand in (?:hers|his)": 0.9,
    r"(?:took|takes|taking) (?:his|her|my|your) hand": 0.9,
    r"squeezed (?:his|her|my) hand|hand on (?:his|her) (?:wrist|arm|shoulder|back)": 0.9,
    r"(?:cups|cupped) (?:his|her) face|(?:touch|touches|touched) (?:his|her) (?:cheek|face)": 0.9,
    r"leaned into (?:him|her)|(?:by|left) (?:his|her) side|helped (?:him|her)|stroked": 0.8,
    r"kept (?:him|her) company|stayed close|stay close|you're allowed|it's okay not to be": 0.8,
    r"there, there|hush|shh|wiped (?:away )?(?:his|her|the) tears|rubbed (?:his|her) back": 1.0,
    r"pulled (?:him|her) (?:close|closer|into a hug|into (?:his|her) arms)": 1.0,
    r"kissed (?:his|her) (?:forehead|hair|brow)|sat (?:down )?(?:beside|next to) (?:him|her)": 0.6,
    r"forgive|forgave|forgiven|apology|apologise|apologize|apologised|apologized": 0.5,
    r"i'm sorry|i understand|hot milk|tea|blanket|tucked|calm|calmer|breathe|gentleness": 0.5,
    r"gently|tenderly|softer|softly|care|cared|carer|caring|safe": 0.4,
})
PTSD = CueLexicon({
    r"ptsd|shell ?shock|shell-shocked|post-traumatic": 3.0,
    r"panic attacks?|flashbacks?|trauma|traumatic|traumatised|traumatized|grounding": 1.5,
    r"hyperventilating|nightmares|loud noises?|triggered|flinched|flinch": 1.0,
    r"startled|(?:heavy|shallow|ragged) breath(?:s|ing)?|shaking hand": 0.6,
})
FLASHBACK = CueLexicon({
    r"flashbacks?": 2.0,
    r"(?:years|months|weeks|decades|centuries) earlier": 1.5,
})
TIME_TRAVEL = CueLexicon({
    r"time travel|time-travel|time travelling|time traveling|travel(?:led|ed)? back in time": 3.0,
    r"time machine|paradox|causality|fixed point|(?:change|changed|rewrite|rewrote) history": 1.5,
    r"time itself|timeline|timelines|(?:her|his|your|my) own (?:future|past)": 1.0,
    r"before (?:it|this|that) happened|(?:in|from) the future|back in time|break time": 1.0,
})
# fmt: on

ANGST_MIN = 8.0  # cue weight per thousand words
FLUFF_MIN = 6.0
HURT_COMFORT_MIN = 2.8
HURT_COMFORT_EACH_MIN = 2.0
PTSD_MIN = 4.0
GRIEF_MIN = 3.0
GRIEF_WITHOUT_DEATH = 2.5  # times GRIEF_MIN
FLUFF_MAX_VIOLENCE = 3.0
TIME_TRAVEL_MIN = 3.0
FLASHBACK_MIN = 2.0

# What authors write in their notes about their own story.
_NOTE_TAGS = (
    ("Fluff", re.compile(r"\bfluff(?:y)?\b")),
    ("Angst", re.compile(r"\bangst(?:y)?\b")),
    ("Hurt/Comfort", re.compile(r"\bhurt/comfort\b|\bh/c\b")),
    ("Character Death", re.compile(r"\bcharacter death\b|\bmcd\b")),
    (
        "Alternate Universe - Canon Divergence",
        re.compile(r"\bau\b|\balternate universe\b|\bcanon divergen\w*|\bwhat if\b|\bfix-?it\b"),
    ),
    ("Time Travel", re.compile(r"\btime travel\w*\b")),
    ("Reader-Insert", re.compile(r"\breader-?insert\b|\bx reader\b|\by/n\b")),
)
_NOTE_NEGATION = re.compile(r"\b(?:no|not|without|zero|minimal|little)\s+(?:\w+\s+)?$")


def _confidence(score: float, threshold: float) -> float:
    return round(1.0 - math.exp(-0.7 * score / threshold), 3)


def _note_tags(ctx: StoryContext) -> dict[str, Evidence]:
    found: dict[str, Evidence] = {}
    for note in ctx.notes:
        lower = note.doc.lower
        for tag, pattern in _NOTE_TAGS:
            for match in pattern.finditer(lower):
                if not _NOTE_NEGATION.search(lower[max(0, match.start() - 20) : match.start()]):
                    found.setdefault(tag, note.evidence(*match.span()))
    return found


@dataclass
class FreeformResult:
    suggested: list[Suggestion]
    near: list[Suggestion]

    def has(self, tag: str) -> bool:
        return any(s.tag == tag for s in self.suggested)


class _Tagger:
    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.result = FreeformResult([], [])
        self.stated = _note_tags(ctx)

    def density(self, hits: list[CueHit]) -> float:
        return per_thousand_words(sum(h.weight for h in hits), self.ctx.words)

    def decide(self, tag: str, passed: bool, confidence: float, hits: list[CueHit]) -> None:
        evidence = sentence_evidence(self.ctx.doc, hits, offset=self.ctx.offset)
        if tag in self.stated:
            passed, confidence = True, max(confidence, 0.9)
            evidence = (self.stated[tag], *evidence[:2])
        item = Suggestion(tag, "freeform", confidence, evidence)
        if passed:
            self.result.suggested.append(item)
        elif hits:
            self.result.near.append(item)

    def by_density(
        self, tag: str, hits: list[CueHit], threshold: float, min_distinct: int, extra: bool = True
    ) -> float:
        density = self.density(hits)
        passed = density >= threshold and distinct(hits) >= min_distinct and extra
        self.decide(tag, passed, _confidence(density, threshold), hits)
        return density


def detect_freeform(
    ctx: StoryContext,
    signals: Signals,
    warnings: list[Suggestion],
    kisses: list[CueHit],
    reader_insert: bool,
) -> FreeformResult:
    tagger = _Tagger(ctx)
    lower = ctx.doc.lower
    died = any(w.tag == MCD for w in warnings)

    angst = ANGST.hits(lower)
    # A death on the page is angst whatever the vocabulary.
    if died:
        tagger.by_density("Angst", angst, ANGST_MIN / 2, 3)
    else:
        tagger.by_density("Angst", angst, ANGST_MIN, 5)
    fluff = FLUFF.hits(lower)
    fluffy = tagger.density(fluff) >= 2 * tagger.density(angst) and _ends_happily(ctx)
    # Fluff is untroubled: no death, no violence worth the name.
    calm = not died and signals.violence_score < FLUFF_MAX_VIOLENCE
    tagger.by_density("Fluff", fluff, FLUFF_MIN, 4, extra=fluffy and calm)

    hurt, comfort = HURT.hits(lower), COMFORT.hits(lower)
    hurt_density, comfort_density = tagger.density(hurt), tagger.density(comfort)
    # Both halves are needed; a long story spreads them thin, so their geometric mean decides.
    hurt_comfort = math.sqrt(hurt_density * comfort_density)
    passed = (
        hurt_comfort >= HURT_COMFORT_MIN
        and min(hurt_density, comfort_density) >= HURT_COMFORT_EACH_MIN
        and distinct(hurt) >= 2
        and distinct(comfort) >= 3
    )
    confidence = _confidence(hurt_comfort, HURT_COMFORT_MIN)
    tagger.decide("Hurt/Comfort", passed, confidence, hurt[:2] + comfort)

    tagger.by_density("Post-Traumatic Stress Disorder - PTSD", PTSD.hits(lower), PTSD_MIN, 3)
    tagger.by_density("Flashbacks", FLASHBACK.hits(lower), FLASHBACK_MIN, 1)

    # Mourning follows a death in the story, or one before it that the story dwells on.
    grief_needed = GRIEF_MIN if died else GRIEF_MIN * GRIEF_WITHOUT_DEATH
    tagger.decide(
        "Grief/Mourning",
        signals.grief_score >= grief_needed and distinct(signals.grief) >= 2,
        _confidence(signals.grief_score, grief_needed),
        signals.grief,
    )
    death_confidence = max((w.confidence for w in warnings if w.tag == MCD), default=0.3)
    tagger.decide("Character Death", died, death_confidence, signals.deaths)

    tagger.decide("Kissing", bool(kisses), min(0.95, 0.5 + 0.15 * len(kisses)), kisses)

    travel = TIME_TRAVEL.hits(lower)
    travel_score = sum(h.weight for h in travel)
    tagger.decide(
        "Time Travel",
        travel_score >= TIME_TRAVEL_MIN and distinct(travel) >= 2,
        _confidence(travel_score, TIME_TRAVEL_MIN),
        travel,
    )
    tagger.decide("Alternate Universe - Canon Divergence", False, 0.0, [])
    tagger.decide("Reader-Insert", reader_insert, 0.9 if reader_insert else 0.0, [])
    return tagger.result


def _ends_happily(ctx: StoryContext) -> bool:
    """Fluff leaves the reader warm: the last quarter holds more fluff than angst."""
    lower = ctx.doc.lower
    start = len(lower) * 3 // 4
    return sum(h.weight for h in FLUFF.hits(lower, start)) >= sum(
        h.weight for h in ANGST.hits(lower, start)
    )
