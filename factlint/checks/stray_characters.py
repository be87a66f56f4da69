"""FL602 replacement characters and FL603 control or invisible characters in prose.

U+FFFD marks text that was lost in some earlier decoding; the original cannot be
recovered, so there is no fix. Undecodable bytes in the file itself also become
U+FFFD, but the engine reports those (FL003), so their offsets are skipped here.

Control characters (C0/C1 other than tab and line breaks) and zero-width characters
inside Latin-script words are leftovers of copy and paste. Zero-width joiners and
non-joiners are legitimate in emoji sequences and in Arabic, Persian and Indic
scripts, so they are reported only between Latin letters or digits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from factlint import fastre
from factlint.analysis import Analysis
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL602",
        name="replacement-character",
        category="garbled",
        severity=Severity.WARNING,
        summary="U+FFFD replacement characters: text lost in an earlier decoding",
        rationale=(
            "The replacement character '\ufffd' stands where some program could not decode "
            "the original bytes, so a letter, a currency sign or a quote is missing. The "
            "original cannot be recovered from the text: it has to be checked at the source."
        ),
        examples_fail=("The fund is worth \ufffd60 billion.",),
        examples_pass=("The fund is worth €60 billion.",),
    ),
    RuleMeta(
        id="FL603",
        name="control-character",
        category="garbled",
        severity=Severity.WARNING,
        summary="Control characters or zero-width characters inside words",
        rationale=(
            "Invisible characters left by copy and paste break search, word counts and "
            "quotation matching without anyone seeing them. Tabs and line breaks are fine; "
            "zero-width joiners in emoji and in scripts that need them are left alone."
        ),
        examples_fail=(
            "The minis\u200btry said so.",
            "Prices rose\x07 sharply.",
        ),
        examples_pass=(
            "The ministry said so.\tPrices rose.",
            "A family emoji 👨\u200d👩\u200d👧 and Persian می\u200cخواهم.",
        ),
        fixable=True,
    ),
)
SCOPE = "document"

# C0 and C1 controls except tab and line breaks, plus DEL.
_CONTROL = fastre.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# Zero-width space, word joiner, zero-width no-break space (a BOM not at the start),
# and the joiners, which are checked against their neighbours.
_ZERO_WIDTH = fastre.compile(r"[\u200b\u200c\u200d\u2060\ufeff]+")
_JOINERS = frozenset("\u200c\u200d")
_BREAKING_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_REPLACEMENT = fastre.compile(r"\ufffd+")


def _latin_or_digit(ch: str) -> bool:
    if ch.isdigit():
        return True
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def invisible_runs(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) for control and stray zero-width characters."""
    for m in _CONTROL.finditer(text, start):
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if any(ch in _BREAKING_CONTROLS for ch in m.group()) and not (
            before.isspace() or after.isspace()
        ):
            yield m.start(), m.end(), " "  # it separated two words: keep them apart
        else:
            yield m.start(), m.end(), ""
    for m in _ZERO_WIDTH.finditer(text, start):
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if set(m.group()) <= _JOINERS and not (_latin_or_digit(before) and _latin_or_digit(after)):
            continue
        if m.group() == "\u200b" and not (_latin_or_digit(before) or _latin_or_digit(after)):
            continue  # a line-break hint in Thai, Khmer or CJK text
        yield m.start(), m.end(), ""


def _runs(positions: Iterator[int]) -> Iterator[Span]:
    start = end = -1
    for i in positions:
        if i != end:
            if end > start:
                yield Span(start, end)
            start = i
        end = i + 1
    if end > start:
        yield Span(start, end)


def _inside_mojibake(text: str, offset: int) -> bool:
    """Whether a C1 control belongs to mojibake ("â€\x9d"), which FL601 reports."""
    if not "\x80" <= text[offset] <= "\x9f":
        return False
    from factlint.checks.mojibake import garbled_stretches

    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    rel = offset - line_start
    return any(a <= rel < b for a, b, _ in garbled_stretches(line))


def _describe(chars: str) -> str:
    names = []
    for ch in dict.fromkeys(chars):
        name = unicodedata.name(ch, "")
        names.append(f"U+{ord(ch):04X}" + (f" {name}" if name else ""))
    return ", ".join(names)


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    text, prose = doc.text, doc.prose
    decode_errors = {s.start for s in doc.decode_errors}
    for m in _REPLACEMENT.finditer(prose, doc.body_start):
        # Report each run of replacement characters the engine has not reported.
        for span in _runs(i for i in range(m.start(), m.end()) if i not in decode_errors):
            yield ctx.finding(
                "FL602",
                doc,
                span,
                "replacement character U+FFFD: some text was lost in decoding",
                key=_context_key(prose, span),
            )
    for a, b, repl in invisible_runs(prose, doc.body_start):
        span = Span(a, b)
        chars = text[a:b]
        if prose[a:b] != chars or _inside_mojibake(prose, a):
            continue
        yield ctx.finding(
            "FL603",
            doc,
            span,
            f"invisible character {_describe(chars)} in the text",
            fix=Fix(span, repl),
            key=_context_key(prose, span),
        )


def _context_key(prose: str, span: Span) -> str:
    """The words around a span: stable when other parts of the file change."""
    left = prose[max(0, span.start - 20) : span.start].split()
    right = prose[span.end : span.end + 20].split()
    return " ".join([*left[-2:], "|", *right[:2]])
