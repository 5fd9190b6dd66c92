"""The documents app sits below stations: it never imports an app above it, not even inside a
function; the apps above register their kinds instead."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

HIGHER = ("stations", "inspections", "awards", "config")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_documents_app_imports_no_app_above_it():
    folder = Path(settings.BASE_DIR) / "documents"
    upward = {
        f"{path.relative_to(folder)}: {name}"
        for path in folder.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in HIGHER
    }
    assert upward == set()
