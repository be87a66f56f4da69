"""Garbled-text rules (FL601-FL611) on real text: the seeds, the news corpus, regressions.

Per-rule tables with near-misses are in tests/test_garbled_rules.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.analysis import Analysis
from factlint.data import load_yaml
from factlint.document import build_document, document_from_text
from factlint.rule import Context
from tests.helpers import find_check, rule_findings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REGRESSIONS = Path(__file__).parent / "corpus_regressions" / "garbled"
NEWS = ROOT.parent / "shared" / "corpus" / "news"

RULE_IDS = ("FL601", "FL602", "FL603", "FL604", "FL605", "FL606", "FL607", "FL608", "FL609")
RULE_IDS += ("FL610", "FL611")

SEED_004 = "004_2cb8a2b5be4354fc.txt"

# Every finding of every garbled rule on the five seeds, by (file, rule, line, col).
SEED_FINDINGS = {
    ("000_b2a1cf249883d228.txt", "FL611", 13, 105),  # "IC Photo"
    ("000_b2a1cf249883d228.txt", "FL611", 45, 44),  # "Reproduction without permission…"
    ("001_3d07ea246869d68c.txt", "FL611", 13, 35),  # "If you wish to reprint…"
    ("003_e5ad231f2f994792.txt", "FL611", 51, 102),  # "Subscribe to our newsletter…"
    ("003_e5ad231f2f994792.txt", "FL611", 53, 1),  # "You may also like"
    ("003_e5ad231f2f994792.txt", "FL611", 55, 1),  # "Leave a Comment"
    (SEED_004, "FL604", 1, 27),  # Speed,Towards
    (SEED_004, "FL604", 2, 5),  # years,the
    (SEED_004, "FL604", 2, 99),  # States,fueled
    (SEED_004, "FL604", 2, 158),  # experimentation.However
    (SEED_004, "FL604", 2, 556),  # speed,but
    (SEED_004, "FL604", 6, 299),  # restricted.Furthermore
    (SEED_004, "FL604", 9, 75),  # education.Major
    (SEED_004, "FL604", 13, 188),  # seen,it
    (SEED_004, "FL604", 15, 312),  # Dubai.Fluent
    (SEED_004, "FL606", 18, 188),  # ends "…internationally. Speed"
    (SEED_004, "FL607", 15, 361),  # buisness
    (SEED_004, "FL608", 10, 232),  # "frequently enough" for "often"
}

# Every finding on the 65 real news articles; each was read and is a real problem.
NEWS_FINDINGS = {
    ("009-atlantis-medical-supplies.md", "FL604", 7, 230),  # "work.Dolphin"
    ("024-vessel-cocaine-seizure.md", "FL610", 20, 251),  # a stray “ after the quote
    ("030-boston-brothel-bust.md", "FL607", 34, 34),  # "refences"
    ("039-uk-student-halls.md", "FL610", 46, 137),  # “… closed with ’
    ("050-uk-quarantine-list.md", "FL605", 50, 84),  # "to to"
    ("052-uk-academics-second-class.md", "FL605", 12, 171),  # "and and"
}


def _all_findings(path: Path) -> set[tuple[str, str, int, int]]:
    text = path.read_text(encoding="utf-8")
    found = set()
    for rule_id in RULE_IDS:
        for f in rule_findings(rule_id, text, path=path.name):
            found.add((path.name, f.rule_id, f.location.line, f.location.col))
    return found


def test_seed_findings_exactly() -> None:
    found = set().union(*(_all_findings(p) for p in sorted(SEEDS.glob("*.txt"))))
    assert found == SEED_FINDINGS


def test_seed_004_messages_and_fixes() -> None:
    text = (SEEDS / SEED_004).read_text(encoding="utf-8")
    spaces = rule_findings("FL604", text)
    assert spaces[0].message == "missing space after ',' in 'Speed,Towards'"
    assert spaces[3].message == "missing space after '.' in 'experimentation.However'"
    assert all(f.fix is not None and f.fix.replacement == " " for f in spaces)
    (spelling,) = rule_findings("FL607", text)
    assert spelling.message == "'buisness' is a common misspelling of 'business'"
    assert spelling.fix is not None and spelling.fix.replacement == "business"
    (cut,) = rule_findings("FL606", text)
    assert text[cut.span.start : cut.span.end] == "Speed"


@pytest.mark.skipif(not NEWS.is_dir(), reason="the shared news corpus is not beside the repo")
def test_news_corpus_findings_exactly() -> None:
    found = set().union(*(_all_findings(p) for p in sorted(NEWS.glob("*.md"))))
    assert found == NEWS_FINDINGS


# Articles that once gave a false finding: (file, rule that must stay silent).
REGRESSION_CASES = [
    # "looks more like 60,000". : a straight quote closing after a digit is not an inch mark
    ("029-new-york-mass-burials.md", "FL610"),
]


@pytest.mark.parametrize(("name", "rule_id"), REGRESSION_CASES)
def test_corpus_regressions(name: str, rule_id: str) -> None:
    text = (REGRESSIONS / name).read_text(encoding="utf-8")
    assert rule_findings(rule_id, text, path=name) == []


def test_every_regression_file_is_used() -> None:
    assert sorted(p.name for p in REGRESSIONS.glob("*.md")) == sorted(
        n for n, _ in REGRESSION_CASES
    )


def test_replacement_characters_from_undecodable_bytes_are_left_to_the_engine() -> None:
    # \xe9 is not UTF-8 (the engine reports it, FL003); the encoded U+FFFD was in the text.
    doc, _ = build_document("a.md", b"caf\xe9 au lait and a lost \xef\xbf\xbd sign.\n")
    assert [s.start for s in doc.decode_errors] == [3]
    check = find_check("FL602")
    ctx = Context(rules={r.id: r for r in check.rules})
    found = [f for f in check.run(Analysis(doc), ctx) if f.rule_id == "FL602"]
    assert [(f.location.line, f.location.col) for f in found] == [(1, 25)]


# ---------------------------------------------------------------- any text


_MODULES = list({find_check(r).ids: find_check(r) for r in RULE_IDS}.values())
_GARBLED_ALPHABET = st.sampled_from(
    [
        *"ab Z.,;:!?()[]“”\"'’\n\t-",
        *("\ufffd", "\u200b", "\u200d", "\x07", "\x0c", "\x85", "â€™", "Ã©", "the ", "the the "),
        *(",the", ".However", "buisness", "counterfeit consciousness", "IC Photo", "60.06"),
    ]
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_GARBLED_ALPHABET, max_size=60).map("".join)))
def test_any_text_gives_findings_inside_the_text(text: str) -> None:
    analysis = Analysis(document_from_text(text, "t.md"))
    size = len(analysis.doc.text)
    for check in _MODULES:
        ctx = Context(rules={r.id: r for r in check.rules}, options=dict(check.defaults))
        for finding in check.run(analysis, ctx):
            assert 0 <= finding.span.start <= finding.span.end <= size
            if finding.fix is not None:
                assert 0 <= finding.fix.span.start <= finding.fix.span.end <= size


# ---------------------------------------------------------------- data files


def test_tortured_phrases_data() -> None:
    entries = load_yaml("tortured_phrases.yaml")
    assert len(entries) >= 40
    phrases = [e["phrase"].lower() for e in entries]
    assert len(phrases) == len(set(phrases))
    for entry in entries:
        assert set(entry) <= {"phrase", "expected", "pattern"}
        assert entry["phrase"].strip() and entry["expected"].strip()
        if "pattern" in entry:
            regex.compile(entry["pattern"])


def test_every_tortured_phrase_is_found_in_a_sentence() -> None:
    for entry in load_yaml("tortured_phrases.yaml"):
        if "pattern" in entry:
            continue
        text = f"Researchers used {entry['phrase']} in the study.\n"
        found = rule_findings("FL608", text)
        assert [f.location.col for f in found] == [18], entry["phrase"]
        assert f"spun '{entry['expected']}'" in found[0].message


def test_scrape_leftovers_data() -> None:
    entries = load_yaml("scrape_leftovers.yaml")
    for entry in entries:
        assert set(entry) == {"where", "what", "pattern"}
        assert entry["where"] in {"line", "line-start", "sentence", "credit"}
        regex.compile(entry["pattern"])


# ---------------------------------------------------------------- rule metadata


def _examples() -> list[object]:
    out = []
    for check in _MODULES:
        for meta in check.rules:
            for i, text in enumerate(meta.examples_fail):
                out.append(pytest.param(meta.id, text, True, id=f"{meta.id}-fail-{i}"))
            for i, text in enumerate(meta.examples_pass):
                out.append(pytest.param(meta.id, text, False, id=f"{meta.id}-pass-{i}"))
    return out


@pytest.mark.parametrize(("rule_id", "text", "fails"), _examples())
def test_rule_examples(rule_id: str, text: str, fails: bool) -> None:
    assert bool(rule_findings(rule_id, text)) is fails


def test_rule_metadata_is_complete() -> None:
    metas = [m for check in _MODULES for m in check.rules]
    assert sorted(m.id for m in metas) == sorted(RULE_IDS)
    for meta in metas:
        assert meta.category == "garbled"
        assert meta.summary and meta.rationale
        assert meta.examples_fail and meta.examples_pass
        assert regex.fullmatch(r"[a-z]+(?:-[a-z]+)*", meta.name)
    fixable = {m.id for m in metas if m.fixable}
    assert fixable == {"FL601", "FL603", "FL604", "FL605", "FL607"}


# Characters ftfy's badness heuristic reads, with ASCII and everyday typography.
_MOJIBAKE_ALPHABET = "aeZ .,'\"\n ’“”—–…£€°ñéÃÂâ€™©®œŒ×²³ØÙ√≈‚Äв‚ЂβāВГРС¦¤¨¬¯¸ƒ\x85\x9d"


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=12))
def test_the_kept_badness_pattern_flags_exactly_what_ftfy_flags(text: str) -> None:
    from ftfy.badness import is_bad

    from factlint.checks.mojibake import _badness

    assert bool(_badness().search(text)) == is_bad(text)


def test_the_kept_badness_pattern_agrees_with_ftfy_on_the_corpus() -> None:
    from ftfy.badness import is_bad

    from factlint.checks.mojibake import _badness

    lines = [
        line
        for path in [*sorted(SEEDS.glob("*.txt")), *sorted(NEWS.glob("*"))]
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    lines += ["The fundâ€™s growth.", "cafÃ© au lait", "Ã  la carte"]
    assert len(lines) > 1000
    assert [bool(_badness().search(line)) for line in lines] == [is_bad(line) for line in lines]
