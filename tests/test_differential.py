"""One case of bench/differential.py: runs of the CLI that must report the same do."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.paths import CORPUS, bench_module

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared news corpus not present")


def test_cached_parallel_reordered_and_pre_commit_runs_agree(tmp_path: Path) -> None:
    # A random corpus of real sentences copied across articles with changes: cold and
    # cached runs (also after an edit), --jobs 1 and 2, two hash seeds, the articles
    # named one by one in a shuffled order, a fresh baseline, runs given a few
    # articles against the rest as corpus, --fix on garbled copies and --diff-base in a
    # git repository. Before walk order and exact sums, this case differed on the order
    # the articles were named in; before --fix checked again, on the fixed files' report.
    differential = bench_module("differential")
    pool = differential.sentences()
    assert len(pool) > 1000
    assert differential.one_case(random.Random(2), pool, tmp_path) == []
    assert len(list((tmp_path / "articles").rglob("*.md"))) >= 20
