"""Suppression comments in articles, and the `[sic]` editorial marker.

    <!-- factlint-disable-next-line FL101 -- reason -->   the next non-blank line
    text <!-- factlint-disable-line FL101 -->             this line
    <!-- factlint-disable FL5 --> ... <!-- factlint-enable -->
    <!-- factlint-disable-file FL601 -->

Selectors are ids, prefixes, names or categories; none means every rule. A
suppression that silences nothing, or names no known rule, is itself reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from factlint import fastre
from factlint.document import Document
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context
from factlint.selection import specificity

UNUSED = RuleMeta(
    id="FL001",
    name="unused-suppression",
    category="meta",
    severity=Severity.WARNING,
    summary="A suppression comment that silences no finding",
    rationale="Stale suppressions hide future problems and confuse readers; remove them.",
)
INVALID = RuleMeta(
    id="FL002",
    name="invalid-suppression",
    category="meta",
    severity=Severity.WARNING,
    summary="A suppression comment that names no known rule",
    rationale=(
        "A misspelt rule code suppresses nothing; the finding it meant to silence still shows."
    ),
)
UNDECODABLE = RuleMeta(
    id="FL003",
    name="invalid-utf8",
    category="meta",
    severity=Severity.ERROR,
    summary="Bytes that are not valid UTF-8",
    rationale="factlint reads articles as UTF-8; undecodable bytes were replaced by U+FFFD.",
)
RULES = (UNUSED, INVALID, UNDECODABLE)

_DIRECTIVE = fastre.compile(
    r"<!--\s*factlint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    regex.S,
)
_SIC = fastre.compile(r"^[\"”’'.,;:!?)\]]*\s*\[sic\]", regex.I)
SIC_CATEGORIES = frozenset({"garbled", "style"})


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment: its kind, its selectors, and the lines it covers."""

    kind: str
    selectors: tuple[str, ...]
    span: Span
    first_line: int  # first line it covers
    last_line: int  # last line it covers (inclusive)


def parse_directives(doc: Document) -> list[Directive]:
    """Every suppression comment with the lines it covers."""
    if not doc.has_directive_marker:
        return []
    out: list[Directive] = []
    open_ranges: list[tuple[tuple[str, ...], Span, int]] = []
    last = len(doc.line_starts)
    for m in _DIRECTIVE.finditer(doc.text):
        kind = m.group(1)
        selectors = tuple(m.group(2).split("--", 1)[0].replace(",", " ").split())
        span = Span(m.start(), m.end())
        line, _ = doc.line_col(m.start())
        end_line, _ = doc.line_col(m.end())
        if kind == "disable-line":
            out.append(Directive(kind, selectors, span, line, end_line))
        elif kind == "disable-next-line":
            target = end_line + 1
            while target <= last and not doc.line_text(target).strip():
                target += 1
            out.append(Directive(kind, selectors, span, target, target))
        elif kind == "disable-file":
            out.append(Directive(kind, selectors, span, 1, last))
        elif kind == "disable":
            open_ranges.append((selectors, span, end_line))
        else:  # enable: closes the ranges it names, or all of them
            still_open = []
            for sel, s, start_line in open_ranges:
                if not selectors or set(sel) & set(selectors):
                    out.append(Directive("disable", sel, s, start_line, line))
                else:
                    still_open.append((sel, s, start_line))
            open_ranges = still_open
    out.extend(Directive("disable", sel, s, ln, last) for sel, s, ln in open_ranges)
    return out


def _covers(directive: Directive, finding: Finding, meta: RuleMeta) -> bool:
    if not directive.first_line <= finding.location.line <= directive.last_line:
        return False
    return not directive.selectors or any(
        specificity(t, meta) is not None for t in directive.selectors
    )


def followed_by_sic(doc: Document, span: Span) -> bool:
    if not doc.has_sic_marker:  # most articles: their text is not read (inflated) at all
        return False
    return _SIC.match(doc.text[span.end : span.end + 12]) is not None


def apply_suppressions(
    doc: Document,
    findings: Sequence[Finding],
    rules: dict[str, RuleMeta],
    enabled: Iterable[RuleMeta],
) -> list[Finding]:
    """Drop suppressed findings; add FL001/FL002 for useless suppressions."""
    directives = parse_directives(doc)
    kept: list[Finding] = []
    used: set[int] = set()
    for f in findings:
        meta = rules.get(f.rule_id)
        if meta is None:
            kept.append(f)
            continue
        if f.category in SIC_CATEGORIES and followed_by_sic(doc, f.span):
            continue
        hits = [i for i, d in enumerate(directives) if _covers(d, f, meta)]
        if hits:
            used.update(hits)
        else:
            kept.append(f)
    enabled = list(enabled)
    known = list(rules.values())
    for i, d in enumerate(directives):
        unknown = [t for t in d.selectors if not any(specificity(t, r) for r in known)]
        if unknown:
            kept.append(_meta_finding(INVALID, doc, d.span, f"unknown rule {', '.join(unknown)}"))
        elif i not in used and _could_fire(d, enabled):
            names = " ".join(d.selectors) or "all rules"
            kept.append(_meta_finding(UNUSED, doc, d.span, f"suppression of {names} is unused"))
    return kept


def _could_fire(d: Directive, enabled: list[RuleMeta]) -> bool:
    """Only call a suppression unused if some rule it names actually ran."""
    if not d.selectors:
        return True
    return any(specificity(t, r) is not None for t in d.selectors for r in enabled)


def _meta_finding(meta: RuleMeta, doc: Document, span: Span, message: str) -> Finding:
    return Context({meta.id: meta}).finding(meta.id, doc, span, message, key=message)


def decode_error_findings(doc: Document) -> list[Finding]:
    return [
        _meta_finding(UNDECODABLE, doc, s, "bytes that are not valid UTF-8 (shown as U+FFFD)")
        for s in doc.decode_errors
    ]
