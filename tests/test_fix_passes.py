"""check --fix's passes: fix, check again, until nothing is left to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint import cli
from factlint.model import Finding, Fix, Location, RunResult, Severity, Span


def flip(path: Path) -> RunResult:
    """A check that always finds the file's first letter to fix (to the other case):
    a fix that never settles."""
    text = path.read_text(encoding="utf-8")
    new = text[0].swapcase()
    finding = Finding(
        "FL999", "flip", "garbled", Severity.WARNING, f"flip {text[0]!r}",
        Location(str(path), 1, 1, 1, 2), Span(0, 1), fix=Fix(Span(0, 1), new),
    )  # fmt: skip
    return RunResult(findings=[finding], files=1)


def test_fixes_that_never_settle_stop_after_the_last_pass_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_text("abc\n", encoding="utf-8")
    checks: list[int] = []

    def check_again() -> RunResult:
        checks.append(1)
        return flip(article)

    result = cli._fixed(flip(article), check_again, None)

    assert len(checks) == cli.MAX_FIX_PASSES
    assert article.read_text(encoding="utf-8") == "abc\n"  # flipped an even number of times
    assert result.notices == [f"fixes still pending after {cli.MAX_FIX_PASSES} passes"]
    assert [f.rule_id for f in result.findings] == ["FL999"]
    assert capsys.readouterr().err == f"{article}: applied {cli.MAX_FIX_PASSES} fix(es)\n"


def test_a_file_that_cannot_be_written_is_one_error_and_left_alone(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(b"abc \xff\n")  # not UTF-8: never rewritten
    checks: list[int] = []

    def check_again() -> RunResult:
        checks.append(1)
        return flip(article)

    first = RunResult(
        findings=[
            Finding(
                "FL999", "flip", "garbled", Severity.WARNING, "flip",
                Location(str(article), 1, 1, 1, 2), Span(0, 1), fix=Fix(Span(0, 1), "A"),
            )
        ],
        files=1,
    )  # fmt: skip
    result = cli._fixed(first, check_again, None)

    assert checks == []
    assert [e.path for e in result.errors] == [str(article)]
    assert "fixes not applied" in result.errors[0].message
    assert article.read_bytes() == b"abc \xff\n"
