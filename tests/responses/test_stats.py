import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from fanshelf.responses import services
from fanshelf.responses.models import DailyHits, Kudos

pytestmark = pytest.mark.django_db


def rows(page: str) -> list[list[str]]:
    """The by-work table as cell texts."""
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(
            r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]  # fmt: skip


@pytest.fixture
def two_works(post_work, make_user, reader):
    quiet = post_work(title="Quiet", chapters=("Few words here.",))
    loud = post_work(title="Loud", chapters=("Many more words are written in this one.",))
    for name in ("ann", "bea"):
        Kudos.objects.create(work=loud, user=make_user(name))
    Kudos.objects.create(work=quiet, user=reader)
    services.comment_post(work=loud, user=reader, content="A thread")
    DailyHits.objects.create(work=loud, day=datetime.date.today(), hits=7)
    DailyHits.objects.create(work=quiet, day=datetime.date(2020, 5, 1), hits=30)
    from fanshelf.responses.tasks import flush_hits, recount_responses

    for work in (quiet, loud):
        recount_responses.call_local(work.pk)
        work.hits = sum(DailyHits.objects.filter(work=work).values_list("hits", flat=True))
        work.save(update_fields=["hits"])
    flush_hits.call_local()
    return quiet, loud


def test_the_author_sees_per_work_rows_and_totals(as_author, two_works):
    page = as_author.get(reverse("responses:stats", args=["author"])).content.decode()
    assert rows(page) == [
        ["Quiet", rows(page)[0][1], "3", "30", "1", "0", "0", "0", "0"],  # no bookmarks,
        ["Loud", rows(page)[1][1], "8", "7", "2", "1", "0", "0", "0"],  # subscriptions or downloads
    ]
    totals = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("Totals")[1].split("By work")[0])
    )
    assert "Words 11 Hits 37 Kudos 3 Comment threads 1" in totals


def test_columns_sort_both_ways(as_author, two_works):
    url = reverse("responses:stats", args=["author"])
    by_kudos = as_author.get(url + "?sort=kudos&dir=desc").content.decode()
    assert [r[0] for r in rows(by_kudos)] == ["Loud", "Quiet"]
    by_title = as_author.get(url + "?sort=title&dir=asc").content.decode()
    assert [r[0] for r in rows(by_title)] == ["Loud", "Quiet"]
    assert 'aria-sort="ascending"' in by_title


def test_the_year_filter_counts_only_that_year(as_author, author, two_works):
    author.date_joined = author.date_joined.replace(year=2019)
    author.save()
    url = reverse("responses:stats", args=["author"])
    page = as_author.get(url + "?year=2020&sort=title&dir=asc").content.decode()
    assert [(r[0], r[3], r[4]) for r in rows(page)] == [("Loud", "0", "0"), ("Quiet", "30", "0")]


def test_only_the_author_sees_their_statistics(as_user, two_works):
    assert as_user.get(reverse("responses:stats", args=["author"])).status_code == 404
    response = Client().get(reverse("responses:stats", args=["author"]))
    assert response.status_code == 302
