"""Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FANSHELF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

PASSWORD = "paper lantern river 7"  # what the browser tests' accounts are made with


def log_in(page, username, password=PASSWORD):
    """Log in through the form and wait until the site has taken the reader on (at phone
    width the "Log out" button is inside the closed menu, so the address is what shows it)."""
    page.goto(page.base + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


# Playwright's sync API runs an event loop in this thread; the live server's ORM calls are fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    if os.environ.get("FANSHELF_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"browser tests need Debian's chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser context at desktop size; `page.base` is the live server's address."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def screenshot():
    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
