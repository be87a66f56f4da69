"""Which rules run where: select/ignore by id, prefix, name or category.

As in ruff, the most specific selector wins: an exact id or name beats a prefix,
a longer prefix beats a shorter one, and any prefix beats a category. On a tie,
ignore wins.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from factlint import fastre
from factlint.model import CATEGORIES, RuleMeta

_PREFIX = fastre.compile_regex(r"FL\d{0,3}", regex.I)
EXACT = 1000


def specificity(token: str, meta: RuleMeta) -> int | None:
    """How specifically `token` names `meta` (higher is more specific), or None."""
    t = token.strip()
    if t.upper() == meta.id or t.lower() == meta.name:
        return EXACT
    if t.upper() == "ALL":
        return 0
    if _PREFIX.fullmatch(t) and meta.id.startswith(t.upper()):
        return len(t)
    if t.lower() == meta.category:
        return 1
    return None


def is_valid_selector(token: str, rules: Iterable[RuleMeta]) -> bool:
    t = token.strip()
    if t.upper() == "ALL" or t.lower() in CATEGORIES:
        return True
    if _PREFIX.fullmatch(t) and len(t) < 5:  # a code block such as FL1: valid even if empty
        return True
    return any(specificity(t, r) is not None for r in rules)


def _best(tokens: Sequence[str], meta: RuleMeta) -> int | None:
    scores = [s for t in tokens if (s := specificity(t, meta)) is not None]
    return max(scores) if scores else None


def path_matches(path: str, pattern: str) -> bool:
    """A glob against a relative posix path, its tail, or its file name."""
    path = path.replace("\\", "/").removeprefix("./")
    if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
        return True
    parts = path.split("/")
    return any(fnmatch.fnmatch("/".join(parts[i:]), pattern) for i in range(1, len(parts)))


@dataclass(frozen=True)
class Selection:
    """Which rules run: select, extend-select and ignore selectors, and per-file ignores."""

    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def enabled(self, meta: RuleMeta) -> bool:
        chosen = _best((*(self.select or ()), *self.extend_select), meta)
        if chosen is None:
            if self.select is not None:
                return False
            chosen = 0 if meta.default_enabled else None
            extra = _best(self.extend_select, meta)
            if chosen is None and extra is None:
                return False
        dropped = _best(self.ignore, meta)
        return dropped is None or (chosen is not None and chosen > dropped)

    def enabled_for(self, meta: RuleMeta, path: str) -> bool:
        for pattern, tokens in self.per_file_ignores:
            if path_matches(path, pattern) and _best(tokens, meta) is not None:
                return False
        return True
