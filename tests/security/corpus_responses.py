"""The XSS corpus in the text fields the newer features added: comments (a guest's name too),
bookmarks and external works, series, and reports. Each field holds as many vectors as fit
(`packed`), and there are as many comments, bookmarks, series and reports as the tightest field
needs for every vector to reach every field; what a service refuses is counted with its message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from fanshelf.core.text import clean_text
from fanshelf.library import bookmark_services
from fanshelf.moderation.models import Report, TargetKind
from fanshelf.moderation.services import report_file
from fanshelf.responses import services as responses
from fanshelf.responses.models import CommentSettings
from fanshelf.tags.names import check_name
from fanshelf.works import series_services
from fanshelf.works.models import Work

from .corpus import FANDOM, FORMATS, packed, vectors

GUEST_NAME_MAX_LENGTH = 100  # responses.services._guest_details
EXTERNAL_TEXT_MAX_LENGTH = 255  # ExternalWork's title and creator
FIELD_NAMES = [
    "comment content",
    "guest comment name",
    "bookmark notes",
    "bookmarker's tag",
    "external work title",
    "external work creator",
    "external work summary",
    "external work tag",
    "series title",
    "series summary",
    "series notes",
    "report description",
]


@dataclass
class Responses:
    comment_work: object = None
    comments: list = field(default_factory=list)
    bookmarks: list = field(default_factory=list)
    bookmarked_works: list = field(default_factory=list)
    series: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    placements: int = 0


def _lines(*texts: str) -> int:
    return sum(len(text.split("\n")) for text in texts if text)


def _attempt(found: Responses, label: str, write):
    try:
        return write()
    except ValidationError as error:
        found.refused.append(f"{label}: {' '.join(error.messages)[:120]}")
        return None


def _tag_names(found: Responses, armed: list[str]) -> list[str]:
    names = []
    for vector in armed:
        if len(vector) > settings.FANSHELF_TAG_NAME_MAX_LENGTH:
            continue
        if _attempt(found, f"tag {vector[:30]!r}", lambda v=vector: check_name(v)) is not None:
            names.append(vector)
    return names


def build_responses(archive, *, author, reader) -> Responses:
    # These services are reached only through web forms, whose every value InputMiddleware has
    # passed through clean_text first (NUL and control characters gone); the corpus comes the
    # same way.
    armed = [clean_text(vector) for vector in vectors()]
    found = Responses()
    # The spam filter holds some of the corpus' works back; readers can't comment on those,
    # bookmark or report them.
    shown = set(Work.objects.filter(hidden_by_admin=False).values_list("pk", flat=True))
    visited = [work for work in archive.works_to_visit if work.pk in shown]
    _comments(found, armed, visited[0], author=author, reader=reader)
    tag_names = _tag_names(found, armed)
    _bookmarks(found, armed, tag_names, [w for w in archive.works if w.pk in shown], reader=reader)
    _external_bookmarks(found, armed, tag_names, reader=reader)
    _series(found, armed, visited, author=author)
    _reports(found, armed, visited, reader=reader)
    return found


def _comments(found: Responses, armed: list[str], work, *, author, reader) -> None:
    """The author's comments (approved), the reader's and guests' (held for approval, so they
    reach the author's queue and inbox); guests reply to the author's first comment, so its
    thread page shows every guest's name."""
    found.comment_work = work
    responses.comment_settings_update(
        work=work, permission=CommentSettings.Permission.ANYONE, moderated=True
    )
    contents = packed(armed, settings.FANSHELF_COMMENT_MAX_LENGTH)
    for user in (author, reader):
        for piece in contents:
            comment = _attempt(
                found,
                f"comment by {user.username}",
                lambda u=user, p=piece: responses.comment_post(work=work, user=u, content=p),
            )
            if comment is not None:
                found.comments.append(comment)
                found.placements += _lines(piece)
    root = found.comments[0]
    for number, name in enumerate(packed(armed, GUEST_NAME_MAX_LENGTH)):
        comment = _attempt(
            found,
            f"guest comment {number}",
            lambda n=name, i=number: responses.comment_post(
                work=work,
                user=AnonymousUser(),
                parent=root,
                content=f"Guest comment {i}:\n{n}",
                guest_name=n,
                guest_email=f"guest{i}@example.invalid",
                address=f"10.9.{i // 250}.{i % 250}",
            ),
        )
        if comment is not None:
            found.comments.append(comment)
            found.placements += 2 * _lines(name)


def _bookmarks(found, armed, tag_names, works, *, reader) -> None:
    """Notes in every text format, each piece on its own work; the bookmarker's tags spread
    over those bookmarks."""
    notes = packed(armed, settings.FANSHELF_BOOKMARK_NOTES_MAX_LENGTH)
    count = len(notes) * len(FORMATS)
    works = iter(works)
    for index in range(count):
        text_format, piece = FORMATS[index // len(notes)], notes[index % len(notes)]
        tags = tag_names[index::count]
        work = next(works)
        bookmark = _attempt(
            found,
            f"{text_format} bookmark",
            lambda w=work, p=piece, t=tags, f=text_format: bookmark_services.bookmark_create(
                user=reader, work=w, notes=p, tags=t, text_format=f
            ),
        )
        if bookmark is not None:
            found.bookmarks.append(bookmark)
            found.bookmarked_works.append(work)
            found.placements += _lines(piece) + len(tags)


def _external_bookmarks(found, armed, tag_names, *, reader) -> None:
    fields = {
        "title": packed(armed, EXTERNAL_TEXT_MAX_LENGTH),
        "creator": packed(armed, EXTERNAL_TEXT_MAX_LENGTH),
        "summary": packed(armed, settings.FANSHELF_SUMMARY_MAX_LENGTH),
    }
    count = max(len(pieces) for pieces in fields.values())
    for index in range(count):
        values = {name: pieces[index % len(pieces)] for name, pieces in fields.items()}
        tags = tag_names[index::count]
        data = bookmark_services.ExternalInput(
            url=f"https://x.invalid/external/{index}", fandoms=[FANDOM], freeforms=tags, **values
        )

        def bookmark(data=data):
            external = bookmark_services.external_work_for(data=data)
            return bookmark_services.bookmark_create(user=reader, external=external)

        made = _attempt(found, f"external work {index}", bookmark)
        if made is not None:
            found.bookmarks.append(made)
            found.placements += _lines(*values.values()) + len(tags)


def _series(found, armed, works, *, author) -> None:
    """Titles are stored as typed, so the first format's series carry them all; the other
    formats add the pieces of the summaries and notes they convert. Each series holds a work
    whose page is visited, so its series line shows the title."""
    fields = {
        "title": packed(armed, settings.FANSHELF_TITLE_MAX_LENGTH),
        "summary": packed(armed, settings.FANSHELF_SUMMARY_MAX_LENGTH),
        "notes": packed(armed, settings.FANSHELF_NOTES_MAX_LENGTH),
    }
    count = len(fields["title"])
    converted = max(len(fields["summary"]), len(fields["notes"]))
    for text_format in FORMATS:
        for index in range(count if text_format == FORMATS[0] else converted):
            values = {name: pieces[index % len(pieces)] for name, pieces in fields.items()}
            work = works[index % len(works)]

            def make(values=values, text_format=text_format, work=work):
                series = series_services.series_create(
                    pseuds=[author.default_pseud], editor=author, text_format=text_format, **values
                )
                series_services.series_add_work(series=series, work=work, editor=author)
                return series

            series = _attempt(found, f"{text_format} series {index}", make)
            if series is not None:
                found.series.append(series)
                found.placements += _lines(*values.values())


def _reports(found, armed, works, *, reader) -> None:
    """Reports of each kind that carries vectors (their snapshots keep them), the descriptions
    cycling through the pieces until every piece is filed."""
    descriptions = packed(armed, settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH)
    targets = [
        (TargetKind.WORK, works[0].pk),
        (TargetKind.CHAPTER, works[1].chapters.get().pk),
        (TargetKind.COMMENT, found.comments[0].pk),
        (TargetKind.BOOKMARK, found.bookmarks[0].pk),
        (TargetKind.BOOKMARK, found.bookmarks[-1].pk),
        (TargetKind.SERIES, found.series[0].pk),
        (TargetKind.PROFILE, works[0].pseuds.first().user_id),
    ]
    for index in range(max(len(descriptions), len(targets))):
        kind, target_id = targets[index % len(targets)]
        description = descriptions[index % len(descriptions)]
        report = _attempt(
            found,
            f"report of {kind}",
            lambda k=kind, t=target_id, d=description: report_file(
                reporter=reader, kind=k, target_id=t, reason=Report.Reason.values[0], description=d
            ),
        )
        if report is not None:
            found.reports.append(report)
            found.placements += _lines(description)
