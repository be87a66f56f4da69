"""Output formats. Each module exposes `render(result, rules, stream, *, sources=None)`.

Modules are imported on demand, so choosing `json` never pays for importing rich.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import Protocol, TextIO

from factlint.model import RuleMeta, RunResult

FORMATS: tuple[str, ...] = ("full", "concise", "json", "sarif", "github", "html", "codequality")

# How a text report factlint wrote begins (concise, github, full, or the summary line
# alone). Written into a checked folder (`-o articles/report.txt`), it is no article:
# read as one, it would be flagged, and the figures it quotes would vote.
_REPORT_START = re.compile(
    rb"(?:[^\n]+:\d+:\d+: FL\d{3} \[[a-z0-9-]+\] "
    rb"|::(?:error|warning|notice) file=[^\n]*?,title=FL\d{3} "
    rb"|[^\n]+\n +\d+:\d+ +(?:ERROR|WARNING|INFO) +FL\d{3} [a-z0-9-]+ "
    rb"|All checked: \d+ files?, no findings\."
    rb"|Found \d+ findings? \(\d+ errors?, )"
)


def looks_like_report(data: bytes) -> bool:
    """Whether `data` starts as a text report factlint writes."""
    return _REPORT_START.match(data) is not None


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
