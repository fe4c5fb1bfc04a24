"""Every write to bookmarks and external works. A work's and a series' bookmark count is the
number of its public bookmarks, recomputed in the same transaction as the change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fanshelf.core.text import clean_name
from fanshelf.tags import services as tag_services
from fanshelf.tags.models import RATINGS, TagType
from fanshelf.tags.names import check_name
from fanshelf.works.models import Series, Work
from fanshelf.works.selectors import visibility_q
from fanshelf.works.series_selectors import visible_series
from fanshelf.works.text_formats import TextFormat, to_clean_html

from .models import Bookmark, ExternalWork


@dataclass(frozen=True)
class ExternalInput:
    url: str
    title: str
    creator: str
    summary: str = ""
    fandoms: Sequence[str] = ()
    rating: str = ""
    characters: Sequence[str] = ()
    relationships: Sequence[str] = ()
    freeforms: Sequence[str] = ()


def _tags(tag_type: str, names: Sequence[str], label: str) -> list:
    names = [check_name(name, label=label) for name in names if name.strip()]
    return tag_services.tags_for_names(tag_type=tag_type, names=names) if names else []


def _bookmarker_tags(names: Sequence[str]) -> list:
    limit = settings.FANSHELF_BOOKMARK_TAGS_MAX
    if len(names) > limit:
        raise ValidationError(
            f"A bookmark can have at most {limit} tags; this one has {len(names)}."
        )
    return _tags(TagType.FREEFORM, names, "Your tag")


def _clean_notes(notes: str, text_format: str) -> str:
    limit = settings.FANSHELF_BOOKMARK_NOTES_MAX_LENGTH
    if len(notes) > limit:
        raise ValidationError(
            f"The notes are {len(notes):,} characters long; the limit is {limit:,}."
        )
    return to_clean_html(notes, text_format) if notes.strip() else ""


def external_work_for(*, data: ExternalInput) -> ExternalWork:
    """The external work at this URL: found, or made from what the bookmarker gave."""
    existing = ExternalWork.objects.filter(url=data.url.strip()).first()
    if existing is not None:
        return existing
    for label, value in (("title", data.title), ("creator", data.creator)):
        if not value.strip():
            raise ValidationError(f"Give the external work's {label}.")
        if len(value) > 255:
            raise ValidationError(f"The {label} is too long (at most 255 characters).")
    if len(data.summary) > settings.FANSHELF_SUMMARY_MAX_LENGTH:
        raise ValidationError("The summary is too long.")
    if data.rating and data.rating not in RATINGS:
        raise ValidationError("Choose one of the ratings.")
    tags = [
        *_tags(TagType.FANDOM, data.fandoms, "Fandom"),
        *_tags(TagType.CHARACTER, data.characters, "Character"),
        *_tags(TagType.RELATIONSHIP, data.relationships, "Relationship"),
        *_tags(TagType.FREEFORM, data.freeforms, "Tag"),
        *_tags(TagType.RATING, [data.rating] if data.rating else [], "Rating"),
    ]
    if not any(tag.type == TagType.FANDOM for tag in tags):
        raise ValidationError("Give the external work's fandom.")
    external = ExternalWork.objects.create(
        url=data.url.strip(),
        title=clean_name(data.title),
        creator=clean_name(data.creator),
        summary=to_clean_html(data.summary, TextFormat.PLAIN),
    )
    external.tags.set(tags)
    return external


def _check_item(*, user, work, series, external) -> None:
    if sum(item is not None for item in (work, series, external)) != 1:
        raise ValidationError("Bookmark one work, series or external work.")
    if work is not None and not Work.objects.filter(visibility_q(user), pk=work.pk).exists():
        raise ValidationError("No such work, or you can't see it.")
    if series is not None and not visible_series(viewer=user).filter(pk=series.pk).exists():
        raise ValidationError("No such series, or you can't see it.")


def _recount(bookmark: Bookmark) -> None:
    """Count after locking the item's row: concurrent bookmarkers count one after the other,
    each seeing the other's committed bookmark, so no count is lost."""
    for model, item_id in ((Work, bookmark.work_id), (Series, bookmark.series_id)):
        if item_id is not None:
            list(model.objects.select_for_update().filter(pk=item_id).values_list("pk"))
            count = Bookmark.objects.filter(
                **{f"{model._meta.model_name}_id": item_id}, private=False
            ).count()
            model.objects.filter(pk=item_id).update(bookmark_count=count)


@transaction.atomic
def bookmark_create(
    *,
    user,
    work: Work | None = None,
    series: Series | None = None,
    external: ExternalWork | None = None,
    notes: str = "",
    tags: Sequence[str] = (),
    private: bool = False,
    rec: bool = False,
    text_format: str = TextFormat.PLAIN,
) -> Bookmark:
    _check_item(user=user, work=work, series=series, external=external)
    fields = {"notes": _clean_notes(notes, text_format), "private": private, "rec": rec}
    chosen_tags = _bookmarker_tags(tags)
    try:
        with transaction.atomic():
            bookmark = Bookmark.objects.create(
                user=user, work=work, series=series, external=external, **fields
            )
    except IntegrityError:
        raise ValidationError("You have already bookmarked this; edit that bookmark.") from None
    bookmark.tags.set(chosen_tags)
    _recount(bookmark)
    return bookmark


@transaction.atomic
def bookmark_update(
    *,
    bookmark: Bookmark,
    user,
    notes: str = "",
    tags: Sequence[str] = (),
    private: bool = False,
    rec: bool = False,
    text_format: str = TextFormat.PLAIN,
) -> Bookmark:
    if bookmark.user_id != user.pk:
        raise ValidationError("Only its owner can change a bookmark.")
    bookmark.notes = _clean_notes(notes, text_format)
    bookmark.private, bookmark.rec = private, rec
    bookmark.save()
    bookmark.tags.set(_bookmarker_tags(tags))
    _recount(bookmark)
    return bookmark


@transaction.atomic
def bookmark_delete(*, bookmark: Bookmark, user) -> None:
    if bookmark.user_id != user.pk:
        raise ValidationError("Only its owner can delete a bookmark.")
    bookmark.delete()
    _recount(bookmark)
