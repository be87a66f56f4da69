"""Human output with rich: findings grouped by file, the source line with carets, a summary.

rich is imported inside the functions that use it, so other formats never load it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import TYPE_CHECKING, TextIO

from factlint.model import Finding, RuleMeta, RunResult, Severity
from factlint.reporters._common import fix_location, one_line, source_lines, summary_line, where
from factlint.reporters.concise import error_line

if TYPE_CHECKING:
    from rich.text import Text

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
TAB = "    "
# Cells of context kept left of a span when a long line (a whole paragraph) is cut.
CONTEXT = 24


def _piece(ch: str) -> str:
    """How one source character is drawn: tabs as spaces, controls as visible escapes."""
    return TAB if ch == "\t" else one_line(ch)


def snippet(line: str, col: int, end_col: int | None, max_cells: int) -> tuple[str, str]:
    """The source line (cut to `max_cells` around the span) and a caret line beneath it.

    `col` is 1-based; `end_col` is exclusive, or None to mark to the end of the line (a span
    that continues on later lines). Carets follow terminal cells, so wide characters get two.
    """
    from rich.cells import cell_len

    start = min(max(col - 1, 0), len(line))
    end = len(line) if end_col is None else min(max(end_col - 1, start), len(line))
    # cells[i] = terminal cells taken by line[:i]
    cells = list(accumulate((cell_len(_piece(ch)) for ch in line), initial=0))
    total = cells[-1]
    first, last = 0, len(line)
    if total > max_cells:
        # Keep some context left of the span, but no more than needed to fill the width.
        context = min(CONTEXT, max_cells // 3)
        first = bisect_left(cells, cells[start] - context, 0, start + 1)
        first = min(first, bisect_left(cells, total - max_cells + 1))
        room = max_cells - (1 if first else 0)
        last = bisect_right(cells, cells[first] + room) - 1
        if last < len(line):
            # Leave a cell for the closing ellipsis.
            last = bisect_right(cells, cells[first] + room - 1) - 1
    shown = "".join(_piece(ch) for ch in line[first:last])
    text = ("…" if first else "") + shown + ("…" if last < len(line) else "")
    lead = (1 if first else 0) + cells[start] - cells[first]
    marked = cells[min(end, last)] - cells[start] if start < last else 0
    return text, " " * lead + "^" * max(marked, 1)


def _source_lines(sources: Mapping[str, str] | None, path: str) -> list[str] | None:
    text = (sources or {}).get(path)
    if text is None:
        return None
    return source_lines(text)


def finding_block(
    finding: Finding,
    lines: list[str] | None,
    width: int,
    sources: Mapping[str, str] | None = None,
    place_width: int = 0,
) -> Iterator[Text]:
    """The rich lines for one finding."""
    from rich.text import Text

    loc = finding.location
    style = STYLES[finding.severity]
    yield Text.assemble(
        "  ",
        (f"{loc.line}:{loc.col}".ljust(place_width), "dim"),
        "  ",
        (str(finding.severity).upper().ljust(7), style),
        "  ",
        (finding.rule_id, "bold"),
        " ",
        (finding.rule_name, "cyan"),
        "  ",
        one_line(finding.message),
    )
    gutter = len(str(loc.line))
    source = lines[loc.line - 1] if lines is not None and 0 < loc.line <= len(lines) else None
    if source is not None:
        end_col = loc.end_col if loc.end_line == loc.line else None
        shown, carets = snippet(source, loc.col, end_col, max(width - gutter - 8, 20))
        yield Text.assemble("    ", (f"{loc.line} │ ", "dim"), shown, no_wrap=True)
        yield Text.assemble("    ", (" " * gutter + " │ ", "dim"), (carets, style), no_wrap=True)
    for rel in finding.related:
        yield Text.assemble("      ↳ ", (where(rel.location), "dim"), " ", one_line(rel.message))
    if finding.fix is not None:
        new = one_line(finding.fix.replacement)
        place = fix_location(finding, sources)
        old = None
        if (
            place is not None
            and lines is not None
            and place.line == place.end_line
            and place.line <= len(lines)
        ):
            old = lines[place.line - 1][place.col - 1 : place.end_col - 1]
        change = f'"{one_line(old)}" → "{new}"' if old is not None else f'replace with "{new}"'
        yield Text.assemble("      ", ("suggestion:", "green"), " ", change)


def _rule_table(result: RunResult, rules: Mapping[str, RuleMeta]) -> object:
    from rich import box
    from rich.table import Table

    counts = Counter(f.rule_id for f in result.findings)
    names = {f.rule_id: f.rule_name for f in result.findings}
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("Rule")
    table.add_column("Name")
    table.add_column("Count", justify="right")
    for rule_id in sorted(counts):
        name = rules[rule_id].name if rule_id in rules else names[rule_id]
        table.add_row(rule_id, one_line(name), str(counts[rule_id]))
    return table


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def render(
    result: RunResult,
    rules: Mapping[str, RuleMeta],
    stream: TextIO,
    *,
    sources: Mapping[str, str] | None = None,
) -> None:
    from rich.console import Console
    from rich.text import Text

    tty = _isatty(stream)
    # Plain, fixed-width text when piped or captured: no colour codes, stable wrapping.
    console = Console(
        file=stream,
        force_terminal=None if tty else False,
        no_color=not tty,
        width=None if tty else 100,
        highlight=False,
        markup=False,
        emoji=False,
    )
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, findings in by_path.items():
        console.print(Text(one_line(path), style="bold underline"))
        lines = _source_lines(sources, path)
        place_width = max(len(f"{f.location.line}:{f.location.col}") for f in findings)
        for finding in findings:
            for text in finding_block(finding, lines, console.width, sources, place_width):
                console.print(text)
        console.print()
    if result.errors:
        console.print(Text("Errors", style="bold red"))
        for error in result.errors:
            console.print(Text("  " + error_line(error), style="red"))
        console.print()
    if result.findings:
        console.print(_rule_table(result, rules))
        console.print()
    console.print(Text(summary_line(result), style="bold"))
