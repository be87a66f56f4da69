"""FL107 change-arithmetic: a change that does not match the two figures it runs between.

Read where one sentence gives all three figures, in the fixed forms news copy uses

    <verb> by X, from A to B            "was revised up by 34,000, from 256,000 to 290,000"
    <verb> X to B from A                "rose 65.7% to $4.16 billion from $2.51 billion"
    from A to B, <a rise|a drop|...> of X, or <up|down> X

or by their cues, in any order, in one clause: the figure reached ("to", "hitting",
"reaching"), the one it started from ("from", "up from a year-ago", "compared with")
next to it or one figure away, and the change told with them ("increased 9.3 percent
..., hitting $1.9 billion, up from a year-ago $1.6 billion"; "revised down to 248,000,
a decline of 78,000 from the prior stated 326,000"). A clause break (";", ", and", ",
while", ", which") between them makes them two statements.

The change is an amount (B - A) when X is of A's and B's kind, or a percent change
((B - A) / A) when X is a percentage and A and B are amounts. Between two percentages
a change in percent may be in points or relative: it is read both ways. Nothing else:
not "rose 5% to 120" (no starting figure), not a range or a figure hedged with
"about", "nearly" or "more than", not figures of different units or scales ("from 1.2
to 1.5 million" leaves the first scale unsaid). The figures' own rounding is allowed
for ("from 1.2 million to 1.5 million, up 300,000" holds however the millions were
rounded).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from factlint import fastre
from factlint.analysis import Analysis
from factlint.claims import Quantity
from factlint.extract.numbers import figure_role
from factlint.model import Finding, RuleMeta, Severity
from factlint.rule import Context

SCOPE = "document"

RULES = (
    RuleMeta(
        id="FL107",
        name="change-arithmetic",
        category="number",
        severity=Severity.WARNING,
        summary="A change does not match the two figures it runs between",
        rationale=(
            "'Revised up by 43,000, from 256,000 to 290,000' cannot be right: the two "
            "figures differ by 34,000, so a digit of one of the three slipped. Only a "
            "change told in one clause with the figure it started from ('from', 'up from "
            "a year-ago', 'compared with') and the one it reached ('to', 'hitting') is "
            "read, with figures of one kind and unit; a percent change is computed from "
            "the two figures, a change between two percentages is read in points and in "
            "percent, and the rounding the digits imply is allowed for."
        ),
        examples_fail=(
            "Payrolls for November were revised up by 43,000, from 256,000 to 290,000.\n",
            "Revenue rose from $120 million to $150 million, an increase of 20%.\n",
        ),
        examples_pass=(
            "Payrolls for November were revised up by 34,000, from 256,000 to 290,000.\n",
            "Revenue rose from $120 million to $150 million, an increase of 25%.\n",
            "Unemployment fell by 0.2 percentage points, from 4.1% to 3.9%.\n",
            "Sales rose by about 10%, from 1,200 to 1,350 units.\n",
        ),
    ),
)

OPTIONS: Mapping[str, type] = {}
DEFAULTS: Mapping[str, Any] = {}

# What stands between the figures of each form, matched on the text between them.
_THEN_FROM = fastre.compile(r"(?i:,?\s+from\s+)$")
_FROM = fastre.compile(r"(?i:\bfrom\s+)$")
# "from 256,000 to 290,000", "from 256,000 jobs to 290,000".
_TO = fastre.compile(r"(?i:(?:\s+[\p{L}\-]+)?\s+to\s+)$")
_TO_ONLY = fastre.compile(r"(?i:\s+to\s+)$")
_FROM_ONLY = fastre.compile(r"(?i:\s+from\s+)$")
# The cues `_cued` reads: the figure started from, the figure reached, and what ends one
# statement inside a sentence and starts another.
_FROM_CUE = fastre.compile(
    r"(?i:\b(?:from|compared\s+(?:with|to))\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\p{Ll}'’\-]+\s+){0,3})$"
)
_TO_CUE = fastre.compile(r"(?i:\b(?:to|hitting|reaching)\s+(?:an?\s+(?:record\s+)?)?)$")
_CLAUSE_BREAK = fastre.compile(
    r"(?i:[;:]|[,\s]+(?:while|whereas|meanwhile|but|although|though|and|which|who)\b)"
)
_CHANGE_NOUN_AFTER = fastre.compile(
    r"(?i:,?\s+(?:(?:an?|the)\s+)?(?:(?:net|total|overall)\s+)?"
    r"(?:increase|rise|gain|jump|climb|drop|decline|fall|decrease|reduction|cut|loss|"
    r"change|difference|swing)\s+of\s+|,\s+(?:up|down)\s+(?:by\s+)?)$"
)
# Changes in percent that are not arithmetic on the two figures.
_NOT_ARITHMETIC = fastre.compile(r"(?i:^\s*(?:a\s+year|annually|per\s+(?:year|annum)|a\s+month))")


_AMOUNTS = frozenset({"count", "money", "number", "measure"})


def _fits(a: Quantity, b: Quantity) -> bool:
    """Two figures of one kind and unit, each exact, both stated in full."""
    if a.is_range or b.is_range or a.qualifier or b.qualifier:
        return False
    counted = {a.kind, b.kind} == {"count", "number"}  # "from 256,000 jobs to 290,000"
    if not counted and (a.kind != b.kind or a.unit != b.unit):
        return False
    if a.kind not in _AMOUNTS and a.kind != "percent":
        return False
    # "from 1.2 to 1.5 million": the first figure's scale is left unsaid.
    return bool(a.scale) == bool(b.scale) or max(a.value, b.value) < 1000


def _rounding(q: Quantity) -> float:
    """How far a figure may be from what it rounds: its last digit's half, and for a
    whole amount of four digits or more, its trailing zeros' ("290,000": 5,000)."""
    digits = "".join(c for c in q.raw if c.isdigit() or c == ".")
    if q.kind == "percent" or "." in digits or len(digits) < 4:
        return q.precision
    zeros = len(digits) - len(digits.rstrip("0"))
    return q.precision * 10 ** min(zeros, len(digits) - 1)


def _ends_rounding(a: Quantity, b: Quantity) -> float:
    """The rounding of the two ends, which one writer gives to one precision: the finer
    one's ("from 153,000 to 150,000" is to the thousand, not the ten thousand)."""
    return min(_rounding(a), _rounding(b))


def _amount_gap(a: Quantity, b: Quantity, x: Quantity) -> float | None:
    """|B - A| when it is not X, allowing for the figures' rounding; else None."""
    diff = abs(b.value - a.value)
    slack = 2 * _ends_rounding(a, b) + _rounding(x)
    return diff if abs(diff - x.value) > slack * (1 + 1e-9) else None


def _percent_gap(a: Quantity, b: Quantity, x: Quantity) -> float | None:
    """(B - A) / A in percent when it is not X, allowing for rounding; else None."""
    if a.value <= 0:
        return None
    change = abs(b.value - a.value) / a.value * 100
    # The most the figures' rounding can move the change.
    r = _ends_rounding(a, b)
    worst = (abs(b.value - a.value) + 2 * r) / max(a.value - r, 1e-9) * 100
    slack = _rounding(x) + abs(worst - change)
    return change if abs(change - x.value) > slack * (1 + 1e-9) else None


def _amount(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:.4g} {word}"
    return f"{value:,.10g}"


def _points(points: float) -> str:
    return f"{points:.3g} point{'' if points == 1 else 's'}"


def _mismatch(a: Quantity, b: Quantity, x: Quantity) -> str | None:
    """What A to B is, when the change X does not fit it; None if it fits or the
    three cannot be read together."""
    if x.is_range or x.qualifier or x.value <= 0:
        return None
    if a.kind == "percent":
        if x.kind == "points":
            points = _amount_gap(a, b, x)
            return None if points is None else _points(points)
        if x.kind != "percent":
            return None
        points, relative = _amount_gap(a, b, x), _percent_gap(a, b, x)
        if points is None or relative is None:
            return None  # in points or in percent, one reading holds
        return f"{_points(points)}, or a change of {relative:.3g}%"
    if x.kind == "percent":
        relative = _percent_gap(a, b, x)
        return None if relative is None else f"a change of {relative:.3g}%"
    if (x.kind, x.unit) == (a.kind, a.unit) or (x.kind == "number" and a.kind != "money"):
        if a.scale and not x.scale and x.value < 1000 <= a.value:
            return None  # "up 3, from 1.2 million to 1.5 million": the scale left unsaid
        gap = _amount_gap(a, b, x)
        return None if gap is None else f"a change of {_amount(gap)}"
    return None


def _between(prose: str, pattern: Any, left: Quantity, right: Quantity) -> bool:
    """Whether all the text between two figures of one sentence is `pattern`."""
    if left.sentence != right.sentence:
        return False
    m = pattern.search(prose, left.span.end, right.span.start)
    return m is not None and m.start() == left.span.end


def _fixed_forms(
    prose: str, quantities: Sequence[Quantity]
) -> Iterator[tuple[Quantity, Quantity, Quantity]]:
    """(A, B, X) for each "from A to B" with its change X in one of the fixed forms."""
    for i in range(len(quantities) - 1):
        a, b = quantities[i], quantities[i + 1]
        before = quantities[i - 1] if i > 0 else None
        after = quantities[i + 2] if i + 2 < len(quantities) else None
        # "rose 10% to $1.2 billion from $1.1 billion": X, then B, then A.
        if (
            after is not None
            and _between(prose, _TO_ONLY, a, b)
            and _between(prose, _FROM_ONLY, b, after)
            and _is_change(prose, a)
            and _fits(after, b)
        ):
            yield after, b, a
            continue
        if not _between(prose, _TO, a, b) or not _fits(a, b):
            continue
        if not _FROM.search(prose, max(a.sentence.start, a.span.start - 6), a.span.start):
            continue
        # "revised up by 34,000, from 256,000 to 290,000", "rose 25% from 120 to 150".
        if (
            before is not None
            and _between(prose, _THEN_FROM, before, a)
            and _is_change(prose, before)
        ):
            yield a, b, before
            continue
        # "from 256,000 to 290,000, a rise of 34,000".
        if (
            after is not None
            and _between(prose, _CHANGE_NOUN_AFTER, b, after)
            and not _NOT_ARITHMETIC.match(prose, after.span.end, after.sentence.end)
        ):
            yield a, b, after


def _cued(
    prose: str, quantities: Sequence[Quantity]
) -> Iterator[tuple[Quantity, Quantity, Quantity]]:
    """(A, B, X) of one sentence's figures read by their cues, in any order: the one
    reached ("to", "hitting"), the one it started from ("from", "up from a year-ago",
    "compared with") next to it or one figure away, and the change nearest to them in
    the same clause ("rose 65.7% to $4.16 billion from $2.51 billion last year";
    "revised down to 248,000, a decline of 78,000 from the prior stated 326,000")."""
    for j, b in enumerate(quantities):
        if not _TO_CUE.search(prose, max(b.sentence.start, b.span.start - 30), b.span.start):
            continue
        for i in (j - 2, j - 1, j + 1, j + 2):
            if not 0 <= i < len(quantities) or quantities[i].sentence != b.sentence:
                continue
            a = quantities[i]
            if not _FROM_CUE.search(prose, max(a.sentence.start, a.span.start - 60), a.span.start):
                continue
            if not _fits(a, b):
                continue
            x = _nearest_change(prose, quantities, min(i, j), max(i, j))
            if x is not None:
                yield a, b, x


def _nearest_change(
    prose: str, quantities: Sequence[Quantity], first: int, last: int
) -> Quantity | None:
    """The change figure told with the figures first..last: between them, or right
    before or after them in the same clause."""
    inside = quantities[first + 1 : last]
    if _CLAUSE_BREAK.search(prose, quantities[first].span.end, quantities[last].span.start):
        return None  # two statements: "... to 290,000, and December's ... from 223,000"
    if inside:
        (x,) = inside
        return x if _is_change(prose, x) else None
    sentence = quantities[first].sentence
    for n, gap_start, gap_end in (
        (first - 1, None, quantities[first].span.start),
        (last + 1, quantities[last].span.end, None),
    ):
        if not 0 <= n < len(quantities) or quantities[n].sentence != sentence:
            continue
        x = quantities[n]
        start = x.span.end if gap_start is None else gap_start
        end = x.span.start if gap_end is None else gap_end
        if _is_change(prose, x) and not _CLAUSE_BREAK.search(prose, start, end):
            return x
    return None


def _is_change(prose: str, q: Quantity) -> bool:
    return q.kind in ("percent", "points", *_AMOUNTS) and figure_role(prose, q) == "change"


def _triples(
    prose: str, quantities: Sequence[Quantity]
) -> Iterator[tuple[Quantity, Quantity, Quantity]]:
    """(A, B, X) for each change read, each pair of figures once."""
    seen: set[tuple[int, int]] = set()
    for a, b, x in (*_fixed_forms(prose, quantities), *_cued(prose, quantities)):
        if (a.span.start, b.span.start) not in seen:
            seen.add((a.span.start, b.span.start))
            yield a, b, x


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    prose = analysis.doc.prose
    quantities = sorted(
        (q for q in analysis.quantities if q.converts < 0), key=lambda q: q.span.start
    )
    for a, b, x in _triples(prose, quantities):
        why = _mismatch(a, b, x)
        if why is None:
            continue
        yield ctx.finding(
            "FL107",
            analysis.doc,
            x.span,
            f"a change of {x.raw} does not fit {a.raw} to {b.raw}, which is {why}",
            key=f"change|{a.raw}|{b.raw}|{x.raw}",
        )
