"""The HTML report: marked text, side-by-side evidence, summaries, filters, escaping.

The browser tests open the report in headless Chromium (Debian's `chromium` driven by the
`playwright` package); they skip, saying why, when either is missing.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factlint import engine
from factlint.cli import load_setup, main
from factlint.directives import RULES as META_RULES
from factlint.document import decode
from factlint.model import Finding, Location, Related, RunResult, Severity, Span
from factlint.reporters.html import page
from tests.pr_repo import BUDGET_RULE, CONFIG, FNORD_RULE, write

ARTICLES = {
    "articles/a.md": "---\ntitle: Budget\n---\n# Budget\n\nThe city budget was 5 million dollars.\n"
    "A fnord remark.\n",
    "articles/b.md": "# Schools\n\nThe city budget was 6 million, aides said. Some fnord.\n",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {"fnord.py": FNORD_RULE, "budget.py": BUDGET_RULE, "factlint.yaml": CONFIG})
    write(tmp_path, ARTICLES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_report() -> tuple[RunResult, str]:
    """A real run over the articles, and its HTML report with the articles' text."""
    config, checks, ledger = load_setup(None)
    result = engine.run(["articles"], config, checks, ledger=ledger)
    rules = {m.id: m for m in (*META_RULES, *(m for c in checks for m in c.rules))}
    paths = {f.path for f in result.findings}
    paths |= {r.location.path for f in result.findings for r in f.related}
    sources = {p: decode(Path(p).read_bytes())[0] for p in paths}
    return result, page(result, rules, sources)


class Tags(HTMLParser):
    """Every start tag with its attributes, and whether tags nest properly."""

    VOID = frozenset({"meta", "br", "input", "link", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.bad.append(tag)
        else:
            self.stack.pop()

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert tags.bad == [] and tags.stack == [], (tags.bad, tags.stack)
    return tags


def finding(
    message: str,
    span: Span,
    line: int,
    col: int,
    end_col: int,
    path: str = "a.md",
    severity: Severity = Severity.WARNING,
    related: tuple[Related, ...] = (),
) -> Finding:
    return Finding(
        rule_id="FL790",
        rule_name="no-fnord",
        category="style",
        severity=severity,
        message=message,
        location=Location(path, line, col, line, end_col),
        span=span,
        related=related,
    )


# --- structure, without a browser --------------------------------------------------------


def test_every_finding_is_marked_and_explained(project: Path) -> None:
    result, html = run_report()
    assert [(f.path, f.rule_id, f.location.line) for f in result.findings] == [
        ("articles/a.md", "FL790", 7),
        ("articles/b.md", "FL791", 3),
        ("articles/b.md", "FL790", 3),
    ]
    tags = parse(html)
    for i, f in enumerate(result.findings, start=1):
        (mark,) = tags.find("mark", id=f"f{i}")
        assert mark["data-rule"] == f.rule_id
        assert mark["data-severity"] == str(f.severity)
        assert mark["data-category"] == f.category
        assert len(tags.find("div", data_finding=f"f{i}", data_severity=str(f.severity))) >= 1
    assert '<mark id="f1" class="finding sev-warning"' in html
    assert ">fnord</mark> remark." in html


def test_cross_article_finding_shows_both_passages_side_by_side(project: Path) -> None:
    _, html = run_report()
    pair = html[html.index('<div class="pair"') :]
    pair = pair[: pair.index("</div>")]
    assert '<span class="where">articles/b.md:3</span>' in pair
    assert '<span class="where">articles/a.md:6</span> 5 million here' in pair
    assert '<mark class="evidence">The city budget was 6 million</mark>' in pair
    assert '<mark class="evidence">The city budget was 5 million</mark> dollars.' in pair


def test_summary_tables_count_by_rule_and_article(project: Path) -> None:
    _, html = run_report()
    by_rule = html[html.index('id="by-rule"') : html.index('id="by-article"')]
    assert "<td>FL790</td><td>no-fnord</td><td>style</td>" in by_rule
    assert '<td class="num">2</td></tr>' in by_rule
    by_article = html[html.index('id="by-article"') :]
    assert (
        '<a href="#article-2">articles/b.md</a></td><td class="num">1</td>'
        '<td class="num">1</td><td class="num">0</td><td class="num">2</td>'
    ) in by_article


def test_filters_list_the_severities_and_categories_found(project: Path) -> None:
    _, html = run_report()
    tags = parse(html)
    boxes = [(a["data-filter"], a["value"]) for a in tags.find("input")]
    assert boxes == [
        ("severity", "error"),
        ("severity", "warning"),
        ("severity", "info"),
        ("category", "number"),
        ("category", "style"),
    ]


def test_the_page_loads_nothing_from_elsewhere(project: Path) -> None:
    _, html = run_report()
    tags = parse(html)
    assert not [a for _, a in tags.tags if "src" in a]
    assert all(a["href"].startswith("#") for a in tags.find("a") if a.get("href"))
    assert "default-src 'none'" in html


def test_everything_is_escaped() -> None:
    text = 'Say <b>"fnord"</b> & <script>alert(1)</script>\n'
    evil = finding("<img src=x onerror=alert(1)> & co", Span(4, 7), 1, 5, 8, path='"<x>&.md')
    html = page(RunResult(findings=[evil], files=1), {}, {'"<x>&.md': text})
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in html
    assert "&quot;&lt;x&gt;&amp;.md" in html
    assert '<mark id="f1" class="finding sev-warning"' in html
    assert "Say <mark" in html and ">&lt;b&gt;</mark>&quot;fnord&quot;" in html
    parse(html)


def test_overlapping_and_empty_spans_nest_properly() -> None:
    text = "one two three four\n"
    outer = finding("outer", Span(4, 13), 1, 5, 14)
    inner = finding("inner", Span(8, 18), 1, 9, 19, severity=Severity.ERROR)
    empty = finding("empty", Span(3, 3), 1, 4, 4, severity=Severity.INFO)
    result = RunResult(findings=[empty, outer, inner], files=1)
    html = page(result, {}, {"a.md": text})
    tags = parse(html)
    assert {a["id"] for a in tags.find("mark") if a.get("id")} == {"f1", "f2", "f3"}
    line = html[html.index('<span class="tx">') :]
    line = line[: line.index("</span>")]
    assert line.count("<mark") == 5  # empty, outer, outer+inner around "three", inner
    assert '<mark id="f1" class="finding sev-info"' in line and "></mark> <mark" in line


def test_an_article_without_its_text_is_listed_by_finding() -> None:
    f = finding("avoid 'fnord'", Span(2, 7), 1, 3, 8)
    html = page(RunResult(findings=[f], files=1), {}, None)
    assert "The text of this article was not passed to the report" in html
    assert "avoid &#x27;fnord&#x27;" in html
    assert "<mark" not in html


def test_a_finding_whose_text_differs_is_explained_not_marked() -> None:
    f = finding("avoid 'fnord'", Span(2, 7), 1, 3, 8)
    html = page(RunResult(findings=[f], files=1), {}, {"a.md": "Hi.\n"})
    assert "not marked: the text differs from the one checked" in html
    assert "<mark" not in html


def test_long_stretches_without_findings_fold_away() -> None:
    text = "".join(f"Line {n}.\n" for n in range(1, 21))
    f = finding("here", Span(text.index("Line 10"), text.index("Line 10") + 4), 10, 1, 5)
    html = page(RunResult(findings=[f], files=1), {}, {"a.md": text})
    assert "<summary>lines 1–7</summary>" in html
    assert "<summary>lines 13–20</summary>" in html


def test_a_clean_run_is_a_valid_page() -> None:
    html = page(RunResult(files=3), {}, {})
    assert "All checked: 3 files, no findings." in html
    parse(html)


def test_check_format_html_writes_the_report(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", "r.html", "articles"])
    assert result.exit_code == 1
    html = (project / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('class="note ') == 3


# --- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def opened(project: Path, browser: Any) -> tuple[Any, list[str], RunResult]:
    result, html = run_report()
    report = project / "report.html"
    report.write_text(html, encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(report.as_uri())
    yield tab, errors, result
    tab.close()


NO_BACKGROUND = "rgba(0, 0, 0, 0)"


def background(tab: Any, selector: str) -> str:
    value: str = tab.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")
    return value


@pytest.mark.slow
def test_browser_shows_every_finding_marked_without_errors(opened: Any) -> None:
    tab, errors, result = opened
    for i in range(1, len(result.findings) + 1):
        mark = tab.locator(f"mark#f{i}")
        assert mark.is_visible()
        assert background(tab, f"mark#f{i}") != NO_BACKGROUND
    assert tab.locator("mark#f1").inner_text() == "fnord"
    assert tab.locator("mark#f2").inner_text() == "The city budget was 6 million"
    assert tab.locator("mark#f3").inner_text() == "fnord"
    assert errors == []


@pytest.mark.slow
def test_browser_shows_the_two_passages_side_by_side(opened: Any) -> None:
    tab, errors, _ = opened
    here, there = tab.locator(".pair .passage").all()
    assert "The city budget was 6 million, aides said." in here.inner_text()
    assert "The city budget was 5 million dollars." in there.inner_text()
    a, b = here.bounding_box(), there.bounding_box()
    assert b["x"] >= a["x"] + a["width"]  # beside, not below
    assert abs(b["y"] - a["y"]) < 5
    assert errors == []


@pytest.mark.slow
def test_browser_filters_hide_and_show_by_severity(opened: Any) -> None:
    tab, errors, _ = opened
    warnings = tab.locator('.note[data-severity="warning"]')
    assert warnings.count() == 2
    tab.uncheck('input[data-filter="severity"][value="warning"]')
    assert [warnings.nth(i).is_visible() for i in range(2)] == [False, False]
    assert tab.locator('.note[data-severity="error"]').is_visible()
    assert tab.locator(".pair").is_visible()
    assert background(tab, "mark#f1") == NO_BACKGROUND
    assert background(tab, "mark#f3") == NO_BACKGROUND
    assert background(tab, "mark#f2") != NO_BACKGROUND
    assert tab.locator("#shown-count").inner_text() == "1"
    tab.uncheck('input[data-filter="category"][value="number"]')
    assert not tab.locator(".pair").is_visible()
    assert tab.locator("#shown-count").inner_text() == "0"
    tab.check('input[data-filter="severity"][value="warning"]')
    tab.check('input[data-filter="category"][value="number"]')
    assert [warnings.nth(i).is_visible() for i in range(2)] == [True, True]
    assert background(tab, "mark#f1") != NO_BACKGROUND
    assert tab.locator("#shown-count").inner_text() == "3"
    assert errors == []


@pytest.mark.slow
def test_browser_screenshot(opened: Any, tmp_path: Path) -> None:
    tab, errors, _ = opened
    shot = tmp_path / "report.png"
    tab.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    assert errors == []


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_browser_report_of_the_seeds(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seeds' report: every finding marked, no console errors, 60 vs 60.06 side by side."""
    monkeypatch.chdir(ROOT)
    report = tmp_path / "seeds.html"
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "html", "-o", str(report), "seeds/"]
    )
    assert result.exit_code == 1, result.output
    count = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "seeds/"])
    findings = json.loads(count.stdout)["findings"]
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(report.as_uri())
    assert tab.locator("mark[id^=f]").count() == len(findings)
    for i in range(1, len(findings) + 1):
        assert tab.locator(f"mark#f{i}").count() == 1
    pairs = tab.locator(".pair")
    fund = [
        pairs.nth(i)
        for i in range(pairs.count())
        if "60 billion yuan" in pairs.nth(i).inner_text()
        and "60.06 billion yuan" in pairs.nth(i).inner_text()
    ]
    assert fund, "no side-by-side view of 60 vs 60.06 billion yuan"
    here, there = fund[0].locator(".passage").all()[:2]
    a, b = here.bounding_box(), there.bounding_box()
    assert b["x"] >= a["x"] + a["width"]
    assert errors == []
    tab.close()
