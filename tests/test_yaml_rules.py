"""YAML rule kinds on real sentences, and strict loading with located errors."""

from __future__ import annotations

import itertools
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.errors import RuleLoadError
from factlint.kinds import KINDS, RuleTimeout, base
from factlint.model import Fix, Severity, Span
from factlint.rule import Check
from factlint.yaml_rules import load_rule_dir, load_rule_dirs, load_rule_file, load_rule_text
from tests.helpers import check_findings

# Real sentences: seeds/000 and the news corpus (001, 032, 054, 011).
FUND = (
    "To promote industry-financial cooperation, it jointly established a 60 billion yuan "
    "national AI fund to accelerate investment projects."
)
OMICRON = (
    "Omicron BA.2 has already been detected in 8.7 percent of sequences reported from South "
    "America, and the Director noted that “time and time again, we’ve seen how the infection "
    "dynamics in Europe are mirrored here just a few weeks later,” but we now “know what it "
    "takes to protect our people.”"
)
DELTAPOLL = (
    "The Deltapoll survey reveals that 68 per cent of people believed the most important "
    "priority for Britain was to maintain high standards for food."
)
FORESTS = (
    "Overall, these landscapes, which declined by almost a tenth between 2000 and 2016, "
    "comprise 23 percent of global forests. They can provide more than 30 percent of the "
    "mitigation action needed to keep global temperatures in check."
)
INSPECTOR = (
    "A female police inspector had to seek medical attention on Friday after she was "
    "reportedly assaulted and hit in the head with a stone by another woman."
)


def write_rule(folder: Path, body: str, name: str = "FL901-test-rule.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def load(folder: Path, body: str, name: str = "FL901-test-rule.yaml") -> Check:
    return load_rule_file(write_rule(folder, body, name))


def found(check: Check, text, path: str = "t.md") -> list[tuple[str, int, int]]:
    rule_id = check.rules[0].id
    return [
        (f.rule_id, f.location.line, f.location.col)
        for f in check_findings(check, rule_id, text, path)
    ]


def messages(check: Check, text) -> list[str]:
    return [f.message for f in check_findings(check, check.rules[0].id, text)]


HEDGE = """
    id: FL901
    name: unsourced-hedge
    category: attribution
    kind: pattern
    severity: info
    message: "'{match}' without a source"
    summary: A hedge word that names no source.
    words: [reportedly, allegedly, it is said]
    exceptions: ['reportedly\\s+(?:told|said)']
    examples:
      fail: [It reportedly fell.]
      pass: [It fell.]
"""


# --- pattern -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (INSPECTOR, [("FL901", 1, 81)]),
        # near miss: the same sentence with the hedge removed
        (INSPECTOR.replace("reportedly ", ""), []),
        # an exception at the same position keeps it quiet
        (
            INSPECTOR.replace(
                "was reportedly assaulted", "reportedly told police she was assaulted"
            ),
            [],
        ),
        # words match across a line break, and only as whole words
        ("Police said it is\nsaid that the reportedlyx file was lost.", [("FL901", 1, 13)]),
        ("Police said it issaid nothing.", []),
    ],
)
def test_pattern_words(tmp_path: Path, text: str, expected: list) -> None:
    assert found(load(tmp_path, HEDGE), text) == expected


def test_pattern_regex_named_group_message(tmp_path: Path) -> None:
    check = load(
        tmp_path,
        """
        id: FL901
        name: amount-scale
        category: number
        kind: pattern
        message: "{scale} amount '{match}' ({{check}} it)"
        summary: Amounts in millions or billions.
        pattern: '\\b\\d[\\d,.]*\\s+(?P<scale>million|billion)\\b'
        examples: {fail: [60 billion], pass: [sixty]}
        """,
    )
    assert found(check, FUND) == [("FL901", 1, 69)]
    assert messages(check, FUND) == ["billion amount '60 billion' ({check} it)"]
    assert found(check, FUND.replace("60 billion", "60")) == []


def test_a_regex_anchored_to_sentences_finds_each_sentence_that_holds_its_words(
    tmp_path: Path,
) -> None:
    # Each sentence is matched on its own: "However" opening a sentence, not inside one.
    check = load(
        tmp_path,
        """
        id: FL901
        name: however-opener
        category: style
        kind: pattern
        scope: sentence
        message: "'{match}' opens the sentence"
        summary: Sentences opening with However.
        pattern: '^However\\b'
        examples: {fail: [However it stopped.], pass: [It stopped however.]}
        """,
    )
    text = "It rained. However it stopped, however briefly.\n\nNo.\n\nHowever, no.\n"
    assert found(check, "It rained all day.\n") == []  # the rule's words nowhere: no match
    assert found(check, text) == [("FL901", 1, 12), ("FL901", 5, 1)]
    assert found(check, text.replace("However", "Still")) == []


def test_pattern_ignore_case_and_line_col_after_front_matter(tmp_path: Path) -> None:
    check = load(tmp_path, HEDGE.replace("severity: info", "ignore_case: true"))
    text = f"---\ntitle: Attack\n---\n\nReportedly, it rained.\n\n{INSPECTOR}\n"
    assert found(check, text) == [("FL901", 5, 1), ("FL901", 7, 81)]
    strict = load(tmp_path, HEDGE)
    assert found(strict, text) == [("FL901", 7, 81)]


def test_pattern_ignores_code_and_urls(tmp_path: Path) -> None:
    text = "The `reportedly` flag and https://example.com/reportedly are code.\n"
    assert found(load(tmp_path, HEDGE), text) == []


# --- substitution --------------------------------------------------------------------

SWAP = """
    id: FL901
    name: per-cent-spelling
    category: style
    kind: substitution
    message: "Write '{suggestion}', not '{match}'"
    summary: House style spells 'percent' as one word.
    fix: true
    swap:
      '\\bper\\s+cent\\b': percent
      '\\b(?P<n>\\d+)\\s*pct\\b': '\\g<n> percent'
    examples: {fail: [5 per cent], pass: [5 percent]}
"""


@pytest.mark.parametrize(
    ("text", "expected", "fixes"),
    [
        (DELTAPOLL, [("FL901", 1, 38)], [Fix(Span(37, 45), "percent")]),
        (DELTAPOLL.replace("per cent", "percent"), [], []),
        ("Turnout rose 68 pct on the day.", [("FL901", 1, 14)], [Fix(Span(13, 19), "68 percent")]),
        ("Turnout rose 68 pcts on the day.", [], []),
    ],
)
def test_substitution(tmp_path: Path, text: str, expected: list, fixes: list) -> None:
    check = load(tmp_path, SWAP)
    assert found(check, text) == expected
    assert [f.fix for f in check_findings(check, "FL901", text)] == fixes
    assert check.rules[0].fixable


def test_substitution_message_and_no_fix_by_default(tmp_path: Path) -> None:
    check = load(tmp_path, SWAP.replace("fix: true", "fix: false"))
    assert messages(check, DELTAPOLL) == ["Write 'percent', not 'per cent'"]
    assert [f.fix for f in check_findings(check, "FL901", DELTAPOLL)] == [None]
    assert not check.rules[0].fixable


def test_substitution_match_equal_to_replacement_is_quiet(tmp_path: Path) -> None:
    check = load(
        tmp_path,
        """
        id: FL901
        name: capital-internet
        category: style
        kind: substitution
        message: "'{match}' -> '{suggestion}'"
        summary: Lower-case internet.
        ignore_case: true
        swap: {'\\binternet\\b': internet}
        examples: {fail: [The Internet.], pass: [The internet.]}
        """,
    )
    assert found(check, "The Internet is down.") == [("FL901", 1, 5)]
    assert found(check, "The internet is down.") == []


# --- consistency ---------------------------------------------------------------------

PERCENT = """
    id: FL901
    name: percent-mix
    category: style
    kind: consistency
    scope: {scope}
    message: "'{{match}}' but '{{suggestion}}' elsewhere"
    summary: percent and per cent mixed.
    ignore_case: true
    either:
      - ['\\bpercent\\b', '\\bper\\s+cent\\b']
    examples: {{fail: [1 percent, 2 percent, 3 per cent], pass: [1 percent]}}
"""


def test_consistency_document(tmp_path: Path) -> None:
    check = load(tmp_path, PERCENT.format(scope="document"))
    assert check.scope == "document"
    text = f"{FORESTS}\n\n{DELTAPOLL}\n"
    findings = check_findings(check, "FL901", text)
    assert [(f.location.line, f.location.col) for f in findings] == [(3, 38)]
    assert findings[0].message == "'per cent' but 'percent' elsewhere"
    assert [(r.location.line, r.location.col) for r in findings[0].related] == [(1, 96)]
    # near misses: one form only
    assert found(check, FORESTS) == []
    assert found(check, DELTAPOLL) == []


def test_consistency_tie_reports_the_later_form(tmp_path: Path) -> None:
    check = load(tmp_path, PERCENT.format(scope="document"))
    text = f"{DELTAPOLL}\n\n{OMICRON}\n"
    assert found(check, text) == [("FL901", 3, 47)]


def test_consistency_corpus(tmp_path: Path) -> None:
    check = load(tmp_path, PERCENT.format(scope="corpus"))
    assert check.scope == "corpus" and check.rules[0].scope == "corpus"
    corpus = [("a.md", FORESTS, None), ("b.md", DELTAPOLL, None)]
    findings = check_findings(check, "FL901", corpus)
    assert [(f.path, f.location.line, f.location.col) for f in findings] == [("b.md", 1, 38)]
    assert [(r.location.path, r.location.col) for r in findings[0].related] == [("a.md", 96)]
    assert check_findings(check, "FL901", [("a.md", FORESTS, None), ("c.md", OMICRON, None)]) == []


# --- conditional ---------------------------------------------------------------------

CURRENCY = """
    id: FL901
    name: amount-without-currency
    category: number
    kind: conditional
    scope: {scope}
    message: "Amount '{{match}}' names no currency"
    summary: An amount with no currency.
    if: '\\b\\d[\\d,.]*\\s+(?:million|billion)\\b'
    then: '(?:\\$|€|£|¥|yuan|dollars?|euros?|pounds?|yen)'
    examples: {{fail: [The fund holds 60 billion.], pass: [The fund holds 60 billion yuan.]}}
"""


@pytest.mark.parametrize(
    ("scope", "text", "expected"),
    [
        ("sentence", FUND.replace(" yuan", ""), [("FL901", 1, 69)]),
        ("sentence", FUND, []),
        ("sentence", "The fund holds 60 billion. All of it is in yuan.", [("FL901", 1, 16)]),
        ("paragraph", "The fund holds 60 billion. All of it is in yuan.", []),
        ("paragraph", "The fund holds 60 billion.\n\nAll of it is in yuan.", [("FL901", 1, 16)]),
        ("document", "The fund holds 60 billion.\n\nAll of it is in yuan.", []),
    ],
)
def test_conditional_scopes(tmp_path: Path, scope: str, text: str, expected: list) -> None:
    assert found(load(tmp_path, CURRENCY.format(scope=scope)), text) == expected


def test_conditional_default_scope_is_sentence(tmp_path: Path) -> None:
    check = load(tmp_path, CURRENCY.format(scope="sentence").replace("    scope: sentence\n", ""))
    assert found(check, "The fund holds 60 billion. All of it is in yuan.") == [("FL901", 1, 16)]


# --- skip_quotes ---------------------------------------------------------------------

WE = """
    id: FL901
    name: first-person
    category: style
    kind: pattern
    message: "'{match}' outside a quotation"
    summary: First person in reporting.
    pattern: '\\bwe\\b'
    skip_quotes: SKIP
    examples: {fail: [we said], pass: [they said]}
"""


@pytest.mark.parametrize(
    ("skip", "text", "expected"),
    [
        ("false", OMICRON, [("FL901", 1, 147), ("FL901", 1, 242)]),
        ("true", OMICRON, [("FL901", 1, 242)]),
        ("true", OMICRON.replace("but we now", "but they now"), []),
        # a quote left open runs to the end of its paragraph, not further
        ("true", "“Then we left.\n\nAnd we stayed.", [("FL901", 3, 5)]),
        ("true", 'He said "we won" and we cheered.', [("FL901", 1, 22)]),
        ("true", "The ‘we’ here, and we there.", [("FL901", 1, 20)]),
    ],
)
def test_skip_quotes(tmp_path: Path, skip: str, text: str, expected: list) -> None:
    assert found(load(tmp_path, WE.replace("SKIP", skip)), text) == expected


# --- timeout -------------------------------------------------------------------------


def test_catastrophic_regex_times_out(tmp_path: Path) -> None:
    path = write_rule(
        tmp_path,
        """
        id: FL901
        name: slow
        category: style
        kind: pattern
        message: slow
        summary: A slow regex.
        pattern: '(a+)+$'
        examples: {fail: [a], pass: [b]}
        """,
    )
    check = load_rule_file(path)
    with pytest.raises(RuleTimeout) as info:
        check_findings(check, "FL901", "a" * 20000 + "b", path="long.md", regex_timeout=0.2)
    assert isinstance(info.value, RuleLoadError)
    assert (info.value.path, info.value.line) == (str(path), 7)
    assert info.value.message == "regex '(a+)+$' timed out after 0.2 s on long.md"


def test_a_long_article_has_a_larger_budget() -> None:
    assert base.Budget("r.yaml", "a.md", 0.5, 250_000).limit == 1.25
    assert base.Budget("r.yaml", "a.md", 0.5, 40).limit == 0.5


def test_only_the_matching_calls_count_against_the_budget() -> None:
    rx = base.Rx(regex.compile("a"), "a", 1)
    budget = base.Budget("r.yaml", "a.md", 0.05, 10)
    time.sleep(0.1)  # an extraction the rule waited for, before its first match
    assert [m.start() for m in budget.finditer(rx, "a" * 6)] == [0, 1, 2, 3, 4, 5]
    assert budget.search(rx, "ba") is not None
    assert budget.spent < 0.05


class Starved:
    """A pattern whose process waits for a core: its first `waits` calls sleep through
    their whole timeout (wall time, no CPU) after giving `first` matches, then stop."""

    def __init__(self, source: str, waits: int, first: int = 0) -> None:
        self.pattern = regex.compile(source)
        self.waits = waits
        self.first = first

    def _wait(self, timeout: float) -> None:
        if self.waits:
            self.waits -= 1
            time.sleep(timeout)
            raise TimeoutError("regex timed out")

    def finditer(self, text: str, pos: int = 0, *, timeout: float) -> Iterator[regex.Match[str]]:
        found = self.pattern.finditer(text, pos)
        if self.waits:
            yield from itertools.islice(found, self.first)
            self._wait(timeout)
        yield from found

    def search(self, text: str, *, timeout: float) -> regex.Match[str] | None:
        self._wait(timeout)
        return self.pattern.search(text)


def test_a_call_stopped_while_the_process_waited_for_a_core_runs_again() -> None:
    # On a busy CI runner the wall clock runs on while the process waits: the budget
    # counts CPU time, and a call stopped without using it runs again from its last match.
    text = "a1 b2 c3 d4 e5"
    budget = base.Budget("r.yaml", "a.md", 0.05, len(text))
    rx = base.Rx(Starved(r"\w\d", waits=2, first=2), r"\w\d", 3)  # type: ignore[arg-type]
    assert [m.group() for m in budget.finditer(rx, text)] == ["a1", "b2", "c3", "d4", "e5"]
    rx = base.Rx(Starved(r"c\d", waits=1), r"c\d", 3)  # type: ignore[arg-type]
    match = budget.search(rx, text)
    assert match is not None and match.group() == "c3"
    assert budget.spent < 0.05


def test_a_process_that_never_gets_a_core_still_times_out() -> None:
    rx = base.Rx(Starved("a", waits=100), "a", 3)  # type: ignore[arg-type]
    budget = base.Budget("r.yaml", "a.md", 0.02, 10)
    with pytest.raises(RuleTimeout) as info:
        budget.search(rx, "a")
    assert info.value.line == 3
    assert rx.pattern.waits == 100 - 1 - base.Budget.RETRIES  # type: ignore[attr-defined]


# --- metadata ------------------------------------------------------------------------


def test_rule_meta(tmp_path: Path) -> None:
    path = write_rule(
        tmp_path,
        textwrap.dedent(HEDGE) + "rationale: Hedges need a source.\nlink: https://x.org/r\n",
    )
    (meta,) = load_rule_file(path).rules
    assert meta.id == "FL901" and meta.name == "unsourced-hedge"
    assert meta.category == "attribution" and meta.severity is Severity.INFO
    assert meta.summary == "A hedge word that names no source."
    assert meta.rationale == "Hedges need a source.\n\nSee https://x.org/r"
    assert meta.examples_fail == ("It reportedly fell.",) and meta.examples_pass == ("It fell.",)
    assert (meta.source, meta.source_line, meta.scope) == (str(path), 1, "document")
    assert meta.default_enabled and not meta.fixable


def test_kinds_table() -> None:
    assert sorted(KINDS) == ["conditional", "consistency", "pattern", "substitution"]


# --- strict loading ------------------------------------------------------------------

GOOD = """\
id: FL901
name: test-rule
category: style
kind: pattern
message: "'{match}' is vague"
summary: Vague words.
pattern: '\\breportedly\\b'
examples:
  fail: [It reportedly fell.]
  pass: [It fell.]
"""


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            edit("summary:", "mesage: x\nsummary:"),
            6,
            "unknown key 'mesage' (did you mean 'message'?)",
        ),
        (edit("summary: Vague words.\n", ""), 1, "missing required key 'summary'"),
        (edit("summary:", "? [a, b]\n: x\nsummary:"), 6, "keys must be words, not a list"),
        (edit("summary:", "3: x\nsummary:"), 6, "keys must be words, not '3'"),
        (edit("kind: pattern\n", ""), 1, "missing required key 'kind'"),
        (edit("pattern: '\\breportedly\\b'\n", ""), 1, "needs 'pattern' or 'words'"),
        (
            edit("summary:", "ignore_case: yes please\nsummary:"),
            6,
            "'ignore_case' must be true or false",
        ),
        (edit("summary:", "severity: [error]\nsummary:"), 6, "'severity' must be a string"),
        (GOOD + "severity: fatal\n", 11, "'severity' must be one of error, warning, info"),
        (
            edit("  fail: [It reportedly fell.]", "  fail: It reportedly fell."),
            9,
            "'examples.fail' must be a list",
        ),
        (edit("  pass: [It fell.]", "  pass: []"), 10, "'examples.pass' needs at least 1 item"),
        (edit("  pass: [It fell.]\n", ""), 9, "'examples' needs a 'pass' list"),
        (edit("  pass:", "  skip: [x]\n  pass:"), 10, "unknown key 'skip' in 'examples'"),
        (edit("'\\breportedly\\b'", "'\\b(reportedly'"), 7, "bad regex in 'pattern'"),
        (
            # regex writes counted repeats out when compiling: 2.7 GB before this was refused
            edit("'\\breportedly\\b'", "'(?:a{1000}){10000}'"),
            7,
            "bad regex in 'pattern': its counted repeats write it out to 10,000,000 items "
            "(at most 100,000 more than written)",
        ),
        (
            edit("'\\breportedly\\b'", "'x{99999999999999999999}'"),
            7,
            "its counted repeats write it out to 10,000,000,000 items",
        ),
        (
            GOOD + "exceptions:\n  - 'reportedly said'\n  - '(?<=a+'\n",
            13,
            "bad regex in 'exceptions'",
        ),
        (edit("id: FL901", "id: FL91"), 1, "'id' must look like FL123, not 'FL91'"),
        (edit("id: FL901", "id: fl901"), 1, "'id' must look like FL123"),
        (
            edit("id: FL901", "id: FL902"),
            1,
            "id FL902 does not match the file name FL901-test-rule.yaml",
        ),
        (edit("name: test-rule", "name: Test_Rule"), 2, "'name' must be kebab-case"),
        (edit("category: style", "category: grammar"), 3, "'category' must be one of meta, number"),
        (
            edit("kind: pattern", "kind: existence"),
            4,
            "'kind' must be one of pattern, substitution",
        ),
        (
            edit("summary:", "scope: corpus\nsummary:"),
            6,
            "'scope' must be one of sentence, paragraph, document",
        ),
        (
            edit("'{match}' is vague", "'{suggestion}' is vague"),
            5,
            "unknown message field {suggestion}",
        ),
        (edit("'{match}' is vague", "'{0}' is vague"), 5, "message fields must be names"),
        (edit("'{match}' is vague", "'{match' is vague"), 5, "bad message template"),
        (
            edit("summary: Vague words.", "summary: Vague words.\nsummary: again"),
            7,
            "duplicate key 'summary' (first at line 6)",
        ),
        (edit("summary:", "words: [x]\nsummary:"), 8, "give 'pattern' or 'words', not both"),
        (edit('is vague"', "is vague"), 5, "YAML syntax error"),
        (edit("name: test-rule", "name: test-rule\n  bad: indent"), 3, "YAML syntax error"),
        ("- id: FL901\n", 1, "a rule file must be a mapping"),
        ("", 1, "empty rule file"),
    ],
)
def test_strict_loading(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "FL901-test-rule.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleLoadError) as info:
        load_rule_file(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert words in info.value.message


def test_good_rule_loads(tmp_path: Path) -> None:
    path = tmp_path / "FL901-test-rule.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert found(load_rule_file(path), INSPECTOR) == [("FL901", 1, 81)]


KIND_HEADER = """\
id: FL901
name: test-rule
category: style
message: "'{match}'"
summary: A test.
examples: {fail: [a], pass: [b]}
"""


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            "kind: substitution\nswap: {'\\bper cent\\b': '\\2'}\n",
            8,
            "refers to a missing group '2'",
        ),
        ("kind: substitution\nswap: {'(?P<n>x)': '\\g<m>'}\n", 8, "refers to a missing group 'm'"),
        ("kind: substitution\nswap: []\n", 8, "'swap' must map regexes to replacements"),
        (
            "kind: substitution\nswap:\n  'x': y\n  'x': z\n",
            10,
            "duplicate 'swap' regex (first at line 9)",
        ),
        ("kind: substitution\nfix: true\n", 1, "missing required key 'swap'"),
        ("kind: substitution\nswap: {'x': y}\nfix: 1\n", 9, "'fix' must be true or false"),
        ("kind: substitution\nswap: {'x': y}\nwords: [x]\n", 9, "unknown key 'words'"),
        ("kind: consistency\neither:\n  - ['a', 'b', 'c']\n", 9, "must be a pair [A, B]"),
        ("kind: consistency\neither:\n  - ['a', '[b']\n", 9, "bad regex in 'either'"),
        (
            "kind: consistency\nscope: sentence\neither: [[a, b]]\n",
            8,
            "'scope' must be one of document, corpus",
        ),
        ("kind: conditional\nif: 'x'\n", 1, "missing required key 'then'"),
        ("kind: conditional\nif: 'x'\nthen: '(y'\n", 9, "bad regex in 'then'"),
        (
            "kind: conditional\nif: '(?P<a>x)'\nthen: y\nmessage: '{b}'\n",
            10,
            "duplicate key 'message'",
        ),
    ],
)
def test_strict_loading_per_kind(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = tmp_path / "FL901-test-rule.yaml"
    path.write_text(KIND_HEADER + body, encoding="utf-8")
    with pytest.raises(RuleLoadError) as info:
        load_rule_file(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert words in info.value.message


def test_message_field_from_named_group(tmp_path: Path) -> None:
    text = KIND_HEADER.replace("\"'{match}'\"", "'{amount} lacks {unit}'") + (
        "kind: conditional\nif: '(?P<amount>\\d+ billion)'\nthen: yuan\n"
    )
    with pytest.raises(RuleLoadError) as info:
        load_rule_text(text, "r.yaml")
    assert (info.value.line, info.value.message) == (
        4,
        "unknown message field {unit} (this rule has {amount}, {match})",
    )


def test_duplicate_id_across_folders(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write_rule(first, HEDGE)
    other = write_rule(
        second,
        "# the same id again\n"
        + textwrap.dedent(HEDGE).lstrip().replace("unsourced-hedge", "other"),
    )
    assert len(load_rule_dirs([first])) == 1
    with pytest.raises(RuleLoadError) as info:
        load_rule_dirs([first, second])
    assert (info.value.path, info.value.line) == (str(other), 2)
    assert "duplicate rule id FL901" in info.value.message


def test_load_rule_dir_order_and_files(tmp_path: Path) -> None:
    write_rule(
        tmp_path, HEDGE.replace("FL901", "FL903").replace("unsourced-hedge", "c"), "FL903-c.yml"
    )
    write_rule(
        tmp_path, HEDGE.replace("FL901", "FL902").replace("unsourced-hedge", "b"), "FL902-b.yaml"
    )
    (tmp_path / "notes.txt").write_text("not a rule")
    (tmp_path / "ledger").mkdir()
    write_rule(tmp_path / "ledger", "facts: []\n", "facts.yaml")
    assert [c.ids for c in load_rule_dir(tmp_path)] == [("FL902",), ("FL903",)]
    with pytest.raises(RuleLoadError) as info:
        load_rule_dir(tmp_path / "missing")
    assert info.value.path == str(tmp_path / "missing")


# --- robustness ----------------------------------------------------------------------


ROBUST = [
    load_rule_text(textwrap.dedent(body), f"{kind}.yaml")
    for kind, body in (
        ("pattern", WE.replace("SKIP", "true")),
        ("substitution", SWAP),
        ("consistency", PERCENT.format(scope="document")),
        ("conditional", CURRENCY.format(scope="paragraph")),
    )
]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab “”"‘’.\n 5per cent%$')), max_size=200))
def test_any_text_gives_spans_in_bounds(text: str) -> None:
    for check in ROBUST:
        for f in check_findings(check, "FL901", text):
            assert 0 <= f.span.start < f.span.end <= len(text)


@pytest.mark.parametrize(
    ("source", "size"),
    [
        ("abc", 3),
        ("a{3}", 3),
        ("(?:ab){3}c", 7),
        ("(?P<x>ab){3}", 6),
        ("(?i:ab){2}", 4),
        (r"\d{1,3}-\p{L}{5}", 9),
        ("[a-z]{10}", 10),
        ("[]{]{4}", 4),  # a "]" first in a class is itself
        (r"\{5}", 3),  # an escaped brace counts nothing
        ("a{2,}", 2),
        ("(?:(?:(?:a{100}){100}){100})", 1_000_000),
    ],
)
def test_expanded_size_writes_out_counted_repeats(source: str, size: int) -> None:
    assert base.expanded_size(source) == size


def test_a_long_list_of_words_is_no_repeat(tmp_path: Path) -> None:
    words = [f"word{n}" for n in range(20_000)]  # 150,000 characters as written
    check = load(
        tmp_path,
        f"""
        id: FL901
        name: test-rule
        category: style
        kind: pattern
        message: "'{{match}}' is listed"
        summary: Listed words.
        rationale: Listed.
        words: [{", ".join(words)}]
        examples:
          fail: [It said word19999.]
          pass: [It said nothing.]
        """,
    )
    assert found(check, "Then word12345 came.") == [("FL901", 1, 6)]
