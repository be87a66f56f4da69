"""FL101-FL106: figures that disagree within and across articles, conversions, shares.

Each failing case sits next to a passing near-miss. Articles carry a publication date
in front matter ("this year" and "last year" resolve against it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.checks import numbers
from factlint.checks.numbers import figures_of, times_compatible
from factlint.cli import main
from factlint.compare import resolve_time_scope
from factlint.document import document_from_text
from factlint.extract.numbers import extract_quantities, figure_role, per_unit
from factlint.ledger import Ledger, load_ledger, shipped_ledger_paths
from factlint.model import Finding, Severity, Span
from factlint.rule import Context
from tests.helpers import run_rule

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REGRESSIONS = Path(__file__).resolve().parent / "corpus_regressions" / "numbers"
D2026 = "---\ndate: 2026-02-17\n---\n"  # 3 lines: article text starts on line 4
D2025 = "---\ndate: 2025-03-04\n---\n"

Articles = Sequence[tuple[str, str]]


def findings(articles: Articles, ledger: Ledger | None = None, **options: object) -> list[Finding]:
    """Every finding of the numbers module on (path, text) articles."""
    corpus = [Analysis(document_from_text(text, path)) for path, text in articles]
    ctx = Context(
        rules={r.id: r for r in numbers.RULES},
        options={**numbers.DEFAULTS, **options},
        ledger=ledger,
    )
    return sorted(numbers.check(corpus, ctx), key=Finding.sort_key)


def tuples(articles: Articles, ledger: Ledger | None = None) -> list[tuple[str, str, int, int]]:
    return [
        (f.rule_id, f.location.path, f.location.line, f.location.col)
        for f in findings(articles, ledger)
    ]


def pair(a: str, b: str, date: str = D2025) -> list[tuple[str, str, int, int]]:
    return tuples([("a.md", date + a), ("b.md", date + b)])


# --- FL101-FL103 across articles: each failing pair beside a near miss ----------------

CROSS: list[tuple[str, str, list[tuple[str, str, int, int]]]] = [
    # The members at one company are not the union's members on strike.
    (
        "According to the AP, the 57,000 UAW members at Ford still need to approve the deal.",
        "The union added factories to its action. About 46,000 UAW members — or about "
        "one-third of the union — went on strike.",
        [],
    ),
    (
        "According to the AP, the 57,000 UAW members at Ford still need to approve the deal.",
        "The 75,000 UAW members at Ford still need to approve the deal, the union said.",
        [("FL101", "b.md", 4, 5)],
    ),
    # "cases of measles" is "measles cases", and both clauses name the CDC.
    (
        "There have been 917 cases of measles reported in the United States this year, the "
        "US Centers for Disease Control and Prevention said Thursday.",
        "The Centers for Disease Control and Prevention reported 971 measles cases for 2025.",
        [("FL101", "b.md", 4, 57)],
    ),
    (
        "There have been 917 cases of measles reported in the United States this year, the "
        "US Centers for Disease Control and Prevention said Thursday.",
        "The Centers for Disease Control and Prevention reported 971 flu cases for 2025.",
        [],
    ),
    (
        "There have been 917 cases of measles reported in the United States this year.",
        "The Centers for Disease Control and Prevention reported 971 measles cases for 2025.",
        [],
    ),
    # The same cut, two counts.
    (
        "Acme Corp said on Tuesday it would cut 1,200 jobs, about 8% of its workforce.",
        "Acme Corp will eliminate 2,100 jobs as part of a restructuring, the company said.",
        [("FL101", "b.md", 4, 26)],
    ),
    (
        "Acme Corp cut 1,200 jobs in 2019.",
        "Acme Corp will eliminate 2,100 jobs this year.",
        [],
    ),
    # Deaths in one fire.
    (
        "The fire at the Grenfell Tower killed 72 people, the inquiry found.",
        "The Grenfell Tower fire killed 27 people, according to the inquiry.",
        [("FL101", "b.md", 4, 32)],
    ),
    (
        "The fire at the Grenfell Tower killed 72 people, the inquiry found.",
        "The Grenfell Tower fire killed 72 people, according to the inquiry.",
        [],
    ),
    # A power of ten.
    (
        "Nvidia expects the export ban to cost it $5.5 billion in revenue.",
        "The export ban will cost Nvidia $55 billion in revenue, the company warned.",
        [("FL102", "b.md", 4, 33)],
    ),
    (
        "Nvidia expects the export ban to cost it $5.5 billion in revenue.",
        "The export ban will cost AMD $55 billion in revenue, the company warned.",
        [],
    ),
    # A rounding without a hedge (reported on the rounded figure) ...
    (
        "The city jointly established a 3 billion euro green hydrogen fund.",
        "Hamburg launched a green hydrogen fund last year, reportedly worth 3.12 billion euros.",
        [("FL103", "a.md", 4, 32)],
    ),
    # ... and with one.
    (
        "The city jointly established a green hydrogen fund of about 3 billion euros.",
        "Hamburg launched a green hydrogen fund last year, reportedly worth 3.12 billion euros.",
        [],
    ),
    # An acronym in one, its words in the other: one fund.
    (
        "China's national artificial intelligence fund holds 60 billion yuan, the finance "
        "ministry said.",
        "According to the finance ministry, the national AI fund has 60.06 billion yuan.",
        [("FL103", "a.md", 4, 53)],
    ),
    (
        "China's national artificial intelligence fund holds 60 billion yuan, the finance "
        "ministry said.",
        "According to the finance ministry, the national EV fund has 60.06 billion yuan.",
        [],
    ),
    # A death toll counts people; "fourth-quarter" is the fourth quarter.
    (
        "The earthquake in Myanmar killed 27 people, officials said on Friday.",
        "The death toll from the Myanmar earthquake rose to 72, officials said on Friday.",
        [("FL101", "b.md", 4, 52)],
    ),
    (
        "Spotify's revenue rose to $4.2 billion in the fourth quarter, the company said.",
        "Spotify reported fourth-quarter revenue of $2.4 billion.",
        [("FL101", "b.md", 4, 44)],
    ),
    (
        "Spotify's revenue rose to $4.2 billion in the fourth quarter, the company said.",
        "Spotify reported third-quarter revenue of $2.4 billion.",
        [],
    ),
    # "Nvidia's" names Nvidia.
    (
        "Shares of Nvidia fell 17% on Monday, wiping almost $600 billion off its market value.",
        "Nvidia's shares dropped 17% on Monday, erasing about $60 billion from its market value.",
        [("FL102", "b.md", 4, 48)],
    ),
    (
        "Shares of Nvidia fell 17% on Monday, wiping almost $600 billion off its market value.",
        "AMD's shares dropped 17% on Monday, erasing about $60 billion from its market value.",
        [],
    ),
    # "German inflation" is inflation in Germany.
    (
        "Inflation in Germany rose to 3.2% in February, the federal statistics office said.",
        "German inflation climbed to 2.3% in February, according to the federal statistics office.",
        [("FL101", "b.md", 4, 29)],
    ),
    (
        "Inflation in Germany rose to 3.2% in February, the federal statistics office said.",
        "French inflation climbed to 2.3% in February, according to the federal statistics office.",
        [],
    ),
    # An acronym of three words.
    (
        "The European Central Bank raised its deposit rate to 4% on Thursday.",
        "On Thursday, the ECB lifted its deposit rate to 5.25%.",
        [("FL101", "b.md", 4, 49)],
    ),
    (
        "The European Central Bank raised its deposit rate to 4% on Thursday.",
        "On Thursday, the BoE lifted its deposit rate to 5.25%.",
        [],
    ),
    # Quarters, months, subgroups and companies keep figures apart.
    (
        "Tesla delivered 405,278 vehicles in the first quarter, the company said.",
        "Tesla delivered 450,278 vehicles in the first quarter.",
        [("FL101", "b.md", 4, 17)],
    ),
    (
        "Tesla delivered 405,278 vehicles in the first quarter.",
        "Tesla delivered 466,140 vehicles in the second quarter.",
        [],
    ),
    (
        "Unemployment in Spain fell to 3.9% in May from 4.1% in April.",
        "Unemployment in Spain was 4.1% in April.",
        [],
    ),
    (
        "Turnout in Ohio was 65% among voters under 30.",
        "Turnout in Ohio was 80% among voters over 65.",
        [],
    ),
    (
        "Amazon invested $4 billion in Anthropic.",
        "Google invested $2 billion in Anthropic.",
        [],
    ),
    (
        "Apple sold 50 million iPhones in the quarter.",
        "Samsung sold 60 million phones in the quarter.",
        [],
    ),
    # A change is not a level; revenue is not profit.
    (
        "Acme Corp's revenue rose 12% to $5 billion.",
        "Acme Corp's revenue rose to 30% of its market.",
        [],
    ),
    (
        "The company's revenue rose 12% to $5 billion.",
        "The company's profit fell 5% to $1 billion.",
        [],
    ),
    # A total is not a rate.
    (
        "Acme Robotics pays its chief executive $5 million a year.",
        "Acme Robotics paid its chief executive $12 million last year.",
        [],
    ),
    (
        "Ruritania's GDP per capita of $12,000 is the region's lowest.",
        "Ruritania's GDP of $31 billion is the region's lowest.",
        [],
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), CROSS)
def test_cross_article_pairs(a: str, b: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert pair(a, b) == expected


def test_conflict_message_and_related_location() -> None:
    (f,) = findings(
        [
            ("a.md", D2025 + "The fire at the Grenfell Tower killed 72 people, the inquiry found."),
            ("b.md", D2025 + "The Grenfell Tower fire killed 27 people, according to the inquiry."),
        ]
    )
    assert f.message == "27 here, but 72 in a.md:4"
    ((rel_loc, rel_msg),) = [(r.location, r.message) for r in f.related]
    assert (rel_loc.path, rel_loc.line, rel_loc.col) == ("a.md", 4, 39)
    assert rel_msg == "72"
    assert f.key == "grenfell,grenfell tower,tower|people|27|72"


def test_a_figure_several_articles_give_otherwise_is_one_finding_with_each_as_evidence() -> None:
    fire = "The fire at the Grenfell Tower killed 72 people, the inquiry found."
    (f,) = findings(
        [
            ("a.md", D2025 + fire),
            ("b.md", D2025 + fire),
            ("c.md", D2025 + "The Grenfell Tower fire killed 27 people, according to the inquiry."),
        ]
    )
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "c.md", 4, 32)
    assert f.message == "27 here, but 72 in a.md:4 (and 1 more)"
    where = [(r.location.path, r.location.line, r.location.col, r.message) for r in f.related]
    assert where == [("a.md", 4, 39, "72"), ("b.md", 4, 39, "72")]
    assert f.key == "grenfell,grenfell tower,tower|people|27|72"


def test_a_conflict_between_two_estimates_is_a_warning() -> None:
    quake = [
        ("a.md", D2025 + "Ludian county, where the quake hit hardest, has about 400,000 people."),
        ("b.md", D2025 + "Officials said around 265,900 people live in Ludian county."),
    ]
    (f,) = findings(quake)
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 4, 16)
    assert f.message == "around 265,900 here, but about 400,000 in a.md:4 (both hedged)"
    assert f.severity is Severity.WARNING
    # One estimate against an exact count: the rule's own severity.
    exact = [quake[0], ("b.md", D2025 + "Officials said 265,900 people live in Ludian county.")]
    (f,) = findings(exact)
    assert (f.rule_id, f.message) == ("FL101", "265,900 here, but about 400,000 in a.md:4")
    assert f.severity is Severity.ERROR


def test_a_place_with_an_exact_conflict_among_its_pairs_stays_an_error() -> None:
    (f,) = findings(
        [
            (
                "a.md",
                D2025 + "Ludian county, where the quake hit hardest, has about 400,000 people.",
            ),
            (
                "b.md",
                D2025 + "Ludian county, a remote place, has 400,000 people, the census found.",
            ),
            ("c.md", D2025 + "Officials said around 265,900 people live in Ludian county."),
        ]
    )
    assert (f.rule_id, f.location.path, f.location.line) == ("FL101", "c.md", 4)
    assert f.message.endswith("(and 1 more)")
    assert f.severity is Severity.ERROR


SPEND = "Microsoft plans to spend {} on AI data centres this fiscal year, the company said."


def test_copies_that_agree_are_taken_as_right_and_only_the_others_are_reported() -> None:
    reprints = [(f"r{n}.md", D2025 + SPEND.format("$80 billion")) for n in range(1, 6)]
    odd = [
        ("r3x.md", D2025 + SPEND.format("$800 billion")),
        ("r9.md", D2025 + SPEND.format("$85 billion")),
    ]
    found = findings([*reprints, *odd])
    assert [(f.rule_id, f.location.path, f.location.line, f.location.col) for f in found] == [
        ("FL102", "r3x.md", 4, 26),
        ("FL105", "r9.md", 4, 26),
    ]
    assert found[0].message == (
        "$800 billion here is ten times $80 billion in r1.md:4 in a near-identical sentence"
        " (and 4 more)"
    )
    assert [r.location.path for r in found[0].related] == [
        "r1.md",
        "r2.md",
        "r3.md",
        "r4.md",
        "r5.md",
    ]


def test_two_copies_that_differ_report_the_later_one_as_before() -> None:
    found = tuples(
        [
            ("a.md", D2025 + SPEND.format("$80 billion")),
            ("b.md", D2025 + SPEND.format("$800 billion")),
        ]
    )
    assert found == [("FL102", "b.md", 4, 26)]
    found = tuples(
        [
            ("a.md", D2025 + SPEND.format("$800 billion")),
            ("b.md", D2025 + SPEND.format("$80 billion")),
        ]
    )
    assert found == [("FL102", "b.md", 4, 26)]


def test_a_reprint_that_changed_a_number_outside_the_figures_is_the_one_reported() -> None:
    sentence = (
        "The conference, which is scheduled for June 13 to {}, will take place at the Montego "
        "Bay Convention Centre under the theme of resilience and prosperity."
    )
    articles = [(f"r{n}.md", D2025 + sentence.format(17)) for n in range(6)]
    articles.insert(3, ("r2x.md", D2025 + sentence.format(18)))
    (f,) = findings(articles)
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == (
        "FL105",
        "r2x.md",
        4,
        51,
    )
    assert (
        f.message
        == "near-identical to the sentence in r0.md:4, but a number differs: 18 here, 17 there"
    )


def test_slip_message_reads_from_the_reported_figure() -> None:
    (f,) = findings(
        [
            ("a.md", D2025 + "Nvidia expects the export ban to cost it $5.5 billion in revenue."),
            ("b.md", D2025 + "The export ban will cost Nvidia $55 billion in revenue."),
        ]
    )
    assert f.message == "$55 billion here is ten times $5.5 billion in a.md:4"


def test_rounded_message() -> None:
    (f,) = findings(
        [
            ("a.md", D2025 + "The city jointly established a 3 billion euro green hydrogen fund."),
            (
                "b.md",
                D2025 + "Hamburg launched a green hydrogen fund, reportedly worth 3.12 "
                "billion euros.",
            ),
        ]
    )
    assert f.message == (
        "3 billion euro here rounds 3.12 billion euros in b.md:4 without a hedge such as 'about'"
    )


def test_stated_years_and_publication_dates() -> None:
    a = "Toyota and Honda will invest up to $70 billion in battery plants this year."
    b = "Honda and Toyota announced up to $700 billion for battery plants this year."
    assert pair(a, b) == [("FL102", "b.md", 4, 28)]
    # "this year" in articles published in different years: different years.
    other = tuples([("a.md", D2025 + a), ("b.md", D2026 + b)])
    assert other == []
    # A stated year meets a figure without one only in its article's year or the one before.
    c = "Toyota and Honda invested $70 billion in battery plants in 2025."
    d = "Honda and Toyota announced $700 billion for battery plants."
    assert pair(c, d, D2026) == [("FL102", "b.md", 4, 28)]
    e = c.replace("2025", "2018")
    assert pair(e, d, D2026) == []


def test_figures_of_the_day_need_articles_of_the_same_days() -> None:
    a = "Florida reported 1,200 new cases of the virus."
    b = "Florida reported 1,500 new cases of the virus, officials said."
    assert pair(a, b) == [("FL101", "b.md", 4, 18)]
    later = "---\ndate: 2025-03-14\n---\n"
    assert tuples([("a.md", D2025 + a), ("b.md", later + b)]) == []
    # A figure that does not change daily is compared over a month ...
    c = "Sanders won 26% of the vote in Nevada, officials said."
    d = "Sanders won 46% of the vote in Nevada."
    assert tuples([("a.md", D2025 + c), ("b.md", later + d)]) == [("FL101", "b.md", 4, 13)]
    # ... and not over a year.
    next_year = "---\ndate: 2026-03-14\n---\n"
    assert tuples([("a.md", D2025 + c), ("b.md", next_year + d)]) == []


# --- undated articles, and articles about different events -----------------------------

UNDATED: list[tuple[str, str, list[tuple[str, str, int, int]]]] = [
    # One flight, two crew counts: the articles agree on the passengers, so they report
    # one moment.
    (
        "The Airbus A350 from Lisbon had 291 passengers and 14 crew members on board.",
        "The Airbus A350, which left Lisbon with 291 passengers and 12 crew members, "
        "landed safely.",
        [("FL101", "b.md", 1, 60)],
    ),
    # A large amount is as telling as a count: both give the fund's $60.06 billion.
    (
        "The Tellora fund holds $60.06 billion and backs 28 start-ups.",
        "The Tellora fund, with $60.06 billion, backs 24 start-ups.",
        [("FL101", "b.md", 1, 46)],
    ),
    # A round amount is not: "$60 billion" may be any year's figure.
    (
        "The Tellora fund holds $60 billion and backs 28 start-ups.",
        "The Tellora fund, with $60 billion, backs 24 start-ups.",
        [],
    ),
    # Two elections five years apart: nothing else in common, so no conflict.
    (
        "Her rival, Anna Berg, won 38.4 percent of the vote.",
        "Her challenger Anna Berg won 44.9% of the vote, her best result so far.",
        [],
    ),
    # A slip by a power of ten needs no date.
    (
        "Vantor and Helix plan to invest up to $80 billion in chip plants this year.",
        "Helix and Vantor plan up to $800 billion for chip plants this year.",
        [("FL102", "b.md", 1, 23)],
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), UNDATED)
def test_undated_articles_conflict_only_when_they_share_another_figure(
    a: str, b: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert pair(a, b, date="") == expected


def test_a_figure_of_the_day_needs_both_dates() -> None:
    a = "Crews carried out four swiftwater rescues across Westland in the past 24 hours."
    b = "Westland crews carried out nine swiftwater rescues in the past 24 hours."
    assert pair(a, b) == [("FL101", "b.md", 4, 28)]
    assert pair(a, b, date="") == []


def test_different_stories_do_not_pair_their_figures() -> None:
    air = (
        "Several passengers were hurt when a Northwind Airways jet met turbulence near "
        "Reykjavik. The Northwind Airways flight to Reykjavik diverted.\n\n"
        "The Boeing 787 had 241 passengers and 11 crew members on board."
    )
    sea = (
        "A Coral Line ferry bound for Palmira ran aground. Coral Line said the ferry "
        "to Palmira was refloated.\n\n"
        "The Boeing 787 had 198 passengers and 11 crew members on board, by one account."
    )
    assert pair(air, sea) == []
    # The same passage in two reports of one flight is a conflict.
    same = sea.replace("Coral Line ferry", "Northwind Airways jet").replace("Palmira", "Reykjavik")
    assert pair(air, same.replace("Coral Line", "Northwind Airways")) == [("FL101", "b.md", 6, 20)]


def test_an_offer_per_share_is_not_a_share_price() -> None:
    a = "Microsoft will pay $95 per Activision share, in a deal worth $68.7 billion."
    b = "The $68.7 billion deal was agreed. Activision closed at $65.39 on Friday."
    assert pair(a, b, date="") == []
    assert pair(a, b.replace("closed at", "was worth"), date="") == []


def test_a_share_price_of_the_moment_needs_both_dates() -> None:
    a = "Microsoft agreed the $68.7 billion deal. Activision Blizzard stock was up 36.7% at $89.49."
    b = "Microsoft agreed the $68.7 billion deal. Activision Blizzard stock was up 26% at $82.31."
    assert pair(a, b, date="") == []
    assert pair(a, b) == [("FL105", "b.md", 4, 75)]
    # Without words of the moment, the $68.7 billion deal both give makes them one moment.
    a, b = (
        s.replace("was up 36.7% at", "was at").replace("was up 26% at", "was at") for s in (a, b)
    )
    assert pair(a, b, date="") == [("FL101", "b.md", 1, 75)]


def test_a_figure_the_other_article_also_gives_is_no_conflict() -> None:
    a = (
        "The starting prices of iPhone 15 Pro and iPhone 15 Pro Max are $999 (₹1,34,900) "
        "and $1,199 (₹1,59,900), respectively."
    )
    b = "The iPhone 15 Pro starts at $999, while the iPhone Pro Max starts at $1,199."
    # Its $1,199 was paired with the $999 there, its best match by the words around.
    assert pair(a, b) == []


def test_a_running_total_is_not_a_quarter() -> None:
    a = "Tesla has now delivered 318,687 vehicles year-to-date, up 25% on last year."
    b = "That is a jump from the 90,000 vehicles Tesla delivered last quarter."
    assert pair(a, b) == []
    assert pair(a.replace(" year-to-date", ""), b) == [("FL101", "b.md", 4, 25)]


def test_a_runoff_is_not_the_first_round() -> None:
    runoff = (
        "Erdogan won 52.18 percent of the votes in the presidential runoff.\n\n"
        "The final results showed that Recep Tayyip Erdogan received 52.18 percent of the "
        "votes and Kemal Kilicdaroglu got 47.82 percent."
    )
    first = (
        "Recep Tayyip Erdogan won 49.51 percent of the vote, while Kemal Kilicdaroglu won "
        "44.92 percent."
    )
    # The second sentence's 52.18 percent is the runoff's: the article said so before;
    # and so is the 47.82 percent beside it.
    assert pair(runoff, first) == []
    assert pair(runoff.split("\n\n")[1], first) == [("FL101", "b.md", 4, 26)]


def test_counts_in_progress_at_other_stages_are_not_compared() -> None:
    a = (
        "With 99.43% of the votes counted, preliminary official results announced by Turkey's"
        " Supreme Election Council (YSK) on Sunday showed Erdogan winning with 52.14% of the"
        " votes."
    )
    b = (
        "Erdogan secured 52.10 per cent of votes while his contender Kemal Kilicdaroglu"
        " received 47.90 per cent, after 99.49 per cent of ballot boxes were opened, Xinhua"
        " news agency reported."
    )
    assert pair(a, b) == []
    # Without the count's progress, the two shares are one result's.
    final_a = a.replace("With 99.43% of the votes counted, preliminary official", "Official")
    final_b = b.replace(", after 99.49 per cent of ballot boxes were opened", "")
    assert pair(final_a, final_b) == [("FL101", "b.md", 4, 17)]


def test_a_threshold_is_not_the_count_that_passed_it() -> None:
    a = (
        "The Labour Party won 411 seats out of the 650 on offer, giving the party a"
        " comfortable majority in Westminster."
    )
    b = (
        "Now that Labour has won the key 326 Westminster seats needed to govern the country,"
        " what can we expect?"
    )
    assert pair(a, b) == []
    assert pair(a, b.replace(" needed", "")) == [("FL101", "b.md", 4, 33)]


def test_a_figure_set_at_the_time_or_in_a_past_month_is_not_the_present_one() -> None:
    now = "Amazon cut more than 18,000 jobs, chief executive Andy Jassy told employees in a memo."
    then = (
        "At the time, the New York Times reported that Amazon was cutting about 10,000 jobs,"
        " Andy Jassy told employees."
    )
    assert pair(now, then) == []
    assert pair(now, then.replace("At the time, the", "The")) == [("FL101", "b.md", 4, 53)]
    november = then.replace("At the time, the", "In November the")
    january, in_november = "---\ndate: 2023-01-04\n---\n", "---\ndate: 2022-11-20\n---\n"
    assert tuples([("a.md", january + now), ("b.md", january + november)]) == []
    found = tuples([("a.md", in_november + now), ("b.md", in_november + november)])
    assert found == [("FL101", "b.md", 4, 65)]


def test_an_estimate_against_a_figure_close_to_it_is_a_warning() -> None:
    a = "The USGS said the epicentre was approximately 40 kilometers northwest of Herat."
    b = "The USGS said the quake hit 35 kilometres north-west of Herat."
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b)])
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 4, 29)
    assert (
        f.message
        == "35 kilometres here, but approximately 40 kilometers in a.md:4 (close to an estimate)"
    )
    assert f.severity is Severity.WARNING
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b.replace("35", "25"))])
    assert f.message == "25 kilometres here, but approximately 40 kilometers in a.md:4"
    assert f.severity is Severity.ERROR


def test_a_figure_the_other_article_also_gives_is_an_unsure_conflict() -> None:
    a = (
        "Mbappe scored 44 goals for PSG last season, his highest tally. He has 256 goals in"
        " 308 matches after joining the club in 2017."
    )
    b = "In his time at PSG, Mbappe scored a club-record 256 goals in all competitions."
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b)])
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 4, 49)
    assert f.message == (
        "256 here, but 44 in a.md:4 (the other article gives the same figure elsewhere)"
    )
    assert f.severity is Severity.WARNING
    (f,) = findings([("a.md", D2025 + a.replace("256", "216")), ("b.md", D2025 + b)])
    assert f.message == "256 here, but 44 in a.md:4"
    assert f.severity is Severity.ERROR


def test_figures_of_the_moment_disagree_unsurely() -> None:
    a = "Hurricane Otis was north of Acapulco, its maximum sustained winds decreasing to 130mph."
    b = "By Wednesday morning, the maximum sustained winds of Otis were decreasing to 110mph."
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b)])
    assert (f.rule_id, f.location.line, f.location.col) == ("FL101", 4, 78)
    assert f.message == "110mph here, but 130mph in a.md:4 (a figure of the moment)"
    assert f.severity is Severity.WARNING
    steady = [
        ("a.md", D2025 + a.replace("decreasing to", "of")),
        ("b.md", D2025 + b.replace("were decreasing to", "were")),
    ]
    (f,) = findings(steady)
    assert f.severity is Severity.ERROR
    # A share price on the move is compared only between articles of nearby days.
    stock = "Exxon stock fell 3.3% on Wednesday after the deal was announced."
    other = "On Wednesday Exxon stock fell less than 1% once the deal was announced."
    assert tuples([("a.md", stock), ("b.md", other)]) == []
    assert tuples([("a.md", D2025 + stock), ("b.md", D2025 + other)]) == [("FL101", "b.md", 4, 31)]


def test_expected_figures_are_not_compared_with_reported_ones() -> None:
    a = "Analysts expected Orvex to earn $1.77 per share in the quarter."
    b = "Orvex earned $1.57 per share in the quarter, the company said."
    assert pair(a, b) == []
    assert pair(a, b.replace("earned", "was forecast to earn")) == [("FL101", "b.md", 4, 28)]


def test_a_sentence_opening_word_is_no_anchor_on_both_sides() -> None:
    a = "Expect this to be nearing $400 million by then."
    b = "Expect this to top $60 million."
    assert pair(a, b) == []
    # A name the other article writes inside a sentence is one.
    assert pair("Orvex earned $40 million.", "The unit of Orvex earned $55 million.") == [
        ("FL101", "b.md", 4, 26)
    ]


def test_an_offer_and_a_fee_are_not_the_deal() -> None:
    deal = "Corvan buys Tessel for $66 billion."
    assert pair(deal, "Corvan first made a $62 billion offer for Tessel in May.") == []
    assert pair(deal, "Corvan will pay a $2 billion breakup fee to Tessel if it fails.") == []
    assert pair(deal, "Corvan agreed to buy Tessel for $61 billion.") == [("FL101", "b.md", 4, 33)]


# --- within one article ---------------------------------------------------------------


def test_within_article_figures_need_a_single_figure_and_close_wording() -> None:
    text = (
        D2025 + "Acme Robotics raised $40 million in its Series B round, led by Sequoia.\n\n"
        "The weather was mild.\n\n"
        "Acme Robotics raised $45 million in its Series B round, the company said.\n"
    )
    assert tuples([("a.md", text)]) == [("FL101", "a.md", 8, 22)]
    series = (
        D2025 + "The first-stage alert began at 6 p.m., when operating reserves stood at 12 "
        "percent.\n\nThe second stage began at 6:25 p.m., when operating reserves stood at "
        "9.59 percent.\n"
    )
    assert tuples([("a.md", series)]) == []


def test_within_article_rounding_is_style() -> None:
    text = (
        D2025 + "The green hydrogen fund is worth 3.12 billion euros, Hamburg said.\n\n"
        "The weather was mild.\n\n"
        "The green hydrogen fund, worth 3 billion euros, Hamburg said, starts soon.\n"
    )
    assert tuples([("a.md", text)]) == []


def test_best_match_only() -> None:
    """Two copies of one article: every figure meets its own copy, not its neighbours."""
    text = (
        D2025 + "The first-stage alert began when California ISO's operating reserves stood "
        "at 12 percent.\n\nThe second stage began when California ISO's operating reserves "
        "stood at 9.59 percent.\n\nThe final stage began when California ISO's operating "
        "reserves dipped to 8.9 percent.\n"
    )
    assert tuples([("a.md", text), ("b.md", text)]) == []


# --- FL105 near-identical sentences ---------------------------------------------------

BUDGET = (
    "The council approved a budget of $12 million for road repairs on the east side of the city."
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (BUDGET, BUDGET.replace("$12", "$15"), [("FL105", "b.md", 4, 34)]),
        (BUDGET, BUDGET.replace("$12", "$15").replace("east", "west"), []),
        (BUDGET, BUDGET.replace("$12", "$120"), [("FL102", "b.md", 4, 34)]),
        (BUDGET, BUDGET, []),
        (BUDGET, BUDGET.replace("$12 million", "$12m"), []),
        (BUDGET, BUDGET.replace("council", "Council on Monday"), []),
        (BUDGET, BUDGET.replace("of $12", "of more than $12"), []),
        # number words are figures too, not words that tell two statements apart
        (
            "Three Chinese citizens died at the Nepal-China border, officials said.",
            "Two Chinese citizens died at the Nepal-China border, officials said.",
            [("FL105", "b.md", 4, 1)],
        ),
        (
            "Three Chinese citizens died at the Nepal-China border, officials said.",
            "Two Indian citizens died at the Nepal-China border, officials said.",
            [],
        ),
    ],
)
def test_near_identical_sentences(
    a: str, b: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert pair(a, b) == expected


SEIZED = "Customs found 475 pounds of cocaine in a vessel, the agency announced on Tuesday."


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a short sentence is compared with the long one before it in its paragraph
        (
            SEIZED + " The estimated value is $4.3 million.",
            SEIZED + " The estimated value is $4.3 billion.",
            [("FL102", "b.md", 4, 106)],
        ),
        (
            SEIZED + " The estimated value is $4.3 million.",
            SEIZED + " The estimated value is $4.8 million.",
            [("FL105", "b.md", 4, 106)],
        ),
        # alone, or after another sentence, it is a pattern articles share about other things
        ("The estimated value is $4.3 million.", "The estimated value is $4.3 billion.", []),
        (
            SEIZED + " The estimated value is $4.3 million.",
            SEIZED.replace("cocaine", "heroin") + " The estimated value is $4.3 billion.",
            [],
        ),
        (
            SEIZED + "\n\nThe estimated value is $4.3 million.",
            SEIZED + "\n\nThe estimated value is $4.3 billion.",
            [],
        ),
    ],
)
def test_a_short_sentence_is_compared_with_the_sentence_before_it(
    a: str, b: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert pair(a, b) == expected


POLL_QUOTE = (
    '"While polls show that 70 percent of New Yorkers support our plans and investment, a '
    'number of politicians have made it clear that they oppose our presence," the company said.'
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # One remark quoted twice: who said it, and when, is each writer's own.
        (
            POLL_QUOTE,
            POLL_QUOTE.replace("70", "60").replace("said.", "said in a statement Thursday."),
            [("FL105", "b.md", 4, 24)],
        ),
        (
            POLL_QUOTE,
            POLL_QUOTE.replace("said.", "said in a statement Thursday."),
            [],
        ),
        # The figure outside the quotation: two statements, perhaps of two days.
        (
            POLL_QUOTE.replace('"', "") + " It was 70 percent.",
            POLL_QUOTE.replace('"', "").replace("said.", "said in a statement Thursday.")
            + " It was 60 percent.",
            [],
        ),
    ],
)
def test_one_quotation_told_twice_with_other_figures(
    a: str, b: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert pair(a, b) == expected


def test_one_sentence_under_two_lead_ins_states_two_facts() -> None:
    text = (
        "For the week:\n\nThe Dow is up 278.48 points, or 1.6 percent.\n\n"
        "For the year:\n\nThe Dow is up 689.33 points, or 4.2 percent.\n"
    )
    assert run_rule("FL105", text) == []
    assert run_rule("FL105", text.replace("For the year:", "Residents were told.")) == [
        ("FL105", 7, 15)
    ]


EARNINGS = (
    "{name} reported a profit of $150.22 million. {name} said revenue was $4.16 Bln. "
    "Analysts had expected the company to earn {eps} per share, according to figures "
    "compiled by Thomson Reuters.\n"
)


def test_template_sentences_of_two_companies_are_not_compared() -> None:
    jacobs = EARNINGS.format(name="Jacobs Engineering Group Inc.", eps="$1.21")
    procter = EARNINGS.format(name="Procter & Gamble Co.", eps="$1.37").replace("150.22", "98.1")
    procter = procter.replace("4.16", "18.24")
    assert pair(jacobs, procter) == []
    # one company twice: the same report, two figures
    assert pair(jacobs, jacobs.replace("$1.21", "$1.37")) == [("FL105", "b.md", 4, 169)]


CLAIMS_EXPECTED = (
    "Economists had expected jobless claims to edge down to {a} from the {b} originally "
    "reported for the previous week."
)


def test_undated_articles_that_agree_on_nothing_else_may_be_other_weeks() -> None:
    a = CLAIMS_EXPECTED.format(a="240,000", b="249,000") + " Benefits averaged $412.35.\n"
    b = CLAIMS_EXPECTED.format(a="260,000", b="265,000") + " Benefits averaged $398.10.\n"
    assert pair(a, b, date="") == []
    # the same week's report, told with another figure alike: one week, two figures
    b_same_week = b.replace("$398.10", "$412.35")
    assert pair(a, b_same_week, date="") == [("FL105", "b.md", 1, 56)]


def test_near_identical_sentences_within_an_article() -> None:
    text = BUDGET + "\n\nResidents welcomed it.\n\n" + BUDGET.replace("$12", "$15") + "\n"
    assert run_rule("FL105", text) == [("FL105", 5, 34)]
    assert run_rule("FL105", text.replace("east side", "west side", 1)) == []
    (f,) = findings([("t.md", text)])
    assert f.message == (
        "near-identical to the sentence at line 1, but the figures differ: "
        "$15 million here, $12 million there"
    )


def test_near_identical_sentences_of_articles_far_apart_are_updates() -> None:
    a = "The ministry reported 1,234 new cases of the virus across the country, officials said."
    b = a.replace("1,234", "1,456")
    assert pair(a, b) == [("FL105", "b.md", 4, 23)]
    later = "---\ndate: 2025-03-20\n---\n"
    assert tuples([("a.md", D2025 + a), ("b.md", later + b)]) == []


# A number outside the figures changed in a copy (real news sentences).
GAZA = (
    "Before the war, the hospital received 550 patients a day, provided chemotherapy "
    "treatments to 150 patients, and gave hypnosis treatments to around 130 patients a day."
)
SEIZURE = (
    "U.S. Customs and Border Protection (CBP) Air and Marine Operations (AMO) found Sunday 475 "
    "pounds (215.5 kilos) of cocaine concealed inside a vessel being removed from the water."
)
SUMMIT = (
    "During the five-day event where approximately 1,500 participants are expected from 140 "
    "countries, attendees will take part in various presentations and seminars."
)
GATE = "Gate 5 will close at noon on the day of the match."
HOSPITALS = (
    "The Turkish Friendship Hospital is one of 16 hospitals that have shut down amid the war, "
    "according to the Health Ministry in Gaza."
)
CLAIMS = (
    "New data on Thursday showed unemployment claims had topped 6 million for the second week "
    "in a row, bringing the number of Americans out of work over the last three weeks to 16.8 "
    "million."
)
SEIZED = (
    "On {}, Marine Interdiction agents seized 1,300 pounds of cocaine at Las Croabas, "
    "officials said."
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # "1300" reads as a year, so the copy has one figure fewer than the original.
        (GAZA, GAZA.replace("130 ", "1300 "), [("FL105", "b.md", 1, 148)]),
        # a figure's conversion in brackets is not a figure of its own
        (SEIZURE, SEIZURE.replace("475", "4750"), [("FL105", "b.md", 1, 87)]),
        # "from 140 countries" reads as the start of a change
        (SUMMIT, SUMMIT.replace("140", "1400"), [("FL105", "b.md", 1, 84)]),
        (SUMMIT, SUMMIT.replace("140", "1,400"), [("FL105", "b.md", 1, 84)]),
        (SUMMIT, SUMMIT.replace("140", "140").replace("1,500", "1500"), []),
        # another word besides the number: two statements
        (SUMMIT, SUMMIT.replace("140", "14").replace("countries", "regions"), []),
        (SEIZURE, SEIZURE.replace("475", "4750").replace("Sunday", "Monday"), []),
        # a magnitude word changed ("6 million" is not read as a figure there)
        (CLAIMS, CLAIMS.replace("6 million", "6 billion"), [("FL105", "b.md", 1, 62)]),
        (CLAIMS, CLAIMS.replace("6 million", "six million"), []),
        # no figure read in the sentence at all
        (HOSPITALS, HOSPITALS.replace("16", "21"), [("FL105", "b.md", 1, 43)]),
        (HOSPITALS, HOSPITALS.replace("16", "21").replace("war", "winter"), []),
        # a short sentence of one pattern may name two things ("Gate 5", "Gate 6")
        (GATE, GATE.replace("5", "6"), []),
        # the day of a date is FL201's to compare
        (SEIZED.format("May 10"), SEIZED.format("May 8"), []),
        (SEIZED.format("8 May"), SEIZED.format("10 May"), []),
        (SEIZED.format("the 8th of May"), SEIZED.format("the 10th of May"), []),
    ],
)
def test_number_changed_in_a_copy(
    a: str, b: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert pair(a, b, date="") == expected


def test_magnitude_changed_in_a_copy_shows_its_number() -> None:
    (f,) = findings([("a.md", CLAIMS), ("b.md", CLAIMS.replace("6 million", "6 billion"))])
    assert f.message.endswith("but a number differs: 6 billion here, 6 million there")


def test_number_changed_in_a_copy_message_and_evidence() -> None:
    later = "---\ndate: 2025-03-20\n---\n"
    changed = GAZA.replace("130 ", "1300 ")
    assert tuples([("a.md", D2025 + GAZA), ("b.md", later + changed)]) == []
    (f,) = findings([("a.md", GAZA), ("b.md", changed)])
    assert f.message == (
        "near-identical to the sentence in a.md:1, but a number differs: 1300 here, 130 there"
    )
    (related,) = f.related
    assert (related.location.path, related.location.line, related.location.col) == ("a.md", 1, 148)
    assert related.message.startswith("Before the war, the hospital received 550 patients")


# --- FL104 conversions ------------------------------------------------------------------

FUND = "Beijing launched a national AI fund last year, reportedly worth 60.06 billion yuan"


@pytest.fixture(scope="module")
def shipped() -> Ledger:
    return load_ledger(shipped_ledger_paths())


def test_conversion_against_the_ledger_rate(shipped: Ledger) -> None:
    wrong = D2026 + FUND + " (approximately $8.69 billion).\n"
    right = D2026 + FUND + " (approximately $8.2 billion).\n"
    assert tuples([("a.md", wrong)], shipped) == [("FL104", "a.md", 4, 85)]
    assert tuples([("a.md", right)], shipped) == []
    (f,) = findings([("a.md", wrong)], shipped)
    rate = shipped.get("usd-cny-2025-01")
    assert f.message == (
        "$8.69 billion for 60.06 billion yuan implies 6.91 CNY per USD; the ledger's "
        "USD/CNY rate for 2025-01 is 7.1-7.35 (People's Bank of China, USD/CNY central "
        "parity, as reported (2025-01))"
    )
    (rel,) = f.related
    assert (rel.location.path, rel.location.line) == (rate.path, rate.line)
    assert tuples([("a.md", wrong)]) == []  # no ledger: nothing to check against


def test_conversion_period_is_the_publication_month_without_a_fact(shipped: Ledger) -> None:
    text = "The province pledged 100 billion yuan (about $11 billion) for AI chips.\n"
    assert tuples([("a.md", "---\ndate: 2025-01-20\n---\n" + text)], shipped) == [
        ("FL104", "a.md", 4, 40)
    ]
    assert tuples([("a.md", "---\ndate: 2025-06-20\n---\n" + text)], shipped) == []


def test_conversions_against_each_other() -> None:
    base = "---\ndate: 2024-05-{day:02d}\n---\n"
    agree = [
        (f"a{i}.md", base.format(day=i + 1) + f"Firm {c} raised £{a} million (${b} million).\n")
        for i, (c, a, b) in enumerate(
            [("Alpha", 100, 127), ("Beta", 200, 254), ("Gamma", 300, 381)]
        )
    ]
    odd = ("z.md", base.format(day=9) + "Firm Delta raised £400 million ($600 million).\n")
    fine = ("z.md", base.format(day=9) + "Firm Delta raised £400 million ($508 million).\n")
    assert tuples([*agree, odd]) == [("FL104", "z.md", 4, 33)]
    assert tuples([*agree, fine]) == []
    assert tuples([agree[0], odd]) == []  # one other conversion is no consensus
    (f,) = findings([*agree, odd])
    assert f.message == (
        "$600 million for £400 million implies 0.67 GBP per USD; "
        "3 other conversions this month imply 0.78-0.79"
    )


# --- FL106 impossible shares ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The poll found that 120% of voters backed the measure.", [("FL106", 1, 21)]),
        ("The poll found that 20% of voters backed the measure.", []),
        ("Some 130 percent of all households own a phone.", [("FL106", 1, 1)]),
        ("Support among 110% of the country's adults is strong.", [("FL106", 1, 15)]),
        ("Sales rose 120% on the year.", []),
        ("Output reached 150% of the target.", []),
        ("The country ordered enough doses for 200% of the population.", []),
        ("Turnout rose 120% of voters' expectations.", []),
        ("Mobile penetration reached 130% of the population.", []),
        ("Voter rolls listed 105% of eligible voters.", []),
        ("Gross enrolment stood at 110% of children of primary age.", []),
        ("Twelve of the 10 board members voted against the plan.", [("FL106", 1, 1)]),
        ("Nine of the 10 board members voted against the plan.", []),
        ("It won 12 of 10 games.", [("FL106", 1, 8)]),
        ("Game 5 of 3 rounds went badly.", []),
        ("In 2019 of 2018 models, none sold.", []),
        ("There were 15 of 12 million people.", []),
        # the whole first, a verb right after the part
        ("Of the 300 patients, 450 recovered within a week.", [("FL106", 1, 1)]),
        ("But of the 40 schools in the district, 42 were reopened.", [("FL106", 1, 5)]),
        ("Of the 300 patients, 45 recovered within a week.", []),
        ("Of the 300 employees surveyed, 420 said they were satisfied.", [("FL106", 1, 1)]),
        ("Of the 300 employees surveyed, 42 said they were satisfied.", []),
        ("Of the 10 largest banks surveyed, 2024 saw record profits.", []),
        ("Of the 300 patients, 450 mg was the usual dose.", []),
        ("Of the 12 players, 15 percent were injured.", []),
        ("Of the 40 schools it built, 2012 marked the peak.", []),
        # a rate of people: "one in five adults"
        ("Some 7 in 5 adults said they had used the service.", [("FL106", 1, 6)]),
        ("One in five adults said they had used the service.", []),
        ("Six in five older voters backed him.", [("FL106", 1, 1)]),
        ("He scored 12 in 10 games this season.", []),  # a tally, not a rate
        ("Some 1200 in 500 adults agreed.", []),  # a part that reads as a year: not read
        ("Prices rose 7 in 5 markets.", []),
        # the vote, and a share named beside the figure
        ("The party won 112% of the vote in the district.", [("FL106", 1, 15)]),
        ("The party won 52% of the vote in the district.", []),
        ("Its market share reached 130% in the quarter.", [("FL106", 1, 5)]),
        ("The firm holds a 130% market share, the regulator said.", [("FL106", 1, 18)]),
        ("Its vote share rose to 112% in the district.", [("FL106", 1, 5)]),
        ("Its market share rose 130% in the quarter.", []),  # a change
        ("Its market share of 30% fell last year.", []),
        ("The market share target of 130% was met.", []),
    ],
)
def test_impossible_share(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule("FL106", text) == expected


# --- the parts --------------------------------------------------------------------------


def _q(text: str) -> tuple[str, str, str]:
    (q,) = [q for q in extract_quantities(text, (Span(0, len(text)),)) if q.kind != "number"]
    return q.raw, figure_role(text, q), per_unit(text, q)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5% last year.", ("5%", "change", "")),
        ("Sales rose to $5 billion.", ("$5 billion", "level", "")),
        ("It fell from 3% last year.", ("3%", "from", "")),
        ("Revenue was 20% higher.", ("20%", "change", "")),
        ("It reported an increase of $2 billion in spending.", ("$2 billion", "change", "")),
        ("He earns $5 million a year.", ("$5 million", "level", "year")),
        ("He earned $5 million a year ago.", ("$5 million", "level", "")),
        ("The plan costs $40 per user.", ("$40", "level", "user")),
        ("It pays $40 monthly.", ("$40", "level", "month")),
        ("It pays an average of $40,000.", ("$40,000", "level", "average")),
        ("The average salary is $40,000.", ("$40,000", "level", "average")),
        ("GDP per capita of $12,000 is low.", ("$12,000", "level", "capita")),
        ("Income is $12,000 per capita.", ("$12,000", "level", "capita")),
        ("GDP is $12 billion.", ("$12 billion", "level", "")),
        ("Microsoft will pay $95 per Activision share.", ("$95", "level", "share")),
        ("It paid $95 to a Google employee.", ("$95", "level", "")),
        ("It costs $95 per Google search.", ("$95", "level", "")),
        # a quarter's change given as a year's rate
        ("GDP fell 0.9% at an annualized pace in the quarter.", ("0.9%", "change", "year")),
        ("It was the equivalent of a 0.9% annual rate of decline.", ("0.9%", "level", "year")),
        ("Its annualised 2.4% growth beat forecasts.", ("2.4%", "change", "year")),
        ("GDP fell 0.2% in the second quarter.", ("0.2%", "change", "")),
    ],
)
def test_role_and_rate(text: str, expected: tuple[str, str, str]) -> None:
    assert _q(text) == expected


@pytest.mark.parametrize(
    ("scope", "published", "expected"),
    [
        ("rel:0", "2026-02-17", "2026"),
        ("rel:-1", "2026-02-17", "2025"),
        ("rel:+1", "2026-02-17", "2027"),
        ("rel:-1", None, "rel:-1"),
        ("2024", "2026-02-17", "2024"),
        ("", "2026-02-17", ""),
    ],
)
def test_resolve_time_scope(scope: str, published: str | None, expected: str) -> None:
    import datetime

    when = datetime.date.fromisoformat(published) if published else None
    assert resolve_time_scope(scope, when) == expected


def _figure(text: str, date: str | None) -> numbers.Figure:
    meta = f"---\ndate: {date}\n---\n" if date else ""
    (f,) = figures_of(Analysis(document_from_text(meta + text, "x.md")), 0)
    return f


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("It had 5 stores in 2024.", "2026-01-01"), ("It had 7 stores.", "2026-01-01"), False),
        (("It had 5 stores in 2025.", "2026-01-01"), ("It had 7 stores.", "2026-01-01"), True),
        (("It had 5 stores this year.", "2025-06-01"), ("It had 7 stores in 2025.", None), True),
        (("It had 5 stores this year.", None), ("It had 7 stores in 2025.", None), False),
        (("It had 5 stores.", "2020-01-01"), ("It had 7 stores.", "2025-01-01"), False),
        (("It had 5 stores.", "2025-01-01"), ("It had 7 stores.", "2025-09-01"), False),
        (("It had 5 stores.", "2025-08-20"), ("It had 7 stores.", "2025-09-01"), True),
        (("It had 5 stores.", None), ("It had 7 stores.", "2025-09-01"), True),
    ],
)
def test_times_compatible(
    a: tuple[str, str | None], b: tuple[str, str | None], expected: bool
) -> None:
    assert times_compatible(_figure(*a), _figure(*b)) is expected


# --- cost: never all pairs ------------------------------------------------------------


def test_cross_article_matching_does_not_compare_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = numbers.same_subject

    def counting(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(numbers, "same_subject", counting)
    # 100 towns, five articles each: a figure has four plausible partners, not 1,499.
    articles = [
        (
            f"a{i}.md",
            D2025 + f"Town{i % 100:03d} Council approved a budget of ${i % 100 + 3} million for "
            f"Town{i % 100:03d} schools.\n\nThe Town{i % 100:03d} Rovers sold "
            f"{i % 100 * 10 + 100} season tickets.\n\nMayor Town{i % 100:03d}son said that "
            f"4{i % 10}% of residents back the Town{i % 100:03d} plan.\n",
        )
        for i in range(500)
    ]
    assert tuples(articles) == []
    figures = 3 * len(articles)
    assert 0 < calls <= figures * 4
    assert calls < figures * (figures - 1) // 2 // 100  # all pairs: over a million


# --- the seeds, through the command line ----------------------------------------------


def _seed_run(*options: str) -> dict:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--select", "FL1,FL4", *options, str(SEEDS)]
    )
    return json.loads(result.stdout)


def test_seeds_through_the_cli(shipped: Ledger) -> None:
    report = _seed_run()
    got = {
        (f["rule"], Path(f["path"]).name, f["line"], f["column"]): [
            (Path(r["path"]).name, r["line"], r["column"]) for r in f["related"]
        ]
        for f in report["findings"]
        if f["rule"] != "FL405"  # event dates: another module's rule
    }
    capex = shipped.get("us-hyperscalers-capex-2026")
    fund = shipped.get("cn-national-ai-fund-capital")
    rate = shipped.get("usd-cny-2025-01")
    pre = shipped.get("deepseek-v3-pretraining-compute")
    total = shipped.get("deepseek-v3-training-compute")
    ledger_file = Path(capex.path).name
    assert got == {
        # $70 billion: the ledger (a tenth of 650-700 billion) and 001's $700 billion.
        ("FL402", "000_b2a1cf249883d228.txt", 19, 194): [
            (ledger_file, capex.line, 1),
            ("001_3d07ea246869d68c.txt", 11, 132),
        ],
        # 60 billion yuan: the ledger's 60.06 billion, and 001's 60.06 billion yuan.
        ("FL403", "000_b2a1cf249883d228.txt", 39, 485): [
            (ledger_file, fund.line, 1),
            ("001_3d07ea246869d68c.txt", 5, 151),
        ],
        ("FL104", "001_3d07ea246869d68c.txt", 5, 171): [(ledger_file, rate.line, 1)],
        # 2.6 million GPU-hours: pre-training's 2.664 million truncated, not the total.
        ("FL403", "004_2cb8a2b5be4354fc.txt", 5, 145): [
            (ledger_file, pre.line, 1),
            (ledger_file, total.line, 1),
        ],
    }
    messages = {f["rule"] + str(f["line"]): f["message"] for f in report["findings"]}
    slip = messages["FL40219"]
    assert slip.startswith("$70 billion is a tenth of the ledger's 650-700 billion USD for ")
    assert "(2026; CNBC, " in slip
    assert slip.endswith(
        "; also up to $700 billion in " + str(SEEDS / "001_3d07ea246869d68c.txt") + ":11"
    )


def test_seeds_without_the_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "factlint.yaml").write_text("shipped-ledger: false\n")
    monkeypatch.chdir(tmp_path)
    report = _seed_run()
    got = sorted(
        (
            f["rule"],
            Path(f["path"]).name,
            f["line"],
            f["column"],
            tuple((Path(r["path"]).name, r["line"], r["column"]) for r in f["related"]),
        )
        for f in report["findings"]
    )
    assert got == [
        ("FL102", "001_3d07ea246869d68c.txt", 11, 132, (("000_b2a1cf249883d228.txt", 19, 194),)),
        ("FL103", "000_b2a1cf249883d228.txt", 39, 485, (("001_3d07ea246869d68c.txt", 5, 151),)),
    ]


def test_seed_controls_are_not_reported(shipped: Ledger) -> None:
    """002's $21.9 billion (2018) and $10 billion revenue; 003's 400 models and 002's
    100,000 variations; 1.2% at the end of 2024 and nearly 30%."""
    report = _seed_run()
    spots = {(Path(f["path"]).name, f["line"]) for f in report["findings"]}
    related = {(Path(r["path"]).name, r["line"]) for f in report["findings"] for r in f["related"]}
    for spot in [
        ("002_4e47a948c7735e86.txt", 18),
        ("002_4e47a948c7735e86.txt", 19),
        ("002_4e47a948c7735e86.txt", 16),
        ("003_e5ad231f2f994792.txt", 11),
        ("000_b2a1cf249883d228.txt", 35),
    ]:
        assert spot not in spots
        assert spot not in related


# --- regressions: real articles that once gave false findings --------------------------


def _regressions() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.md"))


def _paragraph_halves(text: str) -> tuple[str, str]:
    head, _, body = text.partition("\n---\n")
    front = head + "\n---\n"
    paragraphs = body.split("\n\n")
    middle = len(paragraphs) // 2
    return front + "\n\n".join(paragraphs[:middle]), front + "\n\n".join(paragraphs[middle:])


@pytest.mark.parametrize("path", _regressions(), ids=lambda p: p.name)
def test_regression_article_alone_split_and_copied(path: Path, shipped: Ledger) -> None:
    text = path.read_text(encoding="utf-8")
    first, second = _paragraph_halves(text)
    assert tuples([(path.name, text)], shipped) == []
    assert tuples([("a.md", first), ("b.md", second)], shipped) == []
    assert tuples([("a.md", text), ("b.md", text)], shipped) == []


def test_regression_articles_together(shipped: Ledger) -> None:
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in _regressions()]
    assert len(articles) >= 8
    assert tuples(articles, shipped) == []


# --- robustness ----------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Acme",
        "Corp",
        "raised",
        "$40",
        "million",
        "in",
        "2025",
        "rose",
        "12%",
        "to",
        "the",
        "fund",
        "of",
        "(about",
        "$5",
        "billion)",
        "120%",
        "voters",
        "12",
        "10",
        "members",
        "last",
        "year",
        "yuan",
        "nearly",
        "30%",
        ".",
        ",",
        "\n\n",
        "up",
        "from",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=40).map(" ".join), min_size=1, max_size=3))
def test_random_articles_never_crash(texts: list[str]) -> None:
    articles = [(f"a{i}.md", D2025 + t) for i, t in enumerate(texts)]
    for f in findings(articles):
        text = dict(articles)[f.location.path]
        assert 0 <= f.span.start <= f.span.end <= len(text)


@pytest.mark.parametrize(
    ("config", "severity"),
    [
        ("", "warning"),
        ("severity: {FL101: warning}\n", "info"),
        ("severity: {FL101: info}\n", "info"),
    ],
)
def test_two_estimates_stay_a_step_below_the_configured_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, severity: str
) -> None:
    (tmp_path / "a.md").write_text(
        D2025 + "Ludian county has about 400,000 people, officials said."
    )
    (tmp_path / "b.md").write_text(
        D2025 + "Officials said around 265,900 people live in Ludian county."
    )
    (tmp_path / "factlint.yaml").write_text(config)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "json", "--select", "FL1", "a.md", "b.md"]
    )
    got = [
        (f["rule"], f["path"], f["line"], f["column"], f["severity"])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert got == [("FL101", "b.md", 4, 16, severity)]
    assert result.exit_code == (1 if severity == "warning" else 0)


def test_a_persons_age_set_off_by_commas_meets_the_same_age_written_as_years_old() -> None:
    a = "Among the dead was Carl Wiley, 77, of Magalia, whose home burned."
    b = "Relatives said 73-year-old Carl Wiley of Magalia died when the fire reached his home."
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b)])
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 4, 16)
    assert f.message == "73-year-old here, but 77 in a.md:4"
    assert pair(a, b.replace("73-year-old", "77-year-old")) == []
    # Another person's age is another figure.
    assert pair(a, b.replace("Carl Wiley", "Ann Wiley")) == []


def test_a_persons_age_is_of_the_article_whatever_its_sentence_dates() -> None:
    a = (
        "Harvey Weinstein was led away. Weinstein, 69, was handcuffed and taken to jail "
        "until his sentencing on March 11."
    )
    b = (
        "Harvey Weinstein was convicted. Once a powerful producer, Weinstein, 67, was found "
        "guilty of assaulting a production assistant in 2006."
    )
    (f,) = findings([("a.md", D2025 + a), ("b.md", D2025 + b)])
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 4, 70)
    assert f.severity is Severity.ERROR
    assert pair(a, b.replace("67", "69")) == []
    # Another Weinstein, named in full, is another person.
    assert pair(a, b.replace("Weinstein, 67", "Bob Weinstein, 67")) == []


def test_ages_of_one_person_in_undated_articles_are_a_warning() -> None:
    a = "Harvey Weinstein was led away. Weinstein, 69, was handcuffed and taken to jail."
    b = "Harvey Weinstein was convicted. Weinstein, 67, was found guilty on two counts."
    (f,) = findings([("a.md", a), ("b.md", b)])
    assert (f.rule_id, f.location.path, f.location.line, f.location.col) == ("FL101", "b.md", 1, 44)
    assert f.severity is Severity.WARNING
    assert f.message.endswith("(undated articles: perhaps of other years)")


def test_a_slip_by_ten_in_the_compound_a_figure_prices_needs_no_shared_name() -> None:
    a = (
        "The company will pay dividends of 50 cents a share and announced a $5 billion share "
        "buyback program that is expected to lift the stock."
    )
    b = "Meta said it would pay a dividend. Meta also announced a $50 billion share buyback."
    assert pair(a, b) == [("FL102", "b.md", 4, 58)]
    # The same words elsewhere in the clause are no such anchor.
    assert pair(a, b.replace("$50 billion share buyback", "share buyback of $50 billion")) == []


def test_a_counted_group_joined_by_another_is_part_of_a_larger_count() -> None:
    part = "“The 12 Wild Boars and coach have emerged from the cave,” the SEALs wrote."
    whole = "“All the thirteen Wild Boars are now out of the cave,” the SEALs wrote."
    assert pair(part, whole) == []
    assert pair(part.replace("and coach", "and their coach"), whole) == []
    # Without the one joined to them, the two counts disagree.
    assert pair(part.replace(" and coach", ""), whole) == [("FL101", "b.md", 4, 10)]


@pytest.mark.parametrize(
    ("sentence", "joined"),
    [
        ("The 12 boys and their coach were rescued.", True),
        ("The 12 Wild Boars and coach emerged.", True),
        ("Four crew plus a passenger were aboard.", True),
        ("It killed 12 people and injured 30.", False),  # a verb: another clause
        ("Five adults and two children died.", False),  # two counts, each its own
        ("The 12 boys, and later their coach, emerged.", False),
        ("The 12 boys were rescued.", False),
    ],
)
def test_a_count_is_joined_by_a_group_after_and_not_by_a_clause(
    sentence: str, joined: bool
) -> None:
    doc = document_from_text(sentence, "a.md")
    (q, *_) = Analysis(doc).quantities
    assert q.kind == "count" and numbers._joined(doc.prose, q) is joined


def test_a_share_of_a_place_the_other_clause_does_not_name_is_another_share() -> None:
    a = "Scotland voted 62 percent to 38 percent to remain in the EU."
    b = (
        "Wales voted to Leave, while 62 per cent of Scotland voted to Remain and 55.8 per"
        " cent of Northern Ireland also voted to remain within the EU."
    )
    assert pair(a, b) == []
    # The same share of the same place, given otherwise, is still compared.
    c = "Northern Ireland voted to remain, 54.8 per cent of Northern Ireland backing the EU."
    assert pair(b, c) == [("FL101", "b.md", 4, 35)]


def test_a_quarters_change_is_not_its_annualized_rate() -> None:
    a = (
        "Gross domestic product fell 0.2% in the second quarter, the equivalent of a 0.9%"
        " annual rate of decline, the Commerce Department said."
    )
    b = "Gross domestic product fell 0.9% at an annualized pace in the second quarter."
    assert pair(a, b) == []
    # The quarter's change given otherwise is still compared.
    other = "Gross domestic product fell 0.5% in the second quarter, the Commerce Department said."
    assert pair(a, other) == [("FL101", "b.md", 4, 29)]


def test_one_template_filled_with_other_facts_is_no_changed_figure() -> None:
    """CNBC's earnings lines: "EPS: $3.53 vs $2.89, according to …" and "Revenue: $7.87
    billion vs $7.93 billion, according to …" read alike with their figures masked."""
    eps = "EPS: $3.53 vs $2.89, according to a Refinitiv survey of analysts."
    revenue = "$7.87 billion vs $7.93 billion, according to a Refinitiv survey of analysts."
    assert [f for f in findings([("a.md", D2025 + eps + "\n\n" + revenue)])] == []
    # A figure changed in a copy of the same line is still found.
    slip = "EPS: $3.58 vs $2.89, according to a Refinitiv survey of analysts."
    assert pair(eps, slip) == [("FL105", "b.md", 4, 6)]


def test_those_carried_are_not_those_killed() -> None:
    carried = "The private bus was carrying 42 students of the Orvex School on a trip, police said."
    killed = (
        "The nine deceased include five students of the Orvex School, their teacher, and three"
        " passengers of the state bus."
    )
    assert pair(carried, killed) == []
    # Two counts of the dead still meet.
    dead = "The nine killed included six students of the Orvex School and two others, police said."
    assert pair(killed, dead) == [("FL101", "b.md", 4, 26)]
