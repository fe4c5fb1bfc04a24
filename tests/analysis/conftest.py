"""Fixtures for the analyser's tests: plain pytest, no database.

Run alone with `.venv/bin/pytest -p no:django --confcutdir tests/analysis tests/analysis`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fanshelf.analysis.knowledge import Knowledge

from .hand_knowledge import build

STORIES_DIR = Path(__file__).resolve().parent / "stories"
SEEDS_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """A small hand-written Knowledge: unit tests do not move when the packs grow."""
    return build()


@pytest.fixture(scope="session")
def pack_knowledge() -> Knowledge:
    """The bundled fandom packs, as the archive uses them."""
    packfile = pytest.importorskip("fanshelf.tags.packfile")
    paths = packfile.bundled_pack_paths()
    if not paths:
        pytest.skip("no bundled fandom packs")
    return packfile.load_knowledge(*paths)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS_DIR / "labels.toml").exists():
        pytest.skip(f"the seed stories are not beside the repository ({SEEDS_DIR.resolve()})")
    return SEEDS_DIR
