"""The search form offers a counter's sort and range only once something fills that counter."""

import re

from fanshelf.search import query
from fanshelf.search.forms import SearchForm


def _sort_options(html: str) -> set[str]:
    select = re.search(r'<select name="sort".*?</select>', html, flags=re.S).group(0)
    return set(re.findall(r'<option value="([^"]*)"', select))


def test_search_offers_every_counter_now_that_each_is_filled(client, db):
    html = client.get("/search/").content.decode()
    assert {"hits", "kudos", "comments", "bookmarks", "words"} <= _sort_options(html)
    for counter in ("hits", "kudos", "comments", "bookmarks"):
        assert f'name="{counter}"' in html


def test_a_sort_by_a_missing_counter_is_refused_with_a_message(client, db, monkeypatch):
    monkeypatch.setattr(query, "AVAILABLE_COUNTERS", ("hits", "kudos", "comments"))
    page = client.get("/search/", {"sort": "bookmarks", "bookmarks": ">5"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()


def test_a_counter_joins_the_form_once_it_is_listed_as_available(db, monkeypatch):
    monkeypatch.setattr(query, "AVAILABLE_COUNTERS", ("hits", "kudos", "comments", "bookmarks"))
    form = SearchForm({"sort": "bookmarks", "bookmarks": ">5"})
    assert form.is_valid(), form.errors
    search = form.search_query()
    assert search.sort == query.Sort.BOOKMARKS
    assert search.ranges["bookmarks"] == query.IntRange(low=6)
