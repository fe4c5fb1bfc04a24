"""Two app-server processes keep their own search bitmaps; a work indexed by a third process (the
worker) is counted by both on their next search. Real processes on a real database file (or a
scratch PostgreSQL database), not the test database."""

import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

WORKER_SCRIPT = """
from fanshelf.accounts.services import user_signup
from fanshelf.search.services import index_works
from fanshelf.works.models import Work
from fanshelf.works.services import ChapterInput, work_create, work_update
import sys
if sys.argv[1] == "post":
    user = user_signup(username="w", email="w@example.invalid", password="a long passphrase 9")
    work = work_create(pseuds=[user.default_pseud], title="Quillfeather", post=True,
                       chapters=[ChapterInput(text="<p>Marmalade lighthouse.</p>")])
else:
    work = Work.objects.get(title="Quillfeather")
    work_update(work=work, title=work.title, restricted=True)
index_works(work_ids=[work.pk])
"""


def _run(env, *args):
    done = subprocess.run(
        [sys.executable, "-m", "fanshelf.cli", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _found(port: int, words: str = "marmalade") -> str:
    url = f"http://127.0.0.1:{port}/search/?q={words}"
    with urllib.request.urlopen(url, timeout=30) as page:
        text = page.read().decode()
    return (
        "1 work found"
        if "1 work found" in text
        else "0 works found"
        if "0 works found" in text
        else text[:300]
    )


@pytest.fixture
def archive_env(tmp_path: Path, db):
    env = dict(os.environ, FANSHELF_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="fanshelf.settings")
    env.pop("DATABASE_URL", None)
    scratch = None
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        scratch = f"{settings['NAME']}_servers"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{settings['USER']}@{host}:{port}/{scratch}"
    _run(env, "migrate")
    yield env
    if scratch:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _local_text_file(home: Path) -> Path | None:
    """On PostgreSQL, the text file the servers built on this machine when they started."""
    if connection.vendor != "postgresql":
        return None
    for _ in range(150):
        built = sorted((home / "search-text").glob("text-*.sqlite3"))
        if built:
            return built[-1]
        time.sleep(0.2)
    raise AssertionError("no server built the local text file")


@pytest.mark.django_db(transaction=True)
def test_two_servers_both_count_a_work_the_worker_indexed(archive_env):
    base = int(os.environ.get("FANSHELF_TEST_PORT_BASE", "8160"))
    ports = (base + 8, base + 9)
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "fanshelf.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=archive_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]  # fmt: skip
    try:
        for port in ports:
            for _ in range(100):
                try:
                    assert _found(port) == "0 works found"  # bitmaps loaded before the post
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise AssertionError(f"server on {port} did not start")
        local_file = _local_text_file(Path(archive_env["FANSHELF_HOME"]))
        _run(archive_env, "shell", "-c", WORKER_SCRIPT.replace("sys.argv[1]", "'post'"))
        assert [_found(port) for port in ports] == ["1 work found"] * 2
        # A word no server asked for before: PostgreSQL archives find it in the local file,
        # which caught up with the worker's change at that search.
        assert [_found(port, "lighthouse") for port in ports] == ["1 work found"] * 2
        if local_file:
            with sqlite3.connect(local_file) as local:
                assert local.execute(
                    "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'lighthouse'"
                ).fetchone() == (1,)
        _run(archive_env, "shell", "-c", WORKER_SCRIPT.replace("sys.argv[1]", "'restrict'"))
        assert [_found(port) for port in ports] == ["0 works found"] * 2  # guests lose it
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
