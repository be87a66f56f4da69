"""`kind: consistency`: two ways of writing one thing; use one per article (or corpus).

    scope: document          # or corpus: all articles of one run
    either:
      - ['\\bpercent\\b', '\\bper\\s+cent\\b']

For each pair, when both forms occur in the scope, every occurrence of the less
frequent form is reported (on a tie, the form that appears later), with the first
occurrence of the other form as related evidence; at corpus scope that evidence is
taken from another article when there is one. `{suggestion}` in the message is the
other form as written there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from factlint.analysis import Analysis
from factlint.errors import RuleLoadError
from factlint.kinds.base import (
    Budget,
    Built,
    Header,
    Kind,
    RuleFile,
    Rx,
    as_list,
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
from factlint.model import Finding, Span
from factlint.rule import Context


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One match of a form: the article it is in, its span and the regex match."""

    doc_index: int
    span: Span
    match: regex.Match[str]


def read_pairs(rule: RuleFile, header: Header) -> tuple[tuple[Rx, Rx], ...]:
    if not rule.has("either"):
        raise RuleLoadError(rule.path, rule.line, "missing required key 'either'")
    pairs = []
    for item in as_list(rule.values["either"], rule.path, "either"):
        if item.kind != "list" or len(item.items) != 2:
            raise RuleLoadError(rule.path, item.line, "each 'either' item must be a pair [A, B]")
        a, b = (compile_rx(v, rule.path, "either", header.flags) for v in item.items)
        pairs.append((a, b))
    return tuple(pairs)


@dataclass(frozen=True)
class Target:
    """One article as this rule sees it: its body, its time budget, its quotations."""

    analysis: Analysis
    body: Span
    budget: Budget
    quotes: tuple[Span, ...]


def targets(
    rule: RuleFile, header: Header, analyses: Sequence[Analysis], ctx: Context
) -> list[Target]:
    out = []
    for analysis in analyses:
        quotes = analysis.quoted_spans if header.skip_quotes else ()
        (body,) = units(analysis, "document")
        out.append(Target(analysis, body, budget_for(rule, analysis, ctx), quotes))
    return out


def occurrences(articles: Sequence[Target], rx: Rx) -> list[Occurrence]:
    return [
        Occurrence(index, span, m)
        for index, t in enumerate(articles)
        for span, m in matches_in(t.budget, rx, t.analysis.doc.prose, t.body)
        if not (t.quotes and in_quotes(t.quotes, span.start))
    ]


def pick_minority(
    a: list[Occurrence], b: list[Occurrence]
) -> tuple[list[Occurrence], list[Occurrence]]:
    """(minority, majority); on a tie the form that first appears later is the minority."""
    if len(a) != len(b):
        return (a, b) if len(a) < len(b) else (b, a)
    first_a = (a[0].doc_index, a[0].span.start)
    first_b = (b[0].doc_index, b[0].span.start)
    return (a, b) if first_a > first_b else (b, a)


def build(rule: RuleFile, header: Header) -> Built:
    pairs = read_pairs(rule, header)
    check_message(
        rule,
        header.message,
        {"match", "suggestion", *group_names(*(rx for pair in pairs for rx in pair))},
    )

    def findings(analyses: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
        articles = targets(rule, header, analyses, ctx)
        for a_rx, b_rx in pairs:
            a = occurrences(articles, a_rx)
            b = occurrences(articles, b_rx)
            if not a or not b:
                continue
            minority, majority = pick_minority(a, b)
            for occ in minority:
                evidence = next((o for o in majority if o.doc_index != occ.doc_index), majority[0])
                other = " ".join(evidence.match.group().split())
                doc = analyses[occ.doc_index].doc
                other_doc = analyses[evidence.doc_index].doc
                yield ctx.finding(
                    header.id,
                    doc,
                    occ.span,
                    format_message(header.message, occ.match, suggestion=other),
                    related=[ctx.related(other_doc, evidence.span, f"'{other}' is used here")],
                    key=finding_key(analyses[occ.doc_index], occ.span, occ.match.group(), other),
                )

    if header.scope == "corpus":
        return findings, False

    def run(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
        return findings([analysis], ctx)

    return run, False


KIND = Kind(
    name="consistency",
    keys=frozenset({"either"}),
    required=("either",),
    scopes=("document", "corpus"),
    default_scope="document",
    build=build,
)
