"""Reporting a few articles against a whole corpus finds on them exactly what a run over
the whole corpus finds on them, while the corpus rules skip comparisons that touch none
of them (`Context.reported`)."""

from __future__ import annotations

import dataclasses
import itertools
import random
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

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
from tests.paths import CORPUS, ROOT, bench_module

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared news corpus not present")


Corpus = tuple[list[Analysis], Plan, dict[int, Context]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Analysed once, every rule on: the seeds, 100 articles of bench/generate.py (real
    paragraphs recombined, many told twice), and bench/planted.py's news articles each
    beside a copy with a figure, date, quote, speaker or organisation changed."""
    root = tmp_path_factory.mktemp("subset")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    bench_module("generate").generate(100, root / "generated")
    planted = bench_module("planted")
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


def _given_sizes(
    c: Corpus, rule: str, options: dict[str, dict[str, int]]
) -> tuple[Plan, dict, list[int]]:
    """The plan and contexts of `options`, with the check of `rule` recording how many
    articles it is given on each run."""
    p = c[1]
    config = Config(selection=Selection(select=("ALL",)), options=options)
    sizes: list[int] = []
    checks = []
    for check in p.checks:
        if rule in check.ids:

            def run(corpus: Sequence[Analysis], ctx: Context, inner=check.run) -> Iterable[Finding]:
                sizes.append(len(corpus))
                return inner(corpus, ctx)

            check = dataclasses.replace(check, run=run)
        checks.append(check)
    q = dataclasses.replace(p, checks=tuple(checks))
    return q, contexts_for(q, config, load_ledger(shipped_ledger_paths())), sizes


@pytest.mark.parametrize(
    ("rule", "cap", "rules"),
    [("FL101", 4, ("FL101", "FL102", "FL103", "FL105")), ("FL201", 2, ("FL201",))],
)
def test_a_check_with_links_counts_its_keys_over_the_whole_run(
    corpus: Corpus, rule: str, cap: int, rules: tuple[str, ...]
) -> None:
    # Keys that more than `cap` figures, sentences or event claims share are dropped: an
    # article alone is given only what shares one of its other keys, and must drop the
    # same ones.
    analyses = corpus[0]
    q, contexts, sizes = _given_sizes(corpus, rule, {rule: {"max_bucket": cap}})
    paths = [a.doc.path for a in analyses]
    everything = corpus_findings(analyses, set(paths), q, contexts, [])
    found = {f.path for f in everything if f.rule_id in rules}
    assert len(found) >= 4
    for path in sorted(found) + random.Random(2026).sample(paths, 10):
        alone = corpus_findings(analyses, {path}, q, contexts, [])
        assert _shown(alone) == _shown(f for f in everything if f.path == path), path
    assert sizes[0] == len(analyses)
    assert max(sizes[1:]) < len(analyses) // 2


def test_quote_sentences_weigh_their_words_over_the_whole_run_when_given_a_part(
    corpus: Corpus,
) -> None:
    # FL303 weighs a word by how few distinct quoted sentences of the run have it. An
    # article checked alone is given only the articles linked to it, and must weigh
    # every word, and so score every pair of sentences, as the whole run does.
    from factlint.checks import attributions
    from factlint.links import neighbourhood

    analyses = corpus[0]

    def scores(docs: Sequence[Analysis], mine: set[int], run: object) -> dict[tuple, object]:
        units = attributions._units(docs)
        own = [u.doc in mine for u in units]
        groups, matched = attributions._matched_forms(units, 75.0, own, run)  # type: ignore[arg-type]
        norms = [units[g[0]].norm for g in groups]
        return {(norms[x], norms[y]): s for x, y, s in matched}

    everything = scores(analyses, set(range(len(analyses))), None)
    links = [attributions._links(a) for a in analyses]
    paths = [a.doc.path for a in analyses]
    drifting = sorted({f.path for f in _findings(corpus, set(paths)) if f.rule_id == "FL303"})
    assert len(drifting) >= 5
    for path in random.Random(2026).sample(drifting, 5):
        n = paths.index(path)
        positions, totals = neighbourhood(links, {n}, 64)
        assert len(positions) < len(analyses)
        alone = scores([analyses[m] for m in positions], {positions.index(n)}, totals)
        assert alone
        assert all(everything[pair] == score for pair, score in alone.items()), path


def test_quote_checks_drop_words_too_common_in_the_whole_run_when_given_a_part(
    tmp_path: Path,
) -> None:
    # Seventy quotes hold every content word of one sentence, so FL303 and FL304 compare
    # no two quotes by those words. Two pairs of articles say that sentence again, worded
    # a little differently (one pair by one speaker, one by two), and are linked by a
    # person they both name: alone, an article is given its partner, and must still
    # count the words over the whole run, or it would report a drift or a conflict the
    # whole run does not.
    sentence = "the harbour council will reopen the northern ferry {} next spring"
    words = ["".join(w) for w in itertools.product("bcdfg", "aeiou", "klm")][:70]
    for n, word in enumerate(words):
        text = sentence.format(f"terminal for {word}vex").capitalize()
        (tmp_path / f"filler{n:02}.md").write_text(f'"{text}," said Ola Nord{word}.\n')
    mayor = "Jane Smith, mayor of Porthaven, agreed with the plan."
    for name, speaker, terminal in [
        ("a1", "Anna Berg", "terminal"),
        ("a2", "Tom Walsh", "terminals"),
        ("b1", "Rory Green", "terminal by"),
        ("b2", "Rory Green", "terminals by"),
    ]:
        quote = sentence.format(terminal).capitalize()
        (tmp_path / f"{name}.md").write_text(f'"{quote}," said {speaker}.\n\n{mayor}\n')
    config = Config(selection=Selection(select=("FL303", "FL304")), shipped_ledger=False)
    p = plan(config, load_checks(config))
    contexts = contexts_for(p, config)
    names = sorted(str(f) for f in tmp_path.glob("*.md"))
    analyses = analyse([Item(name, True) for name in names], config, p, contexts, jobs=1).analyses
    c = (analyses, p, contexts)
    assert _findings(c, set(names)) == []
    for name in ("a1", "a2", "b1", "b2"):
        assert _findings(c, {str(tmp_path / f"{name}.md")}) == [], name


def test_the_date_check_drops_parties_too_common_in_the_whole_run_when_given_a_part(
    tmp_path: Path,
) -> None:
    # Four articles say Qwen overtook Llama, one of them a year later: with `max_bucket`
    # 2 the whole run pairs none of them. The late one shares a sentence with the first,
    # so alone it is given that one, and must still count the parties over the whole run.
    event = "Alibaba's Qwen models overtook Meta's Llama on Hugging Face in September {}"
    founded = "The lab was founded in 2019 by a team of former search engineers in Hangzhou."
    texts = {
        "a.md": f"{event.format(2024)}.\n\n{founded}\n",
        "b.md": f"{event.format(2025)}, becoming the most downloaded open model.\n\n{founded}\n",
        "c.md": f"{event.format(2024)}, the rankings showed.\n",
        "d.md": f"{event.format(2024)}, a survey of developers found.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    names = [str(tmp_path / name) for name in texts]
    runs = []
    for cap in (2, 4):
        config = Config(
            selection=Selection(select=("FL201",)),
            options={"FL201": {"max_bucket": cap}},
            shipped_ledger=False,
        )
        p = plan(config, load_checks(config))
        contexts = contexts_for(p, config)
        analyses = analyse([Item(n, True) for n in names], config, p, contexts, jobs=1).analyses
        runs.append((analyses, p, contexts))
    # At 4 the whole run pairs them: the late article conflicts with the three others,
    # which agree with each other more than they are contradicted.
    assert [(f.rule_id, f.path) for f in _findings(runs[1], set(names))] == [("FL201", names[1])]
    assert _findings(runs[0], set(names)) == []
    for name in names:
        assert _findings(runs[0], {name}) == [], name
