"""Expand the command-line paths into the sorted list of articles to read."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from factlint.config import Config
from factlint.model import FileError
from factlint.selection import path_matches


def _resolved(path: Path) -> Path:
    """The real path; a symlink loop (reported when read) stays as given."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _relative(path: Path, root: Path) -> str:
    try:
        return _resolved(path).relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(path: Path, config: Config) -> bool:
    if not config.exclude:  # resolving every path costs a second per 10,000 files
        return False
    rel = _relative(path, config.root)
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
    taken = {_resolved(Path(p)) for p in exclude}
    for pattern in config.corpus:
        for file in sorted(config.root.glob(pattern)):
            if not (file.is_file() and is_included(file.name, config)):
                continue
            if not is_excluded(file, config) and _resolved(file) not in taken:
                taken.add(_resolved(file))
                out.append(_relative(file, Path.cwd()))
    return out
