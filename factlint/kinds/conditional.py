"""`kind: conditional`: when `if` matches in a unit and `then` matches nowhere in it.

    scope: sentence
    if: '\\b\\d[\\d,.]*\\s+(?:million|billion)\\b'
    then: '(?:\\$|€|£|yuan|dollars?|euros?)'

Each `if` match of a unit without a `then` match is reported; `then` is searched in
the whole unit, quotations included.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import Analysis
from factlint.kinds.base import (
    TEXT_SCOPES,
    Built,
    Header,
    Kind,
    RuleFile,
    budget_for,
    check_message,
    finding_key,
    format_message,
    group_names,
    in_quotes,
    matches_in,
    units,
)
from factlint.model import Finding
from factlint.rule import Context


def build(rule: RuleFile, header: Header) -> Built:
    first = rule.regex("if", header.flags)
    second = rule.regex("then", header.flags)
    check_message(rule, header.message, {"match", *group_names(first)})

    def run(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
        doc = analysis.doc
        budget = budget_for(rule, analysis, ctx)
        quotes = analysis.quoted_spans if header.skip_quotes else ()
        for unit in units(analysis, header.scope):
            hits = [
                (span, m)
                for span, m in matches_in(budget, first, doc.prose, unit)
                if not (quotes and in_quotes(quotes, span.start))
            ]
            if not hits or budget.search(second, doc.prose[unit.start : unit.end]):
                continue
            for span, m in hits:
                yield ctx.finding(
                    header.id,
                    doc,
                    span,
                    format_message(header.message, m),
                    key=finding_key(analysis, span, m.group()),
                )

    return run, False


KIND = Kind(
    name="conditional",
    keys=frozenset({"if", "then"}),
    required=("if", "then"),
    scopes=TEXT_SCOPES,
    default_scope="sentence",
    build=build,
)
