"""The author statistics' bookmarks and subscriptions columns (the page is the responses app's):
public bookmarks of each work, and readers subscribed to it; with a year, those made that year."""

from django.db.models import F

from fanshelf.responses.selectors import per_work
from fanshelf.responses.stats import StatColumn

from .models import Bookmark, Subscription


def _bookmarks(year):
    if year is None:
        return F("bookmark_count")
    return per_work(Bookmark.objects.filter(private=False, created_at__year=year))


def _subscriptions(year):
    subscriptions = Subscription.objects.filter(work__isnull=False)
    if year is not None:
        subscriptions = subscriptions.filter(created_at__year=year)
    return per_work(subscriptions)


COLUMNS = (
    StatColumn("bookmarks", "Bookmarks", _bookmarks),
    StatColumn("subscriptions", "Subscriptions", _subscriptions),
)
