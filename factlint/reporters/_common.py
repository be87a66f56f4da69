"""Small text helpers shared by the reporters: safe one-line text, summaries, fix positions."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Mapping

import regex

from factlint import fastre
from factlint.model import Finding, Location, RunResult, Span

# C0/C1 controls (tab excepted) and the Unicode line/paragraph separators: any of them in a
# message or path would break the one-line-per-finding layout or drive the terminal.
_CONTROL = fastre.compile_regex(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
# The line breaks the document reader counts lines by.
_LINE_BREAK = fastre.compile_regex(r"\r\n|\r|\n")


# A lone surrogate: a file name that is not UTF-8, read as os.fsdecode gives it.
_SURROGATE = fastre.compile_regex(r"[\ud800-\udfff]")


def json_text(data: object, indent: int | None = 2) -> str:
    """JSON with non-ASCII text as it is, except a lone surrogate, written as its
    \\u escape: the text stays valid UTF-8, and a JSON reader gets the name back."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape_control(match: regex.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or ch.encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """`text` with control characters shown as escapes (`\\n`, `\\x1b`), so it stays on one line."""
    return _CONTROL.sub(_escape_control, text)


def where(location: Location) -> str:
    return f"{one_line(location.path)}:{location.line}:{location.col}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(result: RunResult) -> str:
    """The closing line of the text formats."""
    files = plural(result.files, "file")
    if result.findings:
        by = result.count_by_severity()
        line = (
            f"Found {plural(len(result.findings), 'finding')} "
            f"({plural(by['error'], 'error')}, {plural(by['warning'], 'warning')}, "
            f"{by['info']} info) in {files}."
        )
    else:
        line = f"All checked: {files}, no findings."
    if result.errors:
        line += f" {plural(len(result.errors), 'file error')}."
    return line


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def location_of(text: str, span: Span, path: str) -> Location:
    """1-based line and column (code points, end exclusive) of `span` in `text`."""
    starts = _line_starts(text)

    def line_col(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    line, col = line_col(span.start)
    end_line, end_col = line_col(span.end)
    return Location(path, line, col, end_line, end_col)


def fix_location(finding: Finding, sources: Mapping[str, str] | None = None) -> Location | None:
    """Where the finding's fix applies, or None when it cannot be placed with certainty.

    Fix spans are offsets into the decoded text, so they are placed relative to the finding's
    own span when possible; the source text is used only if it reproduces the finding's
    location (a differently decoded text would misplace the fix).
    """
    fix = finding.fix
    if fix is None:
        return None
    loc, span = finding.location, finding.span
    if fix.span == span:
        return loc
    one_line_span = loc.line == loc.end_line and loc.end_col - loc.col == len(span)
    if one_line_span and span.contains(fix.span):
        col = loc.col + fix.span.start - span.start
        return Location(loc.path, loc.line, col, loc.line, col + len(fix.span))
    text = (sources or {}).get(loc.path)
    if text is None or max(span.end, fix.span.end) > len(text):
        return None
    if location_of(text, span, loc.path) != loc:
        return None
    return location_of(text, fix.span, loc.path)


def source_lines(text: str) -> list[str]:
    """The lines of `text` without their endings; CRLF, CR and LF all end a line."""
    return _LINE_BREAK.split(text)
