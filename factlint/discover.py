"""Expand the command-line paths into the sorted list of articles to read."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from factlint.config import Config, corpus_glob
from factlint.model import FileError
from factlint.selection import path_matches


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
    following symlinks, skipping hidden folders.
    """
    found: list[str] = []
    errors: list[FileError] = []
    seen: set[str] = set()
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
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            # Paths as Path(folder) / name would show them, built per folder: a Path per
            # file costs more than the walk over 10,000 files.
            base = Path(folder).as_posix()
            prefix = "" if base == "." else base if base.endswith("/") else base + "/"
            for name in sorted(files):
                if name.startswith(".") or name == config.metadata_file:
                    continue
                if not is_included(name, config):
                    continue
                posix = prefix + name
                shown = posix
                # Under ".", only a symlinked file can resolve elsewhere: os.walk does not
                # follow symlinked folders, so resolving each file (a second per 10,000)
                # would give back `posix`.
                if given in (".", "./") and os.path.islink(posix):
                    shown = _relative(Path(posix), Path.cwd())
                if shown in seen or (config.exclude and is_excluded(Path(posix), config)):
                    continue
                seen.add(shown)
                found.append(shown)
    return found, errors


def corpus_files(config: Config, exclude: set[str]) -> list[str]:
    """Articles named by the config's `corpus` globs, for cross-document checks only."""
    out: list[str] = []
    if not config.corpus:
        return out
    real = _RealPaths()
    taken = {real.of(Path(p)) for p in exclude}
    here = Path.cwd()
    # The given files by the path they are read at: when a run names the whole corpus
    # (`factlint check articles/`, `corpus: [articles/*.md]`), each is passed over
    # without resolving it, and before the sort.
    given = {os.path.join(here, p) for p in exclude}
    cwd, root = _resolved(here), _resolved(config.root)
    for pattern in config.corpus:
        base, relative = corpus_glob(config.root, pattern)
        depth = len(base.parts)  # glob gives the base's parts, then the match's
        named = frozenset(Path(relative).parts)
        for file in sorted(f for f in base.glob(relative) if str(f) not in given):
            resolved = real.of(file)
            if resolved in taken:  # given under another name, or by an earlier pattern
                continue
            if not (file.is_file() and is_included(file.name, config)):
                continue
            if _hidden(file.parts[depth:], named):
                continue
            if config.exclude and _excluded(_relative_to(resolved, root, file), config):
                continue
            taken.add(resolved)
            out.append(_shown(file, resolved, here, cwd))
    return out


def _shown(file: Path, resolved: Path, here: Path, cwd: Path) -> str:
    """A corpus file as `factlint check` shows a file walked from the current folder:
    relative to it as written (a symlinked articles folder stays `articles/…`, the
    name the cache knows it by), a symlinked file by where it leads."""
    if not os.path.islink(file):
        with contextlib.suppress(ValueError):
            return (here / file).relative_to(here).as_posix()
    return _relative_to(resolved, cwd, file)


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
        self._folders: dict[Path, Path] = {}

    def of(self, file: Path) -> Path:
        if os.path.islink(file):  # only a link itself can lead elsewhere than its folder
            return _resolved(file)
        folder = self._folders.get(file.parent)
        if folder is None:
            folder = self._folders[file.parent] = _resolved(file.parent)
        return folder / file.name
