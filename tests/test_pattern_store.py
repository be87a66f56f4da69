"""The pattern store: patterns rebuilt from stored opcodes match as freshly compiled ones."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint import fastre
from factlint.cli import main
from factlint.pattern_store import FILE_NAME, PatternStore
from tests.paths import ROOT

SAMPLES = [
    (r"(?P<n>\d[\d,.]*)\s*(?:billion|bn)\b", 0),  # re, a named group
    (r"\p{Lu}[\p{L}'’-]+", 0),  # regex: a Unicode property
    (r"(?i:said|says)\s+(\p{Lu}\w+)", 0),  # regex, a scoped flag
    (r"^\s*#", fastre.regex.M),  # re, a flag
]
SEED = ROOT / "seeds" / "000_b2a1cf249883d228.txt"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "cache" / FILE_NAME
    fastre.use_store(None)


def _fill(path: Path) -> None:
    fastre.use_store(PatternStore(path))
    for pattern, flags in SAMPLES:
        fastre.compile(pattern, flags)
    fastre.compile_regex(r"\b(\w+)\s+\1\b", fastre.regex.I)
    fastre.close_store()


def test_patterns_come_back_from_the_store_and_match_alike(store_path: Path) -> None:
    _fill(store_path)
    store = PatternStore(store_path)
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
    fastre.use_store(PatternStore(store_path))

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
    store = PatternStore(store_path)
    assert store.known == {}
    fastre.use_store(store)
    assert fastre.compile(r"\d+").findall("a 12 b 3") == ["12", "3"]
    fastre.close_store()
    assert len(PatternStore(store_path).known) == 1


def test_an_entry_that_cannot_be_rebuilt_is_compiled(store_path: Path) -> None:
    _fill(store_path)
    store = PatternStore(store_path)
    key = ("auto", *SAMPLES[0])
    store.known[key] = ("re", ("wrong", "arguments"))
    assert store.get(key) is None
    fastre.use_store(store)
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
    assert fastre._store is None  # the command let go of it
    third = runner.invoke(main, ["check", "--format", "concise", "a.md"])
    assert first.output == second.output == third.output
    assert "a.md:1:27: FL604" in first.output


def test_a_new_process_answers_its_patterns_from_the_store(tmp_path: Path) -> None:
    """Every pattern a one-article run compiles is stored, with the same text each run
    (an alternation built from a set must not change order between processes)."""
    article = tmp_path / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    script = (
        "import sys\n"
        "from factlint import fastre\n"
        "misses = []\n"
        "choose = fastre._choose\n"
        "def counted(p, f):\n"
        "    if fastre._store is not None: misses.append(p)\n"
        "    return choose(p, f)\n"
        "fastre._choose = counted\n"
        "from factlint.cli import main\n"
        "sys.argv = ['factlint', 'check', 'a.md', '-o', 'out.txt']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(len(misses))\n"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert int(runs[0].stdout.split()[-1]) > 100  # the first run compiles and stores
    assert runs[1].stdout.split()[-1] == "0", runs[1].stderr
