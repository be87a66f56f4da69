"""Output formats: exact text for concise/github, the JSON contract, SARIF schema validity."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from urllib.parse import unquote

import jsonschema
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import looks_like_report
from factlint.fingerprint import fingerprint
from factlint.model import (
    FileError,
    Finding,
    Fix,
    Location,
    Related,
    RuleMeta,
    RunResult,
    Severity,
    Span,
)
from factlint.reporters import FORMATS, get
from factlint.reporters._common import fix_location, one_line, summary_line
from factlint.reporters.full import _piece, snippet
from factlint.reporters.github import escape_data, escape_property
from factlint.reporters.sarif import artifact_location
from tests.helpers import rule_findings
from tests.paths import CORPUS, ROOT
from tests.paths import SARIF_SCHEMA as SCHEMA_PATH

ANSI = regex.compile(r"\x1b\[")

TEXT = (
    "---\ntitle: Budget\n---\n"
    "The economy grew to 4.2 bn in the second quarter, the office said.\n"
    'It said "growth\nwas strong".\n'
)
PATH = "articles/budget.md"

RULES = {
    "FL101": RuleMeta(
        id="FL101",
        name="number-mismatch",
        category="ledger",
        severity=Severity.ERROR,
        summary="Number disagrees with the ledger",
        rationale="The ledger holds curated, sourced values.",
        examples_fail=("GDP was 4.2 bn.",),
        examples_pass=("GDP was 4.7 bn.",),
    ),
    "FL301": RuleMeta(
        id="FL301",
        name="unclosed-quote",
        category="quote",
        severity=Severity.WARNING,
        summary="A quotation is not closed on its line",
    ),
    "FL900": RuleMeta(
        id="FL900",
        name="vague-source",
        category="attribution",
        severity=Severity.INFO,
        summary="Attribution names no source",
    ),
}


def _span(needle: str, length: int | None = None) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + (len(needle) if length is None else length))


MISMATCH = Finding(
    rule_id="FL101",
    rule_name="number-mismatch",
    category="ledger",
    severity=Severity.ERROR,
    message="Article says 4.2 bn; ledger gdp-2025-q2 says 4.7 bn",
    location=Location(PATH, 4, 21, 4, 27),
    span=_span("4.2 bn"),
    related=(Related(Location("ledger/facts.yaml", 3, 5, 3, 11), "ledger gdp-2025-q2: 4.7 bn"),),
    fix=Fix(_span("4.2 bn"), "4.7 bn"),
    key="gdp-2025-q2",
)
UNCLOSED = Finding(
    rule_id="FL301",
    rule_name="unclosed-quote",
    category="quote",
    severity=Severity.WARNING,
    message="Quote opened here closes on a later line",
    location=Location(PATH, 5, 9, 6, 12),
    span=Span(TEXT.index('"growth'), TEXT.index('strong"') + 7),
)
RESULT = RunResult(
    findings=[MISMATCH, UNCLOSED],
    errors=[FileError("articles/bad.md", "cannot decode as UTF-8"), FileError("x.yaml", "bad", 3)],
    files=3,
)


def render(fmt: str, result: RunResult = RESULT, sources: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    get(fmt)(result, RULES, out, sources={PATH: TEXT} if sources is None else sources)
    return out.getvalue()


def finding(
    message: str = "m",
    path: str = "a.md",
    severity: Severity = Severity.ERROR,
    line: int = 1,
    end_line: int = 1,
    related: tuple[Related, ...] = (),
) -> Finding:
    rule = {Severity.ERROR: "FL101", Severity.WARNING: "FL301", Severity.INFO: "FL900"}[severity]
    return Finding(
        rule_id=rule,
        rule_name=RULES[rule].name,
        category=RULES[rule].category,
        severity=severity,
        message=message,
        location=Location(path, line, 2, end_line, 5),
        span=Span(1, 4),
        related=related,
    )


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    # The schema names itself by id and only uses local "#/definitions/..." references.
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


# --- the registry -------------------------------------------------------------------------


def test_every_format_resolves_to_a_render_function() -> None:
    assert FORMATS[:5] == ("full", "concise", "json", "sarif", "github")
    for name in FORMATS:
        assert callable(get(name))


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(
        ValueError,
        match=r"unknown output format 'xml' \(choose from full, concise, json, sarif, github",
    ):
        get("xml")


def test_rich_is_not_imported_unless_full_output_is_chosen() -> None:
    code = (
        "import sys, factlint.reporters as r\n"
        "for name in ('concise', 'json', 'sarif', 'github'): r.get(name)\n"
        "print('rich' in sys.modules)\n"
        "r.get('full')\n"
        "print('rich' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="."
    )
    assert out.stdout.split() == ["False", "False"]


# --- concise ------------------------------------------------------------------------------


def test_concise_exact_lines() -> None:
    assert render("concise").splitlines() == [
        "articles/budget.md:4:21: FL101 [number-mismatch] "
        "Article says 4.2 bn; ledger gdp-2025-q2 says 4.7 bn",
        "    ledger/facts.yaml:3:5: ledger gdp-2025-q2: 4.7 bn",
        "articles/budget.md:5:9: FL301 [unclosed-quote] Quote opened here closes on a later line",
        "articles/bad.md: error: cannot decode as UTF-8",
        "x.yaml:3: error: bad",
        "Found 2 findings (1 error, 1 warning, 0 info) in 3 files. 2 file errors.",
    ]


@pytest.mark.parametrize(
    ("result", "last"),
    [
        (RunResult(files=2), "All checked: 2 files, no findings."),
        (RunResult(files=1), "All checked: 1 file, no findings."),
        (
            RunResult(findings=[finding(severity=Severity.INFO)], files=1),
            "Found 1 finding (0 errors, 0 warnings, 1 info) in 1 file.",
        ),
        (
            RunResult(errors=[FileError("a.md", "unreadable")], files=1),
            "All checked: 1 file, no findings. 1 file error.",
        ),
    ],
)
def test_concise_summary_line(result: RunResult, last: str) -> None:
    assert summary_line(result) == last
    assert render("concise", result).splitlines()[-1] == last


def test_concise_keeps_one_line_per_finding_whatever_the_message() -> None:
    result = RunResult(findings=[finding("two\nlines\r and \x1b[31mred\u2028")], files=1)
    assert render("concise", result).splitlines()[0] == (
        "a.md:1:2: FL101 [number-mismatch] two\\nlines\\r and \\x1b[31mred\\u2028"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [("tab\tstays", "tab\tstays"), ("a\nb", "a\\nb"), ("\x00\x7f\x85", "\\x00\\x7f\\x85")],
)
def test_one_line(text: str, shown: str) -> None:
    assert one_line(text) == shown


# --- json ---------------------------------------------------------------------------------

FINDING_KEYS = {
    "rule": str,
    "name": str,
    "category": str,
    "severity": str,
    "path": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "message": str,
    "related": list,
    "fingerprint": str,
    "suggestion": (dict, type(None)),
}


def test_json_follows_the_contract_exactly() -> None:
    out = render("json")
    assert out.endswith("}\n")
    doc = json.loads(out)
    assert list(doc) == ["version", "findings", "summary", "errors"]
    assert doc["version"] == "1"
    for item in doc["findings"]:
        assert list(item) == list(FINDING_KEYS)
        for key, kind in FINDING_KEYS.items():
            assert isinstance(item[key], kind), key
        assert item["line"] >= 1 and item["column"] >= 1
        for rel in item["related"]:
            assert list(rel) == ["path", "line", "column", "message"]
    assert doc["summary"] == {
        "files": 3,
        "findings": 2,
        "by_severity": {"error": 1, "warning": 1, "info": 0},
    }
    assert doc["errors"] == [
        {"path": "articles/bad.md", "line": None, "message": "cannot decode as UTF-8"},
        {"path": "x.yaml", "line": 3, "message": "bad"},
    ]


def test_json_values_of_one_finding() -> None:
    first, second = json.loads(render("json"))["findings"]
    assert first == {
        "rule": "FL101",
        "name": "number-mismatch",
        "category": "ledger",
        "severity": "error",
        "path": "articles/budget.md",
        "line": 4,
        "column": 21,
        "end_line": 4,
        "end_column": 27,
        "message": "Article says 4.2 bn; ledger gdp-2025-q2 says 4.7 bn",
        "related": [
            {
                "path": "ledger/facts.yaml",
                "line": 3,
                "column": 5,
                "message": "ledger gdp-2025-q2: 4.7 bn",
            }
        ],
        "fingerprint": fingerprint(MISMATCH),
        "suggestion": {
            "replacement": "4.7 bn",
            "line": 4,
            "column": 21,
            "end_line": 4,
            "end_column": 27,
        },
    }
    assert second["suggestion"] is None
    assert (second["line"], second["end_line"]) == (5, 6)


def test_json_keeps_non_ascii_text_readable() -> None:
    result = RunResult(findings=[finding("Zürich « 5 % »")], files=1)
    assert '"message": "Zürich « 5 % »"' in render("json", result)


# --- fix positions ------------------------------------------------------------------------

_BN = _span("4.2 bn")
_BN_LOC = Location(PATH, 4, 21, 4, 27)


_CRLF = TEXT.replace("\n", "\r\n")


def _crlf_span(needle: str) -> Span:
    start = _CRLF.index(needle)
    return Span(start, start + len(needle))


@pytest.mark.parametrize(
    ("span", "fix", "sources", "expected"),
    [
        # Same span as the finding: the finding's own location.
        (_BN, Span(_BN.start, _BN.end), None, _BN_LOC),
        # Inside a one-line finding: shifted columns, no text needed.
        (_BN, Span(_BN.start + 4, _BN.end), None, Location(PATH, 4, 25, 4, 27)),
        # Outside the finding: placed through the source text...
        (_BN, _span("second"), {PATH: TEXT}, Location(PATH, 4, 35, 4, 41)),
        # ...but not without it,
        (_BN, _span("second"), None, None),
        # CRLF and lone CR end lines, as in the document reader.
        (_crlf_span("4.2 bn"), _crlf_span("second"), {PATH: _CRLF}, Location(PATH, 4, 35, 4, 41)),
        (
            Span(_BN.start, _BN.end),
            _span("second"),
            {PATH: TEXT.replace("\n", "\r")},
            Location(PATH, 4, 35, 4, 41),
        ),
        # ...nor with a text that does not reproduce the finding's own location.
        (_BN, _span("second"), {PATH: "\ufeff" + TEXT}, None),
    ],
)
def test_fix_location(
    span: Span, fix: Span, sources: dict[str, str] | None, expected: Location | None
) -> None:
    f = Finding("FL101", "n", "ledger", Severity.ERROR, "m", _BN_LOC, span, fix=Fix(fix, "x"))
    assert fix_location(f, sources) == expected


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_validates_and_carries_the_evidence(
    sarif_validator: jsonschema.protocols.Validator,
) -> None:
    doc = json.loads(render("sarif"))
    sarif_validator.validate(doc)
    jsonschema.Draft4Validator(sarif_validator.schema).validate(doc)  # the schema's own draft
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factlint", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == ["FL101", "FL301", "FL900"]
    fl101 = driver["rules"][0]
    assert fl101["shortDescription"] == {"text": "Number disagrees with the ledger"}
    assert fl101["fullDescription"] == {"text": "The ledger holds curated, sourced values."}
    assert fl101["help"]["text"].startswith("Number disagrees with the ledger\n\nThe ledger")
    assert "Flagged:\n  GDP was 4.2 bn." in fl101["help"]["text"]
    assert fl101["defaultConfiguration"] == {"level": "error"}
    assert fl101["properties"]["category"] == "ledger"
    assert fl101["properties"]["precision"] == "high"
    # No rationale: the full description repeats the summary; info maps to "note".
    assert driver["rules"][2]["fullDescription"] == {"text": "Attribution names no source"}
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}

    first, second = run["results"]
    assert (first["ruleId"], first["ruleIndex"], first["level"]) == ("FL101", 0, "error")
    assert (second["ruleId"], second["ruleIndex"], second["level"]) == ("FL301", 1, "warning")
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "articles/budget.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 21, "endLine": 4, "endColumn": 27},
    }
    assert first["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "ledger/facts.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11},
            },
            "message": {"text": "ledger gdp-2025-q2: 4.7 bn"},
        }
    ]
    assert first["partialFingerprints"] == {"factlint/v1": fingerprint(MISMATCH)}
    (change,) = first["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 4, "startColumn": 21, "endLine": 4, "endColumn": 27},
            "insertedContent": {"text": "4.7 bn"},
        }
    ]
    assert "relatedLocations" not in second and "fixes" not in second

    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "cannot decode as UTF-8",
        "bad",
    ]
    assert invocation["toolExecutionNotifications"][1]["locations"][0]["physicalLocation"][
        "region"
    ] == {"startLine": 3}


def test_sarif_repeated_findings_get_distinct_fingerprints(
    sarif_validator: jsonschema.protocols.Validator,
) -> None:
    # The same misspelling twice in one article: same rule, file and word, so the same
    # claim fingerprint; GitHub would merge the two results if SARIF gave them one.
    text = "The minister said teh plan was ready.\n\nLater teh minister left.\n"
    found = rule_findings("FL607", text, "a.md")
    assert [(f.location.line, f.location.col) for f in found] == [(1, 19), (3, 7)]
    assert fingerprint(found[0]) == fingerprint(found[1])
    doc = json.loads(render("sarif", RunResult(files=1, findings=found)))
    sarif_validator.validate(doc)
    prints = [r["partialFingerprints"]["factlint/v1"] for r in doc["runs"][0]["results"]]
    assert prints[0] == fingerprint(found[0])
    assert prints[1] != prints[0]
    # Stable: the same findings give the same fingerprints again.
    again = json.loads(render("sarif", RunResult(files=1, findings=found)))
    assert [r["partialFingerprints"]["factlint/v1"] for r in again["runs"][0]["results"]] == prints


def test_sarif_clean_run(sarif_validator: jsonschema.protocols.Validator) -> None:
    doc = json.loads(render("sarif", RunResult(files=4)))
    sarif_validator.validate(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_adds_a_rule_for_a_finding_whose_rule_was_not_passed(
    sarif_validator: jsonschema.protocols.Validator,
) -> None:
    stray = Finding("FL777", "stray", "style", Severity.INFO, "m", _BN_LOC, _BN)
    doc = json.loads(render("sarif", RunResult(findings=[stray], files=1)))
    sarif_validator.validate(doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    index = doc["runs"][0]["results"][0]["ruleIndex"]
    assert (rules[index]["id"], rules[index]["name"]) == ("FL777", "stray")


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("articles/budget.md", {"uri": "articles/budget.md", "uriBaseId": "%SRCROOT%"}),
        ("my dir/a%b.md", {"uri": "my%20dir/a%25b.md", "uriBaseId": "%SRCROOT%"}),
        ("a:b.md", {"uri": "a%3Ab.md", "uriBaseId": "%SRCROOT%"}),
        ("news\\é.md", {"uri": "news/%C3%A9.md", "uriBaseId": "%SRCROOT%"}),
        ("/srv/news/a.md", {"uri": "file:///srv/news/a.md"}),
        ("C:\\news\\a b.md", {"uri": "file:///C:/news/a%20b.md"}),
    ],
)
def test_sarif_artifact_location(path: str, location: dict[str, str]) -> None:
    assert artifact_location(path) == location


# --- github -------------------------------------------------------------------------------


def test_github_annotations_exact() -> None:
    assert render("github").splitlines() == [
        "::error file=articles/budget.md,line=4,endLine=4,col=21,endColumn=27,"
        "title=FL101 number-mismatch::Article says 4.2 bn; ledger gdp-2025-q2 says 4.7 bn"
        "%0Aledger/facts.yaml:3:5: ledger gdp-2025-q2: 4.7 bn",
        # A span over two lines: no col/endColumn.
        "::warning file=articles/budget.md,line=5,endLine=6,"
        "title=FL301 unclosed-quote::Quote opened here closes on a later line",
        "::error file=articles/bad.md::cannot decode as UTF-8",
        "::error file=x.yaml,line=3::bad",
    ]


def test_github_escapes_properties_and_message() -> None:
    weird = Finding(
        rule_id="FL900",
        rule_name="a:b,c",
        category="attribution",
        severity=Severity.INFO,
        message="Up 5%,\r\nsaid: x",
        location=Location("dir,1/a:b%.md", 2, 3, 2, 9),
        span=Span(0, 6),
    )
    assert render("github", RunResult(findings=[weird], files=1)) == (
        "::notice file=dir%2C1/a%3Ab%25.md,line=2,endLine=2,col=3,endColumn=9,"
        "title=FL900 a%3Ab%2Cc::Up 5%25,%0D%0Asaid: x\n"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50%", "50%25", "50%25"),
        ("a\rb\nc", "a%0Db%0Ac", "a%0Db%0Ac"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_caps_annotations_per_level() -> None:
    errors = [finding(f"e{i}", f"e{i:02}.md") for i in range(12)]
    warnings = [finding(f"w{i}", "w.md", Severity.WARNING) for i in range(3)]
    infos = [finding(f"i{i}", f"i{i:02}.md", Severity.INFO) for i in range(10)]
    result = RunResult(findings=errors + warnings + infos, files=25)
    lines = render("github", result).splitlines()
    levels = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    # 10 errors, all 3 warnings, 9 notices: one notice slot is kept for the summary notice.
    assert levels.count("::error") == 10
    assert levels.count("::warning") == 3
    assert levels.count("::notice") == 9 + 1
    assert lines[22] == (
        "::notice title=factlint::3 more findings not shown as annotations"
        " (see the job log or SARIF)"
    )
    assert lines[23:] == [
        "e10.md:1:2: FL101 [number-mismatch] e10",
        "e11.md:1:2: FL101 [number-mismatch] e11",
        "i09.md:1:2: FL900 [vague-source] i9",
    ]


def test_github_no_summary_notice_within_the_limits() -> None:
    infos = [finding(f"i{i}", "i.md", Severity.INFO) for i in range(10)]
    lines = render("github", RunResult(findings=infos, files=1)).splitlines()
    assert len(lines) == 10
    assert all(line.startswith("::notice file=i.md,") for line in lines)


def test_github_overflow_lines_cannot_be_read_as_commands() -> None:
    errors = [finding(f"e{i}", "::warning x") for i in range(11)]
    lines = render("github", RunResult(findings=errors, files=1)).splitlines()
    assert lines[11].startswith("::stop-commands::factlint-")
    token = lines[11].removeprefix("::stop-commands::")
    assert lines[12] == "::warning x:1:2: FL101 [number-mismatch] e10"
    assert lines[13] == f"::{token}::"


# --- full ---------------------------------------------------------------------------------


def test_full_output_shows_source_and_carets_without_colour() -> None:
    out = render("full")
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "articles/budget.md"
    assert lines[1] == (
        "  4:21  ERROR    FL101 number-mismatch  "
        "Article says 4.2 bn; ledger gdp-2025-q2 says 4.7 bn"
    )
    assert lines[2] == "    4 │ The economy grew to 4.2 bn in the second quarter, the office said."
    assert lines[3] == "      │                     ^^^^^^"
    assert lines[4] == "      ↳ ledger/facts.yaml:3:5 ledger gdp-2025-q2: 4.7 bn"
    assert lines[5] == '      suggestion: "4.2 bn" → "4.7 bn"'
    # The quote runs on to line 6: its first line is marked to the end.
    assert lines[7] == '    5 │ It said "growth'
    assert lines[8] == "      │         ^^^^^^^"
    assert "  articles/bad.md: error: cannot decode as UTF-8" in lines
    assert "  x.yaml:3: error: bad" in lines
    assert lines[-1] == "Found 2 findings (1 error, 1 warning, 0 info) in 3 files. 2 file errors."
    table = [line.split() for line in lines if line.startswith("FL")]
    assert table == [["FL101", "number-mismatch", "1"], ["FL301", "unclosed-quote", "1"]]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_full_reads_source_lines_with_any_line_ending(newline: str) -> None:
    out = render("full", sources={PATH: TEXT.replace("\n", newline)})
    assert "    4 │ The economy grew to 4.2 bn in the second quarter, the office said.\n" in out
    assert '    5 │ It said "growth\n' in out


def test_full_without_sources_still_lists_findings() -> None:
    out = render("full", sources={})
    assert "│" not in out
    assert 'suggestion: replace with "4.7 bn"' in out


def test_full_does_not_pass_markup_or_escapes_through() -> None:
    result = RunResult(findings=[finding("[bold]x[/bold] :smile: \x1b[31m")], files=1)
    out = render("full", result)
    assert "[bold]x[/bold] :smile: \\x1b[31m" in out
    assert not ANSI.search(out)


def test_full_clean_run() -> None:
    assert render("full", RunResult(files=2)) == "All checked: 2 files, no findings.\n"


@pytest.mark.parametrize(
    ("line", "col", "end_col", "width", "shown", "carets"),
    [
        ("says 4.2 bn here", 6, 12, 80, "says 4.2 bn here", "     ^^^^^^"),
        # Empty span: one caret where it is.
        ("abc", 2, 2, 80, "abc", " ^"),
        # Span at the end of the line (e.g. a missing full stop).
        ("abc", 4, 4, 80, "abc", "   ^"),
        # To the end of the line (the span goes on to later lines).
        ("say “no", 5, None, 80, "say “no", "    ^^^"),
        # Wide characters take two cells, so two carets each.
        ("数字是42", 1, 3, 80, "数字是42", "^^^^"),
        ("数字是42", 4, 6, 80, "数字是42", "      ^^"),
        # Tabs and control characters are drawn, and the carets follow.
        ("\tx", 2, 3, 80, "    x", "    ^"),
        ("a\x1bb", 3, 4, 80, "a\\x1bb", "     ^"),
        # A long paragraph is cut around the span.
        (
            "x" * 50 + "TARGET" + "y" * 50,
            51,
            57,
            30,
            "…" + "x" * 10 + "TARGET" + "y" * 12 + "…",
            " " * 11 + "^" * 6,
        ),
        # Near the end, the window fills leftwards.
        ("x" * 100 + "END", 101, 104, 20, "…" + "x" * 16 + "END", " " * 17 + "^^^"),
        # Near the start, no left cut.
        ("AB" + "y" * 100, 1, 3, 20, "AB" + "y" * 17 + "…", "^^"),
    ],
)
def test_snippet(
    line: str, col: int, end_col: int | None, width: int, shown: str, carets: str
) -> None:
    assert snippet(line, col, end_col, width) == (shown, carets)


# --- any text -----------------------------------------------------------------------------

TRICKY = st.text(
    alphabet=st.one_of(st.sampled_from("\r\n%:,=\x1b\x00\u2028 é数"), st.characters()),
    max_size=30,
)


def _unescape_property(text: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def _unescape_data(text: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the Actions runner does."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, props = line[2:end].partition(" ")
    pairs = (item.split("=", 1) for item in props.split(",") if item)
    return name, {k: _unescape_property(v) for k, v in pairs}, _unescape_data(line[end + 2 :])


@settings(max_examples=200, derandomize=True, deadline=None)
@given(message=TRICKY, path=TRICKY, related=TRICKY)
def test_any_text_survives_json_and_github(message: str, path: str, related: str) -> None:
    rel = (Related(Location(path, 3, 1, 3, 2), related),)
    result = RunResult(
        findings=[finding(message, path, related=rel), finding(message, path, Severity.INFO)],
        files=1,
    )
    doc = json.loads(render("json", result))
    assert [f["message"] for f in doc["findings"]] == [message, message]
    assert [f["path"] for f in doc["findings"]] == [path, path]
    assert doc["findings"][0]["related"][0]["message"] == related

    out = render("github", result)
    assert out.endswith("\n") and "\r" not in out
    lines = out[:-1].split("\n")
    assert len(lines) == 2
    first, second = (_parse_command(line) for line in lines)
    assert first[0] == "error" and second[0] == "notice"
    assert first[1]["file"] == path
    assert first[1]["title"] == "FL101 number-mismatch"
    assert first[2] == f"{message}\n{path}:3:1: {related}"
    assert second[2] == message

    concise = render("concise", result)
    assert len(concise.splitlines()) == 4  # two findings, one related line, the summary


_URI = regex.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")


@settings(max_examples=50, derandomize=True, deadline=None)
@given(message=TRICKY, path=TRICKY)
def test_any_text_gives_valid_sarif(
    sarif_validator: jsonschema.protocols.Validator, message: str, path: str
) -> None:
    result = RunResult(
        findings=[finding(message, path, related=(Related(Location(path, 1, 1, 1, 1), message),))],
        errors=[FileError(path, message, 2)],
        files=1,
    )
    doc = json.loads(render("sarif", result))
    sarif_validator.validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["message"]["text"] == message
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert _URI.fullmatch(uri)
    if "uriBaseId" in artifact_location(path):
        assert unquote(uri) == path.replace("\\", "/")


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    line=TRICKY.filter(lambda s: "\n" not in s),
    col=st.integers(1, 40),
    length=st.one_of(st.none(), st.integers(0, 40)),
    width=st.integers(20, 60),
)
def test_snippet_fits_and_marks_inside_the_shown_text(
    line: str, col: int, length: int | None, width: int
) -> None:
    from rich.cells import cell_len

    shown, carets = snippet(line, col, None if length is None else col + length, width)
    whole = "".join(_piece(ch) for ch in line)
    assert shown == whole if cell_len(whole) <= width else cell_len(shown) <= width
    assert carets.strip(" ") == "^" * len(carets.strip(" "))
    assert len(carets) <= cell_len(shown) + 1


@settings(max_examples=100, derandomize=True, deadline=None)
@given(message=TRICKY, source=TRICKY)
def test_full_renders_any_text_without_escape_codes(message: str, source: str) -> None:
    f = finding(message, PATH, line=1, end_line=2)
    out = render("full", RunResult(findings=[f], files=1), sources={PATH: source})
    assert "\x1b" not in out
    assert out.endswith("Found 1 finding (1 error, 0 warnings, 0 info) in 1 file.\n")


# --- a report is not an article ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["concise", "full", "github"])
@pytest.mark.parametrize("result", [RESULT, RunResult(files=2)], ids=["findings", "none"])
def test_a_text_report_is_known_as_one(fmt: str, result: RunResult) -> None:
    text = render(fmt, result)
    assert looks_like_report(text.encode()) == bool(text.strip())


def test_no_real_article_looks_like_a_report() -> None:
    articles = [*CORPUS.glob("*.md"), *(ROOT / "seeds").glob("*.txt")]
    assert len(articles) >= 70
    assert [a.name for a in articles if looks_like_report(a.read_bytes())] == []
    for start in [
        b"Found 3 findings of fossils in the cave.",
        b"All checked: the doors were locked.",
        b"See the appendix, page 3:14: FL601 is the form.",
    ]:
        assert not looks_like_report(start)
