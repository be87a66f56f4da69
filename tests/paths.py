"""Where test data lives: in the repo, or in the shared folder beside the checkout."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
# The official SARIF 2.1.0 schema (OASIS), kept here so validation is offline.
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
# Real news articles nobody here wrote, used to keep false positives down.
SHARED = Path(os.environ.get("FACTLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "news"


def bench_module(name: str) -> ModuleType:
    """A script of bench/ (not a package) imported as a module, for its functions."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
