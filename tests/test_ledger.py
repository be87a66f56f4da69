"""The reference ledger: strict loading with file:line errors, the shipped data, lookup."""

from __future__ import annotations

import tempfile
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.claims import Subject
from factlint.errors import InputError
from factlint.ledger import (
    Event,
    Fact,
    Ledger,
    LedgerError,
    PersonEntry,
    Rate,
    Source,
    load_ledger,
    match_score,
    parse_date,
    parse_value,
    period_bounds,
    shipped_ledger_paths,
)
from factlint.model import Span
from factlint.subject import subject_for

SHIPPED = shipped_ledger_paths()


def _subject(sentence: str, anchor: str) -> Subject:
    start = sentence.index(anchor)
    return subject_for(sentence, Span(0, len(sentence)), Span(start, start + len(anchor)))


def _terms(subject: Subject) -> frozenset[str]:
    return subject.terms | subject.entities


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# The shipped ledger


def test_shipped_ledger_is_found_in_the_checkout() -> None:
    assert "china-ai.yaml" in [p.name for p in SHIPPED]
    assert all(p.parent.name == "ledger" for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_loads_and_every_entry_has_a_source(path: Path) -> None:
    ledger = load_ledger([path])
    entries = (*ledger.facts, *ledger.events, *ledger.rates, *ledger.people)
    assert entries
    for entry in entries:
        assert entry.source.title or entry.source.publisher, entry.id
        assert entry.source.url or entry.source.date, entry.id
        assert Path(entry.path).resolve() == path.resolve()
        # The recorded line is the entry's own "- id:" line.
        assert path.read_text(encoding="utf-8").splitlines()[entry.line - 1].strip() == (
            f"- id: {entry.id}"
        )


def test_shipped_ids_are_unique_across_all_files() -> None:
    ledger = load_ledger(SHIPPED)
    ids = [e.id for e in (*ledger.facts, *ledger.events, *ledger.rates, *ledger.people)]
    assert len(ids) == len(set(ids)) == len(ledger)


def test_shipped_ledger_holds_every_row_of_the_reference_facts() -> None:
    ledger = load_ledger(SHIPPED)
    assert (len(ledger.facts), len(ledger.events), len(ledger.rates), len(ledger.people)) == (
        9,
        6,
        1,
        0,
    )


@pytest.mark.parametrize(
    ("fact_id", "lower", "upper", "unit", "about", "grain"),
    [
        ("cn-national-ai-fund-capital", 60.06e9, 60.06e9, "CNY", "2025-01", "month"),
        ("deepseek-v3-training-compute", 2.788e6, 2.788e6, "GPU-hours", "2024-12", "month"),
        ("deepseek-v3-pretraining-compute", 2.664e6, 2.664e6, "GPU-hours", "2024-12", "month"),
        ("us-hyperscalers-capex-2026", 650e9, 700e9, "USD", "2026", "year"),
        ("chatgpt-downloads-2025", 910e6, 910e6, "downloads", "2025", "year"),
        ("deepseek-downloads-2025", 125e6, 125e6, "downloads", "2025", "year"),
        ("cn-open-models-openrouter-share-2024", 1.2, 1.2, "%", "2024-Q4", "quarter"),
        ("cn-open-models-openrouter-share-2025", 30.0, 30.0, "%", "2025", "year"),
        ("cn-ai-models-cost-vs-us", 1 / 6, 1 / 4, "", "2026-01", "month"),
    ],
)
def test_shipped_fact_values(
    fact_id: str, lower: float, upper: float, unit: str, about: str, grain: str
) -> None:
    fact = load_ledger(SHIPPED).get(fact_id)
    assert isinstance(fact, Fact)
    assert (fact.lower, fact.upper, fact.unit, fact.about, fact.grain) == (
        lower,
        upper,
        unit,
        about,
        grain,
    )


def test_shipped_fund_fact_in_full() -> None:
    fact = load_ledger(SHIPPED).get("cn-national-ai-fund-capital")
    assert isinstance(fact, Fact)
    assert fact.aliases == (
        "China's National AI Industry Investment Fund",
        "National AI Industry Investment Fund",
        "national AI fund",
        "AI industry investment fund",
    )
    assert fact.source == Source(
        title="China sets up $8.2 billion AI investment fund",
        publisher="Reuters",
        url="",
        date="2025-01",
    )
    assert (fact.status, fact.tolerance_rel, fact.tolerance_abs, fact.known_wrong) == (
        "official",
        0.0,
        0.0,
        (),
    )
    assert "as reported by Reuters" in fact.notes


@pytest.mark.parametrize(
    ("event_id", "when", "grain"),
    [
        ("deepseek-r1-release", "2025-01-20", "day"),
        ("zhipu-hk-listing", "2026-01", "month"),
        ("minimax-hk-listing", "2026-01", "month"),
        ("meta-manus-acquisition", "2025-12", "month"),
        ("stanford-ai-index-2025-published", "2025-04", "month"),
        ("us-halts-nvidia-h20-sales", "2025-04", "month"),
    ],
)
def test_shipped_events(event_id: str, when: str, grain: str) -> None:
    event = load_ledger(SHIPPED).get(event_id)
    assert isinstance(event, Event)
    assert (event.date, event.grain) == (when, grain)


def test_shipped_rate_is_a_small_interval_with_its_rationale() -> None:
    rate = load_ledger(SHIPPED).get("usd-cny-2025-01")
    assert isinstance(rate, Rate)
    assert (rate.base, rate.quote, rate.lower, rate.upper, rate.period, rate.grain) == (
        "USD",
        "CNY",
        7.1,
        7.35,
        "2025-01",
        "month",
    )
    assert "about 7.3 yuan per dollar" in rate.notes


# ---------------------------------------------------------------------------
# Strict loading: each failing case names file and line; each has a passing near-miss

GOOD_FACT = """
facts:
  - id: fund
    subject: National AI fund
    metric: registered capital
    value: 60.06 billion
    currency: CNY
    about: 2025-01
    source:
      publisher: Reuters
      date: 2025-01
"""


def _variant(old: str, new: str) -> str:
    assert old in GOOD_FACT
    return GOOD_FACT.replace(old, new)


STRICT_CASES = [
    # (case id, yaml text, expected line, message fragment)
    ("unknown-key", _variant("value: 60.06", "valeu: 60.06"), 5, "unknown key 'valeu'"),
    (
        "unknown-source-key",
        _variant("date: 2025-01\n", "date: 2025-01\n      retrieved: 2025-02\n"),
        11,
        "unknown key 'retrieved'",
    ),
    ("unknown-top-key", "fact:\n  - id: x\n", 1, "did you mean 'facts'"),
    (
        "duplicate-key",
        _variant("currency: CNY", "currency: CNY\n    currency: USD"),
        7,
        "duplicate key 'currency'",
    ),
    ("duplicate-id", GOOD_FACT + GOOD_FACT.replace("facts:\n", ""), 12, "duplicate id 'fund'"),
    (
        "missing-source",
        _variant("    source:\n      publisher: Reuters\n      date: 2025-01\n", ""),
        2,
        "missing required key 'source'",
    ),
    ("source-without-date-or-url", _variant("      date: 2025-01\n", ""), 9, "url or a date"),
    ("source-bad-url", _variant("date: 2025-01\n", "url: www.reuters.com\n"), 10, "http"),
    (
        "missing-value",
        _variant("    value: 60.06 billion\n", ""),
        2,
        "missing required key 'value'",
    ),
    ("unparseable-value", _variant("60.06 billion", "sixty billion"), 5, "cannot read"),
    ("unknown-scale", _variant("60.06 billion", "60.06 zillion"), 5, "unknown scale word"),
    ("value-and-range", _variant("value:", "lower: 1\n    value:"), 5, "not both"),
    ("half-range", _variant("value: 60.06 billion", "lower: 60 billion"), 5, "both 'lower'"),
    (
        "inverted-range",
        _variant("value: 60.06 billion", "lower: 70 billion\n    upper: 60 billion"),
        5,
        "above upper bound",
    ),
    ("percent-with-currency", _variant("60.06 billion", "30%"), 5, "percentage"),
    ("unit-and-currency", _variant("currency: CNY", "currency: CNY\n    unit: yuan"), 6, "either"),
    ("bad-currency", _variant("currency: CNY", "currency: yuan"), 6, "ISO 4217"),
    ("unparseable-date", _variant("about: 2025-01", "about: 2025-13"), 7, "cannot read"),
    ("impossible-day", _variant("about: 2025-01", "about: 2025-02-30"), 7, "calendar date"),
    # year 0 passed `ledger check` and failed the number rules for the whole run
    ("year-zero", _variant("about: 2025-01", 'about: "0000"'), 7, "'0000' is not a calendar date"),
    (
        "last-year-of-the-calendar",
        _variant("about: 2025-01", "about: 9999-12"),
        7,
        "'9999-12' is outside the years 100-9899",
    ),
    (
        "interval-backwards",
        _variant("about: 2025-01", "about: {from: 2025-06, to: 2025-01}"),
        7,
        "after it ends",
    ),
    ("bad-source-date", _variant("date: 2025-01", "date: last year"), 10, "cannot read"),
    ("wrong-type-aliases", _variant("metric:", "aliases: fund\n    metric:"), 4, "list of text"),
    ("wrong-type-subject", _variant("subject: National AI fund", "subject: 5"), 3, "must be text"),
    ("wrong-type-value", _variant("value: 60.06 billion", "value: true"), 5, "true/false"),
    (
        "wrong-type-source",
        _variant("    source:\n      publisher: Reuters\n      date: 2025-01\n", "    source: 5\n"),
        8,
        "mapping",
    ),
    ("wrong-type-facts", "facts:\n  id: x\n", 1, "must be a list"),
    ("wrong-type-entry", "facts:\n  - just text\n", 2, "must be a mapping"),
    ("bad-id", _variant("id: fund", "id: Fund Capital"), 2, "lowercase slug"),
    ("bad-status", _variant("about:", "status: rumoured\n    about:"), 7, "must be one of"),
    (
        "tolerance-two-kinds",
        _variant("about:", "tolerance: {relative: 0.1, sig_figs: 2}\n    about:"),
        7,
        "exactly one",
    ),
    (
        "known-wrong-unparseable",
        _variant("about:", "known_wrong:\n      - 70 billion\n      - a lot\n    about:"),
        9,
        "known_wrong[1]",
    ),
    ("yaml-syntax", _variant("subject: National AI fund", "subject: [National AI"), 4, "YAML"),
    ("not-a-mapping", "- id: fund\n", 1, "must be a mapping"),
    (
        "event-bad-date",
        "events:\n  - id: r1\n    subject: R1\n    date: 2025-01-32\n"
        "    source: {publisher: DeepSeek, date: 2025-01}\n",
        4,
        "calendar date",
    ),
    (
        "rate-bad-pair",
        "rates:\n  - id: fx\n    pair: USD-CNY\n    value: 7.3\n    period: 2025-01\n"
        "    source: {publisher: PBOC, date: 2025-01}\n",
        3,
        "ISO currencies",
    ),
    (
        "person-bad-period",
        "people:\n  - id: p\n    name: A B\n    period: {from: soon}\n"
        "    source: {publisher: X, date: 2025}\n",
        4,
        "cannot read",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [case[1:] for case in STRICT_CASES],
    ids=[case[0] for case in STRICT_CASES],
)
def test_strict_loading_names_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    with pytest.raises(LedgerError) as info:
        load_ledger([path])
    assert (info.value.path, info.value.line) == (str(path), line), str(info.value)
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert isinstance(info.value, InputError)


NEAR_MISSES = [
    ("value-plain-number", _variant("60.06 billion", "60060000000"), 60.06e9, "CNY"),
    ("value-exponent", _variant("60.06 billion", "6.006e10"), 60.06e9, "CNY"),
    ("value-commas", _variant("60.06 billion", '"60,060,000,000"'), 60.06e9, "CNY"),
    ("value-bn", _variant("60.06 billion", "60.06bn"), 60.06e9, "CNY"),
    (
        "percent-with-unit",
        _variant("60.06 billion\n    currency: CNY", "30%\n    unit: '%'"),
        30,
        "%",
    ),
    ("unit-percent-word", _variant("currency: CNY", "unit: percent"), 60.06e9, "%"),
    ("unit-dimensionless", _variant("currency: CNY", "unit: 1"), 60.06e9, ""),
    ("unit-free-text", _variant("currency: CNY", "unit: GPU-hours"), 60.06e9, "GPU-hours"),
]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [case[1:] for case in NEAR_MISSES],
    ids=[case[0] for case in NEAR_MISSES],
)
def test_near_misses_load(tmp_path: Path, text: str, value: float, unit: str) -> None:
    (fact,) = load_ledger([_write(tmp_path, "ok.yaml", text)]).facts
    assert (fact.lower, fact.upper, fact.unit, fact.line) == (value, value, unit, 2)


def test_good_fact_loads_in_full(tmp_path: Path) -> None:
    path = _write(tmp_path, "good.yaml", GOOD_FACT)
    (fact,) = load_ledger([path]).facts
    assert fact == Fact(
        id="fund",
        subject="National AI fund",
        aliases=("National AI fund",),
        metric="registered capital",
        lower=60.06e9,
        upper=60.06e9,
        unit="CNY",
        about="2025-01",
        grain="month",
        source=Source(title="", publisher="Reuters", url="", date="2025-01"),
        tolerance_rel=0.0,
        tolerance_abs=0.0,
        status="reported",
        notes="",
        known_wrong=(),
        path=str(path),
        line=2,
    )


def test_duplicate_id_across_two_files_names_the_second(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.yaml", GOOD_FACT)
    second = _write(
        tmp_path,
        "b.yaml",
        "events:\n  - id: other\n    subject: X\n    date: 2025\n"
        "    source: {publisher: Y, date: 2025}\n" + GOOD_FACT,
    )
    with pytest.raises(LedgerError) as info:
        load_ledger([first, second])
    assert (info.value.path, info.value.line) == (str(second), 8)
    assert info.value.message == f"duplicate id 'fund' (first defined at {first}:2)"
    # Near miss: the same files one at a time load.
    assert len(load_ledger([first])) == 1
    assert len(load_ledger([second])) == 2


def test_an_id_is_unique_across_sections(tmp_path: Path) -> None:
    text = GOOD_FACT + (
        "events:\n  - id: fund\n    subject: X\n    date: 2025\n"
        "    source: {publisher: Y, date: 2025}\n"
    )
    with pytest.raises(LedgerError) as info:
        load_ledger([_write(tmp_path, "a.yaml", text)])
    assert info.value.line == 12


def test_unreadable_file_is_a_ledger_error_without_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(LedgerError) as info:
        load_ledger([missing])
    assert (info.value.path, info.value.line) == (str(missing), None)
    assert str(info.value).startswith(f"{missing}: cannot read ledger")


def test_a_directory_loads_its_yaml_files_and_empty_files_are_empty(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD_FACT)
    _write(tmp_path, "b.yaml", "")
    _write(tmp_path, "c.yaml", "facts: []\nevents:\n")
    _write(tmp_path, "notes.txt", "not a ledger")
    ledger = load_ledger([tmp_path])
    assert [f.id for f in ledger.facts] == ["fund"]


def test_ranges_tolerances_and_known_wrong(tmp_path: Path) -> None:
    text = _variant(
        "value: 60.06 billion",
        "lower: 650 billion\n    upper: 700 billion\n    tolerance: {sig_figs: 2}\n"
        "    known_wrong: [70 billion, 7000000000000]",
    )
    (fact,) = load_ledger([_write(tmp_path, "r.yaml", text)]).facts
    assert (fact.lower, fact.upper, fact.is_range) == (650e9, 700e9, True)
    assert (fact.tolerance_rel, fact.tolerance_abs) == (0.0, 5e9)
    assert fact.known_wrong == (70e9, 7e12)
    rel = _variant("about:", "tolerance: {relative: 5%}\n    about:")
    (fact,) = load_ledger([_write(tmp_path, "s.yaml", rel)]).facts
    assert (fact.tolerance_rel, fact.tolerance_abs, fact.is_range) == (0.05, 0.0, False)


def test_interval_period_and_people(tmp_path: Path) -> None:
    text = _variant("about: 2025-01", "about: {from: 2024-Q4, to: 2025}") + (
        "people:\n  - id: demis-hassabis\n    name: Demis Hassabis\n"
        "    variants: [Sir Demis Hassabis]\n    title: CEO\n    organisation: Google DeepMind\n"
        "    period: {from: 2010}\n    source: {publisher: Google DeepMind, date: 2025}\n"
    )
    ledger = load_ledger([_write(tmp_path, "p.yaml", text)])
    assert (ledger.facts[0].about, ledger.facts[0].grain) == ("2024-Q4/2025", "interval")
    person = ledger.person("sir  demis HASSABIS")
    assert isinstance(person, PersonEntry)
    assert (person.id, person.title, person.period_from, person.period_to, person.line) == (
        "demis-hassabis",
        "CEO",
        "2010",
        "",
        12,
    )
    assert ledger.person("Demis Hassabi") is None


# ---------------------------------------------------------------------------
# Values and dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("60.06 billion", (60_060_000_000.0, False)),
        ("60.06bn", (60_060_000_000.0, False)),
        ("2.788 million", (2_788_000.0, False)),
        ("910,000,000", (910_000_000.0, False)),
        ("650e9", (650e9, False)),
        ("1/6", (1 / 6, False)),
        ("1.2%", (1.2, True)),
        ("12 k", (12_000.0, False)),
        (7.3, (7.3, False)),
        (2025, (2025.0, False)),
        ("-3.5", (-3.5, False)),
    ],
)
def test_parse_value(raw: object, expected: tuple[float, bool]) -> None:
    assert parse_value(raw) == expected


@pytest.mark.parametrize(
    "raw", ["sixty", "60 zillion", "1,00", "1/0", "", "$60 billion", True, None, [1], float("nan")]
)
def test_parse_value_rejects(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_value(raw)


@pytest.mark.parametrize(
    ("raw", "value", "grain", "first", "last"),
    [
        ("2025-01-20", "2025-01-20", "day", date(2025, 1, 20), date(2025, 1, 20)),
        ("2026-01", "2026-01", "month", date(2026, 1, 1), date(2026, 1, 31)),
        ("2024-02", "2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-Q4", "2024-Q4", "quarter", date(2024, 10, 1), date(2024, 12, 31)),
        (2025, "2025", "year", date(2025, 1, 1), date(2025, 12, 31)),
        ("2020s", "2020s", "decade", date(2020, 1, 1), date(2029, 12, 31)),
    ],
)
def test_parse_date_and_bounds(
    raw: object, value: str, grain: str, first: date, last: date
) -> None:
    assert parse_date(raw) == (value, grain)
    assert period_bounds(value) == (first, last)


@pytest.mark.parametrize("raw", ["2025-13", "2025-02-29", "2025-Q5", "Jan 2025", "25", 2025.0])
def test_parse_date_rejects(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


def test_interval_bounds() -> None:
    assert period_bounds("2024-Q4/2025-01") == (date(2024, 10, 1), date(2025, 1, 31))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(max_size=40))
def test_parse_value_raises_only_value_error(raw: str) -> None:
    try:
        value, _ = parse_value(raw)
    except ValueError:
        return
    assert value == value  # finite numbers only


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from([GOOD_FACT, GOOD_FACT.replace("facts:", "events:")]).map(
            lambda t: t[: len(t) // 2]
        ),
    )
)
def test_any_text_loads_or_raises_a_located_ledger_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_ledger([path])
        except LedgerError as exc:
            assert exc.path == str(path)
            assert exc.line is None or 1 <= exc.line <= text.count("\n") + 2


# ---------------------------------------------------------------------------
# Lookup

FUND_SENTENCE = "It jointly established a 60 billion yuan national AI fund"


def test_candidates_find_the_fund_for_a_fund_claim() -> None:
    ledger = load_ledger(SHIPPED)
    subject = _subject(FUND_SENTENCE, "60 billion yuan")
    found = ledger.candidates(_terms(subject))
    assert found[0].id == "cn-national-ai-fund-capital"
    best = max(found, key=lambda e: match_score(e.aliases, subject))
    assert best.id == "cn-national-ai-fund-capital"
    assert match_score(best.aliases, subject) == 1.0


def test_candidates_find_nothing_for_an_unrelated_claim() -> None:
    ledger = load_ledger(SHIPPED)
    subject = _subject("The tennis star won 3 titles on clay last spring.", "3")
    assert ledger.candidates(_terms(subject)) == []
    assert ledger.candidates([]) == []


@pytest.mark.parametrize(
    ("sentence", "anchor", "entry_id", "low", "high"),
    [
        # Same entity and measure: near 1.
        (FUND_SENTENCE, "60 billion yuan", "cn-national-ai-fund-capital", 1.0, 1.0),
        (
            "Amazon, Microsoft, Alphabet, and Meta announced that they will invest up to "
            "$70 billion in AI this year.",
            "$70 billion",
            "us-hyperscalers-capex-2026",
            0.85,
            1.0,
        ),
        (
            "DeepSeek-V3 achieved remarkable results with a mere 2.6 million GPU-hours of "
            "training.",
            "2.6 million GPU-hours",
            "deepseek-v3-training-compute",
            1.0,
            1.0,
        ),
        # Same companies, another measure: well below.
        (
            "Amazon, Microsoft, Alphabet and Meta lost $1 trillion in market value.",
            "$1 trillion",
            "us-hyperscalers-capex-2026",
            0.5,
            0.7,
        ),
        # The acronym written out, or inside a longer name: as high as "AI" itself.
        (
            "China's artificial intelligence industry investment fund has 60 billion yuan.",
            "60 billion",
            "cn-national-ai-fund-capital",
            0.8,
            1.0,
        ),
        (
            "China's AI industry investment fund has registered capital of 60 billion yuan.",
            "60 billion",
            "cn-national-ai-fund-capital",
            0.8,
            1.0,
        ),
        # Initials of other words are no acronym: "an investment" is not "AI".
        (
            "China's industry fund made an investment of 60 billion yuan.",
            "60 billion",
            "cn-national-ai-fund-capital",
            0.0,
            0.75,
        ),
        # Another fund: low.
        (
            "SoftBank's Vision Fund invested $100 billion in AI startups.",
            "$100 billion",
            "cn-national-ai-fund-capital",
            0.3,
            0.5,
        ),
        # An alias with a number: the 2024 report is not the 2025 one.
        (
            "a 2025 Stanford HAI AI Index report revealed that respondents are optimistic in May.",
            "May",
            "stanford-ai-index-2025-published",
            0.9,
            1.0,
        ),
        (
            "The 2024 AI Index was released in April 2024.",
            "April 2024",
            "stanford-ai-index-2025-published",
            0.3,
            0.45,
        ),
    ],
)
def test_match_score(sentence: str, anchor: str, entry_id: str, low: float, high: float) -> None:
    entry = load_ledger(SHIPPED).get(entry_id)
    assert isinstance(entry, Fact | Event)
    assert low <= match_score(entry.aliases, _subject(sentence, anchor)) <= high


def test_match_score_of_nothing_is_zero() -> None:
    assert match_score([], Subject("national AI fund")) == 0.0
    assert match_score(["national AI fund"], Subject("")) == 0.0


@pytest.mark.parametrize(
    ("base", "quote", "when", "expected"),
    [
        ("USD", "CNY", "2025-01", (7.1, 7.35)),
        ("usd", "cny", "2025-01-15", (7.1, 7.35)),
        ("USD", "CNY", "2025", (7.1, 7.35)),
        ("USD", "CNY", None, (7.1, 7.35)),
        ("CNY", "USD", "2025-01", (1 / 7.35, 1 / 7.1)),
        ("USD", "CNY", "2024-12", None),
        ("USD", "CNY", "someday", None),
        ("USD", "JPY", "2025-01", None),
    ],
)
def test_rate_lookup(
    base: str, quote: str, when: str | None, expected: tuple[float, float] | None
) -> None:
    rate = load_ledger(SHIPPED).rate(base, quote, when)
    if expected is None:
        assert rate is None
    else:
        assert rate is not None
        assert (rate.base, rate.quote, rate.id) == (base.upper(), quote.upper(), "usd-cny-2025-01")
        assert (rate.lower, rate.upper) == expected


def test_rate_prefers_the_narrowest_period_and_needs_when_if_several() -> None:
    source = Source(publisher="X", date="2025")
    year = Rate("fx-2025", "USD", "CNY", 7.0, 7.4, "2025", "year", source, "x.yaml", 1)
    month = Rate("fx-2025-03", "USD", "CNY", 7.2, 7.3, "2025-03", "month", source, "x.yaml", 9)
    ledger = Ledger(rates=(year, month))
    assert ledger.rate("USD", "CNY", "2025-03-10") == month
    assert ledger.rate("USD", "CNY", "2025-06") == year
    assert ledger.rate("USD", "CNY", None) is None


def test_get_returns_entries_of_every_kind() -> None:
    ledger = load_ledger(SHIPPED)
    assert isinstance(ledger.get("cn-national-ai-fund-capital"), Fact)
    assert isinstance(ledger.get("deepseek-r1-release"), Event)
    assert isinstance(ledger.get("usd-cny-2025-01"), Rate)
    assert ledger.get("no-such-id") is None


# ---------------------------------------------------------------------------
# A large ledger built from objects


def _word(i: int) -> str:
    # Distinct letter-only words ("zqaaab"), so each generated subject has its own terms.
    letters = "".join(chr(97 + (i // 26**k) % 26) for k in range(4))
    return "zq" + letters


def _generated_fact(i: int) -> Fact:
    shared = " Zqshared" if i % 1000 == 0 else ""
    name = f"{_word(i).title()} {_word(i + 20_000).title()}{shared}"
    return Fact(
        id=f"gen-{i}",
        subject=name,
        aliases=(name, f"{_word(i)} revenue"),
        metric="revenue",
        lower=float(i),
        upper=float(i),
        unit="USD",
        about="2025",
        grain="year",
        source=Source(publisher="Generated", date="2025"),
        tolerance_rel=0.0,
        tolerance_abs=0.0,
        status="reported",
        notes="",
        known_wrong=(),
        path="generated.yaml",
        line=i + 1,
    )


def test_a_ten_thousand_fact_ledger_returns_only_the_relevant_facts() -> None:
    shipped = load_ledger(SHIPPED)
    generated = tuple(_generated_fact(i) for i in range(10_000))
    ledger = Ledger(facts=(*shipped.facts, *generated), events=shipped.events)
    assert len(ledger) == 10_000 + len(shipped.facts) + len(shipped.events)

    name = f"{_word(4321).title()} {_word(24_321).title()}"
    subject = _subject(f"{name} posted 5 billion in profit.", "5 billion")
    assert [f.id for f in ledger.candidates(_terms(subject))] == ["gen-4321"]

    subject = _subject("Zqshared companies posted 5 billion in profit.", "5 billion")
    assert [f.id for f in ledger.candidates(_terms(subject))] == [
        f"gen-{i}" for i in range(0, 10_000, 1000)
    ]

    fund = ledger.candidates(_terms(_subject(FUND_SENTENCE, "60 billion yuan")))
    assert fund[0].id == "cn-national-ai-fund-capital"
    assert not any(f.id.startswith("gen-") for f in fund)


def test_ledger_built_from_objects_rejects_duplicate_ids() -> None:
    fact = _generated_fact(7)
    with pytest.raises(LedgerError) as info:
        Ledger(facts=(fact, _generated_fact(7)))
    assert (info.value.path, info.value.line) == ("generated.yaml", 8)
