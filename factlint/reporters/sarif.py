"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import quote

import factlint
from factlint import fastre
from factlint.fingerprint import unique_fingerprints
from factlint.model import Finding, Location, RuleMeta, RunResult, Severity
from factlint.reporters._common import fix_location, json_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/factlint/"
FINGERPRINT_KEY = "factlint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's `properties.precision` values; severity already encodes how sure a rule is.
PRECISION = {Severity.ERROR: "high", Severity.WARNING: "medium", Severity.INFO: "low"}
# GitHub's `problem.severity` for non-security results.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}

_DRIVE = fastre.compile_regex(r"^[A-Za-z]:/")


def artifact_location(path: str) -> dict[str, str]:
    """A URI reference for `path`: relative paths stay relative to the source root.

    Characters a URI cannot hold (spaces, `%`, non-ASCII, a `:` that would read as a scheme)
    are percent-encoded, so an ordinary path like `articles/budget.md` is unchanged.
    """
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return {"uri": "file://" + _quoted(posix)}
    if _DRIVE.match(posix):
        return {"uri": "file:///" + posix[:2] + _quoted(posix[2:])}
    return {"uri": _quoted(posix), "uriBaseId": "%SRCROOT%"}


def _quoted(path: str) -> str:
    """Percent-encoded; a file name that is not UTF-8 (read with surrogates, as
    os.fsdecode gives it) by its own bytes."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate no byte stands for (Windows names)
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def region(location: Location) -> dict[str, int]:
    return {
        "startLine": location.line,
        "startColumn": location.col,
        "endLine": location.end_line,
        "endColumn": location.end_col,
    }


def physical_location(location: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": artifact_location(location.path),
            "region": region(location),
        }
    }


def _help_text(meta: RuleMeta) -> str:
    parts = [meta.summary]
    if meta.rationale:
        parts.append(meta.rationale)
    if meta.examples_fail:
        parts.append("Flagged:\n" + "\n".join(f"  {e}" for e in meta.examples_fail))
    if meta.examples_pass:
        parts.append("Not flagged:\n" + "\n".join(f"  {e}" for e in meta.examples_pass))
    return "\n\n".join(parts)


def rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    return {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.rationale or meta.summary},
        "help": {"text": _help_text(meta)},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {
            "category": meta.category,
            "precision": PRECISION[meta.severity],
            "problem.severity": PROBLEM_SEVERITY[meta.severity],
            "tags": sorted({"factlint", meta.category}),
        },
    }


def _placeholder_meta(finding: Finding) -> RuleMeta:
    """Metadata for a finding whose rule was not passed in, so every result has a rule."""
    return RuleMeta(
        id=finding.rule_id,
        name=finding.rule_name,
        category=finding.category,
        severity=finding.severity,
        summary=finding.rule_name,
    )


def _fixes(finding: Finding, sources: Mapping[str, str] | None) -> list[dict[str, Any]]:
    place = fix_location(finding, sources)
    if finding.fix is None or place is None:
        return []
    replacement = finding.fix.replacement
    return [
        {
            "description": {"text": f"Replace with {replacement!r}"},
            "artifactChanges": [
                {
                    "artifactLocation": artifact_location(place.path),
                    "replacements": [
                        {"deletedRegion": region(place), "insertedContent": {"text": replacement}}
                    ],
                }
            ],
        }
    ]


def result_object(
    finding: Finding, rule_index: int, fp: str, sources: Mapping[str, str] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [physical_location(finding.location)],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    if finding.related:
        out["relatedLocations"] = [
            {"id": i, **physical_location(rel.location), "message": {"text": rel.message}}
            for i, rel in enumerate(finding.related, start=1)
        ]
    fixes = _fixes(finding, sources)
    if fixes:
        out["fixes"] = fixes
    return out


def _notifications(result: RunResult) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for error in result.errors:
        where: dict[str, Any] = {"artifactLocation": artifact_location(error.path)}
        if error.line:
            where["region"] = {"startLine": error.line}
        notes.append(
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [{"physicalLocation": where}],
            }
        )
    notes.extend({"level": "note", "message": {"text": text}} for text in result.notices)
    return notes


def log(
    result: RunResult, rules: Mapping[str, RuleMeta], sources: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The whole SARIF log as plain data."""
    metas = dict(rules)
    for finding in result.findings:
        metas.setdefault(finding.rule_id, _placeholder_meta(finding))
    ids = sorted(metas)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    notifications = _notifications(result)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": factlint.__version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(metas[rule_id]) for rule_id in ids],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [
            result_object(f, index[f.rule_id], fp, sources)
            for f, fp in zip(result.findings, unique_fingerprints(result.findings), strict=True)
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    stream.write(json_text(log(result, rules, sources)) + "\n")
