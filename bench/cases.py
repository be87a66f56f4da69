"""The command line the randomised benches share: N cases from one seed, each in a
fresh folder, a failing one kept for inspection.

A bench gives `run` a function from (random generator, empty folder) to the problems
it found there (none: the case passes). `run` parses `--cases`, `--seed` and `--keep`,
prints a line for each case that fails (or every case, with `every`) and a summary,
and returns the exit code: 1 if any case failed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

OneCase = Callable[[random.Random, Path], list[str]]


def run(doc: str, one_case: OneCase, *, cases: int, passed: str, every: str | None = None) -> int:
    """`passed` completes "N of M cases ..."; `every`, if given, is printed for each
    case that passes."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--cases", type=int, default=cases)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="where to keep the cases that fail")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    keep = args.keep or Path(tempfile.mkdtemp(prefix="factlint-failed-"))
    failed = 0
    for case in range(args.cases):
        root = Path(tempfile.mkdtemp(prefix="factlint-case-"))
        try:
            problems = one_case(rng, root)
            if problems or every:
                print(f"case {case}: {'; '.join(problems) or every}", flush=True)
            if problems:
                failed += 1
                shutil.copytree(root, keep / f"case-{args.seed}-{case}", symlinks=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    kept = f"; kept in {keep}" if failed else ""
    print(f"{args.cases - failed} of {args.cases} cases {passed}{kept}")
    return 1 if failed else 0
