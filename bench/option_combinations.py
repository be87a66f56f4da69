"""`check` with random combinations of its options: no crash, and nothing written but
the report, the cache folder and, with --fix, the articles.

Each case copies the seeds into a git repository (some in a subfolder, a baseline
written for half the cases), then runs `check` on files, folders, stdin or a missing
path with one to five options drawn from every one `check` has, some with values that
are wrong on purpose (an article as the report or the config, an unknown rule or
revision, zero jobs). Every run must end with exit 0, 1 or 2 without a traceback, and
the files of the project, compared before and after, may differ only in the `-o` file,
the cache folder and, under --fix, the articles.

    python bench/option_combinations.py [--cases 100] [--seed 1] [--keep DIR]

Prints each case that fails and a summary; a failing case is kept in --keep (or a
temporary folder, named in the output). Exit 1 if any fails. About 0.6 s a case.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from factlint.cli import entry; entry()"]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "GIT_AUTHOR_NAME": "a",
       "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a",
       "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
CACHE = ".factlint_cache"
Option = Callable[[random.Random], list[str]]
OPTIONS: list[Option] = [
    lambda r: ["--format", r.choice(["full", "concise", "json", "sarif", "github", "html"])],
    lambda r: ["--format", "codequality"],
    lambda r: ["-o", r.choice(["out.txt", "out.json", "articles/a.md", "sub/dir/o.txt", ""])],
    lambda r: ["--select", r.choice(["ALL", "FL1", "number", "FL999", "", "FL101,FL201"])],
    lambda r: ["--extend-select", r.choice(["FL204", "style", "nope"])],
    lambda r: ["--ignore", r.choice(["FL6", "date", "ALL"])],
    lambda r: ["--fail-on", r.choice(["error", "warning", "info"])],
    lambda r: ["--exit-zero"],
    lambda r: ["--fix"],
    lambda r: ["--baseline", r.choice(["base.json", "missing.json", "articles/a.md"])],
    lambda r: ["--diff-base", r.choice(["HEAD", "no-such-revision", "HEAD~5"])],
    lambda r: ["--jobs", r.choice(["1", "2", "0", "64"])],
    lambda r: ["--no-cache"],
    lambda r: ["--stdin-filename", r.choice(["articles/a.md", "x.md", ""])],
    lambda r: ["--config", r.choice(["factlint.yaml", "missing.yaml", "articles/a.md"])],
]
PATHS = (["articles"], ["-"], ["articles/a.md", "articles/sub"], ["nope"], [], ["articles", "-"])


def project(root: Path, rng: random.Random) -> None:
    """The seeds as articles (a.md and four more, two in a subfolder), committed."""
    (root / "articles" / "sub").mkdir(parents=True)
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for i, seed in enumerate(seeds):
        name = "a.md" if i == 0 else f"{'sub/' if i % 2 else ''}{seed.stem}.txt"
        shutil.copy(seed, root / "articles" / name)
    (root / "factlint.yaml").write_text('corpus: ["articles/**/*"]\n', encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "articles"]):
        subprocess.run(["git", *command], cwd=root, env=ENV, capture_output=True, check=True)
    if rng.random() < 0.5:
        subprocess.run(
            [*CLI, "baseline", "articles", "-o", "base.json"],
            cwd=root, env=ENV, capture_output=True, timeout=120,
        )  # fmt: skip


def files(root: Path) -> dict[str, tuple[int, int]]:
    """Each file's size and modification time, but git's and the project's cache's (a
    cache folder anywhere else is a file written where none may be)."""
    found = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith((".git/", f"{CACHE}/")):
            st = path.stat()
            found[rel] = (st.st_size, st.st_mtime_ns)
    return found


def one_case(rng: random.Random, root: Path) -> list[str]:
    """What went wrong in one run (nothing: [])."""
    project(root, rng)
    args = [word for option in rng.sample(OPTIONS, rng.randint(1, 5)) for word in option(rng)]
    paths = rng.choice(PATHS)
    stdin = (root / "articles" / "a.md").read_text(encoding="utf-8") if "-" in paths else None
    before = files(root)
    try:
        done = subprocess.run(
            [*CLI, "check", *paths, *args],
            cwd=root, env=ENV, capture_output=True, text=True, timeout=120, input=stdin,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return [f"no answer in 120 s: {paths} {args}"]
    if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
        return [f"exit {done.returncode}: {paths} {args}\n{done.stderr[-800:]}"]
    after = files(root)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    allowed = {args[args.index("-o") + 1]} if "-o" in args else set()
    if "--fix" in args:
        allowed |= {name for name in changed if name.startswith("articles/")}
    if changed - allowed:
        return [f"wrote {sorted(changed - allowed)}: {paths} {args}"]
    return []


def main() -> int:
    return cases.run(
        __doc__ or "", one_case, cases=100, passed="ended cleanly and wrote only what they may"
    )


if __name__ == "__main__":
    sys.exit(main())
