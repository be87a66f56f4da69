"""GitLab Code Quality report: a JSON array of Code Climate issues, shown on merge requests.

GitLab matches issues between the base and the merge request by `fingerprint`, so it must
be stable (the claim-based fingerprint) and unique within one report: identical findings
get an occurrence number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from factlint.fingerprint import unique_fingerprints
from factlint.model import Finding, RuleMeta, RunResult, Severity
from factlint.reporters._common import json_text

# Code Quality severities are info, minor, major, critical and blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding, fp: str) -> dict[str, Any]:
    loc = finding.location
    description = f"{finding.rule_id} [{finding.rule_name}] {finding.message}"
    for rel in finding.related:
        r = rel.location
        description += f" (see {r.path}:{r.line}: {rel.message})"
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule_id,
        "categories": ["Clarity"] if finding.category in ("style", "garbled") else ["Bug Risk"],
        "fingerprint": fp,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": loc.path, "lines": {"begin": loc.line, "end": loc.end_line}},
    }


def issues(result: RunResult) -> list[dict[str, Any]]:
    return list(map(issue, result.findings, unique_fingerprints(result.findings)))


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    stream.write(json_text(issues(result)) + "\n")
