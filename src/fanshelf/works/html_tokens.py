"""A linear tokenizer for the HTML of imported files: start tags, end tags and text, in order.

The standard library's HTMLParser (Python 3.11) takes quadratic time on unclosed comments and
markup sections, and raises on some of them, so imports read files with this one instead: every
search moves forward, and a search that finds nothing is never repeated, so the time is linear in
the file's length. Comments, doctypes and processing instructions are skipped; the content of
<script> and <style> is skipped; an unclosed construct is read as a browser would, to the end.
It only splits the file into blocks: every block still goes through the sanitizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_TAG_STOP = re.compile(r"[>\"']")
# Elements whose content is not markup: skipped (raw text) or kept as text (title).
RAW_TEXT = {"script", "style"}
TITLE = "title"


class Token(NamedTuple):
    kind: str  # "start", "end" or "text"
    name: str  # lower-case tag name; "" for text
    raw: str  # the markup as written


class _Finder:
    """str.find that remembers a failed search, so it is never repeated further on."""

    def __init__(self, text: str):
        self.text = text
        self.missing_from: dict[str, int] = {}

    def find(self, needle: str, start: int) -> int:
        if start >= self.missing_from.get(needle, len(self.text) + 1):
            return -1
        found = self.text.find(needle, start)
        if found < 0:
            self.missing_from[needle] = start
        return found


def _tag_end(markup: str, finder: _Finder, position: int) -> int:
    """Index of the ">" ending the tag whose attributes start at `position`, skipping quoted
    values; -1 when the tag never ends."""
    while True:
        stop = _TAG_STOP.search(markup, position)
        if stop is None:
            return -1
        if stop.group() == ">":
            return stop.start()
        closing = finder.find(stop.group(), stop.start() + 1)
        # An unmatched quote is an ordinary character.
        position = closing + 1 if closing >= 0 else stop.start() + 1


def tokens(markup: str) -> Iterator[Token]:
    finder = _Finder(markup)
    lower = _Finder(markup.lower())
    position, length = 0, len(markup)
    while position < length:
        opening = finder.find("<", position)
        if opening < 0:
            yield Token("text", "", markup[position:])
            return
        if opening > position:
            yield Token("text", "", markup[position:opening])
        after = opening + 1
        if markup.startswith("!--", after):
            close = finder.find("-->", after + 3)
            position = close + 3 if close >= 0 else length
            continue
        if markup.startswith(("!", "?"), after):
            close = finder.find(">", after)
            position = close + 1 if close >= 0 else length
            continue
        closing_tag = markup.startswith("/", after)
        name = _NAME.match(markup, after + 1 if closing_tag else after)
        if name is None:
            yield Token("text", "", "<")
            position = after
            continue
        end = _tag_end(markup, finder, name.end())
        if end < 0:
            yield Token("text", "", markup[opening:])
            return
        tag = name.group().lower()
        raw = markup[opening : end + 1]
        position = end + 1
        if closing_tag:
            yield Token("end", tag, raw)
            continue
        if tag in RAW_TEXT or tag == TITLE:
            close = lower.find(f"</{tag}", position)
            if close < 0:
                # Unclosed: a browser would read the rest as this element's text; skip the tag.
                continue
            if tag == TITLE:
                yield Token("start", tag, raw)
                yield Token("text", "", markup[position:close])
            close_end = finder.find(">", close)
            position = close_end + 1 if close_end >= 0 else length
            if tag == TITLE:
                yield Token("end", tag, markup[close:position])
            continue
        yield Token("start", tag, raw)
