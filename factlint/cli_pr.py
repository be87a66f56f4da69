"""Commands for reviewing changes: `factlint baseline` writes the findings an archive has now.

`check --baseline FILE` then reports only findings that are not in FILE, and
`check --diff-base REV` only those on lines changed since a git revision.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("baseline")
@click.argument("paths", nargs=-1)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The baseline file to write (JSON).",
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
def baseline(
    paths: tuple[str, ...],
    output: str,
    config_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Record today's findings, so that `check --baseline FILE` reports only new ones."""
    from factlint import engine
    from factlint.baseline import write_baseline
    from factlint.cli import (
        EXIT_CLEAN,
        EXIT_ERROR,
        _fail,
        _validate_selectors,
        article_at,
        load_setup,
        with_cli_selection,
    )

    config, checks, ledger = load_setup(config_path)
    config = with_cli_selection(config, select, extend_select, ignore)
    try:
        _validate_selectors(config, checks, cli=True)
    except Exception as exc:
        _fail(str(exc))
    names = list(paths) or ["."]
    if (article := article_at(output, names, config)) is not None:
        _fail(f"refusing to write the baseline over {article}, an article this run reads")
    result = engine.run(names, config, checks, ledger=ledger)
    for notice in result.notices:
        click.echo(f"factlint: {notice}", err=True)
    try:
        count = write_baseline(result.findings, Path(output))
    except OSError as exc:
        _fail(f"cannot write the baseline to {output}: {exc.strerror or exc}")
    noun = "entry" if count == 1 else "entries"
    click.echo(f"factlint: wrote {count} baseline {noun} to {output}", err=True)
    # A file that could not be read has no entries: say so and fail, but keep the file.
    for error in result.errors:
        click.echo(f"factlint: {error}", err=True)
    sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)


COMMANDS = [baseline]
