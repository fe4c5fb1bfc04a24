"""Turning what authors type (HTML, Markdown or plain text) into clean HTML, and back to text."""

import html
import re

from django.db import models
from markdown_it import MarkdownIt

from fanshelf.analysis.structure import is_scene_break, normalize_newlines, paragraphs, word_count

from .sanitize import sanitize_html

_markdown = (
    MarkdownIt("commonmark", {"html": True, "breaks": False})
    .enable("table")
    .enable("strikethrough")
)
_WIDE_GAP = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|tr|pre)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


class TextFormat(models.TextChoices):
    HTML = "html", "Rich text (HTML)"
    MARKDOWN = "markdown", "Markdown"
    PLAIN = "plain", "Plain text"


def plain_to_html(text: str) -> str:
    """Paragraphs from blank lines (or from single line breaks where there are no blank lines);
    a wider gap or a line of asterisks marks a scene break."""
    text = normalize_newlines(text)
    parts = []
    for scene_index, scene in enumerate(_WIDE_GAP.split(text.strip("\n"))):
        if scene_index and scene.strip():
            parts.append("<hr>")
        for paragraph in paragraphs(scene):
            if is_scene_break(paragraph):
                parts.append("<hr>")
                continue
            lines = [html.escape(line.strip()) for line in paragraph.split("\n")]
            parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "\n".join(parts)


def to_clean_html(text: str, text_format: str) -> str:
    if text_format == TextFormat.PLAIN:
        converted = plain_to_html(text)
    elif text_format == TextFormat.MARKDOWN:
        converted = _markdown.render(normalize_newlines(text))
    else:
        converted = text
    return sanitize_html(converted)


def html_to_text(markup: str) -> str:
    """Readable plain text of stored HTML: one paragraph a line, tags gone, entities decoded."""
    text = _BLOCK_END.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def html_word_count(markup: str) -> int:
    return word_count(html_to_text(markup))
