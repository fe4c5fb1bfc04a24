"""Finding many known phrases (names, terms, titles, ship names) in one pass over a text.

A regex alternation of thousands of names costs time at every character; a dictionary keyed by
a phrase's first word (two words after "the", "a", "an") costs one lookup per word, however big
the fandom packs grow.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_ARTICLES = frozenset({"the", "a", "an"})
# A phrase never starts inside a word ("Clara's" holds no "s"); "post-TWF" holds "TWF".
_JOINERS = "'’"


@dataclass(frozen=True, slots=True)
class PhraseHit:
    start: int
    end: int
    text: str  # as written in the story
    key: str  # the phrase as the knowledge spells it


def _lookup_key(first: str, second: str | None) -> str:
    if first.lower() in _ARTICLES and second is not None:
        return f"{first} {second}"
    return first


class PhraseMatcher:
    """Phrases of several kinds ("alias", "term", ...). Matching is case-sensitive, except that
    a leading article may be capitalised, and `fold_case` phrases match in any case."""

    def __init__(self) -> None:
        self._buckets: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)

    def add(self, phrase: str, kind: str, *, fold_case: bool = False) -> None:
        words = _WORD.findall(phrase)
        if not words or not phrase[:1].isalnum():
            return
        variants = {words[0]}
        if fold_case:
            variants |= {words[0].lower(), words[0].capitalize(), words[0].upper()}
        elif words[0] in _ARTICLES:
            variants.add(words[0].capitalize())
        second = words[1] if len(words) > 1 else None
        folded_second = (
            {second, second.lower(), second.capitalize()} if second and fold_case else {second}
        )
        for first in variants:
            for word in folded_second:
                key = _lookup_key(first, word)
                entry = (phrase, kind, fold_case or first != words[0])
                bucket = self._buckets[key]
                if entry not in bucket:
                    bucket.append(entry)
                    bucket.sort(key=lambda item: -len(item[0]))

    def scan(self, text: str) -> dict[str, list[PhraseHit]]:
        """Longest non-overlapping matches per kind, in text order."""
        found: dict[str, list[PhraseHit]] = defaultdict(list)
        consumed: dict[str, int] = {}
        buckets = self._buckets
        tokens = list(_WORD.finditer(text))
        length = len(text)
        for i, token in enumerate(tokens):
            word = token.group()
            start = token.start()
            if word.lower() in _ARTICLES and i + 1 < len(tokens):
                following = tokens[i + 1]
                bucket = None
                if following.start() == token.end() + 1:
                    bucket = buckets.get(f"{word} {following.group()}")
            else:
                bucket = buckets.get(word)
            if not bucket or (start and text[start - 1] in _JOINERS):
                continue
            matched: set[str] = set()
            for phrase, kind, folded in bucket:
                if kind in matched or consumed.get(kind, 0) > start:
                    continue
                end = start + len(phrase)
                piece = text[start:end]
                if piece != phrase and not (folded and piece.lower() == phrase.lower()):
                    continue
                if end < length and (text[end].isalnum() or text[end] in "_-"):
                    continue
                found[kind].append(PhraseHit(start, end, piece, phrase))
                consumed[kind] = end
                matched.add(kind)
        return found
