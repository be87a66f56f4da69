"""FL401-FL404: figures against a ledger, and how they merge with cross-article findings.

A small ledger written for these tests sits beside the shipped one; each failing case
sits next to a passing near-miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from factlint.analysis import Analysis
from factlint.checks import numbers
from factlint.checks.ledger_figures import (
    fact_related,
    format_value,
    judge,
    ledger_hits,
    matching_facts,
    unit_matches,
)
from factlint.claims import Quantity
from factlint.document import document_from_text
from factlint.extract.numbers import extract_quantities
from factlint.ledger import Fact, Ledger, load_ledger, shipped_ledger_paths
from factlint.model import Finding, Span
from factlint.rule import Context

D2026 = "---\ndate: 2026-02-17\n---\n"  # the article starts on line 4

LEDGER = """\
facts:
  - id: harbour-bridge-budget
    subject: Harbour Bridge repair budget
    aliases: [Harbour Bridge repairs]
    metric: approved budget
    value: 120.4 million
    currency: USD
    about: 2026
    known_wrong: [210 million]
    source: {publisher: City Council, title: Budget 2026, date: 2026-01}

  - id: acme-staff
    subject: Acme Robotics employees
    aliases: [Acme Robotics staff]
    metric: headcount
    value: 4,250
    unit: employees
    about: 2025
    source: {publisher: Acme Robotics, title: Annual report 2025, date: 2026-01}

  - id: lake-share-2024
    subject: Lake District share of visitors
    metric: share of visitors
    value: 12%
    unit: percent
    about: 2024
    source: {publisher: Tourism Board, title: Visitor survey, date: 2025-01}

  - id: lake-share-2025
    subject: Lake District share of visitors
    metric: share of visitors
    value: 18%
    unit: percent
    about: 2025
    source: {publisher: Tourism Board, title: Visitor survey, date: 2026-01}
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    path = tmp_path_factory.mktemp("ledger") / "test.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return load_ledger([*shipped_ledger_paths(), path])


def findings(articles: Sequence[tuple[str, str]], ledger: Ledger | None) -> list[Finding]:
    corpus = [Analysis(document_from_text(text, path)) for path, text in articles]
    ctx = Context(
        rules={r.id: r for r in numbers.RULES}, options=dict(numbers.DEFAULTS), ledger=ledger
    )
    return sorted(numbers.check(corpus, ctx), key=Finding.sort_key)


def tuples(text: str, ledger: Ledger) -> list[tuple[str, int, int]]:
    return [
        (f.rule_id, f.location.line, f.location.col)
        for f in findings([("a.md", D2026 + text)], ledger)
    ]


# --- verdicts on one article -----------------------------------------------------------

CASES: list[tuple[str, list[tuple[str, int, int]]]] = [
    # FL401: outside the value, in the same unit and year.
    ("The Harbour Bridge repair budget is $150 million, officials said.", [("FL401", 4, 37)]),
    ("The Harbour Bridge repair budget is $120.4 million, officials said.", []),
    ("The Harbour Bridge repair budget is about $125 million, officials said.", []),
    ("The Harbour Bridge repair budget was $150 million in 2019.", []),
    ("The Harbour Bridge repair budget is 150 million euros, officials said.", []),
    ("The Harbour Bridge repair budget rose $150 million, officials said.", []),
    ("The Harbour Bridge repair budget is $150 million a year, officials said.", []),
    ("The Tower Bridge repair budget is $150 million, officials said.", []),
    # FL402: a power of ten either way.
    ("The Harbour Bridge repair budget is $12 million, officials said.", [("FL402", 4, 37)]),
    ("The Harbour Bridge repair budget is $1.2 billion, officials said.", [("FL402", 4, 37)]),
    # FL403: rounded without a hedge.
    ("The Harbour Bridge repair budget is $120 million, officials said.", [("FL403", 4, 37)]),
    ("The Harbour Bridge repair budget is nearly $120 million, officials said.", []),
    # FL404: a known wrong value.
    ("The Harbour Bridge repair budget is $210 million, officials said.", [("FL404", 4, 37)]),
    ("The Harbour Bridge repair budget is $211.5 million, officials said.", [("FL401", 4, 37)]),
    # A counted unit is evidence: the clause need not name the measure.
    ("Acme Robotics now has 5,100 employees.", [("FL401", 4, 23)]),
    ("Acme Robotics now has 4,250 employees.", []),
    ("Acme Robotics now has 5,100 customers.", []),
    ("Bolt Robotics now has 5,100 employees.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ledger_verdicts(text: str, expected: list[tuple[str, int, int]], ledger: Ledger) -> None:
    assert tuples(text, ledger) == expected


def test_message_names_the_value_and_source_and_relates_the_entry(ledger: Ledger) -> None:
    (f,) = findings(
        [("a.md", D2026 + "The Harbour Bridge repair budget is $150 million, officials said.")],
        ledger,
    )
    fact = ledger.get("harbour-bridge-budget")
    assert f.message == (
        "$150 million does not match the ledger's 120.4 million USD for Harbour Bridge repair "
        "budget (2026; City Council, Budget 2026 (2026-01))"
    )
    (rel,) = f.related
    assert (rel.location.path, rel.location.line, rel.location.col) == (fact.path, fact.line, 1)
    assert (
        rel.message
        == "ledger harbour-bridge-budget: 120.4 million USD (City Council, Budget 2026 (2026-01))"
    )
    assert f.key == "harbour-bridge-budget|$|1.5e+08|1.204e+08-1.204e+08"
    assert f.category == "ledger"


def test_slip_message(ledger: Ledger) -> None:
    (f,) = findings(
        [("a.md", D2026 + "The Harbour Bridge repair budget is $1.2 billion, officials said.")],
        ledger,
    )
    assert f.message.startswith("$1.2 billion is ten times the ledger's 120.4 million USD")


def test_series_without_a_year_reads_the_latest_period(ledger: Ledger) -> None:
    # Published 2026: the 2025 value (18%) applies; 12% is the 2024 value.
    assert tuples("The Lake District drew a 25% share of visitors.", ledger) == [("FL401", 4, 26)]
    assert tuples("The Lake District drew an 18% share of visitors.", ledger) == []
    # A figure that is another period's value is a doubt about its year, not its value.
    assert tuples("The Lake District drew a 12% share of visitors.", ledger) == []
    assert tuples("In 2024 the Lake District drew a 12% share of visitors.", ledger) == []


def test_publication_long_after_the_fact_is_not_compared(ledger: Ledger) -> None:
    text = "Acme Robotics now has 5,100 employees.\n"
    assert findings([("a.md", "---\ndate: 2031-01-01\n---\n" + text)], ledger) == []
    assert findings([("a.md", "---\ndate: 2024-01-01\n---\n" + text)], ledger) == []
    assert len(findings([("a.md", "---\ndate: 2027-06-01\n---\n" + text)], ledger)) == 1


def test_a_years_total_is_not_compared_with_a_figure_so_far() -> None:
    shipped = load_ledger(shipped_ledger_paths())
    text = "ChatGPT has 700 million downloads, Sensor Tower says.\n"
    after = [("a.md", "---\ndate: 2026-02-17\n---\n" + text)]
    during = [("a.md", "---\ndate: 2025-07-01\n---\n" + text)]
    assert [f.rule_id for f in findings(after, shipped)] == ["FL401"]
    assert findings(during, shipped) == []
    month = "ChatGPT had 700 million downloads in January 2025, Sensor Tower says.\n"
    assert findings([("a.md", "---\ndate: 2026-02-17\n---\n" + month)], shipped) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amazon, Microsoft, Alphabet and Meta will invest up to $70 billion in AI this year.",
            ["FL402"],
        ),
        # One or two of the four companies: not their combined spending.
        ("Meta plans to spend up to $135 billion on AI this year.", []),
        ("Microsoft and Meta plan to spend up to $235 billion on AI this year.", []),
        ("The state jointly established a 70 billion yuan national AI fund.", ["FL401"]),
        # The alias's acronym written out, and inside a longer name.
        (
            "China's artificial intelligence industry investment fund has registered "
            "capital of 6.06 billion yuan.",
            ["FL402"],
        ),
        (
            "China's AI industry investment fund has registered capital of 6.06 billion yuan.",
            ["FL402"],
        ),
        # Another fund with the same words but not the name: not the AI fund.
        (
            "China's national integrated circuit industry investment fund raised 344 billion yuan.",
            [],
        ),
    ],
)
def test_the_clause_must_give_all_the_names_of_an_alias(text: str, expected: list[str]) -> None:
    shipped = load_ledger(shipped_ledger_paths())
    assert [f.rule_id for f in findings([("a.md", D2026 + text)], shipped)] == expected


def test_no_ledger_no_ledger_findings() -> None:
    text = D2026 + "The Harbour Bridge repair budget is $150 million, officials said."
    assert findings([("a.md", text)], None) == []


# --- several facts: the most favourable reading wins ---------------------------------


def _q(text: str) -> Quantity:
    (q,) = [q for q in extract_quantities(text, (Span(0, len(text)),)) if q.kind != "number"]
    return q


def test_two_facts_rounding_of_one_is_not_a_mismatch_of_the_other() -> None:
    shipped = load_ledger(shipped_ledger_paths())
    text = "DeepSeek-V3 achieved remarkable results with a mere 2.6 million GPU-hours of training."
    q = _q(text)
    import datetime

    published = datetime.date(2025, 7, 1)
    ids = [f.id for _, f in matching_facts(q, published, shipped, numbers.DEFAULTS)]
    assert ids == ["deepseek-v3-training-compute", "deepseek-v3-pretraining-compute"]
    assert judge(q, shipped.get("deepseek-v3-training-compute")) == ("FL401", 0)
    assert judge(q, shipped.get("deepseek-v3-pretraining-compute")) == ("FL403", 0)
    (hit,) = ledger_hits(text, (q,), published, shipped, numbers.DEFAULTS)
    assert hit.rule_id == "FL403"
    assert hit.fact.id == "deepseek-v3-pretraining-compute"
    assert "2.6 million GPU-hours truncates the ledger's 2.664 million GPU-hours" in hit.message
    assert "the ledger also has 2.788 million GPU-hours for DeepSeek-V3 training" in hit.message
    # 2.8 million rounds the total and agrees with nothing else: nothing to report.
    q28 = _q(text.replace("2.6", "2.8"))
    assert (
        ledger_hits(text.replace("2.6", "2.8"), (q28,), published, shipped, numbers.DEFAULTS)[
            0
        ].fact.id
        == "deepseek-v3-training-compute"
    )


# --- the pieces ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fact(ledger: Ledger) -> Fact:
    found = ledger.get("harbour-bridge-budget")
    assert isinstance(found, Fact)
    return found


@pytest.mark.parametrize(
    ("text", "fact_id", "expected"),
    [
        ("It cost $5 million.", "harbour-bridge-budget", True),
        ("It cost US$5 million.", "harbour-bridge-budget", True),
        ("It cost 5 million yuan.", "harbour-bridge-budget", False),
        ("It has 500 employees.", "acme-staff", True),
        ("It has 500 staff members.", "acme-staff", False),
        ("It drew 12% of visitors.", "lake-share-2024", True),
        ("It drew 12 visitors.", "lake-share-2024", False),
    ],
)
def test_unit_matches(text: str, fact_id: str, expected: bool, ledger: Ledger) -> None:
    entry = ledger.get(fact_id)
    assert isinstance(entry, Fact)
    assert unit_matches(_q(text), entry) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Training took 2.788 million GPU-hours.", True),
        ("Training took 2.788 million H800 GPU hours.", True),  # as the paper writes it
        ("Training took 2.788 million GPU hours.", True),
        ("The firm logged 2.788 million hours of video.", False),  # no "GPU" beside it
        ("Training took 2.788 million H800 GPU days.", False),
    ],
)
def test_a_compound_unit_meets_its_head_noun_with_the_modifier_beside(
    text: str, expected: bool
) -> None:
    fact = load_ledger(shipped_ledger_paths()).get("deepseek-v3-training-compute")
    assert isinstance(fact, Fact) and fact.unit == "GPU-hours"
    assert unit_matches(_q(text), fact) is expected


def test_the_papers_wording_of_gpu_hours_is_checked_against_the_ledger() -> None:
    import datetime

    shipped = load_ledger(shipped_ledger_paths())
    text = "DeepSeek said training DeepSeek-V3 took 3.5 million H800 GPU hours."
    q = _q(text)
    (hit,) = ledger_hits(text, (q,), datetime.date(2025, 2, 10), shipped, numbers.DEFAULTS)
    assert (hit.rule_id, hit.fact.id) == ("FL401", "deepseek-v3-training-compute")


@pytest.mark.parametrize(
    ("lower", "upper", "unit", "expected"),
    [
        (60.06e9, 60.06e9, "CNY", "60.06 billion CNY"),
        (650e9, 700e9, "USD", "650-700 billion USD"),
        (500e6, 1.2e9, "USD", "500 million-1.2 billion USD"),
        (1.2, 1.2, "%", "1.2%"),
        (1 / 6, 1 / 4, "", "1/6-1/4"),
        (2.788e6, 2.788e6, "GPU-hours", "2.788 million GPU-hours"),
        (4250, 4250, "employees", "4,250 employees"),
        (7.1, 7.35, "", "7.1-7.35"),
    ],
)
def test_format_value(lower: float, upper: float, unit: str, expected: str) -> None:
    assert format_value(lower, upper, unit) == expected


def test_fact_related_points_at_the_ledger_line(fact: Fact) -> None:
    rel = fact_related(fact)
    assert Path(rel.location.path).name == "test.yaml"
    assert rel.location.line == fact.line == 2


# --- merging with cross-article findings ----------------------------------------------

BRIDGE_A = "The Harbour Bridge repair budget is $12 million, officials said."
BRIDGE_B = "The Harbour Bridge repair budget is $120.4 million, the council confirmed."


def test_ledger_and_cross_article_evidence_are_reported_once(ledger: Ledger) -> None:
    articles = [("a.md", D2026 + BRIDGE_A), ("b.md", D2026 + BRIDGE_B)]
    (f,) = findings(articles, ledger)
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL402", "a.md", 4, 37)
    assert [(Path(r.location.path).name, r.location.line, r.location.col) for r in f.related] == [
        ("test.yaml", 2, 1),
        ("b.md", 4, 37),
    ]
    assert f.related[1].message == "FL102 magnitude-slip: $120.4 million"
    assert f.message.endswith("; also $120.4 million in b.md:4")
    # Without the ledger, the pair is reported on the later mention.
    (g,) = findings(articles, None)
    assert (g.rule_id, g.location.path) == ("FL102", "b.md")


def test_both_sides_against_the_ledger(ledger: Ledger) -> None:
    articles = [
        ("a.md", D2026 + BRIDGE_A),
        ("b.md", D2026 + BRIDGE_B.replace("$120.4 million", "$1.204 billion")),
    ]
    got = [
        (f.rule_id, f.location.path, [Path(r.location.path).name for r in f.related])
        for f in findings(articles, ledger)
    ]
    assert got == [
        ("FL402", "a.md", ["test.yaml", "b.md"]),
        ("FL402", "b.md", ["test.yaml", "a.md"]),
    ]
