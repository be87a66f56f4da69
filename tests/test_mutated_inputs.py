"""A few cases of bench/mutated_inputs.py: broken configs, rules, ledgers, metadata."""

from __future__ import annotations

import random
from pathlib import Path

from tests.paths import bench_module


def test_broken_inputs_are_located_errors_never_crashes(tmp_path: Path) -> None:
    bench = bench_module("mutated_inputs")
    rng = random.Random(1)
    codes = []
    for case in range(12):
        root = tmp_path / f"case{case}"
        bench.project(root)
        target = rng.choice(bench.BROKEN)
        (root / target).write_text(bench.broken(rng, (root / target).read_text()))
        for cache in (("--no-cache",), ()):
            done = bench.check(root, *cache)
            assert bench.trouble(done) is None, (case, target, done.stderr)
            codes.append(done.returncode)
    # The broken files are read: most cases are errors, and none a clean run.
    assert codes.count(2) >= 12 and 0 not in codes
