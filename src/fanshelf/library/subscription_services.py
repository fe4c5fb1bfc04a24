"""Subscriptions, and telling subscribers. `announce_work` runs as a job after a work is saved
or joins a series: each posted chapter not yet announced becomes one Update (what the feed
lists) and one inbox notification (with its e-mail, one each or in the daily digest) per
subscriber who may see the work, in one transaction with the Announcement that makes a second
run do nothing."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from fanshelf.accounts.models import Mute
from fanshelf.inbox.services import notification_send
from fanshelf.works.models import Series, Work
from fanshelf.works.selectors import visibility_q
from fanshelf.works.series_selectors import visible_series

from .models import Announcement, ShelfPreferences, Subscription, Update

SUBSCRIPTION_KIND = "subscription"


@transaction.atomic
def subscribe(*, user, work: Work | None = None, series: Series | None = None, creator=None):
    if sum(target is not None for target in (work, series, creator)) != 1:
        raise ValidationError("Subscribe to one work, series or creator.")
    if work is not None and not Work.objects.filter(visibility_q(user), pk=work.pk).exists():
        raise ValidationError("No such work, or you can't see it.")
    if series is not None and not visible_series(viewer=user).filter(pk=series.pk).exists():
        raise ValidationError("No such series, or you can't see it.")
    if creator is not None and creator.pk == user.pk:
        raise ValidationError("You can't subscribe to yourself.")
    limit = settings.FANSHELF_SUBSCRIPTIONS_MAX
    if Subscription.objects.filter(user=user).count() >= limit:
        raise ValidationError(f"You can follow at most {limit:,} works, series and creators.")
    try:
        with transaction.atomic():
            return Subscription.objects.create(user=user, work=work, series=series, creator=creator)
    except IntegrityError:
        return Subscription.objects.get(user=user, work=work, series=series, creator=creator)


@transaction.atomic
def unsubscribe(*, subscription: Subscription, user) -> None:
    if subscription.user_id != user.pk:
        raise ValidationError("That subscription isn't yours.")
    subscription.delete()


def _subscribers(work: Work, *, kind: str, series_ids: list[int]) -> dict[int, int | None]:
    """Users to tell about this work (with the series that brought them, if any); never its
    creators, nor readers who muted one of them (unless the work is anonymous: leaving them
    out would tell who wrote it), and only users who may see the work now."""
    creators = list(work.pseuds.values_list("user_id", flat=True))
    # Who follows the creator must not learn they wrote an anonymous work (as on AO3).
    wanted = Q(pk__in=[]) if work.anonymous else Q(creator_id__in=creators)
    if kind == Update.Kind.NEW_CHAPTER:
        wanted |= Q(work=work)
    subscriptions = Subscription.objects.filter(wanted).exclude(user_id__in=creators)
    found: dict[int, int | None] = dict.fromkeys(subscriptions.values_list("user_id", flat=True))
    for user_id, series_id in (
        Subscription.objects.filter(series_id__in=series_ids)
        .exclude(user_id__in=creators)
        .values_list("user_id", "series_id")
    ):
        found.setdefault(user_id, series_id)
    if not work.anonymous:
        muters = set(Mute.objects.filter(muted_id__in=creators).values_list("muter_id", flat=True))
        found = {user_id: s for user_id, s in found.items() if user_id not in muters}
    User = get_user_model()
    return {
        user.pk: found[user.pk]
        for user in User.objects.filter(pk__in=found, is_active=True)
        if Work.objects.filter(visibility_q(user), pk=work.pk, posted=True).exists()
    }


@transaction.atomic
def announce_work(*, work_id: int) -> list[Update]:
    """Tell subscribers about the work's posted chapters nobody was told of yet, and about its
    joining a series. Safe to run twice; does nothing for a draft or a hidden work."""
    work = Work.objects.select_for_update().filter(pk=work_id).first()
    if work is None or not work.posted or work.hidden_by_admin:
        return []
    chapters = list(work.chapters.filter(posted=True).order_by("position"))
    told = set(
        Announcement.objects.filter(work=work, series__isnull=True).values_list(
            "chapter_id", flat=True
        )
    )
    new_chapters = [c for c in chapters if c.pk not in told]
    series_ids = list(work.serial_works.values_list("series_id", flat=True))
    told_series = set(
        Announcement.objects.filter(work=work, series__isnull=False).values_list(
            "series_id", flat=True
        )
    )
    new_series = [s for s in series_ids if s not in told_series]
    updates: list[Update] = []
    first_time = not told
    for chapter in new_chapters:
        kind = Update.Kind.NEW_WORK if first_time else Update.Kind.NEW_CHAPTER
        # A new work's series subscribers hear of it; later chapters reach work subscribers.
        recipients = _subscribers(work, kind=kind, series_ids=series_ids if first_time else [])
        updates += _updates_for(recipients, work, chapter, kind)
        first_time = False
    if new_series and chapters:
        recipients = _subscribers(work, kind="series", series_ids=new_series)
        recipients = {u: s for u, s in recipients.items() if s is not None}
        updates += _updates_for(recipients, work, chapters[0], Update.Kind.NEW_WORK)
    Announcement.objects.bulk_create(
        [Announcement(work=work, chapter=c) for c in new_chapters]
        + [
            Announcement(work=work, chapter=chapters[0], series_id=s)
            for s in new_series
            if chapters
        ]
    )
    return updates


def _updates_for(recipients: dict[int, int | None], work, chapter, kind) -> list[Update]:
    """New Updates for these recipients (one per reader and chapter), each sent to the inbox."""
    already = set(
        Update.objects.filter(chapter=chapter, user_id__in=recipients).values_list(
            "user_id", flat=True
        )
    )
    rows = [
        Update(user_id=user_id, work=work, chapter=chapter, series_id=series_id, kind=kind)
        for user_id, series_id in recipients.items()
        if user_id not in already
    ]
    Update.objects.bulk_create(rows)
    created = list(
        Update.objects.filter(
            chapter=chapter, user_id__in=[r.user_id for r in rows]
        ).select_related("user", "series")
    )
    for update in created:
        _notify(update, work, chapter)
    return created


def _notify(update: Update, work: Work, chapter) -> None:
    daily = ShelfPreferences.objects.filter(
        user=update.user, subscription_email=ShelfPreferences.Email.DAILY
    ).exists()
    if update.kind == Update.Kind.NEW_WORK:
        subject = f"New work: “{work.title}”"
    else:
        subject = f"New chapter in “{work.title}”: {chapter.heading}"
    if update.series is not None:
        subject += f" (series “{update.series.title}”)"
    notification_send(
        recipient=update.user,
        kind=SUBSCRIPTION_KIND,
        subject=subject,
        body_html=work.summary,
        url=chapter.get_absolute_url(),
        work=work,
        target=update,
        # A signed work's creator, so a reader who mutes them later no longer sees the row;
        # never an anonymous work's.
        actor=None if work.anonymous else work.pseuds.all()[0].user,
        digest=daily,
    )
