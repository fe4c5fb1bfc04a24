"""Every write to works and chapters. Each service checks the archive's limits, converts and
sanitizes text first, outside any transaction (a slow text must not hold the database's write
lock), then writes in one transaction: bad input leaves nothing half-written."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.html import strip_tags

from fanshelf.core.text import clean_name, clean_text, lookalike_words
from fanshelf.tags import services as tag_services
from fanshelf.tags.models import CHAPTER_WARNINGS

from .hooks import hold_reason
from .models import Chapter, Work
from .sanitize import SANITIZER_VERSION
from .signals import work_held, work_saved, work_visibility_changed
from .text_formats import TextFormat, html_word_count, to_clean_html


def _announce_saved(work: Work) -> None:
    work.changed_at = timezone.now()
    Work.objects.filter(pk=work.pk).update(changed_at=work.changed_at)
    # After commit, so search and analysis jobs never see a half-written work.
    transaction.on_commit(lambda: work_saved.send(sender=Work, work=work))


@dataclass(frozen=True)
class ChapterInput:
    text: str
    title: str = ""
    summary: str = ""
    notes_begin: str = ""
    notes_end: str = ""
    warnings: tuple[str, ...] = ()


def _check_length(label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(
            f"{label} is {len(value):,} characters long; the limit is {limit:,}.", code="too_long"
        )


def _clean_title(label: str, title: str) -> str:
    title = clean_name(title)
    _check_length(label, title, settings.FANSHELF_TITLE_MAX_LENGTH)
    disguised = lookalike_words(title)
    if disguised:
        raise ValidationError(
            f"{label} mixes letters of different alphabets in “{disguised[0]}” (for example a "
            "Cyrillic letter that looks like a Latin one); type it in one alphabet.",
            code="lookalike",
        )
    return title


def _html(label: str, value: str, text_format: str) -> str:
    """Clean HTML of a text field, or a ValidationError naming the field."""
    try:
        return to_clean_html(clean_text(value), text_format)
    except ValidationError as error:
        raise ValidationError(f"{label}: {' '.join(error.messages)}", code=error.code) from None


def _clean_work_fields(
    *,
    title: str,
    summary: str,
    notes_begin: str,
    notes_end: str,
    text_format: str,
    language: str,
    expected_chapters: int | None,
    restricted: bool,
    anonymous: bool,
) -> dict:
    """The work's own fields as stored, checked and sanitized; shared by create and update."""
    title = _clean_title("The title", title)
    if not title:
        raise ValidationError("A work needs a title.", code="required")
    _check_length("The summary", summary, settings.FANSHELF_SUMMARY_MAX_LENGTH)
    _check_length("The notes at the start", notes_begin, settings.FANSHELF_NOTES_MAX_LENGTH)
    _check_length("The notes at the end", notes_end, settings.FANSHELF_NOTES_MAX_LENGTH)
    _check_expected(expected_chapters)
    return {
        "title": title,
        "summary": _html("The summary", summary, text_format),
        "notes_begin": _html("The notes at the start", notes_begin, text_format),
        "notes_end": _html("The notes at the end", notes_end, text_format),
        "language": language,
        "expected_chapters": expected_chapters,
        "restricted": restricted,
        "anonymous": anonymous,
        "sanitizer_version": SANITIZER_VERSION,
    }


def _clean_chapter_fields(chapter: ChapterInput, *, text_format: str, label: str) -> dict:
    title = _clean_title(f"{label}'s title", chapter.title)
    _check_length(f"{label}'s summary", chapter.summary, settings.FANSHELF_SUMMARY_MAX_LENGTH)
    _check_length(
        f"{label}'s notes at the start", chapter.notes_begin, settings.FANSHELF_NOTES_MAX_LENGTH
    )
    _check_length(
        f"{label}'s notes at the end", chapter.notes_end, settings.FANSHELF_NOTES_MAX_LENGTH
    )
    _check_length(f"{label}'s text", chapter.text, settings.FANSHELF_CHAPTER_MAX_LENGTH)
    text = _html(f"{label}'s text", chapter.text, text_format)
    if not text.strip():
        raise ValidationError(f"{label} has no text.", code="required")
    unknown = [w for w in chapter.warnings if w not in CHAPTER_WARNINGS]
    if unknown:
        raise ValidationError(
            f"{label}: “{unknown[0]}” is not an archive warning.", code="invalid_warning"
        )
    return {
        "warnings": [w for w in CHAPTER_WARNINGS if w in chapter.warnings],
        "title": title,
        "summary": _html(f"{label}'s summary", chapter.summary, text_format),
        "notes_begin": _html(f"{label}'s notes at the start", chapter.notes_begin, text_format),
        "notes_end": _html(f"{label}'s notes at the end", chapter.notes_end, text_format),
        "text": text,
        "word_count": html_word_count(text),
        "sanitizer_version": SANITIZER_VERSION,
    }


def _check_chapter_count(count: int) -> None:
    if count > settings.FANSHELF_CHAPTERS_PER_WORK_MAX:
        raise ValidationError(
            f"A work can have at most {settings.FANSHELF_CHAPTERS_PER_WORK_MAX} chapters.",
            code="too_many",
        )


def _check_expected(expected_chapters: int | None) -> None:
    if expected_chapters is not None and not (
        1 <= expected_chapters <= settings.FANSHELF_CHAPTERS_PER_WORK_MAX
    ):
        raise ValidationError(
            "The expected number of chapters must be between 1 and "
            f"{settings.FANSHELF_CHAPTERS_PER_WORK_MAX}, or left empty if you don't know yet."
        )


def _refresh_counts(work: Work) -> None:
    """Recompute what listings show from the posted chapters (a draft counts all of its own)."""
    posted = [c for c in work.chapters.all() if c.posted or not work.posted]
    work.word_count = sum(c.word_count for c in posted)
    work.chapter_count = len(posted)
    work.complete = bool(work.expected_chapters) and work.chapter_count >= work.expected_chapters
    work.save(update_fields=["word_count", "chapter_count", "complete"])


def work_create(
    *,
    pseuds: Sequence,
    title: str,
    chapters: Sequence[ChapterInput],
    text_format: str = TextFormat.HTML,
    summary: str = "",
    notes_begin: str = "",
    notes_end: str = "",
    language: str = "en",
    expected_chapters: int | None = None,
    published_on: datetime.date | None = None,
    restricted: bool = False,
    anonymous: bool = False,
    post: bool = True,
    tags: dict | None = None,
) -> Work:
    """Create a work with its chapters (and `tags`, as tags.services.work_set_tags takes them),
    posted at once or saved as a draft."""
    if not pseuds:
        raise ValidationError("A work needs at least one creator.")
    if not chapters:
        raise ValidationError("A work needs at least one chapter.")
    _check_chapter_count(len(chapters))
    published_on = published_on or timezone.localdate()
    _check_publication_date(published_on)
    fields = _clean_work_fields(
        title=title,
        summary=summary,
        notes_begin=notes_begin,
        notes_end=notes_end,
        text_format=text_format,
        language=language,
        expected_chapters=expected_chapters,
        restricted=restricted,
        anonymous=anonymous,
    )
    chapter_fields = [
        _clean_chapter_fields(chapter, text_format=text_format, label=f"Chapter {position}")
        for position, chapter in enumerate(chapters, start=1)
    ]
    held = _publish_hold_reason(pseuds, fields, chapter_fields) if post else ""
    with transaction.atomic():
        work = Work.objects.create(**fields, published_on=published_on, posted=post)
        work.pseuds.set(pseuds)
        Chapter.objects.bulk_create(
            Chapter(work=work, position=position, posted=post, published_on=published_on, **cleaned)
            for position, cleaned in enumerate(chapter_fields, start=1)
        )
        _refresh_counts(work)
        if tags is not None:
            tag_services.work_set_tags(work=work, **tags)
        if held:
            _hold(work, held)
        _announce_saved(work)
    return work


def _publish_hold_reason(pseuds, fields: dict, chapter_fields: list[dict]) -> str:
    """Ask the registered checks (likely spam) before the transaction: they may be slow."""
    parts = [fields["title"], fields["summary"], fields["notes_begin"]]
    parts += [chapter["text"] for chapter in chapter_fields[:3]]
    text = strip_tags(" ".join(parts))
    return hold_reason(users=list({pseud.user for pseud in pseuds}), text=text)


def _hold(work: Work, reason: str) -> None:
    """A flagged work waits hidden for a moderator; its creators see why."""
    work.hidden_by_admin = True
    work.hidden_reason = reason
    work.save(update_fields=["hidden_by_admin", "hidden_reason"])
    work_held.send(sender=Work, work=work, reason=reason)


@transaction.atomic
def work_hide(*, work: Work, reason: str = "") -> Work:
    """A moderator hides the work from everyone but its creators; it leaves listings at once."""
    work.hidden_by_admin = True
    work.hidden_reason = reason
    work.save(update_fields=["hidden_by_admin", "hidden_reason"])
    work_visibility_changed.send(sender=Work, work=work)
    _announce_saved(work)
    return work


@transaction.atomic
def work_unhide(*, work: Work) -> Work:
    work.hidden_by_admin = False
    work.hidden_reason = ""
    work.save(update_fields=["hidden_by_admin", "hidden_reason"])
    work_visibility_changed.send(sender=Work, work=work)
    _announce_saved(work)
    return work


def _check_publication_date(published_on: datetime.date) -> None:
    if published_on > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError("The publication date can't be in the future.")


def work_update(
    *,
    work: Work,
    title: str,
    pseuds: Sequence = (),
    text_format: str = TextFormat.HTML,
    summary: str = "",
    notes_begin: str = "",
    notes_end: str = "",
    language: str = "en",
    expected_chapters: int | None = None,
    published_on: datetime.date | None = None,
    restricted: bool = False,
    anonymous: bool = False,
    tags: dict | None = None,
) -> Work:
    """Change the work's fields (and its `tags`, when given). `pseuds` replaces the editing
    creator's pseuds on the work; a co-creator's pseuds stay, since an editor can only choose
    among their own."""
    was_restricted, was_anonymous = work.restricted, work.anonymous
    if published_on:
        _check_publication_date(published_on)
    fields = _clean_work_fields(
        title=title,
        summary=summary,
        notes_begin=notes_begin,
        notes_end=notes_end,
        text_format=text_format,
        language=language,
        expected_chapters=expected_chapters,
        restricted=restricted,
        anonymous=anonymous,
    )
    with transaction.atomic():
        if published_on:
            work.published_on = published_on
        for field, value in fields.items():
            setattr(work, field, value)
        work.revised_at = timezone.now()
        work.save()
        if pseuds:
            editors = {pseud.user_id for pseud in pseuds}
            work.pseuds.set([*pseuds, *work.pseuds.exclude(user_id__in=editors)])
        _refresh_counts(work)
        if tags is not None:
            tag_services.work_set_tags(work=work, **tags)
        if (work.restricted, work.anonymous) != (was_restricted, was_anonymous):
            work_visibility_changed.send(sender=Work, work=work)
        _announce_saved(work)
    return work


def work_post(*, work: Work) -> Work:
    """Post a draft: the work and all its chapters become visible (unless a check holds it)."""
    held = _publish_hold_reason(
        work.pseuds.select_related("user"),
        {"title": work.title, "summary": work.summary, "notes_begin": work.notes_begin},
        list(work.chapters.order_by("position").values("text")[:3]),
    )
    with transaction.atomic():
        work.chapters.filter(posted=False).update(posted=True)
        work.posted = True
        work.revised_at = timezone.now()
        work.save(update_fields=["posted", "revised_at"])
        _refresh_counts(work)
        if held:
            _hold(work, held)
        _announce_saved(work)
    return work


def work_import(*, imported, pseuds: Sequence, post: bool = True, tags: dict | None = None) -> Work:
    """Post (or save as a draft) a work read from a file by `text_import.parse_upload`."""
    return work_create(
        pseuds=pseuds,
        tags=tags,
        title=imported.title,
        text_format=imported.text_format,
        notes_begin=imported.notes_begin,
        notes_end=imported.notes_end,
        expected_chapters=len(imported.chapters),
        chapters=[ChapterInput(**vars(chapter)) for chapter in imported.chapters],
        post=post,
    )


@transaction.atomic
def work_delete(*, work: Work) -> None:
    work.delete()


def chapter_add(
    *, work: Work, chapter: ChapterInput, text_format: str = TextFormat.HTML, post: bool = True
) -> Chapter:
    cleaned = _clean_chapter_fields(
        chapter, text_format=text_format, label=f"Chapter {work.chapters.count() + 1}"
    )
    with transaction.atomic():
        return _chapter_insert(work=work, cleaned=cleaned, post=post)


def _chapter_insert(*, work: Work, cleaned: dict, post: bool) -> Chapter:
    work = Work.objects.select_for_update().get(pk=work.pk)
    _check_chapter_count(work.chapters.count() + 1)
    position = (work.chapters.aggregate(last=Max("position"))["last"] or 0) + 1
    created = Chapter.objects.create(
        work=work, position=position, posted=post and work.posted, **cleaned
    )
    if created.posted:
        work.revised_at = timezone.now()
        work.save(update_fields=["revised_at"])
    _refresh_counts(work)
    _announce_saved(work)
    return created


def chapter_update(
    *, chapter: Chapter, data: ChapterInput, text_format: str = TextFormat.HTML
) -> Chapter:
    cleaned = _clean_chapter_fields(
        data, text_format=text_format, label=f"Chapter {chapter.position}"
    )
    with transaction.atomic():
        for field, value in cleaned.items():
            setattr(chapter, field, value)
        chapter.save()
        _refresh_counts(chapter.work)
        _announce_saved(chapter.work)
    return chapter


@transaction.atomic
def chapter_delete(*, chapter: Chapter) -> None:
    work = chapter.work
    if work.chapters.count() <= 1:
        raise ValidationError("A work needs at least one chapter; delete the work instead.")
    if (
        work.posted
        and chapter.posted
        and not work.chapters.filter(posted=True).exclude(pk=chapter.pk).exists()
    ):
        # Otherwise readers would find a posted work with nothing to read.
        raise ValidationError(
            "A posted work needs at least one posted chapter; post another chapter first, "
            "or delete the work instead."
        )
    position = chapter.position
    chapter.delete()
    later = work.chapters.filter(position__gt=position)
    # Two steps so that no two chapters hold one position, even for a moment.
    later.update(position=F("position") + settings.FANSHELF_CHAPTERS_PER_WORK_MAX + 1)
    work.chapters.filter(position__gt=settings.FANSHELF_CHAPTERS_PER_WORK_MAX).update(
        position=F("position") - settings.FANSHELF_CHAPTERS_PER_WORK_MAX - 2
    )
    _refresh_counts(work)
    _announce_saved(work)


@transaction.atomic
def chapters_reorder(*, work: Work, chapter_ids: Sequence[int]) -> None:
    """Put the work's chapters in the given order (a list of every chapter id, once each)."""
    current = list(work.chapters.values_list("pk", flat=True))
    if sorted(current) != sorted(chapter_ids):
        raise ValidationError("Give each of the work's chapters exactly one position.")
    shift = settings.FANSHELF_CHAPTERS_PER_WORK_MAX + 1
    work.chapters.update(position=F("position") + shift)
    for position, chapter_id in enumerate(chapter_ids, start=1):
        Chapter.objects.filter(pk=chapter_id).update(position=position)
    _announce_saved(work)
