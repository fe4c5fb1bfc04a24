"""Made files, kept on disk per work revision and format.

A file is named after the work's fingerprint (book.py), so any change to what goes into it
makes a new name and the old one is removed when the new one is made. A lock per work and format
makes readers who ask at once for a file not yet made wait for one build instead of each starting
their own; the file is written beside its final name and moved into place only when complete.
"""

import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from filelock import FileLock, Timeout

from .book import Book, Collection
from .epub import write_epub
from .formats import write_html, write_pdf, write_text
from .pages import byline

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    extension: str
    label: str
    media_type: str
    write: Callable[[Book, IO[bytes]], None] | None  # None: converted from the EPUB


FORMATS = {
    f.extension: f
    for f in (
        Format("epub", "EPUB", "application/epub+zip", write_epub),
        Format("pdf", "PDF", "application/pdf", write_pdf),
        Format("html", "HTML", "text/html", write_html),
        Format("txt", "TXT", "text/plain", write_text),
        Format("azw3", "AZW3", "application/vnd.amazon.ebook", None),
        Format("mobi", "MOBI", "application/x-mobipocket-ebook", None),
    )
}


def calibre_converter() -> str | None:
    return shutil.which(settings.FANSHELF_EBOOK_CONVERT)


def available_formats() -> list[Format]:
    """EPUB first (e-readers take the first acquisition link), then the others; Kindle formats
    only where Calibre is installed."""
    converter = calibre_converter()
    return [f for f in FORMATS.values() if f.write is not None or converter]


def _folder(work_id: int) -> Path:
    return settings.FANSHELF_DOWNLOADS_DIR / str(work_id)


def cached_file(
    folder: Path, key: str, extension: str, write: Callable[[IO[bytes]], None], *, wait=True
) -> Path | None:
    """The file `folder/key.extension`, made by `write` now if it isn't there yet; one build
    at a time per folder and extension, and the files of other keys removed once it is made.
    With wait=False, None when another build is under way instead of waiting for it."""
    target = folder / f"{key}.{extension}"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(
        folder / f"{extension}.lock",
        timeout=settings.FANSHELF_DOWNLOAD_LOCK_SECONDS if wait else 0,
    )
    try:
        lock.acquire()
    except Timeout:
        return None
    with lock:
        if target.exists():  # made by whoever held the lock before us
            return target
        handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(partial, target)
        finally:
            Path(partial).unlink(missing_ok=True)
        for old in folder.glob(f"*.{extension}"):
            if old != target:
                old.unlink(missing_ok=True)
    return target


def file_for(book: Book, extension: str, *, wait: bool = True) -> Path | None:
    """The file of this revision in this format, made now if it isn't there yet."""
    return cached_file(
        _folder(book.work_id),
        book.fingerprint,
        extension,
        lambda out: _build(book, extension, out),
        wait=wait,
    )


def made_file(book: Book, extension: str) -> Path | None:
    """The file if it is made already."""
    target = _folder(book.work_id) / f"{book.fingerprint}.{extension}"
    return target if target.exists() else None


def made_in_background(book: Book, extension: str) -> bool:
    """Whether a file too slow to make while the reader waits (a long work's PDF) is made by
    a job instead."""
    return extension == "pdf" and book.word_count > settings.FANSHELF_DOWNLOAD_PDF_INLINE_WORDS


class ConversionFailed(Exception):
    """Calibre's ebook-convert failed or took too long (its output is logged)."""


def _build(book: Book, extension: str, out: IO[bytes]) -> None:
    writer = FORMATS[extension].write
    if writer is not None:
        writer(book, out)
        return
    with tempfile.TemporaryDirectory(prefix="fanshelf-convert-") as folder:
        converted = Path(folder) / f"converted.{extension}"
        try:
            subprocess.run(
                [calibre_converter(), str(file_for(book, "epub")), str(converted)],
                check=True,
                capture_output=True,
                timeout=settings.FANSHELF_DOWNLOAD_LOCK_SECONDS,
            )
        except (OSError, subprocess.SubprocessError) as failure:
            output = getattr(failure, "stderr", None) or b""
            logger.error(
                "ebook-convert made no %s of work %s: %s %s",
                extension, book.work_id, failure, output[-2000:].decode(errors="replace"),
            )  # fmt: skip
            raise ConversionFailed(extension) from failure
        with converted.open("rb") as made:
            shutil.copyfileobj(made, out)


def forget_files(work_id: int) -> None:
    """Remove every made file of a work (it was deleted, hidden or made a draft)."""
    shutil.rmtree(_folder(work_id), ignore_errors=True)


_NAME_MAX_BYTES = 200  # before the extension, in UTF-8: under every file system's limit
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def file_name(book: Book | Collection, extension: str) -> str:
    """`<title> - <creator>.<ext>`, safe on Windows, macOS and Linux: no reserved characters
    or names, no trailing dots or spaces, at most 150 characters (and 200 bytes) before the
    extension."""
    names = (book.title, byline(book)) if book.creators else (book.title,)
    parts = [_UNSAFE.sub(" ", unicodedata.normalize("NFC", p)) for p in names]
    parts = [" ".join(p.split()).strip(" .") for p in parts]
    stem = " - ".join(p for p in parts if p)[:150]
    # File systems count bytes (ext4: 255) or UTF-16 units (Windows: 255); in UTF-8 a
    # Japanese title takes three bytes a character. Cut whole characters only.
    stem = stem.encode()[:_NAME_MAX_BYTES].decode(errors="ignore").strip(" .")
    if not stem or _RESERVED.match(stem):
        stem = f"fanshelf {book.identifier.rsplit(':', 1)[1]}" + (f" {stem}" if stem else "")
    return f"{stem}.{extension}"
