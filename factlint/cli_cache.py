"""`factlint cache clear|info|path`: the result cache in .factlint_cache/ at the config root."""

from __future__ import annotations

from pathlib import Path

import click


def _folder(config_path: str | None) -> Path:
    from factlint.cache import cache_dir
    from factlint.cli import _fail
    from factlint.config import load_config
    from factlint.errors import FactlintError

    try:
        config = load_config(Path(config_path) if config_path else None)
    except FactlintError as exc:
        _fail(str(exc))
    return cache_dir(config)


@click.group("cache")
def cache_group() -> None:
    """Manage the result cache (.factlint_cache/ beside the config file)."""


@cache_group.command("clear")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def clear(config_path: str | None) -> None:
    """Delete the cache folder."""
    from factlint.cache import clear as clear_folder

    folder = _folder(config_path)
    if clear_folder(folder):
        click.echo(f"removed {folder}")
    else:
        click.echo(f"no cache at {folder}")


@cache_group.command("info")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def info(config_path: str | None) -> None:
    """Where the cache is, how many file results it holds and its size."""
    from factlint.cache import describe

    found = describe(_folder(config_path))
    if not found["exists"]:
        click.echo(f"no cache at {found['folder']}")
        return
    click.echo(f"{found['folder']}: {found['entries']} results, {found['bytes'] / 1e6:.1f} MB")
    if "error" in found:
        click.echo(f"unreadable: {found['error']} (it is rebuilt on the next check)")


@cache_group.command("path")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def path(config_path: str | None) -> None:
    """Print the cache folder (for a CI step that keeps it between jobs)."""
    click.echo(str(_folder(config_path)))


COMMANDS = [cache_group]
