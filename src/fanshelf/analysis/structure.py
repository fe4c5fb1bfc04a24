"""The shape of a plain-text story: author's notes, chapters, scene breaks, words.

Import and the analyser share these rules, so a story is split the same way wherever it is read.
Offsets refer to the text after `normalize_newlines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Scripts written without spaces between words: each character counts as one word.
_UNSPACED_CHAR = re.compile(
    "[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_WORDLIKE = re.compile(r"\w")

# Two or more blank lines: the gap that sets notes apart from a story, or scenes apart in one.
_WIDE_GAP = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SCENE_BREAK_LINE = re.compile(r"^[ \t]*(?:[*~#=_\-+•·oOxX][ \t]*){3,}$|^[ \t]*(?:oOo|xXx)[ \t]*$")

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty"
)
_CHAPTER_HEADING = re.compile(
    rf"[ \t]*#{{0,3}}[ \t]*(?:(?:chapter|ch\.|part|book)[ \t]+(?:\d+|[ivxlc]+|{_NUMBER_WORDS})"
    rf"\b|prologue\b|epilogue\b)(?:[ \t]*[:.\-–—][ \t]*(?P<title>[^\n]*))?[ \t]*$",
    re.IGNORECASE,
)
_CHAPTER_HEADING_MAX_CHARS = 120

# Used with .match(text, pos): no "^", which would not anchor at pos.
# A note marked as one ("A/N:", "Author's note -", "Disclaimer:").
_NOTE_MARKER = re.compile(
    r"[ \t]*(?:\*\*)?(?:a/n|an|author'?s?’?s?[ \t]+notes?|notes?|disclaimer|warnings?|summary|"
    r"dedication)(?:\*\*)?[ \t]*[:\-–—]",
    re.IGNORECASE,
)
# Cues of an author speaking to readers rather than a narrator telling the story.
_AUTHOR_VOICE_CUES = tuple(
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for pattern in (
        r"\benjoy\b",
        r"\bthanks?\b|\bthank you\b",
        r"\bhope (?:you|u)\b",
        r"\blet me know\b",
        r"\b(?:reviews?|comments?|kudos|feedback)\b",
        r"\b(?:fic|fics|fanfic|fanfiction|one-?shot|drabble|prompt|beta'?d?|ficlet)\b",
        r"\b(?:fluff|angst|smut|whump|crack)\b",
        r"\bI (?:needed|wanted|decided|wrote|write|had to write|tried|own|don'?t own)\b",
        r"\b(?:this|the) (?:story|chapter|fic|piece|one)\b",
        r"\bdisclaimer\b|\bbelongs? to\b|\bcopyright\b",
        r"\bfor reading\b|\breaders?\b",
        r"^[ \t]*[-~—–][ \t]*\w[\w .'-]{0,40}(?:[:;]-?[)D(P])?[ \t]*$",  # a signature line
        r"[:;]-?[)D(P]|<3|\^\^",  # emoticons
    )
)
_AUTHOR_VOICE_MIN_CUES = 2
# Notes are short beside the story they frame.
NOTES_MAX_WORDS = 250
NOTES_MAX_SHARE = 0.34

Span = tuple[int, int]  # (start, end) offsets


@dataclass(frozen=True)
class ChapterText:
    title: str
    text: str
    offset: int
    notes_begin: str = ""
    notes_end: str = ""


@dataclass(frozen=True)
class StorySplit:
    notes_begin: str
    body: str
    notes_end: str
    body_offset: int
    chapters: tuple[ChapterText, ...]
    scene_breaks: tuple[int, ...]  # offsets in body where a new scene starts

    @property
    def has_chapter_headings(self) -> bool:
        return len(self.chapters) > 1 or bool(self.chapters and self.chapters[0].title)


def word_count(text: str) -> int:
    """Words separated by white space; each Chinese, Japanese, Korean or Thai character is one."""
    unspaced = len(_UNSPACED_CHAR.findall(text))
    if unspaced:
        text = _UNSPACED_CHAR.sub(" ", text)
    return unspaced + sum(1 for token in text.split() if _WORDLIKE.search(token))


def normalize_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate them, or, where a text has no blank lines,
    each line is one."""
    text = text.strip("\n")
    if not text.strip():
        return []
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [part.strip() for part in parts if part.strip()]


def is_scene_break(line: str) -> bool:
    return bool(_SCENE_BREAK_LINE.match(line))


def reads_as_notes(text: str) -> bool:
    """Whether a block of text is the author talking to readers."""
    if _NOTE_MARKER.match(text):
        return True
    if word_count(text) > NOTES_MAX_WORDS:
        return False
    cues = sum(1 for cue in _AUTHOR_VOICE_CUES if cue.search(_without_dialogue(text)))
    return cues >= _AUTHOR_VOICE_MIN_CUES


def _without_dialogue(text: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def _sections(text: str, start: int, end: int) -> list[Span]:
    """(start, end) of the blocks of text[start:end] between wide gaps, blank ends trimmed."""
    blocks, cursor = [], start
    for gap in _WIDE_GAP.finditer(text, start, end):
        blocks.append((cursor, gap.start()))
        cursor = gap.end()
    blocks.append((cursor, end))
    return [_trim(text, a, b) for a, b in blocks if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_notes(text: str, start: int, end: int) -> tuple[Span, Span, Span]:
    """Find notes at the two ends of text[start:end]: (notes_begin, body, notes_end) spans."""
    blocks = _detach_marked_notes(text, _sections(text, start, end))
    if not blocks:
        return (start, start), (start, end), (end, end)
    total_words = word_count(text[start:end])

    def is_note(block: Span) -> bool:
        block_text = text[block[0] : block[1]]
        return word_count(block_text) <= max(NOTES_MAX_SHARE * total_words, 1) and reads_as_notes(
            block_text
        )

    first = 1 if len(blocks) > 1 and is_note(blocks[0]) else 0
    last = len(blocks) - 1 if len(blocks) - first > 1 and is_note(blocks[-1]) else len(blocks)
    begin = (blocks[0][0], blocks[first - 1][1]) if first else (start, start)
    notes_end = (blocks[last][0], blocks[-1][1]) if last < len(blocks) else (end, end)
    return begin, (blocks[first][0], blocks[last - 1][1]), notes_end


def _detach_marked_notes(text: str, blocks: list[Span]) -> list[Span]:
    """A paragraph marked "A/N:" at either end is a note even without a wide gap around it."""
    if not blocks:
        return blocks
    paragraph_spans = _paragraph_spans(text, *blocks[0])
    if len(paragraph_spans) > 1 and _NOTE_MARKER.match(text, paragraph_spans[0][0]):
        blocks = [paragraph_spans[0], (paragraph_spans[1][0], blocks[0][1]), *blocks[1:]]
    paragraph_spans = _paragraph_spans(text, *blocks[-1])
    if len(paragraph_spans) > 1 and _NOTE_MARKER.match(text, paragraph_spans[-1][0]):
        blocks = [*blocks[:-1], (blocks[-1][0], paragraph_spans[-2][1]), paragraph_spans[-1]]
    return blocks


def _paragraph_spans(text: str, start: int, end: int) -> list[Span]:
    separator = _BLANK_LINE if _BLANK_LINE.search(text, start, end) else re.compile(r"\n")
    spans, cursor = [], start
    for gap in separator.finditer(text, start, end):
        spans.append((cursor, gap.start()))
        cursor = gap.end()
    spans.append((cursor, end))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _chapter_headings(text: str, start: int, end: int) -> list[re.Match]:
    headings = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        if line_end - line_start <= _CHAPTER_HEADING_MAX_CHARS:
            match = _CHAPTER_HEADING.match(text, line_start, line_end)
            if match:
                headings.append(match)
        line_start = line_end + 1
    return headings


def _scene_breaks(body: str) -> tuple[int, ...]:
    breaks = [gap.end() for gap in _WIDE_GAP.finditer(body)]
    offset = 0
    for line in body.split("\n"):
        if is_scene_break(line):
            breaks.append(offset + len(line) + 1)
        offset += len(line) + 1
    return tuple(sorted(set(b for b in breaks if b < len(body))))


def split_story(text: str) -> StorySplit:
    """Split a plain-text story into notes before it, its body (in chapters) and notes after it."""
    text = normalize_newlines(text)
    headings = _chapter_headings(text, 0, len(text))
    if not headings:
        begin, body, end = _split_notes(text, 0, len(text))
        body_text = text[body[0] : body[1]]
        chapter = ChapterText(title="", text=body_text, offset=body[0])
        return StorySplit(
            notes_begin=text[begin[0] : begin[1]],
            body=body_text,
            notes_end=text[end[0] : end[1]],
            body_offset=body[0],
            chapters=(chapter,),
            scene_breaks=_scene_breaks(body_text),
        )
    return _split_chaptered(text, headings)


def _split_chaptered(text: str, headings: list[re.Match]) -> StorySplit:
    notes_begin = ""
    chapters: list[ChapterText] = []
    prefix = _trim(text, 0, headings[0].start())
    if prefix[0] < prefix[1]:
        if reads_as_notes(text[prefix[0] : prefix[1]]):
            notes_begin = text[prefix[0] : prefix[1]]
        else:
            chapters.append(
                ChapterText(title="", text=text[prefix[0] : prefix[1]], offset=prefix[0])
            )
    body_start = headings[0].start() if notes_begin or not chapters else prefix[0]
    notes_end = ""
    for index, heading in enumerate(headings):
        stop = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        begin, body, end = _split_notes(text, heading.end(), stop)
        chapter_notes_end = text[end[0] : end[1]]
        if index == len(headings) - 1 and chapter_notes_end:
            notes_end, chapter_notes_end = chapter_notes_end, ""
            stop = end[0]
        chapters.append(
            ChapterText(
                title=(heading.group("title") or "").strip(),
                text=text[body[0] : body[1]],
                offset=body[0],
                notes_begin=text[begin[0] : begin[1]],
                notes_end=chapter_notes_end,
            )
        )
    body_end = _trim(text, body_start, stop)[1]
    body_text = text[body_start:body_end]
    return StorySplit(
        notes_begin=notes_begin,
        body=body_text,
        notes_end=notes_end,
        body_offset=body_start,
        chapters=tuple(chapters),
        scene_breaks=_scene_breaks(body_text),
    )
