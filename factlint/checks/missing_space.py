"""FL604 missing-space: words glued together at a comma or a sentence end.

"years,the", "in 2024,the", "experimentation.However", "in 2024.However", "up
3%.The", "U.S.officials", 'said:“We' and "published in2022" are typing or conversion
slips. The patterns are narrow on purpose: a word of letters (or a year before a
comma) on the left and a word on the right, so decimals (60.06), thousands (1,000),
initials (J.R.R.),
abbreviations (U.S., e.g.), versions (v1.2.3), file names (report.pdf), domains
(aicnbc.com) and names like Node.js never match.

Two words run together with no punctuation between them ("thegovernment", "inthe")
are found with an English word list (factlint/spelling.py): a lowercase token it does
not hold (in any British or plural form either), written once in the article, that is
a common function word and a common word of four letters or more, or a preposition
and "the". Two content words run together ("strategyinvolved") are left alone: the
word list lacks too many real compounds ("smartphone", "crowdfunding") to tell them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factlint import fastre
from factlint.analysis import Analysis
from factlint.blocks import ABBREVIATIONS
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context
from factlint.spelling import RUN_ON_FIRST, RUN_ON_LAST, is_common_word, is_english_word

RULES = (
    RuleMeta(
        id="FL604",
        name="missing-space",
        category="garbled",
        severity=Severity.WARNING,
        summary=(
            "A missing space after a comma or a sentence end ('years,the', 'growth.However'), "
            "or between two words ('thegovernment')"
        ),
        rationale=(
            "Words glued at punctuation come from careless editing or from text pasted out "
            "of PDFs and CMS exports; they read badly and break search and sentence "
            "splitting. Numbers, abbreviations, initials, domains, file names and versions "
            "are never flagged. Two words run together are flagged only when one is a common "
            "function word ('thegovernment', 'inthe') and the result is no English word."
        ),
        examples_fail=(
            "For years,the narrative was settled.",
            "They experimented.However, little changed.",
            "He is not the monster that thegovernment has portrayed.",
        ),
        examples_pass=(
            "The fund holds 60.06 billion yuan and 1,000 staff in the U.S. and e.g. Japan.",
            "J.R.R. Tolkien wrote for aicnbc.com and report.pdf, using Node.js and v1.2.3.",
            "Together, another therapy for offences: the theme of today's thermostats.",
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
# A sentence that ends on a year or a percentage: "in 2024.However", "up 3%.The".
_FIGURE_STOP = fastre.compile_regex(
    r"(?<![\p{L}\p{N}\p{M}._@/\\'’&+,:-])((?:1[5-9]|20)\d\d|\d+(?:\.\d+)?%)([.?!])" + _RIGHT_STOP
)
# Initials before a lowercase word: "U.S.officials" (not "U.S.-based", "U.S.A.").
_INITIALS = fastre.compile_regex(
    rf"(?<![\p{{L}}\p{{N}}\p{{M}}._@/\\'’&+-])((?:\p{{Lu}}\.){{2,}})(\p{{Ll}}{{3,}})(?!{_WORD_GOES_ON})"
)
# A colon glued to the quotation it introduces: 'said:“We'.
_COLON_QUOTE = fastre.compile_regex(
    r"(?<![\p{L}\p{N}\p{M}._@/\\'’&+-])(\p{Ll}{2,})(:)([“\"]\p{Lu}[\p{Ll}\p{M}]*)"
)
# A preposition glued to a year: "published in2022".
_PREPOSITION_YEAR = fastre.compile_regex(
    r"(?<![\p{L}\p{N}\p{M}._@/\\'’&+#-])"
    r"((?i:in|on|since|by|from|until|of|to|before|after|during|and))((?:1[5-9]|20)\d\d)(?![\p{N}\p{L}])"
)

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


# Two words run together where one of them is a common function word: "thegovernment",
# "strategyof", "inthe". A candidate is a lowercase token that begins or ends with one;
# the word list decides (`run_together`).
_BEFORE_THE = "in on at to of for and by from with that is was".split()
_GLUED_WORD = fastre.compile(
    r"(?<![\p{L}\p{N}\p{M}'’.@/\\#&+_-])(\p{Ll}{5,})(?![\p{L}\p{N}\p{M}'’@/\\&+_-]|\.[\p{L}\p{N}])"
)
_GLUED_CUE = fastre.compile(rf"^(?:{'|'.join(RUN_ON_FIRST)})|(?:{'|'.join(RUN_ON_LAST)})$")


def run_together(prose: str, start: int = 0, end: int | None = None) -> Iterator[tuple[Span, int]]:
    """Two words written as one ("thegovernment") and where the space goes: a token the
    word list does not hold, once in the article and in a sentence of six words or more,
    that is a function word and a common word (of four letters or more) run together,
    or a function word and "the"."""
    end = len(prose) if end is None else end
    for m in _GLUED_WORD.finditer(prose, start, end):
        word = m.group(1)
        if not _GLUED_CUE.search(word) or is_english_word(word):
            continue
        cut = _cut(word)
        if not cut or not _in_prose(prose, m.start(), m.end()):
            continue
        if len(re.findall(rf"(?<![\w'’]){word}(?![\w'’])", prose)) == 1:
            yield Span(m.start(), m.end()), m.start() + cut


_CLAUSE_END = fastre.compile(r"[.!?:;\n]")
_PROSE_WORDS = 6


def _in_prose(prose: str, start: int, end: int) -> bool:
    """Whether the token stands in a sentence of some words, not in a list of names or
    sites ("Source: theguardian, bnn.network")."""
    before = [m.end() for m in _CLAUSE_END.finditer(prose, max(0, start - 300), start)]
    after = _CLAUSE_END.search(prose, end, end + 300)
    lo = before[-1] if before else max(0, start - 300)
    hi = after.start() if after else min(len(prose), end + 300)
    return len(prose[lo:hi].split()) >= _PROSE_WORDS


def _cut(word: str) -> int:
    """Where a run-together `word` splits, or 0: after a function word, before one."""
    for first in RUN_ON_FIRST:
        rest = word[len(first) :]
        if word.startswith(first) and len(rest) >= 4 and is_common_word(rest):
            return len(first)
    if word.endswith("the") and word[:-3] in _BEFORE_THE:
        return len(word) - 3
    for last in RUN_ON_LAST:
        head = word[: -len(last)]
        if word.endswith(last) and len(head) >= 4 and is_common_word(head):
            return len(head)
    return 0


def missing_spaces(
    prose: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[Span, int]]:
    """Glued words ("years,the") and where the space goes: after the second group."""
    end = len(prose) if end is None else end
    yield from run_together(prose, start, end)
    for m in _COMMA.finditer(prose, start, end, overlapped=True):
        if len(m.group(1)) >= 2:
            yield Span(m.start(), m.end()), m.end(2)
    for m in _YEAR_COMMA.finditer(prose, start, end):
        yield Span(m.start(), m.end()), m.end(2)
    for m in _INITIALS.finditer(prose, start, end):
        if m.group(2) not in _NOT_A_SENTENCE:  # "U.S.gov": a domain's way
            yield Span(m.start(), m.end()), m.end(1)
    for m in _PREPOSITION_YEAR.finditer(prose, start, end):
        yield Span(m.start(), m.end()), m.end(1)
    for m in _COLON_QUOTE.finditer(prose, start, end):
        yield Span(m.start(), m.end()), m.end(2)
    for m in _FIGURE_STOP.finditer(prose, start, end):
        if m.group(3).lower() not in _NOT_A_SENTENCE:
            yield Span(m.start(), m.end()), m.end(2)
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
        yield Span(m.start(), m.end()), m.end(2)


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    for block in analysis.blocks:
        found = dict(missing_spaces(doc.prose, block.span.start, block.span.end))
        for span, gap in sorted(found.items()):
            glued = doc.text[span.start : span.end]
            if glued != doc.prose[span.start : span.end]:
                continue
            before = doc.text[gap - 1]
            if before.isalnum():  # "in2022"
                where = f"between '{doc.text[span.start : gap]}' and '{doc.text[gap : span.end]}'"
            else:
                where = f"after '{before}' in '{glued}'"
            yield ctx.finding(
                "FL604",
                doc,
                span,
                f"missing space {where}",
                fix=Fix(Span(gap, gap), " "),
                key=glued,
            )
