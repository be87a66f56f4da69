"""One self-contained HTML page: each article's text with its findings marked and explained.

No network: styles and the filter script are inline, and a Content-Security-Policy forbids
loading anything else. Reporters do no I/O, so article text comes from `sources` (path ->
decoded text); an article whose text is not there is listed by finding only. Every piece of
text and every attribute is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TextIO

import factlint
from factlint.model import CATEGORIES, Finding, Location, RuleMeta, RunResult, Severity, Span
from factlint.reporters._common import _LINE_BREAK, one_line, plural, summary_line

SEVERITIES = tuple(sorted(Severity, reverse=True))
# Lines of text kept around findings; longer stretches without findings fold away.
CONTEXT = 2
# Lines of a related passage shown at most.
PASSAGE_LINES = 3


def _e(text: object) -> str:
    """Escaped for HTML text and attribute values, control characters made visible."""
    return escape(one_line(str(text)), quote=True)


@dataclass(frozen=True, slots=True)
class Lines:
    """A text cut into lines the way the document reader counts them."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]  # each line's end, before its line break

    @classmethod
    def of(cls, text: str) -> Lines:
        starts, ends = [0], []
        for m in _LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        return cls(text, tuple(starts), tuple(ends))

    def __len__(self) -> int:
        return len(self.starts)

    def offset(self, line: int, col: int) -> int | None:
        """The offset of 1-based (line, col), or None when it is not in the text."""
        if not 1 <= line <= len(self):
            return None
        offset = self.starts[line - 1] + col - 1
        return offset if self.starts[line - 1] <= offset <= self.ends[line - 1] else None

    def span_of(self, loc: Location) -> Span | None:
        start, end = self.offset(loc.line, loc.col), self.offset(loc.end_line, loc.end_col)
        if start is None or end is None or end < start:
            return None
        return Span(start, end)


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of article text to highlight, with its escaped attributes and an anchor id."""

    span: Span
    attrs: str  # ready-made, escaped attributes
    first_id: str = ""  # an id for the mark's first piece, so notes can link to it


def _render_line(lines: Lines, number: int, marks: Sequence[Mark]) -> str:
    """Line `number` (1-based) as HTML, every mark overlapping it nested around its text."""
    start, end = lines.starts[number - 1], lines.ends[number - 1]
    mine = [m for m in marks if m.span.start <= end and m.span.end >= start]
    mine = [m for m in mine if len(m.span) or start <= m.span.start <= end]
    cuts = sorted(
        {start, end, *(max(start, min(end, p)) for m in mine for p in (m.span.start, m.span.end))}
    )
    out: list[str] = []
    opened: set[int] = set()

    def open_tag(m: Mark) -> str:
        ident = ""
        if m.first_id and id(m) not in opened:
            ident = f' id="{m.first_id}"'
        opened.add(id(m))
        return f"<mark{ident} {m.attrs}>"

    for i, a in enumerate(cuts):
        # Empty spans (an insertion point) show as an empty mark at their place.
        for m in mine:
            if not len(m.span) and m.span.start == a:
                out.append(open_tag(m) + "</mark>")
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        covering = sorted(
            (m for m in mine if m.span.start <= a and m.span.end >= b and len(m.span)),
            key=lambda m: (-len(m.span), m.span.start),
        )
        piece = _e(lines.text[a:b])
        out.append("".join(open_tag(m) for m in covering) + piece + "</mark>" * len(covering))
    return "".join(out)


def _finding_attrs(index: int, f: Finding) -> str:
    title = f"{f.rule_id} {f.rule_name}: {f.message}"
    return (
        f'class="finding sev-{f.severity}" data-finding="f{index}" data-rule="{_e(f.rule_id)}"'
        f' data-severity="{f.severity}" data-category="{_e(f.category)}" title="{_e(title)}"'
    )


def _filter_attrs(index: int, f: Finding) -> str:
    return f'data-finding="f{index}" data-severity="{f.severity}" data-category="{_e(f.category)}"'


def _note(index: int, f: Finding, placed: bool, why: str = "") -> str:
    """The explanation beside the text; `why` says why the span could not be marked."""
    loc = f.location
    where = f"{loc.line}:{loc.col}"
    link = f'<a href="#f{index}">{where}</a>' if placed else where
    related = "".join(
        f'<li><span class="where">{_e(r.location.path)}:{r.location.line}:{r.location.col}'
        f"</span> {_e(r.message)}</li>"
        for r in f.related
    )
    return (
        f'<div class="note sev-{f.severity}" {_filter_attrs(index, f)}>'
        f'<div class="head"><span class="sev">{f.severity}</span> '
        f'<span class="rule">{_e(f.rule_id)}</span> <span class="name">{_e(f.rule_name)}</span>'
        f' <span class="where">{link}</span></div>'
        f'<div class="msg">{_e(f.message)}</div>'
        + (f'<ul class="related">{related}</ul>' if related else "")
        + (f'<div class="unplaced">{_e(why)}</div>' if why else "")
        + "</div>"
    )


def _passage(lines: Lines | None, loc: Location, label: str, caption: str) -> str:
    """One side of a comparison: the lines of `loc`, its span marked."""
    head = (
        f'<figcaption><span class="side">{_e(label)}</span> '
        f'<span class="where">{_e(loc.path)}:{loc.line}</span> {_e(caption)}</figcaption>'
    )
    span = lines.span_of(loc) if lines is not None else None
    if lines is None or span is None:
        return f'<figure class="passage">{head}<p class="missing">text not available</p></figure>'
    last = min(loc.end_line, loc.line + PASSAGE_LINES - 1)
    mark = Mark(span, 'class="evidence"')
    body = "<br>".join(_render_line(lines, n, [mark]) for n in range(loc.line, last + 1))
    return f'<figure class="passage">{head}<blockquote>{body}</blockquote></figure>'


def _pairs(
    index: int, f: Finding, lines: Lines | None, sources: Mapping[str, Lines]
) -> Iterator[str]:
    """For cross-article and ledger findings: this passage and the other, side by side."""
    for rel in f.related:
        here = _passage(lines, f.location, "this article", "")
        there = _passage(sources.get(rel.location.path), rel.location, "compared with", rel.message)
        yield f'<div class="pair" {_filter_attrs(index, f)}>{here}{there}</div>'


def _visible_lines(lines: Lines, wanted: set[int]) -> list[int | tuple[int, int]]:
    """Line numbers to show, and folded (first, last) stretches between them."""
    total = len(lines)
    # The empty "line" after a final line break is not shown unless something is there.
    if total > 1 and lines.starts[-1] == len(lines.text) and total not in wanted:
        total -= 1
    keep = {n for w in wanted for n in range(w - CONTEXT, w + CONTEXT + 1) if 1 <= n <= total}
    out: list[int | tuple[int, int]] = []
    n = 1
    while n <= total:
        if n in keep:
            out.append(n)
            n += 1
            continue
        first = n
        while n <= total and n not in keep:
            n += 1
        # A fold of one or two lines saves nothing.
        if n - first <= 2:
            out.extend(range(first, n))
        else:
            out.append((first, n - 1))
    return out


def _article(
    number: int,
    path: str,
    items: Sequence[tuple[int, Finding]],
    sources: Mapping[str, Lines],
) -> str:
    lines = sources.get(path)
    counts = Counter(str(f.severity) for _, f in items)
    badge = " ".join(
        f'<span class="count sev-{s}">{plural(counts[str(s)], str(s))}</span>'
        for s in SEVERITIES
        if counts[str(s)]
    )
    head = (
        f'<section class="article" id="article-{number}" data-path="{_e(path)}">'
        f'<h2><span class="path">{_e(path)}</span> {badge}</h2>'
    )
    if lines is None:
        notes = "".join(_note(i, f, False) for i, f in items)
        return (
            f'{head}<p class="missing">The text of this article was not passed to the report;'
            f' its findings by line:</p><div class="notes only">{notes}</div></section>'
        )
    marks: list[Mark] = []
    placed: set[int] = set()
    by_line: dict[int, list[str]] = {}
    pairs_after: dict[int, list[str]] = {}
    for i, f in items:
        span = f.span if f.span.end <= len(lines.text) else None
        ok = span is not None and lines.span_of(f.location) == span
        if ok and span is not None:
            marks.append(Mark(span, _finding_attrs(i, f), f"f{i}"))
            placed.add(i)
        line = min(max(f.location.line, 1), len(lines))
        why = "" if ok else "not marked: the text differs from the one checked"
        by_line.setdefault(line, []).append(_note(i, f, ok, why))
        last = min(max(f.location.end_line, line), len(lines))
        pairs_after.setdefault(last, []).extend(_pairs(i, f, lines, sources))
    wanted = set(by_line) | {
        n for i, f in items if i in placed for n in range(f.location.line, f.location.end_line + 1)
    }
    rows: list[str] = []
    for entry in _visible_lines(lines, wanted):
        if isinstance(entry, tuple):
            first, last = entry
            folded = "".join(
                _row(lines, n, marks, by_line, pairs_after) for n in range(first, last + 1)
            )
            rows.append(
                f'<details class="fold"><summary>lines {first}–{last}</summary>{folded}</details>'
            )
        else:
            rows.append(_row(lines, entry, marks, by_line, pairs_after))
    return f'{head}<div class="doc">{"".join(rows)}</div></section>'


def _row(
    lines: Lines,
    n: int,
    marks: Sequence[Mark],
    by_line: Mapping[int, list[str]],
    pairs_after: Mapping[int, list[str]],
) -> str:
    notes = "".join(by_line.get(n, []))
    row = (
        f'<div class="row{" flagged" if notes else ""}"><span class="no">{n}</span>'
        f'<span class="tx">{_render_line(lines, n, marks)}</span>'
        f'<div class="notes">{notes}</div></div>'
    )
    return row + "".join(pairs_after.get(n, []))


def _rule_table(findings: Sequence[Finding], rules: Mapping[str, RuleMeta]) -> str:
    counts = Counter(f.rule_id for f in findings)
    first = {f.rule_id: f for f in reversed(findings)}
    rows = []
    for rule_id in sorted(counts):
        f = first[rule_id]
        meta = rules.get(rule_id)
        summary = meta.summary if meta else ""
        rows.append(
            f'<tr data-rule="{_e(rule_id)}" data-severity="{f.severity}"'
            f' data-category="{_e(f.category)}">'
            f"<td>{_e(rule_id)}</td><td>{_e(f.rule_name)}</td><td>{_e(f.category)}</td>"
            f'<td class="sev-{f.severity}">{f.severity}</td><td>{_e(summary)}</td>'
            f'<td class="num">{counts[rule_id]}</td></tr>'
        )
    return (
        '<table class="summary" id="by-rule"><caption>Findings by rule</caption>'
        "<thead><tr><th>Rule</th><th>Name</th><th>Category</th><th>Severity</th>"
        '<th>Summary</th><th class="num">Count</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _article_table(paths: Sequence[str], by_path: Mapping[str, list[tuple[int, Finding]]]) -> str:
    rows = []
    for number, path in enumerate(paths, start=1):
        counts = Counter(str(f.severity) for _, f in by_path[path])
        cells = "".join(f'<td class="num">{counts[str(s)]}</td>' for s in SEVERITIES)
        rows.append(
            f'<tr><td><a href="#article-{number}">{_e(path)}</a></td>{cells}'
            f'<td class="num">{len(by_path[path])}</td></tr>'
        )
    heads = "".join(f'<th class="num">{s}</th>' for s in SEVERITIES)
    return (
        '<table class="summary" id="by-article"><caption>Findings by article</caption>'
        f'<thead><tr><th>Article</th>{heads}<th class="num">Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _filters(findings: Sequence[Finding]) -> str:
    severity = Counter(str(f.severity) for f in findings)
    category = Counter(f.category for f in findings)
    order = {c: i for i, c in enumerate(CATEGORIES)}

    def box(kind: str, value: str, count: int) -> str:
        return (
            f'<label class="{kind}-{_e(value)}"><input type="checkbox" data-filter="{kind}"'
            f' value="{_e(value)}" checked> {_e(value)} <span class="n">({count})</span></label>'
        )

    sev = "".join(box("severity", str(s), severity[str(s)]) for s in SEVERITIES)
    cats = "".join(
        box("category", c, category[c])
        for c in sorted(category, key=lambda c: (order.get(c, len(order)), c))
    )
    return (
        '<form class="filters" id="filters"><fieldset><legend>Severity</legend>'
        f"{sev}</fieldset><fieldset><legend>Category</legend>{cats}</fieldset>"
        '<p class="shown">Showing <span id="shown-count">'
        f"{len(findings)}</span> of {len(findings)}</p></form>"
    )


def _problems(result: RunResult) -> str:
    parts = []
    if result.errors:
        items = "".join(f"<li>{_e(e)}</li>" for e in result.errors)
        parts.append(f'<section class="errors"><h2>Errors</h2><ul>{items}</ul></section>')
    if result.notices:
        items = "".join(f"<li><pre>{escape(n)}</pre></li>" for n in result.notices)
        parts.append(f'<section class="notices"><h2>Notices</h2><ul>{items}</ul></section>')
    return "".join(parts)


def page(
    result: RunResult, rules: Mapping[str, RuleMeta], sources: Mapping[str, str] | None = None
) -> str:
    """The whole report as one HTML document."""
    texts = {path: Lines.of(text) for path, text in (sources or {}).items()}
    by_path: dict[str, list[tuple[int, Finding]]] = {}
    for i, f in enumerate(result.findings, start=1):
        by_path.setdefault(f.path, []).append((i, f))
    paths = list(by_path)
    articles = "".join(
        _article(n, path, by_path[path], texts) for n, path in enumerate(paths, start=1)
    )
    tables = (
        _rule_table(result.findings, rules) + _article_table(paths, by_path)
        if result.findings
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
        " style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>factlint report</title><style>{CSS}</style></head><body>"
        f'<header><h1>factlint report</h1><p class="summary-line">{_e(summary_line(result))}</p>'
        f'<p class="version">factlint {_e(factlint.__version__)}</p></header>'
        f"{_problems(result)}"
        + (_filters(result.findings) if result.findings else "")
        + f"{tables}<main>{articles}</main><script>{SCRIPT}</script></body></html>\n"
    )


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    stream.write(page(result, rules, sources))


CSS = """
:root { --error: #b42318; --error-bg: #fde4e1; --warning: #8a5a00; --warning-bg: #fff3c4;
  --info: #175cd3; --info-bg: #e0ecff; --line: #d0d5dd; --muted: #667085; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #101828;
  margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 110rem; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.1rem; }
.version, .summary-line { margin: .2rem 0; color: var(--muted); }
.summary-line { color: inherit; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0;
  position: sticky; top: 0; background: #fff; padding: .5rem 0; z-index: 2;
  border-bottom: 1px solid var(--line); }
.filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .7rem; }
.filters label { margin-right: .8rem; white-space: nowrap; cursor: pointer; }
.filters .n, .muted { color: var(--muted); }
table.summary { border-collapse: collapse; margin: 1rem 2rem 1rem 0; display: inline-table;
  vertical-align: top; }
table.summary caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.summary th, table.summary td { border-bottom: 1px solid var(--line); padding: .2rem .6rem;
  text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.off { display: none; }
.article { border: 1px solid var(--line); border-radius: 8px; margin: 1.5rem 0; overflow: hidden; }
.article h2 { margin: 0; padding: .5rem .8rem; background: #f2f4f7;
  border-bottom: 1px solid var(--line); }
.article .path { font-family: ui-monospace, monospace; }
.count { font-size: .8rem; font-weight: 500; border-radius: 1rem; padding: .05rem .5rem;
  margin-left: .3rem; }
.sev-error.count, .note.sev-error .sev { background: var(--error-bg); color: var(--error); }
.sev-warning.count, .note.sev-warning .sev { background: var(--warning-bg); color: var(--warning); }
.sev-info.count, .note.sev-info .sev { background: var(--info-bg); color: var(--info); }
td.sev-error { color: var(--error); } td.sev-warning { color: var(--warning); }
td.sev-info { color: var(--info); }
.row { display: grid; grid-template-columns: 3.5rem minmax(0, 1fr) minmax(14rem, 26rem);
  gap: 0 1rem; padding: .1rem .8rem; }
.row.flagged { background: #fcfcfd; }
.no { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums;
  user-select: none; }
.tx { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif; }
mark { background: none; color: inherit; border-radius: 2px; padding: 0 1px; }
mark.finding.sev-error { background: var(--error-bg); box-shadow: inset 0 -2px var(--error); }
mark.finding.sev-warning { background: var(--warning-bg);
  box-shadow: inset 0 -2px var(--warning); }
mark.finding.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px var(--info); }
mark.finding:empty { display: inline-block; width: 4px; height: 1em; vertical-align: middle; }
mark.finding.off { background: none; box-shadow: none; }
mark.evidence { background: #fef0c7; box-shadow: inset 0 -2px #dc6803; }
mark:target { outline: 2px solid #101828; }
.note { border-left: 3px solid var(--line); padding: .1rem .5rem; margin: .15rem 0 .5rem;
  font-size: .9rem; }
.note.sev-error { border-color: var(--error); } .note.sev-warning { border-color: var(--warning); }
.note.sev-info { border-color: var(--info); }
.note .sev { font-size: .75rem; text-transform: uppercase; padding: 0 .3rem; border-radius: 3px; }
.note .rule { font-weight: 600; } .note .name, .note .where, .where { color: var(--muted); }
.note ul.related { margin: .2rem 0 0; padding-left: 1rem; }
.unplaced, .missing { color: var(--muted); font-style: italic; }
.note.off, .pair.off { display: none; }
.notes.only { padding: .5rem .8rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: .3rem .8rem .8rem 5.3rem;
  padding: .6rem; background: #f9fafb; border: 1px dashed var(--line); border-radius: 6px; }
.passage { margin: 0; } .passage figcaption { font-size: .85rem; margin-bottom: .2rem; }
.passage .side { font-weight: 600; }
.passage blockquote { margin: 0; padding: .3rem .6rem; background: #fff;
  border-left: 3px solid var(--line); font-family: Georgia, serif; white-space: pre-wrap;
  overflow-wrap: anywhere; }
details.fold > summary { color: var(--muted); font-size: .85rem; padding: .1rem .8rem .1rem 4.5rem;
  cursor: pointer; }
.errors li { color: var(--error); }
.notices pre { margin: 0; white-space: pre-wrap; font: inherit; }
@media (max-width: 60rem) {
  .row { grid-template-columns: 2.5rem minmax(0, 1fr); }
  .row .notes { grid-column: 2; }
  .pair { grid-template-columns: 1fr; margin-left: .8rem; }
}
@media print { .filters { display: none; } details.fold { display: none; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function update() {
    var on = { severity: {}, category: {} };
    boxes.forEach(function (box) {
      if (box.checked) { on[box.dataset.filter][box.value] = true; }
    });
    var shown = {};
    document.querySelectorAll("[data-finding], #by-rule tr[data-rule]").forEach(function (el) {
      var visible = !!on.severity[el.dataset.severity] && !!on.category[el.dataset.category];
      el.classList.toggle("off", !visible);
      if (visible && el.classList.contains("note")) { shown[el.dataset.finding] = true; }
    });
    var count = document.getElementById("shown-count");
    if (count) { count.textContent = String(Object.keys(shown).length); }
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
})();
"""
