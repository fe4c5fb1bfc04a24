"""A throw-away Fanshelf archive driven from outside, for bench/reliability.py: its own data folder
and database (SQLite in the folder, or a PostgreSQL database created and dropped here), the
`fanshelf` command in subprocesses, gunicorn and a worker that can be killed, and a small HTTP
client with cookies and CSRF. Loopback only."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

FANSHELF = [sys.executable, "-m", "fanshelf.cli"]


class Archive:
    def __init__(self, home: Path, *, engine: str, database_url: str, name: str, **env: str):
        self.home = home
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("FANSHELF_") and k not in {"DATABASE_URL", "REDIS_URL"}
        }
        self.env.update(FANSHELF_HOME=str(home), PYTHONUNBUFFERED="1", **env)
        self.admin_url = None
        if engine == "postgres":
            base = urllib.parse.urlsplit(database_url)
            self.admin_url = base._replace(path="/postgres").geturl()
            self.database = name
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{name}"')
            self.env["DATABASE_URL"] = base._replace(path=f"/{name}").geturl()
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql)

    def run(self, *args: str, timeout: float = 600, check: bool = True) -> str:
        done = subprocess.run(
            [*FANSHELF, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"fanshelf {' '.join(args)[:80]}: {done.stderr[-2000:]}")
        return done.stdout

    def python(self, code: str, timeout: float = 600):
        """Run Django code in the archive; it prints one JSON value, returned here."""
        out = self.run("shell", "--no-imports", "-c", textwrap.dedent(code), timeout=timeout)
        return json.loads(out.strip().splitlines()[-1])

    def popen(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(
            [*FANSHELF, *args],
            env=self.env,
            start_new_session=True,  # a process group of its own, so kill -9 reaches it all
            **kwargs,
        )

    def start_server(self, port: int, workers: int) -> None:
        self.server = self.popen(
            "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                return
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline or self.server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.5)

    def start_worker(self) -> None:
        log = open(self.home / "worker.log", "ab")  # noqa: SIM115 (kept for the process's life)
        self.worker = self.popen("worker", "--workers", "2", stdout=log, stderr=log)

    @staticmethod
    def kill(process: subprocess.Popen | None) -> None:
        """kill -9 of the process and everything it started."""
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.kill(process)

    def drop(self) -> None:
        self.stop()
        if self.admin_url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One reader or writer: its own cookies; returns (status, body, seconds)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, timeout: float = 60):
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data, doseq=True).encode()
        started = time.monotonic()
        try:
            with self.opener.open(self.base + path, body, timeout=timeout) as response:
                return response.status, response.read(), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read(), time.monotonic() - started

    def csrf(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return cookie.value
        self.request("/login/")
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def log_in(self, username: str, password: str) -> None:
        while True:
            status, body, _ = self.request("/login/", {"username": username, "password": password})
            if status == 302:
                return
            if status != 429:
                raise RuntimeError(f"log-in of {username} answered {status}")
            wait = re.search(rb"wait (\d+) second", body)
            time.sleep(int(wait.group(1)) if wait else 5)  # the log-in limit, as a person would
