"""Whether two figures about the same thing disagree, and how.

`compare(a, b)` is pure: the caller has already decided that `a` and `b` are about the
same subject. It returns None when the figures cannot be compared (different kinds or
currencies, different stated years) or when they agree, else a `Verdict`:

- "magnitude-slip": the values differ by a power of ten (10, 100, 1000, ... within 1%
  plus the precision the digits imply) and the statements cannot both be true, or carry
  the same qualifier ("up to $70 billion" vs "up to $700 billion").
- "rounded": one figure is the other rounded or truncated to fewer digits ("60 billion"
  vs "60.06 billion"): the precise value lies in [v - p, v + 2p) around the coarse value v
  with precision p (half a unit of its last digit; truncation reaches a full unit up).
  Only when both carry the same unhedged qualifier; "about 60 billion" simply agrees.
- "conflict": the intervals, widened by qualifiers and by each figure's precision, do not
  overlap, and it is not a slip.

Units: money compares only in one currency ("$" matches "USD"; "¥" matches only "¥");
counts, measures and points only in one unit; a bare number matches a count; a fraction
("a third") is never compared with a percentage. Figures whose sentences state
different years (`time_scope`) are a change over time and are not compared; the caller
resolves "rel:" scopes against the publication date first if it wants them compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from factlint.claims import Quantity

__all__ = ["Verdict", "comparable", "compare", "is_hedged", "resolve_time_scope"]

_HEDGED = frozenset({"APPROX", "NEARLY"})


def is_hedged(q: Quantity) -> bool:
    """Whether the writer gave `q` as an estimate ("about", "nearly")."""
    return q.qualifier in _HEDGED


_POWERS = {1: "a tenth", 2: "a hundredth", 3: "a thousandth"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one figure disagrees with another: the kind of disagreement and a short explanation."""

    kind: str  # "conflict" | "magnitude-slip" | "rounded"
    detail: str  # short human explanation, e.g. "$70 billion is a tenth of $700 billion"


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether the two figures measure the same kind of thing in the same unit."""
    if a.time_scope and b.time_scope and a.time_scope != b.time_scope:
        return False  # a change over time, not a disagreement
    if a.kind != b.kind:
        return {a.kind, b.kind} == {"count", "number"}
    if a.kind == "money":
        return a.unit == b.unit or {a.unit, b.unit} == {"$", "USD"}
    if a.kind in ("count", "measure", "points"):
        return a.unit == b.unit
    return True


def resolve_time_scope(scope: str, published: date | None) -> str:
    """A figure's time scope with "rel:N" resolved against the publication year.

    "rel:-1" published in 2026 -> "2025"; without a publication date a relative scope
    cannot be placed and stays as it is (it then equals only the same token).
    """
    if not scope.startswith("rel:") or published is None:
        return scope
    try:
        return str(published.year + int(scope[4:]))
    except ValueError:
        return scope


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval a figure allows: its qualifier's, widened by its precision."""
    return q.lower - q.precision, q.upper + q.precision


def _meets(x: tuple[float, float], y: tuple[float, float], a: Quantity, b: Quantity) -> bool:
    """Whether two intervals share a value.

    Rounding intervals are half-open: "60 billion" [59.5, 60.5) and "61 billion"
    [60.5, 61.5) only touch, so they do not meet; an exact figure (a fraction, a
    multiplier word) is a point and meets an interval that ends on it.
    """
    eps = 1e-9 * max(abs(a.value), abs(b.value), abs(a.value_high), abs(b.value_high), 1e-300)
    low, high = max(x[0], y[0]), min(x[1], y[1])
    if low < high - eps:
        return True
    if abs(high - low) <= eps:
        return x[1] - x[0] <= eps or y[1] - y[0] <= eps
    return False


def _power_of_ten(small: float, big: float, p_small: float, p_big: float) -> int:
    """k >= 1 when big / small is 10**k within 1% plus the figures' relative precision."""
    if small <= 0 or big <= 0 or big <= small:
        return 0
    ratio = big / small
    k = round(math.log10(ratio))
    if k < 1:
        return 0
    tolerance = 0.01 + p_small / small + p_big / big
    return k if abs(ratio / 10.0**k - 1.0) <= tolerance else 0


def _figure(q: Quantity) -> str:
    """The figure without its qualifier ("up to $70 billion" -> "$70 billion")."""
    from factlint.extract.numbers import QUALIFIER_PREFIX

    return QUALIFIER_PREFIX.sub("", q.raw, count=1) or q.raw


def _slip(a: Quantity, b: Quantity, overlap: bool) -> Verdict | None:
    if overlap and a.qualifier != b.qualifier:
        return None
    small, big = (a, b) if abs(a.value) <= abs(b.value) else (b, a)
    if (small.value < 0) != (big.value < 0):
        return None
    k = _power_of_ten(abs(small.value), abs(big.value), small.precision, big.precision)
    if k == 0:
        return None
    if small.is_range or big.is_range:
        k_high = _power_of_ten(
            abs(small.value_high), abs(big.value_high), small.precision, big.precision
        )
        if k_high != k:
            return None
    share = _POWERS.get(k, f"1/{10**k:,}")
    return Verdict("magnitude-slip", f"{_figure(small)} is {share} of {_figure(big)}")


def _rounded(a: Quantity, b: Quantity) -> Verdict | None:
    if a.precision == b.precision or a.qualifier != b.qualifier or is_hedged(a):
        return None
    coarse, fine = (a, b) if a.precision > b.precision else (b, a)
    p = coarse.precision
    for c, f in ((coarse.value, fine.value), (coarse.value_high, fine.value_high)):
        if not c - p <= f < c + 2 * p:
            return None
    return Verdict("rounded", f"{_figure(coarse)} is {_figure(fine)} rounded")


def compare(a: Quantity, b: Quantity) -> Verdict | None:
    """How `b` disagrees with `a`, or None when they agree or cannot be compared."""
    if not comparable(a, b):
        return None
    if (a.value, a.value_high, a.qualifier) == (b.value, b.value_high, b.qualifier):
        return None
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    overlap = _meets((a_low, a_high), (b_low, b_high), a, b)
    slip = _slip(a, b, overlap)
    if slip is not None:
        return slip
    rounded = _rounded(a, b)
    if rounded is not None:
        return rounded
    if overlap:
        return None
    return Verdict("conflict", f"{a.raw} does not match {b.raw}")
