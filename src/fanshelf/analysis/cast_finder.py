"""The cast of a story whose fandom the archive does not know: the names that speak, act or are
addressed, with honorifics and name variants merged ("Mr. Darcy", "Darcy" and "Fitzwilliam
Darcy" are one person), each given in the fullest form the story uses.

Only the text decides: a nickname ("Lizzy") joins its owner only through a pack or the tag
database, never here.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.dialogue import is_speech_verb
from fanshelf.analysis.narration import PAST_FORMS
from fanshelf.analysis.originals import NOT_NAMES
from fanshelf.analysis.results import CharacterFinding
from fanshelf.analysis.text import starts_sentence

HONORIFICS = (
    "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Lady", "Lord", "Sir",
    "Captain", "Professor", "Master", "Mistress", "Madame", "Monsieur", "Mademoiselle",
    "Aunt", "Uncle", "Inspector", "Detective", "Colonel", "General", "Father", "Sister",
)  # fmt: skip
# "O'Brien", "Jean-Luc"; never a possessive "Ron's".
_WORD = r"[A-Z][a-zà-ÿ]+(?:['’-][A-Z][a-zà-ÿ]+|-[a-zà-ÿ]+)?"
_HONORIFIC = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
_NAME = re.compile(
    rf"(?<![\w'’-])(?:(?P<title>{_HONORIFIC})\s+)?(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})(?![\w-])"
)
_AFTER = re.compile(r"(?:,[^,.;\n]{1,40},)?\s+(?:\w+ly\s+)?([a-z]+)")
_AUXILIARIES = frozenset({"was", "had", "could", "would", "did", "is", "has", "can", "will"})
_SPEECH_BEFORE = re.compile(r"[,!?][\"”’']?\s+(?:said|asked|replied|answered|called|cried)\s+\Z")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|into|across|near|through|towards?|via)\s+$")
# A name needs this much evidence: an action or a line is worth one, a mention a third.
CAST_MIN_SCORE = 1.5
CAST_CONFIDENCE_SCALE = 2.5


@dataclass
class _Person:
    forms: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    acts: int = 0
    speaks: int = 0
    addressed: int = 0
    mentions: int = 0
    starts: list[int] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.acts + self.speaks + self.addressed + self.mentions / 3

    def fullest(self) -> str:
        """The longest form the story uses; an honorific only when the name has no first name
        ("Mr. Bennet" stays "Mr. Bennet", "Mr. Darcy" becomes "Fitzwilliam Darcy")."""
        return max(self.forms, key=lambda form: (_given_length(form), self.forms[form], form))


def _given_length(form: str) -> tuple[int, int]:
    words = form.split()
    has_title = words[0] in HONORIFICS
    return (len(words) - has_title, has_title)


def find_cast(ctx: StoryContext) -> list[CharacterFinding]:
    doc = ctx.doc
    text = doc.text
    known = ctx.index.known_tokens
    lowercase = set(re.findall(r"\b[a-z]+\b", text))
    found: list[tuple[str, str, int, int]] = []  # (full form, bare name, start, end)
    inner: set[str] = set()
    for match in _NAME.finditer(text):
        name, title = match.group("name"), match.group("title")
        words = name.split()
        while words and (words[0] in NOT_NAMES or words[0].lower() in lowercase):
            words.pop(0)
        if not words or any(w in NOT_NAMES or w in known for w in words):
            continue
        bare = " ".join(words)
        start = match.start() if title else match.start("name") + name.index(words[0])
        if _PLACE_BEFORE.search(text, max(0, start - 12), start):
            continue
        if not starts_sentence(text, start) or title:
            inner.add(bare)
        found.append(((f"{title} {bare}" if title else bare), bare, start, match.end()))
    parts = {word for _, bare, _, _ in found if " " in bare for word in bare.split()}
    people = _merge([f for f in found if f[1] in inner or " " in f[1] or f[1] in parts])
    return _findings(ctx, people)


def _merge(found: list[tuple[str, str, int, int]]) -> dict[str, tuple[_Person, list]]:
    """Group variants under one key: a one-word name joins the only longer name that holds it."""
    longer: dict[str, set[str]] = defaultdict(set)
    for _, bare, _, _ in found:
        words = bare.split()
        if len(words) > 1:
            for word in words:
                longer[word].add(bare)
    groups: dict[str, tuple[_Person, list]] = {}
    for form, bare, start, end in found:
        key = bare
        if " " not in bare and len(longer.get(bare, ())) == 1:
            key = next(iter(longer[bare]))
        person, spans = groups.setdefault(key, (_Person(), []))
        person.forms[form] += 1
        spans.append((start, end))
    return groups


def _findings(ctx: StoryContext, groups) -> list[CharacterFinding]:
    doc = ctx.doc
    findings = []
    for person, spans in groups.values():
        for start, end in spans:
            quote = doc.quote_at(start)
            person.mentions += 1
            person.starts.append(start)
            if quote is not None:
                person.addressed += _is_vocative(doc.text, start, end)
                continue
            if _SPEECH_BEFORE.search(doc.text, max(0, start - 12), start):
                person.speaks += 1  # "said Agnes Pike"
                continue
            after = _AFTER.match(doc.text, end)
            if after:
                verb = after.group(1)
                if is_speech_verb(verb):
                    person.speaks += 1
                elif _is_verb(verb):
                    person.acts += 1
        if person.score < CAST_MIN_SCORE or not (person.acts or person.speaks or person.addressed):
            continue
        name = person.fullest()
        findings.append(
            CharacterFinding(
                name=name,
                fandom="",
                confidence=round(1.0 - math.exp(-person.score / CAST_CONFIDENCE_SCALE), 3),
                salience=0.0,
                mentions=person.mentions,
                narration_mentions=person.mentions - person.addressed,
                dialogue_lines=person.speaks,
                pronouns={},
                aliases_used=tuple(sorted(person.forms)),
                evidence=tuple(ctx.evidence_at(s) for s in person.starts[:2]),
            )
        )
    findings.sort(key=lambda c: (-c.confidence, c.name))
    return findings


def _is_verb(word: str) -> bool:
    return (
        (word.endswith(("ed", "s")) and len(word) > 3) or word in PAST_FORMS or word in _AUXILIARIES
    )


def _is_vocative(text: str, start: int, end: int) -> bool:
    return text[end : end + 1] in (",", "!", "?") or text[max(0, start - 2) : start] == ", "
