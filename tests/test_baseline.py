"""Baselines and claim fingerprints: an archive's old findings are accepted, new ones reported.

A scratch git repository holds an archive (an old fnord in a.md, an old budget contradiction
in b.md); a branch adds an article that contradicts the archive.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint.baseline import Entry, keep_new, parse_baseline, stale_notice
from factlint.cli import main
from factlint.fingerprint import fingerprint
from factlint.model import Finding, Location, RunResult, Severity, Span
from tests.pr_repo import commit, git, make_repo, write

BASELINE = "factlint-baseline.json"
NEW_ARTICLE = {"articles/c.md": "# Council\n\nThe city budget was 7 million, the mayor said.\n"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    make_repo(root)
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def found(*args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    """Exit code, (path, rule, line) of each reported finding, and stderr."""
    code, out, err = invoke("check", "--format", "json", *args)
    data = json.loads(out)
    return code, [(f["path"], f["rule"], f["line"]) for f in data["findings"]], err


def make_baseline(*args: str) -> list[dict[str, str]]:
    code, _, err = invoke("baseline", "articles", "-o", BASELINE, *args)
    assert code == 0, err
    return json.loads(Path(BASELINE).read_text(encoding="utf-8"))["entries"]


# --- the baseline file ----------------------------------------------------------------------


def test_baseline_lists_todays_findings_sorted_without_lines(repo: Path) -> None:
    entries = make_baseline()
    assert [(e["path"], e["rule"], e["message"]) for e in entries] == [
        ("articles/a.md", "FL790", "avoid 'fnord'"),
        ("articles/b.md", "FL791", "city budget: 6 million here, 5 million in articles/a.md"),
    ]
    assert all(set(e) == {"fingerprint", "rule", "path", "message"} for e in entries)
    assert all(len(e["fingerprint"]) == 32 for e in entries)
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    assert data["version"] == 1


def test_a_symlinked_baseline_stays_a_link_and_its_target_is_written(repo: Path) -> None:
    (repo / "ci").mkdir()
    Path(BASELINE).symlink_to("ci/baseline.json")
    entries = make_baseline()
    assert Path(BASELINE).is_symlink()
    assert json.loads((repo / "ci" / "baseline.json").read_text())["entries"] == entries
    assert len(entries) == 2


def test_baseline_is_byte_for_byte_stable(repo: Path) -> None:
    make_baseline()
    first = Path(BASELINE).read_bytes()
    # Text added above both findings moves them but changes nothing in the baseline.
    write(repo, {"articles/a.md": "Intro.\n\n" + (repo / "articles/a.md").read_text()})
    write(repo, {"articles/b.md": "Intro.\n\n" + (repo / "articles/b.md").read_text()})
    make_baseline()
    assert Path(BASELINE).read_bytes() == first


def test_baseline_command_honours_the_selection(repo: Path) -> None:
    entries = make_baseline("--select", "FL790")
    assert [e["rule"] for e in entries] == ["FL790"]
    entries = make_baseline("--ignore", "style")
    assert [e["rule"] for e in entries] == ["FL791"]


def test_baseline_command_rejects_an_unknown_rule(repo: Path) -> None:
    code, _, err = invoke("baseline", "articles", "-o", BASELINE, "--select", "FL999")
    assert code == 2
    assert "FL999" in err
    assert not Path(BASELINE).exists()


# --- check --baseline ---------------------------------------------------------------------


def test_branch_adding_a_contradiction_reports_exactly_the_new_finding(repo: Path) -> None:
    make_baseline()
    commit(repo, "baseline")
    git(repo, "checkout", "--quiet", "-b", "pr")
    write(repo, NEW_ARTICLE)
    # An edit above the old fnord moves it down two lines; it is still old.
    write(repo, {"articles/a.md": "Updated.\n\n" + (repo / "articles/a.md").read_text()})
    commit(repo, "new article")
    assert found("articles")[1] == [
        ("articles/a.md", "FL790", 6),
        ("articles/b.md", "FL791", 3),
        ("articles/c.md", "FL791", 3),
    ]
    code, findings, err = found("--baseline", BASELINE, "articles")
    assert (code, findings) == (1, [("articles/c.md", "FL791", 3)])
    assert "stale" not in err


def test_without_new_findings_the_check_passes(repo: Path) -> None:
    make_baseline()
    code, findings, err = found("--baseline", BASELINE, "articles")
    assert (code, findings, err) == (0, [], "")


def test_a_changed_claim_is_new(repo: Path) -> None:
    make_baseline()
    text = (repo / "articles/b.md").read_text()
    write(repo, {"articles/b.md": text.replace("6 million", "8 million")})
    code, findings, err = found("--baseline", BASELINE, "articles")
    assert (code, findings) == (1, [("articles/b.md", "FL791", 3)])
    # The old 6-million contradiction is gone: its entry is stale.
    assert "baseline: 1 stale entry" in err


def test_the_baseline_counts_identical_findings(repo: Path) -> None:
    write(repo, {"articles/a.md": "One fnord.\nTwo fnord.\n"})
    make_baseline()
    write(repo, {"articles/a.md": "One fnord.\nTwo fnord.\nThree fnord.\n"})
    code, findings, _ = found("--baseline", BASELINE, "articles")
    assert (code, findings) == (1, [("articles/a.md", "FL790", 3)])
    write(repo, {"articles/a.md": "Two fnord.\n"})
    code, findings, err = found("--baseline", BASELINE, "articles")
    assert (code, findings) == (0, [])
    assert "baseline: 1 stale entry" in err


def test_stale_entries_are_listed(repo: Path) -> None:
    make_baseline()
    write(repo, {"articles/b.md": "# Schools\n\nThe city budget was 5 million, aides said.\n"})
    code, findings, err = found("--baseline", BASELINE, "articles")
    assert (code, findings) == (0, [])
    assert err == (
        "factlint: baseline: 1 stale entry; rewrite it with `factlint baseline`\n"
        "  articles/b.md: FL791 city budget: 6 million here, 5 million in articles/a.md\n"
    )


@pytest.mark.parametrize(
    ("checked", "rules", "stale"),
    [
        (None, None, ["articles/a.md", "articles/b.md"]),
        (["articles/b.md"], None, ["articles/b.md"]),
        (["./articles/a.md", "articles/c.md"], None, ["articles/a.md"]),
        (None, ["FL790"], ["articles/a.md"]),
        (["articles/b.md"], ["FL790"], []),
    ],
)
def test_stale_entries_only_of_the_files_and_rules_checked(
    repo: Path, checked: list[str] | None, rules: list[str] | None, stale: list[str]
) -> None:
    make_baseline()
    kept = keep_new(RunResult(files=2), Path(BASELINE), checked=checked, rules=rules)
    listed = [line.split(":")[0].strip() for line in "".join(kept.notices).splitlines()[1:]]
    assert listed == stale


def test_stale_notice_names_twenty_and_counts_the_rest() -> None:
    stale = [Entry(f"{i:032x}", "FL790", f"a{i:02}.md", "avoid 'fnord'") for i in range(25)]
    lines = stale_notice(stale).splitlines()
    assert lines[0] == "baseline: 25 stale entries; rewrite it with `factlint baseline`"
    assert lines[1] == "  a00.md: FL790 avoid 'fnord'"
    assert lines[20] == "  a19.md: FL790 avoid 'fnord'"
    assert lines[21:] == ["  ... and 5 more"]


def test_baseline_paths_are_relative_to_the_baseline_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_baseline()
    write(repo, NEW_ARTICLE)
    monkeypatch.chdir(repo / "articles")
    code, findings, err = found("--config", "../factlint.yaml", "--baseline", f"../{BASELINE}", ".")
    assert (code, findings, err) == (1, [("c.md", "FL791", 3)], "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "factlint-baseline.json: error: bad baseline: no such file"),
        (
            '{\n  "version": 1,\n  "entries": [\n',
            "factlint-baseline.json:4: error: bad baseline: not valid JSON",
        ),
        (
            '{"version": 2, "entries": []}',
            "factlint-baseline.json:1: error: bad baseline: unsupported version 2",
        ),
        ("[]", "factlint-baseline.json:1: error: bad baseline: expected an object"),
        (
            '{"version": 1, "entries": {}}',
            "factlint-baseline.json:1: error: bad baseline: 'entries' must be a list",
        ),
        (
            '{"version": 1, "entries": [{"rule": "FL790", "path": "a.md", "message": "m"}]}',
            "factlint-baseline.json: error: bad baseline: entry 1 needs a string 'fingerprint'",
        ),
    ],
)
def test_a_bad_baseline_is_a_located_error(repo: Path, text: str | None, message: str) -> None:
    if text is not None:
        Path(BASELINE).write_text(text, encoding="utf-8")
    code, out, err = invoke("check", "--format", "concise", "--baseline", BASELINE, "articles")
    assert code == 2
    assert message in out + err
    # Old and new cannot be told apart without the baseline: no findings are claimed new.
    assert "FL79" not in out


def test_a_good_baseline_next_to_a_near_miss_parses() -> None:
    good = (
        '{"version": 1, "entries": [{"fingerprint": "f", "rule": "R", "path": "p", "message": ""}]}'
    )
    assert parse_baseline(good, Path("b.json")) == [Entry("f", "R", "p", "")]


# --- fingerprints -------------------------------------------------------------------------


def finding(message: str = "m", key: str = "", path: str = "a.md", line: int = 3) -> Finding:
    return Finding(
        rule_id="FL790",
        rule_name="no-fnord",
        category="style",
        severity=Severity.WARNING,
        message=message,
        location=Location(path, line, 1, line, 6),
        span=Span(40, 45),
        key=key,
    )


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (finding(key="city|5|7", line=3), finding(key="city|5|7", line=30), True),
        (finding(key="city|5|7"), finding(key=" City|5|7\n"), True),
        (finding(key="city|5|7"), finding(key="city|5|8"), False),
        (finding(key="city|5|7", message="x"), finding(key="city|5|7", message="y"), True),
        (finding(path="./articles/a.md"), finding(path="articles/a.md"), True),
        (finding(path="articles/a.md"), finding(path="articles/b.md"), False),
        (finding("repeats line 4"), finding("repeats line 19"), True),
        (finding("repeats lines 4-5 of b.md:4:2"), finding("repeats lines 9-10 of b.md:9:1"), True),
        (finding("5 million here"), finding("7 million here"), False),
        (finding("see b.md"), finding("see c.md"), False),
    ],
)
def test_fingerprint_follows_the_claim_not_the_line(
    one: Finding, other: Finding, same: bool
) -> None:
    assert (fingerprint(one) == fingerprint(other)) is same


def test_fingerprint_depends_on_the_rule() -> None:
    one = finding(key="k")
    assert fingerprint(one) != fingerprint(dataclasses.replace(one, rule_id="FL791"))
