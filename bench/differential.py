"""Runs that must agree, on random corpora of real sentences: a differential check.

Each case writes 20-45 articles made of sentences of the real news articles
(shared/corpus/news) and the seeds, copied across articles with a number changed, a
word dropped or two words swapped, under four publication dates, some in a subfolder:
the copies the cross-article rules exist for. Then it runs the CLI (real processes,
real forks) several ways that must give the same report:

- cache: a run without the cache, the first run with it, a run from the cached
  articles (not the stored whole run), and after one article is edited, a cached run
  against one without the cache;
- subset: a run given 1-3 articles with the rest as `corpus:` (a pre-commit hook),
  with and without the cache, reports on them what the run over every article does;
- jobs: `--jobs 1` against `--jobs 2`;
- hash: two runs under different hash seeds (`PYTHONHASHSEED`), which reorder sets;
- named: every article named on the command line, shuffled, against the folder;
- baseline: `check --baseline` of a baseline just written reports nothing.

    python bench/differential.py [--cases 20] [--seed 1] [--keep DIR]

Prints one line per case and a summary; a case that differs is kept in --keep (or a
temporary folder, named in the output) with the commands that disagree. Exit 1 if any
differs. About 10 s a case.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO.parent / "shared" / "corpus" / "news", REPO / "seeds"]
DATES = ("2025-03-04", "2025-03-05", "2025-03-20", "2024-11-02")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+")
_NUMBER = re.compile(r"\d[\d,.]*")
_FINDING = re.compile(r"(\S+?):\d+:\d+: FL")


def sentences() -> list[str]:
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".md", ".txt"):
                continue
            for paragraph in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
                for s in _SENTENCE_END.split(paragraph):
                    if 30 < len(s) < 400 and not s.startswith(("---", "#", "date:", "title:")):
                        out.append(s.strip())
    return out


def vary(rng: random.Random, sentence: str) -> str:
    """The sentence, or a copy with a number changed, a word dropped or two swapped."""
    k = rng.random()
    words = sentence.split(" ")
    if k < 0.35 and (numbers := list(_NUMBER.finditer(sentence))):
        m = rng.choice(numbers)
        digits = re.sub(r"\D", "", m.group()) or "1"
        new = rng.choice([m.group() + "0", m.group()[:-1] or "1", str(int(digits[:9]) + 1)])
        return sentence[: m.start()] + new + sentence[m.end() :]
    if k < 0.5 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif k < 0.6 and len(words) > 6:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def write_corpus(rng: random.Random, pool: list[str], root: Path) -> list[str]:
    """Articles under root/articles (a third in a subfolder); their paths as run."""
    (root / "articles" / "sub").mkdir(parents=True)
    shared = [rng.choice(pool) for _ in range(rng.randint(15, 40))]
    names = []
    for i in range(rng.randint(20, 45)):
        folder = "articles/sub" if rng.random() < 0.3 else "articles"
        paragraphs = [
            " ".join(vary(rng, rng.choice(shared)) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(2, 6))
        ]
        text = f"---\ndate: {rng.choice(DATES)}\n---\n" + "\n\n".join(paragraphs) + "\n"
        (root / folder / f"a{i:03d}.md").write_text(text, encoding="utf-8")
        names.append(f"{folder}/a{i:03d}.md")
    return names


def check(root: Path, *args: str, hash_seed: str = "random") -> str:
    """The concise report of `factlint check` (and its exit code, and any internal error)."""
    command = [sys.executable, "-c", "from factlint.cli import entry; entry()", "check"]
    done = subprocess.run(
        [*command, "--select", "ALL", "--format", "concise", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed},
    )
    trouble = "Traceback" in done.stderr or done.returncode not in (0, 1)
    return f"exit {done.returncode}\n{done.stdout}" + (done.stderr if trouble else "")


def baseline(root: Path) -> None:
    command = [sys.executable, "-c", "from factlint.cli import entry; entry()", "baseline"]
    subprocess.run(
        [*command, "--select", "ALL", "articles", "-o", "baseline.json"],
        cwd=root,
        capture_output=True,
        check=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def by_file(report: str) -> dict[str, list[str]]:
    """Each file's findings in a concise report, with their evidence lines."""
    files: dict[str, list[str]] = collections.defaultdict(list)
    current = None
    for line in report.splitlines():
        if m := _FINDING.match(line):
            current = m.group(1)
            files[current].append(line)
        elif line.startswith("    ") and current is not None:
            files[current].append(line)
        else:
            current = None
    return files


def forget_runs(root: Path) -> None:
    """Drop the stored whole runs: the next run goes file by file."""
    with sqlite3.connect(root / ".factlint_cache" / "results.sqlite") as db:
        db.execute("DELETE FROM runs")


def one_case(rng: random.Random, pool: list[str], root: Path) -> list[str]:
    """What differs in one corpus (empty when every pair of runs agrees)."""
    names = write_corpus(rng, pool, root)
    differs = []
    # cache
    (root / "factlint.yaml").write_text("")
    cold = check(root, "articles", "--no-cache")
    first = check(root, "articles")
    forget_runs(root)
    if not cold == first == check(root, "articles"):
        differs.append("cache: cold / first / from the cached articles")
    edited = root / rng.choice(names)
    edited.write_text(edited.read_text() + "\n" + vary(rng, rng.choice(pool)) + "\n")
    if check(root, "articles") != check(root, "articles", "--no-cache"):
        differs.append(f"cache: after editing {edited.relative_to(root)}")
    # jobs
    if check(root, "articles", "--no-cache", "--jobs", "1") != check(
        root, "articles", "--no-cache", "--jobs", "2"
    ):
        differs.append("jobs: 1 / 2")
    # hash
    if check(root, "articles", "--no-cache", hash_seed="1") != check(
        root, "articles", "--no-cache", hash_seed="2"
    ):
        differs.append("hash: seed 1 / 2")
    # named
    shuffled = rng.sample(names, len(names))
    if check(root, "--no-cache", *shuffled) != check(root, "articles", "--no-cache"):
        differs.append("named: one by one, shuffled / the folder")
    # baseline
    baseline(root)
    if not check(root, "articles", "--baseline", "baseline.json").startswith("exit 0\n"):
        differs.append("baseline: findings beyond the baseline just written")
    # subset
    (root / "factlint.yaml").write_text('corpus: ["articles/**/*.md"]\n')
    whole = by_file(check(root, "articles"))
    for cache in ((), ("--no-cache",)):
        given = rng.sample(names, rng.choice([1, 1, 2, 3]))
        got = by_file(check(root, *cache, *given))
        if got != {name: whole[name] for name in given if name in whole}:
            differs.append(f"subset {' '.join(cache)}: {' '.join(given)}")
    return differs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="where to keep corpora that differ")
    args = parser.parse_args()
    if not SOURCES[0].is_dir():
        print(f"no news corpus at {SOURCES[0]}", file=sys.stderr)
        return 2
    pool = sentences()
    rng = random.Random(args.seed)
    keep = args.keep or Path(tempfile.mkdtemp(prefix="factlint-differential-"))
    failed = 0
    for case in range(args.cases):
        root = Path(tempfile.mkdtemp(prefix="factlint-case-"))
        try:
            differs = one_case(rng, pool, root)
            print(f"case {case}: {'; '.join(differs) or 'all runs agree'}", flush=True)
            if differs:
                failed += 1
                shutil.copytree(root, keep / f"case-{args.seed}-{case}")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    kept = f"; kept in {keep}" if failed else ""
    print(f"{args.cases - failed} of {args.cases} cases agree{kept}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
