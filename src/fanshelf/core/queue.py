"""The job queue in an SQLite file, made at first use rather than when settings load, so that
`fanshelf COMMAND --help` writes nothing."""

from __future__ import annotations

from pathlib import Path

from huey import SqliteHuey
from huey.storage import SqliteStorage


class LazySqliteStorage(SqliteStorage):
    def __init__(self, *args, **kwargs):
        kwargs["create_tables"] = False
        super().__init__(*args, **kwargs)

    def _create_connection(self):
        Path(self.filename).parent.mkdir(parents=True, exist_ok=True)
        conn = super()._create_connection()
        for statement in self.ddl:  # all "if not exists": cheap on every new connection
            conn.execute(statement)
        return conn


class LazySqliteHuey(SqliteHuey):
    storage_class = LazySqliteStorage
