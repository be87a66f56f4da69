"""Reporting a few articles against a whole corpus finds on them exactly what a run over
the whole corpus finds on them, while the corpus rules skip comparisons that touch none
of them (`Context.reported`)."""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import shutil
from collections.abc import Iterable, Sequence
from types import ModuleType

import pytest

from factlint.analysis import Analysis
from factlint.config import Config
from factlint.engine import Plan, contexts_for, corpus_findings, plan
from factlint.ledger import load_ledger, shipped_ledger_paths
from factlint.model import Finding
from factlint.parallel import Item, analyse
from factlint.registry import load_checks
from factlint.rule import Context
from factlint.selection import Selection
from tests.helpers import corpus_probe
from tests.paths import CORPUS, ROOT

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared news corpus not present")


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Corpus = tuple[list[Analysis], Plan, dict[int, Context]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Analysed once, every rule on: the seeds, 100 articles of bench/generate.py (real
    paragraphs recombined, many told twice), and bench/planted.py's news articles each
    beside a copy with a figure, date, quote, speaker or organisation changed."""
    root = tmp_path_factory.mktemp("subset")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    _bench("generate").generate(100, root / "generated")
    planted = _bench("planted")
    for name, kind in planted.CROSS.items():
        (root / name).mkdir()
        planted.plant(root / name, name, kind, True)
    config = Config(selection=Selection(select=("ALL",)))
    p = plan(config, load_checks(config))
    contexts = contexts_for(p, config, load_ledger(shipped_ledger_paths()))
    names = sorted(str(f) for f in root.rglob("*") if f.suffix in (".md", ".txt"))
    batch = analyse([Item(name, True) for name in names], config, p, contexts, jobs=2)
    return batch.analyses, p, contexts


def _shown(findings: Iterable[Finding]) -> list[tuple[object, ...]]:
    """Everything a finding shows, evidence included."""
    return sorted(
        (f.rule_id, f.path, f.span, f.message, f.key, f.severity, f.related) for f in findings
    )


def _findings(c: Corpus, reported: set[str]) -> list[Finding]:
    analyses, p, contexts = c
    errors: list = []
    found = corpus_findings(analyses, reported, p, contexts, errors)
    assert errors == []
    return found


def test_an_article_alone_gets_what_the_whole_run_finds_on_it(corpus: Corpus) -> None:
    everything = _findings(corpus, {a.doc.path for a in corpus[0]})
    by_rule: dict[str, list[str]] = {}
    for f in everything:
        by_rule.setdefault(f.rule_id, []).append(f.path)
    # The corpus exercises every cross-article comparison that skips work.
    assert {"FL102", "FL103", "FL105", "FL201", "FL301", "FL303", "FL304"} <= set(by_rule)
    rng = random.Random(2026)
    paths = {p for rule in sorted(by_rule) for p in rng.sample(by_rule[rule], 1)}
    paths |= set(rng.sample(sorted({f.path for f in everything}), 4))
    for path in sorted(paths):
        alone = _findings(corpus, {path})
        assert _shown(alone) == _shown(f for f in everything if f.path == path), path


def test_any_subset_gets_what_the_whole_run_finds_on_it(corpus: Corpus) -> None:
    paths = [a.doc.path for a in corpus[0]]
    everything = _findings(corpus, set(paths))
    rng = random.Random(2026)
    for size in (2, 10, len(paths) // 2, len(paths) - 1):
        subset = set(rng.sample(paths, size))
        want = _shown(f for f in everything if f.path in subset)
        assert _shown(_findings(corpus, subset)) == want, size


def test_a_corpus_check_is_told_which_articles_are_reported(corpus: Corpus) -> None:
    analyses = corpus[0]
    seen: list[frozenset[int] | None] = []
    config = Config(shipped_ledger=False)
    told = "Records which articles a corpus check is told are reported"
    p = plan(config, [corpus_probe("FL991", told, lambda _, ctx: seen.append(ctx.reported))])
    contexts = contexts_for(p, config)
    paths = [a.doc.path for a in analyses]
    corpus_findings(analyses, {paths[3], paths[7]}, p, contexts, [])
    corpus_findings(analyses, set(paths), p, contexts, [])
    assert seen == [frozenset({3, 7}), None]


def test_concerns_asks_whether_any_article_is_reported() -> None:
    ctx = Context(rules={}, reported=frozenset({2}))
    assert ctx.concerns(2) and ctx.concerns(0, 2) and not ctx.concerns(0, 1)
    assert Context(rules={}).concerns(0)


def _given_sizes(c: Corpus, options: dict[str, dict[str, int]]) -> tuple[Plan, dict, list[int]]:
    """The plan and contexts of `options`, with the number check recording how many
    articles it is given on each run."""
    p = c[1]
    config = Config(selection=Selection(select=("ALL",)), options=options)
    sizes: list[int] = []
    checks = []
    for check in p.checks:
        if "FL101" in check.ids:

            def run(corpus: Sequence[Analysis], ctx: Context, inner=check.run) -> Iterable[Finding]:
                sizes.append(len(corpus))
                return inner(corpus, ctx)

            check = dataclasses.replace(check, run=run)
        checks.append(check)
    q = dataclasses.replace(p, checks=tuple(checks))
    return q, contexts_for(q, config, load_ledger(shipped_ledger_paths())), sizes


def test_a_check_with_links_counts_its_keys_over_the_whole_run(corpus: Corpus) -> None:
    # Keys that more than 4 figures or sentences share are dropped: an article alone
    # is given only what shares one of its other keys, and must drop the same ones.
    analyses = corpus[0]
    q, contexts, sizes = _given_sizes(corpus, {"FL101": {"max_bucket": 4}})
    paths = [a.doc.path for a in analyses]
    everything = corpus_findings(analyses, set(paths), q, contexts, [])
    numbers = {f.path for f in everything if f.rule_id in ("FL101", "FL102", "FL103", "FL105")}
    assert len(numbers) >= 4
    for path in sorted(numbers) + random.Random(2026).sample(paths, 10):
        alone = corpus_findings(analyses, {path}, q, contexts, [])
        assert _shown(alone) == _shown(f for f in everything if f.path == path), path
    assert sizes[0] == len(analyses)
    assert max(sizes[1:]) < len(analyses) // 2
