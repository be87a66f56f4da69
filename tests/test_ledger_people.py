"""FL406 title-mismatch: people's titles against the ledger's `people`, by publication date.

The shipped ledger lists no people, so each test writes its own ledger to tmp_path.
Each failing case sits next to a passing near-miss.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.checks import ledger_people
from factlint.document import document_from_text
from factlint.ledger import Ledger, load_ledger
from factlint.model import Finding
from factlint.rule import Context

LEDGER = """\
people:
  - id: demis-hassabis
    name: Demis Hassabis
    variants: [Sir Demis Hassabis]
    title: CEO
    organisation: Google DeepMind
    period: {from: 2023-04}
    source:
      publisher: Google
      title: "Google DeepMind: Bringing together two world-class AI teams"
      date: 2023-04-20

  - id: brad-smith-counsel
    name: Brad Smith
    title: executive vice president and general counsel
    organisation: Microsoft
    period: {from: 2002, to: 2015-08}
    source: {publisher: Microsoft, title: Brad Smith biography, date: 2015-09}

  - id: brad-smith-president
    name: Brad Smith
    title: President
    organisation: Microsoft
    period: {from: 2015-09}
    source: {publisher: Microsoft, title: Brad Smith biography, date: 2015-09}

  - id: xi-jinping
    name: Xi Jinping
    title: President
    source: {publisher: Xinhua, title: Xi Jinping elected Chinese president, date: 2013-03-14}
"""

FEB_2026 = {"date": datetime.date(2026, 2, 17)}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    path = tmp_path_factory.mktemp("ledger") / "people.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return load_ledger([path])


def findings(text: str, ledger: Ledger | None, meta: dict[str, Any] | None = None) -> list[Finding]:
    analysis = Analysis(document_from_text(text, "a.md", meta))
    ctx = Context(rules={r.id: r for r in ledger_people.RULES}, ledger=ledger)
    return sorted(ledger_people.check(analysis, ctx), key=Finding.sort_key)


def positions(text: str, ledger: Ledger, meta: dict[str, Any] | None) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.col) for f in findings(text, ledger, meta)]


CASES = [
    # (id, text, metadata, expected (line, col))
    ("other-org", "Demis Hassabis, CEO of OpenAI, said so.\n", FEB_2026, [(1, 17)]),
    ("same-org", "Demis Hassabis, chief executive of Google DeepMind, said so.\n", FEB_2026, []),
    (
        "other-rank",
        "Demis Hassabis, deputy CEO of Google DeepMind, said so.\n",
        FEB_2026,
        [(1, 17)],
    ),
    ("another-post", "Google DeepMind chairman Demis Hassabis said so.\n", FEB_2026, []),
    ("wording-only", "Google DeepMind CEO Demis Hassabis said so.\n", FEB_2026, []),
    (
        "before-period",
        "Demis Hassabis, CEO of OpenAI, said so.\n",
        {"date": datetime.date(2020, 5, 1)},
        [],
    ),
    ("undated-bounded", "Demis Hassabis, CEO of OpenAI, said so.\n", None, []),
    ("undated-unbounded", "Vice President Xi Jinping visited Iowa.\n", None, [(1, 1)]),
    ("unbounded-agrees", "Chinese President Xi Jinping visited Iowa.\n", None, []),
    (
        "old-title-then",
        "Microsoft President Brad Smith testified.\n",
        {"date": datetime.date(2012, 3, 1)},
        [(1, 11)],
    ),
    (
        "old-title-now",
        "Microsoft President Brad Smith testified.\n",
        {"date": datetime.date(2020, 3, 1)},
        [],
    ),
    ("time-bound", "Demis Hassabis, former CEO of OpenAI, said so.\n", FEB_2026, []),
    ("no-title", "Demis Hassabis said the gap was months.\n", FEB_2026, []),
    ("unknown-person", "Sam Altman, CEO of Google DeepMind, said so.\n", FEB_2026, []),
]


@pytest.mark.parametrize(
    ("text", "meta", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_table(
    ledger: Ledger, text: str, meta: dict[str, Any] | None, expected: list[tuple[int, int]]
) -> None:
    assert positions(text, ledger, meta) == expected


def test_message_names_the_ledger_title_and_source(ledger: Ledger) -> None:
    (f,) = findings("Demis Hassabis, CEO of OpenAI, said so.\n", ledger, FEB_2026)
    assert (f.rule_id, f.severity.name, f.category) == ("FL406", "WARNING", "ledger")
    assert f.message == (
        "Demis Hassabis is 'CEO, OpenAI' here; the ledger has 'CEO, Google DeepMind' "
        "(since 2023-04), per Google, Google DeepMind: Bringing together two world-class "
        "AI teams (2023-04-20)"
    )
    assert (f.location.line, f.location.col, f.location.end_col) == (1, 17, 20)
    (related,) = f.related
    path = Path(related.location.path)
    assert path.name == "people.yaml"
    assert (related.location.line, related.location.col) == (2, 1)
    assert path.read_text().splitlines()[1].strip() == "- id: demis-hassabis"
    assert related.message.startswith("ledger demis-hassabis: CEO, Google DeepMind, per Google, ")
    assert f.key == "demis hassabis|ceo, openai|demis-hassabis"


def test_the_entry_for_the_date_is_named(ledger: Ledger) -> None:
    (f,) = findings(
        "Microsoft President Brad Smith testified.\n", ledger, {"date": datetime.date(2012, 3, 1)}
    )
    assert (
        "the ledger has 'executive vice president and general counsel, Microsoft' (2002 to 2015-08)"
    ) in f.message
    assert f.related[0].message.startswith("ledger brad-smith-counsel:")


def test_a_variant_name_matches(ledger: Ledger) -> None:
    text = "Sir Demis Hassabis, CEO of OpenAI, said so.\n"
    assert [f.rule_id for f in findings(text, ledger, FEB_2026)] == ["FL406"]


def test_no_ledger_or_no_people_is_silent(ledger: Ledger) -> None:
    text = "Demis Hassabis, CEO of OpenAI, said so.\n"
    assert findings(text, None, FEB_2026) == []
    assert findings(text, Ledger(), FEB_2026) == []


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Demis",
                "Hassabis",
                "CEO",
                "of",
                "OpenAI",
                ",",
                "Vice",
                "President",
                "Xi",
                "Jinping",
                "former",
                "said",
                ".",
                "\n\n",
                "Brad",
                "Smith",
                "Microsoft",
                '"',
                "Google",
                "DeepMind",
            ]
        ),
        max_size=40,
    )
)
def test_any_text_gives_findings_inside_it(ledger: Ledger, words: list[str]) -> None:
    text = " ".join(words)
    for f in findings(text, ledger, FEB_2026):
        assert 0 <= f.span.start <= f.span.end <= len(text)
