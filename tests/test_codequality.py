"""GitLab Code Quality output: the fields GitLab reads, stable and unique fingerprints."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from factlint.fingerprint import fingerprint
from factlint.model import Finding, Location, Related, RunResult, Severity, Span
from factlint.reporters import get
from factlint.reporters.codequality import issues


def finding(line: int = 3, severity: Severity = Severity.ERROR, key: str = "city|5|7") -> Finding:
    return Finding(
        rule_id="FL791",
        rule_name="budget-contradiction",
        category="number",
        severity=severity,
        message="city budget: 7 million here, 5 million in articles/a.md",
        location=Location("articles/c.md", line, 1, line + 1, 4),
        span=Span(10, 60),
        related=(Related(Location("articles/a.md", 6, 1, 6, 30), "5 million here"),),
        key=key,
    )


def render(result: RunResult) -> list[dict[str, object]]:
    stream = io.StringIO()
    get("codequality")(result, {}, stream)
    data: list[dict[str, object]] = json.loads(stream.getvalue())
    return data


def test_an_issue_has_the_fields_gitlab_reads() -> None:
    f = finding()
    assert render(RunResult(findings=[f])) == [
        {
            "type": "issue",
            "description": "FL791 [budget-contradiction] city budget: 7 million here, 5 million"
            " in articles/a.md (see articles/a.md:6: 5 million here)",
            "check_name": "FL791",
            "categories": ["Bug Risk"],
            "fingerprint": fingerprint(f),
            "severity": "major",
            "location": {"path": "articles/c.md", "lines": {"begin": 3, "end": 4}},
        }
    ]


@pytest.mark.parametrize(
    ("severity", "expected"),
    [(Severity.ERROR, "major"), (Severity.WARNING, "minor"), (Severity.INFO, "info")],
)
def test_severities_map_to_code_quality_levels(severity: Severity, expected: str) -> None:
    assert issues(RunResult(findings=[finding(severity=severity)]))[0]["severity"] == expected


def test_fingerprints_are_stable_across_moves_and_unique_within_a_report() -> None:
    moved = [issues(RunResult(findings=[finding(line=n)]))[0]["fingerprint"] for n in (3, 30)]
    assert moved[0] == moved[1]
    twins = issues(RunResult(findings=[finding(line=3), finding(line=9)]))
    assert twins[0]["fingerprint"] == moved[0]
    assert twins[1]["fingerprint"] != twins[0]["fingerprint"]
    other = dataclasses.replace(finding(), key="city|5|8")
    assert issues(RunResult(findings=[other]))[0]["fingerprint"] != moved[0]


def test_no_findings_is_an_empty_list() -> None:
    assert render(RunResult(files=2)) == []
