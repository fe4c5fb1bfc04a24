"""The archive's first users' stories: tests read them; the repository never copies them."""

import os
import tomllib
from pathlib import Path

import pytest

# Beside the repository, unless FANSHELF_SEEDS_DIR says where (a worktree lives deeper).
SEEDS_DIR = Path(
    os.environ.get("FANSHELF_SEEDS_DIR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
)


def seed_labels() -> dict:
    labels_file = SEEDS_DIR / "labels.toml"
    if not labels_file.exists():
        pytest.skip(f"the seed stories are not beside the repository ({SEEDS_DIR})")
    return tomllib.loads(labels_file.read_text(encoding="utf-8"))["story"]


def seed_names() -> list[str]:
    labels_file = SEEDS_DIR / "labels.toml"
    if not labels_file.exists():
        return []
    return sorted(tomllib.loads(labels_file.read_text(encoding="utf-8"))["story"])
