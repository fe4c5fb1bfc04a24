"""The author statistics' downloads column (the page is the responses app's): downloads of each
work, all time or in one year, counting those not yet folded into the tallies."""

from django.db.models import Sum

from fanshelf.responses.selectors import per_work
from fanshelf.responses.stats import StatColumn

from .models import DownloadEvent, DownloadTally


def _downloads(year):
    tallies, events = DownloadTally.objects.all(), DownloadEvent.objects.all()
    if year is not None:
        tallies, events = tallies.filter(year=year), events.filter(created_at__year=year)
    return per_work(tallies, Sum("count")) + per_work(events)


DOWNLOADS = StatColumn("downloads", "Downloads", _downloads)
