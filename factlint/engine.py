"""run(paths, config) -> RunResult: read, analyse once, check, filter, sort.

Document rules run on the files being reported; corpus rules see every document of
the run plus the config's `corpus`, and only findings on reported files are kept.
A file that cannot be read becomes a located error; the others are still checked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.analysis import Analysis
from factlint.config import Config
from factlint.directives import RULES as META_RULES
from factlint.directives import apply_suppressions, decode_error_findings
from factlint.document import Document, build_document, looks_binary, looks_like_report
from factlint.errors import FactlintError
from factlint.model import FileError, Finding, RuleMeta, RunResult
from factlint.rule import Check, Context, less_sure
from factlint.selection import specificity

if TYPE_CHECKING:
    from factlint.parallel import Pending


@dataclass(frozen=True)
class Plan:
    """The checks of a run with their effective rule metadata."""

    checks: tuple[Check, ...]
    rules: Mapping[str, RuleMeta]  # every known rule, severities overridden
    enabled: frozenset[str]


def plan(config: Config, checks: Sequence[Check]) -> Plan:
    rules: dict[str, RuleMeta] = {}
    for meta in (*META_RULES, *(m for c in checks for m in c.rules)):
        rules[meta.id] = _override_severity(meta, config)
    enabled = frozenset(i for i, m in rules.items() if config.selection.enabled(m))
    active = tuple(c for c in checks if enabled.intersection(c.ids))
    return Plan(active, rules, enabled)


def _override_severity(meta: RuleMeta, config: Config) -> RuleMeta:
    best = None
    for token, severity in config.severity:
        score = specificity(token, meta)
        if score is not None and (best is None or score >= best[0]):
            best = (score, severity)
    return dataclasses.replace(meta, severity=best[1]) if best else meta


def read_metadata(folder: Path, name: str) -> tuple[dict[str, Any], FileError | None]:
    """The per-folder metadata file: file name -> {date, title, source, url, ...}.

    A metadata file of 10,000 entries takes 0.9 s to parse: what an earlier run made of
    the same text is kept in the start-up store."""
    import hashlib

    from factlint.startup_store import remembered
    from factlint.yamlload import located

    path = folder / name
    if not path.is_file():
        return {}, None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        line, problem = located(exc)
        return {}, FileError(str(path), f"cannot read metadata: {problem}", line)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return remembered(f"metadata {path}", digest, lambda: _parsed_metadata(str(path), text))


def _parsed_metadata(path: str, text: str) -> tuple[dict[str, Any], FileError | None]:
    import yaml

    from factlint.yamlload import load_document, located, repeated_key, unreadable_value

    try:
        node, data = load_document(text)
        data = data or {}
    except yaml.YAMLError as exc:
        line, problem = located(exc)  # the line is given apart
        return {}, FileError(path, f"cannot read metadata: {problem}", line)
    except Exception as exc:  # a value YAML reads as typed, but cannot construct
        line, problem = unreadable_value(text, exc)
        return {}, FileError(path, f"cannot read metadata: {problem}", line)
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return {}, FileError(path, "metadata must map file names to mappings of keys", 1)
    if (repeated := repeated_key(node)) is not None:
        line, key, first = repeated
        problem = f"duplicate key {key!r} (first on line {first})"
        return {}, FileError(path, f"cannot read metadata: {problem}", line)
    return data, None


class Reader:
    """Reads articles, with each folder's metadata file read once."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.metadata: dict[Path, dict[str, Any]] = {}
        self.errors: list[FileError] = []
        self.notices: list[str] = []

    def meta_for(self, path: Path) -> dict[str, Any]:
        entry = self.folder_metadata(path.parent).get(path.name)
        return dict(entry) if isinstance(entry, dict) else {}

    def folder_metadata(self, folder: Path) -> dict[str, Any]:
        """The folder's metadata file, read once (a bad one is reported once)."""
        if folder not in self.metadata:
            data, error = read_metadata(folder, self.config.metadata_file)
            self.metadata[folder] = data
            if error:
                self.errors.append(error)
        return self.metadata[folder]

    def read(self, name: str, data: bytes | None = None) -> Document | None:
        path = Path(name)
        if data is None:
            try:
                st = path.stat()
                if not stat.S_ISREG(st.st_mode):  # opening a named pipe waits for a writer
                    self.notices.append(f"{name}: skipped, not a regular file")
                    return None
                if st.st_size > self.config.max_file_size:
                    self.notices.append(
                        f"{name}: skipped, larger than {self.config.max_file_size} bytes"
                    )
                    return None
                data = path.read_bytes()
            except OSError as exc:
                self.errors.append(FileError(name, f"cannot read: {exc.strerror or exc}"))
                return None
        if looks_binary(data):
            self.notices.append(f"{name}: skipped, binary file")
            return None
        if looks_like_report(data):
            self.notices.append(f"{name}: skipped, a report factlint wrote")
            return None
        doc, problem = build_document(name, data, self.meta_for(path))
        if problem is not None:
            self.errors.append(FileError(name, problem.message, problem.line))
        return doc


def _run_check(
    check: Check, target: Any, ctx: Context, errors: list[FileError], where: str
) -> list[Finding]:
    try:
        return list(check.run(target, ctx))
    except FactlintError as exc:  # a rule that timed out or misbehaved, located
        errors.append(FileError(exc.path, f"{exc.message} (while checking {where})", exc.line))
    except Exception as exc:
        ids = ", ".join(check.ids)
        errors.append(
            FileError(where, f"internal error in rule {ids}: {type(exc).__name__}: {exc}")
        )
    return []


def _context(check: Check, p: Plan, config: Config, ledger: Any) -> Context:
    options = dict(check.defaults)
    for rule_id in check.ids:
        options.update(config.options.get(rule_id, {}))
    return Context(
        rules=p.rules,
        options=options,
        ledger=ledger,
        enabled=p.enabled,
        regex_timeout=config.regex_timeout,
    )


def contexts_for(p: Plan, config: Config, ledger: Any = None) -> dict[int, Context]:
    """Each active check's context, keyed by id(check)."""
    return {id(c): _context(c, p, config, ledger) for c in p.checks}


def document_findings(
    analysis: Analysis, p: Plan, contexts: Mapping[int, Context], errors: list[FileError]
) -> list[Finding]:
    """Raw findings of the document-scope checks on one article (before filtering)."""
    raw: list[Finding] = []
    for check in p.checks:
        if check.scope == "document":
            raw += _run_check(check, analysis, contexts[id(check)], errors, analysis.doc.path)
    return raw


# Below this many articles the corpus checks run one after another: forking costs more
# than running them side by side saves.
MIN_SIDE_BY_SIDE = 200


def corpus_findings(
    analyses: Sequence[Analysis],
    reported: set[str],
    p: Plan,
    contexts: Mapping[int, Context],
    errors: list[FileError],
    jobs: int = 1,
    pending: Pending | None = None,
) -> list[Finding]:
    """Raw findings of the corpus-scope checks that fall on reported articles.

    With `jobs` > 1 the checks run side by side in forked processes; the findings and
    errors are the same, in the same order. Each check first loads the claims that the
    cache kept apart for it (`pending`) where it runs, and lets them go when done. With
    every claim already held and only some articles reported (a pre-commit hook against
    an archive, without the cache), the checks compare only what touches those, and a
    fork's copied pages cost more than it saves (6.9-7.5 s against 6.5 s at 10,000
    articles): they run here one after another.
    """
    corpus = list(analyses)
    positions = frozenset(n for n, a in enumerate(corpus) if a.path in reported)
    only = positions if len(positions) < len(corpus) else None
    corpus_checks = [check for check in p.checks if check.scope == "corpus"]
    tasks = [
        functools.partial(
            _corpus_check,
            check,
            dataclasses.replace(contexts[id(check)], reported=only),
            corpus,
            reported,
            pending,
        )
        for check in corpus_checks
    ]
    results = None
    loading = pending is not None and len(pending.at) >= MIN_SIDE_BY_SIDE
    large = len(corpus) >= MIN_SIDE_BY_SIDE and (only is None or loading)
    if jobs > 1 and len(tasks) > 1 and large:
        names = [_timed_as(check, only) for check in corpus_checks]
        results = _slowest_first(tasks, names, pending, jobs)
    raw: list[Finding] = []
    for found, own, _ in results if results is not None else (run() for run in tasks):
        raw += found
        errors += own
    return raw


# A corpus check's findings on the reported articles, its errors and its seconds.
CheckResult = tuple[list[Finding], list[FileError], float]


def _slowest_first(
    tasks: Sequence[Callable[[], CheckResult]],
    names: Sequence[str],
    pending: Pending | None,
    jobs: int,
) -> list[CheckResult] | None:
    """The tasks side by side, in their order; None if they could not run so.

    Whoever is free takes the next task, so the slowest must not come last: they are
    handed out slowest first, as the last run with a cache timed them (`names`)."""
    from factlint.parallel import side_by_side

    last = pending.rows.durations() if pending is not None else {}
    order = sorted(range(len(tasks)), key=lambda n: -last.get(names[n], 0.0))
    done = side_by_side([tasks[n] for n in order], jobs)
    if done is None:
        return None
    results = [done[order.index(n)] for n in range(len(tasks))]
    if pending is not None:
        took = (seconds for _, _, seconds in results)
        pending.rows.note_durations(dict(zip(names, took, strict=True)))
    return results


def _timed_as(check: Check, only: frozenset[int] | None) -> str:
    """A check's name for its timings: a run of some articles costs it less than one of all."""
    return f"{check.ids[0]} {'some' if only is not None else 'all'}"


def _corpus_check(
    check: Check,
    ctx: Context,
    corpus: Sequence[Analysis],
    reported: set[str],
    pending: Pending | None = None,
) -> CheckResult:
    """One corpus check's findings on the reported articles, its errors and how long it
    took (loading its claims included).

    A check with LINKS, when only some articles are reported, is given those and the
    articles that share a key with them (`_linked`): the others are not loaded."""
    from factlint.parallel import group_of

    start = time.perf_counter()
    errors: list[FileError] = []
    only = None
    if ctx.reported is not None and check.links is not None:
        only, ctx = _linked(check, ctx, corpus, pending)
    if pending is not None:
        pending.load(corpus, group_of(check), only)
    given = corpus if only is None else [corpus[n] for n in only]
    found = _run_check(check, given, ctx, errors, "the corpus")
    if pending is not None:
        pending.release(corpus, group_of(check), only)
    return [f for f in found if f.path in reported], errors, time.perf_counter() - start


def _linked(
    check: Check, ctx: Context, corpus: Sequence[Analysis], pending: Pending | None
) -> tuple[list[int] | None, Context]:
    """The positions of the articles a check run for `ctx.reported` needs, and its
    context for them: those renumbered, with the whole run's totals (factlint.links).
    (None, ctx) if the check's keys cannot be had: it is then given every article."""
    from factlint.links import neighbourhood
    from factlint.parallel import links_group

    assert check.links is not None and ctx.reported is not None
    if pending is not None:
        pending.load(corpus, links_group(check))
    try:
        links = [check.links(analysis) for analysis in corpus]
    except Exception:  # the check itself runs on everything, and reports what fails
        return None, ctx
    finally:
        if pending is not None:
            pending.release(corpus, links_group(check))
    cap = int(ctx.options.get("max_bucket", 64))
    only, totals = neighbourhood(links, ctx.reported, cap)
    renumbered = {n: i for i, n in enumerate(only)}
    reported = frozenset(renumbered[n] for n in ctx.reported)
    return only, dataclasses.replace(ctx, reported=reported, totals=totals)


def finish(
    analyses: Sequence[Analysis],
    reported: set[str],
    raw: Iterable[Finding],
    p: Plan,
    config: Config,
) -> list[Finding]:
    """Raw findings filtered by selection, suppressed, re-severitied, sorted and deduped."""
    by_path: dict[str, list[Finding]] = {}
    for f in raw:
        meta = p.rules.get(f.rule_id)
        if meta is None or f.rule_id not in p.enabled:
            continue
        if not config.selection.enabled_for(meta, f.path):
            continue
        by_path.setdefault(f.path, []).append(f)
    findings: list[Finding] = []
    enabled_metas = [p.rules[i] for i in p.enabled]
    for analysis in analyses:
        if analysis.path not in reported:
            continue
        doc = analysis.doc
        mine = by_path.get(doc.path, []) + decode_error_findings(doc)
        kept = apply_suppressions(doc, mine, dict(p.rules), enabled_metas)
        findings += [
            _with_severity(f, p)
            for f in kept
            if f.rule_id in p.enabled and config.selection.enabled_for(p.rules[f.rule_id], f.path)
        ]
    return dedupe(findings)


def check_documents(
    analyses: Sequence[Analysis],
    reported: set[str],
    p: Plan,
    config: Config,
    ledger: Any = None,
) -> tuple[list[Finding], list[FileError]]:
    """All findings on the reported documents, filtered, suppressed and sorted."""
    errors: list[FileError] = []
    contexts = contexts_for(p, config, ledger)
    raw: list[Finding] = []
    for analysis in analyses:
        if analysis.path in reported:
            raw += document_findings(analysis, p, contexts, errors)
    raw += corpus_findings(analyses, reported, p, contexts, errors)
    return finish(analyses, reported, raw, p, config), errors


def _with_severity(f: Finding, p: Plan) -> Finding:
    severity = p.rules[f.rule_id].severity
    if f.severity in (severity, less_sure(severity)):  # as sure as the rule, or less
        return f
    return dataclasses.replace(f, severity=severity)


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (rule, span, message), in path/line/column/rule order."""
    seen: set[tuple[str, str, int, int, str]] = set()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        k = (f.rule_id, f.path, f.span.start, f.span.end, f.message)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def run(
    paths: Sequence[str],
    config: Config,
    checks: Sequence[Check],
    *,
    ledger: Any = None,
    stdin: tuple[str, bytes] | None = None,
    jobs: int = 1,
    cache: Any = None,
) -> RunResult:
    """Check `paths`; `jobs` worker processes read and analyse, `cache` skips unchanged files.

    The result is the same whatever `jobs` is and whether the cache is used.
    """
    with _without_cycle_collection():
        return _run(paths, config, checks, ledger, stdin, jobs, cache)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A run builds millions of claims that live until it ends and form no cycles, and
    each full collection walks all of them again: at 10,000 cached articles, 40% of a
    pre-commit run (9.4 s against 5.6 s, the same peak memory). The run leaves about
    five cyclic objects an article, collected once it is over. Workers fork with
    collection off, and analyse theirs the same way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(
    paths: Sequence[str],
    config: Config,
    checks: Sequence[Check],
    ledger: Any,
    stdin: tuple[str, bytes] | None,
    jobs: int,
    cache: Any,
) -> RunResult:
    from factlint.discover import corpus_files, discover, walk_keys
    from factlint.parallel import Item, analyse, folder_metadata

    files, errors = discover(paths, config)
    items = [Item(stdin[0], True, stdin[1])] if stdin is not None else []
    items += [Item(name, True) for name in files]
    items += [Item(name, False) for name in corpus_files(config, {i.name for i in items})]
    key = walk_keys(os.getcwd())
    items.sort(key=lambda item: key(item.name))
    p = plan(config, checks)
    contexts = contexts_for(p, config, ledger)
    keys = run_key = reader = None
    if cache is not None and items:
        # The same files, bytes and configuration as a stored run: its result, as it was.
        reader = folder_metadata(items, config)
        if not reader.errors:
            keys = cache.keys(items, reader.metadata)
            run_key = cache.run_key(keys)
        if run_key is not None and (kept := cache.recall(run_key, keys)) is not None:
            return dataclasses.replace(kept, errors=[*errors, *kept.errors])
    batch = analyse(items, config, p, contexts, jobs=jobs, cache=cache, reader=reader, keys=keys)
    reported = batch.reported
    rule_errors = list(batch.rule_errors)
    raw = batch.findings + corpus_findings(
        batch.analyses, reported, p, contexts, rule_errors, jobs=jobs, pending=batch.pending
    )
    findings = finish(batch.analyses, reported, raw, p, config)
    if batch.final_findings:  # finished where they were analysed (no corpus rule ran)
        findings = dedupe([*findings, *batch.final_findings])
    result = RunResult(findings, [*batch.read_errors], len(reported), batch.notices)
    if run_key is not None and not rule_errors:  # a rule that failed may not fail next time
        cache.remember(run_key, result)
    return dataclasses.replace(result, errors=[*errors, *result.errors, *rule_errors])
