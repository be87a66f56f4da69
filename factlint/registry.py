"""Every rule factlint knows: built-in modules, shipped YAML, plugins, local rules.

The built-in table is the one place to look for what ships; a meta-test checks it
against the modules. Local Python rule files run code, so they load only when the
config names them (`python-rules`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from factlint.config import Config
from factlint.errors import RuleLoadError
from factlint.resources import shipped_rules_dir
from factlint.rule import Check, check_from_module

BUILTIN_CHECKS: tuple[str, ...] = (
    "factlint.checks.duplicates",
    "factlint.checks.mojibake",
    "factlint.checks.stray_characters",
    "factlint.checks.missing_space",
    "factlint.checks.doubled_word",
    "factlint.checks.truncation",
    "factlint.checks.misspelling",
    "factlint.checks.phrase_lists",
    "factlint.checks.unbalanced",
    "factlint.checks.dates",
    "factlint.checks.date_conflicts",
    "factlint.checks.ledger_events",
    "factlint.checks.numbers",
    "factlint.checks.number_sanity",
    "factlint.checks.change_arithmetic",
    "factlint.checks.attributions",
    "factlint.checks.unattributed",
    "factlint.checks.ledger_people",
)


def _builtin() -> list[Check]:
    checks = []
    for name in BUILTIN_CHECKS:
        checks.append(check_from_module(importlib.import_module(name), name))
    return checks


def _entry_points() -> list[Check]:
    if not _may_have_plugins():
        return []
    from importlib.metadata import entry_points

    checks = []
    for ep in entry_points(group="factlint.rules"):
        try:
            module = ep.load()
        except Exception as exc:  # a broken plugin names itself, it does not crash the run
            raise RuleLoadError(
                f"entry point {ep.name}", None, f"cannot load {ep.value}: {exc}"
            ) from None
        checks.append(check_from_module(module, f"entry point {ep.name}"))
    return checks


def _may_have_plugins() -> bool:
    """Whether a distribution on sys.path may declare a `factlint.rules` entry point.

    Reading the entry_points.txt files costs ~2 ms; importing importlib.metadata to
    ask costs ~15 ms of every start. Anything this scan cannot read (an archive on
    sys.path) answers yes, and importlib.metadata decides.
    """
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:  # a zip archive
            return True
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                listed = os.path.join(folder, name, "entry_points.txt")
            elif name.endswith(".egg"):
                listed = os.path.join(folder, name, "EGG-INFO", "entry_points.txt")
            else:
                continue
            try:
                with open(listed, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            except (FileNotFoundError, NotADirectoryError):
                if name.endswith(".egg") and os.path.isfile(os.path.join(folder, name)):
                    return True  # a zipped egg
                continue
            except OSError:
                return True
            if _declares_rules(text):
                return True
    return False


def _declares_rules(entry_points_txt: str) -> bool:
    """Whether the INI text has an entry in its [factlint.rules] section."""
    section = None
    for raw in entry_points_txt.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == "factlint.rules":
            return True
    return False


def _local_python(path: Path) -> Check:
    spec = importlib.util.spec_from_file_location(f"factlint_local_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise RuleLoadError(str(path), None, "not a Python module")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise RuleLoadError(str(path), None, f"cannot load: {exc}") from None
    return check_from_module(module, str(path))


def _yaml(dirs: Sequence[Path]) -> list[Check]:
    from factlint.yaml_rules import load_rule_dirs

    return load_rule_dirs(list(dirs)) if dirs else []


def load_checks(config: Config) -> list[Check]:
    """All checks the config can see; duplicate rule ids are an error."""
    dirs = [shipped_rules_dir()] if config.shipped_rules else []
    for folder in config.rule_paths:
        if not folder.is_dir():
            raise RuleLoadError(*config.where("rule-paths"), f"rule folder not found: {folder}")
        dirs.append(folder)
    for path in config.python_rules:
        if not path.is_file():
            raise RuleLoadError(
                *config.where("python-rules"), f"python rule file not found: {path}"
            )
    checks = [*_builtin(), *_yaml(dirs), *_entry_points()]
    checks += [_local_python(p) for p in config.python_rules]
    seen: dict[str, str] = {}
    for check in checks:
        for meta in check.rules:
            if meta.id in seen:
                raise RuleLoadError(
                    meta.source,
                    meta.source_line or None,
                    f"duplicate rule id {meta.id} (also in {seen[meta.id]})",
                )
            seen[meta.id] = meta.source
    return checks
