"""Django's database cache with an atomic increment that keeps the entry's expiry, so rate-limit
counters are exact when several processes share the embedded archive."""

from __future__ import annotations

import base64
import pickle

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class CounterDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        made_key = self.make_and_validate_key(key, version=version)
        table = connection.ops.quote_name(self._table)
        # SQLite's transactions here begin IMMEDIATE (settings), which serialises writers;
        # elsewhere the row is locked.
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
                        [made_key],
                    )
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET value = %s WHERE cache_key = %s", [pickled, made_key]
                )
        return value


CACHE_APP_LABEL = "django_cache"  # the app label of Django's database cache model


class CacheRouter:
    """The database cache's table lives in the "cache" database when settings define one."""

    @staticmethod
    def _has_cache_database() -> bool:
        return "cache" in settings.DATABASES

    def db_for_read(self, model, **hints):
        if model._meta.app_label == CACHE_APP_LABEL and self._has_cache_database():
            return "cache"
        return None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if not self._has_cache_database():
            return None
        return (db == "cache") == (app_label == CACHE_APP_LABEL)


_cache_database_ready = False


def ensure_cache_database(sender, connection, **kwargs):
    """The cache's own database file gets its table at its first connection in each process."""
    global _cache_database_ready
    if connection.alias == "cache" and not _cache_database_ready:
        from django.core.management import call_command

        call_command("createcachetable", database="cache", verbosity=0)
        _cache_database_ready = True
