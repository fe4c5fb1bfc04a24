"""Who tells the story: a "<Name>'s POV" line, a reader-insert's markers, or, in the first person,
the character the others address by name.

The narrator of a second-person story is "Reader" when the "you" is the reader (Y/N, "Your
POV", or nobody named as the "you"), and the named character otherwise ("Han's Perspective").
"""

from __future__ import annotations

import re
from collections import Counter

from fanshelf.analysis.index import KnowledgeIndex
from fanshelf.analysis.mentions import Mention

READER = "Reader"
# A line that only says whose point of view follows: "Darcy POV", "*Your POV*",
# "Han's Perspective", "POV: Rue", "Rue's point of view".
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_VIEW = r"(?:POV|P\.O\.V\.?|[Pp]erspective|[Pp]oint [Oo]f [Vv]iew)"
_PERSPECTIVE_LINE = re.compile(
    rf"^(?:[^\n]*?:[ \t]*)?[^\w\n]*(?:(?P<name>{_NAME}?)(?:['’]s)? {_VIEW}"
    rf"|(?:POV|Perspective)\s*[:\-–—]\s*(?P<after>{_NAME}))[^\w\n]*$",
    re.MULTILINE,
)
# Placeholders a reader-insert leaves for the reader's own name, eye colour, hair...
READER_MARKERS = re.compile(
    r"[(\[]?\b[YyLlEeHh]/[Nn]\b[)\]]?|\((?:e|h|s)/c\)|(?:\bx\s*|/)(?:\w+!)?[Rr]eader\b"
)
# Narration that names its "you" ("Rory Williams, you fool"; "your name is Rory").
_YOU_AFTER_NAME = re.compile(r",\s+you\b")
_YOUR_NAME_BEFORE = re.compile(r"\byour name(?:'s|’s| is)\s+\Z", re.IGNORECASE)
_READER_WORDS = frozenset({"Your", "Reader", "Reader's", "You", "Y/N"})
# In the first person the narrator is named by the others, almost never by the narration.
NARRATOR_MIN_MARGIN = 1
# Against the canon's convention (Watson tells Conan Doyle's stories), one name said once in
# dialogue ("Lestrade has sent a telegram") is not enough to make someone else the narrator.
CONVENTION_NARRATOR_MARGIN = 2


def perspective_names(text: str) -> list[str]:
    """Names given on "<Name>'s POV" lines, in story order ("Your" for the reader)."""
    names = []
    for match in _PERSPECTIVE_LINE.finditer(text):
        name = (match.group("name") or match.group("after") or "").strip()
        if name:
            names.append(re.sub(r"['’]s\Z", "", name))
    return names


# A letter: "Dear Miss Elizabeth," ... and a line that is only its writer's name.
_GREETING = re.compile(r"^[ \t]*(?:My )?Dear(?:est)? [^\n]{1,60},[ \t]*$", re.MULTILINE)
_SIGNATURE = re.compile(rf"^[ \t]*(?:[-–—~][ \t]*)?(?P<name>{_NAME})[.!]?[ \t]*$", re.MULTILINE)
SIGNATURE_REACH = 3000


def letter_signatures(text: str) -> list[str]:
    """The names signed under letters the story quotes ("Dear ..." then a name on its own line)."""
    names = []
    for greeting in _GREETING.finditer(text):
        signature = _SIGNATURE.search(text, greeting.end(), greeting.end() + SIGNATURE_REACH)
        if signature:
            names.append(signature.group("name"))
    return names


def resolve_perspective(names: list[str], index: KnowledgeIndex, fandoms: set[str]) -> str:
    """The character (or READER) the story's first perspective line names; "" when none is
    known."""
    for name in names:
        if name in _READER_WORDS or name.split("'")[0] in _READER_WORDS:
            return READER
        target = index.alias_targets.get(name)
        if target is None:
            continue
        owners = [c for c in target.characters if index.belongs(c, fandoms)]
        if len(owners) == 1:
            return owners[0]
    return ""


def addressed_narrator(mentions: list[Mention], margin: int = NARRATOR_MIN_MARGIN) -> str:
    """The character named far more in dialogue than in narration: the "I" the others talk to."""
    dialogue, narration = Counter(), Counter()
    for mention in mentions:
        (dialogue if mention.in_dialogue else narration)[mention.character] += 1
    scores = {name: count - narration[name] for name, count in dialogue.items() if name}
    best = max(scores, key=lambda n: (scores[n], n), default="")
    return best if best and scores[best] >= margin else ""


def named_you(mentions: list[Mention], text: str) -> str:
    """The character the narration calls "you" by name, if it does."""
    for mention in mentions:
        if mention.in_dialogue or not mention.character:
            continue
        if _YOU_AFTER_NAME.match(text, mention.end) or _YOUR_NAME_BEFORE.search(
            text[max(0, mention.start - 20) : mention.start]
        ):
            return mention.character
    return ""


def find_narrator(
    pov: str,
    reader_insert: bool,
    reader_marked: bool,
    perspective: str,
    mentions: list[Mention],
    text: str,
    convention: str = "",
) -> str:
    """The narrator of a first- or second-person story ("" in the third person or unknown).
    `convention` is who tells the canon's stories (Watson, in Conan Doyle): the "I" that
    nothing else names."""
    if pov not in ("first", "second"):
        return ""
    if perspective:
        return perspective
    if reader_marked:
        return READER
    if pov == "first":
        if convention:
            return addressed_narrator(mentions, CONVENTION_NARRATOR_MARGIN) or convention
        return addressed_narrator(mentions)
    return named_you(mentions, text) or (READER if reader_insert else "")
