"""HTML, plain text and PDF files of a work, each written chapter by chapter."""

import re
import tempfile
from html import escape
from pathlib import Path
from typing import IO

from django.conf import settings

from .book import Book
from .markup import to_text
from .pages import byline, chapter_section, end_notes, stylesheet, text_direction, title_page


def _html_head(book: Book, extra_css: str = "") -> str:
    lang = escape(book.language)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{text_direction(book.language)}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(book.title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f'<meta name="author" content="{escape(byline(book))}"/>'
        f"<style>{stylesheet()}{extra_css}</style></head>\n<body>\n"
    )


# A page read in a browser: lines of a readable length on a wide screen, chapters set apart.
_HTML_CSS = """
body { max-width: 38em; margin: 0 auto; padding: 0 1em 2em; }
section.chapter, section.work-end-notes { margin-top: 3em; }
"""


def write_html(book: Book, out: IO[bytes]) -> None:
    """One self-contained page: the stylesheet inline, nothing loaded from elsewhere; phones
    show it at their own width."""
    out.write(_html_head(book, _HTML_CSS).encode())
    out.write(title_page(book).encode())
    for chapter in book.chapters():
        out.write(chapter_section(chapter, anchor=f"chapter-{chapter.position}").encode())
    out.write(end_notes(book).encode())
    out.write(b"\n</body>\n</html>\n")


def _text_section(heading: str, html: str) -> str:
    return f"{heading}:\n\n{to_text(html)}\n\n" if html else ""


def write_text(book: Book, out: IO[bytes]) -> None:
    def put(text: str) -> None:
        out.write(text.replace("\n", "\r\n").encode())  # Windows' Notepad reads it too

    put(f"{book.title}\nby {byline(book)}\n\n")
    for label, names in book.tag_groups:
        put(f"{label}: {', '.join(names)}\n")
    for name, part in book.series:
        put(f"Series: part {part} of {name}\n")
    put(
        f"Language: {book.language_name}\nPublished: {book.published}\nUpdated: {book.updated}\n"
        f"Words: {book.word_count:,}\nChapters: {book.chapters_display}\n\n"
    )
    put(_text_section("Summary", book.summary) + _text_section("Notes", book.notes_begin))
    for chapter in book.chapters():
        put(f"\n{chapter.heading}\n{'=' * min(len(chapter.heading), 78)}\n\n")
        put(_text_section("Chapter summary", chapter.summary))
        put(_text_section("Chapter notes", chapter.notes_begin))
        put(to_text(chapter.text) + "\n\n")
        put(_text_section("Chapter end notes", chapter.notes_end))
    put(_text_section("End notes", book.notes_end))


_PDF_CSS = """
@page { size: A5; margin: 18mm 15mm 20mm;
        @bottom-center { content: counter(page); font-size: 9pt; } }
@page :first { counter-reset: page %(first_page)d; }
body { font-family: "DejaVu Serif", "Droid Sans Fallback", "Symbola", serif;
       font-size: 10.5pt; margin: 0; }
section.chapter { break-before: page; }
h1, h2 { bookmark-level: none; }
a { color: inherit; }
ol[type="a" s] { list-style-type: lower-alpha; } ol[type="A" s] { list-style-type: upper-alpha; }
ol[type="i" s] { list-style-type: lower-roman; } ol[type="I" s] { list-style-type: upper-roman; }
"""


_LIST_START = re.compile(r'<ol\b([^>]*?) start="([0-9]+)"')


def _with_list_starts(page: str) -> str:
    """WeasyPrint reads no `start` on a list: say it with the list's counter (in the PDF only;
    the other files keep no style attributes)."""
    return _LIST_START.sub(
        lambda m: f'<ol{m[1]} start="{m[2]}" style="counter-reset: list-item {int(m[2]) - 1}"',
        page,
    )


def _pdf_chunks(book: Book):
    """Chapters in groups of at most FANSHELF_DOWNLOAD_PDF_CHUNK_CHARS characters: each group is
    typeset on its own so memory stays bounded however long the work."""
    group, size = [], 0
    for chapter in book.chapters():
        length = len(chapter.text) + len(chapter.notes_begin) + len(chapter.notes_end)
        if group and size + length > settings.FANSHELF_DOWNLOAD_PDF_CHUNK_CHARS:
            yield group
            group, size = [], 0
        group.append(chapter)
        size += length
    yield group
    if book.notes_end:
        yield []  # the end notes, on pages of their own


def write_pdf(book: Book, out: IO[bytes]) -> None:
    import weasyprint  # slow to import; only the PDF needs it
    from pypdf import PdfWriter

    writer = PdfWriter()
    pages_done = 0
    with tempfile.TemporaryDirectory(prefix="fanshelf-pdf-") as folder:
        for number, chapters in enumerate(_pdf_chunks(book)):
            parts = [title_page(book)] if number == 0 else []
            starts = []
            for chapter in chapters:
                anchor = f"chapter-{chapter.position}"
                parts.append(chapter_section(chapter, anchor=anchor))
                starts.append((chapter.heading, anchor))
            if not chapters:
                parts.append(end_notes(book))
            css = _PDF_CSS % {"first_page": pages_done + 1}
            page = _html_head(book, css) + "".join(parts) + "</body></html>"
            document = weasyprint.HTML(string=_with_list_starts(page)).render()
            anchors = {
                anchor: index for index, p in enumerate(document.pages) for anchor in p.anchors
            }
            path = Path(folder) / f"{number}.pdf"
            document.write_pdf(path)
            del document
            writer.append(str(path), import_outline=False)
            for heading, anchor in starts:
                writer.add_outline_item(
                    title=heading, page_number=pages_done + anchors.get(anchor, 0)
                )
            pages_done = len(writer.pages)
        writer.add_metadata({"/Title": book.title, "/Author": byline(book)})
        writer.write(out)
