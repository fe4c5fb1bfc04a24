"""Reading the files authors already have (.txt, .md, .html) into a work's parts.

Parts keep the file's own format (plain text, Markdown or HTML), so an author can move text
between notes and story in the preview before the posting service converts and sanitizes it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes
from django.conf import settings
from django.core.exceptions import ValidationError

from fanshelf.analysis.structure import ChapterText, StorySplit, split_story
from fanshelf.core.budget import spend_text_budget
from fanshelf.core.text import clean_text

from .html_tokens import tokens
from .sanitize import sanitize_html
from .text_formats import TextFormat

FORMATS_BY_SUFFIX = {
    ".txt": TextFormat.PLAIN,
    ".text": TextFormat.PLAIN,
    ".md": TextFormat.MARKDOWN,
    ".markdown": TextFormat.MARKDOWN,
    ".html": TextFormat.HTML,
    ".htm": TextFormat.HTML,
}
# How sure the encoding detector must be before we trust a file that is not UTF-8.
MIN_ENCODING_COHERENCE = 0.2
_LIKELIEST_LEGACY = ("cp1252", "latin_1")
# Control bytes (other than tab, line feed, form feed, carriage return) that make a file binary.
BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(sample: bytes) -> bool:
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(sample)


class UnreadableUpload(ValueError):
    """A file that can't be imported; the message names the file and what is wrong."""


@dataclass
class ImportedChapter:
    text: str
    title: str = ""
    notes_begin: str = ""
    notes_end: str = ""


@dataclass
class ImportedWork:
    filename: str
    title: str
    text_format: str
    notes_begin: str = ""
    notes_end: str = ""
    chapters: list[ImportedChapter] = field(default_factory=list)


def decode_upload(data: bytes, filename: str) -> str:
    """UTF-8 (with or without a byte-order mark); other encodings when the detector is sure."""
    # A stray NUL or control character in a text file is removed by clean_text; a file made of
    # them is binary (UTF-16 files, full of NULs, start with a byte-order mark).
    if _looks_binary(data[:4096]) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableUpload(f"{filename}: this looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.coherence < MIN_ENCODING_COHERENCE:
        raise UnreadableUpload(
            f"{filename}: the text is not UTF-8 and its encoding could not be recognised. "
            "Save the file as UTF-8 and upload it again."
        )
    # Western single-byte code pages often tie; Windows-1252 is what old story files mostly are.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(next((m for m in tied if m.encoding in _LIKELIEST_LEGACY), best))


def parse_upload(data: bytes, filename: str) -> ImportedWork:
    """Split one uploaded file into title, notes and chapters, or raise UnreadableUpload."""
    name = Path(filename).name
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS_BY_SUFFIX:
        allowed = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise UnreadableUpload(
            f"{name}: files of type “{suffix or 'none'}” can't be imported (allowed: {allowed})."
        )
    if len(data) > settings.FANSHELF_UPLOAD_MAX_BYTES:
        raise UnreadableUpload(
            f"{name}: the file is {len(data):,} bytes; the limit is "
            f"{settings.FANSHELF_UPLOAD_MAX_BYTES:,} bytes."
        )
    text = clean_text(decode_upload(data, name))
    if not text.strip():
        raise UnreadableUpload(f"{name}: the file is empty.")
    try:
        spend_text_budget()
        return _parse_text(text, name, FORMATS_BY_SUFFIX[suffix])
    except ValidationError as error:
        raise UnreadableUpload(f"{name}: {' '.join(error.messages)}") from None


def _parse_text(text: str, name: str, text_format: str) -> ImportedWork:
    if text_format == TextFormat.HTML:
        return _parse_html(text, name)
    title, text = (
        _leading_markdown_title(text) if text_format == TextFormat.MARKDOWN else ("", text)
    )
    return _from_split(split_story(text), name, title or _title_from_filename(name), text_format)


def _from_split(split: StorySplit, filename: str, title: str, text_format: str) -> ImportedWork:
    return ImportedWork(
        filename=filename,
        title=title,
        text_format=text_format,
        notes_begin=split.notes_begin,
        notes_end=split.notes_end,
        chapters=[_chapter(c) for c in split.chapters],
    )


def _chapter(chapter: ChapterText) -> ImportedChapter:
    return ImportedChapter(
        text=chapter.text,
        title=chapter.title,
        notes_begin=chapter.notes_begin,
        notes_end=chapter.notes_end,
    )


def _title_from_filename(filename: str) -> str:
    stem = re.sub(r"[_\-]+", " ", Path(filename).stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled"


_MARKDOWN_TITLE = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+)\n")


def _leading_markdown_title(text: str) -> tuple[str, str]:
    match = _MARKDOWN_TITLE.match(text)
    if not match or split_story(match.group(0)).has_chapter_headings:
        return "", text
    return match.group("title").strip(), text[match.end() :]


class _BlockCollector:
    """Top-level blocks of an HTML document's body, each as its own markup and as plain text,
    and the document's title, read in one linear pass (html_tokens)."""

    BLOCKS = {
        "p", "div", "blockquote", "ul", "ol", "table", "pre", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "center", "dl", "figure", "details",
    }  # fmt: skip
    # The document's frame, and elements whose content is never story text.
    FRAME = {"html", "head", "body", "meta", "link", "base"}
    SKIPPED = {"template", "noscript"}

    def __init__(self, markup: str):
        self.blocks: list[str] = []
        self.texts: list[str] = []
        self._title_parts: list[str] = []
        self._in_title = self._in_head = False
        self._skipping = ""
        self._depth = 0
        self._current: list[str] = []
        self._current_text: list[str] = []
        handlers = {"start": self._start, "end": self._end, "text": self._text}
        for token in tokens(markup):
            handlers[token.kind](token.name, token.raw)
        self._flush()

    @property
    def title(self) -> str:
        return " ".join(html.unescape("".join(self._title_parts)).split())

    def _start(self, tag: str, raw: str) -> None:
        if self._skipping:
            return
        if tag in self.SKIPPED:
            self._skipping = tag
        elif tag == "title":
            self._in_title = True
        elif tag in self.FRAME:
            self._in_head = tag == "head" or (self._in_head and tag != "body")
        elif not self._in_head:
            if tag in self.BLOCKS and self._depth == 0:
                self._flush()
            if tag in self.BLOCKS and tag != "hr":
                self._depth += 1
            self._current.append(raw)
            if tag == "hr" and self._depth == 0:
                self._flush()

    def _end(self, tag: str, raw: str) -> None:
        if self._skipping:
            self._skipping = "" if tag == self._skipping else self._skipping
        elif tag == "title":
            self._in_title = False
        elif tag in self.FRAME:
            self._in_head = self._in_head and tag not in ("head", "html")
        elif not self._in_head:
            self._current.append(f"</{tag}>")
            if tag in self.BLOCKS and tag != "hr" and self._depth > 0:
                self._depth -= 1
                if self._depth == 0:
                    self._flush()

    def _text(self, _name: str, raw: str) -> None:
        if self._skipping:
            return
        if self._in_title:
            self._title_parts.append(raw)
        elif not self._in_head:
            self._current.append(raw)
            self._current_text.append(raw)

    def _flush(self) -> None:
        block = "".join(self._current).strip()
        if block:
            self.blocks.append(block)
            self.texts.append(" ".join(html.unescape("".join(self._current_text)).split()))
        self._current = []
        self._current_text = []


def _parse_html(markup: str, filename: str) -> ImportedWork:
    """Apply the plain-text rules to the blocks' text, then map the split back onto the blocks."""
    collector = _BlockCollector(markup)
    plain_parts, starts, cursor = [], [], 0
    for block, text in zip(collector.blocks, collector.texts, strict=True):
        # A rule between blocks is the same wide gap as two blank lines in a text file.
        piece = "\n" if block.lower().startswith("<hr") else text + "\n\n"
        starts.append(cursor)
        plain_parts.append(piece)
        cursor += len(piece)
    plain = "".join(plain_parts)
    split = split_story(plain)

    def blocks_between(start: int, end: int) -> str:
        chosen = collector.blocks[bisect_left(starts, start) : bisect_left(starts, end)]
        return sanitize_html("\n".join(chosen))

    def span_of(text: str, hint: int = 0) -> tuple[int, int]:
        position = plain.find(text, hint) if text else hint
        return position, position + len(text)

    chapters = []
    for chapter in split.chapters:
        start, end = chapter.offset, chapter.offset + len(chapter.text)
        begin_span = span_of(chapter.notes_begin, max(0, start - len(chapter.notes_begin) - 256))
        end_span = span_of(chapter.notes_end, end)
        chapters.append(
            ImportedChapter(
                text=blocks_between(start, end),
                title=chapter.title,
                notes_begin=blocks_between(*begin_span) if chapter.notes_begin else "",
                notes_end=blocks_between(*end_span) if chapter.notes_end else "",
            )
        )
    notes_end_span = span_of(split.notes_end, split.body_offset + len(split.body))
    return ImportedWork(
        filename=filename,
        title=collector.title or _title_from_filename(filename),
        text_format=TextFormat.HTML,
        notes_begin=blocks_between(*span_of(split.notes_begin)) if split.notes_begin else "",
        notes_end=blocks_between(*notes_end_span) if split.notes_end else "",
        chapters=chapters,
    )
