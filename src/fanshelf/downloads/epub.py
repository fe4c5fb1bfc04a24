"""EPUB 3 written straight into a zip file, one chapter document at a time.

A writer of our own rather than a library: the format is a zip of a few XML files, and writing
them ourselves lets each chapter go to disk as soon as it is made (the libraries we looked at hold
the whole book in memory) and keeps every file valid for epubcheck. One work makes a book; a
series or a reading list makes one book of several works, each with its own title page.
"""

import zipfile
from dataclasses import dataclass, field
from html import escape
from typing import IO

from .book import Book, Collection
from .markup import to_text
from .pages import (
    chapter_section,
    collection_page,
    end_notes,
    stylesheet,
    text_direction,
    title_page,
)

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
_EPUB_NS = ' xmlns:epub="http://www.idpf.org/2007/ops"'


def _document(language: str, title: str, body: str, *, extra_ns: str = "") -> str:
    lang = escape(language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{extra_ns} xml:lang="{lang}" lang="{lang}" '
        f'dir="{text_direction(language)}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>{body}</body>\n</html>\n"
    )


@dataclass
class _Entry:
    href: str
    label: str
    children: list["_Entry"] = field(default_factory=list)

    def html(self) -> str:
        inner = "".join(child.html() for child in self.children)
        return (
            f'<li><a href="{self.href}">{escape(self.label)}</a>'
            + (f"<ol>{inner}</ol>" if inner else "")
            + "</li>"
        )


class _Epub:
    def __init__(self, out: IO[bytes]):
        self.archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        self.archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED
        )
        self.archive.writestr("META-INF/container.xml", _CONTAINER)
        self.archive.writestr("EPUB/style.css", stylesheet())
        self.documents: list[str] = []

    def add(self, name: str, language: str, title: str, body: str) -> str:
        self.archive.writestr(f"EPUB/{name}", _document(language, title, body))
        self.documents.append(name)
        return name

    def add_work(self, book: Book, prefix: str = "") -> _Entry:
        """A work's title page, chapters and end notes; its entry in the table of contents."""
        first = self.add(f"{prefix}title.xhtml", book.language, book.title, title_page(book))
        entry = _Entry(first, book.title if prefix else "Title page")
        for chapter in book.chapters():
            section = chapter_section(chapter, anchor=f"chapter-{chapter.position}")
            name = f"{prefix}chapter-{chapter.position:03d}.xhtml"
            entry.children.append(
                _Entry(self.add(name, book.language, chapter.heading, section), chapter.heading)
            )
        if book.notes_end:
            name = self.add(f"{prefix}end-notes.xhtml", book.language, "End notes", end_notes(book))
            entry.children.append(_Entry(name, "End notes"))
        return entry

    def finish(self, meta: Book | Collection, contents: list[_Entry]) -> None:
        self.archive.writestr("EPUB/nav.xhtml", _navigation(meta, contents))
        self.archive.writestr("EPUB/content.opf", _package(meta, self.documents))
        self.archive.close()


def _navigation(meta: Book | Collection, contents: list[_Entry]) -> str:
    items = "".join(entry.html() for entry in contents)
    start = next((entry.href for entry in contents[1:]), contents[0].href)
    body = (
        f'<nav epub:type="toc" id="toc"><h1>{escape(meta.title)}</h1><ol>{items}</ol></nav>'
        '<nav epub:type="landmarks" hidden="hidden"><h2>Landmarks</h2><ol>'
        f'<li><a epub:type="titlepage" href="{contents[0].href}">Title page</a></li>'
        f'<li><a epub:type="bodymatter" href="{start}">Start of the story</a></li></ol></nav>'
    )
    return _document(meta.language, meta.title, body, extra_ns=_EPUB_NS)


def _package(meta: Book | Collection, documents: list[str]) -> str:
    dc = [f'<dc:identifier id="uid">{escape(meta.identifier)}</dc:identifier>']
    dc.append(f"<dc:title>{escape(meta.title)}</dc:title>")
    dc.append(f"<dc:language>{escape(meta.language)}</dc:language>")
    dc += [
        f'<dc:creator id="creator{i}">{escape(name)}</dc:creator>'
        f'<meta refines="#creator{i}" property="role" scheme="marc:relators">aut</meta>'
        for i, name in enumerate(meta.creators, start=1)
    ]
    dc += [f"<dc:subject>{escape(subject)}</dc:subject>" for subject in meta.subjects]
    if meta.summary:
        dc.append(f"<dc:description>{escape(to_text(meta.summary))}</dc:description>")
    dc.append(f"<dc:date>{meta.published.isoformat()}</dc:date>")
    dc.append("<dc:publisher>Fanshelf</dc:publisher>")
    dc.append(f'<meta property="dcterms:modified">{meta.updated.isoformat()}T00:00:00Z</meta>')
    for i, (name, part) in enumerate(meta.series, start=1):
        dc.append(
            f'<meta property="belongs-to-collection" id="series{i}">{escape(name)}</meta>'
            f'<meta refines="#series{i}" property="collection-type">series</meta>'
            f'<meta refines="#series{i}" property="group-position">{part}</meta>'
        )
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="d{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in enumerate(documents)
    ]
    spine = "".join(f'<itemref idref="d{i}"/>' for i in range(len(documents)))
    direction = text_direction(meta.language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        + "".join(dc)
        + "</metadata>\n<manifest>"
        + "".join(manifest)
        + f'</manifest>\n<spine page-progression-direction="{direction}">{spine}'
        + '<itemref idref="nav" linear="no"/></spine>\n</package>\n'
    )


def write_epub(book: Book, out: IO[bytes]) -> None:
    epub = _Epub(out)
    entry = epub.add_work(book)
    epub.finish(book, [_Entry(entry.href, entry.label), *entry.children])


def write_collection_epub(collection: Collection, out: IO[bytes]) -> None:
    """Several works in one book: the collection's own title page, then each work in order."""
    epub = _Epub(out)
    epub.add("title.xhtml", collection.language, collection.title, collection_page(collection))
    contents = [_Entry("title.xhtml", collection.title)]
    for number, book in enumerate(collection.books, start=1):
        contents.append(epub.add_work(book, prefix=f"w{number:03d}-"))
    epub.finish(collection, contents)
