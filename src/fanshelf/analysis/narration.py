"""Point of view and tense, read from the narration only (quoted speech is blanked first)."""

from __future__ import annotations

import re

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.results import Evidence, Finding

_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b")
_READER_NAME = re.compile(r"\(?\b[yY]/[nN]\b\)?")

# Subject pronoun, an optional adverb, then the verb whose form tells the tense.
_SUBJECT_VERB = re.compile(
    r"\b(he|she|it|they|we|i|you)(?:\s+(?:just|only|still|then|now|also|even|never|always|"
    r"finally|slowly|quickly|suddenly|simply|quietly|softly|barely|almost|really|\w+ly))?"
    r"\s+([a-z]+)\b"
)
_PAST_AUXILIARY = re.compile(r"\b(?:was|were|had|did)\b")
_PRESENT_AUXILIARY = re.compile(r"\b(?:is|are|am|has|does)\b")

_IRREGULAR = {
    "be": "was",
    "become": "became",
    "begin": "began",
    "bite": "bit",
    "break": "broke",
    "bring": "brought",
    "build": "built",
    "buy": "bought",
    "catch": "caught",
    "choose": "chose",
    "come": "came",
    "dig": "dug",
    "do": "did",
    "draw": "drew",
    "drink": "drank",
    "drive": "drove",
    "eat": "ate",
    "fall": "fell",
    "feel": "felt",
    "fight": "fought",
    "find": "found",
    "fly": "flew",
    "forget": "forgot",
    "freeze": "froze",
    "get": "got",
    "give": "gave",
    "go": "went",
    "grow": "grew",
    "hang": "hung",
    "have": "had",
    "hear": "heard",
    "hide": "hid",
    "hold": "held",
    "keep": "kept",
    "know": "knew",
    "lead": "led",
    "leave": "left",
    "lie": "lay",
    "lose": "lost",
    "make": "made",
    "mean": "meant",
    "meet": "met",
    "pay": "paid",
    "ride": "rode",
    "ring": "rang",
    "rise": "rose",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "seek": "sought",
    "sell": "sold",
    "send": "sent",
    "shake": "shook",
    "shine": "shone",
    "shoot": "shot",
    "sing": "sang",
    "sink": "sank",
    "sit": "sat",
    "sleep": "slept",
    "slide": "slid",
    "speak": "spoke",
    "spend": "spent",
    "stand": "stood",
    "steal": "stole",
    "stick": "stuck",
    "sting": "stung",
    "strike": "struck",
    "swear": "swore",
    "swim": "swam",
    "swing": "swung",
    "take": "took",
    "teach": "taught",
    "tear": "tore",
    "tell": "told",
    "think": "thought",
    "throw": "threw",
    "understand": "understood",
    "wake": "woke",
    "wear": "wore",
    "win": "won",
    "write": "wrote",
}
_PAST_FORMS = frozenset(_IRREGULAR.values()) | {"could", "would"}
PAST_FORMS = _PAST_FORMS
_BASE_FORMS = frozenset(_IRREGULAR) - {"be", "have", "do"} | {
    "am",
    "are",
    "want",
    "need",
    "look",
    "turn",
    "walk",
    "try",
    "smile",
    "like",
    "love",
    "wonder",
    "watch",
    "ask",
    "call",
    "move",
    "pull",
    "push",
    "reach",
    "start",
    "stop",
    "can",
    "will",
}
_PRESENT_THIRD = frozenset({"is", "has", "does", "says", "goes", "can", "will"})
# Words after a pronoun that end in -s or -ed without being a verb in that tense.
_NOT_VERBS_TEXT = """
was this his hers its us yes always perhaps thus less unless across towards upwards
afterwards sometimes bless ourselves themselves as is has does need indeed speed red bed
feed seed shed wed sped bled fled led
"""
_NOT_VERBS = frozenset(_NOT_VERBS_TEXT.split())


def _verb_tense(subject: str, verb: str) -> str:
    if verb in _PAST_FORMS or (verb.endswith("ed") and verb not in _NOT_VERBS):
        return "past"
    if verb in {"bled", "fled", "led", "sped"}:
        return "past"
    if subject in {"he", "she", "it"}:
        if verb in _PRESENT_THIRD:
            return "present"
        if verb.endswith("s") and not verb.endswith("ss") and verb not in _NOT_VERBS:
            return "present"
        return ""
    if verb in _BASE_FORMS:
        return "present"
    return ""


def _first_matches(pattern: re.Pattern[str], ctx: StoryContext, limit: int = 2) -> list[Evidence]:
    evidence = []
    seen: set[int] = set()
    for match in pattern.finditer(ctx.doc.narration_lower):
        sentence = ctx.doc.sentence_index(match.start())
        if sentence not in seen:
            seen.add(sentence)
            evidence.append(ctx.sentence_evidence(sentence))
            if len(evidence) >= limit:
                break
    return evidence


FIRST_PERSON_MIN_DENSITY = 0.015
FIRST_TO_THIRD_MIN = 0.2
FOCAL_SUBJECT_MIN = 3
_NEXT_WORD = re.compile(r"\s+(?:\w+ly\s+)?([a-z]+)")
THOUGHTS_THIRD_SHARE = 2.0


def _thoughts_in_third_person(ctx: StoryContext) -> bool:
    """Whether the "I" of the narration thinks rather than tells. A third-person story's
    unmarked thoughts run in the present ("I wonder", "I will tell him") while it is told in
    the past, and its thinker is named as the narration's subject again and again; or the
    "I" is a small voice among many "he"s and "she"s."""
    doc = ctx.doc
    told = {"i": [0, 0], "other": [0, 0]}  # [past, present] verbs after "I" and after he/she
    for match in _SUBJECT_VERB.finditer(doc.narration_lower):
        verb_tense = _verb_tense(match.group(1), match.group(2))
        if match.group(1) == "i" and match.group(2) in ("will", "would"):
            verb_tense = "present"
        counts = told["i" if match.group(1) == "i" else "other"]
        counts[0] += verb_tense == "past"
        counts[1] += verb_tense == "present"
    if told["i"][0] > told["i"][1]:
        return False  # "I rose", "I said": the narrator tells the story
    first = len(_FIRST_PERSON.findall(doc.narration_lower))
    if len(_THIRD_PERSON.findall(doc.narration_lower)) >= THOUGHTS_THIRD_SHARE * first:
        return True
    starts = {start for start, _ in doc.sentences}
    counts: dict[str, int] = {}
    past = present = 0
    for hit in ctx.phrases.get("alias", ()):
        if hit.start in starts and doc.quote_at(hit.start) is None:
            counts[hit.key] = counts.get(hit.key, 0) + 1
            verb = _NEXT_WORD.match(doc.narration_lower, hit.end)
            verb_tense = _verb_tense("he", verb.group(1)) if verb else ""
            past += verb_tense == "past"
            present += verb_tense == "present"
    # "Lydia frowned ... Lydia giggled": a past telling around a present "I".
    return past > present and max(counts.values(), default=0) >= FOCAL_SUBJECT_MIN


def point_of_view(ctx: StoryContext) -> tuple[Finding, bool]:
    """("first" | "second" | "third", confidence) and whether the story is a reader-insert."""
    narration = ctx.doc.narration_lower
    first = len(_FIRST_PERSON.findall(narration))
    second = len(_SECOND_PERSON.findall(narration))
    third = len(_THIRD_PERSON.findall(narration))
    reader_named = len(_READER_NAME.findall(ctx.doc.text))
    words = max(ctx.doc.words - ctx.doc.quoted_words, 1)
    if (second >= first and second >= 0.4 * third and second / words >= 0.01) or (
        reader_named >= 2 and second / words >= 0.005
    ):
        value, pattern = "second", _SECOND_PERSON
        confidence = min(0.99, 0.55 + second / (second + first + third + 1) / 2)
    # A first-person narrator says "I" far more often than a third-person one lets slip a
    # thought; "he" and "she" still abound (Watson writing about Holmes). Thoughts in the first
    # person inside a third-person story come with the thinker named as the narration's subject
    # again and again ("Lydia frowned ... Lydia giggled").
    elif (
        first / words >= FIRST_PERSON_MIN_DENSITY
        and first >= FIRST_TO_THIRD_MIN * third
        and not _thoughts_in_third_person(ctx)
    ):
        value, pattern = "first", _FIRST_PERSON
        confidence = min(0.99, 0.55 + first / (first + third + 1) / 2)
    else:
        value, pattern = "third", _THIRD_PERSON
        confidence = min(0.99, 0.5 + third / (first + second + third + 1) / 2)
    # Whether the "you" is a named character instead is decided with the cast (narrators.py).
    reader_insert = value == "second" and (reader_named > 0 or second / words >= 0.02)
    evidence = tuple(_first_matches(pattern, ctx))
    return Finding(value, round(confidence, 3), evidence), reader_insert


def tense(ctx: StoryContext, pov: str = "") -> Finding:
    narration = ctx.doc.narration_lower
    past = present = 0.0
    past_example = present_example = None
    for match in _SUBJECT_VERB.finditer(narration):
        if pov == "third" and match.group(1) in ("i", "we", "you"):
            continue  # a character's thoughts, not the telling
        verb_tense = _verb_tense(match.group(1), match.group(2))
        if verb_tense == "past":
            past += 1
            past_example = past_example if past_example is not None else match.start()
        elif verb_tense == "present":
            present += 1
            present_example = present_example if present_example is not None else match.start()
    # Auxiliaries count for less: a present-tense story still tells its backstory with "had".
    past += 0.3 * len(_PAST_AUXILIARY.findall(narration))
    present += 0.3 * len(_PRESENT_AUXILIARY.findall(narration))
    if present > past:
        value, example = "present", present_example
    else:
        value, example = "past", past_example
    margin = abs(present - past) / (present + past) if present + past else 0.0
    evidence = (ctx.evidence_at(example),) if example is not None else ()
    return Finding(value, round(0.5 + margin / 2, 3), evidence)
