"""YAML from users' files: libyaml where it is safe, and every failure located.

PyYAML raises more than YAMLError on text it parsed: its constructors raise plain
exceptions, unlocated, for a timestamp that names no real day ("2024-02-31":
ValueError) or a tagged value not of its type ("!!timestamp x": AttributeError),
and RecursionError for values nested too deeply. libyaml's composer recurses in C
once per nested collection: some 30,000 nested brackets or "- " overflow the stack,
a crash no handler sees, so deeply nestable text goes to the Python loader.
"""

from __future__ import annotations

import datetime
from typing import Any

import regex

__all__ = ["fast_loader_is_safe", "load", "unreadable_value"]

# A collection nests in another only after one of these; libyaml held 10,000 levels.
_NESTING_MARKS = "[{-?:"
_MAX_NESTING_MARKS = 5_000


def fast_loader_is_safe(text: str) -> bool:
    """Whether libyaml may load the text: too few nesting marks to overflow its stack."""
    if len(text) <= _MAX_NESTING_MARKS:
        return True
    return sum(text.count(mark) for mark in _NESTING_MARKS) <= _MAX_NESTING_MARKS


def load(text: str) -> Any:
    """YAML through libyaml when present and safe (ten times faster); its errors are
    worded and located by the pure-Python loader, which users' messages and tests expect."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and fast_loader_is_safe(text):
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


_DATE = regex.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_TAG = regex.compile(r"(?<![\w'\"])!")


def unreadable_value(text: str, exc: Exception) -> tuple[int | None, str]:
    """Where (a line from 1, if found) and why a YAML text that parsed could not be
    read (see the module docstring)."""
    if isinstance(exc, RecursionError):
        return None, "values nested too deeply"
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        for m in _DATE.finditer(line):
            try:
                datetime.date(*(int(g) for g in m.groups()))
            except ValueError:
                return n, str(exc)
    tagged = next((n for n, line in enumerate(lines, 1) if _TAG.search(line)), None)
    if isinstance(exc, ValueError | OverflowError):
        return tagged, str(exc)
    return tagged, "a value YAML cannot read (a tag on a value not of its type?)"
