"""Broken configs, rule files, ledgers and metadata: factlint says where, never crashes.

Each case sets up a small project (three seed articles with their metadata file, a
config that uses every key, a user YAML rule and a user ledger), breaks one of the four
files with one to three random edits (a line deleted, repeated, moved or re-indented,
a value replaced by something YAML reads differently: brackets, aliases, tags, dates
that name no day, huge numbers, a catastrophic regex, 5,000 characters), and runs
`check` with and without the cache. Every run must end with exit 0, 1 or 2, no
traceback, and an exit 2 must name one of the four files (with a line: "name:").

    python bench/mutated_inputs.py [--cases 100] [--seed 1] [--keep DIR]

Prints the exit codes seen per broken file and each case that fails, which is kept in
--keep (or a temporary folder, named in the output). Exit 1 if any fails. About 0.4 s
a case.
"""

from __future__ import annotations

import collections
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases

REPO = Path(__file__).resolve().parents[1]
BROKEN = (
    "factlint.yaml",
    "house/FL791-house-between.yaml",
    "ledger/facts.yaml",
    "articles/sources.yaml",
)
VALUES = (
    "", "[", "]", "{", "}", "null", "-1", "0", "1e999", "nan", '"\\x00"', "*a", "&a x",
    "!!python/object:os.system", "~", "yes", "2024-02-31", "'", '"', "x" * 5000, "- a",
    ": b", "[1, [2, [3]]]", "{a: 1}", "\t", "é€", "\\p{Lu", "(a+)+$", "???", "1_000",
)  # fmt: skip
CONFIG = """\
select: [ALL]
ignore: [FL608]
per-file-ignores:
  "articles/a*": [style]
severity: {FL103: warning}
fail-on: warning
include: ["*.md", "*.txt"]
exclude: ["drafts/*"]
corpus: ["articles/**/*.md"]
rule-paths: [house]
ledger: [ledger/facts.yaml]
shipped-ledger: false
shipped-rules: true
max-file-size: 5000000
regex-timeout: 1.0
options: {FL502: {threshold: 92}}
"""


def project(root: Path) -> None:
    """Three seed articles, the config above, a user rule and a user ledger."""
    (root / "articles").mkdir(parents=True)
    for path in sorted((REPO / "seeds").glob("*.txt"))[:3]:
        shutil.copy(path, root / "articles")
    shutil.copy(REPO / "seeds" / "sources.yaml", root / "articles")
    (root / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    rule = (REPO / "rules" / "FL703-between-and.yaml").read_text(encoding="utf-8")
    (root / "house").mkdir()
    (root / BROKEN[1]).write_text(
        rule.replace("FL703", "FL791").replace("between-and", "house-between"), encoding="utf-8"
    )
    ledger = (REPO / "rules" / "ledger" / "china-ai.yaml").read_text(encoding="utf-8")
    (root / "ledger").mkdir()
    # The first few facts: enough for every kind of entry, quick to load.
    (root / BROKEN[2]).write_text(ledger[: ledger.index("\n  - id:", 3000)] + "\n")


def broken(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        k, i = rng.random(), rng.randrange(len(lines))
        if k < 0.2:
            del lines[i]
        elif k < 0.35:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif k < 0.45:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
        elif k < 0.85 and ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ": " + rng.choice(VALUES)
        elif k < 0.95:
            lines[i] += rng.choice(VALUES)
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from factlint.cli import entry; entry()", "check"]
    return subprocess.run(
        [*command, "articles", "--format", "concise", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def trouble(done: subprocess.CompletedProcess[str]) -> str | None:
    if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
        return f"exit {done.returncode}: {done.stderr[-600:]}"
    # A config, rule or ledger error goes to stderr; a file's (metadata) to the report.
    said = done.stderr + done.stdout
    if done.returncode == 2 and not any(f"{Path(name).name}:" in said for name in BROKEN):
        return f"an error naming none of the files: {done.stderr[-600:]}"
    return None


def one_case(
    rng: random.Random, root: Path, codes: collections.Counter[tuple[str, int]] | None = None
) -> list[str]:
    """Break one file of a fresh project and run `check` with and without the cache:
    what went wrong (nothing: []). `codes` counts the exit codes by broken file."""
    project(root)
    target = rng.choice(BROKEN)
    (root / target).write_text(broken(rng, (root / target).read_text(encoding="utf-8")))
    for cache in (("--no-cache",), ()):
        try:
            done = check(root, *cache)
        except subprocess.TimeoutExpired:
            return [f"{target} {' '.join(cache)}: no answer in 120 s"]
        if codes is not None:
            codes[target, done.returncode] += 1
        if problem := trouble(done):
            return [f"{target} {' '.join(cache)}: {problem}"]
    return []


def main() -> int:
    codes: collections.Counter[tuple[str, int]] = collections.Counter()
    status = cases.run(
        __doc__ or "",
        lambda rng, root: one_case(rng, root, codes),
        cases=100,
        passed="said where, without a crash",
    )
    for (target, code), n in sorted(codes.items()):
        print(f"{target}: exit {code} x{n}")
    return status


if __name__ == "__main__":
    sys.exit(main())
