"""Weighted cue lexicons: many phrases compiled into one regex, scanned once per text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fanshelf.analysis.results import Evidence
from fanshelf.analysis.text import Segmented


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    weight: float
    cue: str  # the lexicon entry that matched
    text: str  # what it matched, lowercased


class CueLexicon:
    """Lowercase regex fragments with weights. Matching runs on lowercased text."""

    def __init__(self, entries: dict[str, float]) -> None:
        self.entries = dict(entries)
        self._keys = list(self.entries)
        # Plain alternation (no groups, no look-behind) lets the regex engine skip quickly to
        # possible first letters; which entry matched is worked out afterwards, for hits only.
        self._pattern = re.compile(rf"\b(?:{'|'.join(self._keys)})(?![\w])")
        self._fragments = [(re.compile(key), key) for key in self._keys]
        self._entry_of: dict[str, str] = {}

    def hits(self, lower: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        end = len(lower) if end is None else end
        found = []
        for match in self._pattern.finditer(lower, start, end):
            if match.start() and lower[match.start() - 1] in "'’":
                continue  # inside a contraction or possessive
            text = match.group()
            key = self._entry_of.get(text) or self._entry(text)
            found.append(CueHit(match.start(), match.end(), self.entries[key], key, text))
        return found

    def _entry(self, text: str) -> str:
        key = next(key for fragment, key in self._fragments if fragment.fullmatch(text))
        self._entry_of[text] = key
        return key


def total(hits: list[CueHit]) -> float:
    return sum(hit.weight for hit in hits)


def distinct(hits: list[CueHit]) -> int:
    """How many different words or phrases matched: one word repeated is weak evidence."""
    return len({hit.text for hit in hits})


def per_thousand_words(score: float, words: int) -> float:
    # Very short texts would get huge densities from one cue: count them as 300 words.
    return score * 1000.0 / max(words, 300)


def sentence_evidence(
    doc: Segmented, hits: list[CueHit], limit: int = 3, offset: int = 0, part: str = "body"
) -> tuple[Evidence, ...]:
    """The sentences holding the heaviest hits, in story order, one per sentence."""
    chosen: dict[int, float] = {}
    for hit in hits:
        index = doc.sentence_index(hit.start)
        chosen[index] = chosen.get(index, 0.0) + hit.weight
    best = sorted(chosen, key=lambda i: -chosen[i])[:limit]
    evidence = []
    for index in sorted(best):
        start, end = doc.sentences[index]
        evidence.append(Evidence(doc.text[start:end], start + offset, end + offset, part))
    return tuple(evidence)
