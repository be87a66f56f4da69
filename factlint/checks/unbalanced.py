"""FL609 unbalanced brackets and FL610 unbalanced double quotes within a paragraph.

An opening bracket or quotation mark that never closes (or a closing one that never
opened) usually means text was cut or pasted wrongly. Scanning works on paragraphs
as written: lines not separated by a blank line belong together, so a hard-wrapped
parenthesis is not split. Smileys ":)", inline enumerators "a)" and "2)" and the
news convention of multi-paragraph quotes (each paragraph opens with “, only the
last one closes) are not reported.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factlint import fastre
from factlint.analysis import Analysis
from factlint.blocks import Block
from factlint.checks.truncation import cut_ending
from factlint.document import LINK_OPENER
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL609",
        name="unbalanced-brackets",
        category="garbled",
        severity=Severity.WARNING,
        summary="A bracket that is never closed, or closed without being opened",
        rationale=(
            "An unmatched parenthesis or square bracket is a sign of text cut or pasted "
            "wrongly, and a parenthetical aside that never closes swallows the rest of the "
            "sentence. Smileys and inline enumerators such as 'a)' are not counted."
        ),
        examples_fail=(
            "The fund (worth 60 billion yuan was launched last year.",
            "The fund was launched last year] by the state.",
        ),
        examples_pass=(
            "The fund (worth 60 billion yuan) was launched [in 2025].",
            "Choose a) the fund or b) the bond :)",
        ),
    ),
    RuleMeta(
        id="FL610",
        name="unbalanced-quotes",
        category="garbled",
        severity=Severity.WARNING,
        summary="A double quotation mark that is never closed, or closed without being opened",
        rationale=(
            "A quotation that never closes leaves readers unsure where the speaker's words "
            "end and the writer's begin, which matters for attribution. A quote running over "
            "several paragraphs legitimately leaves each paragraph but the last open when "
            "the next one starts with an opening mark, unless the paragraph ends on its "
            "attribution (', she said.'); that is not reported."
        ),
        examples_fail=(
            "He said “the market is strong, and left.\n\nPrices fell.\n",
            "He said the market is strong,” and left.\n",
        ),
        examples_pass=(
            "He said “the market is strong.\n\n“Prices will rise,” he added.\n",
            'He said "the market is strong" and left; the screen measures 27" across.\n',
        ),
    ),
)
SCOPE = "document"

_PAIRS = {")": "(", "]": "["}
_SMILEY = fastre.compile(r"(?:[:;=8][-^o']?|\^_?\^?)$")
# An inline enumerator before ")": "a)", "2)", "iv)" after a start, space or punctuation.
_ENUMERATOR = fastre.compile(r"(?:^|(?<=[\s,;:/—–(-]))(?:\d{1,2}|\p{L}|[ivxIVX]{2,4})$")


# A Markdown link's "[", read as `factlint.document` masks links (its text holds no
# bracket, which also keeps a line of "[[[[" linear).
_LINK_OPEN = fastre.compile(LINK_OPENER)
_INTERVAL = fastre.compile(r"\s*[-+−]?[\d.]+%?\s*,\s*[-+−]?[\d.]+%?\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """A bracket or double quotation mark at an offset, and whether it opens or closes."""

    offset: int
    char: str
    opening: bool
    optional: bool = False  # a closing '"' after a digit may be an inch mark


def paragraph_groups(text: str, blocks: Sequence[Block]) -> list[Span]:
    """Spans of consecutive non-table blocks not separated by a blank line."""
    groups: list[Span] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "table":
            previous = None
            continue
        gap = text[previous.span.end : block.span.start] if previous is not None else ""
        if previous is not None and gap.count("\n") <= 1 and groups:
            groups[-1] = Span(groups[-1].start, block.span.end)
        else:
            groups.append(block.span)
        previous = block
    return groups


def bracket_problems(prose: str, span: Span, text: str | None = None) -> list[Mark]:
    """Unmatched ( ) [ ] inside one paragraph; `text` (unmasked) tells Markdown links."""
    stack: list[Mark] = []
    # How many of each opener the stack holds: asked at every closer, which scanning
    # the stack would make quadratic on a run like "](](](".
    held = {"(": 0, "[": 0}
    problems: list[Mark] = []
    for i in range(span.start, span.end):
        ch = prose[i]
        if ch in "([":
            if (
                ch == "("
                and _SMILEY.search(prose[max(span.start, i - 3) : i])
                and (i + 1 >= span.end or prose[i + 1].isspace())
            ):
                continue  # ":(" at the end of a phrase
            if ch == "[" and text is not None and _LINK_OPEN.match(text, i):
                continue  # "[text](url)": the masked link target took its "]"
            stack.append(Mark(i, ch, True))
            held[ch] += 1
        elif ch in ")]":
            opener = _PAIRS[ch]
            if stack and stack[-1].char == opener:
                held[stack.pop().char] -= 1
                continue
            if stack and _INTERVAL.fullmatch(prose, stack[-1].offset + 1, i):
                held[stack.pop().char] -= 1  # a half-open interval: [0, 1) or (0, 1]
                continue
            before = prose[max(span.start, i - 6) : i]
            if ch == ")" and (_SMILEY.search(before) or _ENUMERATOR.search(before)):
                continue
            if held[opener]:
                # Close the matching opener; the others inside it never closed.
                while stack[-1].char != opener:
                    problems.append(stack.pop())
                    held[problems[-1].char] -= 1
                held[stack.pop().char] -= 1
                continue
            problems.append(Mark(i, ch, False))
    problems.extend(stack)
    return sorted(problems, key=lambda m: m.offset)


def _straight_direction(prose: str, i: int, span: Span) -> bool | None:
    """True for an opening '"', False for a closing one, None when unclear."""
    before, after = _around(prose, i, 1, span)
    opens = _opens(before, after)
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-/")
    if opens == closes:
        return None
    return opens


def _around(prose: str, i: int, width: int, span: Span) -> tuple[str, str]:
    """The characters before and after a mark `width` long at `i` (a space past the
    paragraph's edges)."""
    before = prose[i - 1] if i > span.start else " "
    after = prose[i + width] if i + width < span.end else " "
    return before, after


def _opens(before: str, after: str) -> bool:
    """Whether a straight mark between these characters opens a quotation."""
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


_OTHER_QUOTES = fastre.compile_regex(r"[„‟«»]")
# Two apostrophes stand for a double quotation mark in some wire styles: after a word
# they close ("… warming,'' said Clapp"), before one they open ("''There was blood
# everywhere,'' a student said").
_DOUBLE_QUOTES = fastre.compile_regex(r"[“”\"]|(?<!')''(?!')")
# UTF-8 punctuation read as Windows-1252 or Latin-1: "â€œ" was “, "â€\x9d" ”, and "â€“"
# (an en dash) holds a “ of its own. FL601 reports the mojibake; its marks cannot be
# counted here.
_MOJIBAKE_PUNCTUATION = fastre.compile_regex(r"â[€\x80]")


def quote_marks(prose: str, span: Span) -> list[Mark] | None:
    """Double quotation marks of one paragraph with their direction; None if unclear."""
    if _OTHER_QUOTES.search(prose, span.start, span.end):
        return None  # German „…“ or guillemets: “ is not an opening mark there
    if _MOJIBAKE_PUNCTUATION.search(prose, span.start, span.end):
        return None
    marks: list[Mark] = []
    for m in _DOUBLE_QUOTES.finditer(prose, span.start, span.end):
        i = m.start()
        ch = m.group()
        if ch == '"':
            direction = _straight_direction(prose, i, span)
            if direction is None:
                return None
            inches = not direction and i > span.start and prose[i - 1].isdigit()
            marks.append(Mark(i, ch, direction, optional=inches))
        elif ch == "''":
            marks.append(Mark(i, ch, _opens(*_around(prose, i, 2, span))))
        else:
            marks.append(Mark(i, ch, ch == "“"))
    if not any(m.char == "''" and not m.opening for m in marks):
        # Two apostrophes open a quotation only where they close one too: "''Cause" is
        # a quote mark and an elision.
        marks = [m for m in marks if m.char != "''"]
    return marks


_NAME = r"\p{Lu}[\p{L}’'.-]*"


@functools.cache
def _attributed_end() -> fastre.Pattern:
    """A paragraph ending on its attribution: ", Fa said.", ", she argued.", ", said Hank
    Sheinkopf.", in any tense of the attribution extractor's reporting verbs ("told"
    wants its listener: "told reporters")."""
    from factlint.checks.attributions import word_tables

    verbs = word_tables()["reporting_verbs"] - {"told", "tell", "tells"}
    said = rf"(?:{fastre.alternation(verbs)}|(?:told|tells?)\s+\p{{L}}+)"
    return fastre.compile(
        rf",\s+(?:(?:{_NAME}\s+){{1,3}}|(?:he|she|they)\s+){said}\.\s*$"
        rf"|,\s+{said}\s+(?:{_NAME}\s*){{1,3}}\.\s*$"
    )


_WORD_BEFORE = fastre.compile(r"(?<![\p{L}\p{N}])([\p{L}\p{N}]+)\s$")


def _partial(prose: str, mark: Mark) -> bool:
    """Whether an opening mark quotes a few words inside a sentence: a lowercase word
    after it, and before it a word that is no reporting verb ("called for “calm at"),
    not a quotation that opens a sentence or follows its cue ("said: “We", "said “the")."""
    from factlint.checks.attributions import word_tables

    if not prose[mark.offset + 1 : mark.offset + 2].islower():
        return False
    word = _WORD_BEFORE.search(prose, max(0, mark.offset - 30), mark.offset)
    return word is not None and word.group(1).lower() not in word_tables()["reporting_verbs"]


def _opens_line(prose: str, group: Span, mark: Mark) -> bool:
    """Whether `mark` opens a line of `group` other than its first."""
    start = prose.rfind("\n", group.start, mark.offset) + 1
    return start > group.start and not prose[start : mark.offset].strip(" \t*_>")


def quote_problems(prose: str, groups: Sequence[Span]) -> list[Mark]:
    """Unmatched double quotes, letting a quotation run on over paragraphs."""
    problems: list[Mark] = []
    pending: list[Mark] = []  # openers left open by the previous paragraph
    for group in groups:
        marks = quote_marks(prose, group)
        if marks is None:
            pending = []
            continue
        first = prose[group.start : group.end].lstrip(" \t*_>")[:1]
        if pending and first in '“"':
            # The quotation continues with a new opening mark; a few words quoted
            # inside a sentence ("called for “calm at this time.") run on no further.
            problems.extend(mark for mark in pending if _partial(prose, mark))
            pending = []
        stack: list[Mark] = []
        for mark in marks:
            if mark.opening and stack and _opens_line(prose, group, mark):
                # A quotation running on over lines of one paragraph, each line opened
                # anew (plain text with one line a paragraph): as over paragraphs.
                problems.extend(m for m in stack if _partial(prose, m))
                stack = []
            if mark.opening:
                stack.append(mark)
            elif stack:
                stack.pop()
            elif mark.optional:
                continue  # 27" across: an inch mark
            elif pending:
                pending.pop()  # closes a quotation opened in an earlier paragraph
            else:
                problems.append(mark)
        problems.extend(pending)
        if stack and _attributed_end().search(prose, stack[-1].offset, group.end):
            # '“… 6.8 percent, Fa said.': the speaker is named after the quote, so it
            # ended here; a quotation running on has its attribution before it.
            problems.extend(stack)
            stack = []
        pending = stack
    # The last paragraph's open quotes: nothing follows that could close them.
    problems.extend(pending)
    return sorted(problems, key=lambda m: m.offset)


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    prose = doc.prose
    groups = paragraph_groups(doc.text, analysis.blocks)
    # A mark opened in the paragraph the article breaks off in ("Waves taller than 10
    # feet (3") may close in the part lost, which FL606 reports.
    cut = cut_ending(analysis)
    lost = len(prose)
    if cut is not None:
        lost = next((g.start for g in groups if g.start <= cut[0].start < g.end), cut[0].start)

    def may_close_later(mark: Mark) -> bool:
        return mark.opening and mark.offset >= lost

    for group in groups:
        for mark in bracket_problems(prose, group, doc.text):
            if not may_close_later(mark):
                yield _finding(ctx, analysis, "FL609", mark, group)
    for mark in quote_problems(prose, groups):
        group = next((g for g in groups if g.start <= mark.offset < g.end), None)
        if group is not None and not may_close_later(mark):
            yield _finding(ctx, analysis, "FL610", mark, group)


def _finding(ctx: Context, analysis: Analysis, rule_id: str, mark: Mark, group: Span) -> Finding:
    doc = analysis.doc
    span = Span(mark.offset, mark.offset + 1)
    if mark.opening:
        message = f"'{mark.char}' is never closed in this paragraph"
    else:
        opener = _PAIRS.get(mark.char, "“" if mark.char == "”" else mark.char)
        message = f"'{mark.char}' closes a '{opener}' that was never opened in this paragraph"
    words = doc.prose[max(group.start, mark.offset - 30) : mark.offset + 30].split()
    return ctx.finding(rule_id, doc, span, message, key=f"{mark.char}|{' '.join(words[1:-1])}")
