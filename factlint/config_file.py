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


def config_file_for(explicit: str | None) -> Path | None:
    """The file a run will read its configuration from: `--config` when it exists,
    else the one found from the current folder (what factlint.config.load_config reads)."""
    if explicit is not None:
        path = Path(explicit)
        return path.resolve() if path.is_file() else None
    return find_config_file(Path.cwd())
