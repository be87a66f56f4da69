"""One line per finding: `path:line:col: FL101 [name] message`, like flake8 and ruff."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TextIO

from factlint.model import FileError, Finding, RuleMeta, RunResult
from factlint.reporters._common import one_line, summary_line, where


def finding_lines(finding: Finding) -> Iterator[str]:
    """The finding's line, then one indented line per related location."""
    rule = f"{one_line(finding.rule_id)} [{one_line(finding.rule_name)}]"
    yield f"{where(finding.location)}: {rule} {one_line(finding.message)}"
    for rel in finding.related:
        yield f"    {where(rel.location)}: {one_line(rel.message)}"


def error_line(error: FileError) -> str:
    place = one_line(error.path) + (f":{error.line}" if error.line else "")
    return f"{place}: error: {one_line(error.message)}"


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    for finding in result.findings:
        for line in finding_lines(finding):
            stream.write(line + "\n")
    for error in result.errors:
        stream.write(error_line(error) + "\n")
    stream.write(summary_line(result) + "\n")
