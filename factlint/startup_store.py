"""What a new process would otherwise work out again, kept in the cache folder.

Two kinds of entries. Compiled patterns: factlint compiles some 500 patterns, and
compiling them costs about 0.2 s in every new process, a third of what checking one
article from a cold start costs. A compiled pattern is a list of opcodes. A `regex`
pattern pickles as its opcodes (the module's own pickling); an `re` pattern is
rebuilt from them by `_sre.compile`, the call `re.compile` itself ends with. The file
is stamped with the Python, `re` and `regex` versions and factlint's own code, and
anything unexpected in it is a miss: a miss compiles as usual.

The methods `dataclasses` writes for each class: it builds their source and compiles
it with `exec`, about 1 ms a class and some 80 ms for factlint's classes. While a
store is in use, `dataclasses` finds an `exec` that takes the compiled code from the
store (`_exec`); the source, and so the methods, are the same.

Values derived from files that rarely change (a YAML rule file's node tree,
codespell's dictionary as an index), each kept with a stamp of what it was derived
from: a different stamp derives the value again. A value derived from a text alone is
kept under the text's digest (`remembered_content`), the same on any machine, so a
wheel ships those of the files it installs (its phrase lists and rules, ftfy's and
codespell's data); one derived from a user's file too (its front matter, the config)
is stamped with that text (`remembered`).

It lives beside the result cache (`.factlint_cache/startup.pickle`): `--no-cache`
neither reads nor writes it, and `factlint cache clear` removes it. The command in use
opens it (`use`) and saves it when done (`close`); without one, nothing is kept.

A wheel also ships the patterns and class code of factlint's own modules, compiled when
it was built, and the values derived from the texts it read (`write_shipped`,
`compiled.pickle` in the package). A store falls back to them for what it lacks, so a
first run, or one with `--no-cache` (a store that keeps nothing: `StartupStore(None)`),
compiles and derives only what a user's rules and files add. A source checkout has no
such file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import pickle
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import CodeType
from typing import Any, TypeVar

FILE_NAME = "startup.pickle"
# Written into the package folder when a wheel is built (setup.py); read, never written.
SHIPPED = Path(__file__).with_name("compiled.pickle")
# What the shipped file holds: compiled patterns, class code and values keyed by the
# digest of their text, not values stamped with file paths and times (an install
# changes those).
SHIPPED_KINDS = frozenset({"auto", "regex", "code", "content"})
# More entries than factlint and a large rule set use: stale ones are dropped then.
MAX_ENTRIES = 5_000
# Values one run may add: a run over many articles in one process keeps the first
# articles' front matter, not all of it. Values of a text alone (the word lists, rule
# files and dictionaries a run reads) are few and read by every run: always kept.
MAX_NEW_VALUES = 100

# (engine asked for, pattern, flags): "auto" lets fastre choose, "regex" forces it;
# ("value", name, 0) for a derived value, ("content", name + digest, 0) for one derived
# from a text alone; ("code", source, 0) for compiled source.
Key = tuple[str, str, int]
_MISSING = object()  # no usable entry (a stored value may itself be None)
T = TypeVar("T")


def _stamp() -> str:
    """What every entry depends on: the Python, `re` and `regex` versions, and factlint's
    own code, which decides what a derived value holds."""
    import _sre

    import regex

    from factlint.cache import code_fingerprint

    versions = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{regex.__version__}"
    return f"{versions}|{code_fingerprint()}"


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


class StartupStore:
    """Compiled patterns and derived values, loaded from and saved to `path`; with
    `path` None, a store that keeps nothing and answers from the shipped file only."""

    def __init__(self, path: Path | None, shipped: Path | None = None) -> None:
        self.path = path
        self.shipped_path = SHIPPED if shipped is None else shipped
        self.stamp = _stamp()  # walks factlint's files: once, for loading and saving
        self.known: dict[Key, tuple[str, Any]] = _load(path, self.stamp)
        self.added: dict[Key, tuple[str, Any]] = {}
        self.new_values = 0
        self._shipped: dict[Key, tuple[str, Any]] | None = None  # read at the first miss

    def _entry(self, key: Key) -> tuple[str, Any] | None:
        """The entry for `key`: this store's, else the shipped file's (then kept here
        too, so the next run need not read the shipped file)."""
        entry = self.added.get(key) or self.known.get(key)
        if entry is not None or key[0] not in SHIPPED_KINDS:
            return entry
        if self._shipped is None:
            found = _load(self.shipped_path, self.stamp)
            self._shipped = {k: e for k, e in found.items() if k[0] in SHIPPED_KINDS}
        entry = self._shipped.get(key)
        if entry is not None and self.path is not None:
            self.added[key] = entry
        return entry

    def _loaded(self, key: Key, kind: str, loads: Callable[[Any], Any]) -> Any:
        """The entry under `key` (this store's or the shipped file's) read back with
        `loads` when it is of `kind`; _MISSING when absent or damaged (worked out again)."""
        entry = self._entry(key)
        if entry is None or entry[0] != kind:
            return _MISSING
        try:
            return loads(entry[1])
        except Exception:
            return _MISSING

    def get(self, key: Key) -> Any:
        """The compiled pattern, or None when it is not stored or cannot be rebuilt."""
        entry = self._entry(key)
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
        if self.path is None:
            return
        try:
            if isinstance(compiled, re.Pattern):
                data = _sre_arguments(key[1], key[2])
                self.added[key] = ("re", data)
            else:
                self.added[key] = ("regex", pickle.dumps(compiled))
        except Exception:  # an engine detail changed: this pattern is just not stored
            pass

    def value(self, name: str, stamp: str, derive: Callable[[], T]) -> T:
        """The value kept under `name` if it was derived from `stamp`, else `derive()`
        (kept for the next run; a value that cannot be pickled is just not kept)."""
        if self.path is None:
            return derive()
        key = ("value", name, 0)
        entry = self.added.get(key) or self.known.get(key)
        if entry is not None and entry[0] == "value" and entry[1][0] == stamp:
            try:
                return pickle.loads(entry[1][1])  # type: ignore[no-any-return]
            except Exception:  # damaged: derive again
                pass
        derived = derive()
        if self.new_values >= MAX_NEW_VALUES:
            return derived
        try:
            blob = pickle.dumps(derived, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return derived
        self.added[key] = ("value", (stamp, blob))
        self.new_values += 1
        return derived

    def content(
        self, name: str, data: bytes, derive: Callable[[], T], unkept: Callable[[], T] | None = None
    ) -> T:
        """The value kept under `name` and the digest of `data`, else `derive()` (kept
        for the next run). Also answered from the shipped file, keeping nothing; then
        `unkept`, if given, is the quicker way to a value used once."""
        import hashlib

        key = ("content", f"{name}\0{hashlib.sha256(data).hexdigest()}", 0)
        found = self._loaded(key, "value", pickle.loads)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        if self.path is None:
            return (unkept or derive)()
        derived = derive()
        with contextlib.suppress(Exception):  # cannot be pickled: derived in every process
            self.added[key] = ("value", pickle.dumps(derived, protocol=pickle.HIGHEST_PROTOCOL))
        return derived

    def compiled(self, source: str) -> CodeType:
        """`source` compiled as `exec` compiles a string (no __future__ flags of ours)."""
        key = ("code", source, 0)
        found = self._loaded(key, "code", marshal.loads)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if self.path is not None:
            self.added[key] = ("code", marshal.dumps(code))
        return code

    def take_new(self) -> dict[Key, tuple[str, Any]]:
        """What this process added since the last call (a worker hands it to the parent,
        which keeps it: a run's patterns and values are mostly worked out in workers)."""
        new, self.added = self.added, {}
        self.known.update(new)
        return new

    def merge(self, entries: dict[Key, tuple[str, Any]]) -> None:
        """Keep what a worker added, values within this run's allowance."""
        for key, entry in entries.items():
            if entry in (self.known.get(key), self.added.get(key)):
                continue  # known already (a value derived again from a new stamp is not)
            if entry[0] == "value" and key[0] != "content":
                if self.new_values >= MAX_NEW_VALUES:
                    continue
                self.new_values += 1
            self.added[key] = entry

    def save(self) -> None:
        """Write the store atomically if this run compiled anything new; never fails."""
        if not self.added or self.path is None:
            return
        entries = {**self.known, **self.added}
        if len(entries) > MAX_ENTRIES:
            entries = dict(self.added)
        import tempfile  # only a run that adds something pays for it (~6 ms)

        from factlint.cache import ensure_folder

        try:
            ensure_folder(self.path.parent)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".startup-")
            try:
                with os.fdopen(fd, "wb") as f:
                    pickle.dump((self.stamp, entries), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:  # read-only or full: the next run compiles again
            return
        self.known, self.added = entries, {}


def _load(path: Path | None, stamp: str) -> dict[Key, tuple[str, Any]]:
    """The entries of the store file at `path`; {} when it is missing, damaged or was
    written by another Python, `regex` or factlint."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            found, known = pickle.load(f)
        if found == stamp and isinstance(known, dict):
            return known
    except Exception:
        pass
    return {}


_current: StartupStore | None = None


def use(store: StartupStore | None) -> None:
    """Answer compiles and derived values from `store`, recording what it lacks."""
    global _current
    _current = store
    if store is None:
        vars(dataclasses).pop("exec", None)
    else:
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(
    source: Any, globals: dict[str, Any] | None = None, locals: Mapping[str, Any] | None = None, /
) -> None:
    """`exec` for `dataclasses`: a string is compiled by the store in use."""
    if globals is None:  # exec's own default: the caller's namespaces
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if _current is not None and isinstance(source, str):
        source = _current.compiled(source)
    exec(source, globals, locals)


def current() -> StartupStore | None:
    return _current


def close() -> None:
    """Keep what this run worked out for the next one, and stop using the store."""
    if _current is not None:
        _current.save()
    use(None)


def take_new() -> dict[Key, tuple[str, Any]]:
    """The entries this process added since the last call ({} without a store)."""
    return _current.take_new() if _current is not None else {}


def merge(entries: dict[Key, tuple[str, Any]]) -> None:
    """Keep a worker's entries in the store in use, if any."""
    if _current is not None and entries:
        _current.merge(entries)


def remembered(name: str, stamp: str, derive: Callable[[], T]) -> T:
    """`derive()`, or the value an earlier run derived from the same `stamp`."""
    return derive() if _current is None else _current.value(name, stamp, derive)


def remembered_content(
    name: str, data: bytes, derive: Callable[[], T], unkept: Callable[[], T] | None = None
) -> T:
    """`derive()`, a value of the text `data` alone (and factlint's code), or the value an
    earlier run, or the wheel's build, derived from the same text. `unkept`, if given,
    is a quicker way to the value when it will not be kept."""
    if _current is None:
        return (unkept or derive)()
    return _current.content(name, data, derive, unkept)


def package_file(package: str, *parts: str) -> Path | None:
    """A data file of an installed package, found without importing the package (some
    cost tens of milliseconds to import); None when it is not a plain file."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec and spec.submodule_search_locations) or ():
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    return None


def write_shipped(target: Path, articles: Sequence[str] = ()) -> int:
    """Write to `target` (the wheel's `SHIPPED` file; setup.py calls this) the patterns and
    class code of every factlint module, and those that checking `articles` with every
    shipped rule compiles and derives from texts besides. Returns how many entries it
    holds.

    Run it in a new process: a class made before it begins is not seen."""
    import gc
    import importlib
    import pkgutil
    import tempfile

    import factlint
    from factlint import fastre
    from factlint.cache import CACHE_DIR
    from factlint.fix import replace_file

    stamp = _stamp()
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / CACHE_DIR / FILE_NAME
        use(StartupStore(kept))
        for module in pkgutil.walk_packages(factlint.__path__, "factlint."):
            importlib.import_module(module.name)
        for found in gc.get_objects():
            if isinstance(found, fastre._Deferred):
                found.pattern  # noqa: B018 (compiled, and kept, when first used)
        close()
        if articles:  # patterns built as rules run: from word lists, options, the ledger
            _check(folder, [os.path.abspath(a) for a in articles])
        entries = {k: e for k, e in _load(kept, stamp).items() if k[0] in SHIPPED_KINDS}
    replace_file(target, pickle.dumps((stamp, entries), protocol=pickle.HIGHEST_PROTOCOL))
    return len(entries)


def _check(folder: str, articles: list[str]) -> None:
    """`factlint check` over `articles` in one process, its cache folder in `folder`."""
    from factlint.cli import main

    before = os.getcwd()
    os.chdir(folder)
    try:
        args = ["check", "--select", "ALL", "--jobs", "1", "--exit-zero", "-o", os.devnull]
        main([*args, *articles], standalone_mode=False)
    except SystemExit:
        pass
    finally:
        os.chdir(before)
