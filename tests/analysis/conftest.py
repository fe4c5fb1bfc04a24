"""Fixtures for the analyser's tests: plain pytest, no database.

Run alone with `.venv/bin/pytest -p no:django --confcutdir tests/analysis tests/analysis`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fanshelf.analysis.knowledge import Knowledge
from fanshelf.analysis.packfile import bundled_pack_paths, load_knowledge

from .hand_knowledge import build

STORIES_DIR = Path(__file__).resolve().parent / "stories"
REPOSITORY = Path(__file__).resolve().parents[2]
# The shared folder sits beside the repository (or beside the folder of its worktrees).
SHARED_DIR = next(
    (p / "shared" for p in REPOSITORY.parents if (p / "shared" / "seeds").is_dir()),
    REPOSITORY.parent / "shared",
)
SEEDS_DIR = SHARED_DIR / "seeds"
DEV_DIR = SHARED_DIR / "dev-stories"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """A small hand-written Knowledge: unit tests do not move when the packs grow."""
    return build()


@pytest.fixture(scope="session")
def pack_knowledge() -> Knowledge:
    """The bundled fandom packs, as the archive uses them."""
    return load_knowledge(*bundled_pack_paths())


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS_DIR / "labels.toml").exists():
        pytest.skip(f"the seed stories are not beside the repository ({SEEDS_DIR.resolve()})")
    return SEEDS_DIR
