"""Output formats. Each module exposes `render(result, rules, stream, *, sources=None)`.

Modules are imported on demand, so choosing `json` never pays for importing rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Protocol, TextIO

from factlint.model import RuleMeta, RunResult

FORMATS: tuple[str, ...] = ("full", "concise", "json", "sarif", "github", "html", "codequality")


class Renderer(Protocol):
    def __call__(
        self,
        result: RunResult,
        rules: Mapping[str, RuleMeta],
        stream: TextIO,
        *,
        sources: Mapping[str, str] | None = None,
    ) -> None: ...


def get(name: str) -> Renderer:
    """The `render` function of output format `name`."""
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r} (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{name}")
    renderer: Renderer = module.render
    return renderer
