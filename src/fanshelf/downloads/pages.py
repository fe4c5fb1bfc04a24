"""The pieces every file format shares, as XHTML fragments: the title page with the work's
metadata, one section per chapter, the end notes. EPUB puts each in its own document; HTML and
PDF put them one after another in a single page."""

import unicodedata
from html import escape

from django.template.loader import render_to_string

from .book import Book, ChapterPart, Collection
from .markup import to_xhtml

RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "yi"}


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def stylesheet() -> str:
    return render_to_string("downloads/book.css")


def _direction_of(text: str) -> str:
    """The direction of a line of text, from its first letter that has one (numbers, dates and
    punctuation alone read left to right)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def byline(book: Book | Collection) -> str:
    return ", ".join(book.creators) if book.creators else "Anonymous"


def _block(css_class: str, heading: str, html: str, level: int = 2) -> str:
    if not html:
        return ""
    return (
        f'<section class="{css_class}"><h{level}>{escape(heading)}</h{level}>'
        f"{to_xhtml(html)}</section>"
    )


def title_page(book: Book) -> str:
    rows = [(label, ", ".join(names)) for label, names in book.tag_groups]
    rows += [("Language", book.language_name)]
    rows += [(f"Series, part {part}", name) for name, part in book.series]
    rows += [
        ("Published", book.published.isoformat()),
        ("Updated", book.updated.isoformat()),
        ("Words", f"{book.word_count:,}"),
        ("Chapters", book.chapters_display),
    ]
    # The labels are English; each value is isolated in its own direction, so that in a
    # right-to-left work "Rating:" keeps its colon and "1/?" doesn't read "?/1".
    facts = "".join(
        f'<dt dir="ltr">{escape(k)}</dt><dd><bdi dir="{_direction_of(v)}">{escape(v)}</bdi></dd>'
        for k, v in rows
    )
    return (
        f'<section class="title-page"><h1 class="work-title">{escape(book.title)}</h1>'
        f'<p class="byline">by {escape(byline(book))}</p>'
        f'<dl class="facts">{facts}</dl>'
        f"{_block('summary', 'Summary', book.summary)}"
        f"{_block('notes', 'Notes', book.notes_begin)}</section>"
    )


def chapter_section(chapter: ChapterPart, *, anchor: str) -> str:
    return (
        f'<section class="chapter" id="{anchor}"><h2 class="chapter-heading">'
        f"{escape(chapter.heading)}</h2>"
        f"{_block('summary', 'Chapter summary', chapter.summary, 3)}"
        f"{_block('notes', 'Chapter notes', chapter.notes_begin, 3)}"
        f'<div class="text">{to_xhtml(chapter.text)}</div>'
        f"{_block('notes end-notes', 'Chapter end notes', chapter.notes_end, 3)}</section>"
    )


def end_notes(book: Book) -> str:
    return _block("notes work-end-notes", "End notes", book.notes_end)


def collection_page(collection: Collection) -> str:
    works = "".join(
        f'<li>{escape(book.title)} <span class="byline">by {escape(byline(book))}</span></li>'
        for book in collection.books
    )
    creators = ""
    if collection.creators:
        creators = f'<p class="byline">by {escape(byline(collection))}</p>'
    return (
        f'<section class="title-page"><h1 class="work-title">{escape(collection.title)}</h1>'
        f"{creators}{_block('summary', 'Summary', collection.summary)}"
        f'<h2>Works</h2><ol class="collection-works">{works}</ol></section>'
    )
