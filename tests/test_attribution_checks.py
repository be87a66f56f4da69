"""The attribution and quote checks: FL301-FL304 (corpus) and FL305 (document).

Corpus cases are lists of articles (path, text, metadata); each failing case sits next
to a passing near-miss. The seeds run through the CLI with their metadata file, and
real articles that once gave false findings are kept as regressions.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.checks.attributions import (
    compare_form,
    compare_titles,
    same_name,
    same_organisation,
    word_diff,
)
from factlint.cli import main
from tests.helpers import rule_findings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REGRESSIONS = Path(__file__).resolve().parent / "corpus_regressions" / "attributions"
FEB = {"date": datetime.date(2026, 2, 17)}
MAR = {"date": datetime.date(2026, 3, 1)}
JAN_2023 = {"date": datetime.date(2023, 1, 10)}

Source = tuple[str, str, dict[str, Any] | None]


def pair(a: str, b: str, meta_a: dict[str, Any] | None = FEB, meta_b: dict[str, Any] | None = MAR):
    return [("a.md", a, meta_a), ("b.md", b, meta_b)]


def found(rule: str, sources: list[Source] | str) -> list[tuple[str, str, int, int]]:
    return [
        (f.rule_id, f.location.path, f.location.line, f.location.col)
        for f in rule_findings(rule, sources)
    ]


# --- title comparison -------------------------------------------------------------------------

TITLES = [
    # (a title, a org, b title, b org, expected)
    ("CEO", "Google DeepMind", "CEO", "OpenAI", "role"),
    ("CEO", "Google DeepMind", "CEO", "DeepMind", ""),
    ("CEO", "", "chief executive officer", "", ""),
    ("Chief Executive", "", "CEO", "Microsoft", ""),
    ("President", "", "Vice President", "", "role"),
    ("U.S. President", "", "President", "", ""),
    ("head of Asian research", "", "Head of Asia Research", "", "wording"),
    ("Head Of Asian Research", "", "head of Asian research", "", ""),
    ("chief economist and head of research", "", "chief economist", "", ""),
    ("chief economist", "", "economist", "", "role"),
    ("AI research director", "International Data Corporation", "research director", "IDC", ""),
    ("head coach", "", "coach", "", "role"),
    ("research director", "", "sales director", "", "role"),
    ("chairman", "Microsoft", "CEO", "Microsoft", ""),
    # Two top posts of one company: one person holds one of them.
    ("chief executive", "Acme Corp", "chief financial officer", "Acme Corp", "role"),
    ("CEO", "", "CFO", "", "role"),
    ("chairman and chief executive", "Acme", "chief operating officer", "Acme", "role"),
    ("chief executive and chief financial officer", "Acme", "CFO", "Acme", ""),
    ("interim chief executive", "Acme", "chief financial officer", "Acme", ""),
    ("chief technology officer", "Acme", "co-founder", "Acme", ""),
    ("chief China economist", "TS Lombard", "head of Asia research", "TS Lombard", ""),
    ("PM", "", "Prime Minister", "", ""),
    ("Minister of Foreign Affairs", "", "Foreign Minister", "", ""),
    ("Acting Premier", "", "Deputy Premier", "BVI", ""),
    ("former CEO", "OpenAI", "CEO", "Google DeepMind", ""),
    ("Premier", "BVI", "Premier", "Caribbean Territory", ""),
    ("director", "Centre", "director", "Duke University", ""),
    ("director", "Stanford University", "director", "Duke University", "role"),
    ("UCU general secretary", "", "general secretary", "UCU", ""),
    ("Sen.", "", "Senator", "", ""),
    ("Rep.", "", "Congressman", "", ""),
    ("Governor", "", "Governor", "BVI", ""),
    # A clipped name is the organisation: "Fed" / "Federal Reserve".
    ("Chair", "Fed", "Chair", "Federal Reserve", ""),
    ("governor", "Fed", "governor", "Reserve Bank of India", "role"),
    ("Commissioner", "Met", "Commissioner", "Metropolitan Police", ""),
    ("Commissioner", "Met", "Commissioner", "Merseyside Police", "role"),
    # A country's adjective names the country: "North Korean leader" / "leader of North Korea".
    ("leader", "North Korean", "leader", "North Korea", ""),
    ("leader", "South Korean", "leader", "North Korea", "role"),
    # One side's organisation is named in the other's title: the lab inside a university.
    (
        "executive director of the Laser Interferometer Gravitational-Wave Observatory (LIGO)"
        " laboratory",
        "Caltech",
        "executive director",
        "LIGO",
        "",
    ),
    ("director of the Google AI lab", "Stanford University", "director", "Duke University", "role"),
    # "local" says where without saying which: the district's official is a local one.
    ("local official", "", "district official", "Jajarkot", ""),
    ("police official", "", "district official", "", "role"),
    # A unit of an organisation is of it; a place tells two apart.
    ("Rear Admiral", "U.S. Coast Guard", "commander", "First Coast Guard District", ""),
    # An acronym may stand for a name the other side's one word is part of.
    ("chief economist", "Realtor", "chief economist", "NAR", ""),
    ("director", "Google", "director", "FBI", "role"),
    # "Vice Chair" is a rank below "Chair", as "Vice President" is below "President".
    ("Vice Chair", "Fed", "Chair", "Fed", "role"),
    ("Vice Chairman", "Acme", "Chairman", "Acme", "role"),
    # Public offices one person holds one at a time.
    ("Governor", "Odisha", "Chief Minister", "", "role"),
    ("Senator", "", "Governor", "", "role"),
    ("Governor", "", "former Senator", "", ""),
    ("Prime Minister", "", "PM", "", ""),
    # One stem, two endings: one post worded two ways.
    ("lander manager", "Philae", "landing manager", "Philae", "wording"),
    ("project manager", "", "sales manager", "", "role"),
]


@pytest.mark.parametrize(("at", "ao", "bt", "bo", "expected"), TITLES)
def test_compare_titles(at: str, ao: str, bt: str, bo: str, expected: str) -> None:
    assert compare_titles(at, ao, bt, bo) == expected
    assert compare_titles(bt, bo, at, ao) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Andrew Fahie", "Andrew Alturo Fahie", True),
        ("Mr. Rory J. Green", "Rory Green", True),
        ("Rory Green", "David Green", False),
        ("Green", "Rory Green", False),  # a surname alone is no full name
    ],
)
def test_same_name(a: str, b: str, expected: bool) -> None:
    assert same_name(a, b) is expected


# --- FL301 title-conflict, FL302 title-wording ------------------------------------------------

HASSABIS_A = "Demis Hassabis, CEO of Google DeepMind, said the gap was months.\n"
HASSABIS_OPENAI = "The gap is months, said Demis Hassabis, CEO of OpenAI, on Monday.\n"
HASSABIS_DEEPMIND = "The gap is months, said Demis Hassabis, CEO of DeepMind, on Monday.\n"
SMITH_COACH = "Brad Smith, head coach of the Leeds Rhinos, praised the forwards.\n"
SMITH_MSFT = "Brad Smith, president of Microsoft, praised the engineers.\n"
NADELLA = " Satya Nadella, CEO of Microsoft, agreed.\n"
FAHIE_A = "BVI Premier Andrew Fahie was detained, Governor John Rankin said.\n"
FAHIE_B = "Deputy Premier Andrew Alturo Fahie was detained, Governor John Rankin said.\n"
GREEN_A = "Rory Green, chief economist and head of Asian research at TS Lombard, spoke.\n"
GREEN_B = "Rory Green, Chief Economist and Head of Asia Research at TS Lombard, spoke.\n"
GREEN_CASE = "Rory Green, chief economist and head of Asia research at TS Lombard, spoke.\n"

TITLE_CASES = [
    ("other-org", pair(HASSABIS_A, HASSABIS_OPENAI), [("FL301", "b.md", 1, 41)]),
    ("shorter-org", pair(HASSABIS_A, HASSABIS_DEEPMIND), []),
    ("years-apart", pair(HASSABIS_A, HASSABIS_OPENAI, JAN_2023, MAR), []),
    ("undated", pair(HASSABIS_A, HASSABIS_OPENAI, None, None), [("FL301", "b.md", 1, 41)]),
    (
        "time-bound",
        pair(HASSABIS_A, HASSABIS_OPENAI.replace("CEO of OpenAI", "former CEO of OpenAI")),
        [],
    ),
    (
        "rank",
        pair(
            "Microsoft President Brad Smith told a hearing.\n",
            "Microsoft Vice President Brad Smith told a hearing.\n",
        ),
        [("FL301", "b.md", 1, 11)],
    ),
    (
        "country-in-front",
        pair("U.S. President Donald Trump spoke.\n", "President Donald Trump spoke.\n"),
        [],
    ),
    ("namesakes", pair(SMITH_COACH, SMITH_MSFT), []),
    (
        "namesakes-share-a-person",
        pair(SMITH_COACH.rstrip() + NADELLA, SMITH_MSFT.rstrip() + NADELLA),
        [("FL301", "b.md", 1, 13)],
    ),
    ("middle-name-shared-person", pair(FAHIE_A, FAHIE_B), [("FL301", "b.md", 1, 1)]),
    (
        "middle-name-nothing-shared",
        pair(FAHIE_A.split(",")[0] + ".\n", FAHIE_B.split(",")[0] + ".\n"),
        [],
    ),
    (
        "odd-one-first",
        [*pair(HASSABIS_OPENAI, HASSABIS_A), ("c.md", HASSABIS_A, MAR)],
        [("FL301", "b.md", 1, 17)],
    ),
    (
        "odd-one-between",
        [*pair(HASSABIS_A, HASSABIS_OPENAI), ("c.md", HASSABIS_A, MAR)],
        [("FL301", "b.md", 1, 41)],
    ),
    (
        "two-top-posts",
        pair(
            "John Smith, chief executive of Acme Corp, said the plan was on track.\n",
            "The plan is on track, said John Smith, chief financial officer of Acme Corp.\n",
        ),
        [("FL301", "b.md", 1, 40)],
    ),
    (
        # One office with commas in its name, cut apart differently by the two forms.
        "one-office-cut-two-ways",
        pair(
            "Dr. John Sharretts, director of the FDA's Division of Diabetes, Lipid Disorders, "
            "and Obesity, said the drug meets a need.\n",
            "The drug meets a need, FDA Division of Diabetes, Lipid Disorders, and Obesity "
            "Director John Sharretts said.\n",
        ),
        [],
    ),
    (
        "another-office-named-on-one-side-only",
        pair(
            "Dr. John Sharretts, director of the FDA's Division of Diabetes, said the drug "
            "meets a need.\n",
            "The drug meets a need, Obesity Society Director John Sharretts said.\n",
        ),
        [("FL301", "b.md", 1, 40)],
    ),
    (
        "two-public-offices",
        pair(
            "Chief Minister Naveen Patnaik and Railway Minister Ashwini Vaishnaw visited the "
            "accident site on Saturday.\n",
            "Odisha Governor Naveen Patnaik and Railway Minister Ashwini Vaishnaw visited the "
            "accident site at Bahanaga.\n",
        ),
        [("FL301", "b.md", 1, 8)],
    ),
    (
        "organisation-in-front-of-a-lowercase-role",
        pair(
            "Jennifer Homendy, the chair of the National Transportation Safety Board, said "
            "the plane landed safely. Transportation Secretary Pete Buttigieg thanked the crew.\n",
            "Jennifer Homendy, Federal Aviation Administration chief, said the door was "
            "found. Transportation Secretary Pete Buttigieg thanked the crew.\n",
        ),
        [("FL301", "b.md", 1, 51)],
    ),
    (
        # One side gives the organisation, the other article names it: one person.
        "organisation-named-by-the-other-article",
        pair(
            "Facebook shares fell. Chief Financial Officer David Wehner said growth would slow.\n",
            "Revenue rose, Facebook COO David Wehner said on a call with analysts.\n",
        ),
        [("FL301", "b.md", 1, 24)],
    ),
    (
        "organisation-not-named-by-the-other-article",
        pair(
            "Shares fell. Chief Financial Officer David Wehner said growth would slow.\n",
            "Revenue rose, Facebook COO David Wehner said on a call with analysts.\n",
        ),
        [],
    ),
    ("wording", pair(GREEN_A, GREEN_B), [("FL302", "b.md", 1, 13)]),
    ("case-only", pair(GREEN_CASE, GREEN_B), []),
    (
        "one-side-untitled",
        pair(GREEN_A, "Rory Green spoke to CNBC on Monday about the economy.\n"),
        [],
    ),
]


@pytest.mark.parametrize(
    ("sources", "expected"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES]
)
def test_title_table(sources: list[Source], expected: list[tuple[str, str, int, int]]) -> None:
    assert sorted(found("FL301", sources) + found("FL302", sources)) == expected


def test_title_conflict_message_and_related() -> None:
    (f,) = rule_findings("FL301", pair(HASSABIS_A, HASSABIS_OPENAI))
    assert f.message == "Demis Hassabis is 'CEO, OpenAI' here but 'CEO, Google DeepMind' in a.md"
    assert f.severity.name == "ERROR"
    (related,) = f.related
    assert (related.location.path, related.location.line, related.location.col) == ("a.md", 1, 17)
    assert related.message == "Demis Hassabis: CEO, Google DeepMind"
    assert f.key == "demis hassabis|ceo, openai|ceo, google deepmind"


def test_title_wording_message() -> None:
    (f,) = rule_findings("FL302", pair(GREEN_A, GREEN_B))
    assert f.message == (
        "Rory Green's title is worded 'Chief Economist and Head of Asia Research' here but "
        "'chief economist and head of Asian research' in a.md"
    )
    assert f.severity.name == "INFO"


# --- FL303 quote-drift -----------------------------------------------------------------------

SHOCK = (
    '"The tech shock has just begun, and it will reshape every emerging market economy," '
    "Rory Green said.\n"
)
SHOCK_DRIFT = (
    'Rory Green said: "The tech shock is just getting started, and it will reshape every '
    'emerging market economy."\n'
)
SHOCK_STYLE = (
    "Green, an economist, said: “The Tech Shock has just begun - and it will reshape every "
    "emerging market economy.”\n"
)
FORD_A = '"You knew the potential dangers of a carbon monoxide leak," Judge Ann Ford said.\n'
FORD_B = (
    '"You knew, of course, that carbon monoxide is an insidious gas that can overwhelm '
    'people before they are able to appreciate any danger," Judge Ann Ford said.\n'
)
LEDE = '"The tech shock has just begun, and it will reshape every emerging market economy."\n\n'
POPULATION_A = (
    '"For these economies, I think the choice is quite simple. It is easy to imagine that '
    "within the next 5 to 10 years, the majority of the world's population will use Chinese "
    'technology systems," Rory Green said.\n'
)
POPULATION_B = (
    'Rory Green predicts that "the choice is fairly simple" for these economies, and that '
    "\"most of the world's population is running on a Chinese tech stack in five to 10 years "
    'time."\n'
)
POPULATION_C = (
    "\"For these economies, I think the choice is quite simple. Most of the world's population "
    'is running on a Chinese tech stack in five to 10 years time," Rory Green said.\n'
)

RETURNS_A = (
    '"We returned nearly $15 billion to shareholders through buybacks and dividends during '
    'the quarter, bringing total payments through our capital plan to over $200 billion," '
    "Dana Ruiz said.\n"
)
RETURNS_B = (
    '"We also returned $11.7 billion to shareholders during the quarter, bringing total '
    'capital payments under our plan to almost $223 billion," Dana Ruiz said.\n'
)

DRIFT_CASES = [
    ("drift", pair(SHOCK, SHOCK_DRIFT), [("FL303", "b.md", 1, 19)]),
    # Other amounts of money: two statements (two quarters' results), not one reworded.
    ("other-amounts", pair(RETURNS_A, RETURNS_B), []),
    (
        "same-amounts",
        pair(RETURNS_A, RETURNS_A.replace(" and dividends", "").replace("We", "We also")),
        [("FL303", "b.md", 1, 2)],
    ),
    ("case-punctuation-quote-style", pair(SHOCK, SHOCK_STYLE), []),
    (
        "odd-one-first",
        [*pair(SHOCK_DRIFT, SHOCK), ("c.md", SHOCK_STYLE, MAR)],
        [("FL303", "b.md", 1, 2)],
    ),
    (
        "excerpt",
        pair(
            SHOCK.replace('economy,"', 'economy. Nobody is ready for it,"'),
            'Rory Green said "it will reshape every emerging market economy."\n',
        ),
        [],
    ),
    (
        "other-speaker",
        pair(SHOCK, SHOCK_DRIFT.replace("Rory Green said", "Karim Moussalem said")),
        [],
    ),
    ("same-speaker-other-remark", pair(FORD_A, FORD_B), []),
    (
        "short-near-verbatim",
        pair(
            '"We are deeply concerned about the situation," said Ann Ford.\n',
            '"We are very concerned about the situation," said Ann Ford.\n',
        ),
        [("FL303", "b.md", 1, 2)],
    ),
    (
        "another-place",
        pair(
            '"We are deeply concerned about the situation in Gaza," said Ann Ford.\n',
            '"We are deeply concerned about the situation in Ukraine," said Ann Ford.\n',
        ),
        [],
    ),
    (
        # a figure changed whose digits the sentence writes elsewhere: the number rules'
        "a-figure-changed",
        pair(
            '"Open-ended contracts grew by 21.9% and atypical ones fell by 16.1% in that '
            'period," said Ann Ford.\n',
            '"Open-ended contracts grew by 21.9% and atypical ones fell by 21.1% in that '
            'period," said Ann Ford.\n',
        ),
        [],
    ),
    (
        "another-figure",
        pair(
            '"We will hire 200 nurses and open two clinics by June," said Ann Ford.\n',
            '"We will hire 300 nurses and open two clinics by June," said Ann Ford.\n',
        ),
        [],
    ),
    # a speaker given by a description ("the report", "the Prime Minister"): compared
    # only between copies of one story, articles that share another quoted sentence
    (
        "described-speaker-in-two-stories",
        pair(
            SHOCK.replace("Rory Green said", "the report said"),
            SHOCK_DRIFT.replace("Rory Green said", "The report said"),
        ),
        [],
    ),
    (
        "described-speaker-in-copies",
        pair(
            FORD_A + "\n" + SHOCK.replace("Rory Green said", "the Prime Minister said"),
            FORD_A + "\n" + SHOCK_DRIFT.replace("Rory Green said", "The Prime Minister said"),
        ),
        [("FL303", "b.md", 3, 27)],
    ),
    # quotes with no speaker at all: compared between copies of one story too
    (
        "no-speaker-in-copies",
        pair(
            SHOCK.replace(" Rory Green said.", "") + "\nMarkets fell.\n\n" + FORD_A,
            SHOCK_DRIFT.replace("Rory Green said: ", "") + "\nMarkets fell.\n\n" + FORD_A,
        ),
        [("FL303", "b.md", 1, 2)],
    ),
    (
        "no-speaker-in-two-stories",
        pair(SHOCK.replace(" Rory Green said.", ""), SHOCK_DRIFT.replace("Rory Green said: ", "")),
        [],
    ),
    (
        "lede-named-below",
        pair(LEDE + "Rory Green, an economist at TS Lombard, made the assessment.\n", SHOCK_DRIFT),
        [("FL303", "b.md", 1, 19)],
    ),
    ("lede-unnamed", pair(LEDE + "An economist made the assessment.\n", SHOCK_DRIFT), []),
    (
        "lede-named-two-paragraphs-below",
        pair(
            LEDE + "Markets fell.\n\nRory Green, an economist, made the assessment.\n", SHOCK_DRIFT
        ),
        [],
    ),
    (
        "translation-in-order",
        pair(POPULATION_A, POPULATION_B),
        [("FL303", "b.md", 1, 27), ("FL303", "b.md", 1, 87)],
    ),
    (
        # the sentence before is the same in both (one copy, not a pair): it backs the next
        "translation-after-a-verbatim-sentence",
        pair(POPULATION_A, POPULATION_C),
        [("FL303", "b.md", 1, 2)],
    ),
    (
        "translation-after-another-sentence",
        pair(
            POPULATION_A,
            POPULATION_C.replace(
                "For these economies, I think the choice is quite simple.",
                "Markets are nervous about it, he added.",
            ),
        ),
        [],
    ),
    (
        "translation-alone",
        pair(
            POPULATION_A.replace("For these economies, I think the choice is quite simple. ", ""),
            POPULATION_B.replace('"the choice is fairly simple" for these economies, and ', ""),
        ),
        [],
    ),
    (
        "within-one-article",
        [("w.md", SHOCK_DRIFT + "\nPrices rose.\n\n" + SHOCK.replace("Rory Green", "Green"), FEB)],
        [("FL303", "w.md", 5, 2)],
    ),
    ("within-one-article-other-remark", [("w.md", FORD_A + "\nHe left.\n\n" + FORD_B, FEB)], []),
    (
        "within-one-paragraph-side-by-side",
        [
            (
                "w.md",
                'Tu won half of the prize "for her discoveries concerning a novel therapy '
                'against Malaria", while Campbell and Omura were jointly awarded the other '
                'half "for their discoveries concerning a novel therapy against infections '
                'caused by roundworm parasites," said the assembly.\n',
                FEB,
            )
        ],
        [],
    ),
]


@pytest.mark.parametrize(
    ("sources", "expected"), [c[1:] for c in DRIFT_CASES], ids=[c[0] for c in DRIFT_CASES]
)
def test_drift_table(sources: list[Source], expected: list[tuple[str, str, int, int]]) -> None:
    assert found("FL303", sources) == expected


def test_drift_from_two_articles_is_one_finding() -> None:
    sources = [*pair(SHOCK, SHOCK_STYLE), ("c.md", SHOCK_DRIFT, MAR)]
    (f,) = rule_findings("FL303", sources)
    assert (f.location.path, f.location.line, f.location.col) == ("c.md", 1, 19)
    assert f.message.startswith(
        "Quote of Rory Green is worded differently in a.md (and 1 other place): "
        "'has just begun' → 'is just getting started'"
    )
    assert [(r.location.path, r.location.line, r.location.col) for r in f.related] == [
        ("a.md", 1, 2),
        ("b.md", 1, 29),
    ]


def test_drift_of_a_quote_without_a_speaker_names_none() -> None:
    sources = pair(
        SHOCK.replace(" Rory Green said.", "") + "\nMarkets fell.\n\n" + FORD_A,
        SHOCK_DRIFT.replace("Rory Green said: ", "") + "\nMarkets fell.\n\n" + FORD_A,
    )
    (f,) = rule_findings("FL303", sources)
    assert f.message == (
        "Quote is worded differently in a.md: 'has just begun' → 'is just getting started' "
        "(possibly a translation or paraphrase)"
    )
    assert [r.message for r in f.related] == [
        "“The tech shock has just begun, and it will reshape every emerging …”"
    ]


RECALL_NOTICE = (
    '"In certain circumstances when Autosteer is engaged, and the driver does not maintain '
    "responsibility for vehicle operation and is unprepared to intervene as necessary or "
    "fails to recognize when Autosteer is disabled or not engaged, there may be an increased "
    'risk of a crash," the recall notice states.\n'
)
RECALL_PART = (
    "The investigation found the driver “does not maintain responsibility for vehicle "
    "operation and is unprepared to intervene as necessary or fails to recognize when "
    "Autosteer is canceled or not engaged, there may be an increased risk of a crash.”\n"
)


def test_a_long_unattributed_quote_nearly_word_for_word_is_the_remark() -> None:
    sources = pair(RECALL_NOTICE, RECALL_PART)
    (f,) = rule_findings("FL303", sources)
    assert (f.location.path, f.location.line, f.location.col) == ("b.md", 1, 37)
    assert "'disabled' → 'canceled'" in f.message
    # a short one is left alone: it may be anyone's
    short = "The driver “fails to recognize when Autosteer is canceled or not engaged.”\n"
    assert rule_findings("FL303", pair(RECALL_NOTICE, short)) == []


def test_drift_message_and_related() -> None:
    (f,) = rule_findings("FL303", pair(SHOCK, SHOCK_DRIFT))
    assert f.message == (
        "Quote of Rory Green is worded differently in a.md: 'has just begun' → "
        "'is just getting started' (possibly a translation or paraphrase)"
    )
    assert f.severity.name == "WARNING"
    (related,) = f.related
    assert (related.location.path, related.location.line, related.location.col) == ("a.md", 1, 2)
    assert related.message.startswith("Rory Green: “The tech shock has just begun")
    assert f.key.startswith("rory green|the tech shock is just getting started")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Japan's tech shock has just begun.",
            "I think the Chinese tech boom is getting started",
            "'Japan's tech shock has just begun' → "
            "'I think the Chinese tech boom is getting started'",
        ),
        # A part of a longer quote is compared with the part it gives.
        (
            "The Chinese tech shock has just begun.",
            "I think the China tech shock is just getting started",
            "'Chinese' → 'China'; 'has just begun' → 'is just getting started'",
        ),
        (
            "We're both going to do something, and we've developed a very special"
            " bond...we're going to take care of a very big and dangerous problem for the"
            " rest of the world.",
            "We’re going to take care of a very big and very dangerous problem for the world.",
            "nothing → 'very'; 'rest of the' → nothing",
        ),
        (
            "It worked out far better for both of us than anybody could have expected",
            "better than anybody could have expected",
            "'for both of us' → nothing",
        ),
        # ... but not where the shorter one differs at its edge, nor moves a word there.
        (
            "I love this city and its people",
            "I love this city so much",
            "'and its people' → 'so much'",
        ),
        (
            "China is rapidly moving up the value chain.",
            "China is moving up the value chain very rapidly.",
            "'rapidly moving up the value chain' → 'moving up the value chain very rapidly'",
        ),
        # a phrase put earlier: one change, not an addition and a loss
        (
            "Credit Suisse is classified as a global systemically important bank due to its "
            "size and global network",
            "Credit Suisse, due to its size and global network, is classified as a global "
            "systemically important bank",
            "'is classified as a global systemically important bank …' → "
            "'due to its size and global network is …'",
        ),
        ("We will win, he said", "We will surely win, he said", "nothing → 'surely'"),
        ("It is ours.", "it's OURS", "punctuation or case only"),
        (
            "one two three four five six seven eight nine",
            "one TWO 3 four 5 six 7 eight 9",
            "punctuation or case only",
        ),
        (
            "a b c d e f g h i j k l",
            "a x c d y f g z i j w l",
            "'b' → 'x'; 'e' → 'y'; 2 more changes",
        ),
    ],
)
def test_word_diff(old: str, new: str, expected: str) -> None:
    assert word_diff(old, new) == expected


def test_compare_form_spells_out_contractions_and_numbers() -> None:
    assert compare_form("It's not AI; we won't stop in five to 10 years") == (
        "it is not ai we will not stop in 5 to 10 years"
    )


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("a community centred on players", "a community centered on players"),
        ("the colour of the labour movement", "the color of the labor movement"),
        ("we organised the defence programme", "we organized the defense program"),
        ("they travelled and cancelled", "they traveled and canceled"),
    ],
)
def test_compare_form_reads_british_spelling_as_american(british: str, american: str) -> None:
    assert compare_form(british) == compare_form(american)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("U.S. Coast Guard", "First Coast Guard District", True),
        ("New York Police Department", "Los Angeles Police Department", False),
        ("U.S. Army", "British Army", False),
    ],
)
def test_a_unit_of_an_organisation_is_of_it(a: str, b: str, same: bool) -> None:
    assert same_organisation(a, b) is same


@pytest.mark.parametrize(("a", "b"), [("four", "for"), ("filled", "filed"), ("our", "or")])
def test_compare_form_keeps_short_words_apart(a: str, b: str) -> None:
    assert compare_form(a) != compare_form(b)


@pytest.mark.parametrize(
    "text", ["over 1°C warmer", "over 1 deg C warmer", "over 1 degree Celsius warmer"]
)
def test_compare_form_writes_degrees_one_way(text: str) -> None:
    assert compare_form(text) == "over 1 degrees c warmer"


def test_a_quote_and_its_clause_requoted_differ_in_nothing_but_the_style_of_degrees() -> None:
    """The only difference between a clause requoted on its own and its sentence is the
    outlet's way of writing degrees: no drift (it once reported "'deg' → nothing")."""
    earlier = (
        '"Not only is 2023 the warmest year on record, it is also the first year with all'
        ' days over 1°C warmer than the pre-industrial period," said Samantha Burgess.\n'
    )
    later = (
        '"It is also the first year with all days over 1 deg C warmer than the'
        ' pre-industrial period," said Samantha Burgess.\n'
    )
    assert rule_findings("FL303", pair(earlier, later)) == []
    assert word_diff(earlier, later) == "punctuation or case only"


# --- FL304 quote-speaker-conflict -------------------------------------------------------------

TAXES = '"We will not raise taxes on working families this year or next," said Anna Berg.\n'
TAXES_WALSH = 'Tom Walsh said: "We won\'t raise taxes on working families this year or next."\n'

SPEAKER_CASES = [
    ("two-people", pair(TAXES, TAXES_WALSH), [("FL304", "b.md", 1, 18)]),
    ("same-person", pair(TAXES, TAXES_WALSH.replace("Tom Walsh", "Ms Berg")), []),
    (
        "odd-one-last",
        [*pair(TAXES, TAXES), ("c.md", TAXES_WALSH, MAR)],
        [("FL304", "c.md", 1, 18)],
    ),
    (
        "odd-one-first",
        [*pair(TAXES_WALSH, TAXES), ("c.md", TAXES, MAR)],
        [("FL304", "b.md", 1, 2)],
    ),
    (
        "excerpt",
        pair(TAXES.replace('next,"', 'next. The budget is balanced,"'), TAXES_WALSH),
        [("FL304", "b.md", 1, 18)],
    ),
    (
        "short",
        pair(
            '"We will not raise taxes," said Anna Berg.\n',
            '"We will not raise taxes," said Tom Walsh.\n',
        ),
        [],
    ),
    ("not-a-person", pair(TAXES, TAXES_WALSH.replace("Tom Walsh", "The report")), []),
    (
        "pronoun",
        pair(TAXES, "Tom Walsh spoke next.\n\n" + TAXES_WALSH.replace("Tom Walsh", "He")),
        [],
    ),
    (
        "named-at-the-quote",
        pair(TAXES, "Tom Walsh spoke next. " + TAXES_WALSH),
        [("FL304", "b.md", 1, 40)],
    ),
    (
        "within-one-article",
        [("w.md", TAXES + "\nLater, " + TAXES_WALSH, FEB)],
        [("FL304", "w.md", 3, 25)],
    ),
]


@pytest.mark.parametrize(
    ("sources", "expected"), [c[1:] for c in SPEAKER_CASES], ids=[c[0] for c in SPEAKER_CASES]
)
def test_speaker_conflict_table(
    sources: list[Source], expected: list[tuple[str, str, int, int]]
) -> None:
    assert found("FL304", sources) == expected


def test_speaker_conflict_message() -> None:
    (f,) = rule_findings("FL304", pair(TAXES, TAXES_WALSH))
    assert f.message == "Quote attributed to Tom Walsh here is attributed to Anna Berg in a.md"
    assert f.severity.name == "ERROR"
    assert [(r.location.path, r.location.line, r.message) for r in f.related] == [
        ("a.md", 1, "attributed to Anna Berg")
    ]


# --- FL305 unattributed-quote -----------------------------------------------------------------

MET = "The council met on Tuesday to discuss the budget.\n\n"
LIBRARY = '"We cannot keep cutting the library budget every single year."\n'

UNATTRIBUTED = [
    ("floating", MET + LIBRARY, [(3, 2)]),
    ("attributed", MET + LIBRARY.replace('."', ',"') + "said Mayor Ann Lee.\n", []),
    ("cue-before", "Mayor Ann Lee said the cuts went too far.\n\n" + LIBRARY, []),
    (
        "participle-before",
        "The mayor thanked the council, saying the cuts went too far.\n\n" + LIBRARY,
        [],
    ),
    ("colon-before", MET + "The mayor was blunt:\n\n" + LIBRARY, []),
    ("short", MET + '"Cutting the library budget."\n', []),
    ("sign", MET + 'One sign read "Hands off our libraries and our children\'s future".\n', []),
    ("question", MET + '"Why do we keep cutting the library budget every single year?"\n', []),
    (
        "title",
        MET + '"The Importance of Public Libraries for the Future of Small Towns" is a book.\n',
        [],
    ),
    (
        "inside-a-sentence",
        MET + 'Fines apply for "cutting the library budget every single year without a vote".\n',
        [],
    ),
    (
        "name-after-without-verb",
        MET + LIBRARY.replace('."', ',"') + "Ann Lee, the mayor.\n",
        [],
    ),
    (
        "person-in-paragraph",
        "Dan, 19, a student, returned home. He will not go back. " + LIBRARY,
        [],
    ),
    ("person-named-before", "Mayor Ann Lee arrived late on Tuesday.\n\n" + LIBRARY, []),
    ("lede-attributed-below", LIBRARY + "\nMayor Ann Lee made the remark on Tuesday.\n", []),
    ("lede-unattributed", LIBRARY + "\nThe council met on Tuesday.\n", [(1, 2)]),
    ("heading", MET + '## "We cannot keep cutting the library budget every single year"\n', []),
    ("block-quote", MET + "> " + LIBRARY, []),
    (
        "continued-over-paragraphs",
        MET + LIBRARY.replace('."', ". It is wrong.") + "\n"
        '"And we will not stand by while it happens again next spring."\n',
        [(3, 2)],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in UNATTRIBUTED], ids=[c[0] for c in UNATTRIBUTED]
)
def test_unattributed_table(text: str, expected: list[tuple[int, int]]) -> None:
    assert [(line, col) for _, _, line, col in found("FL305", text)] == expected


def test_unattributed_message_and_key() -> None:
    (f,) = rule_findings("FL305", MET + LIBRARY)
    assert f.message == "Quote has no speaker in its paragraph or the one before"
    assert f.severity.name == "INFO"
    assert f.key == "we cannot keep cutting the library budget every single year"


# --- the seeds, through the CLI ---------------------------------------------------------------


def _cli_json(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


SEED_000 = "seeds/000_b2a1cf249883d228.txt"
SEED_001 = "seeds/001_3d07ea246869d68c.txt"


def test_seeds_through_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    out = _cli_json(["--select", "FL3", "seeds/"])
    got = [
        (
            f["rule"],
            f["path"],
            f["line"],
            f["column"],
            [(r["path"], r["line"], r["column"]) for r in f["related"]],
        )
        for f in out["findings"]
    ]
    assert got == [
        ("FL302", SEED_001, 3, 13, [(SEED_000, 3, 42)]),
        ("FL303", SEED_001, 3, 241, [(SEED_000, 1, 28)]),
        ("FL303", SEED_001, 3, 311, [(SEED_000, 1, 28)]),
        ("FL303", SEED_001, 8, 2, [(SEED_000, 11, 282)]),
        ("FL303", SEED_001, 8, 256, [(SEED_000, 15, 94)]),
        ("FL303", SEED_001, 8, 436, [(SEED_000, 17, 2)]),
        ("FL303", SEED_001, 8, 527, [(SEED_000, 17, 2)]),
    ]
    messages = [f["message"] for f in out["findings"]]
    assert messages[0] == (
        "Rory Green's title is worded 'Chief China Economist and Head of Asia Research' here "
        "but 'chief China economist and head of Asian research' in 000_b2a1cf249883d228.txt"
    )
    assert messages[1] == (
        "Quote of Rory Green is worded differently in 000_b2a1cf249883d228.txt: "
        "'Chinese' → 'China'; 'has just begun' → 'is just getting started' "
        "(possibly a translation or paraphrase)"
    )
    assert (
        "'It's easy to imagine that within the next 5 to 10 years the majority …' → "
        in (messages[6])
    )


# --- precision on real articles -------------------------------------------------------------

REGRESSION_FILES = sorted(REGRESSIONS.glob("*.md"))


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=lambda p: p.name)
def test_regressions_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert found("FL305", text) == []
    for rule in ("FL303", "FL304"):
        assert found(rule, [(path.name, text, None)]) == []


def test_two_outlets_on_one_arrest() -> None:
    """008 and 012 report the same arrest: the premier's title is written two ways
    ("BVI Premier", "the Caribbean Territory's Premier"), his deputy is "Acting" in one
    and "Deputy" in the other, and one quote is an excerpt of the other."""
    sources = [
        (p.name, p.read_text(encoding="utf-8"), None)
        for p in (
            REGRESSIONS / "008-bvi-premier-arrested.md",
            REGRESSIONS / "012-dea-arrest-bvi-premier.md",
        )
    ]
    for rule in ("FL301", "FL302", "FL303", "FL304"):
        assert found(rule, sources) == [], rule


def _halves(text: str) -> tuple[str, str]:
    paragraphs = [p for p in text.split("---", 2)[-1].split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs[0::2]) + "\n", "\n\n".join(paragraphs[1::2]) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        "016-harry-meghan-interview.md",
        "051-plumber-jailed-boiler.md",
        "054-intact-forestlands.md",
        "063-gaza-births.md",
    ],
)
def test_one_speakers_different_remarks_are_no_drift(name: str) -> None:
    """An article's paragraphs dealt into two articles: every quote appears once, by the
    same speakers on the same subject, so any drift found would be false."""
    even, odd = _halves((REGRESSIONS / name).read_text(encoding="utf-8"))
    assert found("FL303", [("even.md", even, None), ("odd.md", odd, None)]) == []


# --- robustness -----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Rory",
        "Green",
        "said",
        "the",
        "tech",
        "shock",
        "has",
        "just",
        "begun",
        "CEO",
        "of",
        "OpenAI",
        ",",
        ".",
        '"',
        "“",
        "”",
        "\n\n",
        "Anna",
        "Berg",
        "chief",
        "economist",
        "world's",
        "population",
        "five",
        "10",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=60))
def test_any_articles_give_findings_inside_them(a: list[str], b: list[str]) -> None:
    texts = {"a.md": " ".join(a), "b.md": " ".join(b)}
    sources: list[Source] = [(p, t, None) for p, t in texts.items()]
    for rule in ("FL301", "FL302", "FL303", "FL304"):
        for f in rule_findings(rule, sources):
            assert 0 <= f.span.start <= f.span.end <= len(texts[f.location.path])
    for f in rule_findings("FL305", texts["a.md"]):
        assert 0 <= f.span.start <= f.span.end <= len(texts["a.md"])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=12) | st.sampled_from(["José", "O’Neil", "Straße", "İstanbul", "ﬁne"]))
def test_fold_is_nfkd_without_marks_lowercased(text: str) -> None:
    import unicodedata

    from factlint.checks.attributions import fold

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert fold(text) == plain.replace("’", "'").lower()


@pytest.mark.parametrize("container", ["array", "list"])
def test_packed_quote_pairs_find_their_scores(container: str) -> None:
    from array import array

    from factlint.checks.attributions import _SAME, _Pairs, _Score

    n, strong = 5, _Score(90.0, 0.8, 6, False)
    scores = [_SAME, strong]
    pairs = {(0, 3): 1, (1, 2): 0, (2, 4): 1}
    packed = sorted((i * n + j) * len(scores) + m for (i, j), m in pairs.items())
    held = _Pairs(n, array("q", packed) if container == "array" else packed, scores)
    assert [held.unpack(p) for p in held.packed] == [(0, 3, strong), (1, 2, _SAME), (2, 4, strong)]
    assert scores[held.score_index(3, 0)] is strong  # either order
    assert scores[held.score_index(2, 1)] is _SAME
    assert held.score_index(0, 4) == -1
    assert held.score_index(4, 4) == -1


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.integers(2, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.dictionaries(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                    lambda ij: ij[0] < ij[1]
                ),
                st.integers(0, 3),
                max_size=30,
            ),
        )
    )
)
def test_packed_quote_pairs_round_trip(drawn: tuple[int, dict[tuple[int, int], int]]) -> None:
    from array import array

    from factlint.checks.attributions import _SAME, _Pairs, _Score

    n, pairs = drawn
    scores = [_SAME, *(_Score(80.0 + k, 0.5, k, False) for k in range(3))]
    packed = sorted((i * n + j) * len(scores) + m for (i, j), m in pairs.items())
    held = _Pairs(n, array("q", packed), scores)
    assert sorted((i, j) for i, j, _ in map(held.unpack, held.packed)) == sorted(pairs)
    for i in range(n):
        for j in range(n):
            m = pairs.get((min(i, j), max(i, j)))
            assert held.score_index(i, j) == (-1 if m is None or i == j else m)


def test_quote_drift_is_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    """Copies of one remark in nine articles, each worded a little differently. FL303
    weighs shared words by summing over a set, whose order each run's hash seed decides:
    a plain sum differed in its last bits, weights that should tie did not, and which
    copies each finding cites changed from run to run (four reports in eight seeds)."""
    import os
    import subprocess
    import sys

    from tests.paths import ROOT

    shutil.copytree(ROOT / "tests" / "data" / "quote_copies", tmp_path / "articles")
    factlint = [sys.executable, "-c", "from factlint.cli import entry; entry()"]
    command = [*factlint, "check", "articles", "--no-cache", "--select", "FL303"]
    reports = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [*command, "--format", "concise"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        reports.add(done.stdout)
    (report,) = reports
    assert [line.split(" [")[0] for line in report.splitlines() if ": FL" in line] == [
        "articles/a007.md:4:23: FL303",
        "articles/a021.md:4:23: FL303",
        "articles/a021.md:4:359: FL303",
        "articles/a024.md:4:352: FL303",
        "articles/sub/a000.md:4:197: FL303",
        "articles/sub/a004.md:4:23: FL303",
    ]
