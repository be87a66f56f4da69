"""`kind: pattern`: report every match of a regex, or of a list of words.

pattern: '\\b(?:very unique|most unique)\\b'   # or
words: [very unique, most unique]               # literal, escaped, whole words
exceptions: ['most unique selling']             # a match one of these covers is kept quiet
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from factlint.analysis import Analysis
from factlint.errors import RuleLoadError
from factlint.kinds.base import (
    TEXT_SCOPES,
    Budget,
    Built,
    Header,
    Kind,
    RuleFile,
    Rx,
    as_list,
    as_string,
    budget_for,
    check_message,
    compile_rx,
    compile_source,
    finding_key,
    format_message,
    group_names,
    in_quotes,
    matches_in,
    units,
)
from factlint.model import Finding, Span
from factlint.rule import Context


def words_regex(words: list[str]) -> str:
    """Literal words or phrases as one alternation; spaces match any run of whitespace.

    Whole words by `(?<!\\w)` / `(?!\\w)` rather than `\\b`, so a phrase that starts or
    ends with punctuation ("U.S.") still matches; longest first, so the longest wins.
    """
    escaped = sorted(
        (r"\s+".join(regex.escape(part) for part in w.split()) for w in words),
        key=lambda s: (-len(s), s),
    )
    return r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)"


def read_pattern(rule: RuleFile, header: Header) -> Rx:
    if rule.has("pattern") and rule.has("words"):
        second = max(rule.keys["pattern"].line, rule.keys["words"].line)
        raise RuleLoadError(rule.path, second, "give 'pattern' or 'words', not both")
    if rule.has("pattern"):
        return rule.regex("pattern", header.flags)
    if not rule.has("words"):
        raise RuleLoadError(rule.path, rule.line, "a pattern rule needs 'pattern' or 'words'")
    value = rule.values["words"]
    words = [as_string(v, rule.path, "words") for v in as_list(value, rule.path, "words")]
    for item, word in zip(value.items, words, strict=True):
        if not word.strip():
            raise RuleLoadError(rule.path, item.line, "'words' must not hold an empty word")
    return compile_source(words_regex(words), value.line, rule.path, "words", header.flags)


def read_exceptions(rule: RuleFile, header: Header) -> tuple[Rx, ...]:
    if not rule.has("exceptions"):
        return ()
    items = as_list(rule.values["exceptions"], rule.path, "exceptions")
    return tuple(compile_rx(v, rule.path, "exceptions", header.flags) for v in items)


def excepted(
    budget: Budget, exceptions: tuple[Rx, ...], prose: str, unit: Span, span: Span
) -> bool:
    """Whether an exception matches at the match's position or covers the match."""
    text = prose[unit.start : unit.end]
    for rx in exceptions:
        if budget.match_at(rx, text, span.start - unit.start) is not None:
            return True
        if any(s.contains(span) for s, _ in matches_in(budget, rx, prose, unit)):
            return True
    return False


def build(rule: RuleFile, header: Header) -> Built:
    rx = read_pattern(rule, header)
    exceptions = read_exceptions(rule, header)
    check_message(rule, header.message, {"match", *group_names(rx)})

    def run(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
        doc = analysis.doc
        budget = budget_for(rule, analysis, ctx)
        quotes = analysis.quoted_spans if header.skip_quotes else ()
        for unit in units(analysis, header.scope):
            for span, m in matches_in(budget, rx, doc.prose, unit):
                if quotes and in_quotes(quotes, span.start):
                    continue
                if exceptions and excepted(budget, exceptions, doc.prose, unit, span):
                    continue
                yield ctx.finding(
                    header.id,
                    doc,
                    span,
                    format_message(header.message, m),
                    key=finding_key(analysis, span, m.group()),
                )

    return run, False


KIND = Kind(
    name="pattern",
    keys=frozenset({"pattern", "words", "exceptions"}),
    required=(),
    scopes=TEXT_SCOPES,
    default_scope="sentence",
    build=build,
)
