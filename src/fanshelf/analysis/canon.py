"""Canon placement: which canon work a story follows ("post-TWF", "set after The Witch's
Familiar", "After Skaro, ..."), sits inside ("missing scene from ...") or precedes.

The results are tag_type "canon_placement"; on the archive they apply as Freeform tags
(`Suggestion.applies_as`), the way AO3 files "Post-Episode: ..." tags.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.index import KnowledgeIndex
from fanshelf.analysis.knowledge import CanonWorkInfo
from fanshelf.analysis.phrases import PhraseHit
from fanshelf.analysis.results import Evidence, Suggestion

_AFTER = r"(?:post|after|since|following|set after|in the aftermath of|the aftermath of)"
_BEFORE = r"(?:pre|before|prior to|set before|leading up to)"
_DURING = r"(?:during|missing scene (?:from|in|for)|set during|coda (?:to|for))"
_PREFIX = re.compile(
    rf"(?:(?P<after>{_AFTER})|(?P<before>{_BEFORE})|(?P<during>{_DURING}))"
    r"(?:[\s-]+(?:the\s+)?(?:events|episode|story|end)\s+(?:of|on|at|in)\b)?[\s-]*[\"“']?$",
    re.IGNORECASE,
)
_MISSING_SCENE = re.compile(r"\bmissing scene\b", re.IGNORECASE)
MISSING_SCENE = "Missing Scene"

STRENGTH = {"notes": 3.0, "body": 2.0}
KEYWORD_ERA_WEIGHT = 0.5
GROUP_ERA_WEIGHT = 2.0
_GROUP_NAME = re.compile(r"\b(?:series|season|book) \d+\b", re.IGNORECASE)
THRESHOLD = 0.5


def _relation(text: str, start: int) -> str:
    """ "after", "before" or "during" when the phrase just before `start` places the story."""
    match = _PREFIX.search(text[max(0, start - 40) : start])
    if not match:
        return ""
    return next(k for k in ("after", "before", "during") if match.group(k))


def _pick(works: list[CanonWorkInfo], relation: str, era: str) -> CanonWorkInfo | None:
    """A keyword shared by several works: keep the story's era if it narrows things down, and for
    "after" phrasing the latest of them (a story set after a place was visited twice follows the
    second visit); otherwise the earliest."""
    in_era = [w for w in works if era and w.era == era]
    pool = in_era or works
    if not pool:
        return None
    if len({w.fandom for w in pool}) > 1:
        return None
    return (
        max(pool, key=lambda w: w.order)
        if relation == "after"
        else min(pool, key=lambda w: w.order)
    )


def _tag(work: CanonWorkInfo, relation: str) -> str:
    if relation == "during":
        return MISSING_SCENE
    return ("Post-Episode: " if relation == "after" else "Pre-Episode: ") + work.title


def detect_canon(
    ctx: StoryContext, era: str, fandoms: set[str]
) -> tuple[list[Suggestion], list[Suggestion]]:
    index = ctx.index
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    places = [("body", ctx.doc.text, ctx.phrases, None)] + [
        ("notes", n.doc.text, n.phrases, n) for n in ctx.notes
    ]

    def credit(tag: str, weight: float, item: Evidence) -> None:
        scores[tag] += weight
        if item not in evidence[tag]:
            evidence[tag].append(item)

    for where, text, phrases, note in places:

        def item_for(start: int, end: int, note=note) -> Evidence:
            return note.evidence(start, end) if note else ctx.evidence_at(start)

        for hit, works in _references(index, phrases):
            relation = _relation(text, hit.start)
            works = [w for w in works if w.fandom in fandoms]
            work = _pick(works, relation, era) if relation else None
            if work is not None:
                credit(_tag(work, relation), STRENGTH[where], item_for(hit.start, hit.end))
        if where == "notes":
            for match in _MISSING_SCENE.finditer(text):
                credit(MISSING_SCENE, STRENGTH[where], item_for(*match.span()))
    _corroborate(ctx, scores)

    suggested, near = [], []
    for tag, score in sorted(scores.items(), key=lambda item: -item[1]):
        confidence = round(1.0 - math.exp(-score / 2.0), 3)
        target = suggested if confidence >= THRESHOLD else near
        target.append(Suggestion(tag, "canon_placement", confidence, tuple(evidence[tag][:3])))
    return suggested, near


def _references(index: KnowledgeIndex, phrases: dict[str, list[PhraseHit]]):
    """(hit, works) for every abbreviation, title and keyword found. Titles count only when
    capitalised, and only placement phrasing before any of them places the story."""
    for hit in phrases.get("abbreviation", ()):
        yield hit, index.abbreviations[hit.key]
    for hit in phrases.get("title", ()):
        work = index.titles.get(hit.key.lower())
        if work is not None and hit.text[:1].isupper():
            yield hit, [work]
    for hit in phrases.get("keyword", ()):
        yield hit, index.keywords[hit.key]


def _corroborate(ctx: StoryContext, scores: dict[str, float]) -> None:
    """Keywords of a placed work elsewhere in the story add a little confidence."""
    placed = {
        tag.split(": ", 1)[1]: tag for tag in list(scores) if tag.startswith(("Post-", "Pre-"))
    }
    if not placed:
        return
    for hit in ctx.phrases.get("keyword", ()):
        for work in ctx.index.keywords[hit.key]:
            if work.title in placed:
                scores[placed[work.title]] += 0.25


def era_hints(
    ctx: StoryContext, suggestions: list[Suggestion], fandoms: set[str]
) -> dict[str, float]:
    """Eras pointed at by the works a story is placed against, by a series it names ("set in
    series 8"), and more weakly by places and events of canon works it names ("Canary Wharf"):
    hints for resolving "the Doctor"."""
    index = ctx.index
    eras: dict[str, float] = defaultdict(float)
    for suggestion in suggestions:
        title = suggestion.tag.split(": ", 1)[-1].lower()
        work = index.titles.get(title)
        if work is not None and work.era:
            eras[work.era] += 2.0 * suggestion.confidence
    for hit in ctx.phrases.get("keyword", ()):
        works = [w for w in index.keywords[hit.key] if w.fandom in fandoms and w.era]
        for work in works:
            eras[work.era] += KEYWORD_ERA_WEIGHT / len(works)
    for text in (ctx.doc.text, *(note.doc.text for note in ctx.notes)):
        for match in _GROUP_NAME.finditer(text):
            group_eras = index.group_eras.get(match.group(0).lower(), frozenset())
            for era in group_eras:
                eras[era] += GROUP_ERA_WEIGHT / len(group_eras)
    return dict(eras)
