"""Data files shipped with factlint (phrase lists), read once per process.

Files are package data (`factlint/data/*.yaml`), read via importlib.resources so an
installed wheel works offline.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_yaml(name: str) -> Any:
    """The parsed contents of `factlint/data/<name>` (cached; never mutate the result)."""
    import yaml

    text = (files(__package__) / name).read_text(encoding="utf-8")
    # libyaml when present: the data files are ours and valid, and it is ten times faster.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
