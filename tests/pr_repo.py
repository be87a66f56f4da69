"""A scratch git repository of articles with two local rules, for the pull-request tests.

FL790 (document scope) flags the word "fnord"; FL791 (corpus scope) flags a budget figure
that disagrees with the same budget in an earlier article (by path), pointing at it as
related evidence. Both set `key`, as real rules do, so fingerprints ignore line numbers.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FNORD_RULE = """
import regex
from factlint.model import RuleMeta, Severity, Span

RULES = (
    RuleMeta(id="FL790", name="no-fnord", category="style", severity=Severity.WARNING,
             summary="The word fnord"),
)
SCOPE = "document"


def check(analysis, ctx):
    doc = analysis.doc
    for m in regex.finditer(r"\\bfnord\\b", doc.prose):
        yield ctx.finding("FL790", doc, Span(m.start(), m.end()), "avoid 'fnord'", key="fnord")
"""

BUDGET_RULE = """
import regex
from factlint.model import RuleMeta, Severity, Span

RULES = (
    RuleMeta(id="FL791", name="budget-contradiction", category="number",
             severity=Severity.ERROR, scope="corpus",
             summary="A budget figure disagrees with another article"),
)
SCOPE = "corpus"
PATTERN = regex.compile(r"[Tt]he (\\w+) budget (?:was|is) (\\d+) million")


def check(corpus, ctx):
    claims = {}
    for analysis in sorted(corpus, key=lambda a: a.doc.path):
        doc = analysis.doc
        for m in PATTERN.finditer(doc.prose):
            claims.setdefault(m[1].lower(), []).append((doc, m))
    for subject, found in sorted(claims.items()):
        first_doc, first = found[0]
        for doc, m in found[1:]:
            if doc.path == first_doc.path or m[2] == first[2]:
                continue
            yield ctx.finding(
                "FL791", doc, Span(m.start(), m.end()),
                f"{subject} budget: {m[2]} million here, {first[2]} million in {first_doc.path}",
                related=[ctx.related(first_doc, Span(first.start(), first.end()),
                                     f"{first[2]} million here")],
                key=f"{subject}|{first[2]}|{m[2]}",
            )
"""

CONFIG = "python-rules: [fnord.py, budget.py]\nshipped-rules: false\nshipped-ledger: false\n"

# The archive on the base branch: one old fnord (a.md:3) and one old contradiction (b.md:3).
ARCHIVE = {
    "articles/a.md": "# Budget\n\nThe city budget was 5 million dollars.\nA fnord remark.\n",
    "articles/b.md": "# Schools\n\nThe city budget was 6 million, aides said.\n",
}


def git_env(home: Path) -> dict[str, str]:
    """A git environment that ignores the user's and the system's configuration."""
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_TERMINAL_PROMPT": "0",
    }


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env=git_env(repo.parent),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def make_repo(repo: Path, files: dict[str, str] | None = None) -> str:
    """A repository with the rules, the config and an archive; the base commit's id."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "--quiet", "-b", "main")
    write(repo, {"fnord.py": FNORD_RULE, "budget.py": BUDGET_RULE, "factlint.yaml": CONFIG})
    write(repo, ARCHIVE if files is None else files)
    return commit(repo, "archive")
