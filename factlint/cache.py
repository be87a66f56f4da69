"""A per-file result cache: unchanged articles are not read, parsed or checked again.

SQLite in `.factlint_cache/` at the config root (the folder of the config file, else
the current folder), with a `.gitignore` of `*` so git never sees it. One row per file:

    key   = sha256(run digest, path, folder metadata entry, sha256 of the file's bytes)
            + "r" for a file checked (reported), "c" for one only read for the
            corpus rules
    value = pickle of (name, path, pickle of (pickle of Document, claims), pickle of
            the raw document findings, read errors, notices, final, the groups kept
            apart)
    links = pickle of {links group: pickle of the check's keys}, or NULL

The document and the findings are pickled apart inside the row: a hit is unpickled
only where a check reads it (`analysis.DeferredAnalysis`), and a file read for the
corpus only never unpickles its findings.

Claims that only one corpus check reads are kept apart, one row per file and check in
`claims`, and read by the process that runs that check (`ClaimRows`): a run answered
from the cache loads no claim in its parent, and its corpus checks each load their own
side by side. At 10,000 articles that is most of what a pre-commit run pays. The
checks' keys (factlint.links) are the file row's last column, `links`: a run that
reports some articles reads every article's keys with its row, then each check's
claims only where a key links them; a run that reports every article never reads them.

A checked file's row answers for the same file read for the corpus only (its document
findings dropped): after `factlint check articles/`, a pre-commit hook that checks one
article against the whole archive finds every other article in the cache.

The run digest covers everything else that changes a file's result: the factlint
version and the fingerprint of its code, the configuration (selected rules, options,
severities, per-file ignores), the rule files (YAML and local Python) and the ledger
files' contents. A hit still hands its claims to the corpus rules, which run again
whenever any file of the run changed.

A second table keeps whole runs: the run's findings under sha256 of every file's key,
in order. A run over exactly the same files, bytes, metadata and configuration is
answered from it without loading a claim or running a rule: the result is a function
of those inputs (it is the same for any `--jobs`), so it is the same result.

A file's bytes are hashed once: `stamps` keeps each file's sha256 under its size,
modification and change times, inode and device, and a file whose stat is unchanged
is not read again to be keyed (10,000 unchanged articles are keyed in a fraction of
the time). As git does with its index, a file changed less than two seconds before it
was read gets no stamp: one more change within its timestamp's tick would not show
in its stat. On POSIX systems every write moves a file's change time (ctime), which
no tool can set back; on Windows that field is the creation time, and a rewrite of
the same size whose modification time a tool restores would go unseen there.

The folder also keeps compiled patterns and parsed rule files (`startup.pickle`, see
factlint.startup_store), so a new process does not work them out again.

Safe under concurrent runs (WAL, busy timeout, INSERT OR REPLACE in short
transactions). Nothing here is ever fatal: a corrupt database is deleted and rebuilt,
a locked or unwritable one is skipped, and a value that does not unpickle is a miss.
The cache holds pickles: it trusts its folder as it trusts the repository's code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import pickle
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint import __version__

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint.model import RunResult
    from factlint.parallel import Item, Outcome
    from factlint.rule import Check

CACHE_DIR = ".factlint_cache"
DB_NAME = "results.sqlite"
SCHEMA = 3
BUSY_TIMEOUT_MS = 10_000
# Rows unused for this long are pruned (each hit refreshes a row at most once a day).
MAX_AGE = 30 * 86_400
_DAY = 86_400
_LOOKUP_BATCH = 256
_WRITE_BATCH = 256
_KEPT_RUNS = 8  # whole runs kept (a few configurations or folders checked in turn)
_CHECKED, _CORPUS_ONLY = "r", "c"  # the last letter of a file's key
# A file changed this recently may change again within its timestamp's tick (FAT
# keeps 2 s, ext3 1 s): it is read again next time rather than trusted by its stat.
_RACY_NS = 2_000_000_000


@dataclass(slots=True)
class Stats:
    """What the cache did in one run (tests and the benchmark read these)."""

    hits: int = 0
    misses: int = 0
    writes: int = 0
    whole_run: bool = False  # answered by a whole run's stored result
    errors: list[str] = field(default_factory=list)


# The statistics of the most recent Cache in this process: a small hook for tests.
LAST_STATS = Stats()


def cache_dir(config: Config) -> Path:
    """`.factlint_cache/` in the folder of the config file, else the current folder."""
    root = config.path.parent if config.path is not None else Path.cwd()
    return root / CACHE_DIR


# --- the run digest -----------------------------------------------------------------


def _hash_file(h: Any, path: Path) -> None:
    h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    try:  # a named pipe is not read: it would wait for a writer
        h.update(path.read_bytes() if path.is_file() else b"not a regular file")
    except OSError as exc:
        h.update(f"unreadable {exc.errno}".encode())
    h.update(b"\0")


def _files_under(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
    return [path]


def code_fingerprint(package: Path | None = None) -> str:
    """factlint's own files (or `package`'s) by name and content: a code change
    invalidates the cache.

    Content, not modification times: a CI job installs factlint afresh on every run, and
    a cache it restores (the GitHub Action's) must still match the same release. Hashing
    the ~0.9 MB of sources costs about 1.5 ms more than reading their stat.
    """
    if package is None:
        return _own_fingerprint()
    h = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".yml", ".txt", ".json")):
                path = os.path.join(folder, name)
                with open(path, "rb") as stream:
                    data = stream.read()
                rel = os.path.relpath(path, package)
                h.update(f"{rel}\0{len(data)}\0".encode())
                h.update(data)
    return h.hexdigest()


@functools.cache  # a run asks twice (results and start-up store); its code stays put
def _own_fingerprint() -> str:
    return code_fingerprint(Path(__file__).parent)


def ledger_paths(config: Config) -> list[Path]:
    """The ledger files the run loads (as the check command does)."""
    from factlint.ledger import ledger_files

    paths = ledger_files(config.shipped_ledger, config.ledger)
    return [f for p in paths for f in _files_under(Path(p))]


def run_digest(config: Config, checks: Sequence[Check]) -> str:
    """Everything besides the file itself that decides a file's cached result."""
    import sys

    from factlint.engine import plan

    p = plan(config, checks)
    h = hashlib.sha256(f"schema {SCHEMA}\0{code_fingerprint()}\0".encode())
    h.update(repr(config).encode("utf-8", "surrogateescape"))
    for rule_id in sorted(p.rules):
        meta = p.rules[rule_id]
        h.update(f"{rule_id}\0{meta.severity}\0{rule_id in p.enabled}\0".encode())
    sources: set[Path] = set()
    for check in checks:
        for meta in check.rules:
            if meta.source not in ("", "built-in") and Path(meta.source).is_file():
                sources.add(Path(meta.source))
        # The file that defines the check function: a local rule, a plugin, a kind.
        code = getattr(check.run, "__code__", None)
        module = sys.modules.get(getattr(check.run, "__module__", "") or "")
        for file in (getattr(code, "co_filename", None), getattr(module, "__file__", None)):
            if file and Path(file).is_file():
                sources.add(Path(file))
        h.update(repr(sorted(check.defaults.items())).encode())
    sources.update(Path(p) for p in config.python_rules)
    for path in sorted(sources):
        _hash_file(h, path)
    for path in ledger_paths(config):
        _hash_file(h, path)
    return h.hexdigest()


# --- the database ---------------------------------------------------------------------


def ensure_folder(folder: Path) -> None:
    """Create the cache folder with a `.gitignore` of `*`, so git never sees it."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        ignore.write_text("# factlint's cache; safe to delete\n*\n")


class Cache:
    """Lookups and writes of per-file results; every failure degrades to a miss."""

    def __init__(self, folder: Path, digest: str, max_size: int = 5_000_000) -> None:
        self.folder = Path(folder)
        self.digest = digest
        self.max_size = max_size  # larger files are left to the reader, which skips them
        self.stats = Stats()
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._pending: list[tuple[str, bytes, int, bytes | None]] = []
        self._pending_claims: list[tuple[str, str, bytes]] = []
        self._folders: dict[str, Path] = {}  # a Path per folder name, not per file
        self._now = int(time.time())
        # A file whose bytes changed between keying the run and reading it for analysis:
        # the run's result then belongs to no single state of the files, so it is not kept.
        self._moved = False
        global LAST_STATS
        LAST_STATS = self.stats

    @property
    def path(self) -> Path:
        return self.folder / DB_NAME

    def claim_rows(self) -> ClaimRows:
        """A reader of the claims kept apart, for whichever process runs their check."""
        return ClaimRows(self.path)

    # connection handling

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        if not create and not self.path.is_file():
            return None
        for attempt in (1, 2):
            db = None
            try:
                if create:
                    ensure_folder(self.folder)
                db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                for table in ("results", "runs"):
                    db.execute(
                        f"CREATE TABLE IF NOT EXISTS {table}"
                        " (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)"
                    )
                _add_links_column(db)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS stamps (path BLOB PRIMARY KEY,"
                    " stamp TEXT NOT NULL, sha TEXT NOT NULL, used INTEGER NOT NULL)"
                )
                # Pruning finds old rows by it: without, it reads every row's value
                # (`used` comes after it), 0.06 s at 10,000 articles in every run.
                db.execute("CREATE INDEX IF NOT EXISTS results_used ON results (used)")
                db.execute(_CLAIMS_TABLE)
                db.execute(_DURATIONS_TABLE)
                db.execute("SELECT count(*) FROM results WHERE key = ''").fetchone()
                self._db = db
                return db
            except (sqlite3.Error, OSError) as exc:
                if db is not None:
                    db.close()
                # Corrupt: delete and rebuild once. Locked, read-only, full: skip this run.
                if attempt == 1 and _corrupt(exc) and self._delete(exc):
                    continue
                self._give_up(exc)
                return None
        return None

    def _delete(self, reason: Exception) -> bool:
        """Remove a corrupt database (and its WAL files); True if it is gone."""
        self.stats.errors.append(f"rebuilt the cache: {reason}")
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError:
                return False
        return True

    def _give_up(self, reason: Exception) -> None:
        self._broken = True
        self.stats.errors.append(f"cache disabled for this run: {reason}")

    def _guard(self, exc: Exception) -> None:
        """A failure in the middle of a run: corrupt -> delete for next time; else skip."""
        self.close()
        if _corrupt(exc):
            self._delete(exc)
        self._give_up(exc)

    # keys

    def key(self, name: str, reported: bool, meta: Mapping[str, Any], data: bytes) -> str:
        return self._key(name, reported, meta, hashlib.sha256(data).hexdigest())

    def _key(self, name: str, reported: bool, meta: Mapping[str, Any], sha: str) -> str:
        h = hashlib.sha256(self.digest.encode())
        # The entry as the document keeps it: text keys only (a YAML key may be a number).
        entry = sorted((k, v) for k, v in meta.items() if isinstance(k, str))
        # A file name that is not UTF-8 comes with surrogates (os.fsdecode): keep them.
        h.update(f"\0{name}\0{entry!r}\0{sha}".encode("utf-8", "surrogatepass"))
        return h.hexdigest() + (_CHECKED if reported else _CORPUS_ONLY)

    # reading

    def keys(
        self, items: Sequence[Item], metadata: Mapping[Path, Mapping[str, Any]]
    ) -> list[str | None]:
        """Every item's key (None: it cannot be keyed), reading only the files whose stat
        changed since their bytes were last hashed, keeping none."""
        # Bytes: a file name need not be UTF-8. Stdin is never cached.
        # os.path.abspath, with the current folder asked once rather than per file.
        here = os.getcwd()
        paths = {
            i.name: os.fsencode(os.path.normpath(os.path.join(here, i.name)))
            for i in items
            if i.data is None
        }
        known = self._stamps(list(paths.values()))
        fresh: list[tuple[bytes, str, str, int]] = []
        now_ns = time.time_ns()
        out: list[str | None] = []
        for item in items:
            sha = None
            if item.data is None:
                sha = self._sha(item.name, paths[item.name], known, fresh, now_ns)
            if sha is None:
                out.append(None)
                continue
            out.append(self._key(item.name, item.reported, self._meta(item.name, metadata), sha))
        if fresh:
            self._write_stamps(fresh)
        return out

    def _sha(
        self,
        name: str,
        path: bytes,
        known: Mapping[bytes, tuple[str, str, int]],
        fresh: list[tuple[bytes, str, str, int]],
        now_ns: int,
    ) -> str | None:
        """The sha256 of a file's bytes: its stamp's, else read (None: cannot be read or
        too large). A stamp to write, or one to refresh, goes to `fresh`."""
        try:
            st = os.stat(name)
        except OSError:
            return None
        if not self._readable(st):
            return None
        stamp = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        found = known.get(path)
        if found is not None and found[0] == stamp:
            if found[2] < self._now - _DAY:  # rows in use live on (see MAX_AGE)
                fresh.append((path, stamp, found[1], self._now))
            return found[1]
        try:
            with open(name, "rb") as stream:
                data = stream.read()
        except OSError:
            return None
        sha = hashlib.sha256(data).hexdigest()
        if len(data) == st.st_size and max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - _RACY_NS:
            fresh.append((path, stamp, sha, self._now))
        return sha

    def _readable(self, st: os.stat_result) -> bool:
        """A regular file within the size limit. Opening a named pipe would wait for a
        writer; the reader reports what is not keyed here."""
        return stat.S_ISREG(st.st_mode) and st.st_size <= self.max_size

    def _stamps(self, paths: Sequence[bytes]) -> dict[bytes, tuple[str, str, int]]:
        """path -> (stamp, sha256 of the bytes, last used) for those of these files that
        were hashed before (only these: a one-article run need not load a whole archive's)."""
        db = self._connect(create=False) if paths else None
        if db is None:
            return {}
        found: dict[bytes, tuple[str, str, int]] = {}
        query = "SELECT path, stamp, sha, used FROM stamps WHERE path IN ({marks})"
        try:
            rows = _select_in(db, query, paths)
            found.update((path, (stamp, sha, used)) for path, stamp, sha, used in rows)
        except sqlite3.Error as exc:
            self._guard(exc)
            return {}
        return found

    def _write_stamps(self, rows: Sequence[tuple[bytes, str, str, int]]) -> None:
        db = self._connect(create=True)
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._guard(exc)

    def lookup(
        self,
        items: Sequence[Item],
        metadata: Mapping[Path, Mapping[str, Any]],
        keys: Sequence[str | None] | None = None,
        links: bool = False,
    ) -> Iterator[tuple[int, Item, str | None, Outcome | None]]:
        """(index, item with its bytes, key, cached outcome or None) for every item.

        Items that cannot be keyed (stdin, unreadable, too large) come back with no key:
        the normal path reads them and reports the problem. With `keys` (from `keys()`),
        a hit is not read again; a miss is, and keyed by what was read. With `links`, a
        hit comes with its checks' keys (a run that reports only some articles).
        """
        batch: list[tuple[int, Item, str | None]] = []
        for index, item in enumerate(items):
            if keys is not None and keys[index] is not None:
                batch.append((index, item, keys[index]))
            else:
                batch.append(self._keyed(index, item, metadata))
            if len(batch) >= _LOOKUP_BATCH:
                yield from self._answer(batch, metadata, links)
                batch = []
        if batch:
            yield from self._answer(batch, metadata, links)

    def _keyed(
        self, index: int, item: Item, metadata: Mapping[Path, Mapping[str, Any]]
    ) -> tuple[int, Item, str | None]:
        if item.data is not None:  # stdin: an editor buffer, never cached
            return index, item, None
        try:  # os calls: pathlib costs more than the read itself over 10,000 files
            if not self._readable(os.stat(item.name)):
                return index, item, None
            with open(item.name, "rb") as stream:
                data = stream.read()
        except OSError:
            return index, item, None
        key = self.key(item.name, item.reported, self._meta(item.name, metadata), data)
        return index, dataclasses.replace(item, data=data), key

    def _meta(self, name: str, metadata: Mapping[Path, Mapping[str, Any]]) -> Mapping[str, Any]:
        """The file's entry in its folder's metadata file ({} when it has none)."""
        folder = metadata.get(self._folder(os.path.dirname(name) or "."), {})
        entry = folder.get(os.path.basename(name)) if folder else None
        return entry if isinstance(entry, dict) else {}

    def _folder(self, name: str) -> Path:
        found = self._folders.get(name)
        if found is None:
            found = self._folders[name] = Path(name)
        return found

    def _answer(
        self,
        batch: list[tuple[int, Item, str | None]],
        metadata: Mapping[Path, Mapping[str, Any]],
        links: bool,
    ) -> Iterator[tuple[int, Item, str | None, Outcome | None]]:
        found = self._fetch(_answering([k for _, _, k in batch if k is not None]), links)
        fresh: list[str] = []
        for index, item, key in batch:
            outcome = None
            stored = key if key is None or key in found else _checked(key)
            if stored is not None and stored in found:
                value, used, held = found[stored]
                outcome = _unpickle(value, stored, findings=stored == key, links=held)
                if outcome is not None and used < self._now - _DAY:
                    fresh.append(stored)
            if outcome is None:
                self.stats.misses += key is not None
                if key is not None and item.data is None:  # keyed by keys(): read it now
                    _, item, read_key = self._keyed(index, item, metadata)
                    self._moved |= read_key != key
                    key = read_key
                yield index, item, key, None
            else:
                self.stats.hits += 1
                yield index, item, key, outcome
        if fresh:
            self._touch(fresh)

    def _fetch(self, keys: list[str], links: bool) -> dict[str, tuple[bytes, int, bytes | None]]:
        """key -> (value, last used, the checks' keys if asked for) of the stored rows.

        The keys are the row's last column: a run that does not link does not read them."""
        if not keys:
            return {}
        db = self._connect(create=False)
        if db is None:
            return {}
        try:
            marks = ",".join("?" * len(keys))
            wanted = "links" if links else "NULL"
            rows = db.execute(
                f"SELECT key, value, used, {wanted} FROM results WHERE key IN ({marks})", keys
            ).fetchall()
        except sqlite3.Error as exc:
            self._guard(exc)
            return {}
        return {k: (v, used, held) for k, v, used, held in rows}

    def _touch(self, keys: Sequence[str], table: str = "results") -> None:
        db = self._connect(create=False)
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    f"UPDATE {table} SET used = ? WHERE key = ?", [(self._now, k) for k in keys]
                )
        except sqlite3.Error as exc:
            self._guard(exc)

    # whole runs

    def run_key(self, keys: Sequence[str | None]) -> str | None:
        """The key of a run over these files, in this order (None if one has no key)."""
        h = hashlib.sha256(f"run\0{self.digest}".encode())
        for key in keys:
            if key is None:
                return None
            h.update(key.encode())
        return h.hexdigest()

    def recall(self, run_key: str, keys: Sequence[str]) -> RunResult | None:
        """The stored result of this very run, or None."""
        db = self._connect(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT value, used FROM runs WHERE key = ?", (run_key,)).fetchone()
        except sqlite3.Error as exc:
            self._guard(exc)
            return None
        result = _unpickle_run(row[0]) if row is not None else None
        if result is None:
            return None
        if row[1] < self._now - _DAY:  # the files' rows live as long as the run's
            self._touch([run_key], "runs")
            self._touch(_answering(keys))
        self.stats.hits = len(keys)
        self.stats.whole_run = True
        self.close()
        return result

    def remember(self, run_key: str, result: RunResult) -> None:
        """Keep a run's result (the last few runs are kept); then close."""
        if self._moved or self._broken:
            return
        from factlint.parallel import register_pickling

        register_pickling()
        value = pickle.dumps(
            (result.findings, result.errors, result.files, result.notices),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        db = self._connect(create=True)
        if db is None:
            return
        try:
            with db:
                row = (run_key, value, self._now)
                db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", row)
                db.execute(
                    "DELETE FROM runs WHERE key NOT IN"
                    " (SELECT key FROM runs ORDER BY used DESC, rowid DESC LIMIT ?)",
                    (_KEPT_RUNS,),
                )
        except sqlite3.Error as exc:
            self._guard(exc)
        self.close()

    # writing

    def add(
        self,
        key: str,
        outcome: Outcome,
        apart: Mapping[str, str] | None = None,
        links: bool = False,
    ) -> Outcome | None:
        """Queue one analysed file (see `pack`) and return it as a later run reads it back;
        None if it is not cached."""
        if self._broken or (packed := pack(outcome, apart or {}, links)) is None:
            return None
        return self.keep(key, packed)

    def keep(self, key: str, packed: Packed) -> Outcome:
        """Queue a file packed for the cache; the file as a hit reads it back. Claims
        the cache then fails to keep are worked out again when a check reads them."""
        if not self._broken:
            self._pending.append((key, packed.value, self._now, packed.links))
            self._pending_claims += [(key, group, blob) for group, blob in packed.claims]
            if len(self._pending) >= _WRITE_BATCH:
                self._write()
        return dataclasses.replace(packed.outcome, apart_row=key if packed.apart else None)

    def flush(self) -> None:
        """Write what is queued, prune old rows, close. Called once at the end of a run."""
        self._write()
        if self._db is not None and self.stats.writes:
            try:
                with self._db:
                    old = (self._now - MAX_AGE,)
                    pruned = self._db.execute("DELETE FROM results WHERE used < ?", old)
                    self._db.execute("DELETE FROM stamps WHERE used < ?", old)
                    if pruned.rowcount:  # their claims go with them
                        self._db.execute(
                            "DELETE FROM claims WHERE key NOT IN (SELECT key FROM results)"
                        )
            except sqlite3.Error as exc:
                self._guard(exc)
        self.close()

    def _write(self) -> None:
        rows, self._pending = self._pending, []
        claims, self._pending_claims = self._pending_claims, []
        if not rows:
            return
        db = self._connect(create=True)
        if db is None:
            return
        try:
            with db:  # one short transaction per batch: concurrent runs interleave
                db.executemany(
                    "INSERT OR REPLACE INTO results (key, value, used, links) VALUES (?, ?, ?, ?)",
                    rows,
                )
                db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?, ?)", claims)
            self.stats.writes += len(rows)
        except sqlite3.Error as exc:
            self._guard(exc)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None


@dataclass(frozen=True, slots=True)
class Packed:
    """One analysed file pickled as the cache stores it, to be kept under its key
    (`Cache.keep`). Workers pack what they analyse: the parent then stores bytes, and
    holds each file as a hit, without unpickling claims it only passes on."""

    outcome: Outcome  # as a hit reads it back: the document and its claims pickled
    value: bytes  # the file's row
    links: bytes | None  # the checks' keys, pickled per group
    claims: tuple[tuple[str, bytes], ...]  # (group, its claims pickled), kept apart
    apart: bool  # some claims are not in the row: a check reads them from `claims`


def pack(outcome: Outcome, apart: Mapping[str, str], links: bool) -> Packed | None:
    """`outcome` as the cache keeps it; None for a file with rule errors (tried again
    next run) or that gave nothing to keep.

    `apart` maps a claim to its group: those claims are kept in `claims`, a row per
    group, and left out of the file's own row. A check's keys (a links group) go in the
    row's `links` column instead: a run that reports some articles reads every
    article's keys, which come with the rows the parent reads anyway. With `links`, the
    file read back holds its keys, as a hit of such a run does."""
    if (outcome.path is None and not outcome.final) or outcome.rule_errors:
        return None
    from factlint.parallel import LINKS_SUFFIX, register_pickling

    register_pickling()
    kept: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for name, value in outcome.extracted.items():
        group = apart.get(name)
        (kept if group is None else groups.setdefault(group, {}))[name] = value
    # The checks' keys go in the row's `links` column, the other groups in `claims`.
    stored = {g: claims for g, claims in groups.items() if not g.endswith(LINKS_SUFFIX)}
    held = {
        g: pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL)
        for g, claims in sorted(groups.items())
        if g.endswith(LINKS_SUFFIX)
    }
    # The claims kept with the document, and the document inside them, are pickled
    # apart in the row: a hit unpickles each only if a check reads it
    # (DeferredAnalysis).
    packed = outcome.packed
    if packed is None and outcome.doc is not None:
        doc = pickle.dumps(outcome.doc, protocol=pickle.HIGHEST_PROTOCOL)
        packed = pickle.dumps((doc, kept), protocol=pickle.HIGHEST_PROTOCOL)
    value = pickle.dumps(
        (
            outcome.name,
            outcome.path,
            packed,
            # apart too: the row of a checked file also answers a run that reads it
            # for the corpus rules only, without its findings
            pickle.dumps(outcome.findings, protocol=pickle.HIGHEST_PROTOCOL),
            outcome.read_errors,
            outcome.notices,
            outcome.final,
            tuple(sorted(stored)),
        ),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    claims = tuple(
        (group, pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL))
        for group, claims in sorted(stored.items())
    )
    read_back = dataclasses.replace(
        outcome,
        doc=None,
        extracted={},
        packed=packed,
        stored_path=outcome.path,
        held=held if links else {},
    )
    return Packed(
        outcome=read_back,
        value=value,
        links=pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL) if held else None,
        claims=claims,
        apart=bool(stored or read_back.held),
    )


def _add_links_column(db: sqlite3.Connection) -> None:
    """The checks' keys, a column after `used` (a cache written before it had none)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(results)")}
    if "links" not in columns:
        db.execute("ALTER TABLE results ADD COLUMN links BLOB")


def _select_in(
    db: sqlite3.Connection, query: str, values: Sequence[Any], *before: Any
) -> Iterator[Any]:
    """The rows of `query` whose IN list (`{marks}`) holds `values`, asked in batches
    SQLite accepts; `before` fills the placeholders ahead of the list."""
    for start in range(0, len(values), _LOOKUP_BATCH):
        batch = values[start : start + _LOOKUP_BATCH]
        yield from db.execute(query.format(marks=",".join("?" * len(batch))), (*before, *batch))


def _corrupt(exc: Exception) -> bool:
    """A damaged database file (as opposed to a busy or read-only one)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    text = str(exc).lower()
    return not isinstance(exc, sqlite3.OperationalError) or "malformed" in text


def _checked(key: str) -> str:
    """The key the same file has when it is checked (reported)."""
    return key[:-1] + _CHECKED


def _answering(keys: Sequence[str]) -> list[str]:
    """The rows that may answer these keys: each one, and for a corpus-only read the
    same file's checked row."""
    return [*keys, *(_checked(k) for k in keys if k[-1] == _CORPUS_ONLY)]


def _unpickle(
    value: bytes, row: str, findings: bool = True, links: bytes | None = None
) -> Outcome | None:
    """A row's outcome, with its checks' keys if read (`links`). Without `findings`, a
    checked file's row as reading it for the corpus rules gives it: without its
    document findings (and without the final ones of a run with no corpus rule, where
    such a file is read and dropped)."""
    from factlint.parallel import Outcome

    try:
        name, path, packed, found, read_errors, notices, final, apart = pickle.loads(value)
        kept = pickle.loads(found) if findings else []
        held = pickle.loads(links) if links else {}
    except Exception:  # written by another version, or damaged: a miss
        return None
    return Outcome(
        name,
        None,
        packed=packed,
        stored_path=path,
        findings=kept,
        read_errors=read_errors,
        notices=notices,
        final=final and findings,
        apart_row=row if apart or held else None,
        held=held,
    )


# A rowid table: its values (7 KB on average) overflow a page, which a WITHOUT ROWID
# table stores less tightly (178 MB against 149 MB for 10,000 articles' claims).
_CLAIMS_TABLE = (
    "CREATE TABLE IF NOT EXISTS claims (key TEXT NOT NULL, grp TEXT NOT NULL,"
    " value BLOB NOT NULL, PRIMARY KEY (key, grp))"
)


# The corpus checks' last timings, so that the slowest starts first next time.
_DURATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS durations (name TEXT PRIMARY KEY, seconds REAL NOT NULL)"
)


class ClaimRows:
    """Reads the groups of claims kept apart from their files' rows.

    Each process opens its own connection (SQLite connections do not survive a fork),
    and a group that cannot be read is simply not there: the claims it held are then
    worked out again from the document, the same values at a cost.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._inherited: sqlite3.Connection | None = None
        self._pid = 0

    def read(self, rows: Sequence[str], group: str) -> dict[str, dict[str, Any]]:
        """row key -> {claim name: value} for those of `rows` that kept `group` apart."""
        found: dict[str, dict[str, Any]] = {}
        query = "SELECT key, value FROM claims WHERE grp = ? AND key IN ({marks})"
        try:
            for key, value in _select_in(self._connection(), query, rows, group):
                with contextlib.suppress(Exception):  # damaged: worked out again
                    found[key] = pickle.loads(value)
        except sqlite3.Error:
            self.close()
        return found

    def durations(self) -> dict[str, float]:
        """How long each corpus check took in the last run that timed it ({} if unknown).

        Read before the corpus checks fork, on a connection closed at once."""
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=1)) as db:
                return dict(db.execute("SELECT name, seconds FROM durations"))
        except sqlite3.Error:
            return {}

    def note_durations(self, seconds: Mapping[str, float]) -> None:
        try:
            db = self._connection()
            with db:
                db.executemany("INSERT OR REPLACE INTO durations VALUES (?, ?)", seconds.items())
        except sqlite3.Error:
            self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            # A connection opened before a fork is never used, nor closed, by the child.
            self._inherited = self._db
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            self._pid = os.getpid()
        return self._db

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            with contextlib.suppress(Exception):
                self._db.close()
        self._db = None


def _unpickle_run(value: bytes) -> RunResult | None:
    from factlint.model import RunResult

    try:
        findings, errors, files, notices = pickle.loads(value)
    except Exception:  # written by another version, or damaged: a miss
        return None
    return RunResult(findings=findings, errors=errors, files=files, notices=notices)


def open_cache(config: Config, checks: Sequence[Check]) -> Cache:
    """The cache for this configuration and these rules (opened lazily on first use)."""
    return Cache(cache_dir(config), run_digest(config, checks), config.max_file_size)


def clear(folder: Path) -> bool:
    """Delete a cache folder; True if there was one."""
    import shutil

    if not folder.is_dir():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


def describe(folder: Path) -> dict[str, Any]:
    """Where the cache is, how many results it holds and its size on disk."""
    path = folder / DB_NAME
    info: dict[str, Any] = {"folder": str(folder), "exists": path.is_file(), "entries": 0}
    files: Iterable[Path] = folder.glob(f"{DB_NAME}*") if folder.is_dir() else ()
    info["bytes"] = sum(p.stat().st_size for p in files)
    if path.is_file():
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
            try:
                info["entries"] = db.execute("SELECT count(*) FROM results").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error as exc:
            info["error"] = str(exc)
    return info
