"""Where the shipped rules and ledger live: inside the wheel, or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def shipped_rules_dir() -> Path:
    """The shipped `rules/` folder (YAML rules and `ledger/`).

    An installed wheel carries it as the `factlint._rules` package data; a source
    checkout has it at the top level beside `factlint/`.
    """
    installed = Path(__file__).parent / "_rules"
    if installed.is_dir():
        return installed
    return Path(__file__).parent.parent / "rules"


def shipped_ledger_dir() -> Path:
    return shipped_rules_dir() / "ledger"
