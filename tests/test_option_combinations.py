"""A few cases of bench/option_combinations.py: `check` with random options."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.paths import bench_module

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def test_random_options_end_cleanly_and_write_only_what_they_may(tmp_path: Path) -> None:
    bench = bench_module("option_combinations")
    rng = random.Random(1)
    for case in range(10):
        root = tmp_path / f"case{case}"
        root.mkdir()
        assert bench.one_case(rng, root) == []


def test_a_cache_folder_beside_a_file_that_is_no_config_counts_as_written(tmp_path: Path) -> None:
    bench = bench_module("option_combinations")
    (tmp_path / ".factlint_cache").mkdir()
    (tmp_path / ".factlint_cache" / "results.sqlite").write_text("")
    (tmp_path / "articles" / ".factlint_cache").mkdir(parents=True)
    (tmp_path / "articles" / ".factlint_cache" / "startup.pickle").write_text("")
    assert list(bench.files(tmp_path)) == ["articles/.factlint_cache/startup.pickle"]
