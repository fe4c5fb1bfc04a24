"""Sanitized work HTML made fit for files: well-formed XHTML that EPUB 3 readers (and epubcheck)
accept, and plain text for the TXT format.

The sanitizer keeps some elements and attributes that HTML5 made obsolete (`center`, `big`,
`tt`, `align`...) and values nobody checked (`dir="sideways"`); here they become classes or go,
so the file validates without losing the author's intent. Remote images become links: an EPUB
may not load pictures from the web.
"""

import re
import textwrap
import unicodedata

from lxml import etree, html

XHTML_NS = "http://www.w3.org/1999/xhtml"
_OBSOLETE = {
    "center": ("div", "center"),
    "big": ("span", "big"),
    "tt": ("code", None),
    "strike": ("s", None),
    "acronym": ("abbr", None),
}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,6}$")
_ATTRIBUTE_VALUES = {
    "dir": {"ltr", "rtl", "auto"},
    "scope": {"row", "col", "rowgroup", "colgroup"},
    "type": {"1", "a", "A", "i", "I"},
}
_NUMBER_ATTRIBUTES = {"width", "height", "colspan", "rowspan", "span", "start"}
_ALIGNMENTS = {"left", "right", "center", "justify"}
_WEB_ADDRESS = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def _fragment(source: str) -> etree._Element:
    return html.fragment_fromstring(source or "", create_parent="div")


def _tidy_attributes(element, classes: list[str]) -> None:
    for name, value in list(element.attrib.items()):
        keep = True
        if name == "align":
            keep = False
            if value.strip().lower() in _ALIGNMENTS:
                classes.append(f"align-{value.strip().lower()}")
        elif name in _ATTRIBUTE_VALUES:
            keep = value.strip() in _ATTRIBUTE_VALUES[name]
        elif name in _NUMBER_ATTRIBUTES:
            keep = bool(_WHOLE_NUMBER.match(value.strip())) and not (
                name in {"colspan", "rowspan", "span"} and int(value) == 0
            )
        elif name == "lang":
            keep = bool(_LANGUAGE_TAG.match(value.strip()))
        elif name in {"cite", "href"}:
            keep = bool(_WEB_ADDRESS.match(value.strip()))
        elif name in {"name", "id", "class", "style"}:
            keep = False
        if not keep:
            del element.attrib[name]
    if classes:
        element.set("class", " ".join(classes))


def _tidy(root) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.drop_tree()
            continue
        tag = element.tag.lower()
        classes = []
        if tag in _OBSOLETE:
            element.tag, css_class = _OBSOLETE[tag]
            classes += [css_class] if css_class else []
        _tidy_attributes(element, classes)
        if element.tag == "colgroup" and len(element):
            element.attrib.pop("span", None)  # a column group sized by its columns has no span
        if element.tag == "img":
            _image_to_link(element)
        elif element.tag == "a" and not element.get("href"):
            element.drop_tag()  # a link to a place inside the site or the page: keep its words


def _image_to_link(image) -> None:
    source = image.get("src", "")
    words = image.get("alt") or "image"
    link = etree.Element("a", href=source) if _WEB_ADDRESS.match(source) else etree.Element("span")
    link.text = f"[{words}]"
    link.tail = image.tail
    image.getparent().replace(image, link)


def to_xhtml(source: str) -> str:
    """Sanitized HTML as an XHTML fragment (no namespace declarations: the caller's page
    holds them)."""
    if not source:
        return ""
    root = _fragment(source)
    _tidy(root)
    parts = [etree.tostring(child, encoding="unicode", method="xml") for child in root]
    leading = _escape(root.text or "")
    return leading + "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Plain text

_BLOCKS = {
    "p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre",
    "table", "tr", "ul", "ol", "dl", "figure", "figcaption", "details", "summary", "address",
    "center", "hr", "caption",
}  # fmt: skip


def _text_blocks(root) -> list[tuple[str, str]]:
    """(kind, text) for each block: kind is "pre" for preformatted, "quote" inside a
    blockquote, "item" for a list item, "rule" for a horizontal rule, else "text"."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    kind_stack: list[str] = ["text"]

    def flush():
        text = "".join(current)
        current.clear()
        if kind_stack[-1] != "pre":
            text = " ".join(text.split())
        if text.strip():
            blocks.append((kind_stack[-1], text))

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCKS
        if block:
            flush()
        if tag == "hr":
            blocks.append(("rule", "* * *"))
        if tag == "br":
            current.append("\n" if kind_stack[-1] == "pre" else " ")
        if tag == "img" and element.get("alt"):
            current.append(f"[{element.get('alt')}]")
        pushed = {"pre": "pre", "blockquote": "quote", "li": "item"}.get(tag)
        if pushed:
            kind_stack.append(pushed)
        if tag in {"td", "th"} and current:
            current.append(" | ")
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()
        if pushed:
            kind_stack.pop()

    root_text = root.text or ""
    current.append(root_text)
    for child in root:
        walk(child)
        if child.tail:
            current.append(child.tail)
    flush()
    return blocks


def _columns(text: str) -> int:
    """How many terminal columns text takes: Chinese, Japanese and Korean characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Punctuation that may not begin a line (kinsoku): it stays on the line before.
_NO_LINE_START = set(
    "、。，．・：；？！ー）」』】〕〉》’”〜…‥,.!?:;)]}ぁぃぅぇぉっゃゅょァィゥェォッャュョ"
)
_PIECE = re.compile(r"\s+|[^\s\u1100-\uffff]+|.", re.DOTALL)


def _fill(text: str, width: int, first: str = "", later: str = "") -> str:
    """Wrapped to `width` columns. Text with wide characters may break between any two of them
    (as Chinese and Japanese do), never before closing punctuation: the character before it
    moves down with it."""
    if _columns(text) == len(text):
        return textwrap.fill(text, width, initial_indent=first, subsequent_indent=later)
    lines, line = [], first
    for piece in _PIECE.findall(" ".join(text.split())):
        if _columns(line) + _columns(piece.rstrip()) <= width or line.strip() == first.strip():
            line += piece
        elif piece.isspace():
            lines.append(line.rstrip())
            line = later
        elif piece[0] in _NO_LINE_START and _columns(line[-1]) == 2:
            lines.append(line[:-1].rstrip())
            line = later + line[-1] + piece
        else:
            lines.append(line.rstrip())
            line = later + piece
    lines.append(line.rstrip())
    return "\n".join(lines)


def to_text(source: str, *, width: int = 78) -> str:
    """Sanitized HTML as wrapped plain text, one blank line between blocks."""
    if not source:
        return ""
    out = []
    for kind, text in _text_blocks(_fragment(source)):
        if kind == "pre":
            out.append(text.strip("\n"))
        elif kind == "rule":
            out.append(text.center(width).rstrip())
        elif kind == "quote":
            out.append(_fill(text, width, "> ", "> "))
        elif kind == "item":
            out.append(_fill(text, width, "- ", "  "))
        else:
            out.append(_fill(text, width))
    return "\n\n".join(out)
