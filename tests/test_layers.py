"""The layering the architecture promises, checked on the source (no imports run).

model <- claims <- extract/checks <- engine <- cli, and reporters see only the model.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factlint"

# module (or package prefix) -> factlint modules it must never import
FORBIDDEN = {
    "factlint.model": ("factlint.",),
    "factlint.claims": ("factlint.engine", "factlint.cli", "factlint.checks", "factlint.extract"),
    "factlint.extract.": (
        "factlint.engine",
        "factlint.cli",
        "factlint.checks",
        "factlint.reporters",
    ),
    "factlint.checks.": (
        "factlint.engine",
        "factlint.cli",
        "factlint.reporters",
        "factlint.config",
    ),
    "factlint.kinds.": ("factlint.engine", "factlint.cli", "factlint.reporters"),
    "factlint.reporters.": (
        "factlint.engine",
        "factlint.cli",
        "factlint.checks",
        "factlint.extract",
    ),
    "factlint.engine": ("factlint.cli", "factlint.reporters"),
}
ALLOWED_IN_MODEL = ("factlint.model",)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_module_respects_the_layers(path: Path) -> None:
    name = _module_name(path)
    rules = [bad for prefix, bad in FORBIDDEN.items() if name == prefix or name.startswith(prefix)]
    for imported in _imports(path):
        if imported in ALLOWED_IN_MODEL or imported == name:
            continue
        for bad in (b for group in rules for b in group):
            assert not imported.startswith(bad), f"{name} imports {imported}"
