"""Kudos and comments reach search (sorts and ranges) on the counter refresh."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from fanshelf.responses import services
from fanshelf.search.query import IntRange, SearchQuery, Sort
from fanshelf.search.selectors import search_works
from fanshelf.search.services import index_works, refresh_counters

pytestmark = pytest.mark.django_db


def titles(query):
    return [w.title for w in search_works(viewer=AnonymousUser(), query=query).works]


def test_kudos_and_comments_sort_and_filter_search_after_the_refresh(
    post_work, reader, make_user, settle
):
    plain = post_work(title="Plain")
    loved = post_work(title="Loved")
    index_works(work_ids=[plain.pk, loved.pk])
    for user in (reader, make_user("ann")):
        settle(services.kudos_leave, work=loved, user=user, address="")
    settle(services.comment_post, work=loved, user=reader, content="So good")
    by_kudos = SearchQuery(sort=Sort.KUDOS, descending=True)
    with_kudos = SearchQuery(ranges={"kudos": IntRange(low=2)})
    with_comments = SearchQuery(ranges={"comments": IntRange(low=1)})
    assert titles(with_kudos) == []  # not yet refreshed
    assert refresh_counters() == 1
    assert titles(by_kudos) == ["Loved", "Plain"]
    assert titles(with_kudos) == ["Loved"]
    assert titles(with_comments) == ["Loved"]
    assert titles(SearchQuery(sort=Sort.COMMENTS, descending=False)) == ["Plain", "Loved"]


def stat(page: str, name: str) -> str:
    """The value of the stats line's `name` entry, or "" when it is not shown."""
    found = re.search(rf"<dt>{name}</dt><dd>(?:<a [^>]*>)?([\d,]+)", page)
    return found.group(1) if found else ""


def test_blurbs_and_the_work_page_show_kudos_and_comment_counts(
    post_work, reader, make_user, settle
):
    work = post_work(title="Loved")
    for user in (reader, make_user("ann")):
        settle(services.kudos_leave, work=work, user=user, address="")
    settle(services.comment_post, work=work, user=reader, content="So good")
    index_works(work_ids=[work.pk])
    refresh_counters()
    page = Client().get(work.get_absolute_url()).text
    assert (stat(page, "Kudos"), stat(page, "Comments")) == ("2", "1")
    blurbs = Client().get(reverse("search:search") + "?q=Loved").text
    assert "Loved" in blurbs
    assert (stat(blurbs, "Kudos"), stat(blurbs, "Comments")) == ("2", "1")
