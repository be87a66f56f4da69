"""Where test data lives: in the repo, or in the shared folder beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The official SARIF 2.1.0 schema (OASIS), kept here so validation is offline.
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
# Real news articles nobody here wrote, used to keep false positives down.
SHARED = Path(os.environ.get("FACTLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "news"
