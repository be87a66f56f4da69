"""The versioned JSON wire format that other tools read (`"version": "1"`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from factlint.fingerprint import fingerprint
from factlint.model import Finding, RuleMeta, RunResult
from factlint.reporters._common import fix_location, json_text

JSON_VERSION = "1"


def _suggestion(finding: Finding, sources: Mapping[str, str] | None) -> dict[str, Any] | None:
    place = fix_location(finding, sources)
    if finding.fix is None or place is None:
        return None
    return {
        "replacement": finding.fix.replacement,
        "line": place.line,
        "column": place.col,
        "end_line": place.end_line,
        "end_column": place.end_col,
    }


def finding_dict(finding: Finding, sources: Mapping[str, str] | None = None) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "category": finding.category,
        "severity": str(finding.severity),
        "path": loc.path,
        "line": loc.line,
        "column": loc.col,
        "end_line": loc.end_line,
        "end_column": loc.end_col,
        "message": finding.message,
        "related": [
            {
                "path": rel.location.path,
                "line": rel.location.line,
                "column": rel.location.col,
                "message": rel.message,
            }
            for rel in finding.related
        ],
        "fingerprint": fingerprint(finding),
        "suggestion": _suggestion(finding, sources),
    }


def document(result: RunResult, sources: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "findings": [finding_dict(f, sources) for f in result.findings],
        "summary": {
            "files": result.files,
            "findings": len(result.findings),
            "by_severity": result.count_by_severity(),
        },
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors],
    }


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    stream.write(json_text(document(result, sources)) + "\n")
