"""The date checks: FL201 date-conflict, FL202 unresolvable, FL203 future-past, FL204 impossible.

Each failing case sits next to a passing near-miss. FL201 is a corpus rule: its cases
are lists of articles (path, text, metadata). The seeds run through the CLI with their
metadata file, as an editor would run factlint.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.checks import dates as date_rules
from factlint.checks._events import is_attributive, names_text, signature_of_text, signatures
from factlint.checks.date_conflicts import event_claims
from factlint.cli import main
from factlint.document import document_from_text
from factlint.rule import Context
from tests.helpers import rule_findings, run_rule

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REGRESSIONS = Path(__file__).resolve().parent / "corpus_regressions" / "dates"
FEB_2026 = {"date": datetime.date(2026, 2, 17)}
JAN_2026 = {"date": datetime.date(2026, 1, 15)}

QWEN_000 = (
    "Alibaba's Qwen large model surpassed Meta's Llama 4 model in September last year on "
    'the global AI open-source community "Hugging Face," becoming the most downloaded '
    "open-source model.\n"
)
QWEN_003 = (
    "Did you know? China's Qwen models overtook Meta's Llama as the most-downloaded open "
    "model on Hugging Face in September 2024.\n"
)

# --- FL201 date-conflict ---------------------------------------------------------------

FL201_CASES = [
    # The seeds' case: a relative date (2025-09) against an explicit one (2024-09).
    pytest.param(
        [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003, JAN_2026)],
        [("a.md", 1, 62), ("b.md", 1, 110)],
        id="qwen-relative-vs-explicit",
    ),
    pytest.param(
        [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003.replace("2024", "2025"), JAN_2026)],
        [],
        id="qwen-same-month",
    ),
    pytest.param(
        [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003.replace("September 2024", "2025"), None)],
        [],
        id="qwen-year-contains-month",
    ),
    # The same article: the later mention is reported.
    pytest.param(
        [
            (
                "a.md",
                "DeepSeek released its R1 reasoning model on 20 January 2025.\n\n"
                "When the R1 model was released in January 2024, chip stocks fell.\n",
                None,
            )
        ],
        [("a.md", 1, 45), ("a.md", 3, 35)],
        id="r1-within-article",
    ),
    pytest.param(
        [
            (
                "a.md",
                "DeepSeek released its R1 reasoning model on 20 January 2025.\n\n"
                "When the V3 model was released in December 2024, chip stocks barely moved.\n",
                None,
            )
        ],
        [],
        id="r1-and-v3-are-two-releases",
    ),
    # A listing happens once to one company: one name and the place are enough.
    pytest.param(
        [
            ("a.md", "Zhipu's Z.ai went public in Hong Kong this month.\n", JAN_2026),
            ("b.md", "Z.ai listed in Hong Kong in January 2025.\n", None),
        ],
        [("a.md", 1, 39), ("b.md", 1, 29)],
        id="listing-one-party",
    ),
    pytest.param(
        [
            ("a.md", "Zhipu's Z.ai went public in Hong Kong this month.\n", JAN_2026),
            ("b.md", "MiniMax listed in Hong Kong in January 2025.\n", None),
        ],
        [],
        id="listing-other-company",
    ),
    pytest.param(
        [
            ("a.md", "Zhipu's Z.ai went public in Hong Kong this month.\n", JAN_2026),
            ("b.md", "Z.ai plans to list in Hong Kong in January 2027.\n", None),
        ],
        [],
        id="listing-plan",
    ),
    pytest.param(
        [
            ("a.md", "Zhipu's Z.ai went public in Hong Kong this month.\n", JAN_2026),
            ("b.md", "Z.ai did not list in Hong Kong in January 2025.\n", None),
        ],
        [],
        id="listing-negated",
    ),
    pytest.param(
        [
            ("a.md", "Zhipu's Z.ai went public in Hong Kong this month.\n", JAN_2026),
            ("b.md", '"Z.ai listed in Hong Kong in January 2025," he said.\n', None),
        ],
        [],
        id="listing-quoted",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Z.ai raised $558 million when it went public in Hong Kong this month.\n",
                JAN_2026,
            ),
            ("b.md", "Z.ai raised $300 million when it listed in Hong Kong in 2025.\n", None),
        ],
        [],
        id="listing-different-figures",
    ),
    # Different models, versions, actors, ordinals, or a series.
    pytest.param(
        [
            ("a.md", "Alibaba released Qwen 2.5 in September 2024.\n", None),
            ("b.md", "Alibaba released Qwen 3 in April 2025.\n", None),
        ],
        [],
        id="release-versions",
    ),
    pytest.param(
        [
            ("a.md", "Alibaba released Qwen in 2023.\n", None),
            ("b.md", "Alibaba released Qwen 3 in April 2025.\n", None),
        ],
        [],
        id="release-family-and-version",
    ),
    pytest.param(
        [
            ("a.md", "The US halted Nvidia's sales of H20 chips to China in April 2025.\n", None),
            ("b.md", "China banned purchases of Nvidia's H20 chips in September 2025.\n", None),
        ],
        [],
        id="ban-other-actor",
    ),
    pytest.param(
        [
            ("a.md", "The US halted Nvidia's sales of H20 chips to China in April 2025.\n", None),
            ("b.md", "The US banned sales of Nvidia's H20 chips to China in April 2024.\n", None),
        ],
        [("a.md", 1, 55), ("b.md", 1, 55)],
        id="ban-same-actor",
    ),
    pytest.param(
        [
            ("a.md", "Alibaba opened its first store in Nanjing in 2019.\n", None),
            ("b.md", "Alibaba opened its second store in Nanjing in 2021.\n", None),
        ],
        [],
        id="ordinals",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Apple unveiled its new iPhones at its Cupertino campus in September 2023.\n",
                None,
            ),
            (
                "b.md",
                "Apple unveiled its new iPhones at its Cupertino campus in September 2024.\n",
                None,
            ),
        ],
        [],
        id="recurring-event",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Qwen overtook Llama in total downloads on Hugging Face in September 2024.\n",
                None,
            ),
            ("b.md", "Qwen overtook Llama in derivative models on Hugging Face in 2025.\n", None),
        ],
        [],
        id="overtake-other-measure",
    ),
    # Dates of something else than the event: a statement, a time counted from it, a
    # filing before a listing, one expression read as two.
    pytest.param(
        [
            (
                "a.md",
                "Alibaba said in September 2025 that its Qwen models had overtaken Meta's Llama "
                "in downloads on Hugging Face.\n",
                None,
            ),
            ("b.md", QWEN_003, None),
        ],
        [],
        id="date-of-the-statement",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Alibaba's Qwen models overtook Meta's Llama in downloads on Hugging Face in "
                "September 2025, the company said.\n",
                None,
            ),
            ("b.md", QWEN_003, None),
        ],
        [("a.md", 1, 77), ("b.md", 1, 110)],
        id="date-of-the-event-said",
    ),
    pytest.param(
        [
            ("a.md", "A year ago this week, DeepSeek released its R1 reasoning model.\n", FEB_2026),
            ("b.md", "DeepSeek released its R1 reasoning model in January 2025.\n", None),
        ],
        [],
        id="compound-expression",
    ),
    pytest.param(
        [
            (
                "a.md",
                "On the first anniversary of the R1 model's release, on 20 January 2026, "
                "DeepSeek stayed silent.\n",
                None,
            ),
            ("b.md", "DeepSeek released the R1 model on 20 January 2025.\n", None),
        ],
        [],
        id="anniversary",
    ),
    pytest.param(
        [
            ("a.md", "Z.ai filed for a Hong Kong IPO in 2025 and listed in January 2026.\n", None),
            ("b.md", "Z.ai went public in Hong Kong in January 2026.\n", None),
        ],
        [],
        id="filing-before-listing",
    ),
    # Two listings in two places; a launch and its open-sourcing; two releases in one clause.
    pytest.param(
        [
            ("a.md", "Alibaba listed its shares in New York in 2014.\n", None),
            ("b.md", "Alibaba listed its shares in Hong Kong in 2019.\n", None),
        ],
        [],
        id="listings-in-two-places",
    ),
    pytest.param(
        [
            ("a.md", "Alibaba listed its shares in New York in 2014.\n", None),
            ("b.md", "Alibaba listed its shares in New York in 2015.\n", None),
        ],
        [("a.md", 1, 42), ("b.md", 1, 42)],
        id="listing-in-one-place",
    ),
    pytest.param(
        [
            ("a.md", "Baidu released its Ernie 4.5 model in March 2025.\n", None),
            ("b.md", "Baidu released its Ernie 4.5 model as open source in June 2025.\n", None),
        ],
        [],
        id="launch-and-open-sourcing",
    ),
    pytest.param(
        [
            ("a.md", "Baidu released its Ernie 4.5 model in March 2025.\n", None),
            ("b.md", "Baidu released its Ernie 4.5 model in June 2025.\n", None),
        ],
        [("a.md", 1, 39), ("b.md", 1, 39)],
        id="one-launch",
    ),
    pytest.param(
        [
            (
                "a.md",
                "DeepSeek released V3 on December 26, 2024, and R1 on January 20, 2025.\n",
                None,
            ),
            ("b.md", "DeepSeek released R1, its reasoning model, in January 2025.\n", None),
        ],
        [],
        id="two-releases-one-clause",
    ),
    pytest.param(
        [
            ("a.md", "The 2024 AI Index from Stanford HAI was published in April 2024.\n", None),
            ("b.md", "The 2025 AI Index from Stanford HAI was published in April 2025.\n", None),
        ],
        [],
        id="two-editions",
    ),
    pytest.param(
        [
            ("a.md", "The 2025 AI Index from Stanford HAI was published in April 2024.\n", None),
            ("b.md", "The 2025 AI Index from Stanford HAI was published in April 2025.\n", None),
        ],
        [("a.md", 1, 54), ("b.md", 1, 54)],
        id="one-edition",
    ),
    pytest.param(
        [
            ("a.md", "Meta agreed to a takeover of Manus in December 2025.\n", None),
            ("b.md", "Meta completed its takeover of Manus in February 2026.\n", None),
        ],
        [],
        id="deal-and-closing",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Acme Corp completed its acquisition of Beta Ltd on 12 February 2024.\n",
                None,
            ),
            ("b.md", "Acme Corp closed its purchase of Beta Ltd on 14 February 2024.\n", None),
        ],
        [("a.md", 1, 52), ("b.md", 1, 46)],
        id="one-closing-in-other-words",
    ),
    pytest.param(
        [
            ("a.md", "Acme Corp agreed its acquisition of Beta Ltd on 12 February 2024.\n", None),
            ("b.md", "Acme Corp closed its purchase of Beta Ltd on 14 February 2024.\n", None),
        ],
        [],
        id="agreement-and-closing-in-other-words",
    ),
    pytest.param(
        [
            ("a.md", "The US lifted its ban on Huawei and ZTE chips on 12 May 2024.\n", None),
            (
                "b.md",
                "The lifting of the US ban on Huawei and ZTE chips came on 15 May 2024.\n",
                None,
            ),
        ],
        [("a.md", 1, 50), ("b.md", 1, 59)],
        id="one-lifting-inflected",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Moonshot released Kimi K1.5 in January 2025 and Kimi K2 in July 2025.\n",
                None,
            ),
            ("b.md", "Moonshot AI released Kimi K2 in July 2025.\n", None),
        ],
        [],
        id="two-releases-joined-by-and",
    ),
    # A wire story and its reprint a year later: the text agrees with itself.
    pytest.param(
        [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_000, {"date": datetime.date(2027, 2, 1)})],
        [],
        id="reprint-on-another-day",
    ),
    # One sentence: a change over time, not two claims about one event.
    pytest.param(
        [
            (
                "a.md",
                "Chinese models' usage on OpenRouter surged from 1.2% at the end of 2024 to "
                "nearly 30% in 2025.\n",
                None,
            )
        ],
        [],
        id="change-over-time",
    ),
    # A year that names an edition is not the event's date.
    pytest.param(
        [
            ("a.md", "Stanford released the AI Index report in April 2025.\n", None),
            ("b.md", "Stanford released a 2024 AI Index report on public opinion.\n", None),
        ],
        [],
        id="edition-year",
    ),
    # Two events in one clause: each event word goes with the nearest date.
    pytest.param(
        [
            (
                "a.md",
                "Qwen, which Alibaba released in 2023, overtook Meta's Llama on Hugging Face "
                "in September 2024.\n",
                None,
            ),
            ("b.md", QWEN_003, None),
        ],
        [],
        id="two-events-one-clause",
    ),
]


# The same sentence told with another date, whatever the event (real wire sentences).
FIXTURE = (
    "Guadeloupe will be the Tridents' next opponents on June 9 and the return fixture is on "
    "June {}.\n"
)
JUNE_1 = {"date": datetime.date(2022, 6, 1)}
JUNE_2 = {"date": datetime.date(2022, 6, 2)}
JUNE_20 = {"date": datetime.date(2022, 6, 20)}
RECALL = (
    "On February {}, Abbott{} three brands of formula produced at its manufacturing "
    "facility in Sturgis, Michigan."
)
ON_DAY = "On May {}, Marine Interdiction agents seized 1,300 pounds of cocaine at Las Croabas.\n"

SENTENCE_CASES = [
    pytest.param(
        [("a.md", FIXTURE.format(12), JUNE_1), ("b.md", FIXTURE.format(14), JUNE_2)],
        [("a.md", 1, 88), ("b.md", 1, 88)],
        id="same-sentence-other-day",
    ),
    pytest.param(
        [("a.md", ON_DAY.format(8) + "\nLater. " + ON_DAY.format(10), JUNE_1)],
        [("a.md", 1, 4), ("a.md", 3, 11)],
        id="same-sentence-twice-in-one-article",
    ),
    pytest.param(
        [("a.md", ON_DAY.format(8), JUNE_1), ("b.md", ON_DAY.format(8), JUNE_2)],
        [],
        id="same-sentence-same-date",
    ),
    pytest.param(
        [("a.md", ON_DAY.format(8), JUNE_1), ("b.md", ON_DAY.format(10), JUNE_20)],
        [],
        id="same-sentence-weeks-apart-is-an-update",
    ),
    pytest.param(
        [
            ("a.md", ON_DAY.format(8), JUNE_1),
            ("b.md", ON_DAY.format(10).replace("1,300", "1,500"), JUNE_2),
        ],
        [],
        id="same-sentence-other-figures-is-another-seizure",
    ),
    pytest.param(
        [
            ("a.md", "The final will be played at the national stadium on June 12.\n", JUNE_1),
            ("b.md", "The final will be played at the national stadium on June 14.\n", JUNE_2),
        ],
        [],
        id="a-plan-told-again-may-have-moved",
    ),
    pytest.param(
        [
            ("a.md", "The final will be played at the national stadium on June 12.\n", JUNE_1),
            ("b.md", "The final will be played at the national stadium on June 14.\n", JUNE_1),
        ],
        [("a.md", 1, 53), ("b.md", 1, 53)],
        id="a-plan-told-twice-the-same-day",
    ),
    pytest.param(
        [
            ("a.md", "Agents seized cocaine at Las Croabas on May 8.\n", JUNE_1),
            ("b.md", "Agents seized cocaine at Las Croabas on May 9.\n", JUNE_1),
        ],
        [("a.md", 1, 41), ("b.md", 1, 41)],
        id="six-words-are-enough",
    ),
    pytest.param(
        [
            (
                "a.md",
                "Agents seized cocaine at Las Croabas on May 8.\n"
                "The plant opened on 12 May 2020 in Beijing, the mayor said.\n",
                JUNE_1,
            ),
            (
                "b.md",
                "Agents seized cocaine at Las Croabas on May 9.\n"
                "The plant opened on 12 May 2021, 2022 in Beijing, the mayor said.\n",
                JUNE_1,
            ),
        ],
        [("a.md", 1, 41), ("b.md", 1, 41)],
        id="copies-holding-more-dates-are-not-paired",
    ),
    # In one article, one sentence told again in other words around its date.
    pytest.param(
        [("a.md", RECALL.format(7, "") + "\n\nLater. " + RECALL.format(17, " recalled"), JUNE_1)],
        [("a.md", 1, 4), ("a.md", 3, 11)],
        id="one-sentence-retold-in-other-words",
    ),
    pytest.param(
        [
            (
                "a.md",
                "The first dose was given on March 3, 2022 at the clinic in Sturgis, Michigan.\n\n"
                "The second dose was given on March 24, 2022 at the clinic in Sturgis, Michigan.\n",
                JUNE_1,
            )
        ],
        [],
        id="words-on-both-sides-make-two-statements",
    ),
    pytest.param(
        [
            (
                "a.md",
                RECALL.format(7, "") + "\n\n" + RECALL.format(17, " and Nestle"),
                JUNE_1,
            )
        ],
        [],
        id="another-name-makes-another-statement",
    ),
]


@pytest.mark.parametrize(("sources", "expected"), SENTENCE_CASES)
def test_same_sentence_other_date(sources: list, expected: list) -> None:
    assert conflicts(sources) == expected


def test_same_sentence_message_names_the_other_copy() -> None:
    here, there = rule_findings(
        "FL201", [("a.md", FIXTURE.format(12), JUNE_1), ("b.md", FIXTURE.format(14), JUNE_2)]
    )
    assert here.message == (
        # Without a year, "June 12" in an article of June 1 is last June or this one.
        '"June 12" = 2021-06-12 or 2022-06-12 here; "June 14" = 2021-06-14 or 2022-06-14 '
        "in b.md:1: the same sentence, dated differently"
    )
    (related,) = here.related
    assert (related.location.path, related.location.line, related.location.col) == ("b.md", 1, 88)
    assert related.message.startswith('"June 14" = 2021-06-14 or 2022-06-14: Guadeloupe will')
    assert there.related[0].location.path == "a.md"


def conflicts(sources: list) -> list[tuple[str, int, int]]:
    return [(f.path, f.location.line, f.location.col) for f in rule_findings("FL201", sources)]


@pytest.mark.parametrize(("sources", "expected"), FL201_CASES)
def test_date_conflict(sources: list, expected: list) -> None:
    assert conflicts(sources) == expected


def test_date_conflict_messages_and_related() -> None:
    here, there = rule_findings(
        "FL201", [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003, JAN_2026)]
    )
    assert here.message == (
        '"September last year" = 2025-09 here; "September 2024" = 2024-09 in b.md:1: '
        "the same event, dated differently"
    )
    assert there.message == (
        '"September 2024" = 2024-09 here; "September last year" = 2025-09 in a.md:1: '
        "the same event, dated differently"
    )
    (related,) = here.related
    assert (related.location.path, related.location.line, related.location.col) == ("b.md", 1, 110)
    assert related.message.startswith('"September 2024" = 2024-09: China\'s Qwen models overtook')
    assert here.key == "overtake alibaba hugging face llama meta qwen|2025-09|2024-09"
    assert there.key == "overtake hugging face llama meta qwen|2024-09|2025-09"


def test_date_conflict_within_article_message() -> None:
    text = (
        "DeepSeek released its R1 reasoning model on 20 January 2025.\n\n"
        "When the R1 model was released in January 2024, chip stocks fell.\n"
    )
    first, second = rule_findings("FL201", text)
    assert first.message.endswith(
        '"January 2024" = 2024-01 on line 3: the same event, dated differently'
    )
    assert second.message.startswith(
        '"January 2024" = 2024-01 here; "20 January 2025" = 2025-01-20 on line 1'
    )


def test_date_conflict_key_survives_edits_elsewhere() -> None:
    first = rule_findings("FL201", [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003, JAN_2026)])
    edited = "An unrelated first paragraph.\n\n" + QWEN_000
    second = rule_findings("FL201", [("a.md", edited, FEB_2026), ("b.md", QWEN_003, JAN_2026)])
    assert [f.key for f in first] == [f.key for f in second]
    assert second[0].location.line == 3


def test_the_majority_side_is_not_reported() -> None:
    """Two articles agree on September 2024, one says September 2025: only it is reported."""
    third = ("c.md", QWEN_003.replace("Did you know? ", ""), None)
    findings = rule_findings(
        "FL201", [("a.md", QWEN_000, FEB_2026), ("b.md", QWEN_003, None), third]
    )
    assert [(f.path, f.location.line) for f in findings] == [("a.md", 1)]
    assert [r.location.path for r in findings[0].related] == ["b.md", "c.md"]
    assert "(and 1 more)" in findings[0].message


# --- event signatures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds", "parties"),
    [
        (
            "Alibaba's Qwen surpassed Meta's Llama 4",
            {"overtake"},
            [{"alibaba"}, {"qwen"}, {"meta"}, {"llama"}],
        ),
        ("Z.ai and MiniMax went public in Hong Kong", {"list"}, [{"minimax"}, {"z.ai"}]),
        ("the US halted Nvidia's sales of H20 chips", {"ban"}, [{"h20"}, {"nvidia"}]),
        ("Meta's acquisition of Manus", {"acquire"}, [{"manus"}, {"meta"}]),
        ("researchers found the answer", set(), []),
    ],
)
def test_signature(text: str, kinds: set, parties: list) -> None:
    sig = signature_of_text(text)
    assert sig.kinds == kinds
    assert sorted(map(frozenset, sig.parties), key=sorted) == sorted(
        map(frozenset, parties), key=sorted
    )


def test_signature_versions_and_models() -> None:
    sig = signature_of_text("DeepSeek-V3 beat Llama 4 and GPT-4o, with 2.6 million GPU-hours")
    assert dict(sig.versions) == {"deepseek": {"v3"}, "llama": {"4"}, "gpt": {"4o"}}
    assert sig.models == {"deepseek v3", "llama 4", "gpt 4o"}
    assert sig.numbers == {"2.6"}


def test_masked_company_names_are_restored() -> None:
    doc = document_from_text("Z.ai listed on www.hkex.com.hk in January.\n")
    text = names_text(doc.text, doc.prose)
    assert text.startswith("Z.ai listed on ")
    assert "hkex" not in text


def test_each_event_word_goes_with_the_nearest_date() -> None:
    text = "Qwen, which Alibaba released in 2023, overtook Llama in September 2024.\n"
    a = Analysis(document_from_text(text))
    sigs = signatures(text, a.dates)
    assert [(d.raw, set(s.kinds)) for d, s in zip(a.dates, sigs, strict=True)] == [
        ("2023", {"release"}),
        ("September 2024", {"overtake"}),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 2025 Stanford HAI AI Index report", True),
        ("the company's 2024 report", True),
        ("in 2025 Stanford released", False),
        ("the report of September 2024", False),
        ("Tesla released their Q3-2020 vehicle delivery report", True),
        ("Tesla released its report in Q3 2020", False),
    ],
)
def test_attributive_year(text: str, expected: bool) -> None:
    a = Analysis(document_from_text(text + ".\n"))
    assert [is_attributive(text, d) for d in a.dates] == [expected]


@pytest.mark.parametrize(
    ("text", "recurring", "intended"),
    [
        ("Alibaba listed in New York", False, False),
        ("its new model", True, False),
        ("New models came out", True, False),
        ("Theresa May resigned", False, False),
        ("it may list", False, True),
        ("Will Smith was born", False, False),
        ("If Zhipu listed", False, True),
    ],
)
def test_names_are_not_words(text: str, recurring: bool, intended: bool) -> None:
    sig = signature_of_text(text)
    assert (sig.recurring, sig.intended) == (recurring, intended)


def test_plans_are_not_event_claims() -> None:
    doc = document_from_text("Z.ai is expected to list in Hong Kong in January 2027.\n")
    assert event_claims(Analysis(doc)) == []


# --- FL202 relative-date-unresolvable -------------------------------------------------------

FL202_CASES = [
    ("The company went public last year.\n", None, [("FL202", 1, 25)]),
    ("The company went public last year.\n", FEB_2026, []),
    ("BEIJING, Feb 17, 2026 (Reuters) - The company went public last year.\n", None, []),
    ("The company went public in January 2025.\n", None, []),
    (
        "It listed on Monday, and its shares rose 5% last month.\n",
        None,
        [("FL202", 1, 14), ("FL202", 1, 45)],
    ),
]


@pytest.mark.parametrize(("text", "meta", "expected"), FL202_CASES)
def test_relative_date_unresolvable(text: str, meta: dict | None, expected: list) -> None:
    assert run_rule("FL202", text, meta=meta) == expected


def test_fl202_is_off_by_default() -> None:
    (meta,) = [r for r in date_rules.RULES if r.id == "FL202"]
    assert meta.default_enabled is False


# --- FL203 future-past ----------------------------------------------------------------------

MARCH_2025 = {"date": datetime.date(2025, 3, 1)}
FL203_CASES = [
    ("The company opened its first factory in June 2025.\n", MARCH_2025, [("FL203", 1, 41)]),
    ("The company opened its first factory in June 2024.\n", MARCH_2025, []),
    ("The company will open its first factory in June 2025.\n", MARCH_2025, []),
    ("The company plans to open a factory in June 2025.\n", MARCH_2025, []),
    ("The company opened three factories this year.\n", MARCH_2025, []),
    ("The company opened three factories this month.\n", MARCH_2025, []),
    ("The factory was completed on 2 March 2025.\n", MARCH_2025, []),  # within two days
    ("The factory was completed on 5 March 2025.\n", MARCH_2025, [("FL203", 1, 30)]),
    ("The company said the factory opens in June 2025.\n", MARCH_2025, []),
    ('"We opened the factory in June 2025," she said.\n', MARCH_2025, []),
    ("The company had opened the factory by June 2025.\n", MARCH_2025, []),
    ("The company opened its first factory in June 2025.\n", None, []),
    ("The first factory opened on Monday.\n", MARCH_2025, []),
    ("Sales rose 5% in the fourth quarter of 2025.\n", MARCH_2025, [("FL203", 1, 18)]),
    ("Sales rose 5% in the fourth quarter of 2024.\n", MARCH_2025, []),
    ("Updated: March 5, 2025\n\nSales rose 5% last year.\n", MARCH_2025, []),
    ("Warren did well in the 2026 Senate race.\n", MARCH_2025, []),
    ("Warren did well in the Senate race in 2026.\n", MARCH_2025, [("FL203", 1, 39)]),
    # a period under way at publication: its end may come later
    ("The deficit for 2024-25 has been pegged at 4.4%.\n", MARCH_2025, []),
    ("The deficit for 2024 to 2026 was set at 4.4%.\n", MARCH_2025, []),
    ("The deficit for 2026-27 has been pegged at 4.4%.\n", MARCH_2025, [("FL203", 1, 17)]),
    # a past act that schedules the event is not the event
    ("The judge set the sentencing for March 28, 2025.\n", MARCH_2025, []),
    ("The vote was postponed until 12 March 2025.\n", MARCH_2025, []),
    ("The sentencing took place on March 28, 2025.\n", MARCH_2025, [("FL203", 1, 30)]),
    # a fiscal year is named by the calendar year it ends in: it may have begun a year before
    ("Revenue rose 5% in the first quarter of fiscal 2026.\n", MARCH_2025, []),
    ("Revenue rose 5% in fiscal year 2026.\n", MARCH_2025, []),
    ("Revenue rose 5% in the first quarter of fiscal 2027.\n", MARCH_2025, [("FL203", 1, 20)]),
    ("Revenue rose 5% in the first quarter of 2026.\n", MARCH_2025, [("FL203", 1, 20)]),
    # a relative date that says itself it is ahead: the writer knew, whatever the verb
    (
        "Earnings reports began to slow, with many reports marking the end next week.\n",
        MARCH_2025,
        [],
    ),
    ("The company said it completed the sale tomorrow.\n", MARCH_2025, []),
]


@pytest.mark.parametrize(("text", "meta", "expected"), FL203_CASES)
def test_future_past(text: str, meta: dict | None, expected: list) -> None:
    assert run_rule("FL203", text, meta=meta) == expected


def test_future_past_message() -> None:
    (finding,) = rule_findings(
        "FL203", "The company opened its first factory in June 2025.\n", meta=MARCH_2025
    )
    assert finding.message == (
        '"June 2025" (2025-06) is after the publication date 2025-03-01, but the sentence '
        "tells it in the past tense"
    )


# --- FL204 impossible-date ------------------------------------------------------------------

FL204_CASES = [
    ("The deal closed on 30 February.\n", [("FL204", 1, 20)]),
    ("The deal closed on 28 February.\n", []),
    ("It came out on 31 April 2025.\n", [("FL204", 1, 16)]),
    ("It came out on 30 April 2025.\n", []),
    ("It came out on February 29, 2025.\n", [("FL204", 1, 16)]),
    ("It came out on February 29, 2024.\n", []),
    ("The meeting on Monday, 17 February 2026 ran late.\n", [("FL204", 1, 16)]),
    ("The meeting on Tuesday, 17 February 2026 ran late.\n", []),
    ("Sales rose 31 May.\n", []),
    ("The fund closed on 2025-02-29, not 2024-02-29.\n", [("FL204", 1, 20)]),
]


@pytest.mark.parametrize(("text", "expected"), FL204_CASES)
def test_impossible_date(text: str, expected: list) -> None:
    assert run_rule("FL204", text) == expected


# A weekday with a date written without its year: the year that puts it nearest the
# publication date (10 March 2025 here), when that is within WEEKDAY_NEAR_DAYS of it.
MARCH_10 = {"date": datetime.date(2025, 3, 10)}
FL204_NO_YEAR_CASES = [
    ("The ceremony on Sunday, March 3, drew hundreds.\n", MARCH_10, [("FL204", 1, 17)]),
    ("The ceremony on Monday, March 3, drew hundreds.\n", MARCH_10, []),
    ("The ceremony on Sunday (March 3) drew hundreds.\n", MARCH_10, [("FL204", 1, 17)]),
    ("Voters went to the polls on Sunday March 2.\n", MARCH_10, []),
    ("The summit opens on Friday the 14th of March.\n", MARCH_10, []),
    ("The summit opens on Thursday the 14th of March.\n", MARCH_10, [("FL204", 1, 21)]),
    ("The council met on Tuesday, Jan. 6, the mayor said.\n", MARCH_10, []),  # 63 days
    ("The ceremony on Sunday, March 3, drew hundreds.\n", None, []),  # no publication date
    ("The ceremony on Sunday, March 3, 2024, drew hundreds.\n", MARCH_10, []),  # a Sunday
    ("The festival runs Sunday, March 3-5, in the park.\n", MARCH_10, []),  # a range
    ("On Friday, Dec. 27, the market closed early.\n", {"date": datetime.date(2025, 1, 3)}, []),
    (
        "On Friday, Dec. 26, the market closed early.\n",
        {"date": datetime.date(2025, 1, 3)},
        [("FL204", 1, 4)],
    ),
]


@pytest.mark.parametrize(("text", "meta", "expected"), FL204_NO_YEAR_CASES)
def test_weekday_of_a_date_without_its_year(text: str, meta: dict | None, expected: list) -> None:
    assert run_rule("FL204", text, meta=meta) == expected


def test_weekday_without_a_year_names_the_year_it_took() -> None:
    (finding,) = rule_findings("FL204", "It opened on Sunday, March 3.\n", meta=MARCH_10)
    assert finding.message == (
        '"Sunday, March 3": 3 March 2025, the nearest to the publication date 2025-03-10, '
        "was a Monday, not a Sunday"
    )


def test_impossible_date_messages() -> None:
    findings = rule_findings(
        "FL204", "It closed on 30 February.\n\nThe meeting on Monday, 17 February 2026 ran late.\n"
    )
    assert [f.message for f in findings] == [
        '"30 February": February never has 30 days',
        '"Monday, 17 February 2026": 17 February 2026 was a Tuesday, not a Monday',
    ]


# --- the seeds, through the CLI -------------------------------------------------------------


def _cli_json(args: list[str]) -> dict:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_seeds_through_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    out = _cli_json(["--select", "FL2", "seeds/"])
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert found == [
        ("FL201", "seeds/000_b2a1cf249883d228.txt", 33, 322),
        ("FL201", "seeds/003_e5ad231f2f994792.txt", 47, 110),
    ]
    related = [[(r["path"], r["line"], r["column"]) for r in f["related"]] for f in out["findings"]]
    assert related == [
        [("seeds/003_e5ad231f2f994792.txt", 47, 110)],
        [("seeds/000_b2a1cf249883d228.txt", 33, 322)],
    ]
    assert out["findings"][0]["message"].startswith(
        '"September last year" = 2025-09 here; "September 2024" = 2024-09 in '
        "seeds/003_e5ad231f2f994792.txt:47"
    )


# --- precision on real articles -------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.md")), ids=lambda p: p.name)
def test_regressions_have_no_date_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for rule in ("FL201", "FL203", "FL204"):
        assert run_rule(rule, [(path.name, text, None)] if rule == "FL201" else text) == []


# --- robustness -----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Alibaba",
        "Qwen",
        "overtook",
        "Llama",
        "in",
        "September",
        "2024",
        "last",
        "year",
        "listed",
        "Z.ai",
        "Hong",
        "Kong",
        "30",
        "February",
        "Monday,",
        "17",
        "the",
        "will",
        "released",
        "R1",
        "Llama 4",
        "“",
        "”",
        ".",
        ",",
        "\n\n",
        "Q3",
        "2025",
        "ago",
        "a",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=30).map(" ".join), min_size=1, max_size=3))
def test_no_crash_and_spans_inside(texts: list[str]) -> None:
    sources = [(f"a{i}.md", t, FEB_2026) for i, t in enumerate(texts)]
    for rule in ("FL201",):
        for f in rule_findings(rule, sources):
            size = len(texts[int(f.path[1:-3])])
            assert 0 <= f.span.start <= f.span.end <= size
    for text in texts:
        doc = document_from_text(text, meta=FEB_2026)
        ctx = Context(rules={r.id: r for r in date_rules.RULES}, options=dict(date_rules.DEFAULTS))
        for f in date_rules.check(Analysis(doc), ctx):
            assert 0 <= f.span.start <= f.span.end <= len(text)
