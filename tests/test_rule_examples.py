"""The meta-test: every shipped rule's own examples, and the shape of the rule set.

Each fail example must give at least one finding of its rule; each pass example none.
YAML rules come from the shipped `rules/` folder, Python rules from
`factlint.registry.BUILTIN_CHECKS` (skipped while there is no registry). A corpus
rule's example may hold several articles split at `<!-- next article -->` lines.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

from factlint.errors import RuleLoadError
from factlint.model import CATEGORIES, RuleMeta
from factlint.resources import shipped_rules_dir
from factlint.rule import Check, check_from_module
from factlint.yaml_rules import load_rule_file
from tests.helpers import check_findings, entry_module, registry_entries

KEBAB = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
HAS_REGISTRY = importlib.util.find_spec("factlint.registry") is not None


@dataclass(frozen=True)
class Loaded:
    """One rule source: its Check, or why it failed to load."""

    source: str
    check: Check | None = None
    problem: str = ""


def yaml_files() -> list[Path]:
    return sorted(p for p in shipped_rules_dir().glob("*.y*ml") if p.is_file())


def load_yaml() -> list[Loaded]:
    out = []
    for path in yaml_files():
        try:
            out.append(Loaded(path.name, load_rule_file(path)))
        except RuleLoadError as exc:
            out.append(Loaded(path.name, problem=str(exc)))
    return out


def load_python() -> list[Loaded]:
    try:
        entries = registry_entries()
    except Exception as exc:  # a broken registry fails one case, not the whole collection
        return [Loaded("factlint.registry", problem=f"{type(exc).__name__}: {exc}")]
    out = []
    for entry in entries:
        name = entry if isinstance(entry, str) else getattr(entry, "__name__", repr(entry))
        try:
            module = entry_module(entry)
            out.append(Loaded(name, check_from_module(module, name)))
        except ModuleNotFoundError as exc:
            if exc.name != name:  # listed before it is written: the registry skips it too
                out.append(Loaded(name, problem=f"{type(exc).__name__}: {exc}"))
        except Exception as exc:  # reported by its own test case, not at collection
            out.append(Loaded(name, problem=f"{type(exc).__name__}: {exc}"))
    return out


YAML = load_yaml()
PYTHON = load_python() if HAS_REGISTRY else []
LOADED = [*YAML, *PYTHON]
RULES: list[tuple[RuleMeta, Check]] = [
    (meta, item.check) for item in LOADED if item.check is not None for meta in item.check.rules
]


def example_cases() -> Iterator[object]:
    for meta, check in RULES:
        for side, examples in (("fail", meta.examples_fail), ("pass", meta.examples_pass)):
            for i, text in enumerate(examples):
                yield pytest.param(meta.id, check, side, text, id=f"{meta.id}-{side}-{i}")


@pytest.mark.parametrize(("rule_id", "check", "side", "text"), list(example_cases()))
def test_example(rule_id: str, check: Check, side: str, text: str) -> None:
    findings = check_findings(check, rule_id, text)
    shown = [f"{f.location.line}:{f.location.col} {f.message}" for f in findings]
    if side == "fail":
        assert findings, f"{rule_id} finds nothing in its fail example {text!r}"
    else:
        assert not findings, f"{rule_id} reports its pass example {text!r}: {shown}"


@pytest.mark.parametrize("item", LOADED, ids=[item.source for item in LOADED])
def test_rule_source_loads(item: Loaded) -> None:
    assert item.check is not None, item.problem


def test_python_registry_present() -> None:
    """Python rules are checked above once the registry exists; say so when it does not."""
    registry = pytest.importorskip("factlint.registry")
    assert isinstance(registry.BUILTIN_CHECKS, tuple | list | dict)


@pytest.mark.parametrize(("meta", "check"), RULES, ids=[m.id for m, _ in RULES])
def test_rule_metadata(meta: RuleMeta, check: Check) -> None:
    assert regex.fullmatch(r"FL\d{3}", meta.id)
    assert KEBAB.fullmatch(meta.name), meta.name
    assert meta.category in CATEGORIES
    assert meta.summary.strip()
    assert meta.examples_fail, f"{meta.id} has no fail example"
    assert meta.examples_pass, f"{meta.id} has no pass example"
    assert meta.scope == check.scope


def test_ids_and_names_unique() -> None:
    ids = [meta.id for meta, _ in RULES]
    names = [meta.name for meta, _ in RULES]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert sorted({n for n in names if names.count(n) > 1}) == []


@pytest.mark.parametrize("item", YAML, ids=[item.source for item in YAML])
def test_yaml_file_names(item: Loaded) -> None:
    assert item.check is not None, item.problem
    (meta,) = item.check.rules
    assert item.source == f"{meta.id}-{meta.name}.yaml"


def test_shipped_examples_exist() -> None:
    assert {"FL701", "FL702"} <= {meta.id for meta, _ in RULES}
