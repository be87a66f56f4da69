"""FL405 event-date-mismatch: dated events against the ledger's events.

Table tests run the check on a small ledger written for the test; the seeds run through
the CLI with the shipped ledger, and with a config that names a ledger of its own.
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
from factlint.checks import ledger_events
from factlint.cli import main
from factlint.document import document_from_text
from factlint.ledger import Ledger, load_ledger, shipped_ledger_paths
from factlint.model import Finding
from factlint.rule import Context
from tests.helpers import shipped_ledger

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

LEDGER = """\
events:
  - id: acme-ipo
    subject: Acme Robotics listing in Shanghai
    aliases:
      - Acme Robotics IPO
      - Acme Robotics goes public
    date: 2024-06
    source:
      publisher: SSE
      title: Acme Robotics listing notice
      date: 2024-06

  - id: nova-3-release
    subject: Nova-3 model release
    aliases:
      - Bolt AI released Nova-3
    date: 2025-03-12
    source:
      publisher: Bolt AI
      title: Nova-3 announcement
      url: https://example.com/nova-3
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    path = tmp_path_factory.mktemp("ledger") / "events.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return load_ledger([path])


def findings(text: str, ledger: Ledger | None, meta: dict | None = None) -> list[Finding]:
    analysis = Analysis(document_from_text(text, "t.md", meta))
    ctx = Context(
        rules={r.id: r for r in ledger_events.RULES},
        options=dict(ledger_events.DEFAULTS),
        ledger=ledger,
    )
    return list(ledger_events.check(analysis, ctx))


def located(text: str, ledger: Ledger | None, meta: dict | None = None) -> list[tuple]:
    return [(f.rule_id, f.location.line, f.location.col) for f in findings(text, ledger, meta)]


CASES = [
    ("Acme Robotics went public in Shanghai in June 2023.\n", [("FL405", 1, 42)]),
    ("Acme Robotics went public in Shanghai in June 2024.\n", []),
    ("Acme Robotics went public in Shanghai in 2024.\n", []),
    ("The Acme Robotics IPO in 2023 drew strong demand.\n", [("FL405", 1, 26)]),
    ("The Acme Robotics IPO in mid-2024 drew strong demand.\n", []),
    ("Acme Robotics plans to go public in 2026.\n", []),
    ("Acme Robotics did not go public in 2023.\n", []),
    ('"We went public in June 2023," Acme Robotics said.\n', []),
    ("Zen Robotics went public in Shanghai in June 2023.\n", []),
    ("Acme Robotics was founded in 2019.\n", []),
    ("Acme Robotics went public in Shanghai by 2023.\n", []),
    ("Bolt AI released Nova-3 in March 2024.\n", [("FL405", 1, 28)]),
    ("Bolt AI released Nova-3 on 12 March 2025.\n", []),
    ("Bolt AI released Nova-2 in March 2024.\n", []),
    ("Bolt AI released its first model in March 2024.\n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_event_date_mismatch(text: str, expected: list, ledger: Ledger) -> None:
    assert located(text, ledger) == expected


def test_relative_date_resolved_against_publication(ledger: Ledger) -> None:
    text = "Acme Robotics went public in Shanghai last June.\n"
    assert located(text, ledger, {"date": datetime.date(2024, 9, 1)}) == []
    assert located(text, ledger, {"date": datetime.date(2025, 9, 1)}) == [("FL405", 1, 39)]


def test_no_ledger_no_findings() -> None:
    assert located("Acme Robotics went public in Shanghai in June 2023.\n", None) == []


def test_message_related_and_key(ledger: Ledger) -> None:
    (finding,) = findings("Acme Robotics went public in Shanghai in June 2023.\n", ledger)
    assert finding.message == (
        '"June 2023" (2023-06) for Acme Robotics listing in Shanghai; the ledger has 2024-06 '
        "(SSE, Acme Robotics listing notice (2024-06))"
    )
    (related,) = finding.related
    assert related.location.path.endswith("events.yaml")
    assert (related.location.line, related.location.col) == (2, 1)
    assert related.message == (
        "ledger: acme-ipo 2024-06, SSE, Acme Robotics listing notice (2024-06)"
    )
    assert finding.key == "list acme robotics|2023-06|acme-ipo=2024-06"


# --- the shipped ledger ----------------------------------------------------------------------

SHIPPED = [
    (
        "January 2025 saw a wave of Chinese AI companies going public in Hong Kong, with Z.ai "
        "and MiniMax raising substantial capital.\n",
        [("FL405", 1, 1)],
    ),
    (
        "January 2026 saw a wave of Chinese AI companies going public in Hong Kong, with Z.ai "
        "and MiniMax raising substantial capital.\n",
        [],
    ),
    ("MiniMax went public in Hong Kong in 2025.\n", [("FL405", 1, 37)]),
    ("Chinese AI companies went public in Hong Kong in 2025.\n", []),
    (
        "Interestingly, a 2025 Stanford HAI AI Index report revealed that Chinese respondents "
        "are the most optimistic.\n",
        [],
    ),
    ("Stanford HAI published its AI Index 2025 report in April 2025.\n", []),
    ("Meta's acquisition of Manus was agreed in March 2024.\n", [("FL405", 1, 43)]),
    ("Meta's acquisition of Scale AI was agreed in March 2024.\n", []),
    ("DeepSeek released R1 on 20 January 2025.\n", []),
    ("DeepSeek released R1 in January 2024.\n", [("FL405", 1, 25)]),
    ("DeepSeek released V3 in December 2024.\n", []),
    ("Zhipu AI filed for a Hong Kong IPO in 2025 and listed in January 2026.\n", []),
    ("On the first anniversary of R1's release, 20 January 2026, DeepSeek stayed silent.\n", []),
    ("DeepSeek said in January 2024 that R1 was released.\n", []),
    ("DeepSeek released V3 on December 26, 2024, and R1 on January 20, 2025.\n", []),
    ("DeepSeek released V3 on December 26, 2024, and R1 on January 20, 2024.\n", []),
    # The stage of an event: a ban lifted, a deal completed, is not the ban or the deal.
    ("The US halted Nvidia's H20 sales to China in July 2025.\n", [("FL405", 1, 46)]),
    ("The US halted Nvidia's H20 sales to China in April 2025.\n", []),
    ("The US lifted the H20 licence requirement in July 2025.\n", []),
    ("Meta completed its acquisition of Manus in February 2026.\n", []),
    # An edition: the 2024 AI Index is not the 2025 one.
    ("The 2025 AI Index from Stanford HAI was published in April 2024.\n", [("FL405", 1, 54)]),
    ("The 2024 AI Index from Stanford HAI was published in April 2024.\n", []),
    ("Stanford HAI published its AI Index report in April 2024.\n", []),
    ("Zhipu AI, now known as Z.ai, listed in Hong Kong in January 2025.\n", [("FL405", 1, 53)]),
]


def test_compound_date_is_not_checked(shipped: Ledger) -> None:
    text = "A year ago this week, DeepSeek released R1.\n"
    assert located(text, shipped, {"date": datetime.date(2026, 1, 22)}) == []
    text = "This week, DeepSeek released R1.\n"
    assert located(text, shipped, {"date": datetime.date(2026, 1, 22)}) == [("FL405", 1, 1)]


@pytest.fixture(scope="module")
def shipped() -> Ledger:
    return load_ledger(shipped_ledger_paths())


@pytest.mark.parametrize(("text", "expected"), SHIPPED)
def test_shipped_ledger(text: str, expected: list, shipped: Ledger) -> None:
    assert located(text, shipped) == expected


def test_one_finding_names_both_listings(shipped: Ledger) -> None:
    (finding,) = findings(SHIPPED[0][0], shipped)
    assert finding.message == (
        '"January 2025" (2025-01) for Zhipu AI listing in Hong Kong and MiniMax listing in '
        "Hong Kong; the ledger has 2026-01 for both (HKEX)"
    )
    assert [r.message.split(",")[0] for r in finding.related] == [
        "ledger: zhipu-hk-listing 2026-01",
        "ledger: minimax-hk-listing 2026-01",
    ]


# --- the seeds, through the CLI --------------------------------------------------------------


def _cli(args: list[str]) -> dict:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_seeds_with_shipped_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    out = _cli(["--select", "FL405", "seeds/"])
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert found == [("FL405", "seeds/003_e5ad231f2f994792.txt", 31, 1)]
    related = [
        (Path(r["path"]).as_posix(), r["line"], r["column"]) for r in out["findings"][0]["related"]
    ]
    assert [(p.endswith("rules/ledger/china-ai.yaml"), line, col) for p, line, col in related] == [
        (True, 186, 1),
        (True, 201, 1),
    ]


def test_seeds_with_a_configured_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "mine.yaml").write_text(
        "events:\n"
        "  - id: zai-ipo\n"
        "    subject: Z.ai IPO in Hong Kong\n"
        "    date: 2025-01\n"
        "    source: {publisher: Test, date: 2025-01}\n",
        encoding="utf-8",
    )
    (tmp_path / "factlint.yaml").write_text(
        "ledger: [mine.yaml]\nshipped-ledger: false\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert _cli(["--select", "FL405", "seeds/"])["findings"] == []
    (tmp_path / "mine.yaml").write_text(
        (tmp_path / "mine.yaml").read_text().replace("2025-01", "2025-07"), encoding="utf-8"
    )
    out = _cli(["--select", "FL405", "seeds/"])
    assert [(f["path"], f["line"], f["column"]) for f in out["findings"]] == [
        ("seeds/003_e5ad231f2f994792.txt", 31, 1)
    ]
    (related,) = out["findings"][0]["related"]
    assert (Path(related["path"]).name, related["line"]) == ("mine.yaml", 2)


_WORDS = st.sampled_from(
    [
        "Z.ai",
        "MiniMax",
        "listed",
        "went",
        "public",
        "in",
        "Hong",
        "Kong",
        "January",
        "2025",
        "2026",
        "DeepSeek",
        "released",
        "R1",
        "V3",
        "Meta's",
        "acquisition",
        "of",
        "Manus",
        "H20",
        "halted",
        "lifted",
        "the",
        "2024",
        "AI",
        "Index",
        ",",
        ".",
        "\n\n",
        "“",
        "”",
        "last",
        "year",
        "will",
        "a",
        "ago",
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_no_crash_and_spans_inside(text: str) -> None:
    for f in findings(text, shipped_ledger(), {"date": datetime.date(2026, 2, 17)}):
        assert 0 <= f.span.start <= f.span.end <= len(text)


def test_fl201_spares_the_side_the_ledger_dates_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two articles date one event differently: FL201 reports both, unless the ledger
    gives one side's date; then only the other, which FL405 reports too."""
    front = "---\ntitle: Listing\ndate: 2026-03-01\n---\n"
    (tmp_path / "a.md").write_text(
        front + "Zhipu AI listed on the Hong Kong stock exchange in July 2025.\n", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text(
        front + "Zhipu AI listed on the Hong Kong stock exchange in January 2026.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    out = _cli(["--select", "FL201,FL405", "a.md", "b.md"])
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert found == [("FL201", "a.md", 5, 52), ("FL405", "a.md", 5, 52)]
    (tmp_path / "factlint.yaml").write_text("shipped-ledger: false\n", encoding="utf-8")
    out = _cli(["--select", "FL201,FL405", "a.md", "b.md"])
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert found == [("FL201", "a.md", 5, 52), ("FL201", "b.md", 5, 52)]
