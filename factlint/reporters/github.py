"""GitHub Actions workflow commands (`::error file=...::message`), one annotation per line."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TextIO

from factlint.model import FileError, Finding, RuleMeta, RunResult, Severity
from factlint.reporters._common import plural
from factlint.reporters.concise import error_line, finding_lines

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub shows at most this many annotations of each level per step.
PER_LEVEL = 10


def escape_data(text: str) -> str:
    """Message escaping, as actions/toolkit `escapeData`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property-value escaping, as actions/toolkit `escapeProperty`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: list[tuple[str, str | int]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{level} {props}::{escape_data(message)}"


def finding_command(finding: Finding) -> str:
    loc = finding.location
    props: list[tuple[str, str | int]] = [("file", loc.path), ("line", loc.line)]
    props.append(("endLine", loc.end_line))
    # Columns are only allowed on single-line annotations.
    if loc.line == loc.end_line:
        props += [("col", loc.col), ("endColumn", loc.end_col)]
    props.append(("title", f"{finding.rule_id} {finding.rule_name}"))
    message = finding.message
    for rel in finding.related:
        r = rel.location
        message += f"\n{r.path}:{r.line}:{r.col}: {rel.message}"
    return command(LEVELS[finding.severity], props, message)


def error_command(error: FileError) -> str:
    props: list[tuple[str, str | int]] = [("file", error.path)]
    if error.line:
        props.append(("line", error.line))
    return command("error", props, error.message)


def _split(result: RunResult) -> tuple[list[str], list[str]]:
    """Annotations within GitHub's per-level limits, and the plain log lines for the rest.

    File errors take error slots first: a file that was not checked matters most. When
    anything overflows, one notice slot is kept for the line that says so.
    """

    def fill(notice_slots: int) -> tuple[list[str], list[str]]:
        slots = {"error": PER_LEVEL, "warning": PER_LEVEL, "notice": notice_slots}
        shown: list[str] = []
        shown_errors: list[str] = []
        rest: list[str] = []
        rest_errors: list[str] = []
        for error in result.errors:
            if slots["error"]:
                slots["error"] -= 1
                shown_errors.append(error_command(error))
            else:
                rest_errors.append(error_line(error))
        for finding in result.findings:
            level = LEVELS[finding.severity]
            if slots[level]:
                slots[level] -= 1
                shown.append(finding_command(finding))
            else:
                rest.extend(finding_lines(finding))
        return shown + shown_errors, rest + rest_errors

    shown, rest = fill(PER_LEVEL)
    if rest:
        shown, rest = fill(PER_LEVEL - 1)
    return shown, rest


def _guard(lines: list[str]) -> list[str]:
    """Stop the runner from reading plain lines as commands, should one start with `::`.

    The token is a digest of the lines themselves, so they cannot contain the resume command.
    """
    if not any(line.lstrip().startswith("::") for line in lines):
        return lines
    token = (
        "factlint-"
        + hashlib.sha256("\n".join(lines).encode(errors="surrogatepass")).hexdigest()[:32]
    )
    return [f"::stop-commands::{token}", *lines, f"::{token}::"]


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    shown, rest = _split(result)
    for line in shown:
        stream.write(line + "\n")
    if rest:
        hidden = len(result.findings) + len(result.errors) - len(shown)
        stream.write(
            f"::notice title=factlint::{plural(hidden, 'more finding')} not shown as annotations"
            " (see the job log or SARIF)\n"
        )
        for line in _guard(rest):
            stream.write(line + "\n")
