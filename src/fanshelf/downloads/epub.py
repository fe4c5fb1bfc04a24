"""EPUB 3 written straight into a zip file, one chapter document at a time.

A writer of our own rather than a library: the format is a zip of a few XML files, and writing
them ourselves lets each chapter go to disk as soon as it is made (the libraries we looked at hold
the whole book in memory) and keeps every file valid for epubcheck.
"""

import zipfile
from html import escape
from typing import IO

from .book import Book
from .markup import to_text
from .pages import chapter_section, end_notes, stylesheet, text_direction, title_page

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _document(book: Book, title: str, body: str, *, extra_ns: str = "") -> str:
    lang = escape(book.language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{extra_ns} xml:lang="{lang}" lang="{lang}" '
        f'dir="{text_direction(book.language)}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>{body}</body>\n</html>\n"
    )


def _navigation(book: Book, entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in entries)
    story_start = entries[1][0] if len(entries) > 1 else "title.xhtml"
    body = (
        f'<nav epub:type="toc" id="toc"><h1>{escape(book.title)}</h1><ol>{items}</ol></nav>'
        '<nav epub:type="landmarks" hidden="hidden"><h2>Landmarks</h2><ol>'
        '<li><a epub:type="titlepage" href="title.xhtml">Title page</a></li>'
        f'<li><a epub:type="bodymatter" href="{story_start}">'
        "Start of the story</a></li></ol></nav>"
    )
    return _document(book, book.title, body, extra_ns=' xmlns:epub="http://www.idpf.org/2007/ops"')


def _package(book: Book, documents: list[str]) -> str:
    dc = [f'<dc:identifier id="uid">{escape(book.identifier)}</dc:identifier>']
    dc.append(f"<dc:title>{escape(book.title)}</dc:title>")
    dc.append(f"<dc:language>{escape(book.language)}</dc:language>")
    dc += [
        f'<dc:creator id="creator{i}">{escape(name)}</dc:creator>'
        f'<meta refines="#creator{i}" property="role" scheme="marc:relators">aut</meta>'
        for i, name in enumerate(book.creators, start=1)
    ]
    dc += [f"<dc:subject>{escape(subject)}</dc:subject>" for subject in book.subjects]
    if book.summary:
        dc.append(f"<dc:description>{escape(to_text(book.summary))}</dc:description>")
    dc.append(f"<dc:date>{book.published.isoformat()}</dc:date>")
    dc.append("<dc:publisher>Fanshelf</dc:publisher>")
    dc.append(f'<meta property="dcterms:modified">{book.updated.isoformat()}T00:00:00Z</meta>')
    for i, (name, part) in enumerate(book.series, start=1):
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
    direction = text_direction(book.language)
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
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", _CONTAINER)
        archive.writestr("EPUB/style.css", stylesheet())
        documents = ["title.xhtml"]
        entries = [("title.xhtml", "Title page")]
        archive.writestr("EPUB/title.xhtml", _document(book, book.title, title_page(book)))
        for chapter in book.chapters():
            name = f"chapter-{chapter.position:03d}.xhtml"
            section = chapter_section(chapter, anchor=f"chapter-{chapter.position}")
            archive.writestr(f"EPUB/{name}", _document(book, chapter.heading, section))
            documents.append(name)
            entries.append((name, chapter.heading))
        if book.notes_end:
            archive.writestr("EPUB/end-notes.xhtml", _document(book, "End notes", end_notes(book)))
            documents.append("end-notes.xhtml")
            entries.append(("end-notes.xhtml", "End notes"))
        archive.writestr("EPUB/nav.xhtml", _navigation(book, entries))
        archive.writestr("EPUB/content.opf", _package(book, documents))
