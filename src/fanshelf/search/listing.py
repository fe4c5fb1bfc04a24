"""A listing with the search form's parameters (sidebar include/exclude, sort, page), for any
page that lists works: the search page, and a tag's works page."""

from __future__ import annotations

from dataclasses import replace

from .forms import SearchForm
from .selectors import SearchResult, search_works


def works_listing(*, viewer, params, tag=None) -> tuple[SearchForm, SearchResult | None]:
    """Read the reader's parameters and search; with `tag`, only that tag's works (found
    through its canonical filter: synonyms and sub tags included). A form with errors gives
    no result; its errors say what to fix."""
    form = SearchForm(params or None)
    if tag is not None and not form.is_bound:
        form = SearchForm({"sort": ""})
    if not form.is_valid():
        return form, None
    query = form.search_query()
    if tag is not None:
        query = replace(query, include=(tag.name, *query.include))
    personal = (params or {}).get("all") != "1"
    return form, search_works(viewer=viewer, query=query, personal=personal)
