"""Segmentation of a story body: paragraphs, sentences and quoted speech, all as offsets.

Everything here keeps offsets into the original string, so evidence can point back at the text.
`narration` is the text with quoted speech blanked out (same length), which lets narration-only
passes (point of view, tense, pronouns) run plain regexes without losing positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Sentence ends: terminal punctuation (and closing quotes/brackets) followed by space and
# something that can start a sentence; or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
# In hard-wrapped text a line break is only a space.
_SENTENCE_END_WRAPPED = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Capt|Sgt|Lt|Col|Gen|Rev|Jr|Sr|vs)|\b[A-Z])$"
)

_DOUBLE_QUOTE_LINE = re.compile(r"\"[^\"\n]*(?:\"|(?=\n)|\Z)|“[^”\n]*(?:”|(?=\n)|\Z)")
_DOUBLE_QUOTE_WRAPPED = re.compile(
    r"\"(?:[^\"\n]|\n(?![ \t]*\n))*(?:\"|(?=\n)|\Z)|“(?:[^”\n]|\n(?![ \t]*\n))*(?:”|(?=\n)|\Z)"
)
# Single-quote dialogue (common in British fics): an apostrophe inside a word never opens or
# closes a quote.
_SINGLE_QUOTE_LINE = re.compile(
    r"(?<![\w'’])'(?=\S)(?:[^'\n]|'(?=\w))*'(?!\w)|‘[^’\n]*(?:’(?!\w)|(?=\n)|\Z)"
)
_SINGLE_QUOTE_OPENING = re.compile(r"(?:^|[\s(])['‘](?=[A-Z])", re.MULTILINE)
_DOUBLE_QUOTE_CHAR = re.compile(r"[\"“”]")

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NON_EMPTY_LINE = re.compile(r"[^\n]*\S[^\n]*")
_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class Segmented:
    """A story body cut into paragraphs, sentences and quotes (spans are (start, end))."""

    text: str
    lower: str
    narration: str
    narration_lower: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    quotes: list[tuple[int, int]]
    words: int
    quoted_words: int
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _paragraph_starts: list[int] = field(default_factory=list, repr=False)
    _quote_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [start for start, _ in self.sentences]
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._quote_starts = [start for start, _ in self.quotes]

    @property
    def dialogue_share(self) -> float:
        return self.quoted_words / self.words if self.words else 0.0

    def sentence_index(self, offset: int) -> int:
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def paragraph_index(self, offset: int) -> int:
        return max(bisect_right(self._paragraph_starts, offset) - 1, 0)

    def quote_at(self, offset: int) -> int | None:
        """Index of the quote containing offset, or None when offset is in narration."""
        index = bisect_right(self._quote_starts, offset) - 1
        if index >= 0 and offset < self.quotes[index][1]:
            return index
        return None

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]


def is_hard_wrapped(text: str) -> bool:
    """Blank-line paragraphs whose lines were wrapped at a fixed width (e-text style)."""
    blocks = [block for block in _BLANK_LINE.split(text) if block.strip()]
    if len(blocks) < 2:
        return False
    lines = text.count("\n") + 1 - (len(blocks) - 1)
    longest = max((len(line) for line in text.split("\n")), default=0)
    return lines >= 1.8 * len(blocks) and longest <= 100


def find_paragraphs(text: str, wrapped: bool) -> list[tuple[int, int]]:
    pattern = _BLOCK if wrapped else _NON_EMPTY_LINE
    spans = []
    for match in pattern.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def find_quotes(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """Spans of quoted speech, quote marks included. A quote left open at a paragraph's end
    (the convention for speech running over several paragraphs) closes there."""
    doubles = len(_DOUBLE_QUOTE_CHAR.findall(text))
    singles = len(_SINGLE_QUOTE_OPENING.findall(text))
    if singles > 2 * doubles + 2:
        pattern = _SINGLE_QUOTE_LINE
    else:
        pattern = _DOUBLE_QUOTE_WRAPPED if wrapped else _DOUBLE_QUOTE_LINE
    return [match.span() for match in pattern.finditer(text) if match.end() - match.start() > 1]


def find_sentences(
    text: str, paragraphs: list[tuple[int, int]], wrapped: bool = False
) -> list[tuple[int, int]]:
    boundary = _SENTENCE_END_WRAPPED if wrapped else _SENTENCE_END
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs:
        cursor = para_start
        for match in boundary.finditer(text, para_start, para_end):
            if match.group().startswith("."):
                before = text[max(match.start() - 5, para_start) : match.start()]
                if _ABBREVIATION_BEFORE.search(before):
                    continue
            end = match.start() + len(match.group().rstrip())
            if end > cursor:
                spans.append((cursor, end))
            cursor = match.end()
        if cursor < para_end:
            spans.append((cursor, para_end))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """text with every span replaced by spaces (newlines kept), same length."""
    if not spans:
        return text
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        piece = text[start:end]
        pieces.append(" " * len(piece) if "\n" not in piece else re.sub(r"[^\n]", " ", piece))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def starts_sentence(text: str, offset: int) -> bool:
    """Whether a word at `offset` opens a sentence, a line or a quote (so its capital letter
    says nothing about it being a name)."""
    before = text[max(0, offset - 4) : offset].rstrip(" \t")
    if len(before) >= 2 and before[-1] in "\"”’'" and before[-2] == ",":
        return False  # a speech tag: '"Wait," Jack said'
    return not before or before[-1] in ".!?\"“”‘'’—–-:\n(…*_~"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def segment(text: str) -> Segmented:
    wrapped = is_hard_wrapped(text)
    paragraphs = find_paragraphs(text, wrapped)
    quotes = find_quotes(text, wrapped)
    narration = blank_spans(text, quotes)
    words = count_words(text)
    quoted_words = words - count_words(narration)
    return Segmented(
        text=text,
        lower=text.lower(),
        narration=narration,
        narration_lower=narration.lower(),
        paragraphs=paragraphs,
        sentences=find_sentences(text, paragraphs, wrapped),
        quotes=quotes,
        words=words,
        quoted_words=quoted_words,
    )
