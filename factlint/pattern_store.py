"""Compiled patterns kept in the cache folder, so a new process need not compile them.

factlint compiles some 500 patterns, and compiling them costs about 0.2 s in every
new process: a third of what checking one article from a cold start costs. A
compiled pattern is a list of opcodes. A `regex` pattern pickles as its opcodes (the
module's own pickling); an `re` pattern is rebuilt from them by `_sre.compile`, the
call `re.compile` itself ends with. The file is stamped with the Python, `re` and
`regex` versions, and anything unexpected in it is a miss: a miss compiles as usual.

It lives beside the result cache (`.factlint_cache/patterns.pickle`): `--no-cache`
neither reads nor writes it, and `factlint cache clear` removes it.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

FILE_NAME = "patterns.pickle"
# More entries than factlint and a large rule set use: stale ones are dropped then.
MAX_ENTRIES = 5_000

# (engine asked for, pattern, flags): "auto" lets fastre choose, "regex" forces it.
Key = tuple[str, str, int]


def _stamp() -> str:
    import _sre

    import regex

    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{regex.__version__}"


def _sre_arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What re.compile hands to _sre.compile (Lib/re/_compiler.py, compile())."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


class PatternStore:
    """Compiled patterns by (engine, pattern, flags), loaded from and saved to `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[Key, tuple[str, Any]] = {}
        self.added: dict[Key, tuple[str, Any]] = {}
        try:
            with open(path, "rb") as f:
                stamp, known = pickle.load(f)
            if stamp == _stamp() and isinstance(known, dict):
                self.known = known
        except Exception:  # missing, damaged or from another version: start empty
            pass

    def get(self, key: Key) -> Any:
        """The compiled pattern, or None when it is not stored or cannot be rebuilt."""
        entry = self.known.get(key)
        if entry is None:
            return None
        try:
            kind, data = entry
            if kind == "re":
                import _sre

                return _sre.compile(*data)
            return pickle.loads(data)
        except Exception:
            return None

    def add(self, key: Key, compiled: Any) -> None:
        """Remember a pattern compiled in this run (saved by `save`)."""
        try:
            if isinstance(compiled, re.Pattern):
                data = _sre_arguments(key[1], key[2])
                self.added[key] = ("re", data)
            else:
                self.added[key] = ("regex", pickle.dumps(compiled))
        except Exception:  # an engine detail changed: this pattern is just not stored
            pass

    def save(self) -> None:
        """Write the store atomically if this run compiled anything new; never fails."""
        if not self.added:
            return
        entries = {**self.known, **self.added}
        if len(entries) > MAX_ENTRIES:
            entries = dict(self.added)
        from factlint.cache import ensure_folder

        try:
            ensure_folder(self.path.parent)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            try:
                with os.fdopen(fd, "wb") as f:
                    pickle.dump((_stamp(), entries), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:  # read-only or full: the next run compiles again
            return
        self.known, self.added = entries, {}
