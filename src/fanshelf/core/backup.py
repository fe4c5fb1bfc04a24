"""`fanshelf backup` and `fanshelf restore`: the whole archive in one file.

The file is a gzipped tar holding manifest.json, the database (a consistent snapshot taken while
the archive runs: SQLite's online backup, or `pg_dump` in its custom format, which reads one
snapshot) and the data folder's own files (uploads, the secret key). The job queue is left out:
what it held is re-queued by reconciliation after a restore. A restore goes into an empty
archive of the same engine only, so it can never mix two archives.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DATA_FILES = ("secret_key", "media")  # what of FANSHELF_HOME belongs to the archive


class BackupError(Exception):
    pass


def _engine() -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _pg_command(program: str) -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = [program, "--no-owner", "--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    return args, env


def _run(args: list[str], env: dict) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(
            f"`{args[0]}` is not installed (Debian: apt-get install postgresql-client)."
        )
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _snapshot_database(folder: Path, engine: str) -> Path:
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # one read transaction: a consistent snapshot
        copy.close()
        return target
    target = folder / "database.pgdump"
    args, env = _pg_command("pg_dump")
    _run([*args, "--format", "custom", "--file", str(target)], env)
    return target


def backup(path: Path) -> dict:
    """Write the archive to `path`; returns the manifest."""
    engine = _engine()
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "migrations": len(MigrationRecorder(connection).applied_migrations()),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        database = _snapshot_database(Path(scratch), engine)
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(database, arcname=database.name)
            for name in DATA_FILES:
                if (settings.FANSHELF_HOME / name).exists():
                    tar.add(settings.FANSHELF_HOME / name, arcname=f"files/{name}")
    partial.replace(path)  # never a half-written backup under the real name
    return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _check_empty(engine: str) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"This archive's database is not empty ({len(tables)} tables). Restore into a new, "
            "empty database: a new FANSHELF_HOME (SQLite) or a newly created database "
            "(DATABASE_URL), without running `fanshelf migrate` first."
        )


def restore(path: Path) -> dict:
    """Fill an empty archive from a backup file; returns the backup's manifest."""
    engine = _engine()
    with tarfile.open(path, "r:gz") as tar, tempfile.TemporaryDirectory() as scratch:
        tar.extractall(scratch, filter="data")
        folder = Path(scratch)
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path} is not a Fanshelf backup this version can read.")
        if manifest["engine"] != engine:
            raise BackupError(
                f"This backup is of a {manifest['engine']} archive; this archive uses {engine}."
            )
        _check_empty(engine)
        if engine == "sqlite":
            connection.close()
            with sqlite3.connect(folder / "database.sqlite3") as source:
                with sqlite3.connect(settings.DATABASES["default"]["NAME"]) as target:
                    source.backup(target)
                target.close()
            source.close()
        else:
            args, env = _pg_command("pg_restore")
            _run(
                [*args, "--exit-on-error", "--single-transaction", str(folder / "database.pgdump")],
                env,
            )
        home = Path(settings.FANSHELF_HOME)
        home.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            source = folder / "files" / name
            if source.is_dir():
                shutil.copytree(source, home / name, dirs_exist_ok=True)
            elif source.exists():
                shutil.copy2(source, home / name)
    return manifest
