"""Paragraphs, sentences and quoted passages of a document's prose, as spans.

Articles arrive both as Markdown (blank lines between paragraphs, sometimes
hard-wrapped) and as CMS exports with one paragraph per line and no blank lines.
A line break therefore ends a block when the line is complete (ends a sentence),
looks like a heading, or the next line starts a list item or heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factlint import fastre
from factlint.model import Span

_LINES = fastre.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_MD_HEADING = fastre.compile(r"^[ \t]{0,3}#{1,6}[ \t]")
_MD_LIST = fastre.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]")
_MD_QUOTE = fastre.compile(r"^[ \t]{0,3}>")
_TABLE_ROW = fastre.compile(r"^\s*\|.*\|\s*$")
_LINE_END_COMPLETE = fastre.compile(r"[.!?:;…。！？\"”’)\]*]\s*$")

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    inc corp co ltd llc plc bros dept univ assn est approx vs etc al fig figs no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a ph.d b.a m.a u.s.a
    """.split()
)

# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and a
# capital, digit or opening quote.
_SENTENCE_END = fastre.compile(r"(?<=[.!?…。！？])[\"”’')\]]*(?=\s+[\"“‘'(\[]?[\p{Lu}\p{N}])")
_WORD_BEFORE = fastre.compile(r"([\p{L}.]+)\.$")
_INITIALS = fastre.compile_regex(r"(?:\p{L}\.)*\p{L}")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document's body (paragraph, heading, list, quote or table) and its span."""

    kind: str  # paragraph | heading | list | quote | table
    span: Span


def _kind(line: str) -> str:
    if _MD_HEADING.match(line):
        return "heading"
    if _MD_LIST.match(line):
        return "list"
    if _MD_QUOTE.match(line):
        return "quote"
    if _TABLE_ROW.match(line):
        return "table"
    return "paragraph"


def _title_like(line: str) -> bool:
    """A short line with no sentence ending: a heading in exported text. A line opening
    with a dash credits what precedes it ("— FIFA World Cup (@FIFAWorldCup) July 15,
    2018" under an embedded post), as a signature does."""
    stripped = line.strip().strip("*_ ")
    if stripped.startswith(("—", "–", "―")):
        return False
    return 0 < len(stripped) <= 90 and not _LINE_END_COMPLETE.search(stripped)


def blocks(text: str, prose: str) -> tuple[Block, ...]:
    """Blocks of the body. `text` decides Markdown kinds; spans trim blanked prose."""
    out: list[Block] = []
    start = None
    kind = "paragraph"
    pos = 0
    # Split exactly where the document's line index does (CRLF, CR, LF only).
    lines = _LINES.findall(text)
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        line_prose = prose[pos : pos + len(line)]
        blank = not line_prose.strip()
        this_kind = _kind(line)
        if blank:
            if start is not None:
                out.append(Block(kind, Span(start, pos)))
                start = None
            pos += len(raw)
            continue
        if start is not None and this_kind in ("heading", "list", "table"):
            out.append(Block(kind, Span(start, pos)))
            start = None
        if start is None:
            start = pos
            kind = this_kind
        end = pos + len(line)
        next_line = lines[i + 1].rstrip("\r\n") if i + 1 < len(lines) else ""
        # A short unpunctuated line is a heading unless the next line continues it.
        continued = next_line.lstrip()[:1].islower()
        ends_here = (
            this_kind in ("heading", "table")
            or _LINE_END_COMPLETE.search(line_prose) is not None
            or (_title_like(line_prose) and not continued)
            or _kind(next_line) in ("heading", "list", "table")
        )
        if ends_here:
            if start == pos and kind == "paragraph" and _title_like(line_prose):
                kind = "heading"
            out.append(Block(kind, Span(start, end)))
            start = None
        pos += len(raw)
    if start is not None:
        out.append(Block(kind, Span(start, len(text))))
    return tuple(_trim(prose, b) for b in out if prose[b.span.start : b.span.end].strip())


def _trim(prose: str, block: Block) -> Block:
    s, e = block.span.start, block.span.end
    while s < e and prose[s].isspace():
        s += 1
    while e > s and prose[e - 1].isspace():
        e -= 1
    return Block(block.kind, Span(s, e))


def is_abbreviation(prose: str, dot: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    m = _WORD_BEFORE.search(prose, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials ("J.R.R.", "A.") and dotted acronyms ("U.S.").
    return bool(_INITIALS.fullmatch(word)) and len(word.replace(".", "")) <= 3


def sentences(prose: str, block: Block) -> list[Span]:
    """Sentence spans inside one block; a heading or table row is one sentence."""
    start, end = block.span.start, block.span.end
    if block.kind in ("heading", "table"):
        return [block.span]
    out: list[Span] = []
    s = start
    for m in _SENTENCE_END.finditer(prose, start, end):
        dot = m.start() - 1
        if prose[dot] == "." and is_abbreviation(prose, dot):
            continue
        cut = m.end()
        if prose[s:cut].strip():
            out.append(Span(s, cut))
        s = cut
        while s < end and prose[s].isspace():
            s += 1
    if s < end and prose[s:end].strip():
        out.append(Span(s, end))
    return out


_SINGLE_QUOTE = fastre.compile_regex(r"(?<![\p{L}\p{N}])‘[^‘’\n]+’(?!\p{L})")
_DOUBLE_MARK = re.compile(r'[“"«”»]')
_CLOSER = {"“": "”", '"': '"', "«": "»"}


def quote_spans(prose: str, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """Spans of quoted text (marks included), paragraph by paragraph.

    A double quote left open runs to the end of its paragraph: news style opens a
    quote again on each paragraph it continues into, without closing the earlier one.
    """
    out: list[Span] = []
    for para in paragraphs:
        opened: int | None = None
        closer = ""
        for m in _DOUBLE_MARK.finditer(prose, para.start, para.end):
            ch, i = m.group(), m.start()
            if opened is None:
                if ch in _CLOSER:
                    opened, closer = i, _CLOSER[ch]
            elif ch == closer:
                out.append(Span(opened, i + 1))
                opened = None
        if opened is not None:
            out.append(Span(opened, para.end))
        out.extend(
            Span(m.start(), m.end()) for m in _SINGLE_QUOTE.finditer(prose, para.start, para.end)
        )
    return tuple(sorted(out))
