"""Books of several works: a series (every work of it the reader may download, in order) and a
reader's marked-for-later list. Each is cached under the works it holds, so readers who may see
the same works share one file, and any change to one of them makes a fresh file."""

from pathlib import Path

from django.conf import settings
from django.http import Http404

from fanshelf.library.reading_selectors import marked_works
from fanshelf.works.creators import series_creator_names
from fanshelf.works.selectors import listed_works
from fanshelf.works.series_selectors import series_works, visible_series

from .book import Book, Collection, book_for
from .epub import write_collection_epub
from .files import cached_file


def _downloadable(works, viewer) -> list:
    """Of `works`, in their order, those this viewer may download (posted, not hidden)."""
    allowed = set(
        listed_works(viewer=viewer)
        .filter(pk__in=[w.pk for w in works])
        .values_list("pk", flat=True)
    )
    return [work for work in works if work.pk in allowed]


def _books(works) -> list[Book]:
    return [book_for(work) for work in works]


def series_collection(*, viewer, series_id: int) -> Collection:
    series = visible_series(viewer=viewer).filter(pk=series_id).first()
    works = _downloadable(series_works(series=series, viewer=viewer), viewer) if series else []
    if not works:
        raise Http404("No such series, or none of its works can be downloaded.")
    return Collection(
        identifier=f"urn:fanshelf:series:{series.pk}",
        title=series.title,
        creators=series_creator_names(series, viewer),
        summary=series.summary,
        books=_books(works),
    )


def marked_collection(*, user) -> Collection:
    works = _downloadable(marked_works(user=user), user)
    if not works:
        raise Http404("Nothing marked for later can be downloaded.")
    return Collection(
        identifier=f"urn:fanshelf:marked-for-later:{user.pk}",
        title=f"Marked for later by {user.username}",
        creators=[],
        summary="",
        books=_books(works),
    )


def series_file(collection: Collection, *, series_id: int, viewer) -> Path:
    # Guests and members may see different works: a file for each, kept side by side.
    audience = "members" if viewer is not None and viewer.is_authenticated else "guests"
    return _file(collection, Path("series") / str(series_id) / audience)


def marked_file(collection: Collection, *, user) -> Path:
    return _file(collection, Path("readers") / str(user.pk))


def _file(collection: Collection, folder: Path) -> Path:
    return cached_file(
        settings.FANSHELF_DOWNLOADS_DIR / folder,
        collection.fingerprint,
        "epub",
        lambda out: write_collection_epub(collection, out),
    )
