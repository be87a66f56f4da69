"""A few cases of bench/mutated_inputs.py: broken configs, rules, ledgers, metadata."""

from __future__ import annotations

import collections
import random
from pathlib import Path

from tests.paths import bench_module


def test_broken_inputs_are_located_errors_never_crashes(tmp_path: Path) -> None:
    bench = bench_module("mutated_inputs")
    rng = random.Random(1)
    codes: collections.Counter[tuple[str, int]] = collections.Counter()
    for case in range(12):
        root = tmp_path / f"case{case}"
        assert bench.one_case(rng, root, codes) == [], case
    # The broken files are read: most cases are errors, and none a clean run.
    assert sum(n for (_, code), n in codes.items() if code == 2) >= 12
    assert not any(code == 0 for _, code in codes)
