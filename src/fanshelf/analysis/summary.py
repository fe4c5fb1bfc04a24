"""A short extractive summary for works whose author gave none: two or three narration
sentences that carry the story's most frequent content words and its main characters."""

from __future__ import annotations

import re
from collections import Counter

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.results import Evidence

_STOPWORDS_TEXT = """
a about above after again against all almost also am an and any are as at be because been
before being below between both but by can could did do does doing down during each even
ever every few for from further get got had has have having he her here hers herself him
himself his how i if in into is it its itself just like made make me more most much must
my myself no nor not now of off on once only or other our ours out over own really same
she should so some still such than that the their theirs them themselves then there these
they this those through to too under until up upon us very was we were what when where
which while who whom why will with would you your yours yourself back away one two thing
things know think way something nothing anything time look looks looked said says eyes
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[a-z][a-z'’]+")
_MIN_WORDS, _MAX_WORDS = 7, 40
SUMMARY_SENTENCES = 3
SUMMARY_MAX_WORDS = 70


def summarize(ctx: StoryContext, main_names: list[str]) -> tuple[str, tuple[Evidence, ...]]:
    doc = ctx.doc
    frequencies = Counter(
        word for word in _WORD.findall(doc.narration_lower) if word not in STOPWORDS
    )
    if not frequencies or not doc.sentences:
        return "", ()
    top = frequencies.most_common(1)[0][1]
    names = [name.split(" (")[0].lower() for name in main_names]
    scored = []
    count = len(doc.sentences)
    for position, (start, end) in enumerate(doc.sentences):
        narration = doc.narration_lower[start:end]
        if narration.strip() != doc.lower[start:end].strip():
            continue  # sentences with dialogue make poor summaries
        words = _WORD.findall(narration)
        if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
            continue
        content = [w for w in words if w not in STOPWORDS]
        weight = sum(frequencies[w] / top for w in content) / (len(words) ** 0.5)
        weight += 0.4 * sum(1 for name in names if name and name in narration)
        if position < count * 0.15:
            weight *= 1.4  # openings set the scene
        scored.append((weight, position))
    chosen = sorted(position for _, position in sorted(scored, reverse=True)[:SUMMARY_SENTENCES])
    sentences, evidence, words = [], [], 0
    for position in chosen:
        text = doc.sentence_text(position).strip()
        words += len(text.split())
        if sentences and words > SUMMARY_MAX_WORDS:
            break
        sentences.append(text)
        evidence.append(ctx.sentence_evidence(position))
    return " ".join(sentences), tuple(evidence)
