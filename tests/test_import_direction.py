"""Imports run one way: tags and accounts never reach up into works, search or the apps above
(design.md); pages they show that list works ask search through core.listings."""

import ast
from pathlib import Path

import fanshelf

SOURCE = Path(fanshelf.__file__).parent
HIGHER = ("works", "search", "suggestions", "responses", "inbox", "library", "downloads")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_tags_and_accounts_import_nothing_from_the_apps_above_them():
    offending = []
    for app in ("tags", "accounts"):
        for path in (SOURCE / app).rglob("*.py"):
            for module in _imported_modules(path):
                if any(module.startswith(f"fanshelf.{higher}") for higher in HIGHER):
                    offending.append(f"{path.relative_to(SOURCE)} imports {module}")
    assert offending == []
