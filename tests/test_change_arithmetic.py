"""FL107: a change that does not match the two figures it runs between.

Each failing case sits next to a passing near-miss; the column is the change's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import rule_findings, run_rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "by X, from A to B"
        ("Payrolls were revised up by 43,000, from 256,000 to 290,000.", [("FL107", 1, 29)]),
        ("Payrolls were revised up by 34,000, from 256,000 to 290,000.", []),
        ("Sales fell by 5,000 from 153,000 to 150,000.", [("FL107", 1, 15)]),
        ("Sales fell by 3,000 from 153,000 to 150,000.", []),
        ("Jobs fell by 300,000, from 1.5 million to 1.2 million.", []),
        # 1.5 and 1.2 million may be 0.2 to 0.4 million apart, not 0.5
        ("Jobs fell by 400,000, from 1.5 million to 1.2 million.", []),
        ("Jobs fell by 500,000, from 1.5 million to 1.2 million.", [("FL107", 1, 14)]),
        # a percent change from two amounts
        ("Revenue rose 20%, from $120 million to $150 million.", [("FL107", 1, 14)]),
        ("Revenue rose 25%, from $120 million to $150 million.", []),
        ("Revenue rose from $120 million to $150 million, an increase of 20%.", [("FL107", 1, 64)]),
        ("Revenue rose from $120 million to $150 million, an increase of 25%.", []),
        ("Revenue rose from $120 million to $150 million, up 25%.", []),
        # "X to B from A", the wire's order
        ("Net income rose 25% to $1.2 billion from $1.1 billion.", [("FL107", 1, 17)]),
        ("Net income rose 10% to $1.2 billion from $1.1 billion.", []),
        ("The index gained 2.5% to 4,500 from 4,400.", []),  # within the rounding
        # between two percentages: points, or percent
        ("Unemployment fell by 0.2 percentage points, from 4.1% to 3.9%.", []),
        ("Unemployment fell by 0.3 percentage points, from 4.1% to 3.9%.", []),  # 4.14 to 3.86
        ("Unemployment fell by 0.5 percentage points, from 4.1% to 3.9%.", [("FL107", 1, 22)]),
        ("The rate rose from 4% to 5%, an increase of 25%.", []),
        ("The rate rose from 4% to 5%, an increase of 1%.", []),
        ("The rate rose from 4% to 5%, an increase of 40%.", []),  # 3.5% to 5.4%, maybe
        ("The rate rose from 4.0% to 5.0%, an increase of 40%.", [("FL107", 1, 49)]),
        # read by their cues, in any order in one clause
        (
            "Sales increased 9.3 percent in the third quarter, hitting $1.9 billion, up from "
            "a year-ago $1.6 billion.",
            [("FL107", 1, 17)],
        ),
        (
            "Sales increased 18.8 percent in the third quarter, hitting $1.9 billion, up from "
            "a year-ago $1.6 billion.",
            [],
        ),
        (
            "Net income fell 65% in 2009, from $29.1 million in 2008 to $8.8 million.",
            [("FL107", 1, 17)],
        ),
        ("Net income fell 65% in 2009, from $25.1 million in 2008 to $8.8 million.", []),
        (
            "February was revised down to 248,000, a decline of 87,000 from the prior 326,000.",
            [("FL107", 1, 52)],
        ),
        ("February was revised down to 248,000, a decline of 78,000 from the prior 326,000.", []),
        ("Net income shrank to $1.6 million from $183.6 million, a 99 percent decline.", []),
        (
            "Net income shrank to $1.6 million from $183.6 million, a 90 percent decline.",
            [("FL107", 1, 58)],
        ),
        # a clause break: two statements, each with its own figures
        (
            "November was revised up by 34,000, from 256,000 to 290,000, and December was "
            "revised up by 37,000, from 223,000 to 260,000.",
            [],
        ),
        (
            "Payouts go from $0.04 a share to $0.10 a share, which matches an increase of $0.01.",
            [],
        ),
        (
            "Sales rose to $20.7 billion from $18.8 billion, while comparable sales rose "
            "3.6 percent.",
            [],
        ),
        # not read: hedged, ranges, scales left unsaid, no starting figure, a rate a year
        ("Sales rose by about 10%, from 1,200 to 1,350 units.", []),
        ("Sales rose by nearly 20%, from 1,200 to 1,350 units.", []),
        ("Prices rose by 20%, from 1.2 to 1.5 million.", []),
        ("Revenue rose 20% to $150 million.", []),
        ("Output grew from 100 to 121 tonnes, a rise of 10% a year.", []),
        ("In 2020, from 12 to 15, the team won 40 games.", []),
        ("The vote moved from 40% to 45%, a swing of 8 seats.", []),
    ],
)
def test_change_arithmetic(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL107", text) == expected


def test_message_shows_what_the_two_figures_make() -> None:
    text = "Payrolls for November were revised up by 43,000, from 256,000 to 290,000.\n"
    (finding,) = rule_findings("FL107", text)
    assert finding.message == (
        "a change of 43,000 does not fit 256,000 to 290,000, which is a change of 34,000"
    )
    assert text[finding.span.start : finding.span.end] == "43,000"


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    a=st.integers(min_value=1, max_value=10**7),
    b=st.integers(min_value=1, max_value=10**7),
)
def test_a_true_change_is_never_reported(a: int, b: int) -> None:
    verb = "rose" if b >= a else "fell"
    text = f"Output {verb} by {abs(b - a):,}, from {a:,} to {b:,}.\n"
    assert run_rule("FL107", text) == []
