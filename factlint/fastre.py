"""compile(): a built-in pattern on the standard library's `re` when it can express it.

`re` compiles about twice as fast as the `regex` module and matches the long
alternations of the extractors two to three times faster. Patterns that need
`regex` (Unicode properties such as \\p{Lu}, variable-length lookbehind, its own
flags) fall back to it. Only factlint's own patterns go through here: they use no
`regex`-only match options (`overlapped=`, `timeout=`), and a user's rule always
runs on `regex`, with its timeout.
"""

from __future__ import annotations

import re
import warnings
from typing import TypeAlias

import regex

Pattern: TypeAlias = "re.Pattern[str] | regex.Pattern[str]"

# Flags both modules share, with the same values (not ASCII: regex.A is 128, which
# re reads as DEBUG).
_SHARED = regex.I | regex.M | regex.S | regex.X | regex.U


def compile(pattern: str, flags: int = 0) -> Pattern:
    """A compiled pattern with the `re.Pattern` interface (search, finditer, sub, ...)."""
    if not flags & ~_SHARED and "\\p{" not in pattern and "\\P{" not in pattern:
        with warnings.catch_warnings():
            # re warns of sets it may read differently one day ("[[", "--"): use regex.
            warnings.simplefilter("error", FutureWarning)
            try:
                return re.compile(pattern, int(flags))
            except (re.error, FutureWarning):
                pass
    return regex.compile(pattern, flags)
