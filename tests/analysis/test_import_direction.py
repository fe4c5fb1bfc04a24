"""The analyser is plain Python: nothing under `analysis/` reaches into the Django apps."""

import ast
from pathlib import Path

import fanshelf.analysis

ANALYSIS_DIR = Path(fanshelf.analysis.__file__).resolve().parent
FORBIDDEN = ("django", "fanshelf.tags", "fanshelf.works", "fanshelf.suggestions", "fanshelf.core")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_no_analysis_module_imports_django_or_an_archive_app():
    offending = {
        f"{path.name}: {module}"
        for path in ANALYSIS_DIR.glob("*.py")
        for module in _imported_modules(path)
        if module.startswith(FORBIDDEN)
    }
    assert not offending
