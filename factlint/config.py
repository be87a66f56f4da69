"""Find, validate and freeze the configuration.

Looked for, walking up from the current folder: `factlint.yaml`, `.factlint.yaml`,
then `[tool.factlint]` in `pyproject.toml`. Unknown keys and wrong types are errors
that name the file and line, raised before any article is read.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factlint.config_file import find_config_file
from factlint.errors import ConfigError
from factlint.model import Severity
from factlint.selection import Selection

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")


@dataclass(frozen=True)
class Config:
    """The validated configuration: what to read, which rules run, and with which options."""

    root: Path = field(default_factory=Path.cwd)  # folder that relative paths in config use
    path: Path | None = None
    selection: Selection = field(default_factory=Selection)
    severity: tuple[tuple[str, Severity], ...] = ()
    rule_paths: tuple[Path, ...] = ()
    python_rules: tuple[Path, ...] = ()
    ledger: tuple[Path, ...] = ()
    shipped_ledger: bool = True
    shipped_rules: bool = True
    corpus: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    metadata_file: str = "sources.yaml"
    max_file_size: int = 5_000_000
    regex_timeout: float = 1.0
    # The line of each top-level key in the config file, for errors found later.
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def with_cli(self, **changes: Any) -> Config:
        """CLI options override the file; None means "not given"."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def where(self, key: str) -> tuple[str, int | None]:
        """The config file and the line of `key` in it, for an error found after reading."""
        return (str(self.path) if self.path else "config", self.key_lines.get(key))


_MAX_REGEX_TIMEOUT = 3600


def _str_list(value: Any, key: str, where: tuple[str, int | None]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where[0], where[1], f"'{key}' must be a list of strings")
    return tuple(value)


def corpus_glob(root: Path, pattern: str) -> tuple[Path, str]:
    """Where a corpus pattern is matched from, and what is matched there: the config
    root and the pattern, or an absolute pattern's anchor and the rest of it
    ("/srv/archive/**/*.md"), since pathlib's glob takes no absolute pattern."""
    as_path = Path(pattern)
    if as_path.is_absolute():
        return Path(as_path.anchor), as_path.relative_to(as_path.anchor).as_posix()
    return root, pattern


def _corpus_problem(patterns: Sequence[str]) -> str | None:
    """Why pathlib's glob cannot take one of these patterns, or None."""
    for pattern in patterns:
        _, relative = corpus_glob(Path(), pattern)
        if not pattern.strip() or not Path(relative).parts:
            return f"'corpus' pattern {pattern!r} names no file"
        try:  # builds the pattern; os.devnull/x is never a folder, so nothing is read
            next((Path(os.devnull) / "x").glob(relative), None)
        except (ValueError, NotImplementedError) as exc:
            return f"'corpus' pattern {pattern!r}: {exc}"
    return None


_LIST_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "rule-paths",
    "python-rules",
    "ledger",
    "corpus",
    "include",
    "exclude",
}
_KEYS = _LIST_KEYS | {
    "per-file-ignores",
    "severity",
    "fail-on",
    "options",
    "shipped-ledger",
    "shipped-rules",
    "metadata-file",
    "max-file-size",
    "regex-timeout",
}


def parse_config(data: Mapping[str, Any], path: Path, lines: Mapping[str, int]) -> Config:
    """Validate a config mapping; `lines` maps each top-level key to its line."""
    root = path.parent
    values: dict[str, Any] = {}
    sel: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).replace("_", "-")
        where = (str(path), lines.get(str(raw_key)))
        if key not in _KEYS:
            raise ConfigError(
                *where, f"unknown key '{raw_key}' (known: {', '.join(sorted(_KEYS))})"
            )
        if key in _LIST_KEYS:
            items = _str_list(value, key, where)
            if key in ("select", "extend-select", "ignore"):
                sel[key.replace("-", "_")] = items
            elif key in ("rule-paths", "python-rules", "ledger"):
                values[key.replace("-", "_")] = tuple((root / p) for p in items)
            elif key == "corpus" and (problem := _corpus_problem(items)):
                raise ConfigError(*where, problem)
            else:
                values[key] = items
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(*where, "'per-file-ignores' maps globs to lists of rules")
            sel["per_file_ignores"] = tuple(
                (str(glob), _str_list(codes, f"per-file-ignores.{glob}", where))
                for glob, codes in value.items()
            )
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(*where, "'severity' maps rules to error, warning or info")
            try:
                values["severity"] = tuple(
                    (str(k), Severity.parse(str(v))) for k, v in value.items()
                )
            except ValueError as exc:
                raise ConfigError(*where, str(exc)) from None
        elif key == "fail-on":
            try:
                values["fail_on"] = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(*where, str(exc)) from None
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(*where, "'options' maps a rule id to a mapping of options")
            values["options"] = {str(k).upper(): dict(v) for k, v in value.items()}
        elif key in ("shipped-ledger", "shipped-rules"):
            if not isinstance(value, bool):
                raise ConfigError(*where, f"'{key}' must be true or false")
            values[key.replace("-", "_")] = value
        elif key == "metadata-file":
            if not isinstance(value, str):
                raise ConfigError(*where, "'metadata-file' must be a file name")
            values["metadata_file"] = value
        elif key in ("max-file-size", "regex-timeout"):
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(*where, f"'{key}' must be a positive number")
            if not math.isfinite(value):
                raise ConfigError(*where, f"'{key}' must be a finite number")
            if key == "regex-timeout" and value > _MAX_REGEX_TIMEOUT:
                # The regex module times out at once past ~1e13 s.
                raise ConfigError(*where, f"'{key}' must be at most {_MAX_REGEX_TIMEOUT} seconds")
            values[key.replace("-", "_")] = value
    key_lines = {str(k).replace("_", "-"): line for k, line in lines.items()}
    return Config(root=root, path=path, selection=Selection(**sel), key_lines=key_lines, **values)


def _yaml_with_lines(path: Path) -> tuple[Any, dict[str, int]]:
    """The config's data and each top-level key's line, kept in the start-up store
    while the file is unchanged (no YAML parse, no yaml import: ~15 ms)."""
    from factlint.startup_store import remembered

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    return remembered(f"config {path}", text, lambda: _parse_with_lines(path, text))


def _parse_with_lines(path: Path, text: str) -> tuple[Any, dict[str, int]]:
    import yaml

    from factlint.yamlload import checked_document, located, repeated_key

    try:
        # Composed once: the nodes give each key's line, and the data is built from them.
        loader = yaml.SafeLoader(text)
        try:
            node, data = checked_document(loader)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        line, problem = located(exc)
        raise ConfigError(str(path), line, f"invalid YAML: {problem}") from None
    except Exception as exc:  # a value YAML reads as typed, but cannot construct
        from factlint.yamlload import unreadable_value

        line, problem = unreadable_value(text, exc)
        raise ConfigError(str(path), line, f"invalid YAML: {problem}") from None
    if (repeated := repeated_key(node)) is not None:
        line, key, first = repeated
        raise ConfigError(str(path), line, f"duplicate key {key!r} (first on line {first})")
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    return data, lines


def load_config_file(path: Path) -> Config:
    path = path.resolve()
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("factlint", {})
        return parse_config(section, path, _toml_lines(path, section))
    data, lines = _yaml_with_lines(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), 1, "the configuration must be a mapping of keys to values")
    return parse_config(data, path, lines)


def _toml_lines(path: Path, section: Mapping[str, Any]) -> dict[str, int]:
    """Line of each key under [tool.factlint], found by a plain scan."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.factlint")
            continue
        if inside and "=" in stripped:
            key = stripped.split("=", 1)[0].strip().strip("\"'")
            if key in section:
                lines.setdefault(key, number)
    return lines


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(str(explicit), None, "config file not found")
        return load_config_file(explicit)
    found = find_config_file(start or Path.cwd())
    return load_config_file(found) if found else Config()
