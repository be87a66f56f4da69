"""Shared test helpers: run one rule, by id, on text, and get (rule_id, line, col) back.

A rule is found, in order, among the modules of `factlint.registry.BUILTIN_CHECKS`
(when the registry exists), the modules of the `factlint.checks` package, and the
shipped YAML rules. Lookups are cached per process.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

import regex

from factlint.analysis import Analysis
from factlint.document import document_from_text
from factlint.model import Finding, RuleMeta, Severity
from factlint.rule import Check, Context, check_from_module

Source = tuple[str, str, Mapping[str, Any] | None]  # (path, text, meta) for corpus rules


def entry_module(entry: object) -> ModuleType:
    """A registry entry (a module or its dotted name) as a module."""
    if isinstance(entry, ModuleType):
        return entry
    if isinstance(entry, str):
        return importlib.import_module(entry)
    raise TypeError(f"cannot read a rule module from {entry!r}")


def registry_entries() -> list[object]:
    """The entries of `factlint.registry.BUILTIN_CHECKS` (none when there is no registry)."""
    try:
        registry = importlib.import_module("factlint.registry")
    except ModuleNotFoundError:
        return []
    table = getattr(registry, "BUILTIN_CHECKS", ())
    if isinstance(table, Mapping):
        # {id: module} or {module: ids}: take whichever side names modules.
        values = list(table.values())
        return values if all(_names_module(v) for v in values) else list(table)
    return list(table)


def _names_module(value: object) -> bool:
    return isinstance(value, ModuleType) or (isinstance(value, str) and "." in value)


def package_modules() -> list[str]:
    """Dotted names of the modules in the `factlint.checks` package."""
    import factlint.checks

    return [
        f"factlint.checks.{info.name}"
        for info in pkgutil.iter_modules(factlint.checks.__path__)
        if not info.name.startswith("_")
    ]


@cache
def find_check(rule_id: str) -> Check:
    """The Check declaring `rule_id`: a Python rule module or a shipped YAML rule."""
    problems: list[str] = []
    seen: set[str] = set()
    for entry in [*registry_entries(), *package_modules()]:
        name = entry if isinstance(entry, str) else getattr(entry, "__name__", repr(entry))
        if name in seen:
            continue
        seen.add(name)
        try:
            module = entry_module(entry)
        except Exception as exc:  # a half-written neighbour must not hide the others
            problems.append(f"{name}: {exc!r}")
            continue
        if any(getattr(r, "id", None) == rule_id for r in getattr(module, "RULES", ())):
            return check_from_module(module, module.__name__)
    from factlint.resources import shipped_rules_dir
    from factlint.yaml_rules import load_rule_dir

    for check in load_rule_dir(shipped_rules_dir()):
        if rule_id in check.ids:
            return check
    detail = "; ".join(problems)
    raise LookupError(f"no rule module declares {rule_id}" + (f" ({detail})" if detail else ""))


@cache
def shipped_ledger() -> Any:
    """The shipped ledger, which ledger rules' examples are written against."""
    from factlint.ledger import load_ledger, shipped_ledger_paths

    return load_ledger(shipped_ledger_paths())


def example_ledger(check: Check) -> Any:
    """The ledger a ledger rule's examples run against: the shipped one, unless the rule's
    module provides `example_ledger()` (for entries the shipped ledger does not hold)."""
    import sys

    module = sys.modules.get(getattr(check.run, "__module__", "") or "")
    own = getattr(module, "example_ledger", None)
    return own() if callable(own) else shipped_ledger()


# Corpus rules' examples hold several articles, split at this line.
ARTICLE_BREAK = regex.compile(r"^[ \t]*<!--[ \t]*next article[ \t]*-->[ \t]*\r?\n?", regex.M)


def example_sources(text: str) -> list[Source]:
    """An example text as articles a1.md, a2.md, ... (split at `<!-- next article -->`)."""
    parts = [p.lstrip("\r\n") for p in ARTICLE_BREAK.split(text)]
    return [(f"a{i}.md", part, None) for i, part in enumerate(parts, 1)]


def check_findings(
    check: Check,
    rule_id: str,
    text: str | Sequence[Source],
    path: str = "t.md",
    meta: Mapping[str, Any] | None = None,
    options: Mapping[str, Any] | None = None,
    regex_timeout: float = 1.0,
) -> list[Finding]:
    """Run one Check on a text (or, for corpus rules, a list of (path, text, meta)).

    A corpus rule given one text with `<!-- next article -->` lines runs on its parts.
    """
    if isinstance(text, str):
        split = check.scope == "corpus" and ARTICLE_BREAK.search(text) is not None
        sources = example_sources(text) if split else [(path, text, meta)]
    else:
        sources = list(text)
    analyses = [Analysis(document_from_text(t, p, m)) for p, t, m in sources]
    ctx = Context(
        rules={r.id: r for r in check.rules},
        options={**check.defaults, **(options or {})},
        ledger=example_ledger(check) if any(r.category == "ledger" for r in check.rules) else None,
        regex_timeout=regex_timeout,
    )
    found: Iterable[Finding]
    if check.scope == "corpus":
        found = list(check.run(analyses, ctx))
    else:
        found = [f for a in analyses for f in check.run(a, ctx)]
    return sorted((f for f in found if f.rule_id == rule_id), key=Finding.sort_key)


def rule_findings(
    rule_id: str,
    text: str | Sequence[Source],
    path: str = "t.md",
    meta: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """The full findings of one rule, sorted by (path, line, col)."""
    return check_findings(find_check(rule_id), rule_id, text, path, meta)


def run_rule(
    rule_id: str,
    text: str | Sequence[Source],
    path: str = "t.md",
    meta: Mapping[str, Any] | None = None,
) -> list[tuple[str, int, int]]:
    """Sorted (rule_id, line, col) of one rule's findings on `text`."""
    return sorted(
        (f.rule_id, f.location.line, f.location.col)
        for f in rule_findings(rule_id, text, path, meta)
    )


def corpus_probe(
    rule_id: str, summary: str, look: Callable[[Sequence[Analysis], Context], None]
) -> Check:
    """A corpus check that finds nothing and lets `look` see what it was given."""
    meta = RuleMeta(
        id=rule_id,
        name="probe",
        category="meta",
        severity=Severity.INFO,
        summary=summary,
        scope="corpus",
    )

    def run(corpus: Sequence[Analysis], ctx: Context) -> Iterable[Finding]:
        look(corpus, ctx)
        return iter(())

    return Check(rules=(meta,), scope="corpus", run=run)


@dataclass
class SideBySide:
    """What each call of `parallel.side_by_side` was handed and returned."""

    handed: list[list[str]] = field(default_factory=list)  # first rule id of each task's check
    returned: list[object] = field(default_factory=list)  # None: it fell back


def watch_side_by_side(monkeypatch: Any) -> SideBySide:
    """Record every call of `parallel.side_by_side` from now on (a pytest monkeypatch)."""
    from factlint import parallel

    seen = SideBySide()
    real = parallel.side_by_side

    def spy(tasks, jobs):  # type: ignore[no-untyped-def]
        checks = [getattr(task, "args", (None,))[0] for task in tasks]
        seen.handed.append([c.ids[0] for c in checks if isinstance(c, Check)])
        seen.returned.append(real(tasks, jobs))
        return seen.returned[-1]

    monkeypatch.setattr(parallel, "side_by_side", spy)
    return seen
