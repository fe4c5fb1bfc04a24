"""What a load benchmark against a real Fanshelf server needs: a fresh archive, gunicorn and the
job worker as subprocesses, and HTTP sessions that keep cookies, send the CSRF token and time
every request. bench/respond.py uses it; other benchmarks may too."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def fresh_archive(*, name: str, database_url: str | None, redis_url: str | None) -> dict:
    """Environment for a new, empty archive (its own folder; its own PostgreSQL database)."""
    home = OUT / name
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = {
        "FANSHELF_HOME": str(home),
        "FANSHELF_SECRET_KEY": "bench-secret-key-not-for-production",
        "DJANGO_SETTINGS_MODULE": "fanshelf.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    if database_url:
        import psycopg

        parts = urlsplit(database_url)
        database = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = database_url
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        env["REDIS_URL"] = redis_url
    os.environ.update(env)
    return env


class Server:
    """gunicorn (threaded workers, so connections are kept alive) and `fanshelf worker`."""

    def __init__(self, env: dict, *, port: int, workers: int, threads: int):
        self.env, self.port = {**os.environ, **env}, port
        self.workers, self.threads = workers, threads
        self.processes: list[subprocess.Popen] = []

    def __enter__(self):
        log = open(Path(self.env["FANSHELF_HOME"]) / "server.log", "w")
        python = sys.executable
        gunicorn = [
            python, "-m", "gunicorn", "fanshelf.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--worker-class", "gthread", "--threads", str(self.threads),
            "--keep-alive", "30", "--no-control-socket",
        ]  # fmt: skip
        self.processes.append(subprocess.Popen(gunicorn, env=self.env, stdout=log, stderr=log))
        self.processes.append(
            subprocess.Popen(
                [python, "-m", "fanshelf.cli", "worker"], env=self.env, stdout=log, stderr=log
            )
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/login/")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the server did not start; see {log.name}")

    def __exit__(self, *exc):
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Timings:
    """Latencies by request kind, and errors, shared by every session."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.reconnects = 0

    def reconnected(self) -> None:
        with self.lock:
            self.reconnects += 1

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def summary(self, elapsed: float) -> dict:
        every = sorted(s for values in self.seconds.values() for s in values)

        def percentile(values, p):
            return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000, 1)

        return {
            "requests": len(every),
            "rps": round(len(every) / elapsed, 1),
            "latency_ms": {f"p{p}": percentile(every, p) for p in (50, 95, 99)} if every else {},
            "by_kind": {
                kind: {"requests": len(v), "p95_ms": percentile(sorted(v), 95)}
                for kind, v in sorted(self.seconds.items())
            },
            "errors": len(self.errors),
            "keep_alive_reconnects": self.reconnects,
            "error_samples": self.errors[:10],
        }


class Session:
    """One visitor: a kept-alive connection, cookies, a user agent; every request timed."""

    def __init__(self, port: int, timings: Timings, *, user_agent: str):
        self.port, self.timings, self.user_agent = port, timings, user_agent
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.served = 0  # requests answered on this connection

    def request(self, kind: str, method: str, path: str, form: dict | None = None):
        """(status, location, body). Errors (5xx, broken connections) are recorded, not raised."""
        headers = {"User-Agent": self.user_agent, "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            response, text = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            self.timings.error(f"{method} {path}: {error!r}")
            self._reconnect()
            return 0, "", ""
        self.timings.add(kind, time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.status >= 500:
            self.timings.error(f"{method} {path}: HTTP {response.status}")
        return response.status, response.headers.get("Location", ""), text

    def _reconnect(self) -> None:
        self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.served = 0

    def _send(self, method, path, body, headers):
        """Send once; when the server had closed a kept-alive connection before reading the
        request (no answer at all), send again on a new one, as browsers do."""
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            if not self.served:
                raise
            self._reconnect()
            self.timings.reconnected()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        self.served += 1
        return response, response.read().decode("utf-8", "replace")

    def get(self, kind: str, path: str):
        return self.request(kind, "GET", path)

    def post(self, kind: str, path: str, form: dict):
        if "csrftoken" not in self.cookies:
            self.get("csrf", "/login/")
        return self.request(kind, "POST", path, form)

    def log_in(self, username: str, password: str) -> None:
        self.get("login", "/login/")
        status, _, _ = self.post("login", "/login/", {"username": username, "password": password})
        if status != 302:
            self.timings.error(f"log in as {username}: HTTP {status}")
