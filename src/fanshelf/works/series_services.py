"""Every write to series: create, edit, add and remove works, reorder. Only a creator of a
series changes it; only a creator of a work adds that work to a series."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fanshelf.core.text import clean_name

from .models import SerialWork, Series, Work
from .signals import series_work_added
from .text_formats import TextFormat, to_clean_html


def _check_length(label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(f"{label} is {len(value):,} characters long; the limit is {limit:,}.")


def _clean_fields(*, title: str, summary: str, notes: str, text_format: str) -> dict:
    title = clean_name(title)  # no invisible or direction characters in a title readers see
    if not title:
        raise ValidationError("A series needs a title.")
    _check_length("The title", title, settings.FANSHELF_TITLE_MAX_LENGTH)
    _check_length("The summary", summary, settings.FANSHELF_SUMMARY_MAX_LENGTH)
    _check_length("The notes", notes, settings.FANSHELF_NOTES_MAX_LENGTH)
    return {
        "title": title,
        "summary": to_clean_html(summary, text_format),
        "notes": to_clean_html(notes, text_format),
    }


def _check_creators(series: Series | None, pseuds: Sequence, *, editor) -> None:
    """A series' creators are the editor's pseuds and pseuds of the works' co-creators."""
    if not pseuds:
        raise ValidationError("A series needs at least one creator.")
    allowed = {editor.pk}
    if series is not None:
        allowed |= set(series.works.values_list("pseuds__user_id", flat=True))
    if any(pseud.user_id not in allowed for pseud in pseuds):
        raise ValidationError("A series' creators must be creators of its works.")
    if not any(pseud.user_id == editor.pk for pseud in pseuds):
        raise ValidationError("Keep at least one of your own pseuds among the creators.")


def is_series_creator(*, user, series: Series) -> bool:
    return user.is_authenticated and series.pseuds.filter(user=user).exists()


@transaction.atomic
def series_create(
    *,
    pseuds: Sequence,
    editor,
    title: str,
    summary: str = "",
    notes: str = "",
    complete: bool = False,
    text_format: str = TextFormat.PLAIN,
) -> Series:
    _check_creators(None, pseuds, editor=editor)
    series = Series.objects.create(
        **_clean_fields(title=title, summary=summary, notes=notes, text_format=text_format),
        complete=complete,
    )
    series.pseuds.set(pseuds)
    return series


@transaction.atomic
def series_update(
    *,
    series: Series,
    editor,
    title: str,
    pseuds: Sequence = (),
    summary: str = "",
    notes: str = "",
    complete: bool = False,
    text_format: str = TextFormat.PLAIN,
) -> Series:
    if not is_series_creator(user=editor, series=series):
        raise ValidationError("Only a creator of the series can change it.")
    for field, value in _clean_fields(
        title=title, summary=summary, notes=notes, text_format=text_format
    ).items():
        setattr(series, field, value)
    series.complete = complete
    series.updated_at = timezone.now()
    series.save()
    if pseuds:
        _check_creators(series, pseuds, editor=editor)
        series.pseuds.set(pseuds)
    return series


@transaction.atomic
def series_delete(*, series: Series, editor) -> None:
    """Delete the series; its works stay."""
    if not is_series_creator(user=editor, series=series):
        raise ValidationError("Only a creator of the series can delete it.")
    series.delete()


@transaction.atomic
def series_add_work(*, series: Series, work: Work, editor) -> SerialWork:
    """Put the work at the end of the series (a work already in it stays where it is)."""
    if not work.pseuds.filter(user=editor).exists():
        raise ValidationError("You can only add your own works to a series.")
    if not is_series_creator(user=editor, series=series):
        raise ValidationError("You can only add works to your own series.")
    series = Series.objects.select_for_update().get(pk=series.pk)
    existing = SerialWork.objects.filter(series=series, work=work).first()
    if existing is not None:
        return existing
    last = series.serial_works.aggregate(last=Max("position"))["last"] or 0
    serial = SerialWork.objects.create(series=series, work=work, position=last + 1)
    series.updated_at = timezone.now()
    series.save(update_fields=["updated_at"])
    transaction.on_commit(lambda: series_work_added.send(sender=Series, series=series, work=work))
    return serial


@transaction.atomic
def series_remove_work(*, series: Series, work: Work, editor) -> None:
    if not (is_series_creator(user=editor, series=series) or work.pseuds.filter(user=editor)):
        raise ValidationError("Only a creator of the series or of the work can remove it.")
    SerialWork.objects.filter(series=series, work=work).delete()
    series_reorder(series=series, work_ids=list(_work_ids(series)), editor=None)


def _work_ids(series: Series) -> list[int]:
    return list(series.serial_works.order_by("position", "pk").values_list("work_id", flat=True))


@transaction.atomic
def series_reorder(*, series: Series, work_ids: Sequence[int], editor) -> None:
    """Number the series' works 1, 2, 3... in the given order (every work once). `editor`
    None is the archive itself renumbering after a removal."""
    if editor is not None and not is_series_creator(user=editor, series=series):
        raise ValidationError("Only a creator of the series can reorder it.")
    if sorted(_work_ids(series)) != sorted(work_ids):
        raise ValidationError("Give each of the series' works exactly one position.")
    for position, work_id in enumerate(work_ids, start=1):
        SerialWork.objects.filter(series=series, work_id=work_id).update(position=position)


@transaction.atomic
def work_join_series(
    *, work: Work, editor, series: Series | None = None, new_series_title: str = ""
) -> Series | None:
    """The work form's series choice: an existing series of the editor's, or a new one."""
    if series is None and new_series_title.strip():
        series = series_create(pseuds=[editor.default_pseud], editor=editor, title=new_series_title)
    if series is not None:
        series_add_work(series=series, work=work, editor=editor)
    return series
