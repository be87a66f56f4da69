"""compile(): a built-in pattern on the standard library's `re` when it can express it.

`re` compiles about twice as fast as the `regex` module and matches the long
alternations of the extractors two to three times faster. Patterns that need
`regex` (Unicode properties such as \\p{Lu}, variable-length lookbehind, its own
flags) fall back to it. Only factlint's own patterns go through here: they use no
`regex`-only match options (`overlapped=`, `timeout=`), and a user's rule always
runs on `regex`, with its timeout (`compile_regex`).

With a start-up store in use (`startup_store.use`), a pattern compiled by an earlier
run is rebuilt from its stored opcodes instead of compiled again.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from typing import Any, TypeAlias

import regex

from factlint import startup_store

Pattern: TypeAlias = "re.Pattern[str] | regex.Pattern[str]"

# Flags both modules share, with the same values (not ASCII: regex.A is 128, which
# re reads as DEBUG).
_SHARED = regex.I | regex.M | regex.S | regex.X | regex.U


def compile(pattern: str, flags: int = 0) -> Pattern:
    """A pattern with the `re.Pattern` interface (search, finditer, sub, ...), compiled
    when first used."""
    return _Deferred(("auto", pattern, int(flags)))  # type: ignore[return-value]


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern on the `regex` module (its match options, timeouts), stored like others."""
    return _stored(("regex", pattern, int(flags)), regex.compile)  # type: ignore[no-any-return]


def _stored(key: tuple[str, str, int], compile_now: Any) -> Any:
    store = startup_store.current()
    if store is not None:
        found = store.get(key)
        if found is not None:
            return found
    compiled = compile_now(key[1], key[2])
    if store is not None:
        store.add(key, compiled)
    return compiled


def required_text(pattern: regex.Pattern[str]) -> str:
    """A string that every match of `pattern` holds, as the `regex` module itself works
    it out to skip ahead in a search; "" when it found none, or when the pattern ignores
    case. A text without that string has no match: a rule need not run on it."""
    return _required(pattern) if _reads_required() else ""


def _required(pattern: regex.Pattern[str]) -> str:
    # What a compiled pattern pickles as: its source, flags, code, ..., then the
    # required string's offset, its characters and its case flags.
    try:
        data = pattern._pickled_data  # type: ignore[attr-defined]
        chars, case = data[8], data[9]
        if pattern.flags & regex.REVERSE or case & regex.IGNORECASE:
            return ""
        return "".join(map(chr, chars))
    except Exception:  # another layout: no required string, every unit is searched
        return ""


@functools.cache
def _reads_required() -> bool:
    """Whether this `regex` keeps the required string where `_required` reads it."""
    probes = {r"\d+ZQXW\d": "ZQXW", r"(?i)\d+ZQXW": "", r"a|b": "", r"ab(?:c|d)": "ab"}
    try:
        return all(_required(regex.compile(p)) == want for p, want in probes.items())
    except Exception:
        return False


class _Deferred:
    """A pattern compiled at its first use. factlint's modules define some 440 patterns
    and checking one article uses about two thirds of them (the rest wait for a date,
    a quote, a ledger term...): compiling the others cost a cold start ~40 ms.

    Each attribute asked for (a bound method: `search`, `finditer`...) is kept on the
    instance, so later uses find it as fast as on the pattern itself."""

    def __init__(self, key: tuple[str, str, int]) -> None:
        self._key = key
        self._compiled: Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_key", "_compiled"):  # copy, pickle probes
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = _stored(self._key, _choose)
        value = getattr(self._compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"fastre.compile({self._key[1]!r}, {self._key[2]})"


# What regex.escape (special_only=True) puts a backslash before: its metacharacters and
# whitespace (re's \s is str.isspace, as regex.escape tests it).
_SPECIAL = re.compile(r"[()\[\]{}?*+|^$\\.\-#&~\s]")


def escape(text: str) -> str:
    """`regex.escape(text)`, the same string: patterns are built from some 1,500 words
    at every start, and most are plain words, which need no escaping (5x faster than
    regex.escape over the shipped word lists)."""
    return text if text.isalnum() else _SPECIAL.sub(r"\\\g<0>", text)


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of literal phrases, longest first (then alphabetical, so the
    pattern text is the same in every process), spaces matching any run of whitespace."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(escape(w).replace(r"\ ", r"\s+") for w in items)


def _choose(pattern: str, flags: int) -> Pattern:
    if not flags & ~_SHARED and "\\p{" not in pattern and "\\P{" not in pattern:
        with warnings.catch_warnings():
            # re warns of sets it may read differently one day ("[[", "--"): use regex.
            warnings.simplefilter("error", FutureWarning)
            try:
                return re.compile(pattern, int(flags))
            except (re.error, FutureWarning):
                pass
    return regex.compile(pattern, flags)
