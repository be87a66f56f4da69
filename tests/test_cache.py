"""The result cache: hits, invalidation, corruption, concurrency, clearing, --no-cache."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint import cache as cache_module
from factlint.cache import CACHE_DIR, DB_NAME
from factlint.cli import main
from tests.helpers import watch_side_by_side

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpus" / "news"
REAL_FINGERPRINT = cache_module.code_fingerprint
# Enough articles for the worker pool (parallel.MIN_PARALLEL), the smallest to stay fast.
N = 20
SMALLEST = sorted(sorted(NEWS.glob("*.md"), key=lambda p: (p.stat().st_size, p.name))[:N])

# A corpus rule that reports, on each article, how many figures it holds and how many
# the whole corpus holds: it only gives the same answer on a warm run if cached
# articles hand their claims to the corpus rules.
CORPUS_RULE = """
from factlint.model import RuleMeta, Severity, Span
from factlint.parallel import per_document

RULES = (
    RuleMeta(id="FL980", name="figure-census", category="number", severity=Severity.INFO,
             summary="Counts figures", scope="corpus"),
)
SCOPE = "corpus"
OPTIONS = {"x": int}  # read by no one: a config that changes it must still invalidate
DEFAULTS = {"x": 0}


@per_document("FL980")
def figures(analysis):
    return len(analysis.quantities)


def check(corpus, ctx):
    total = sum(figures(a) for a in corpus)
    for a in corpus:
        n = figures(a)
        yield ctx.finding("FL980", a.doc, Span(a.doc.body_start, a.doc.body_start),
                          f"{n} of {total} figures")
"""

LEDGER = """facts:
  - id: test-fund
    subject: Test Fund
    metric: capital
    value: {value} billion
    currency: CNY
    about: 2025
    source:
      publisher: Example
      date: 2025-01
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "census.py").write_text(CORPUS_RULE)
    (tmp_path / "ledger.yaml").write_text(LEDGER.format(value=60))
    (tmp_path / "factlint.yaml").write_text(
        "python-rules: [census.py]\nshipped-ledger: false\nledger: [ledger.yaml]\n"
    )
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in SMALLEST:
        shutil.copy(path, articles / path.name)
    monkeypatch.chdir(tmp_path)
    # Edits to factlint's own files while the tests run must not turn hits into misses.
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "fixed")
    return tmp_path


def check(*args: str) -> tuple[int, str, cache_module.Stats]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, "articles"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout, cache_module.LAST_STATS


def forget_runs(project: Path) -> None:
    """Drop the stored whole runs, so that the next run goes file by file."""
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute("DELETE FROM runs")


def stored_runs(project: Path) -> int:
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


def test_second_run_is_answered_by_the_cache(project: Path) -> None:
    code, cold, stats = check()
    assert (stats.hits, stats.misses, stats.writes) == (0, N, N)
    forget_runs(project)
    code2, warm, stats = check()
    assert (stats.hits, stats.misses, stats.writes) == (N, 0, 0)
    assert not stats.whole_run
    assert (code2, warm) == (code, cold)
    # The corpus rule saw every article's figures, from the cache.
    messages = [f["message"] for f in json.loads(warm)["findings"] if f["rule"] == "FL980"]
    assert len(messages) == N
    assert len({m.split(" of ")[1] for m in messages}) == 1
    # The rule's own per-article value was computed once and kept with each file, apart
    # from the file's row since no other check reads it: in its check's group.
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        rows = conn.execute("SELECT value FROM results").fetchall()
        groups = conn.execute("SELECT value FROM claims WHERE grp = 'FL980'").fetchall()
    assert all("FL980" in pickle.loads(v)[-1] for (v,) in rows)  # the groups kept apart
    # The checks' keys come in the file's row, its last column: a run that links reads
    # them with the rows the parent reads anyway, and no other run reads them.
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        held = [pickle.loads(v) for (v,) in conn.execute("SELECT links FROM results")]
        apart = conn.execute("SELECT count(*) FROM claims WHERE grp LIKE '% links'").fetchone()
    assert all(set(h) == {"FL101 links", "FL201 links", "FL301 links"} for h in held)
    assert apart == (0,)
    # (the row's third field: the document and the claims kept with it, pickled apart)
    kept = [pickle.loads(pickle.loads(v)[2])[1] for (v,) in rows]
    assert kept and all("factlint_local_census.figures" not in claims for claims in kept)
    extracted = [pickle.loads(v) for (v,) in groups]
    assert len(extracted) == N
    assert all("factlint_local_census.figures" in e for e in extracted)
    assert sum(e["factlint_local_census.figures"] for e in extracted) == int(
        messages[0].split(" of ")[1].split()[0]
    )


def test_document_rules_alone_cache_only_their_findings(project: Path) -> None:
    """Without corpus rules a hit needs no document: the cache holds final findings."""
    _, cold, _ = check("--no-cache", "--select", "FL5,FL7")
    _, first, stats = check("--select", "FL5,FL7")
    assert (stats.hits, stats.writes) == (0, N)
    _, warm, stats = check("--select", "FL5,FL7")
    assert stats.hits == N
    assert warm == first == cold
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        sizes = [n for (n,) in conn.execute("SELECT length(value) FROM results")]
    # The corpus-rule entries (written by no run here) would hold documents and claims.
    assert max(sizes) < 5000


def test_cached_report_equals_the_uncached_one(project: Path) -> None:
    _, cold, _ = check("--no-cache", "--jobs", "1")
    check()
    forget_runs(project)
    _, warm, stats = check("--jobs", "2")
    assert (stats.hits, stats.whole_run) == (N, False)
    assert warm == cold


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("one", [False, True], ids=["every article", "one against the rest"])
def test_a_first_run_holds_what_it_caches_as_hits(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, one: bool
) -> None:
    """Analysed by a worker or here, an article the cache keeps is held as a hit is: its
    claims pickled until a check reads them, and the same findings as without a cache."""
    from factlint import engine
    from factlint.analysis import DeferredAnalysis

    config = project / "factlint.yaml"
    config.write_text(config.read_text() + 'corpus: ["articles/*.md"]\n')
    target = [str(sorted((project / "articles").iterdir())[5].relative_to(project))] if one else []
    command = ["check", "--format", "json", "--jobs", jobs, *(target or ["articles"])]
    uncached = CliRunner().invoke(main, [*command, "--no-cache"])
    held: list[bool] = []
    real = engine.corpus_findings

    def corpus_findings(analyses, *args, **kwargs):  # type: ignore[no-untyped-def]
        held.extend(isinstance(a, DeferredAnalysis) for a in analyses)
        return real(analyses, *args, **kwargs)

    monkeypatch.setattr(engine, "corpus_findings", corpus_findings)
    result = CliRunner().invoke(main, command)
    assert cache_module.LAST_STATS.misses == N
    assert held == [True] * N
    assert result.stdout == uncached.stdout
    assert json.loads(result.stdout)["findings"], "a corpus rule found nothing to compare"


def test_an_unchanged_run_is_answered_whole(project: Path) -> None:
    _, cold, _ = check("--no-cache")
    _, first, stats = check()
    assert (stats.misses, stats.whole_run, stored_runs(project)) == (N, False, 1)
    _, again, stats = check()
    assert (stats.hits, stats.misses, stats.whole_run) == (N, 0, True)
    assert again == first == cold
    # Another selection is another run; both are kept.
    _, other, stats = check("--select", "FL980")
    assert not stats.whole_run
    assert stored_runs(project) == 2
    _, other_again, stats = check("--select", "FL980")
    assert stats.whole_run
    assert other_again == other != first


def test_a_stored_run_still_reports_a_missing_path(project: Path) -> None:
    check()
    result = CliRunner().invoke(main, ["check", "--format", "concise", "articles", "gone.md"])
    assert result.exit_code == 2
    assert cache_module.LAST_STATS.whole_run
    assert "gone.md: error: no such file or directory" in result.output


def test_one_changed_article_is_not_answered_by_the_stored_run(project: Path) -> None:
    check()
    target = sorted((project / "articles").iterdir())[3]
    target.write_text(target.read_text() + "\nThe fund raised 12 billion yuan in 2024.\n")
    _, out, stats = check()
    assert (stats.hits, stats.misses, stats.whole_run) == (N - 1, 1, False)
    _, again, stats = check()
    assert stats.whole_run
    assert again == out == check("--no-cache")[1]


def test_checked_articles_answer_for_the_corpus_of_a_one_article_run(project: Path) -> None:
    # A pre-commit hook after `factlint check articles`: one article checked against the rest.
    config = project / "factlint.yaml"
    config.write_text(config.read_text() + 'corpus: ["articles/*.md"]\n')
    check()
    one = sorted((project / "articles").iterdir())[5]
    command = ["check", "--format", "json", str(one.relative_to(project))]
    uncached = CliRunner().invoke(main, [*command, "--no-cache"])
    result = CliRunner().invoke(main, command)
    stats = cache_module.LAST_STATS
    assert (stats.hits, stats.misses, stats.writes, stats.whole_run) == (N, 0, 0, False)
    assert result.stdout == uncached.stdout
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1
    # The corpus rule counted every article's figures; only the one checked is reported.
    messages = {f["path"]: f["message"] for f in report["findings"] if f["rule"] == "FL980"}
    assert list(messages) == [str(one.relative_to(project))]
    # Not the other way round: an article read for the corpus only has no document findings.
    forget_runs(project)
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute("DELETE FROM results WHERE key LIKE '%r'")
    CliRunner().invoke(main, command)
    _, _, stats = check()
    assert (stats.hits, stats.misses) == (1, N - 1)


def test_only_the_last_runs_are_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_KEPT_RUNS", 2)
    for select in ("FL980", "FL5", "FL7"):
        check("--select", select)
    assert stored_runs(project) == 2
    _, _, stats = check("--select", "FL980")
    assert not stats.whole_run  # the oldest went first


def test_a_run_with_a_rule_error_is_not_kept(project: Path) -> None:
    (project / "census.py").write_text(CORPUS_RULE.replace("total = sum", "total = 1 / 0 + sum"))
    result = CliRunner().invoke(main, ["check", "--format", "concise", "articles"])
    assert result.exit_code == 2
    assert "internal error in rule FL980: ZeroDivisionError" in result.output
    assert stored_runs(project) == 0


def test_a_file_changed_while_it_is_checked_keeps_no_run(project: Path) -> None:
    from factlint.model import RunResult
    from factlint.parallel import Item

    names = sorted(str(p.relative_to(project)) for p in (project / "articles").iterdir())
    items = [Item(name, True) for name in names]
    cache = cache_module.Cache(project / CACHE_DIR, "digest")
    keys = cache.keys(items, {})
    Path(names[0]).write_text("Edited after it was keyed.\n")
    assert [k for _, _, k, _ in cache.lookup(items, {}, keys)][1:] == keys[1:]
    run_key = cache.run_key(keys)
    assert run_key is not None
    cache.remember(run_key, RunResult())
    assert cache.recall(run_key, keys) is None


def test_cache_lives_at_the_config_root_and_git_ignores_it(project: Path) -> None:
    check()
    folder = project / CACHE_DIR
    assert (folder / DB_NAME).is_file()
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert sorted(p.name for p in project.iterdir()) == [
        CACHE_DIR,
        "articles",
        "census.py",
        "factlint.yaml",
        "ledger.yaml",
    ]


def test_a_changed_article_is_analysed_again(project: Path) -> None:
    check()
    target = sorted((project / "articles").iterdir())[5]
    target.write_text(target.read_text() + "\nThe fund raised 12 billion yuan in 2024.\n")
    _, out, stats = check()
    assert (stats.hits, stats.misses) == (N - 1, 1)
    mine = [f for f in json.loads(out)["findings"] if f["path"].endswith(target.name)]
    assert any(f["rule"] == "FL980" for f in mine)
    _, again, stats = check("--no-cache")
    assert again == out


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("ignore a rule", lambda p: _append(p / "factlint.yaml", "ignore: [FL701]\n")),
        ("severity", lambda p: _append(p / "factlint.yaml", "severity: {FL980: warning}\n")),
        ("options", lambda p: _append(p / "factlint.yaml", "options: {FL980: {x: 1}}\n")),
        ("ledger", lambda p: (p / "ledger.yaml").write_text(LEDGER.format(value=61))),
        ("rule file", lambda p: _append(p / "census.py", "\n# changed\n")),
    ],
)
def test_a_changed_configuration_invalidates(project: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    check()
    change(project)
    _, _, stats = check()
    assert (stats.hits, stats.misses) == (0, N), name


def test_a_changed_yaml_rule_invalidates(project: Path) -> None:
    rules = project / "rules"
    rules.mkdir()
    rule = (REPO / "rules" / "FL702-percent-consistency.yaml").read_text()
    (rules / "FL702-percent-consistency.yaml").write_text(rule)
    (project / "factlint.yaml").write_text(
        "python-rules: [census.py]\nshipped-ledger: false\nshipped-rules: false\n"
        "rule-paths: [rules]\n"
    )
    check()
    _, _, stats = check()
    assert stats.hits == N
    (rules / "FL702-percent-consistency.yaml").write_text(rule + "\n# edited\n")
    _, _, stats = check()
    assert (stats.hits, stats.misses) == (0, N)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_a_corrupt_database_is_rebuilt(project: Path) -> None:
    _, cold, _ = check()
    db = project / CACHE_DIR / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    _, out, stats = check()
    assert out == cold
    assert stats.hits == 0
    assert any("rebuilt" in e for e in stats.errors)
    assert stats.writes == N, stats.errors
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == N
    _, _, stats = check()
    assert stats.hits == N


def test_a_damaged_value_is_a_miss(project: Path) -> None:
    _, first, _ = check()
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute("UPDATE runs SET value = x'00ff'")
    _, out, stats = check()
    assert (stats.hits, stats.misses, stats.whole_run) == (N, 0, False)
    assert out == first
    forget_runs(project)
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute("UPDATE results SET value = x'00ff'")
    _, out, stats = check()
    assert (stats.hits, stats.misses) == (0, N)
    assert out == first
    _, _, stats = check()
    assert stats.hits == N


def test_an_unwritable_cache_is_skipped_not_fatal(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the folder should be")
    _, out, stats = check()
    assert stats.writes == 0
    assert any("disabled" in e for e in stats.errors)
    assert json.loads(out)["summary"]["files"] == N


def test_two_concurrent_runs_both_succeed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "code_fingerprint", REAL_FINGERPRINT)  # as the processes
    command = [
        sys.executable,
        "-c",
        "from factlint.cli import entry; entry()",
        "check",
        "--format",
        "json",
        "articles",
    ]
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [runs[0].returncode] * 2
    assert runs[0].returncode in (0, 1)
    assert outputs[0] == outputs[1]
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == N
    _, out, stats = check()
    assert stats.hits == N
    assert out == outputs[0]


def test_cache_clear_removes_it(project: Path) -> None:
    check()
    result = CliRunner().invoke(main, ["cache", "info"])
    assert result.exit_code == 0
    assert f"{N} results" in result.output
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert result.exit_code == 0
    assert not (project / CACHE_DIR).exists()
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert "no cache" in result.output


def test_no_cache_writes_nothing(project: Path) -> None:
    before = sorted(p.name for p in project.rglob("*"))
    check("--no-cache")
    assert sorted(p.name for p in project.rglob("*")) == before


def test_stdin_is_never_cached(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "-", "--stdin-filename", "x.md"], input=b"Text.\n"
    )
    assert result.exit_code in (0, 1)
    assert not (project / CACHE_DIR / DB_NAME).exists()  # only compiled patterns may be kept


def test_code_fingerprint_follows_code_files(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "words.yaml").write_text("- a\n")
    (tmp_path / "notes.md").write_text("not code")
    first = cache_module.code_fingerprint(tmp_path)
    assert cache_module.code_fingerprint(tmp_path) == first
    (tmp_path / "notes.md").write_text("still not code")
    assert cache_module.code_fingerprint(tmp_path) == first
    # Installed again (a CI job installs afresh): new times, the same content.
    os.utime(tmp_path / "a.py", ns=(10**18, 10**18))
    assert cache_module.code_fingerprint(tmp_path) == first
    (tmp_path / "data" / "words.yaml").write_text("- a\n- b\n")
    second = cache_module.code_fingerprint(tmp_path)
    assert second != first
    (tmp_path / "a.py").write_text("x = 2\n")
    assert cache_module.code_fingerprint(tmp_path) not in (first, second)


# --- stamps: unchanged files are keyed without being read ----------------------------


def _keys_reading(project: Path, *, rested: bool = True) -> tuple[list[str | None], list[str]]:
    """The articles' keys from a new Cache, and the files it opened to get them.
    `rested`: as a few seconds after the files were last written (they just were)."""
    import time
    import types

    from factlint.parallel import Item

    opened: list[str] = []
    real_open = open

    def spy(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(name))
        return real_open(name, *args, **kwargs)

    names = sorted(str(p.relative_to(project)) for p in (project / "articles").iterdir())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module, "open", spy, raising=False)
        if rested:
            later = types.SimpleNamespace(
                time=lambda: time.time() + 5, time_ns=lambda: time.time_ns() + 5 * 10**9
            )
            patch.setattr(cache_module, "time", later)
        cache = cache_module.Cache(project / CACHE_DIR, "digest")
        keys = cache.keys([Item(name, True) for name in names], {})
        cache.close()
    return keys, opened


def test_an_unchanged_file_is_keyed_without_reading_it(project: Path) -> None:
    first, opened = _keys_reading(project)
    assert len(opened) == N  # hashed once ...
    again, opened = _keys_reading(project)
    assert again == first and opened == []  # ... and known by its stat after that
    # The same keys as hashing the bytes gives.
    cache = cache_module.Cache(project / CACHE_DIR, "digest")
    name = sorted(str(p.relative_to(project)) for p in (project / "articles").iterdir())[0]
    assert first[0] == cache.key(name, True, {}, Path(name).read_bytes())


def test_a_file_rewritten_with_its_old_size_and_time_is_read_again(project: Path) -> None:
    """The change time moves with every write: a tool that restores the modification
    time (cp -p, rsync -t) does not hide an edit."""
    target = sorted((project / "articles").iterdir())[3]
    before, _ = _keys_reading(project)
    st = target.stat()
    target.write_bytes(target.read_bytes().replace(b"a", b"o", 1))  # the same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    after, opened = _keys_reading(project)
    assert opened == [f"articles/{target.name}"]
    assert [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [3]


def test_a_file_changed_a_moment_ago_gets_no_stamp(project: Path) -> None:
    """Changed within its timestamp's tick, a file could change again unseen: it is
    read every time until it has rested."""
    for _ in range(2):
        _, opened = _keys_reading(project, rested=False)
        assert len(opened) == N
    _keys_reading(project)  # rested: read once more, and stamped
    _, opened = _keys_reading(project)
    assert opened == []


def test_a_cache_restored_into_a_fresh_checkout_answers_for_unchanged_articles(
    project: Path,
) -> None:
    """What a CI job sees (the GitHub Action keeps .factlint_cache/): the same article
    paths, new files (other inodes and times), one article changed by the pull request."""
    check()
    kept = project.parent / "kept-cache"
    shutil.move(project / CACHE_DIR, kept)
    shutil.rmtree(project / "articles")
    (project / "articles").mkdir()
    for path in SMALLEST:
        shutil.copy(path, project / "articles" / path.name)  # new inode, new times
    changed = project / "articles" / SMALLEST[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    shutil.move(kept, project / CACHE_DIR)
    code, warm, stats = check()
    assert (stats.hits, stats.misses) == (N - 1, 1)
    assert (code, warm) == check("--no-cache")[:2]


def _groups_loaded(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Log each group of claims loaded from the cache, how many claims it put back and
    into how many articles."""
    from factlint import parallel

    real = parallel.Pending.load

    def load(self, analyses, group, only=None):  # type: ignore[no-untyped-def]
        before = [len(a.__dict__) for a in analyses]
        real(self, analyses, group, only)
        added = [len(a.__dict__) - n for a, n in zip(analyses, before, strict=True)]
        with log.open("a") as stream:  # a file: the forked process writes here too
            stream.write(f"{group}\t{sum(added)}\t{sum(1 for n in added if n)}\n")

    monkeypatch.setattr(parallel.Pending, "load", load)


def test_each_corpus_check_loads_its_own_claims_where_it_runs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pre-commit run answered from the cache: the parent holds no claim only one check
    reads, and the checks load theirs side by side."""
    from factlint import engine

    config = project / "factlint.yaml"
    config.write_text(config.read_text() + 'corpus: ["articles/*.md"]\n')
    check()
    one = str(sorted((project / "articles").iterdir())[5].relative_to(project))
    command = ["check", "--format", "json", "--jobs", "2", one]
    uncached = CliRunner().invoke(main, [*command, "--no-cache"])
    monkeypatch.setattr(engine, "MIN_SIDE_BY_SIDE", 0)  # side by side at any size
    log = project / "loads.log"
    _groups_loaded(monkeypatch, log)
    forked = watch_side_by_side(monkeypatch).returned
    result = CliRunner().invoke(main, command)
    assert cache_module.LAST_STATS.hits == N
    assert result.stdout == uncached.stdout
    loads = {
        group: (int(claims), int(articles))
        for group, claims, articles in (line.split("\t") for line in log.read_text().splitlines())
    }
    # Each check's group once (numbers, quotes, dates, the local census rule). The
    # number, date and quote checks first load their keys into every article (N, one or
    # more claims each), then their claims only into the articles that link; the census
    # rule loads its claims into every article.
    linked = ["FL101", "FL201", "FL301"]
    assert sorted(loads) == sorted([*linked, *(f"{g} links" for g in linked), "FL980"])
    for group in ("FL101 links", "FL201 links", "FL301 links", "FL980"):
        assert loads[group][0] >= N and loads[group][1] == N, group
    for group in linked:
        assert 1 <= loads[group][1] < N, group
    # The one-article run's corpus checks ran side by side, in this process and a fork.
    assert len(forked) == 1 and forked[0] is not None


def test_a_pre_commit_run_unpickles_only_the_articles_its_checks_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of cache hits stay pickled until a check reads them: the corpus checks,
    all linked, read the edited article and those that share a key with it."""
    from factlint.analysis import DeferredAnalysis

    config = project / "factlint.yaml"
    config.write_text(config.read_text() + 'corpus: ["articles/*.md"]\n')
    one = str(sorted((project / "articles").iterdir())[5].relative_to(project))
    command = ["check", "--format", "json", "--jobs", "1", "--ignore", "FL980", one]
    uncached = CliRunner().invoke(main, [*command, "--no-cache"])
    CliRunner().invoke(main, command)  # fills the cache
    forget_runs(project)
    unpickled: list[str] = []
    real = DeferredAnalysis.load

    def load(self: DeferredAnalysis) -> None:
        if self._packed is not None:
            unpickled.append(self.path)
        real(self)

    monkeypatch.setattr(DeferredAnalysis, "load", load)
    result = CliRunner().invoke(main, command)
    assert cache_module.LAST_STATS.hits == N
    assert result.stdout == uncached.stdout
    assert one in unpickled
    assert len(unpickled) == len(set(unpickled)) < N // 2, unpickled


def test_a_cache_written_before_the_keys_column_is_used_and_given_it(project: Path) -> None:
    """An older factlint's database: its results table has no `links` column. The run
    adds it, misses (another version's rows), and answers the next run."""
    (project / CACHE_DIR).mkdir()
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute(
            "CREATE TABLE results"
            " (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)"
        )
        conn.execute("INSERT INTO results VALUES ('old', x'00', 0)")
    code, cold, stats = check()
    assert (stats.hits, stats.misses, stats.writes, stats.errors) == (0, N, N, [])
    forget_runs(project)
    assert check()[:2] == (code, cold)
    assert cache_module.LAST_STATS.hits == N
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(results)")]
    assert columns == ["key", "value", "used", "links"]


def test_claims_missing_from_the_cache_are_worked_out_again(project: Path) -> None:
    _, cold, _ = check()
    forget_runs(project)
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        conn.execute("DELETE FROM claims WHERE grp IN ('FL101', 'FL980')")
        conn.execute("UPDATE claims SET value = x'00' WHERE grp = 'FL301'")
    _, warm, stats = check()
    assert (stats.hits, stats.misses) == (N, 0)
    assert warm == cold


def test_claims_of_pruned_rows_go_with_them(project: Path) -> None:
    check()
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        old = {k for (k,) in conn.execute("SELECT DISTINCT key FROM claims")}
        conn.execute("UPDATE results SET used = 0")  # unused for longer than MAX_AGE
    assert len(old) == N
    config = project / "factlint.yaml"
    config.write_text(config.read_text() + "ignore: [FL701]\n")
    check()  # another configuration: N new rows, and the old ones pruned
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM results")}
        kept = {k for (k,) in conn.execute("SELECT DISTINCT key FROM claims")}
    assert len(keys) == N
    assert kept == keys
    assert not kept & old


def test_the_slowest_corpus_check_is_handed_out_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Side by side, whoever is free takes the next check: the last run's timings put
    the slowest first, and the results come back in the checks' own order."""
    from factlint import engine

    check()
    forget_runs(project)
    monkeypatch.setattr(engine, "MIN_SIDE_BY_SIDE", 0)
    handed = watch_side_by_side(monkeypatch).handed
    _, first, _ = check("--jobs", "2")
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as conn:
        timed = dict(conn.execute("SELECT name, seconds FROM durations"))
        assert sorted(timed) == ["FL101 all", "FL201 all", "FL301 all", "FL980 all"]
        assert all(seconds > 0 for seconds in timed.values())
        conn.execute("UPDATE durations SET seconds = 99 WHERE name = 'FL980 all'")
    forget_runs(project)
    _, second, _ = check("--jobs", "2")
    assert handed[1][0] == "FL980"
    assert sorted(handed[0]) == sorted(handed[1])
    assert second == first == check("--no-cache", "--jobs", "1")[1]


def test_the_number_rules_read_cached_sentences_back_from_their_articles(
    project: Path,
) -> None:
    """FL105 keeps each sentence as digests; the words of a pair it compares are read
    from the cached document, and give the findings of a cold run."""
    budget = "The council approved a budget of $12 million for road repairs on the east side."
    summit = (
        "During the five-day event where approximately 1,500 participants are expected from "
        "140 countries, attendees will take part in various presentations and seminars."
    )
    articles = project / "articles"
    (articles / "z1.md").write_text(f"{budget}\n\n{summit}\n")
    (articles / "z2.md").write_text(
        f"{budget.replace('$12', '$15')}\n\n{summit.replace('140', '1,400')}\n"
    )
    _, cold, _ = check("--no-cache", "--select", "FL105")
    check("--select", "FL105")
    forget_runs(project)
    _, warm, stats = check("--select", "FL105")
    assert (stats.hits, stats.whole_run) == (N + 2, False)
    assert warm == cold
    found = [
        (f["rule"], Path(f["path"]).name, f["line"], f["column"])
        for f in json.loads(warm)["findings"]
    ]
    assert found == [("FL105", "z2.md", 1, 34), ("FL105", "z2.md", 3, 84)]
    evidence = json.loads(warm)["findings"][1]["related"][0]["message"]
    assert evidence == (
        "During the five-day event where approximately 1,500 participants are expected from "
        "140 countries, attendees will take p…"
    )
