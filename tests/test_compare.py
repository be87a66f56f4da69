"""compare(): two figures about the same thing, each failing pair beside an agreeing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.analysis import Analysis
from factlint.claims import Quantity
from factlint.compare import Verdict, comparable, compare
from factlint.document import build_document
from factlint.extract.numbers import extract_quantities
from factlint.model import Span


def _q(text: str) -> Quantity:
    (q,) = extract_quantities(text, (Span(0, len(text)),))
    return q


CASES: list[tuple[str, str, str | None]] = [
    # Rounding: the coarse figure contains the precise one; a hedge makes it agree.
    ("60 billion yuan", "60.06 billion yuan", "rounded"),
    ("about 60 billion yuan", "60.06 billion yuan", None),
    ("60 billion yuan", "60.7 billion yuan", "rounded"),
    ("60 billion yuan", "61.2 billion yuan", "conflict"),
    ("60 billion yuan", "60 billion yuan", None),
    ("sixty billion yuan", "60.06 billion yuan", "rounded"),
    # Powers of ten.
    ("$70 billion", "$700 billion", "magnitude-slip"),
    ("$70 billion", "$75 billion", "conflict"),
    ("up to $70 billion", "up to $700 billion", "magnitude-slip"),
    ("up to $700 billion", "up to $700 billion", None),
    ("up to $70 billion", "$700 billion", "magnitude-slip"),
    ("up to $700 billion", "$70 billion", None),
    ("$70 million", "$70 billion", "magnitude-slip"),
    ("$70 million", "$70m", None),
    ("60.06 billion yuan", "6 billion yuan", "magnitude-slip"),
    # Plain conflicts.
    ("66 billion yuan", "60.06 billion yuan", "conflict"),
    ("60 billion yuan", "61 billion yuan", "conflict"),
    ("60.1 billion", "60.2 billion", "conflict"),
    # Qualifiers.
    ("30%", "nearly 30%", None),
    ("33%", "nearly 30%", "conflict"),
    ("more than 400 models", "450 models", None),
    ("more than 400 models", "300 models", "conflict"),
    ("at least 18 years", "21 years", None),
    ("at least 18 years", "16 years", "conflict"),
    ("less than a 20% chance", "15%", None),
    ("less than a 20% chance", "25%", "conflict"),
    ("about 5,000 people", "5,400 people", None),
    ("about 5,000 people", "6,000 people", "conflict"),
    # Ranges and exact fractions.
    ("5 to 10 years", "7 years", None),
    ("5 to 10 years", "12 years", "conflict"),
    ("1/6 to 1/4", "1/5", None),
    ("1/6 to 1/4", "a third of", "conflict"),
    ("1/6 to 1/4", "1/4", None),
    # Units that cannot be compared.
    ("60 billion yuan", "$60 billion", None),
    ("$8.69 billion", "US$8.69 billion", None),
    ("$8.69 billion", "US$86.9 billion", "magnitude-slip"),
    ("¥40,000", "40,000 yen", None),
    ("30%", "30 percentage points", None),
    ("910 million downloads", "125 million models", None),
    ("910 million downloads", "125 million", "conflict"),
    ("17 times higher", "18 times higher", "conflict"),
    ("17 times higher", "17 times higher", None),
]


@pytest.mark.parametrize(("a", "b", "kind"), CASES, ids=[f"{a} | {b}" for a, b, _ in CASES])
def test_compare(a: str, b: str, kind: str | None) -> None:
    verdict = compare(_q(a), _q(b))
    assert (verdict.kind if verdict else None) == kind
    # The order of the two figures does not change the kind of verdict.
    reverse = compare(_q(b), _q(a))
    assert (reverse.kind if reverse else None) == kind


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (
            "$70 billion",
            "$700 billion",
            Verdict("magnitude-slip", "$70 billion is a tenth of $700 billion"),
        ),
        (
            "up to $70 billion",
            "up to $700 billion",
            Verdict("magnitude-slip", "$70 billion is a tenth of $700 billion"),
        ),
        (
            "60 billion yuan",
            "60.06 billion yuan",
            Verdict("rounded", "60 billion yuan is 60.06 billion yuan rounded"),
        ),
        (
            "66 billion yuan",
            "60.06 billion yuan",
            Verdict("conflict", "66 billion yuan does not match 60.06 billion yuan"),
        ),
        (
            "$70 million",
            "$70 billion",
            Verdict("magnitude-slip", "$70 million is a thousandth of $70 billion"),
        ),
    ],
)
def test_detail(a: str, b: str, verdict: Verdict) -> None:
    assert compare(_q(a), _q(b)) == verdict


def test_different_years_are_not_compared() -> None:
    text = "Usage was 1.2% at the end of 2024. In 2025 it was nearly 30%."
    first, second = extract_quantities(text, (Span(0, 34), Span(35, len(text))))
    assert (first.time_scope, second.time_scope) == ("2024", "2025")
    assert not comparable(first, second)
    assert compare(first, second) is None
    # Near miss: the same stated year.
    text = "Usage was 1.2% in 2024. In 2024 it was nearly 30%."
    first, second = extract_quantities(text, (Span(0, 23), Span(24, len(text))))
    assert compare(first, second) == Verdict("conflict", "1.2% does not match nearly 30%")


def _seed(name: str) -> tuple[Quantity, ...]:
    """The quantities of a seed article, read through the real document pipeline."""
    path = next((Path(__file__).parent.parent / "seeds").glob(f"{name}_*.txt"))
    doc, problem = build_document(str(path), path.read_bytes())
    assert problem is None
    return Analysis(doc).quantities


def _find(qs: tuple[Quantity, ...], raw: str) -> Quantity:
    return next(q for q in qs if q.raw == raw)


def test_seed_articles() -> None:
    a, b, c, d = _seed("000"), _seed("001"), _seed("002"), _seed("003")
    fund = compare(_find(a, "60 billion yuan"), _find(b, "60.06 billion yuan"))
    assert fund == Verdict("rounded", "60 billion yuan is 60.06 billion yuan rounded")
    capex = compare(_find(a, "up to $70 billion"), _find(b, "up to $700 billion"))
    assert capex == Verdict("magnitude-slip", "$70 billion is a tenth of $700 billion")
    # Different measures and different years are not disagreements.
    assert compare(_find(d, "over 400"), _find(c, "exceeded 100,000")) is None
    assert compare(_find(a, "1.2%"), _find(a, "nearly 30%")) is None
