"""The pre-commit hook, run for real with `pre-commit try-repo` on a scratch repo."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_cli import LOCAL_RULE

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_runs_on_a_markdown_article(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "Desk")
    (repo / "fnord_rule.py").write_text(LOCAL_RULE)
    (repo / "factlint.yaml").write_text(
        "python-rules: [fnord_rule.py]\nshipped-rules: false\nshipped-ledger: false\n"
    )
    (repo / "articles").mkdir()
    (repo / "articles" / "story.md").write_text("---\ntitle: A story\n---\nA fnord appears.\n")
    (repo / "articles" / "clean.md").write_text("Nothing to see.\n")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "factlint", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "articles/story.md:4:3: FL790 [no-fnord] avoid 'fnord'" in output
    assert "clean.md:" not in output
