"""`factlint ledger check|show|suggest` and `factlint claims`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FUND = "seeds/000_b2a1cf249883d228.txt"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_ledger_check_validates_the_shipped_ledger() -> None:
    code, out, _ = invoke("ledger", "check")
    assert code == 0
    assert out.startswith("ledger OK: ")
    assert "facts" in out and "events" in out


def test_ledger_check_names_file_and_line_of_a_bad_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "facts:\n  - id: x\n    subject: X\n    metric: m\n    value: 5\n    unit: t\n"
        "    about: 2025\n    colour: red\n    source: {title: T, date: 2025}\n"
    )
    code, _, err = invoke("ledger", "check", str(bad))
    assert code == 2
    assert f"{bad}:8:" in err
    assert "colour" in err


def test_ledger_show_prints_the_entry_and_its_source() -> None:
    code, out, _ = invoke("ledger", "show", "cn-national-ai-fund-capital")
    assert code == 0
    assert out.startswith("rules/ledger/china-ai.yaml:5: fact cn-national-ai-fund-capital")
    assert "unit: CNY" in out
    assert "source: Reuters, China sets up $8.2 billion AI investment fund (2025-01)" in out
    assert invoke("ledger", "show", "no-such-entry")[0] == 2


def test_ledger_suggest_drafts_entries_from_an_article(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2026-02-17\nsource: Daily Planet\ntitle: Fund\n---\n"
        "The city's new transit fund holds 60 million dollars, the council said.\n"
    )
    code, out, _ = invoke("ledger", "suggest", str(article))
    assert code == 0
    drafts = yaml.safe_load(out)
    (fact,) = drafts["facts"]
    assert fact["value"] == 60_000_000
    assert "fund" in fact["subject"]
    assert fact["source"]["publisher"] == "Daily Planet"
    assert fact["source"]["date"] == "2026-02-17"


def test_claims_json_shows_the_fund_figure_with_its_meaning() -> None:
    code, out, _ = invoke("claims", "--format", "json", "--type", "figure", FUND)
    assert code == 0
    rows = json.loads(out)
    fund = next(r for r in rows if r["text"] == "60 billion yuan")
    assert (fund["line"], fund["column"]) == (39, 485)
    assert (fund["value"], fund["unit"], fund["kind"], fund["qualifier"]) == (
        6e10,
        "CNY",
        "money",
        "",
    )
    assert "fund" in fund["subject_terms"]
    spend = next(r for r in rows if r["text"] == "up to $70 billion")
    assert spend["qualifier"] == "EQUAL_OR_LESS"


def test_claims_shows_dates_quotes_and_people_in_every_format() -> None:
    code, out, _ = invoke("claims", "--format", "yaml", FUND)
    assert code == 0
    rows = yaml.safe_load(out)
    kinds = {r["type"] for r in rows}
    assert kinds == {"figure", "date", "quote", "person"}
    qwen = next(r for r in rows if r["type"] == "date" and r["text"] == "September last year")
    assert (qwen["value"], qwen["grain"]) == ("2025-09", "month")
    green = next(r for r in rows if r["type"] == "person" and r["text"] == "Rory Green")
    assert green["organisation"] == "TS Lombard"
    code, out, _ = invoke("claims", "--format", "jsonl", FUND)
    assert code == 0
    assert [json.loads(line)["type"] for line in out.splitlines()] == [r["type"] for r in rows]
    code, out, _ = invoke("claims", FUND)
    assert code == 0
    assert "60 billion yuan" in out and "September last year" in out
