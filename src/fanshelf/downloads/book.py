"""What goes into a downloaded file: a work's metadata as plain data, and its posted chapters
read from the database one at a time, so a 500-chapter work never sits in memory whole."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from fanshelf.tags.models import TagType
from fanshelf.tags.selectors import grouped_by_type
from fanshelf.works.creators import creator_names
from fanshelf.works.languages import LANGUAGES
from fanshelf.works.models import Chapter, SerialWork, Work
from fanshelf.works.selectors import listed_works

# Bump when the files' layout changes, so cached files are made again.
LAYOUT_VERSION = 2


@dataclass(frozen=True)
class ChapterPart:
    position: int
    heading: str
    summary: str
    notes_begin: str
    text: str
    notes_end: str
    word_count: int


@dataclass
class Book:
    work_id: int
    title: str
    creators: list[str]
    language: str
    summary: str
    notes_begin: str
    notes_end: str
    tag_groups: list[tuple[str, list[str]]]
    published: datetime.date
    updated: datetime.date
    word_count: int
    chapters_display: str
    chapter_count: int
    path: str
    fingerprint: str
    language_name: str = ""
    series: list[tuple[str, int]] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        """Stable for the work across revisions: readers' libraries match on it."""
        return f"urn:fanshelf:work:{self.work_id}"

    @property
    def subjects(self) -> list[str]:
        return [name for _, names in self.tag_groups for name in names]

    def tags_of(self, label: str) -> list[str]:
        return next((names for group, names in self.tag_groups if group == label), [])

    def chapters(self) -> Iterator[ChapterPart]:
        rows = (
            Chapter.objects.filter(work_id=self.work_id, posted=True)
            .order_by("position")
            .only("position", "title", "summary", "notes_begin", "text", "notes_end", "word_count")
        )
        for chapter in rows.iterator(chunk_size=2):
            yield ChapterPart(
                position=chapter.position,
                heading=chapter.heading,
                summary=chapter.summary,
                notes_begin=chapter.notes_begin,
                text=chapter.text,
                notes_end=chapter.notes_end,
                word_count=chapter.word_count,
            )


def downloadable_work(*, viewer, work_id: int) -> Work:
    """The work if this viewer may download it: what the work page shows, less drafts and
    hidden works, which are never made into files (not even for their creators)."""
    work = listed_works(viewer=viewer).filter(pk=work_id).prefetch_related("pseuds").first()
    if work is None:
        raise Http404("No such work, or you can't download it.")
    return work


def _series_of(work: Work) -> list[tuple[str, int]]:
    """(series title, part) for each series of the work, counting the series' posted works
    (the same for every reader, so one file serves them all)."""
    places = []
    for serial in SerialWork.objects.filter(work=work).select_related("series"):
        earlier = SerialWork.objects.filter(
            series_id=serial.series_id, work__posted=True, work__hidden_by_admin=False
        ).filter(Q(position__lt=serial.position) | Q(position=serial.position, pk__lt=serial.pk))
        places.append((serial.series.title, earlier.count() + 1))
    return sorted(places)


def book_for(work: Work) -> Book:
    # One file serves every reader, its creators too: an anonymous work's says Anonymous.
    pseuds = sorted(creator_names(work))
    series = _series_of(work)
    tags = list(work.taggings.select_related("tag").values_list("tag__type", "tag__name"))
    groups = [
        (label, [tag.name for tag in group])
        for label, group in grouped_by_type(_NamedTag(t, n) for t, n in tags)
    ]
    chapters = list(
        Chapter.objects.filter(work=work)
        .order_by("position")
        .values_list("pk", "position", "posted", "updated_at")
    )
    revision = [
        LAYOUT_VERSION,
        work.title, work.summary, work.notes_begin, work.notes_end, work.language,
        work.published_on, work.revised_at, work.expected_chapters, work.sanitizer_version,
        pseuds, sorted(tags), chapters, series,
    ]  # fmt: skip
    fingerprint = hashlib.sha256(repr(revision).encode()).hexdigest()[:20]
    return Book(
        work_id=work.pk,
        title=work.title,
        creators=pseuds,
        language=work.language,
        summary=work.summary,
        notes_begin=work.notes_begin,
        notes_end=work.notes_end,
        tag_groups=groups,
        published=work.published_on,
        updated=work.revised_at.date(),
        word_count=work.word_count,
        chapters_display=work.chapters_display,
        chapter_count=work.chapter_count,
        path=work.get_absolute_url(),
        fingerprint=fingerprint,
        language_name=dict(LANGUAGES).get(work.language, work.language),
        series=series,
    )


@dataclass
class Collection:
    """Several works made into one book: a series, or a reader's marked-for-later list."""

    identifier: str
    title: str
    creators: list[str]
    summary: str
    books: list[Book]
    series: list[tuple[str, int]] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.books[0].language if self.books else "en"

    @property
    def subjects(self) -> list[str]:
        return sorted({subject for book in self.books for subject in book.subjects})

    @property
    def published(self) -> datetime.date:
        return min((book.published for book in self.books), default=datetime.date.today())

    @property
    def updated(self) -> datetime.date:
        return max((book.updated for book in self.books), default=datetime.date.today())

    @property
    def fingerprint(self) -> str:
        parts = [LAYOUT_VERSION, self.title, self.summary, self.creators]
        parts += [book.fingerprint for book in self.books]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class _NamedTag:
    type: str
    name: str


RATING = TagType.RATING.label
WARNING = TagType.WARNING.label
FANDOM = TagType.FANDOM.label
