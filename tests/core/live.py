"""A real archive in its own folder and database, driven through the `fanshelf` command in
subprocesses, for tests that kill and restart processes. On PostgreSQL runs it uses a database
named after the test database (`<name>_live`), created and dropped here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

FANSHELF = [sys.executable, "-m", "fanshelf.cli"]


class LiveArchive:
    def __init__(self, home: Path, *, name: str = "live", migrate: bool = True):
        self.home = home
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "FANSHELF_JOBS_INLINE"}
        }
        self.env["FANSHELF_HOME"] = str(home)
        self.database = None
        if connection.vendor == "postgresql":
            db = settings.DATABASES["default"]
            self.database = f"{db['TEST']['NAME'] or 'test_fanshelf'}_{name}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}"')
            self._admin(f'CREATE DATABASE "{self.database}"')
            user = db["USER"]
            self.env["DATABASE_URL"] = (
                f"postgres://{user}@{db['HOST']}:{db['PORT'] or 5432}/{self.database}"
            )
        self.processes: list[subprocess.Popen] = []
        if migrate:
            self.run("migrate", "-v0")

    def _admin(self, sql: str) -> None:
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres",
            autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute(sql)

    def run(self, *args: str, timeout: float = 120, **env: str) -> str:
        done = subprocess.run(
            [*FANSHELF, *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def run_failing(self, *args: str, timeout: float = 120) -> str:
        """Run a command that must fail; returns what it said."""
        done = subprocess.run(
            [*FANSHELF, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert done.returncode != 0, done.stdout
        return done.stderr

    def python(self, code: str, timeout: float = 120) -> str:
        """Run Django code against the live archive and return what it printed."""
        return self.run("shell", "--no-imports", "-c", textwrap.dedent(code), timeout=timeout)

    def start(self, *args: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [*FANSHELF, *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.processes.append(process)
        return process

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        if self.database:
            time.sleep(0.2)
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
