"""Similar works: a TF-IDF vector per work plus tag overlap.

The archive keeps each work's `term_frequencies` (small: the top terms only), builds an
`IdfTable` over all works now and then, and ranks candidates with `similar`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from fanshelf.analysis.results import Analysis
from fanshelf.analysis.summary import STOPWORDS

_TERM = re.compile(r"[a-z][a-z'’-]{2,}")
MAX_TERMS = 300
TAG_WEIGHT = 0.35


def term_frequencies(text: str, max_terms: int = MAX_TERMS) -> dict[str, float]:
    """Relative frequencies of the work's content words, the most frequent `max_terms` kept."""
    counts = Counter(
        word.strip("'’-") for word in _TERM.findall(text.lower()) if word not in STOPWORDS
    )
    total = sum(counts.values()) or 1
    return {term: count / total for term, count in counts.most_common(max_terms)}


@dataclass
class IdfTable:
    documents: int = 0
    document_frequency: Counter = field(default_factory=Counter)

    @classmethod
    def from_documents(cls, documents: Iterable[dict[str, float]]) -> IdfTable:
        table = cls()
        for terms in documents:
            table.add(terms)
        return table

    def add(self, terms: dict[str, float]) -> None:
        self.documents += 1
        self.document_frequency.update(terms.keys())

    def idf(self, term: str) -> float:
        return math.log((1 + self.documents) / (1 + self.document_frequency.get(term, 0))) + 1.0


def tfidf_vector(terms: dict[str, float], idf: IdfTable) -> dict[str, float]:
    """L2-normalised TF-IDF weights."""
    weights = {term: tf * idf.idf(term) for term, tf in terms.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


@dataclass(frozen=True)
class WorkProfile:
    work_id: object
    vector: dict[str, float]
    tags: frozenset[str] = frozenset()


def tag_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two tag sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar(
    profile: WorkProfile,
    candidates: Iterable[WorkProfile],
    k: int = 5,
    tag_weight: float = TAG_WEIGHT,
) -> list[tuple[object, float]]:
    """The k candidates most like `profile` (itself excluded), best first, with their score."""
    scored = []
    for candidate in candidates:
        if candidate.work_id == profile.work_id:
            continue
        score = (1 - tag_weight) * cosine(profile.vector, candidate.vector) + tag_weight * (
            tag_overlap(profile.tags, candidate.tags)
        )
        scored.append((candidate.work_id, round(score, 4)))
    scored.sort(key=lambda item: -item[1])
    return scored[:k]


def work_profile(work_id: object, analysis: Analysis, idf: IdfTable) -> WorkProfile:
    """A work's profile from its analysis: its terms weighted by the archive's IDF, and the tags
    that say most about it (fandoms, characters, relationships, additional tags)."""
    tags = frozenset(
        s.tag
        for s in analysis.suggestions
        if s.tag_type in ("fandom", "character", "relationship", "freeform", "canon_placement")
    )
    return WorkProfile(work_id, tfidf_vector(analysis.terms, idf), tags)
