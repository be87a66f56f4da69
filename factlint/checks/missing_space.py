"""FL604 missing-space: words glued together at a comma or a sentence end.

"years,the", "in 2024,the" and "experimentation.However" are typing or conversion
slips. The patterns are narrow on purpose: a word of letters (or a year before a
comma) on the left and a word on the right, so decimals (60.06), thousands (1,000),
initials (J.R.R.),
abbreviations (U.S., e.g.), versions (v1.2.3), file names (report.pdf), domains
(aicnbc.com) and names like Node.js never match.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.blocks import ABBREVIATIONS
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL604",
        name="missing-space",
        category="garbled",
        severity=Severity.WARNING,
        summary="A missing space after a comma or a sentence end ('years,the', 'growth.However')",
        rationale=(
            "Words glued at punctuation come from careless editing or from text pasted out "
            "of PDFs and CMS exports; they read badly and break search and sentence "
            "splitting. Numbers, abbreviations, initials, domains, file names and versions "
            "are never flagged."
        ),
        examples_fail=(
            "For years,the narrative was settled.",
            "They experimented.However, little changed.",
        ),
        examples_pass=(
            "The fund holds 60.06 billion yuan and 1,000 staff in the U.S. and e.g. Japan.",
            "J.R.R. Tolkien wrote for aicnbc.com and report.pdf, using Node.js and v1.2.3.",
        ),
        fixable=True,
    ),
)
SCOPE = "document"

# Left: a word of two or more letters that is not all capitals (ALL-CAPS tokens are
# acronyms and product names: "ASP.Net", "HTML,CSS"); it must not continue a dotted,
# @, slash or digit token (domains, e-mail, paths, versions).
_LEFT = r"(?<![\p{L}\p{N}\p{M}._@/\\'’&+-])(\p{Lu}?\p{Ll}[\p{Ll}\p{M}]*)"
# Right: a lowercase or capitalised word, ending at a word boundary (not "Com" in
# "word.Com/x", not a file extension or an identifier), and not the start of mojibake:
# a quote mark or dash read in the wrong encoding, "need,â€\x9d", is FL601's.
_WORD_GOES_ON = r"[\p{L}\p{N}_@/\\€\x80-\x9f]"
_RIGHT_COMMA = rf"(\p{{Lu}}?\p{{Ll}}[\p{{Ll}}\p{{M}}]*)(?!{_WORD_GOES_ON})"
_RIGHT_STOP = rf"(\p{{Lu}}\p{{Ll}}[\p{{Ll}}\p{{M}}]*)(?!{_WORD_GOES_ON}|\.[\p{{L}}\p{{N}}])"

_COMMA = fastre.compile_regex(_LEFT + r"(,)" + _RIGHT_COMMA)
# A year glued to a lowercase word: "in 2024,the company". Not a number of any other
# shape ("3,a", a thousands group), nor an identifier ("FY-2024,q").
_YEAR_COMMA = fastre.compile_regex(
    r"(?<![\p{L}\p{N}\p{M}._@/\\'’&+,:-])((?:1[5-9]|20)\d\d)(,)(\p{Ll}[\p{Ll}\p{M}]+)"
    rf"(?!{_WORD_GOES_ON})"
)
_STOP = fastre.compile_regex(_LEFT + r"([.?!])" + _RIGHT_STOP)

# Right-hand words that make a name, not a new sentence: top-level domains
# ("Amazon.Com") and file extensions ("Report.Docx").
_NOT_A_SENTENCE = frozenset(
    """
    com org net gov edu io ai co uk cn de fr jp info news biz us eu ca au in ru tv me app dev fm
    pdf doc docx xls xlsx ppt pptx txt csv html htm xml json jpg jpeg png gif svg mp3 mp4
    zip exe py js ts md
    """.split()
)
_ABBREVIATIONS = frozenset(a for a in ABBREVIATIONS if "." not in a)


def missing_spaces(prose: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Spans of glued words ("years,the"); the mark is the first non-letter inside."""
    end = len(prose) if end is None else end
    for m in _COMMA.finditer(prose, start, end, overlapped=True):
        if len(m.group(1)) >= 2:
            yield Span(m.start(), m.end())
    for m in _YEAR_COMMA.finditer(prose, start, end):
        yield Span(m.start(), m.end())
    for m in _STOP.finditer(prose, start, end, overlapped=True):
        left, mark, right = m.group(1), m.group(2), m.group(3)
        if len(left) < 2 or left.lower() in _ABBREVIATIONS:
            continue
        if right.lower() in _NOT_A_SENTENCE and not (right == "In" and left.islower()):
            continue  # but "unconsciously.In fact": a domain is not written ".In"
        if left[0].isupper() and len(left) == 2:
            continue  # "Ph.Ds", "Mt.Fuji": a two-letter capitalised word is an abbreviation
        if mark == "!" and left[0].isupper():
            continue  # "Yahoo!Finance": a product name with its exclamation mark
        yield Span(m.start(), m.end())


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    for block in analysis.blocks:
        spans = sorted(set(missing_spaces(doc.prose, block.span.start, block.span.end)))
        for span in spans:
            glued = doc.text[span.start : span.end]
            if glued != doc.prose[span.start : span.end]:
                continue
            mark = span.start + len(regex.match(r"[\p{L}\p{M}\p{N}]+", glued).group())
            yield ctx.finding(
                "FL604",
                doc,
                span,
                f"missing space after '{doc.text[mark]}' in '{glued}'",
                fix=Fix(Span(mark + 1, mark + 1), " "),
                key=glued,
            )
