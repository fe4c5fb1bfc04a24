"""What the page says about a pair: cue words for romance and friendship, endearments one
person calls another, and the two people a plural ("the two of them kissed") stands for."""

from __future__ import annotations

import re
from itertools import pairwise

from fanshelf.analysis.cues import CueLexicon
from fanshelf.analysis.text import Segmented

ROMANTIC_MIN = 3.5
HAND_HOLDING = 0.8
# A shared bed alone is what friends on a cold night do too; with one more sign of closeness
# (hands held, a caress) it is a couple.
SHARED_BED = ROMANTIC_MIN - HAND_HOLDING
# A kiss on the lips or a declaration of love settles a pair on its own; a kiss on the brow
# or the hand is what a parent or a friend gives too.
ROMANCE = CueLexicon(
    {
        r"kiss(?:es|ed|ing)? (?:her|his|my|your|their|the) (?:forehead|cheek|hand|hair|head|"
        r"brow|knuckles|temple|fingers)": 1.0,
        r"kiss(?:es|ed|ing)?": ROMANTIC_MIN,
        r"snog(?:s|ged|ging)?": ROMANTIC_MIN,
        r"i love you|i'm in love with you|i am in love with you": ROMANTIC_MIN,
        r"(?:fell|fallen|falling) in love|i'm in love|in love with": 2.5,
        r"fanc(?:y|ies|ied) (?:him|her|you)|fancied|crush on": 1.5,
        r"sweetie|honey|love you": 0.7,
        r"caress(?:es|ed|ing)?": 1.0,
        r"(?:wrapped|wraps|put|puts|slipped|slips) (?:his|her|their) arms? around (?:her|him)": 1.0,
        r"asked (?:her|him) (?:out|to the (?:\w+ )?(?:ball|dance|prom))|on a date": 1.5,
        r"elop(?:e|ed|ing|ement)|(?:her|his) betrothed|engaged to|fianc[ée]e?": 2.0,
        r"my (?:dear |beloved |darling )?(?:husband|wife)|(?:marriage|wedding) to": 1.5,
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
        r"darling|sweetheart|my love|beloved": 1.2,
        r"(?:held|holding|hold) hands|hand in hand|fingers (?:laced|intertwined|entwined)|"
        r"(?:took|takes|take|hold|held) (?:my|your|her|his) hand": HAND_HOLDING,
        r"(?:my|her|his) heart (?:was )?(?:racing|pounding|hammering|going like)": 1.0,
        # A couple's life together: one bed, one home, hands that keep finding each other.
        r"(?:share|shares|shared|sharing) (?:a|the|one|his|her|their|my|our) bed|"
        r"in bed together|(?:sleep|slept|sleeping) together": SHARED_BED,
        r"(?:their|our) shared (?:apartment|flat|home|house|bedroom|room|bed)": 1.5,
        r"(?:held|holding|hold|holds) (?:both of )?(?:each other['’]s|one another['’]s) hands?|"
        r"(?:entwined|intertwined|interlaced|joined) hands|"
        r"hands (?:entwined|intertwined)": HAND_HOLDING,
        r"lovingly": 1.0,
        r"danc(?:e|ed|es|ing) (?:\w+ )?together|slow[- ]danc(?:e|ed|ing)": 1.0,
        r"jealous|jealousy": 0.5,
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

# A term of endearment used as an address ("You passed out, dear." "Yes, darling?"): two of
# them between the same two people settle the pair as a couple. "Oh dear", "dear me" and
# "my dear Watson" are not addresses.
ENDEARMENT_ADDRESS_WEIGHT = ROMANTIC_MIN / 2
_ENDEARMENT = re.compile(
    r"\b(?:my )?(?:darling|dear|dearest|love|sweetheart|sweetie|honey|babe|baby|angel|beloved)"
    r"(?=\s*(?:[,.!?…\"”]|$))",
    re.MULTILINE,
)
_ADDRESS_BEFORE = re.compile(r"(?:^|[,“\"—–]|\.\.\.|…)\s*\Z")
_EXCLAMATION_BEFORE = re.compile(r"\b(?:oh|ah|o|aw|ohh)[,!]?\s*\Z")


def addressed_endearments(doc: Segmented) -> list[tuple[int, int]]:
    """Spans of endearments used as an address inside quotes."""
    spans = []
    for match in _ENDEARMENT.finditer(doc.lower):
        quote = doc.quote_at(match.start())
        if quote is None:
            continue
        before = doc.lower[max(doc.quotes[quote][0], match.start() - 12) : match.start()]
        if doc.quotes[quote][0] == match.start() or (
            _ADDRESS_BEFORE.search(before) and not _EXCLAMATION_BEFORE.search(before)
        ):
            spans.append((match.start(), match.end()))
    return spans


# A plural that stands for two people just named: "the two of them kissed", "they held hands".
_PLURAL = re.compile(
    r"\b(?:the two of them|the two|they|them|both|each other|one another|together|the pair|"
    r"the couple)\b"
)


def plural_pair(
    doc: Segmented,
    sentence: int,
    by_sentence: dict[int, set[str]],
    named: set[str],
    joined: dict[int, set[str]],
):
    """The two named people a plural in this sentence means: the two this sentence and the one
    before name between them, else the two written together as "A and B" there. None
    otherwise."""
    start, end = doc.sentences[sentence]
    if not _PLURAL.search(doc.lower, start, end):
        return None
    people = (by_sentence.get(sentence, set()) | by_sentence.get(sentence - 1, set())) & named
    if len(people) == 2:
        return people
    pair = joined.get(sentence) or joined.get(sentence - 1)
    return pair if pair and pair <= named else None


def joined_pairs(doc: Segmented, mentions) -> dict[int, set[str]]:
    """Sentence -> the two characters it names side by side ("Harry and Ginny")."""
    pairs: dict[int, set[str]] = {}
    ordered = sorted((m for m in mentions if m.character), key=lambda m: m.start)
    for first, second in pairwise(ordered):
        between = doc.lower[first.end : second.start]
        if first.character != second.character and between == " and ":
            sentence = doc.sentence_index(first.start)
            pairs.setdefault(sentence, {first.character, second.character})
    return pairs
