"""Parallel analysis: the same report whatever --jobs is; claims reach the corpus rules."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint import engine, parallel
from factlint.analysis import Analysis
from factlint.cli import main
from factlint.config import Config
from factlint.document import build_document
from factlint.engine import Plan, check_documents, contexts_for, dedupe, plan
from factlint.model import FileError, RuleMeta, Severity, Span
from factlint.parallel import MIN_PARALLEL, Item, analyse, per_document
from factlint.registry import load_checks
from factlint.rule import Check, Context
from tests.helpers import corpus_probe, watch_side_by_side

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpus" / "news"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds (with their metadata file) plus 30 news articles."""
    root = tmp_path_factory.mktemp("articles")
    shutil.copytree(REPO / "seeds", root / "seeds")
    news = sorted(NEWS.glob("*.md"))[:30]
    assert len(news) == 30
    (root / "news").mkdir()
    for path in news:
        shutil.copy(path, root / "news" / path.name)
    return root


def check_json(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--no-cache", *args, str(folder)]
    )
    return result.exit_code, result.stdout


def test_jobs_one_and_two_give_identical_json(articles: Path) -> None:
    code1, out1 = check_json(articles, "--jobs", "1")
    code2, out2 = check_json(articles, "--jobs", "2")
    assert code1 in (0, 1)
    assert (code1, out1) == (code2, out2)
    report = json.loads(out1)
    assert report["summary"]["files"] == 5 + 30


def test_jobs_must_be_positive(articles: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--jobs", "0", str(articles)])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def _setup(checks: list[Check]) -> tuple[Config, object, dict]:
    config = Config(shipped_ledger=False)
    p = plan(config, checks)
    return config, p, contexts_for(p, config)


def _corpus_check(seen: dict[str, set[str]]) -> Check:
    def look(corpus: Sequence[Analysis], ctx: Context) -> None:
        for analysis in corpus:
            seen[analysis.doc.path] = set(analysis.__dict__) - {"doc"}

    return corpus_probe("FL990", "Records which properties arrived already extracted", look)


def test_workers_hand_the_corpus_rules_their_claims(articles: Path) -> None:
    names = sorted(str(p) for p in (articles / "news").glob("*.md"))
    assert len(names) >= MIN_PARALLEL
    seen: dict[str, set[str]] = {}
    checks = [_corpus_check(seen)]
    config, p, contexts = _setup(checks)
    batch = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    assert [a.doc.path for a in batch.analyses] == names
    for analysis in batch.analyses:
        # Pre-populated from the worker: the parent never runs these extractors.
        assert {"blocks", "sentences", "quantities", "attributions"} <= set(analysis.__dict__)
    reference = analyse([Item(n, True) for n in names], config, p, contexts, jobs=1)
    for fast, slow in zip(batch.analyses, reference.analyses, strict=True):
        assert fast.quantities == slow.quantities
        assert fast.attributions == slow.attributions
        assert fast.sentences == slow.sentences


def test_without_corpus_rules_findings_are_finished_in_the_workers(articles: Path) -> None:
    """No corpus rule needs the documents: workers filter and suppress, the parent keeps
    only findings, so its memory does not grow with the corpus."""
    names = sorted(str(p) for p in (articles / "news").glob("*.md"))
    config = Config(shipped_ledger=False)
    checks = [c for c in load_checks(config) if c.scope == "document"]
    p = plan(config, checks)
    contexts = contexts_for(p, config)
    pooled = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    serial = analyse([Item(n, True) for n in names], config, p, contexts, jobs=1)
    assert pooled.analyses == serial.analyses == []
    assert pooled.findings == serial.findings == []
    assert pooled.reported == serial.reported == set(names)
    assert pooled.final_findings == serial.final_findings
    # The same findings as filtering and suppressing in the parent.
    docs = [Analysis(build_document(n, Path(n).read_bytes())[0]) for n in names]
    expected, errors = check_documents(docs, set(names), p, config)
    assert errors == []
    assert dedupe(serial.final_findings) == expected


def test_small_runs_stay_in_process(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a small run")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    names = sorted(str(p) for p in (articles / "news").glob("*.md"))[: MIN_PARALLEL - 1]
    config, p, contexts = _setup(load_checks(Config(shipped_ledger=False)))
    batch = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    assert batch.reported == set(names)


def test_errors_and_skips_come_back_in_file_order(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(MIN_PARALLEL + 5):
        (folder / f"a{i:02d}.md").write_text(f"Article {i} says 5 people came.\n")
    (folder / "a03.md").write_bytes(b"\x00binary")
    (folder / "a07.md").write_text("---\ndate: [unclosed\n---\nBody text.\n")
    names = sorted(str(p) for p in folder.iterdir())
    config, p, contexts = _setup([])
    items = [Item(n, True) for n in names] + [Item(str(folder / "missing.md"), True)]
    serial = analyse(items, config, p, contexts, jobs=1)
    pooled = analyse(items, config, p, contexts, jobs=2)
    assert serial.notices == pooled.notices == [f"{folder / 'a03.md'}: skipped, binary file"]
    assert serial.read_errors == pooled.read_errors
    assert [e.path for e in serial.read_errors] == [
        str(folder / "a07.md"),
        str(folder / "missing.md"),
    ]
    assert isinstance(serial.read_errors[0], FileError)
    assert serial.reported == pooled.reported == set(names) - {str(folder / "a03.md")}


def test_a_failing_rule_is_reported_the_same_from_a_worker(tmp_path: Path) -> None:
    meta = RuleMeta(
        id="FL991", name="always-fails", category="meta", severity=Severity.INFO, summary="x"
    )

    def boom(analysis, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"cannot handle {Path(analysis.doc.path).name}")

    checks = [Check(rules=(meta,), scope="document", run=boom)]
    for i in range(MIN_PARALLEL + 2):
        (tmp_path / f"b{i:02d}.md").write_text("Text.\n")
    names = sorted(str(p) for p in tmp_path.glob("*.md"))
    config, p, contexts = _setup(checks)
    serial = analyse([Item(n, True) for n in names], config, p, contexts, jobs=1)
    pooled = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    assert serial.rule_errors == pooled.rule_errors
    assert pooled.rule_errors[0] == FileError(
        names[0], "internal error in rule FL991: RuntimeError: cannot handle b00.md"
    )


def test_claims_jsonl_prints_one_object_per_line(articles: Path) -> None:
    first, second = sorted((articles / "news").glob("*.md"))[:2]
    result = CliRunner().invoke(main, ["claims", "--format", "jsonl", str(first), str(second)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 2
    rows = [json.loads(line) for line in lines]
    assert all(isinstance(row, dict) and row["type"] for row in rows)
    assert {row["path"] for row in rows} == {str(first), str(second)}


@per_document("FL990")
def where_computed(analysis: Analysis) -> tuple[int, int]:
    """Which process computed this article's value, and one figure of the article."""
    return os.getpid(), len(analysis.sentences)


@per_document("FL999")
def never_wanted(analysis: Analysis) -> int:
    return 0


def _probe(results: dict[str, tuple[int, int]]) -> Check:
    def look(corpus: Sequence[Analysis], ctx: Context) -> None:
        for analysis in corpus:
            results[analysis.doc.path] = where_computed(analysis)

    return corpus_probe("FL990", "Records where per-document values were computed", look)


def test_per_document_values_are_computed_in_the_workers(articles: Path) -> None:
    names = sorted(str(p) for p in (articles / "news").glob("*.md"))
    results: dict[str, tuple[int, int]] = {}
    checks = [_probe(results)]
    config = Config(shipped_ledger=False)
    p = plan(config, checks)
    contexts = contexts_for(p, config)
    batch = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    from factlint.engine import corpus_findings

    corpus_findings(batch.analyses, batch.reported, p, contexts, [])
    assert set(results) == set(names)
    assert os.getpid() not in {pid for pid, _ in results.values()}
    assert all(
        n == len(Analysis(build_document(path, Path(path).read_bytes())[0]).sentences)
        for path, (_, n) in results.items()
    )
    # Only the functions of corpus rules that run are computed.
    key = f"{never_wanted.__module__}.{never_wanted.__qualname__}"
    assert all(key not in a.__dict__ for a in batch.analyses)
    assert never_wanted(batch.analyses[0]) == 0


def test_a_worker_that_dies_does_not_lose_files(tmp_path: Path) -> None:
    parent = os.getpid()
    meta = RuleMeta(
        id="FL992", name="dies-in-workers", category="meta", severity=Severity.INFO, summary="x"
    )

    def die_in_worker(analysis, ctx):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and analysis.doc.path.endswith("c07.md"):
            os._exit(3)  # as if killed: no exception, no result
        yield ctx.finding("FL992", analysis.doc, Span(0, 1), "seen")

    checks = [Check(rules=(meta,), scope="document", run=die_in_worker)]
    for i in range(MIN_PARALLEL * 3):
        (tmp_path / f"c{i:02d}.md").write_text("Text.\n")
    names = sorted(str(p) for p in tmp_path.glob("*.md"))
    config, p, contexts = _setup(checks)
    pooled = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    assert pooled.reported == set(names)
    assert sorted(f.path for f in pooled.final_findings) == names


def test_built_in_corpus_rules_read_only_what_the_workers_ship(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every shipped rule and the ledger, the parent runs no extractor: each corpus
    rule's READS and per_document functions cover what it reads. Dates are not shipped,
    nor the quantities: the number rules keep their figures and conversions only."""
    names = sorted(str(p) for p in (*articles.glob("seeds/*.txt"), *articles.glob("news/*.md")))
    config = Config()
    checks = load_checks(config)
    p = plan(config, checks)
    wanted = parallel.wanted_extracts(p)
    assert not {"dates", "blocks", "quantities"} & set(wanted)
    assert {"attributions", "factlint.checks.numbers._own_figures"} <= set(wanted)
    from factlint.cli import _load_ledger
    from factlint.engine import corpus_findings

    contexts = contexts_for(p, config, _load_ledger(config))
    batch = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    computed: list[str] = []
    for name, value in list(vars(Analysis).items()):
        if isinstance(value, functools.cached_property):

            def logged(self: Analysis, f=value.func, name=name):  # type: ignore[no-untyped-def]
                computed.append(name)
                return f(self)

            replacement = functools.cached_property(logged)
            replacement.attrname = name
            monkeypatch.setattr(Analysis, name, replacement)
    errors: list[FileError] = []
    found = corpus_findings(batch.analyses, batch.reported, p, contexts, errors)
    assert errors == [] and found  # the corpus rules ran, and found something
    assert computed == []


def test_a_corpus_check_that_does_not_say_what_it_reads_gets_every_claim() -> None:
    _, p, _ = _setup([_corpus_check({})])
    assert set(parallel.EXTRACTS) <= set(parallel.wanted_extracts(p))


@pytest.mark.parametrize("reads", [["quantities"], ("quantities", "no_such"), ("_private",)])
def test_reads_must_name_analysis_properties(reads: object) -> None:
    import types

    from factlint.errors import RuleLoadError
    from factlint.rule import check_from_module

    module = types.ModuleType("probe")
    module.RULES = (_corpus_check({}).rules[0],)  # type: ignore[attr-defined]
    module.SCOPE = "corpus"  # type: ignore[attr-defined]
    module.READS = reads  # type: ignore[attr-defined]
    module.check = lambda corpus, ctx: iter(())  # type: ignore[attr-defined]
    with pytest.raises(RuleLoadError, match="READS must be a tuple"):
        check_from_module(module, "probe.py")


def test_the_number_rules_keep_no_text_of_an_article() -> None:
    """What each article keeps for the number rules, in the parent and the cache, holds
    its figures and sentences as values and digests: no sentence or clause as text."""
    import pickle

    from factlint.checks import numbers

    text = (REPO / "seeds" / "001_3d07ea246869d68c.txt").read_bytes()
    doc, _ = build_document("a.txt", text, {})
    assert doc is not None
    analysis = Analysis(doc)
    sentences = numbers._own_sentences(analysis)
    kept = pickle.dumps((numbers._own_figures(analysis), sentences, numbers._links(analysis)))
    assert len(sentences) >= 3
    for s in sentences:
        words = doc.prose[s.span.start : s.span.end]
        assert words[:30].encode() not in kept
    clauses = [q.subject.text for q in analysis.quantities if len(q.subject.text) >= 30]
    assert clauses and not any(c[:30].encode() in kept for c in clauses)
    # The figures' own words are kept: they are what a finding shows.
    assert all(f.q.raw.encode() in kept for f in numbers._own_figures(analysis))


def test_claims_unpickled_apart_share_their_strings_and_sets_of_words() -> None:
    """What the parent keeps for 10,000 articles: the same string or set of words, read
    from two cache rows or two workers, is one object, and so are the words in a set."""
    import pickle

    from factlint.checks import numbers

    parallel.register_pickling()
    text = (REPO / "seeds" / "000_b2a1cf249883d228.txt").read_bytes()
    doc, _ = build_document("a.txt", text, {})
    assert doc is not None
    figures = numbers._own_figures(Analysis(doc))
    first, second = (pickle.loads(pickle.dumps(figures)) for _ in range(2))
    assert first == second == figures
    assert len(first) == 6
    # Rebuilt by setting their slots, not by __init__: still the same frozen values.
    assert [hash(f) for f in first] == [hash(f) for f in figures]
    assert [type(f.q.span) for f in first] == [Span] * 6
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].q.span.start = 0  # type: ignore[misc]
    for a, b in zip(first, second, strict=True):
        assert a.terms is b.terms and a.names is b.names and a.window is b.window
        assert a.bucket is b.bucket and a.scope is b.scope
    words = {id(w) for f in first for w in f.terms} | {id(w) for f in second for w in f.terms}
    assert len(words) == len({w for f in first for w in f.terms})
    empty = [f.wholes for f in first if not f.wholes]
    assert empty and all(e is empty[0] for e in empty)
    # Offsets and values too (a span's ints, a quantity's floats), but never an int for
    # a float, nor 0.0 for -0.0.
    assert all(f.q.span.start > 256 for f in first)  # ints Python does not share itself
    for a, b in zip(first, second, strict=True):
        assert a.q.span.start is b.q.span.start
        assert a.q.sentence.end is b.q.sentence.end
        assert a.q.value is b.q.value or a.q.value == 0.0


def test_shared_numbers_keep_their_type_and_sign() -> None:
    import math
    import pickle

    from factlint.model import Span

    parallel.register_pickling()
    spans = pickle.loads(pickle.dumps([Span(1000, 5000), Span(1000, 5000), Span(3, 300)]))
    assert spans[0].start is spans[1].start and spans[0].end is spans[1].end
    values = [1000, 1000.0, -0.0, 0.0, math.nan, True, 2.5]
    assert [parallel._shareable_number(v) for v in values] == [1, 1, 0, 0, 0, 0, 1]
    shared = [parallel._rebuild(Span, (0, v), ((), (), (1,))).end for v in (1000, 1000.0)]
    assert [type(v) for v in shared] == [int, float]


@pytest.mark.parametrize("was_enabled", [True, False])
def test_a_run_leaves_cycle_collection_as_it_found_it(
    articles: Path, was_enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run turns the collector off while it builds its claims; a library caller gets
    back the collector it had, also when a rule fails."""
    import gc

    seen: list[bool] = []

    def failing(analysis: Analysis, ctx: Context) -> list[object]:
        seen.append(gc.isenabled())
        raise RuntimeError("boom")

    meta = RuleMeta("FL999", "boom", "style", Severity.INFO, "A rule that fails")
    check = Check(rules=(meta,), scope="document", run=failing)
    monkeypatch.chdir(articles)
    (gc.enable if was_enabled else gc.disable)()
    try:
        result = engine.run(["seeds/"], Config(), [check])
        after = gc.isenabled()
    finally:
        gc.enable()
    assert seen and not any(seen)  # off while the rules ran
    assert after is was_enabled
    assert any("FL999" in e.message for e in result.errors)  # the failure is reported


# --- corpus checks side by side --------------------------------------------------------


Analysed = tuple[Plan, dict[int, Context], list[Analysis], set[str]]


@pytest.fixture(scope="module")
def analysed(articles: Path) -> Analysed:
    """Every shipped rule and the ledger over the seeds and 30 news articles."""
    from factlint.cli import _load_ledger

    names = sorted(str(p) for p in (*articles.glob("seeds/*.txt"), *articles.glob("news/*.md")))
    config = Config()
    p = plan(config, load_checks(config))
    contexts = contexts_for(p, config, _load_ledger(config))
    batch = analyse([Item(n, True) for n in names], config, p, contexts, jobs=2)
    return p, contexts, batch.analyses, batch.reported


def _with_checks(p: Plan, contexts: dict[int, Context], *checks: Check) -> tuple[Plan, dict]:
    """The plan with these corpus checks first, each with a context."""
    from dataclasses import replace

    rules = {**p.rules, **{m.id: m for c in checks for m in c.rules}}
    extra = {id(c): Context(rules=rules) for c in checks}
    enabled = p.enabled | {m.id for c in checks for m in c.rules}
    return replace(p, checks=(*checks, *p.checks), rules=rules, enabled=enabled), {
        **contexts,
        **extra,
    }


@pytest.fixture
def any_size(analysed: Analysed, monkeypatch: pytest.MonkeyPatch) -> Analysed:
    """The analysed articles, the corpus checks side by side whatever their number."""
    monkeypatch.setattr(engine, "MIN_SIDE_BY_SIDE", 0)
    return analysed


def test_corpus_checks_side_by_side_find_what_they_find_one_after_another(
    any_size: Analysed, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, contexts, analyses, reported = any_size
    calls = watch_side_by_side(monkeypatch).returned
    errors_1: list[FileError] = []
    one = engine.corpus_findings(analyses, reported, p, contexts, errors_1, jobs=1)
    errors_2: list[FileError] = []
    two = engine.corpus_findings(analyses, reported, p, contexts, errors_2, jobs=2)
    assert [c is not None for c in calls] == [True]  # jobs=1 never forks; jobs=2 does
    assert len({c.ids for c in p.checks if c.scope == "corpus"}) >= 3
    assert one and two == one  # the same findings, in the same order
    assert errors_1 == errors_2 == []
    # A pre-commit run reports one article: its checks stay in this process.
    calls.clear()
    first = analyses[0].doc.path
    engine.corpus_findings(analyses, {first}, p, contexts, [], jobs=2)
    assert calls == []


def test_a_corpus_check_failing_in_a_worker_is_reported_as_in_process(
    any_size: Analysed, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, contexts, analyses, reported = any_size

    def failing(corpus: Sequence[Analysis], ctx: Context) -> list[object]:
        raise ValueError(f"no good at {len(corpus)} articles")

    meta = RuleMeta("FL998", "fails", "style", Severity.INFO, "Fails", scope="corpus")
    check = Check(rules=(meta,), scope="corpus", run=failing)
    p2, contexts2 = _with_checks(p, contexts, check)
    runs = []
    for jobs in (1, 2):
        errors: list[FileError] = []
        found = engine.corpus_findings(analyses, reported, p2, contexts2, errors, jobs=jobs)
        runs.append((found, errors))
    assert runs[0] == runs[1]
    assert [e.message for e in runs[1][1]] == [
        "internal error in rule FL998: ValueError: no good at 35 articles"
    ]


def test_a_worker_that_dies_leaves_the_corpus_checks_to_this_process(
    any_size: Analysed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed or out of memory: the checks run here instead, and nothing is lost."""
    import time

    p, contexts, analyses, reported = any_size
    parent = os.getpid()
    first = analyses[0].doc

    def dies_in_a_worker(corpus: Sequence[Analysis], ctx: Context) -> list[object]:
        if os.getpid() != parent:
            os._exit(3)
        # Here, while side by side: wait until the worker has taken the next task, so
        # that it surely takes one of these and dies.
        deadline = time.monotonic() + 60
        while parallel._NEXT is not None and parallel._NEXT.value < 2:
            assert time.monotonic() < deadline, "the worker never took a task"
            time.sleep(0.01)
        return [ctx.finding(ctx.options["id"], first, Span(0, 1), "ran in the parent")]

    checks = [
        Check(
            rules=(RuleMeta(i, f"dies-{i}", "style", Severity.INFO, "Dies", scope="corpus"),),
            scope="corpus",
            run=dies_in_a_worker,
        )
        for i in ("FL996", "FL997")
    ]
    p2, contexts2 = _with_checks(p, contexts, *checks)
    for c in checks:
        contexts2[id(c)] = Context(rules=p2.rules, options={"id": c.ids[0]})
    tasks = [lambda: dies_in_a_worker(analyses, contexts2[id(checks[0])])] * 3
    assert parallel.side_by_side(tasks, 2) is None
    alone: list[FileError] = []
    expected = engine.corpus_findings(analyses, reported, p2, contexts2, alone, jobs=1)
    returned = watch_side_by_side(monkeypatch).returned
    errors: list[FileError] = []
    found = engine.corpus_findings(analyses, reported, p2, contexts2, errors, jobs=2)
    assert returned == [None]  # a worker died, and this process ran every check
    assert found == expected and errors == alone == []
    assert [f.rule_id for f in found if f.message == "ran in the parent"] == ["FL996", "FL997"]


def test_a_result_that_does_not_pickle_leaves_the_tasks_to_this_process() -> None:
    """A worker's result travels pickled; one that cannot (a user's rule holding a
    lambda) makes the caller run the tasks here, where nothing is pickled."""
    import time

    parent = os.getpid()

    def task() -> object:
        if os.getpid() == parent:  # wait until the worker has taken a task
            deadline = time.monotonic() + 60
            while parallel._NEXT is not None and parallel._NEXT.value < 2:
                assert time.monotonic() < deadline, "the worker never took a task"
                time.sleep(0.01)
        return lambda: "unpicklable"

    assert parallel.side_by_side([task] * 3, 2) is None


def test_jobs_beyond_four_a_core_start_four_a_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--jobs 100000` forked a hundred thousand workers: a run that never ended.
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    assert [parallel.worker_count(n) for n in (1, 2, 8, 9, 100_000)] == [1, 2, 8, 8, 8]
    started: list[int] = []
    real = parallel.worker_count
    monkeypatch.setattr(
        parallel, "worker_count", lambda jobs: started.append(real(jobs)) or real(jobs)
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factlint.yaml").write_text("shipped-ledger: false\n")
    for n in range(MIN_PARALLEL + 5):
        (tmp_path / f"a{n:02d}.md").write_text(f"The council said {40 + n} people attended.\n")
    runs = [
        CliRunner().invoke(main, ["check", "--no-cache", "--jobs", j, "."]) for j in ("100000", "1")
    ]
    assert runs[0].output == runs[1].output and runs[0].exit_code == runs[1].exit_code
    assert started and max(started) == 8
