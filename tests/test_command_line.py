"""The `fanshelf` command: asking for help writes nothing, and stopping `fanshelf demo` or
`fanshelf serve` stops the web server and the worker it started."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FANSHELF = [sys.executable, "-m", "fanshelf.cli"]


def clean_env(tmp_path: Path, **extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FANSHELF_") and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    return {**env, "HOME": str(tmp_path / "home"), **extra}


@pytest.mark.parametrize(
    "command",
    [
        "serve --help",
        "demo --help",
        "worker --help",
        "import --help",
        "load-fandom --help",
        "migrate --help",
        "backup --help",
    ],
)
def test_asking_for_help_writes_nothing(tmp_path, command):
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [*FANSHELF, *command.split()],
        cwd=tmp_path,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: fanshelf {command.split()[0]} ")  # the name typed
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["home"]


@pytest.mark.parametrize("command", ["--version", "version"])
def test_asking_for_the_version_names_fanshelf_and_writes_nothing(tmp_path, command):
    from importlib.metadata import version

    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [*FANSHELF, command], cwd=tmp_path, env=clean_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"fanshelf {version('fanshelf')}"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["home"]


def free_port() -> int:
    if os.environ.get("FANSHELF_TEST_PORT"):
        return int(os.environ["FANSHELF_TEST_PORT"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if task.exists() else []
            for child in map(int, children):
                found.add(child)
                todo.append(child)
    return found


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, process.stderr.read().decode()[-3000:]
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server never answered"
        time.sleep(0.5)


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("command", "stop_with", "whole_group"),
    [
        (["demo"], signal.SIGINT, True),  # Ctrl-C: the terminal signals every process in it
        (["demo"], signal.SIGTERM, False),  # `kill` of the `fanshelf demo` process alone
        (["serve", "--with-worker", "--workers", "1"], signal.SIGTERM, False),
    ],
    ids=["demo-ctrl-c", "demo-kill", "serve-kill"],
)
def test_stopping_the_command_stops_gunicorn_and_the_worker(
    tmp_path, command, stop_with, whole_group
):
    (tmp_path / "home").mkdir()
    env = clean_env(tmp_path, FANSHELF_HOME=str(tmp_path / "data"))
    if command[0] == "serve":
        subprocess.run([*FANSHELF, "migrate", "-v0"], env=env, check=True, timeout=120)
    port = free_port()
    process = subprocess.Popen(
        [*FANSHELF, *command, "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=whole_group,
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/", process, seconds=120)
        children = descendants(process.pid)
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children]
        assert any(b"gunicorn" in c for c in commands) and any(b"worker" in c for c in commands)
        assert (tmp_path / "data" / "gunicorn.ctl").exists()
        assert not (tmp_path / "home" / ".gunicorn").exists()
        if whole_group:
            os.killpg(process.pid, stop_with)
        else:
            process.send_signal(stop_with)
        process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while alive(children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(children)
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_worker_prints_each_line_of_its_log_once(tmp_path):
    """`fanshelf worker` (and so `fanshelf demo`) logs through huey's own handler only: each
    line once, not again through the site's console handler."""
    (tmp_path / "home").mkdir()
    env = clean_env(tmp_path, FANSHELF_HOME=str(tmp_path / "data"))
    subprocess.run([*FANSHELF, "migrate", "-v0"], env=env, check=True, timeout=120)
    process = subprocess.Popen(
        [*FANSHELF, "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if "Periodic tasks are enabled" in line:
                break
        process.send_signal(signal.SIGTERM)
        lines.extend(process.communicate(timeout=30)[0].splitlines())
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    started = [line for line in lines if "Huey consumer started" in line]
    assert len(started) == 1, lines
