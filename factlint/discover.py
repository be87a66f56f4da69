"""Expand the command-line paths into the sorted list of articles to read."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from factlint.config import Config, corpus_glob
from factlint.model import FileError
from factlint.selection import path_matches

Identity = tuple[int, int]  # a file's (device, inode)


def _resolved(path: Path) -> Path:
    """The real path; a symlink loop (reported when read) stays as given."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _relative(path: Path, root: Path) -> str:
    return _relative_to(_resolved(path), _resolved(root), path)


def is_excluded(path: Path, config: Config) -> bool:
    if not config.exclude:  # resolving every path costs a second per 10,000 files
        return False
    return _excluded(_relative(path, config.root), config)


def _excluded(rel: str, config: Config) -> bool:
    return any(path_matches(rel, pattern) for pattern in config.exclude)


def is_included(name: str, config: Config) -> bool:
    """Whether a file name matches the config's `include` patterns."""
    return any(path_matches(name, pattern) for pattern in config.include)


def discover(paths: Sequence[str], config: Config) -> tuple[list[str], list[FileError]]:
    """Articles under `paths`, in a stable order, with a located error per bad path.

    A file named explicitly is read whatever its extension, but config excludes
    still apply (pre-commit passes files one by one). Folders are walked without
    following symlinks, skipping hidden folders. A symlinked file whose target is
    found too (`latest.md -> 2025-03-01.md`) is read once, under the target's name:
    counted twice, one article would outvote the others in the cross-article checks.
    Hard links to one file in the walked folders are read once too, under the name
    walked first.
    """
    found: list[str] = []
    errors: list[FileError] = []
    seen: set[str] = set()
    links: set[str] = set()  # found files that are symlinks
    walked: dict[Identity, str] = {}  # the walked regular files, by folder listing
    for given in paths:
        path = Path(given)
        if not path.exists():
            errors.append(FileError(given, "no such file or directory"))
            continue
        if path.is_file():
            if not is_excluded(path, config) and given not in seen:
                seen.add(given)
                found.append(given)
            continue
        if not path.is_dir():
            errors.append(FileError(given, "not a regular file or folder"))
            continue
        for folder, files, linked, inodes in _walk(os.fspath(path)):
            # Paths as Path(folder) / name would show them, built per folder: a Path per
            # file costs more than the walk over 10,000 files.
            base = Path(folder).as_posix()
            prefix = "" if base == "." else base if base.endswith("/") else base + "/"
            for name in files:
                if name.startswith(".") or name == config.metadata_file:
                    continue
                if not is_included(name, config):
                    continue
                posix = prefix + name
                shown = posix
                # Under ".", only a symlinked file can resolve elsewhere: os.walk does not
                # follow symlinked folders, so resolving each file (a second per 10,000)
                # would give back `posix`.
                if given in (".", "./") and name in linked:
                    shown = _relative(Path(posix), Path.cwd())
                if shown in seen or (config.exclude and is_excluded(Path(posix), config)):
                    continue
                if (identity := inodes.get(name)) is not None:
                    first = walked.setdefault(identity, posix)
                    if first != posix and _same_file(first, posix):  # a hard link
                        continue
                seen.add(shown)
                found.append(shown)
                if shown == posix and name in linked:
                    links.add(shown)
    return (_once_each(found, links) if links else found), errors


def _walk(top: str) -> Iterator[tuple[str, list[str], set[str], dict[str, Identity]]]:
    """(folder, its files sorted, those of them that are symlinks, the other files'
    identities) for `top` and each folder below it, as os.walk(top) visits them,
    sorted, without hidden folders and without following symlinked ones. The listing
    says which files are links, and on POSIX gives each file's inode: asking each file
    again cost 27 ms per 10,000."""
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
        # A file's device is its folder's: hard links cannot cross devices, and a
        # mount point is a folder.
        device = os.stat(top).st_dev if os.name == "posix" else None
    except OSError:  # unreadable: os.walk passes over it too
        return
    folders: list[str] = []
    files: list[str] = []
    linked: set[str] = set()
    inodes: dict[str, Identity] = {}
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:  # a symlink loop: a file, reported when read
            is_folder = False
        if not is_folder:
            files.append(entry.name)
            if _is_link(entry):
                linked.add(entry.name)
            elif device is not None:
                inodes[entry.name] = (device, entry.inode())
        elif not entry.name.startswith(".") and not _is_link(entry):
            folders.append(entry.name)
    yield top, sorted(files), linked, inodes
    for name in sorted(folders):
        yield from _walk(os.path.join(top, name))


def _same_file(a: str, b: str) -> bool:
    """Whether two names that the folder listings give one inode are one file: a union
    file system (a container's overlay) may list files of two layers with one number."""
    try:
        return os.path.samestat(os.stat(a), os.stat(b))
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:  # as os.path.islink answers
        return False


def _once_each(found: list[str], links: set[str]) -> list[str]:
    """`found` without the symlinks to a file found under another name (or found
    before through another symlink). Only runs that found a symlink stat every file."""
    taken: set[Identity] = set()
    for name in found:
        if name not in links:
            with contextlib.suppress(OSError):
                st = os.stat(name)
                taken.add((st.st_dev, st.st_ino))
    kept = []
    for name in found:
        if name in links:
            try:
                st = os.stat(name)
            except OSError:  # dangling, or a loop: reported when read
                kept.append(name)
                continue
            if (st.st_dev, st.st_ino) in taken:
                continue
            taken.add((st.st_dev, st.st_ino))
        kept.append(name)
    return kept


WalkKey = tuple[tuple[int, str], ...]


def walk_keys(here: str) -> Callable[[str], WalkKey]:
    """Where a walk of the whole file system meets a file (its path relative to `here`):
    a folder's own files, sorted, before its subfolders, as `discover` walks a folder.
    Each folder's part is worked out once.

    A run's articles are put in this order whatever the order they were named in, so
    that the corpus checks, which read "earlier" as earlier in the run, see a pre-commit
    run (staged files, then the rest of the corpus) as they see the whole archive."""
    folders: dict[str, WalkKey] = {}

    def key(path: str) -> WalkKey:
        folder, name = os.path.split(path)
        found = folders.get(folder)
        if found is None:
            full = os.path.normpath(os.path.join(here, folder))  # an absolute folder stays
            found = folders[folder] = tuple((1, f) for f in os.path.normcase(full).split(os.sep))
        return (*found, (0, os.path.normcase(name)))

    return key


def corpus_files(config: Config, exclude: set[str]) -> list[str]:
    """Articles named by the config's `corpus` globs, for cross-document checks only."""
    out: list[str] = []
    if not config.corpus:
        return out
    # Strings and os calls past the glob: a pre-commit hook names a whole archive as its
    # corpus, and a few Path operations per file cost more than the rest of the walk.
    real = _RealPaths()
    taken = {os.path.normcase(real.of(p)) for p in exclude}  # as Path equality compares
    here = os.getcwd()
    # The given files by the path they are read at: when a run names the whole corpus
    # (`factlint check articles/`, `corpus: [articles/*.md]`), each is passed over
    # without resolving it, and before the sort.
    given = {os.path.join(here, p) for p in exclude}
    cwd, root = _resolved(Path(here)), _resolved(config.root)
    # Hard links: one file under two names, kept under the first (as a symlink is).
    kept: dict[Identity, str] = {}
    given_files: dict[Identity, str] | None = None  # stat only if a file is not given
    for pattern in config.corpus:
        base, relative = corpus_glob(config.root, pattern)
        start = len(str(base))  # glob gives the base, then the match's parts
        named = frozenset(Path(relative).parts)
        for name, kind, identity in sorted(_matches(base, relative), key=_order):
            if name in given:
                continue
            if kind is None:
                try:
                    st = os.lstat(name)  # one call for both: a link, or regular?
                except OSError:
                    continue  # gone since the glob
                kind, identity = st.st_mode, (st.st_dev, st.st_ino)
            link = stat.S_ISLNK(kind)
            resolved = real.of(name, link)
            if os.path.normcase(resolved) in taken:  # given under another name, or before
                continue
            regular = os.path.isfile(name) if link else stat.S_ISREG(kind)
            if not (regular and is_included(os.path.basename(name), config)):
                continue
            if _hidden(name[start:].lstrip(os.sep).split(os.sep), named):
                continue
            file = Path(name) if link or config.exclude else name
            if config.exclude and _excluded(_relative_to(Path(resolved), root, file), config):
                continue
            if identity is not None and not link:
                if given_files is None:
                    given_files = _identities(exclude)
                twin = kept.setdefault(identity, name)
                if twin == name:
                    twin = given_files.get(identity, name)
                if twin != name and _same_file(twin, name):
                    continue
            taken.add(os.path.normcase(resolved))
            out.append(_shown(file, link, resolved, here, cwd))
    return out


def _matches(base: Path, relative: str) -> list[tuple[str, int | None, Identity | None]]:
    """(path, file type and identity from the folder listing, or None if they must be
    asked) of each match of a corpus pattern, as `base.glob(relative)` gives them.

    The usual pattern, literal folders then a wildcard name (`articles/*.md`), is
    matched on one folder listing, whose entries carry the file type and inode: a Path
    and an lstat per file cost more than the listing of 10,000 files."""
    *folders, last = Path(relative).parts or ("",)
    simple = os.name == "posix" and "**" not in last and not _WILD.intersection("".join(folders))
    if not simple:
        return [(str(file), None, None) for file in base.glob(relative)]
    folder = str(base.joinpath(*folders))
    try:
        with os.scandir(folder) as entries:
            listed = [(e.name, e) for e in entries if fnmatch.fnmatchcase(e.name, last)]
        device = os.stat(folder).st_dev if listed else 0
    except (OSError, ValueError):  # no such folder (a NUL in it): nothing, as with glob
        return []
    out: list[tuple[str, int | None, Identity | None]] = []
    for name, entry in listed:
        try:
            kind = stat.S_IFLNK if entry.is_symlink() else _kind(entry)
        except OSError:
            kind = None
        identity = (device, entry.inode()) if kind == stat.S_IFREG else None
        out.append((os.path.join(folder, name), kind, identity))
    return out


def _identities(names: Iterable[str]) -> dict[Identity, str]:
    """The files `names` by identity (those that can be stat'ed)."""
    out: dict[Identity, str] = {}
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(name)
            out.setdefault((st.st_dev, st.st_ino), name)
    return out


_WILD = frozenset("*?[")


def _kind(entry: os.DirEntry[str]) -> int | None:
    """The file type of a listed entry that is not a link, from the listing itself."""
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    return None  # a folder or something odd: lstat says what it is


def _order(name: tuple[str, int | None, Identity | None]) -> list[str]:
    """What Path comparison sorts by: its parts, case-folded where the system folds."""
    return os.path.normcase(name[0]).split(os.sep)


def _shown(file: str | Path, link: bool, resolved: str, here: str, cwd: Path) -> str:
    """A corpus file as `factlint check` shows a file walked from the current folder:
    relative to it as written (a symlinked articles folder stays `articles/…`, the
    name the cache knows it by), a symlinked file by where it leads."""
    if not link:
        inside = _inside(os.path.join(here, file), here)
        if inside is not None:
            return inside
        with contextlib.suppress(ValueError):
            return (Path(here) / file).relative_to(here).as_posix()
    return _relative_to(Path(resolved), cwd, Path(file))


def _inside(path: str, folder: str) -> str | None:
    """`path` relative to `folder` in posix form when it is written under it, as
    Path.relative_to would give it; None for the cases left to Path."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not path.startswith(prefix) or len(path) == len(prefix):
        return None
    rest = path[len(prefix) :]
    return rest if os.sep == "/" else rest.replace(os.sep, "/")


def _relative_to(resolved: Path, root: Path, given: Path) -> str:
    """A resolved path relative to a resolved root, else as it was given."""
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return given.as_posix()


def _hidden(parts: Sequence[str], named: frozenset[str]) -> bool:
    """A hidden file, or one in a hidden folder the pattern does not name (`named`: the
    pattern's parts): skipped, as when a folder is walked (`.drafts/`)."""
    return parts[-1].startswith(".") or any(
        p.startswith(".") and p not in named for p in parts[:-1]
    )


class _RealPaths:
    """`_resolved` for many files, each folder resolved once: a pre-commit hook names the
    whole archive as its corpus, and resolving 10,000 files one by one takes seconds."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, name: str, link: bool | None = None) -> str:
        """The real path of file `name`; `link`: whether it is a symlink, if known."""
        if os.path.islink(name) if link is None else link:
            return str(_resolved(Path(name)))  # only a link can lead out of its folder
        folder, base = os.path.split(name)
        found = self._folders.get(folder)
        if found is None:
            found = self._folders[folder] = str(_resolved(Path(folder)))
        return os.path.join(found, base)
