"""Diff mode: `check --diff-base REV` reports findings on lines added or changed since REV.

A scratch git repository holds an archive (an old fnord in a.md, an old budget contradiction
in b.md); branches add and edit articles. The whole corpus is read either way, so a new
article is still compared with the old ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.cli import main
from factlint.gitdiff import parse_diff, unquote
from tests.pr_repo import ARCHIVE, commit, git, git_env, make_repo, write

NEW_ARTICLE = {"articles/c.md": "# Council\n\nThe city budget was 7 million, the mayor said.\n"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    make_repo(root)
    git(root, "checkout", "--quiet", "-b", "pr")
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def found(*args: str) -> tuple[int, list[tuple[str, str, int]]]:
    """Exit code and (path, rule, line) of each finding reported."""
    code, out, err = invoke("check", "--format", "json", *args)
    assert code != 2, out + err
    return code, [(f["path"], f["rule"], f["line"]) for f in json.loads(out)["findings"]]


def prepend(repo: Path, name: str, text: str) -> None:
    write(repo, {name: text + (repo / name).read_text()})


# --- parsing git's output -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ("+++ b/a.md\n@@ -1 +1 @@\n-old\n+new\n", {"a.md": {1}}),
        ("+++ b/a.md\n@@ -3,0 +4,2 @@\n+a\n+b\n", {"a.md": {4, 5}}),
        ("+++ b/a.md\n@@ -5,2 +4,0 @@\n-a\n-b\n", {"a.md": set()}),  # lines removed, none added
        (
            "+++ b/a.md\n@@ -1,2 +1,3 @@ heading\n-a\n-b\n+a\n+b\n+c\n@@ -9 +10 @@\n-x\n+y\n",
            {"a.md": {1, 2, 3, 10}},
        ),
        ("--- a/a.md\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n", {}),  # a deleted file
        ('+++ "b/caf\\303\\251 \\"x\\".md"\n@@ -0,0 +1 @@\n+x\n', {'café "x".md': {1}}),
        ("+++ b/two words.md\t\n@@ -0,0 +1 @@\n+x\n", {"two words.md": {1}}),
        (
            "diff --git a/old.md b/new.md\nsimilarity index 90%\nrename from old.md\n"
            "rename to new.md\n--- a/old.md\n+++ b/new.md\n@@ -2,0 +3 @@\n+x\n",
            {"new.md": {3}},
        ),
        # A line of the added text that looks like a header is inside a hunk, not a header.
        (
            "+++ b/a.md\n@@ -0,0 +1,3 @@\n+++ b/x.md\n+@@ -1 +7 @@\n+diff --git\n",
            {"a.md": {1, 2, 3}},
        ),
        ("+++ b/a.md\n@@ -1 +1 @@\n-x\n+y\n\\ No newline at end of file\n", {"a.md": {1}}),
    ],
)
def test_parse_diff(patch: str, expected: dict[str, set[int]]) -> None:
    assert parse_diff(patch) == {k: frozenset(v) for k, v in expected.items()}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plain.md", "plain.md"),
        ('"tab\\there.md"', "tab\there.md"),
        ('"\\303\\251t\\303\\251.md"', "été.md"),
        ('"back\\\\slash.md"', "back\\slash.md"),
        ('"unterminated.md', '"unterminated.md'),
    ],
)
def test_unquote(name: str, expected: str) -> None:
    assert unquote(name) == expected


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text())
def test_parse_diff_never_fails(patch: str) -> None:
    for lines in parse_diff(patch).values():
        assert all(n >= 0 for n in lines)


# --- check --diff-base --------------------------------------------------------------------


def test_branch_adding_a_contradiction_reports_exactly_the_new_finding(repo: Path) -> None:
    write(repo, NEW_ARTICLE)
    # An edit above the old fnord: the finding moves but its line is unchanged.
    prepend(repo, "articles/a.md", "Updated.\n\n")
    commit(repo, "new article")
    assert found("articles")[1] == [
        ("articles/a.md", "FL790", 6),
        ("articles/b.md", "FL791", 3),
        ("articles/c.md", "FL791", 3),
    ]
    assert found("--diff-base", "main", "articles") == (1, [("articles/c.md", "FL791", 3)])
    _, _, err = invoke("check", "--format", "concise", "--diff-base", "main", "articles")
    assert err == "factlint: --diff-base main: 2 findings on unchanged lines not shown\n"


def test_no_change_means_nothing_to_report(repo: Path) -> None:
    assert found("--diff-base", "main", "articles") == (0, [])


def test_a_changed_related_passage_keeps_a_finding_on_an_unchanged_line(repo: Path) -> None:
    # b.md (unchanged) now disagrees with a.md, whose figure the branch changed.
    write(repo, {"articles/b.md": "# Schools\n\nThe city budget was 5 million, aides said.\n"})
    commit(repo, "agree")
    base = git(repo, "rev-parse", "HEAD")
    text = (repo / "articles/a.md").read_text()
    write(repo, {"articles/a.md": text.replace("5 million", "4 million")})
    assert found("--diff-base", base, "articles") == (1, [("articles/b.md", "FL791", 3)])


def test_uncommitted_and_untracked_changes_count(repo: Path) -> None:
    write(repo, {"articles/d.md": "An untracked fnord.\n"})
    prepend(repo, "articles/b.md", "A fnord.\n")
    assert found("--diff-base", "main", "articles") == (
        1,
        [("articles/b.md", "FL790", 1), ("articles/d.md", "FL790", 1)],
    )


def test_a_deleted_line_is_not_a_change_of_its_neighbours(repo: Path) -> None:
    write(repo, {"articles/a.md": ARCHIVE["articles/a.md"].replace("# Budget\n", "")})
    assert found("--diff-base", "main", "articles") == (0, [])


def test_a_renamed_article_reports_only_its_new_lines(repo: Path) -> None:
    old = "# Notes\n\nFirst note with a fnord in it.\nSecond note.\nThird note.\n"
    write(repo, {"articles/old.md": old})
    commit(repo, "notes")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "mv", "articles/old.md", "articles/renamed.md")
    write(repo, {"articles/renamed.md": old + "A new fnord.\n"})
    commit(repo, "rename")
    assert found("--diff-base", base, "articles") == (1, [("articles/renamed.md", "FL790", 6)])


def test_paths_are_matched_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, NEW_ARTICLE)
    commit(repo, "new article")
    monkeypatch.chdir(repo / "articles")
    args = ("--config", "../factlint.yaml", "--diff-base", "main")
    assert found(*args, ".") == (1, [("c.md", "FL791", 3)])
    assert found(*args, str(repo / "articles")) == (1, [(str(repo / "articles/c.md"), "FL791", 3)])


@pytest.mark.parametrize("rev", ["no-such-branch", "-p", "0123456789abcdef0123"])
def test_an_unknown_revision_is_an_error_naming_it(repo: Path, rev: str) -> None:
    write(repo, NEW_ARTICLE)
    code, out, err = invoke("check", "--format", "concise", "--diff-base", rev, "articles")
    assert code == 2
    assert f"unknown revision '{rev}'" in out + err
    assert "FL791" not in out


def test_an_unknown_revision_fails_even_without_findings(repo: Path) -> None:
    write(repo, {"articles/a.md": "Clean.\n", "articles/b.md": "Clean.\n"})
    code, out, err = invoke("check", "--format", "concise", "--diff-base", "nope", "articles")
    assert code == 2
    assert "unknown revision 'nope'" in out + err


def test_outside_a_repository_is_an_error_naming_the_revision(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = repo.parent / "plain"
    write(outside, {"a.md": "A fnord.\n", "factlint.yaml": (repo / "factlint.yaml").read_text()})
    write(outside, {"fnord.py": (repo / "fnord.py").read_text()})
    write(outside, {"budget.py": (repo / "budget.py").read_text()})
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outside.parent))
    code, out, err = invoke("check", "--format", "concise", "--diff-base", "main", "a.md")
    assert code == 2
    assert "--diff-base main: not inside a git repository" in out + err


def test_a_shallow_clone_works_once_the_base_is_fetched(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    base = make_repo(origin)
    git(origin, "checkout", "--quiet", "-b", "pr")
    write(origin, NEW_ARTICLE)
    prepend(origin, "articles/a.md", "Updated.\n\n")
    commit(origin, "new article")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", "--branch", "pr", origin.as_uri(), str(clone)],
        env=git_env(tmp_path),
        check=True,
    )
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"

    def check() -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "factlint.cli", "check", "--diff-base", base, "articles"],
            cwd=clone,
            env={**git_env(tmp_path), "PYTHONPATH": str(Path(__file__).parent.parent)},
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout + done.stderr

    code, out = check()
    assert code == 2
    assert f"unknown revision '{base}'" in out
    git(clone, "fetch", "--quiet", "--depth", "1", "origin", base)
    code, out = check()
    assert code == 1
    assert out.splitlines()[0] == (
        "articles/c.md:3:1: FL791 [budget-contradiction] city budget: 7 million here,"
        " 5 million in articles/a.md"
    )
    assert "Found 1 finding" in out


def test_diff_base_and_baseline_together(repo: Path) -> None:
    code, _, err = invoke("baseline", "articles", "-o", "baseline.json")
    assert code == 0, err
    write(repo, NEW_ARTICLE)
    prepend(repo, "articles/b.md", "A fnord.\n")
    code, out, err = invoke(
        "check",
        "--format",
        "json",
        "--diff-base",
        "main",
        "--baseline",
        "baseline.json",
        "articles",
    )
    findings = [(f["path"], f["rule"], f["line"]) for f in json.loads(out)["findings"]]
    assert (code, findings) == (1, [("articles/b.md", "FL790", 1), ("articles/c.md", "FL791", 3)])
    assert "stale" not in err
