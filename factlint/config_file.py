"""Where the configuration lives: the file found walking up from a folder.

Kept apart from factlint.config so the command can locate its cache folder (beside
the config file) before it imports anything that defines classes or patterns.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_NAMES = ("factlint.yaml", ".factlint.yaml")


def find_config_file(start: Path) -> Path | None:
    """The first `factlint.yaml`, `.factlint.yaml` or pyproject.toml with a
    [tool.factlint] section, in `start` or a folder above it (resolved)."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.factlint" in pyproject.read_text(errors="replace"):
            return pyproject
    return None


def config_root(explicit: str | None) -> Path | None:
    """The folder of the config file a run reads (`--config`, else the one found from
    the current folder, as factlint.config.load_config does), or the current folder
    without one; None when `--config` names no file (the run stops there)."""
    if explicit is not None:
        path = Path(explicit)
        return path.resolve().parent if path.is_file() else None
    found = find_config_file(Path.cwd())
    return found.parent if found is not None else Path.cwd()
