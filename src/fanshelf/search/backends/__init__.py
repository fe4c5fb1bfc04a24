"""Pick the search backend for the database in use."""

from __future__ import annotations

from functools import cache

from django.db import connection

from .base import SearchBackend


@cache
def _backend_for(vendor: str) -> SearchBackend:
    if vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend()
    raise RuntimeError(f"Fanshelf's search has no backend for {vendor} databases.")


def get_backend() -> SearchBackend:
    return _backend_for(connection.vendor)
