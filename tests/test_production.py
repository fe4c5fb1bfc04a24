"""The production configuration: deploy checks, and the real Redis behind jobs when configured."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "FANSHELF_PRODUCTION": "1",
        "FANSHELF_SECRET_KEY": "k" * 20 + "-production-secret-for-tests-0123456789abcdef",
        "FANSHELF_ALLOWED_HOSTS": "archive.example.org",
        "FANSHELF_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "fanshelf.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "fanshelf.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "FANSHELF_PRODUCTION": "1", "FANSHELF_HOME": str(tmp_path)}
    env.pop("FANSHELF_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "fanshelf.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "FANSHELF_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")
def test_jobs_go_through_redis_when_configured():
    from huey import RedisHuey

    queue = RedisHuey("fanshelf-test-roundtrip", url=settings.REDIS_URL)

    @queue.task()
    def add(a, b):
        return a + b

    queue.flush()
    result = add(2, 3)
    assert queue.pending_count() == 1
    task = queue.dequeue()
    queue.execute(task)
    assert result.get() == 5
    queue.flush()
