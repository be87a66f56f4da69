"""Load declarative YAML rules: one file, one rule, one `Check`.

Loading is strict (vale's ErrorUnused): an unknown or missing key, a wrong type, a
regex that does not compile, a malformed id or a YAML syntax error raises
`RuleLoadError` at the file and line of the offending key or value, before any
article is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from factlint import fastre
from factlint.errors import RuleLoadError
from factlint.model import RuleMeta
from factlint.rule import Check

RULE_SUFFIXES = (".yaml", ".yml")
_FILE_ID = fastre.compile_regex(r"(FL\d{3})(?!\d)")


def load_rule_text(text: str, path: str) -> Check:
    """A Check from the text of one rule file (`path` only names it in errors)."""
    from factlint.kinds import KINDS
    from factlint.kinds.base import COMMON_KEYS, REQUIRED_KEYS, RuleFile, compose, read_header
    from factlint.startup_store import remembered_content

    # Reading YAML nodes with their lines is slow in pure Python: keep the tree (which
    # names no path: a wheel ships its rules' trees).
    tree = remembered_content("rule file", text.encode(), lambda: compose(text, path))
    rule = RuleFile(path, tree)
    if not rule.has("kind"):
        # Name a misspelt key before the missing one it probably stands for.
        rule.check_keys(COMMON_KEYS.union(*(k.keys for k in KINDS.values())), REQUIRED_KEYS)
    kind = KINDS[rule.choice("kind", tuple(KINDS))]
    rule.check_keys(COMMON_KEYS | kind.keys, (*REQUIRED_KEYS, *kind.required))
    header = read_header(rule, kind)
    stem = _FILE_ID.match(Path(path).name)
    if stem and stem.group(1) != header.id:
        raise rule.error(
            "id", f"id {header.id} does not match the file name {Path(path).name}", at_value=True
        )
    run, fixable = kind.build(rule, header)
    rationale = header.rationale
    if header.link:
        rationale = f"{rationale}\n\nSee {header.link}".strip()
    meta = RuleMeta(
        id=header.id,
        name=header.name,
        category=header.category,
        severity=header.severity,
        summary=header.summary,
        scope="corpus" if header.scope == "corpus" else "document",
        rationale=rationale,
        examples_fail=header.examples_fail,
        examples_pass=header.examples_pass,
        default_enabled=header.default_enabled,
        source=path,
        source_line=header.id_line,
        fixable=fixable,
    )
    # A corpus-scope YAML rule reads the prose, and the quoted spans it may skip.
    return Check(rules=(meta,), scope=meta.scope, run=run, reads=("quoted_spans",))


def load_rule_file(path: Path) -> Check:
    """Read, validate and build one YAML rule."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RuleLoadError(str(path), None, f"cannot read rule file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RuleLoadError(str(path), line, "rule file is not UTF-8") from None
    return load_rule_text(text, str(path))


def rule_files(folder: Path) -> list[Path]:
    """The *.yaml / *.yml files at the top of a rule folder (not `ledger/`), by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleLoadError(str(folder), None, "no such rule folder")
    return sorted(
        (p for p in folder.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file()),
        key=lambda p: p.name,
    )


def load_rule_dir(path: Path) -> list[Check]:
    """Every rule in one folder, sorted by file name; ids and names must be unique."""
    return load_rule_dirs([path])


def load_rule_dirs(paths: Iterable[Path]) -> list[Check]:
    """Every rule in several folders, in order; a repeated id or name is an error."""
    checks = [load_rule_file(f) for folder in paths for f in rule_files(Path(folder))]
    check_unique(checks)
    return checks


def check_unique(checks: Iterable[Check]) -> None:
    """Raise at the second file declaring an id (or a name) already taken."""
    seen_ids: dict[str, RuleMeta] = {}
    seen_names: dict[str, RuleMeta] = {}
    for check in checks:
        for meta in check.rules:
            first = seen_ids.get(meta.id)
            if first is not None:
                raise RuleLoadError(
                    meta.source,
                    meta.source_line,
                    f"duplicate rule id {meta.id} (also in {first.source}:{first.source_line})",
                )
            first = seen_names.get(meta.name)
            if first is not None:
                raise RuleLoadError(
                    meta.source,
                    meta.source_line,
                    f"duplicate rule name {meta.name!r} (also {first.id} in {first.source})",
                )
            seen_ids[meta.id] = meta
            seen_names[meta.name] = meta
