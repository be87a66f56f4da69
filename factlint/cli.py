"""The `factlint` command. Imports stay inside commands so start-up is light."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from factlint import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from factlint.config import Config
    from factlint.model import FileError, RunResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("full", "concise", "json", "sarif", "github", "html", "codequality")


def _fail(message: str) -> None:
    click.echo(f"factlint: {message}", err=True)
    sys.exit(EXIT_ERROR)


def load_setup(
    config_path: str | None,
    *,
    patterns: Literal["compile", "cache", "shipped"] = "compile",
    **overrides: Any,
) -> tuple[Config, list[Any], Any]:
    """Config, checks and ledger, validated before any article is read (exit 2 if bad).

    `patterns` says where compiled patterns and parsed rule files come from: compiled
    afresh; from and to the cache folder (`startup_store.close()` keeps them once the
    run is done); or from those an installed wheel ships, keeping nothing.
    """
    # First: the modules imported below take their classes' code from the store.
    if patterns == "cache":
        _use_startup_store(config_path)
    elif patterns == "shipped":
        from factlint import startup_store

        startup_store.use(startup_store.StartupStore(None))
    from factlint.config import load_config
    from factlint.errors import FactlintError

    try:
        config = load_config(Path(config_path) if config_path else None).with_cli(**overrides)
    except FactlintError as exc:
        # Not a config (`--config article.md`, say): the cache folder beside it may be
        # no project's, so nothing is kept there.
        from factlint import startup_store

        startup_store.use(None)
        _fail(str(exc))
    try:
        checks, ledger = checks_and_ledger(config)
    except FactlintError as exc:
        _fail(str(exc))
    return config, checks, ledger


def checks_and_ledger(config: Config) -> tuple[list[Any], Any]:
    """The checks and ledger `config` names, validated against each other; raises a
    FactlintError naming the file and line at fault."""
    from factlint.registry import load_checks

    checks = load_checks(config)
    ledger = _load_ledger(config)
    _validate_selectors(config, checks)
    _validate_options(config, checks)
    return checks, ledger


def _use_startup_store(config_path: str | None) -> None:
    """Open the store in the cache folder the run will use (factlint.cache.cache_dir)."""
    from factlint import startup_store
    from factlint.cache import CACHE_DIR
    from factlint.config_file import config_root

    root = config_root(config_path)
    if root is None:
        return  # the run stops at the missing --config file; no folder is made for it
    startup_store.use(startup_store.StartupStore(root / CACHE_DIR / startup_store.FILE_NAME))


def _load_ledger(config: Config) -> Any:
    from factlint.errors import ConfigError
    from factlint.ledger import ledger_files, load_ledger

    for path in config.ledger:  # a file, or a folder of them
        if not path.exists():
            raise ConfigError(*config.where("ledger"), f"ledger not found: {path}")

    paths = ledger_files(config.shipped_ledger, config.ledger)
    return load_ledger(paths) if paths else None


def _validate_selectors(config: Config, checks: list[Any], *, cli: bool = False) -> None:
    """Every rule selector names a rule or category. First run on the config file alone
    (errors name its line), then with the command line's options merged (`cli`): what
    fails then came from the command line."""
    from factlint.directives import RULES as META_RULES
    from factlint.errors import ConfigError
    from factlint.selection import is_valid_selector

    metas = [*META_RULES, *(m for c in checks for m in c.rules)]
    s = config.selection
    tokens = [
        *(("select", t) for t in s.select or ()),
        *(("extend-select", t) for t in s.extend_select),
        *(("ignore", t) for t in s.ignore),
        *(("per-file-ignores", t) for _, ts in s.per_file_ignores for t in ts),
        *(("severity", t) for t, _ in config.severity),
    ]
    for key, token in tokens:
        if not is_valid_selector(token, metas):
            where = config.where(key) if config.path and not cli else ("command line", None)
            raise ConfigError(*where, f"unknown rule or category '{token}'")


def _validate_options(config: Config, checks: list[Any]) -> None:
    """Each rule's options in the config: a known rule, an option its module declares
    (OPTIONS) or defaults, a value it can take. A wrong one would otherwise fail the
    rule on every article, far from the line that set it."""
    from factlint.errors import ConfigError

    where = config.where("options")
    declared = {rule_id: c for c in checks for rule_id in c.ids}
    for rule_id, options in config.options.items():
        if rule_id not in declared:
            raise ConfigError(*where, f"options: unknown rule '{rule_id}'")
        check = declared[rule_id]
        known = {k: object if v is None else type(v) for k, v in check.defaults.items()}
        known.update(check.options)
        for key, value in options.items():
            if key not in known:
                takes = ", ".join(sorted(known)) or "none"
                raise ConfigError(*where, f"options: {rule_id} has no option '{key}' ({takes})")
            wanted = _option_problem(value, known[key])
            if wanted:
                raise ConfigError(
                    *where, f"options: {rule_id} '{key}' must be {wanted}, not {value!r}"
                )


def _option_problem(value: Any, expected: Any) -> str | None:
    """What `value` should be, for an option declared as `expected` (a type, or a tuple
    of the values it may take); None when it is that."""
    if isinstance(expected, tuple):
        return None if value in expected else "one of " + ", ".join(map(str, expected))
    if expected is bool or isinstance(value, bool):
        return None if expected is bool and isinstance(value, bool) else _named(expected)
    if expected is float:
        return None if isinstance(value, int | float) and math.isfinite(value) else "a number"
    if expected in (list, tuple):
        return None if isinstance(value, list | tuple) else "a list"
    if isinstance(expected, type) and not isinstance(value, expected):
        return _named(expected)
    return None


def _named(expected: Any) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
    return names.get(expected, f"a {getattr(expected, '__name__', 'value')}")


def with_cli_selection(
    config: Config, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...]
) -> Config:
    """--select replaces the config's selection; --extend-select and --ignore add to it."""
    import dataclasses

    selection = config.selection
    changes = {
        "select": _split(select) if select else selection.select,
        "extend_select": (*selection.extend_select, *(_split(extend_select) or ())),
        "ignore": (*selection.ignore, *(_split(ignore) or ())),
    }
    return dataclasses.replace(config, selection=dataclasses.replace(selection, **changes))


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


# Commands that live in their own modules, imported only when one is asked for.
COMMAND_MODULES = ("factlint.cli_ledger", "factlint.cli_pr", "factlint.cli_cache")


class LazyGroup(click.Group):
    def _extra(self) -> dict[str, click.Command]:
        import importlib

        found: dict[str, click.Command] = {}
        for name in COMMAND_MODULES:
            module = importlib.import_module(name)
            found.update({c.name: c for c in module.COMMANDS if c.name})
        return found

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._extra()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or self._extra().get(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """factlint: check articles' numbers, dates and quotes against each other and a ledger."""


def entry() -> None:
    """The console script: `main`, then an immediate exit.

    Tearing the interpreter down frees the rules' objects one by one (10-30 ms, up to
    a tenth of checking one article), which the OS does at once. Every command has closed
    its files, cache and workers before it returns; only the standard streams are
    flushed here. An uncaught error still ends the usual way, with its traceback.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        sys.exit(code)  # a message to print: let Python do it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`factlint check | head`): nothing more to say
        pass
    os._exit(code or 0)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: full on a terminal, else concise).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: found upwards).",
)
@click.option("--select", multiple=True, help="Rules to run: ids, prefixes, names or categories.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails the run (default: warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option(
    "--fix", is_flag=True, help="Apply safe mechanical fixes (spacing, doubled words, mojibake)."
)
@click.option("--stdin-filename", help="Name to report for an article read from '-' (stdin).")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings not in this baseline file.",
)
@click.option(
    "--diff-base",
    help="Report only findings on lines added or changed since this git revision.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes for reading and analysis (default: every core; at most 4 a core).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write .factlint_cache/.")
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    fix: bool,
    stdin_filename: str | None,
    baseline_path: str | None,
    diff_base: str | None,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Check articles (files or folders; '-' reads stdin)."""
    import dataclasses
    import gc

    # Loading the rules makes hundreds of thousands of long-lived objects and frees
    # almost none: collecting while they are made costs ~15 ms and finds nothing.
    gc.disable()

    from factlint import startup_store

    try:
        config, checks, ledger = load_setup(
            config_path, patterns="shipped" if no_cache else "cache"
        )
        # Imported once the start-up store is in use, for their classes and patterns.
        from factlint import engine
        from factlint.model import Severity

        gc.freeze()  # and later collections need not walk them (nor copy them in workers)
        gc.enable()

        config = with_cli_selection(config, select, extend_select, ignore)
        if fail_on:
            config = dataclasses.replace(config, fail_on=Severity.parse(fail_on))
        try:
            _validate_selectors(config, checks, cli=True)
        except Exception as exc:
            _fail(str(exc))

        stdin = None
        names = list(paths)
        if "-" in names:
            names.remove("-")
            stdin = (stdin_filename or "<stdin>", sys.stdin.buffer.read())
        if not names and stdin is None:
            names = ["."]
        if (article := article_at(output, names, config)) is not None:
            _fail(f"refusing to write the report over {article}, an article this run reads")
        cache = None
        if not no_cache:
            from factlint.cache import open_cache

            cache = open_cache(config, checks)

        def checked() -> RunResult:
            result = engine.run(
                names,
                config,
                checks,
                ledger=ledger,
                stdin=stdin,
                jobs=jobs or os.cpu_count() or 1,
                cache=cache,
            )
            # Baseline first: diff mode would otherwise hide old findings and make their
            # baseline entries look stale.
            if baseline_path:
                from factlint.baseline import keep_new
                from factlint.discover import discover

                read = [*discover(names, config)[0], *([stdin[0]] if stdin else [])]
                enabled = engine.plan(config, checks).enabled
                result = keep_new(result, Path(baseline_path), checked=read, rules=enabled)
            if diff_base:
                from factlint.gitdiff import keep_changed

                result = keep_changed(result, diff_base)
            return result

        result = checked()
        if fix:
            result = _fixed(result, checked, stdin[0] if stdin else None)
        _report(result, checks, fmt, output)
        sys.exit(exit_code(result, config.fail_on, exit_zero))
    finally:
        startup_store.close()  # also after an early exit: what was compiled is valid
        gc.unfreeze()  # as it was for a caller in the same process (tests, a library)
        gc.enable()


def article_at(output: str | None, names: Sequence[str], config: Config) -> str | None:
    """The article of the run that `output` is, if any: a report written there would
    replace it (`-o articles/a.md` typed for `-o report.txt`). An empty file, or the
    last report of a run, is no article to keep."""
    if not output or not os.path.isfile(output):
        return None
    from factlint.document import looks_like_report

    try:
        with open(output, "rb") as stream:
            start = stream.read(4096)
    except OSError:  # unreadable: writing the report fails, and says so
        return None
    if not start.strip() or looks_like_report(start):
        return None
    from factlint.discover import corpus_files, discover

    here = os.stat(output)
    called = {os.path.basename(output), os.path.basename(os.path.realpath(output))}
    found = discover(names, config)[0]
    for name in [*found, *corpus_files(config, set(found))]:
        if os.path.basename(name) in called:  # a name first: a stat per article is slow
            with contextlib.suppress(OSError):
                if os.path.samestat(os.stat(name), here):
                    return name
    return None


def exit_code(result: RunResult, fail_on: Any, exit_zero: bool) -> int:
    if result.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in result.findings) else EXIT_CLEAN


# Passes of fixing and checking again before giving up: a fix may reveal another ("the
# the the"), or overlap one applied first.
MAX_FIX_PASSES = 10


def _fixed(result: RunResult, check_again: Callable[[], RunResult], stdin: str | None) -> RunResult:
    """Fix, check again, until nothing is left to fix: the report then describes the
    files as they now are (positions after the edits, findings a fix revealed).

    `stdin` is the name given to stdin: it may be a real file name, which is not the
    text that was checked, so it is never rewritten. A file that cannot be written is an
    error, and left alone in later passes.
    """
    applied: dict[str, int] = {}
    errors: list[FileError] = []
    untouched = {"<stdin>", *([stdin] if stdin else [])}
    for _ in range(MAX_FIX_PASSES):
        counts, failed = _apply_fixes(result, untouched)
        errors += failed
        untouched.update(e.path for e in failed)
        if not counts:
            break
        for path, count in counts.items():
            applied[path] = applied.get(path, 0) + count
        result = check_again()
    else:
        if any(f.fix is not None and f.path not in untouched for f in result.findings):
            result.notices.append(f"fixes still pending after {MAX_FIX_PASSES} passes")
    for path, count in sorted(applied.items()):
        click.echo(f"{path}: applied {count} fix(es)", err=True)
    result.errors.extend(errors)
    return result


def _apply_fixes(result: RunResult, untouched: set[str]) -> tuple[dict[str, int], list[FileError]]:
    """Apply the safe fixes of `result` file by file, atomically, but not in `untouched`:
    how many in each file, and the files that could not be written."""
    from factlint.document import decode
    from factlint.fix import apply_fixes_as_read, write_atomically
    from factlint.model import FileError

    by_path: dict[str, list[Any]] = {}
    for f in result.findings:
        if f.fix is not None and f.path not in untouched:
            by_path.setdefault(f.path, []).append(f)
    counts: dict[str, int] = {}
    errors: list[FileError] = []
    for path, findings in by_path.items():
        try:
            original = Path(path).read_bytes()
            raw = decode(original, line_ends=True)[0]
            new_text, applied = apply_fixes_as_read(raw, [f.fix for f in findings])
            if applied:
                write_atomically(Path(path), new_text, original)
        except (OSError, ValueError) as exc:
            errors.append(FileError(path, f"fixes not applied: {exc}"))
            continue
        if applied:
            counts[path] = len(applied)
    return counts, errors


def _report(result: RunResult, checks: list[Any], fmt: str | None, output: str | None) -> None:
    from factlint.directives import RULES as META_RULES
    from factlint.reporters import get

    rules = {m.id: m for m in (*META_RULES, *(m for c in checks for m in c.rules))}
    if fmt is None:
        fmt = "full" if output is None and sys.stdout.isatty() else "concise"
    sources = {}
    if fmt in ("full", "html"):
        from factlint.document import decode

        wanted = [f.path for f in result.findings]
        if fmt == "html":
            wanted += [r.location.path for f in result.findings for r in f.related]
        for path in wanted:
            if path not in sources and Path(path).is_file():
                sources[path] = decode(Path(path).read_bytes())[0]
    for notice in result.notices:
        click.echo(f"factlint: {notice}", err=True)
    render = get(fmt)
    # A file name that is not UTF-8 is written as its bytes, as `ls` shows it.
    if output:
        try:
            with open(
                output, "w", encoding="utf-8", errors="surrogateescape", newline="\n"
            ) as stream:
                render(result, rules, stream, sources=sources)
        except OSError as exc:  # no such folder, a full disk, no permission
            _fail(f"cannot write the report to {output}: {exc.strerror or exc}")
        if result.errors:
            for error in result.errors:
                click.echo(f"{error}", err=True)
    else:
        if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="surrogateescape")
        render(result, rules, sys.stdout, sources=sources)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def list_rules(fmt: str, config_path: str | None) -> None:
    """List every rule with its code, name, category and default severity."""
    import json

    from factlint.directives import RULES as META_RULES

    config, checks, _ = load_setup(config_path)
    metas = sorted((*META_RULES, *(m for c in checks for m in c.rules)), key=lambda m: m.id)
    if fmt == "json":
        rows = [
            {
                "id": m.id,
                "name": m.name,
                "category": m.category,
                "severity": str(m.severity),
                "enabled": config.selection.enabled(m),
                "summary": m.summary,
                "source": m.source,
            }
            for m in metas
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for m in metas:
        mark = " " if config.selection.enabled(m) else "-"
        click.echo(f"{m.id} {mark} {m.name:<34} {m.category:<11} {m.severity!s:<8} {m.summary}")


@main.command("rule")
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def explain_rule(rule: str, config_path: str | None) -> None:
    """Explain one rule: what it checks, why, examples and options."""
    from factlint.directives import RULES as META_RULES

    _, checks, _ = load_setup(config_path)
    for check_ in [None, *checks]:
        metas = META_RULES if check_ is None else check_.rules
        for m in metas:
            if rule.upper() == m.id or rule.lower() == m.name:
                click.echo(f"# {m.id} {m.name}\n")
                click.echo(
                    f"Category: {m.category}    Default severity: {m.severity}"
                    f"    Enabled by default: {'yes' if m.default_enabled else 'no'}"
                    f"    Fixable: {'yes' if m.fixable else 'no'}"
                )
                click.echo(
                    f"Defined in: {m.source}{':' + str(m.source_line) if m.source_line else ''}\n"
                )
                click.echo(f"## What it checks\n\n{m.summary}\n")
                if m.rationale:
                    click.echo(f"## Why it matters\n\n{m.rationale}\n")
                if m.examples_fail:
                    click.echo("## Reported\n")
                    for ex in m.examples_fail:
                        click.echo(f"    {ex}")
                    click.echo("")
                if m.examples_pass:
                    click.echo("## Not reported\n")
                    for ex in m.examples_pass:
                        click.echo(f"    {ex}")
                    click.echo("")
                options = getattr(check_, "options", {}) if check_ else {}
                if options:
                    click.echo("## Options\n")
                    for name, kind in options.items():
                        default = check_.defaults.get(name)
                        takes = (
                            kind.__name__ if isinstance(kind, type) else "one of " + ", ".join(kind)
                        )
                        click.echo(f"    {name} ({takes}, default {default!r})")
                return
    _fail(f"unknown rule '{rule}' (see 'factlint rules')")


CLAIM_TYPES = ("figure", "date", "quote", "person")


@main.command("claims")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "yaml"]), default="table"
)
@click.option(
    "--type", "types", multiple=True, type=click.Choice(CLAIM_TYPES), help="Only these claims."
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def claims(
    paths: tuple[str, ...], fmt: str, types: tuple[str, ...], config_path: str | None
) -> None:
    """Show every figure, date, quote and person factlint understood."""
    from factlint.analysis import Analysis
    from factlint.claims_report import claim_rows
    from factlint.discover import discover
    from factlint.engine import Reader
    from factlint.reporters._common import json_text

    config, _, _ = load_setup(config_path)
    files, errors = discover(list(paths), config)
    reader = Reader(config)
    kinds = frozenset(types or CLAIM_TYPES)
    rows = []
    for name in files:
        doc = reader.read(name)
        if doc is not None:
            rows.extend(claim_rows(Analysis(doc), kinds))
    for error in [*errors, *reader.errors]:
        click.echo(f"factlint: {error}", err=True)
    if fmt == "json":
        click.echo(json_text(rows))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json_text(row, indent=None))
    elif fmt == "yaml":
        import yaml

        click.echo(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False), nl=False)
    else:
        _claims_table(rows)
    sys.exit(EXIT_ERROR if errors or reader.errors else EXIT_CLEAN)


def _claims_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("where", "type", "text", "value", "unit / grain", "qualifier", "about"):
        table.add_column(column, overflow="fold")
    for r in rows:
        where = f"{r['path']}:{r['line']}:{r['column']}"
        if r["type"] == "figure":
            value = _show_number(r["value"], r["value_high"])
            table.add_row(where, "figure", r["text"], value, r["unit"], r["qualifier"], _about(r))
        elif r["type"] == "date":
            value = r["value"] or " | ".join(r["candidates"]) or "unresolved"
            table.add_row(where, "date", r["text"], value, r["grain"], r["mod"], _about(r))
        elif r["type"] == "quote":
            table.add_row(where, "quote", r["text"][:80], "", "", r["cue"], r["speaker"])
        else:
            table.add_row(where, "person", r["text"], r["title"], "", "", r["organisation"])
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def _show_number(low: Any, high: Any) -> str:
    if isinstance(low, float) and isinstance(high, float) and high != low:
        return f"{low:,.6g} – {high:,.6g}"
    return f"{low:,.6g}" if isinstance(low, float) else str(low)


def _about(row: dict[str, Any]) -> str:
    scope = row.get("time_scope")
    return f"{row['subject']}" + (f" [{scope}]" if scope else "")


if __name__ == "__main__":
    main()
