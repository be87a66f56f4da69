"""The start-up store: patterns rebuilt from stored opcodes match as freshly compiled
ones, and derived values come back while their stamp holds."""

from __future__ import annotations

import dataclasses
import datetime
import json
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factlint import fastre, startup_store
from factlint.cli import main
from factlint.startup_store import FILE_NAME, StartupStore
from tests.paths import ROOT

SAMPLES = [
    (r"(?P<n>\d[\d,.]*)\s*(?:billion|bn)\b", 0),  # re, a named group
    (r"\p{Lu}[\p{L}'’-]+", 0),  # regex: a Unicode property
    (r"(?i:said|says)\s+(\p{Lu}\w+)", 0),  # regex, a scoped flag
    (r"^\s*#", fastre.regex.M),  # re, a flag
]
SEED = ROOT / "seeds" / "000_b2a1cf249883d228.txt"
TEXT = SEED.read_text(encoding="utf-8")
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}


def _new_process(cwd: Path, spies: str, args: str, report: str) -> subprocess.CompletedProcess:
    """`factlint <args>` in a new Python process: the `spies` lines run first, the
    `report` line after (it may read `code`, the exit code)."""
    script = (
        f"import sys\n{spies}"
        "from factlint.cli import main\n"
        f"sys.argv = ['factlint', {args}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        f"{report}\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, env=ENV, capture_output=True, text=True
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "cache" / FILE_NAME
    startup_store.use(None)


def _fill(path: Path) -> None:
    startup_store.use(StartupStore(path))
    for pattern, flags in SAMPLES:
        fastre.compile(pattern, flags).search("")  # compiled, and stored, when first used
    fastre.compile_regex(r"\b(\w+)\s+\1\b", fastre.regex.I)
    startup_store.close()


def test_a_pattern_is_compiled_when_first_used(store_path: Path) -> None:
    startup_store.use(StartupStore(store_path))
    store = startup_store.current()
    assert store is not None
    unused = fastre.compile(r"never (used)")
    used = fastre.compile(r"(?P<n>\d+) (yuan|dollars)")
    assert store.added == {}
    assert used.search("60 yuan").group("n") == "60"
    assert list(store.added) == [("auto", r"(?P<n>\d+) (yuan|dollars)", 0)]
    assert used.groupindex == {"n": 1} and unused.pattern == "never (used)"
    assert len(store.added) == 2


def test_patterns_come_back_from_the_store_and_match_alike(store_path: Path) -> None:
    _fill(store_path)
    store = StartupStore(store_path)
    assert len(store.known) == len(SAMPLES) + 1
    for pattern, flags in SAMPLES:
        rebuilt = store.get(("auto", pattern, int(flags)))
        fresh = fastre._choose(pattern, flags)
        assert rebuilt is not None and type(rebuilt) is type(fresh)
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groupindex,
        )
        assert [m.span() for m in rebuilt.finditer(TEXT)] == [
            m.span() for m in fresh.finditer(TEXT)
        ]
    doubled = store.get(("regex", r"\b(\w+)\s+\1\b", int(fastre.regex.I)))
    assert isinstance(doubled, fastre.regex.Pattern)
    assert doubled.search("it was The the end").group() == "The the"


def test_a_stored_pattern_is_not_compiled_again(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store_path)
    startup_store.use(StartupStore(store_path))

    def fail(pattern: str, flags: int) -> None:
        raise AssertionError(f"compiled again: {pattern}")

    monkeypatch.setattr(fastre, "_choose", fail)
    assert fastre.compile(*SAMPLES[0]).search("60.06 billion yuan").group("n") == "60.06"


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps(("another python", {("auto", "x", 0): ("re", ())}))],
)
def test_a_damaged_or_foreign_store_is_a_miss(store_path: Path, content: bytes) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    store = StartupStore(store_path)
    assert store.known == {}
    startup_store.use(store)
    assert fastre.compile(r"\d+").findall("a 12 b 3") == ["12", "3"]
    startup_store.close()
    assert len(StartupStore(store_path).known) == 1


def test_an_entry_that_cannot_be_rebuilt_is_compiled(store_path: Path) -> None:
    _fill(store_path)
    store = StartupStore(store_path)
    key = ("auto", *SAMPLES[0])
    store.known[key] = ("re", ("wrong", "arguments"))
    assert store.get(key) is None
    startup_store.use(store)
    assert fastre.compile(*SAMPLES[0]).search("60 billion").group("n") == "60"


def test_check_keeps_patterns_in_the_cache_folder_unless_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.md"
    article.write_text("The fund holds 60 billion yuan,it said on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["check", "--no-cache", "--format", "concise", "a.md"])
    assert not (tmp_path / ".factlint_cache").exists()
    second = runner.invoke(main, ["check", "--format", "concise", "a.md"])
    assert (tmp_path / ".factlint_cache" / FILE_NAME).is_file()
    assert startup_store.current() is None  # the command let go of it
    third = runner.invoke(main, ["check", "--format", "concise", "a.md"])
    assert first.output == second.output == third.output
    assert "a.md:1:27: FL604" in first.output


def test_a_new_process_answers_its_patterns_from_the_store(tmp_path: Path) -> None:
    """Every pattern a one-article run compiles is stored, with the same text each run
    (an alternation built from a set must not change order between processes)."""
    article = tmp_path / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    spies = (
        "from factlint import fastre, startup_store\n"
        "misses = []\n"
        "choose = fastre._choose\n"
        "def counted(p, f):\n"
        "    if startup_store.current() is not None: misses.append(p)\n"
        "    return choose(p, f)\n"
        "fastre._choose = counted\n"
    )
    args = "'check', 'a.md', '-o', 'out.txt'"
    runs = [_new_process(tmp_path, spies, args, "print(len(misses))") for _ in range(2)]
    assert int(runs[0].stdout.split()[-1]) > 100  # the first run compiles and stores
    assert runs[1].stdout.split()[-1] == "0", runs[1].stderr


def test_a_derived_value_comes_back_while_its_stamp_holds(store_path: Path) -> None:
    calls: list[str] = []

    def derive(text: str) -> dict[str, str]:
        calls.append(text)
        return {"parsed": text}

    startup_store.use(StartupStore(store_path))
    assert startup_store.remembered("rule a", "v1", lambda: derive("v1")) == {"parsed": "v1"}
    startup_store.close()
    startup_store.use(StartupStore(store_path))
    assert startup_store.remembered("rule a", "v1", lambda: derive("v1")) == {"parsed": "v1"}
    assert calls == ["v1"]  # the second process did not derive it again
    assert startup_store.remembered("rule a", "v2", lambda: derive("v2")) == {"parsed": "v2"}
    assert calls == ["v1", "v2"]  # a new stamp derives again
    startup_store.close()
    startup_store.use(None)
    assert startup_store.remembered("rule a", "v2", lambda: derive("v2")) == {"parsed": "v2"}
    assert calls == ["v1", "v2", "v2"]  # without a store nothing is kept


def test_a_value_that_cannot_be_pickled_is_derived_and_not_kept(store_path: Path) -> None:
    store = StartupStore(store_path)
    assert store.value("lock", "v1", lambda: lambda: 1)() == 1
    assert store.added == {}


def test_a_second_process_parses_no_yaml_and_reads_no_dictionary(tmp_path: Path) -> None:
    """A second process reads the shipped YAML rules' trees, the ledger's entries, the
    config, the article's unchanged front matter and codespell's index from the store:
    it does not import yaml, and does not read codespell's dictionary."""
    article = tmp_path / "a.md"
    body = "They are familiar with global buisness practices.\n"
    article.write_text(f"---\ntitle: Business\ndate: 2025-01-20\n---\n{body}", encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    spies = (
        "from factlint.checks import misspelling\n"
        "calls = []\n"
        "index = misspelling._index\n"
        "misspelling._index = lambda *a: calls.append('index') or index(*a)\n"
    )
    args = "'check', 'a.md', '-o', 'out.txt'"
    report = "print(calls, 'yaml' in sys.modules, code, open('out.txt').read().count('FL607'))"
    runs = [_new_process(tmp_path, spies, args, report).stdout.strip() for _ in range(2)]
    # fail-on: error from the config: a warning does not fail the run.
    assert runs == ["['index'] True 0 1", "[] False 0 1"]
    article.write_text(f"---\ntitle: Busyness\n---\n{body}", encoding="utf-8")
    third = _new_process(tmp_path, spies, args, report).stdout.strip()
    assert third == "[] True 0 1"  # new front matter: parsed, with yaml


def _make_point() -> type:
    @dataclasses.dataclass(frozen=True, slots=True, order=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    return Point


def test_dataclass_methods_compiled_from_the_store_behave_alike(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _make_point()
    startup_store.use(StartupStore(store_path))
    first = _make_point()
    startup_store.close()
    assert "exec" not in vars(dataclasses)  # the store let go of dataclasses
    startup_store.use(StartupStore(store_path))

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(startup_store, "compile", no_compile, raising=False)
    stored = _make_point()
    for cls in (first, stored):
        p, same = cls(1, tags=("a",)), cls(1, 0, ("a",))
        assert repr(p) == "_make_point.<locals>.Point(x=1, y=0, tags=('a',))"
        assert p == same and hash(p) == hash(same) and p < cls(2)
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 2  # type: ignore[misc]
        assert cls.__init__.__annotations__ == plain.__init__.__annotations__
        assert cls.__init__.__code__.co_filename == plain.__init__.__code__.co_filename


def test_what_workers_work_out_is_kept_for_the_next_process(tmp_path: Path) -> None:
    """After a run on worker processes, a new process checking one article derives no
    value and compiles at most a few patterns, those only a run in one process uses (its
    report's): the workers handed theirs to the parent's store. Without that run, it
    compiles hundreds; after it, a second such process compiles nothing."""
    from factlint.parallel import MIN_PARALLEL

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(MIN_PARALLEL + 4):
        (folder / f"a{n}.txt").write_text(f"{TEXT}\nEdition {n}.\n", encoding="utf-8")
    spies = (
        "from factlint import fastre, startup_store\n"
        "compiled, derived = [], []\n"
        "choose, value = fastre._choose, startup_store.StartupStore.value\n"
        "def counted(p, f):\n"
        "    compiled.append(p)\n"
        "    return choose(p, f)\n"
        "def deriving(self, name, stamp, derive):\n"
        "    return value(self, name, stamp, lambda: derived.append(name) or derive())\n"
        "fastre._choose = counted\n"
        "startup_store.StartupStore.value = deriving\n"
    )
    report = "import json; print(json.dumps([len(compiled), derived]))"

    def one_article(cwd: Path) -> tuple[int, list[str]]:
        cwd.mkdir(exist_ok=True)
        (cwd / "one.txt").write_text(f"{TEXT}\nA new edition.\n", encoding="utf-8")
        run = _new_process(cwd, spies, "'check', 'one.txt', '-o', 'out.txt'", report)
        assert (cwd / "out.txt").is_file(), run.stderr
        count, names = json.loads(run.stdout)
        return count, names

    assert one_article(tmp_path / "elsewhere")[0] > 100
    pooled = _new_process(tmp_path, "", "'check', 'articles', '-j', '2', '-o', 'all.txt'", "")
    assert pooled.returncode == 0 and (tmp_path / "all.txt").is_file(), pooled.stderr
    count, derived = one_article(tmp_path)
    assert count <= 3 and derived == []
    assert one_article(tmp_path) == (0, [])


def test_a_metadata_file_is_parsed_once_while_its_text_holds(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factlint import engine

    parsed: list[str] = []
    parse = engine._parsed_metadata

    def counted(path: str, text: str) -> Any:
        parsed.append(text)
        return parse(path, text)

    monkeypatch.setattr(engine, "_parsed_metadata", counted)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "sources.yaml").write_text("a.txt:\n  date: 2024-01-02\n")
    for _ in range(2):
        startup_store.use(StartupStore(store_path))
        data, error = engine.read_metadata(folder, "sources.yaml")
        startup_store.close()
        assert error is None and data == {"a.txt": {"date": datetime.date(2024, 1, 2)}}
    assert len(parsed) == 1  # the second run took it from the store
    (folder / "sources.yaml").write_text("a.txt:\n  date: 2024-01-03\n")
    startup_store.use(StartupStore(store_path))
    data, _ = engine.read_metadata(folder, "sources.yaml")
    assert data == {"a.txt": {"date": datetime.date(2024, 1, 3)}} and len(parsed) == 2


@pytest.fixture
def shipped_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where stores look for the shipped patterns in this test (nothing there yet)."""
    path = tmp_path / "package" / "compiled.pickle"
    monkeypatch.setattr(startup_store, "SHIPPED", path)
    return path


def test_a_store_falls_back_to_the_shipped_patterns_and_keeps_them(
    store_path: Path, shipped_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(shipped_path)  # a store file written by this very code, as a build writes one
    startup_store.use(StartupStore(store_path))

    def fail(pattern: str, flags: int) -> None:
        raise AssertionError(f"compiled again: {pattern}")

    monkeypatch.setattr(fastre, "_choose", fail)
    assert fastre.compile(*SAMPLES[0]).search("60.06 billion yuan").group("n") == "60.06"
    startup_store.close()
    # The folder's store now holds the pattern itself: the next run reads no shipped file.
    shipped_path.unlink()
    assert StartupStore(store_path).get(("auto", SAMPLES[0][0], 0)) is not None


def test_a_store_that_keeps_nothing_answers_from_the_shipped_file_only(
    tmp_path: Path, shipped_path: Path
) -> None:
    _fill(shipped_path)
    before = sorted(tmp_path.rglob("*"))
    store = StartupStore(None)
    assert store.get(("auto", *SAMPLES[1])) is not None
    assert store.get(("auto", r"not (shipped)", 0)) is None
    startup_store.use(store)
    assert fastre.compile(r"not (shipped)").search("not shipped") is not None
    assert startup_store.remembered("rule a", "v1", lambda: {"parsed": "v1"}) == {"parsed": "v1"}
    assert startup_store.current() is store and store.path is None  # in use, keeping nothing
    startup_store.close()
    assert store.added == {} and sorted(tmp_path.rglob("*")) == before


def test_a_value_of_a_text_alone_comes_back_from_the_shipped_file_for_the_same_text(
    tmp_path: Path, shipped_path: Path
) -> None:
    derived: list[bytes] = []

    def parse(data: bytes) -> Callable[[], dict[str, str]]:
        return lambda: derived.append(data) or {"parsed": data.decode()}

    startup_store.use(StartupStore(shipped_path))  # as a build writes the wheel's file
    assert startup_store.remembered_content("data a.yaml", b"a: 1", parse(b"a: 1")) == {
        "parsed": "a: 1"
    }
    startup_store.close()
    before = sorted(tmp_path.rglob("*"))
    startup_store.use(StartupStore(None))  # --no-cache: keeps nothing, reads the wheel's
    try:
        assert startup_store.remembered_content("data a.yaml", b"a: 1", parse(b"a: 1")) == {
            "parsed": "a: 1"
        }
        assert derived == [b"a: 1"]  # the build's value: not derived again
        # Another text, or the same text under another name, is derived again; a value
        # that will not be kept comes from the quicker way when one is given.
        assert startup_store.remembered_content("data a.yaml", b"a: 2", parse(b"a: 2"))
        assert startup_store.remembered_content("data b.yaml", b"a: 1", parse(b"a: 1"))
        quick = startup_store.remembered_content(
            "data a.yaml", b"a: 3", parse(b"a: 3"), unkept=lambda: {"quick": "a: 3"}
        )
        assert quick == {"quick": "a: 3"} and derived == [b"a: 1", b"a: 2", b"a: 1"]
    finally:
        startup_store.close()
    assert sorted(tmp_path.rglob("*")) == before


def test_values_of_a_text_alone_are_kept_past_the_allowance_for_front_matter(
    store_path: Path, tmp_path: Path
) -> None:
    """A run over many articles fills its allowance of values with their front matter;
    the word lists and dictionaries its rules read, derived here or in a worker, are
    kept all the same."""
    parent, worker = StartupStore(store_path), StartupStore(tmp_path / "worker.pickle")
    for n in range(startup_store.MAX_NEW_VALUES + 5):
        parent.value(f"front matter {n}", "", lambda n=n: {"n": n})
        worker.value(f"front matter {n}", "", lambda n=n: {"n": n})
    parent.content("data a.yaml", b"a: 1", lambda: {"a": 1})
    worker.content("codespell dictionary", b"teh->the", lambda: {"teh": "the"})
    parent.merge(worker.take_new())
    parent.save()
    kept = StartupStore(store_path)
    assert kept.value("front matter 0", "", lambda: "derived") == {"n": 0}
    assert kept.value(f"front matter {startup_store.MAX_NEW_VALUES}", "", lambda: "derived") == (
        "derived"
    )
    assert kept.content("data a.yaml", b"a: 1", lambda: "derived") == {"a": 1}
    assert kept.content("codespell dictionary", b"teh->the", lambda: "derived") == {"teh": "the"}


def test_a_shipped_file_from_other_code_is_not_read(shipped_path: Path) -> None:
    shipped_path.parent.mkdir(parents=True)
    key = ("auto", *SAMPLES[0])
    shipped_path.write_bytes(pickle.dumps(("another factlint", {key: ("re", ())})))
    assert StartupStore(None).get(key) is None


def test_no_cache_compiles_only_what_the_shipped_patterns_lack(tmp_path: Path) -> None:
    """`write_shipped` in a new process, as a build runs it; then `check --no-cache` in
    another compiles almost nothing, writes no cache folder, and reports the same."""
    shipped = tmp_path / "compiled.pickle"
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from factlint.startup_store import write_shipped\n"
            "print(write_shipped(Path(sys.argv[1]), sys.argv[2:]))",
            str(shipped),
            str(SEED),
        ],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    assert int(build.stdout) > 500  # the modules' patterns and classes, and the rules'
    article = tmp_path / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    spies = (
        "from pathlib import Path\n"
        "from factlint import fastre, startup_store\n"
        f"startup_store.SHIPPED = Path({str(shipped)!r}) if {{ship}} else Path('none')\n"
        "misses, derived = [], []\n"
        "choose = fastre._choose\n"
        "fastre._choose = lambda p, f: misses.append(p) or choose(p, f)\n"
        "content = startup_store.StartupStore.content\n"
        "def deriving(self, name, data, derive, unkept=None):\n"
        "    return content(self, name, data, lambda: derived.append(name) or derive(),\n"
        "                   lambda: derived.append(name) or (unkept or derive)())\n"
        "startup_store.StartupStore.content = deriving\n"
    )
    args = "'check', '--no-cache', 'a.md', '-o', 'out.txt'"
    report = "print(len(misses), code, len(derived))"
    counts = []
    for ship in (True, False):
        run = _new_process(tmp_path, spies.replace("{ship}", str(ship)), args, report)
        counts.append(run.stdout.split())
        reports = (tmp_path / "out.txt").read_text(encoding="utf-8")
        assert "a.md:" in reports, run.stderr
        if ship:
            shipped_report = reports
    assert int(counts[0][0]) <= 3 and int(counts[1][0]) > 100
    # The phrase lists, rule files and dictionaries, parsed by the build: none again.
    assert int(counts[0][2]) == 0 and int(counts[1][2]) >= 10
    assert counts[0][1] == counts[1][1] and shipped_report == reports
    assert not (tmp_path / ".factlint_cache").exists()


@pytest.mark.slow
def test_the_built_package_ships_patterns_stamped_for_its_own_code(tmp_path: Path) -> None:
    """setup.py's build step writes compiled.pickle into the built package, stamped for
    the code beside it (not for the checkout it was built from)."""
    built = tmp_path / "lib"
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(built)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pickle; from factlint import startup_store as s\n"
            "stamp, entries = pickle.loads(s.SHIPPED.read_bytes())\n"
            "print(s.SHIPPED.parent.parent == __import__('pathlib').Path.cwd(), "
            "stamp == s._stamp(), len(entries))",
        ],
        cwd=built,
        env={**ENV, "PYTHONPATH": str(built)},
        capture_output=True,
        text=True,
    )
    same_folder, same_stamp, count = check.stdout.split()
    assert (same_folder, same_stamp) == ("True", "True"), check.stderr
    assert int(count) > 500
