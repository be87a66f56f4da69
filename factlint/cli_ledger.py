"""`factlint ledger ...`: validate the ledger, show an entry, draft entries from articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factlint.cli import EXIT_CLEAN, EXIT_ERROR, load_setup


@click.group("ledger")
def ledger_group() -> None:
    """Work with the reference ledger of sourced facts."""


def _paths(config: Any, files: tuple[str, ...]) -> list[Path]:
    from factlint.ledger import ledger_files

    if files:
        return [Path(f) for f in files]
    return ledger_files(config.shipped_ledger, config.ledger)


@ledger_group.command("check")
@click.argument("files", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def ledger_check(files: tuple[str, ...], config_path: str | None) -> None:
    """Validate ledger files (default: the shipped ledger and the config's)."""
    from factlint.errors import FactlintError
    from factlint.ledger import load_ledger

    config, _, _ = load_setup(config_path)
    try:
        ledger = load_ledger(_paths(config, files))
    except FactlintError as exc:
        click.echo(f"factlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    counts = {name: len(getattr(ledger, name)) for name in ("facts", "events", "rates", "people")}
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    click.echo(f"ledger OK: {summary}")
    sys.exit(EXIT_CLEAN)


@ledger_group.command("show")
@click.argument("entry_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def ledger_show(entry_id: str, config_path: str | None) -> None:
    """Show one ledger entry with its source."""
    import dataclasses

    _, _, ledger = load_setup(config_path)
    entry = ledger.get(entry_id) if ledger is not None else None
    if entry is None:
        click.echo(f"factlint: no ledger entry '{entry_id}'", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{entry.path}:{entry.line}: {type(entry).__name__.lower()} {entry.id}")
    for field in dataclasses.fields(entry):
        if field.name in ("id", "path", "line", "source"):
            continue
        value = getattr(entry, field.name)
        if value not in ("", (), None):
            click.echo(f"  {field.name}: {value}")
    click.echo(f"  source: {entry.source.describe()}")
    if entry.source.url:
        click.echo(f"  url: {entry.source.url}")


@ledger_group.command("suggest")
@click.argument("articles", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def ledger_suggest(articles: tuple[str, ...], config_path: str | None) -> None:
    """Draft ledger entries from the figures and dates articles state, to verify by hand."""
    import yaml

    from factlint.analysis import Analysis
    from factlint.discover import discover
    from factlint.engine import Reader
    from factlint.ledger_suggest import draft_entries

    config, _, _ = load_setup(config_path)
    files, errors = discover(list(articles), config)
    reader = Reader(config)
    drafts: dict[str, list[dict[str, Any]]] = {"facts": [], "events": []}
    for name in files:
        doc = reader.read(name)
        if doc is not None:
            for section, entries in draft_entries(Analysis(doc)).items():
                drafts[section].extend(entries)
    click.echo("# Drafted by `factlint ledger suggest`: verify each value against its source,")
    click.echo("# fill in the source, then commit. Nothing here is checked yet.")
    click.echo(yaml.safe_dump(drafts, allow_unicode=True, sort_keys=False), nl=False)
    for error in [*errors, *reader.errors]:
        click.echo(f"factlint: {error}", err=True)
    sys.exit(EXIT_ERROR if errors or reader.errors else EXIT_CLEAN)


COMMANDS = [ledger_group]
