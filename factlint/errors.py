"""Errors that stop a run or skip a file; each names its file and line."""

from __future__ import annotations


class FactlintError(Exception):
    """A located problem in an input the user controls (config, rule, ledger, article)."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class ConfigError(FactlintError):
    """A bad configuration file or command-line option."""


class RuleLoadError(FactlintError):
    """A rule module that does not load: unknown key, bad regex, duplicate id."""


class InputError(FactlintError):
    """An article that cannot be read or parsed."""
