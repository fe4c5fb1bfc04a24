"""What every pass of the analyser shares about one story."""

from __future__ import annotations

from dataclasses import dataclass, field

from fanshelf.analysis.index import KnowledgeIndex
from fanshelf.analysis.phrases import PhraseHit
from fanshelf.analysis.results import Evidence
from fanshelf.analysis.text import Segmented


@dataclass
class NotePart:
    doc: Segmented
    offset: int
    part: str  # "notes_begin" or "notes_end"
    phrases: dict[str, list[PhraseHit]] = field(default_factory=dict)

    def evidence(self, start: int, end: int) -> Evidence:
        index = self.doc.sentence_index(start)
        s_start, s_end = self.doc.sentences[index] if self.doc.sentences else (start, end)
        s_start, s_end = min(s_start, start), max(s_end, end)
        return Evidence(
            self.doc.text[s_start:s_end], s_start + self.offset, s_end + self.offset, self.part
        )


@dataclass
class StoryContext:
    doc: Segmented  # the body
    offset: int  # where the body starts in the analysed text
    notes: list[NotePart]
    index: KnowledgeIndex
    phrases: dict[str, list[PhraseHit]] = field(default_factory=dict)  # known phrases, by kind

    @property
    def words(self) -> int:
        return self.doc.words

    def sentence_evidence(self, sentence: int) -> Evidence:
        start, end = self.doc.sentences[sentence]
        return Evidence(self.doc.text[start:end], start + self.offset, end + self.offset)

    def evidence_at(self, offset: int) -> Evidence:
        return self.sentence_evidence(self.doc.sentence_index(offset))

    def span_evidence(self, start: int, end: int) -> Evidence:
        return Evidence(self.doc.text[start:end], start + self.offset, end + self.offset)
