"""bench/fuzz.py's check of one input, without the fuzzer: what it accepts and rejects."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from tests.paths import ROOT, bench_module


@functools.cache
def _fuzz() -> tuple[Any, Any]:
    bench = bench_module("fuzz")
    return bench, bench.setup()


@pytest.mark.parametrize("seed", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_a_seed_article_passes(seed: str) -> None:
    bench, loaded = _fuzz()
    bench.one_input((ROOT / "seeds" / seed).read_bytes(), loaded)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe\x00\x00",
        b"---\ntitle: [unclosed\n---\nIt cost $5 billion.\n",
        b'"\xe2\x80\x9c' * 200,
        b"In 2024 it rose 30% to 1.2 million, said Ann Lee. " * 40,
    ],
)
def test_odd_bytes_pass(data: bytes) -> None:
    bench, loaded = _fuzz()
    bench.one_input(data, loaded)


def test_a_rule_that_fails_inside_fails_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.checks import doubled_word

    bench, loaded = _fuzz()

    def broken(*_: Any) -> Any:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(doubled_word, "doubled_words", broken)
    with pytest.raises(AssertionError, match="internal error in rule FL605"):
        bench.one_input(b"It was was late.\n", loaded)


def test_the_copy_with_a_changed_figure_differs_in_one_digit() -> None:
    bench, _ = _fuzz()
    assert bench._figure_changed(b"It cost 19 dollars.") == b"It cost 29 dollars."
    assert bench._figure_changed(b"no digits").startswith(b"no digits\n\nIt cost 12")
