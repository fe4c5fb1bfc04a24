"""Listing works is the search app's job. The apps below it (tags, accounts, works) show pages
that list works, so they ask through this registry instead of importing upward: search provides
each listing when it starts (search.apps), and a page calls it by name."""

from __future__ import annotations

from collections.abc import Callable

_PROVIDED: dict[str, Callable] = {}


def provide(name: str, function: Callable) -> None:
    _PROVIDED[name] = function


def listing(name: str) -> Callable:
    try:
        return _PROVIDED[name]
    except KeyError:
        raise RuntimeError(f"No app provides the “{name}” listing; is search installed?") from None
