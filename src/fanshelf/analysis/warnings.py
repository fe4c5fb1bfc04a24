"""Archive warnings and rating.

A death counts when a death cue ("died", "is dead", "not regenerating") is about a present
character: a pronoun or name resolving to one, not "a guard"; not hedged ("thought she was
dead", "nearly died", "if he dies"); not asked; not backstory ("years ago").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from fanshelf.analysis.characters import Cast
from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.cues import (
    CueHit,
    CueLexicon,
    distinct,
    per_thousand_words,
    sentence_evidence,
)
from fanshelf.analysis.results import ChapterInfo, Evidence, Suggestion

MCD = "Major Character Death"
DEATH_MIN_SCORE = 3.5
GRAPHIC_VIOLENCE = "Graphic Depictions Of Violence"
NO_WARNINGS = "No Archive Warnings Apply"

DEATH = CueLexicon(
    {
        r"died|dies": 2.0,
        r"dead": 1.5,
        r"dying": 1.0,
        r"killed|murdered": 1.5,
        r"not regenerating|didn't regenerate|wasn't regenerating": 2.5,
        r"stopped breathing|no heartbeat|no pulse|lifeless|last breath": 1.5,
        # Described deaths: the heart stops, the body goes still, the life leaves the eyes.
        r"(?:heart|breathing) (?:stopped|stops|stilled|stills)|stopped beating": 2.0,
        r"went limp|goes limp|(?:final|last) moments": 1.0,
        r"(?:light|life) (?:left|leaves|faded from|fades from) (?:her|his|their) eyes": 2.0,
        # Euphemisms.
        r"passed away|passed on|breathed (?:her|his|their) last|succumb(?:ed|s) to": 2.0,
        r"slipped (?:away|from life)|found peace|at peace at last|gone forever": 2.0,
        r"(?:her|his|their|your) (?:imminent |own |untimely |sudden )?"
        r"(?:funeral|corpse|grave|death)": 1.0,
        r"(?:her|his|their) (?:own )?(?:body|lifeblood)": 0.8,
        # A spirit looking at its own body.
        r"(?:my|your|her|his|their) own,? (?:lifeless|dead|still|limp) body": DEATH_MIN_SCORE,
        # A named character's death or remains: "Padmé's death", "Dean's torn corpse".
        r"['’]s (?:\w+ )?(?:\w+ )?(?:corpse|death|funeral|grave|remains)": 1.5,
        r"['’]s (?:\w+ )?(?:lifeless |dead )?body": 0.8,
        r"corpse": 1.5,
        r"the death of": 1.5,
        # Told to a character, as a fact: "You're dead," the old wizard explained.
        r"you(?:'re| are) dead|you died": 3.5,
        # The aftermath: rites and places that only follow a death.
        r"(?:the|a) funeral|graveside|(?:the|a) wake|(?:the|her|his) coffin": 1.0,
        r"(?:the|an|his|her) urn|cremated|the morgue|autopsy|headstone|tombstone": 1.0,
    }
)
# Cues that name no one: they count when a present character is referred to close by.
_CONTEXTUAL_CUE = re.compile(
    r"(?:the|a) funeral|graveside|(?:the|a) wake|(?:the|her|his) coffin|(?:the|an|his|her) urn|"
    r"cremated|the morgue|autopsy|headstone|tombstone|corpse|the death of"
)
_POSSESSIVES = frozenset({"her", "his", "their", "your", "my"})
# Any word of death, told or feared: enough to make "No Archive Warnings Apply" unsure.
_DEATH_WORDS = re.compile(r"\b(?:die|dies|died|dying|dead|death|killed|corpse|funeral)\b")
# A death told with the character's name as its subject is the plainest: "Rory Williams died".
NAMED_DEATH_FACTOR = 1.75
# Authors warn in their notes: "Warning: character death".
_AUTHOR_DEATH_WARNING = re.compile(
    r"\bwarn(?:ing|ings)?\s*[:\-–]?[^\n]{0,60}\b(?:major )?character deaths?\b", re.IGNORECASE
)
AUTHOR_WARNING_WEIGHT = 3.5
HEADER_CHARACTERS = 1000
GRIEF = CueLexicon(
    {
        r"grief|grieve|grieved|grieving|mourn|mourned|mourning|funeral|bereaved": 1.5,
        r"widow|widowed|widower|late (?:wife|husband)|since (?:she|he) died": 1.5,
        r"(?:after|the day) (?:she|he) died|memory of (?:her|him)": 1.0,
        r"lost (?:her|him|them)": 1.5,
        r"howl|howled|howling|sob|sobs|sobbed|sobbing|weep|weeps|wept|weeping|anguish": 0.8,
        r"tears|miss (?:her|him)": 0.8,
    }
)
_HEDGE = re.compile(
    r"\b(?:thought|think|thinks|believed|feared|fears?|afraid|scared|terrified|worried|almost|"
    r"nearly|if|would|could|might|may|maybe|perhaps|not|never|n't|survived?|survives|alive|"
    r"apparent|apparently|pretend\w*|going|gonna|will|wish\w*|dream\w*|nightmares?|imagin\w*|"
    r"so many times|again|instead|until|unless|whether|what if)\b|n't\b"
)
# "dead" in figures of speech: nobody died.
_DEAD_IDIOM = re.compile(
    r"(?:so|totally|completely) dead|dead (?:meat|to me|man walking)\b|"
    r"(?:stopped|stop|stops|froze|drop|dropped|knocked|leave) dead\b|"
    r"\bdead (?:tired|end|ends|silent|silence|serious|set|ahead|centre|center|on|weight|"
    r"giveaway|of (?:night|winter)|to the world|quiet|still|eyes|battery|phone|line)\b"
)
_HEDGE_WINDOW = re.compile(r"(?:\S+\s+){0,4}\Z")
_BACKSTORY = re.compile(
    r"\b(?:years|months|decades|centuries|long|ages) ago\b|\bhad (?:died|been killed)\b|"
    r"\bwhen (?:he|she|i|they|we) (?:was|were) (?:a |young|little|small)"
)
_SUBJECT = re.compile(
    r"\b(?:(?P<pronoun>he|she|him|her|you|i|me|they|them)|"
    r"(?P<extra>(?:a|an|the|one|another|some|two|three|several|many|dozens of|this|that)\s+"
    r"(?:[a-z-]+\s+){0,2}?[a-z-]+))\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–(]|\band\b|\bbut\b")

VIOLENCE = CueLexicon(
    {
        r"guns?|pistol|revolver|rifle": 0.7,
        r"gun ?(?:shot|fire)s?|pulled the trigger|at gunpoint": 2.0,
        r"fired|trigger": 1.0,
        r"shot (?:him|her|them|me|you|at)|shot": 1.2,
        r"bullets?|shots": 1.0,
        r"blood|bloodied|bloody": 0.6,
        r"bleed(?:s|ing)?|bled": 0.7,
        r"wounds?|wounded": 1.0,
        r"stab(?:s|bed|bing)?|slash(?:es|ed|ing)?": 1.5,
        r"punch(?:es|ed|ing)?|kick(?:s|ed|ing)|beat(?:en|ing)": 0.7,
        r"broken (?:bones?|ribs?|nose|jaw|arm|leg|wrist)|gore|gory": 1.5,
        r"tortur(?:e|ed|es|ing)": 2.0,
        r"knife|knives|blade|sword": 0.6,
        r"chok(?:e|ed|ing)|strangl(?:e|ed|ing)": 1.2,
        r"bruis(?:e|es|ed|ing)": 0.4,
        r"exterminat(?:e|ed|ion)|explo(?:de|ded|sion)": 0.6,
        r"bashed|skull|collaps(?:ed|ing)|clawing|clawed at": 0.5,
        r"laser|blaster|phaser|gunfire|grappl(?:e|ed|ing)|lip split|split lip": 0.8,
        r"(?:drove|drives|slammed|slams) (?:an|his|her) (?:elbow|fist|knee)": 0.8,
    }
)
# Gore: bodies torn open on the page. Graphic by itself, and what makes a story Mature.
GORE = CueLexicon(
    {
        r"(?:his|her|their|its|dead|raw|torn|bloody) flesh|heaps? of flesh|hunk of meat": 1.5,
        r"mutilat(?:ed|ion|ing)|disembowel\w*|entrails|innards|guts spilled|eviscerat\w*": 2.0,
        r"(?:ripped|tore|torn|tearing|shred(?:ded|ding)?) (?:into|apart|open|to pieces|"
        r"(?:his|her|their) (?:flesh|body|throat|limbs|arm|leg))": 1.5,
        r"shred (?:his|her|their) body|to pieces": 1.0,
        r"bloodbath|blood (?:squirted|sprayed|spurted|gushed|pooled)|gore|gory": 1.5,
        r"(?:bites?|claws?|fangs?|teeth) (?:carved|sank|sunk|tore|ripped|gnaw\w*)|"
        r"claw and bite|bite marks|gnaw(?:ed|ing)? away": 1.5,
        r"crushed (?:skull|bones?)|through the skull|"
        r"(?:bone|bones) (?:snapped|crunched|splintered)": 1.5,
        r"(?:severed|dismembered|decapitated|beheaded)": 2.0,
    }
)
GORE_GRAPHIC_MIN = 4.0
GORE_MATURE_MIN = 4.0
GORE_WITH_VIOLENCE_FACTOR = 2.0
GRAPHIC_MIN_SCORE = 8.0
TEEN_MIN_VIOLENCE = 3.0
GRAPHIC_MIN_DENSITY = 6.0

SEXUAL = CueLexicon(
    {
        r"cock|pussy|clit\w*|orgasm\w*|erection|cum|cumming|penetrat\w*": 2.5,
        r"(?:had|have|having) sex|fucked (?:her|him|me|you)|(?:made|making) love": 2.5,
        r"thrust(?:s|ed|ing)?|nipples?|arous(?:ed|al)|moan(?:s|ed|ing)?": 1.0,
        r"naked|undress(?:ed|ing)?|between (?:her|his) (?:legs|thighs)": 1.0,
    }
)
PROFANITY = CueLexicon(
    {
        r"fuck\w*|cunt": 1.0,
        r"shit\w*|bastards?|bitch\w*|twat|wanker|bollocks|arsehole|asshole": 0.5,
        r"damn\w*|hell|piss\w*|arse": 0.2,
    }
)


@dataclass
class Signals:
    """Measurements other passes reuse (freeform tags, rating)."""

    deaths: list[CueHit]
    death_score: float
    grief: list[CueHit]
    grief_score: float
    violence: list[CueHit]
    violence_score: float
    violence_density: float
    sexual_score: float
    profanity_score: float
    gore_score: float = 0.0
    gore: list[CueHit] = field(default_factory=list)
    # Death cues of any kind, counted or not (feared, averted, of an extra).
    death_cues_seen: int = 0
    author_death_warning: Evidence | None = None


def _death_subject(ctx: StoryContext, cast: Cast, hit: CueHit) -> str:
    """Who a death cue is about, as "name", "pronoun" or "context" when that is a present
    character; "" for an unnamed extra ("a guard", "the man") or nobody on the page."""
    doc = ctx.doc
    # Named in the story, present or not: the dead rarely act on the page.
    named = {c.name for c in cast.characters}
    sentence = doc.sentence_index(hit.start)
    s_start, s_end = doc.sentences[sentence]
    if hit.text[:1] in "'’":  # "Padmé's death": the name just before the apostrophe
        owner = next((m for m in cast.mentions if m.end == hit.start), None)
        return "name" if owner and owner.character in named else ""
    if hit.text.startswith(("you're", "you are", "you died")):  # said to someone on the page
        return "context" if doc.quote_at(hit.start) is not None and named else ""
    first_word = hit.text.split()[0]
    if first_word in _POSSESSIVES:  # "her funeral", "your own lifeless body"
        return "pronoun" if _pronoun_is_present(cast, first_word, hit.start, named) else ""
    if _CONTEXTUAL_CUE.fullmatch(hit.text):
        nearby = set()
        for index in range(max(sentence - 2, 0), min(sentence + 2, len(doc.sentences))):
            nearby |= cast.references.by_sentence.get(index, set())
        return "context" if nearby & set(named) else ""
    clause_start = s_start
    for match in _CLAUSE_BREAK.finditer(doc.lower, s_start, hit.start):
        clause_start = match.end()
    before = _people(doc.lower, cast, clause_start, hit.start)
    after = _people(doc.lower, cast, hit.end, min(hit.end + 40, s_end))
    if hit.text == "the death of":
        before = []
    # Names the knowledge does not hold (a fandom nobody packed) count by their spelling.
    unknown_cast = _UnknownCast.of(cast)
    if unknown_cast.named(doc.text, clause_start, hit.start) or (
        not before and unknown_cast.named(doc.text, hit.end, min(hit.end + 40, s_end))
    ):
        return "name"
    if before:
        kind, value = before[-1]
    elif after:
        kind, value = after[0]
    else:
        present = cast.references.by_sentence.get(sentence, set()) & set(named)
        return "context" if present else ""
    if kind == "name":
        return "name" if value in named else ""
    if kind == "extra":
        return ""
    return "pronoun" if _pronoun_is_present(cast, value, hit.start, named) else ""


class _UnknownCast:
    """The cast finder's names (no mentions of their own), found by spelling in a span."""

    def __init__(self, names: list[str]) -> None:
        self.pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    @classmethod
    def of(cls, cast: Cast) -> _UnknownCast:
        names = sorted(
            {alias for c in cast.characters if not c.fandom for alias in c.aliases_used},
            key=len,
            reverse=True,
        )
        return cls([n for n in names if n])

    def named(self, text: str, start: int, end: int) -> bool:
        return bool(self.pattern and self.pattern.search(text, start, end))


def _people(lower: str, cast: Cast, start: int, end: int) -> list[tuple[str, str]]:
    found: list[tuple[int, str, str]] = []
    named_spans = []
    for mention in cast.mentions:
        if start <= mention.start < end:
            found.append((mention.start, "name", mention.character))
            named_spans.append((mention.start, mention.end))
    for match in _SUBJECT.finditer(lower, start, end):
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in named_spans):
            continue
        if match.group("pronoun"):
            found.append((match.start(), "pronoun", match.group("pronoun")))
        else:
            found.append((match.start(), "extra", match.group("extra")))
    return [(kind, value) for _, kind, value in sorted(found)]


def _pronoun_is_present(cast: Cast, pronoun: str, position: int, named: set[str]) -> bool:
    gender = {"him": "he", "his": "he", "her": "she"}.get(pronoun, pronoun)
    if gender in ("he", "she"):
        genders = cast.references.genders
        name = cast.recency.last(position, lambda n: genders.get(n) == gender)
        if not name:
            # A story may say "he" before it names him: the next character of that gender.
            name = next(
                (
                    m.character
                    for m in cast.mentions
                    if m.start > position and genders.get(m.character) == gender
                ),
                "",
            )
        return name in named
    if gender in ("they", "them", "their"):
        return False
    # "you", "I", "me": someone on the page speaking or spoken to.
    return bool(named)


def _counted_deaths(ctx: StoryContext, cast: Cast) -> list[CueHit]:
    doc = ctx.doc
    counted = []
    for hit in DEATH.hits(doc.lower):
        if hit.text == "dead" and _DEAD_IDIOM.search(
            doc.lower, max(0, hit.start - 10), hit.end + 16
        ):
            continue
        s_start, s_end = doc.sentences[doc.sentence_index(hit.start)]
        sentence = doc.lower[s_start : hit.start] + " " + doc.lower[hit.end : s_end]
        # Hedges govern the words just before the cue: "thought she was dead", "not dead",
        # "nearly died"; "at the funeral he did not cry" is no hedge.
        before = _HEDGE_WINDOW.search(doc.lower, s_start, hit.start)
        if sentence.rstrip(" \"”'’").endswith("?") or (before and _HEDGE.search(before.group())):
            continue
        subject = _death_subject(ctx, cast, hit)
        if not subject:
            continue
        weight = hit.weight * (0.3 if _BACKSTORY.search(sentence) else 1.0)
        if subject == "name" and hit.text[:1] not in "'’":
            weight *= NAMED_DEATH_FACTOR
        counted.append(replace(hit, weight=weight))
    return counted


def _author_death_warning(ctx: StoryContext) -> Evidence | None:
    """The author's own warning of a character death, in the notes or the story's header."""
    for note in ctx.notes:
        match = _AUTHOR_DEATH_WARNING.search(note.doc.text)
        if match:
            return note.evidence(match.start(), match.end())
    match = _AUTHOR_DEATH_WARNING.search(ctx.doc.text, 0, HEADER_CHARACTERS)
    return ctx.span_evidence(match.start(), match.end()) if match else None


def measure(ctx: StoryContext, cast: Cast) -> Signals:
    deaths = _counted_deaths(ctx, cast)
    warned = _author_death_warning(ctx)
    gore = GORE.hits(ctx.doc.lower)
    violence = VIOLENCE.hits(ctx.doc.lower)
    # Violence told in dialogue ("I shot her") weighs half of violence shown in narration.
    weighted = [
        replace(h, weight=h.weight * (0.5 if ctx.doc.quote_at(h.start) is not None else 1.0))
        for h in violence
    ]
    violence_score = sum(h.weight for h in weighted)
    grief = GRIEF.hits(ctx.doc.lower)
    return Signals(
        deaths=deaths,
        death_score=sum(h.weight for h in deaths),
        grief=grief,
        grief_score=per_thousand_words(sum(h.weight for h in grief), ctx.words),
        violence=weighted,
        violence_score=violence_score,
        violence_density=per_thousand_words(violence_score, ctx.words),
        sexual_score=sum(h.weight for h in SEXUAL.hits(ctx.doc.lower)),
        profanity_score=sum(h.weight for h in PROFANITY.hits(ctx.doc.lower)),
        author_death_warning=warned,
        gore_score=sum(h.weight for h in gore),
        gore=gore,
        death_cues_seen=len(_DEATH_WORDS.findall(ctx.doc.lower)),
    )


NO_WARNINGS_NEAR_DEATH_CAP = 0.6
# One clear death plus mourning is enough: the aftermath of a death tells it too.
DEATH_MIN_FACT = 2.0
GRIEF_SUPPORT_CAP = 2.0


def death_evidence_score(signals: Signals) -> float:
    warned = AUTHOR_WARNING_WEIGHT if signals.author_death_warning else 0.0
    if signals.death_score < DEATH_MIN_FACT:
        return signals.death_score + warned
    return signals.death_score + warned + min(signals.grief_score / 4.0, GRIEF_SUPPORT_CAP)


def archive_warnings(
    ctx: StoryContext, signals: Signals
) -> tuple[list[Suggestion], list[Suggestion]]:
    suggested, near = [], []
    death_score = death_evidence_score(signals)
    death_confidence = round(1.0 - math.exp(-death_score / DEATH_MIN_SCORE * 0.7), 3)
    if signals.deaths or signals.author_death_warning:
        evidence = sentence_evidence(ctx.doc, signals.deaths, offset=ctx.offset)
        if signals.author_death_warning:
            evidence = (signals.author_death_warning, *evidence)
        item = Suggestion(MCD, "warning", death_confidence, evidence)
        (suggested if death_score >= DEATH_MIN_SCORE else near).append(item)
    graphic = (
        signals.violence_score >= GRAPHIC_MIN_SCORE
        and signals.violence_density >= GRAPHIC_MIN_DENSITY
        and distinct(signals.violence) >= 3
    ) or signals.gore_score >= GORE_GRAPHIC_MIN
    # Fighting that also tears bodies open on the page.
    graphic = graphic or (
        signals.gore_score > 0
        and signals.violence_score + GORE_WITH_VIOLENCE_FACTOR * signals.gore_score
        >= GRAPHIC_MIN_SCORE
    )
    if signals.violence or signals.gore_score:
        strength = max(
            signals.violence_score / GRAPHIC_MIN_SCORE, signals.gore_score / GORE_GRAPHIC_MIN
        )
        confidence = round(1.0 - math.exp(-strength * 0.7), 3)
        item = Suggestion(
            GRAPHIC_VIOLENCE,
            "warning",
            confidence,
            sentence_evidence(ctx.doc, signals.violence, offset=ctx.offset),
        )
        (suggested if graphic else near).append(item)
    if not suggested:
        quiet = 1.0 - max((s.confidence for s in near), default=0.0) * 0.5
        if signals.death_cues_seen or signals.author_death_warning:
            # A death is in the words, if not on the page: say so by being unsure.
            quiet = min(quiet, NO_WARNINGS_NEAR_DEATH_CAP)
        suggested.append(Suggestion(NO_WARNINGS, "warning", round(quiet, 3)))
    return suggested, near


def rating(
    ctx: StoryContext, signals: Signals, warnings: list[Suggestion], kissing: bool, angst: bool
) -> Suggestion:
    """AO3 habit: romance, kissing, any violence or death make a story Teen And Up."""
    sexual_density = per_thousand_words(signals.sexual_score, ctx.words)
    evidence = ()
    if signals.sexual_score >= 8 and sexual_density >= 4:
        value, confidence = "Explicit", min(0.95, 0.5 + sexual_density / 20)
    elif (
        signals.sexual_score >= 3
        or signals.profanity_score >= 8
        or signals.gore_score >= GORE_MATURE_MIN
    ):
        value, confidence = "Mature", 0.6
    elif (
        kissing
        or any(w.tag != NO_WARNINGS for w in warnings)
        or signals.violence_score >= TEEN_MIN_VIOLENCE
        or signals.death_score > 0
        or signals.profanity_score >= 1
        or angst
    ):
        value, confidence = "Teen And Up Audiences", 0.7
        hits = signals.deaths + signals.violence
        evidence = sentence_evidence(ctx.doc, hits, limit=2, offset=ctx.offset) if hits else ()
    else:
        value, confidence = "General Audiences", 0.6
    return Suggestion(value, "rating", round(confidence, 3), evidence)


def chapter_warnings(
    ctx: StoryContext, signals: Signals, chapters: Sequence[ChapterInfo]
) -> tuple[tuple[Suggestion, ...], ...]:
    """The warnings each chapter calls for on its own, by the same rules as the work's, from
    the cues inside it (a death in chapter 3 warns chapter 3, not chapter 1)."""
    bounds = [c.offset for c in chapters] + [ctx.offset + len(ctx.doc.text)]
    result = []
    for number, chapter in enumerate(chapters):
        start, end = bounds[number] - ctx.offset, bounds[number + 1] - ctx.offset

        def inside(hits: list[CueHit], start: int = start, end: int = end) -> list[CueHit]:
            return [h for h in hits if start <= h.start < end]

        violence = inside(signals.violence)
        violence_score = sum(h.weight for h in violence)
        part = Signals(
            deaths=inside(signals.deaths),
            death_score=sum(h.weight for h in inside(signals.deaths)),
            grief=inside(signals.grief),
            grief_score=per_thousand_words(
                sum(h.weight for h in inside(signals.grief)), chapter.word_count
            ),
            violence=violence,
            violence_score=violence_score,
            violence_density=per_thousand_words(violence_score, chapter.word_count),
            sexual_score=0.0,
            profanity_score=0.0,
            gore_score=sum(h.weight for h in inside(signals.gore)),
            gore=inside(signals.gore),
        )
        suggested, _ = archive_warnings(ctx, part)
        result.append(tuple(s for s in suggested if s.tag != NO_WARNINGS))
    return tuple(result)
