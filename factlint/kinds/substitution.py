"""`kind: substitution`: a regex that should be written another way.

    swap:
      '\\bOn(\\s+(?:January|May)\\s+\\d{4})\\b': 'In\\1'   # \\1 or \\g<name> expand
    fix: true                                            # --fix may apply it
    message: "Use '{suggestion}' instead of '{match}'"

Where several swaps match overlapping text, the earliest match wins (then the one
listed first). A match already equal to its replacement is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.errors import RuleLoadError
from factlint.kinds.base import (
    TEXT_SCOPES,
    Built,
    Header,
    Kind,
    RuleFile,
    Rx,
    as_string,
    budget_for,
    check_message,
    compile_rx,
    finding_key,
    format_message,
    group_names,
    in_quotes,
    matches_in,
    units,
)
from factlint.model import Finding, Fix, Span
from factlint.rule import Context

_GROUP_REF = fastre.compile_regex(r"\\(?:g<([^>]*)>|(\d+))")


def check_replacement(rule: RuleFile, rx: Rx, replacement: str, line: int) -> None:
    """Every \\1 or \\g<name> in a replacement must name a group of its regex."""
    for m in _GROUP_REF.finditer(replacement):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        known = ref in rx.pattern.groupindex or (ref.isdigit() and int(ref) <= rx.pattern.groups)
        if not known:
            raise RuleLoadError(
                rule.path, line, f"replacement {replacement!r} refers to a missing group {ref!r}"
            )


def read_swaps(rule: RuleFile, header: Header) -> tuple[tuple[Rx, str], ...]:
    if not rule.has("swap"):
        raise RuleLoadError(rule.path, rule.line, "missing required key 'swap'")
    value = rule.values["swap"]
    if value.kind != "mapping" or not value.pairs:
        raise RuleLoadError(rule.path, value.line, "'swap' must map regexes to replacements")
    swaps = []
    seen: dict[str, int] = {}
    for key, replacement in value.pairs:
        rx = compile_rx(key, rule.path, "swap", header.flags)
        if rx.source in seen:
            raise RuleLoadError(
                rule.path, key.line, f"duplicate 'swap' regex (first at line {seen[rx.source]})"
            )
        seen[rx.source] = key.line
        text = as_string(replacement, rule.path, "swap")
        check_replacement(rule, rx, text, replacement.line)
        swaps.append((rx, text))
    return tuple(swaps)


def build(rule: RuleFile, header: Header) -> Built:
    swaps = read_swaps(rule, header)
    fixable = rule.boolean("fix", False)
    check_message(
        rule, header.message, {"match", "suggestion", *group_names(*(rx for rx, _ in swaps))}
    )

    def run(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
        doc = analysis.doc
        budget = budget_for(rule, analysis, ctx)
        quotes = analysis.quoted_spans if header.skip_quotes else ()
        for unit in units(analysis, header.scope):
            found: list[tuple[Span, int, regex.Match[str], str]] = []
            for order, (rx, replacement) in enumerate(swaps):
                for span, m in matches_in(budget, rx, doc.prose, unit):
                    found.append((span, order, m, replacement))
            found.sort(key=lambda item: (item[0].start, item[1]))
            taken_until = unit.start
            for span, _order, m, replacement in found:
                if span.start < taken_until:
                    continue
                suggestion = m.expand(replacement)
                if suggestion == m.group():
                    continue
                taken_until = span.end
                if quotes and in_quotes(quotes, span.start):
                    continue
                yield ctx.finding(
                    header.id,
                    doc,
                    span,
                    format_message(header.message, m, suggestion=suggestion),
                    fix=Fix(span, suggestion) if fixable else None,
                    key=finding_key(analysis, span, m.group(), suggestion),
                )

    return run, fixable


KIND = Kind(
    name="substitution",
    keys=frozenset({"swap", "fix"}),
    required=("swap",),
    scopes=TEXT_SCOPES,
    default_scope="sentence",
    build=build,
)
