"""Data files shipped with factlint (phrase lists), read once per process.

Files are package data (`factlint/data/*.yaml`), read via importlib.resources so an
installed wheel works offline.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_yaml(name: str, *, strings: bool = False) -> Any:
    """The parsed contents of `factlint/data/<name>` (cached; never mutate the result).

    With `strings`, every scalar stays a string (YAML's BaseLoader): "On" and "No"
    are words there, not booleans.

    Building Python objects from YAML is slow even with libyaml, so a file is parsed
    once and kept in the start-up store under its text's digest (a wheel ships it).
    """
    from factlint.startup_store import remembered_content

    data = (files(__package__) / name).read_bytes()

    def parse() -> Any:
        import yaml

        text = data.decode("utf-8")
        # libyaml when present: the files are ours and valid, and it is ten times faster.
        if strings:
            return yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return remembered_content(f"data {name} {strings=}", data, parse)
