"""FL305 unattributed-quote: a direct quotation that names no speaker near it.

A quote is reported when it has at least `min_words` words (default 8) and nothing
around it says who is speaking. Precision first, so a quote is left alone when:

- the extractor found a speaker or a reporting cue for it;
- it is not a sentence of its own: words of the sentence stand before its opening
  mark or after its closing mark ("fines apply for “…”", "he resents it: “…”",
  "“…,” Augusto Reyes, director", "one sign read “…”"), so the sentence attributes
  it or says what it is;
- it is a heading, a block quote or a table cell (layout attributes those), a title
  of a work (Title Cased words) or a question (rhetorical, or a headline);
- its paragraph or the paragraph before has an attributed quote, a reporting verb
  ("said", "wrote", "according to", "…, saying") outside quotation marks, or ends with
  a colon;
- a person is named in the paragraph before or earlier in its own paragraph, or "he"
  or "she" stands before it in its paragraph (the quote is theirs by context);
- it opens its paragraph, is nearly all of it, and the next paragraph names a
  person or has a reporting verb (a lede quote attributed just below it);
- it continues an unattributed quotation from the paragraph before (reported once).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.claims import Quote
from factlint.extract.attribution import PARTICIPLES, normalise_quote
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL305",
        name="unattributed-quote",
        category="attribution",
        severity=Severity.INFO,
        summary="A direct quote of eight words or more with no speaker near it",
        rationale=(
            "Quotation marks tell readers that someone said these exact words; without a "
            "speaker in the quote's paragraph or the one before, they cannot tell who, "
            "and an editor cannot check it. Short phrases in quotes (scare quotes), titles "
            "of works, questions, signs and slogans, block quotes and a lede quote "
            "attributed in the next paragraph are not reported."
        ),
        examples_fail=(
            "The council met on Tuesday to discuss the budget.\n\n"
            '"We cannot keep cutting the library budget every single year."\n',
        ),
        examples_pass=(
            "The council met on Tuesday to discuss the budget.\n\n"
            '"We cannot keep cutting the library budget every single year," said Mayor Ann '
            "Lee.\n",
            "Protesters gathered outside the hall.\n\n"
            'One sign read "Hands off our libraries and our children\'s future".\n',
        ),
    ),
)
SCOPE = "document"
OPTIONS = {"min_words": int}
DEFAULTS = {"min_words": 8}

_QUOTE_MARKS = '"“”„«»'
_PRONOUN = fastre.compile(r"\b(?:[Hh]e|[Ss]he)\b")


@functools.cache
def _cue_pattern() -> fastre.Pattern:
    from factlint.checks.attributions import word_tables

    alternation = fastre.alternation(word_tables()["reporting_verbs"])
    # "Buhari congratulated Tinubu, saying he is the best man" and "a statement saying,
    # “…”": speech told in a clause ("a lot of explaining" and "researchers are warning
    # of" tell none).
    participle = rf",\s*(?:{PARTICIPLES})\b|\b(?:{PARTICIPLES})\s*[,:]\s*[\"“]"
    return fastre.compile(rf"\b(?:{alternation}|according\s+to)\b|{participle}", regex.I)


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    min_words = int(ctx.options.get("min_words", 8))
    attrs = analysis.attributions
    quotes = attrs.quotes
    blocks = analysis.blocks
    paras = analysis.paragraphs
    text = analysis.doc.prose
    spans_by_para: dict[int, list[Span]] = {}
    for q in quotes:
        spans_by_para.setdefault(q.paragraph, []).append(q.span)
    person_starts = sorted(p.span.start for p in attrs.people)
    sentences = sorted(analysis.sentences, key=lambda x: x.start)
    for q in quotes:
        if q.speaker or q.cue or len(q.text.split()) < min_words:
            continue
        if q.paragraph >= len(paras) or blocks[q.paragraph].kind in ("heading", "quote", "table"):
            continue
        if _titled(q.text) or q.text.rstrip(" .…" + _QUOTE_MARKS)[-1:] == "?":
            continue
        para = paras[q.paragraph]
        opening = _open_mark(text, q)
        if not _standalone(text, sentences, para, opening, q):
            continue
        if _continues(text, quotes, paras, q):
            continue
        if _attributed_near(text, quotes, paras, spans_by_para, q):
            continue
        if _person_near(text, paras, person_starts, q, opening):
            continue
        if _lede(text, paras, spans_by_para, person_starts, q):
            continue
        message = "Quote has no speaker in its paragraph or the one before"
        key = normalise_quote(q.text)
        yield ctx.finding("FL305", analysis.doc, q.span, message, key=key)


def _standalone(text: str, sentences: Sequence[Span], para: Span, opening: int, q: Quote) -> bool:
    """The quotation is a sentence of its own: nothing of the sentence stands before its
    opening mark or after its closing mark. A quote inside a sentence ("fines apply for
    “…”", "he resents it: “…”", "“…,” Augusto Reyes, director") is attributed by the
    sentence around it."""
    i = bisect.bisect_right([s.start for s in sentences], opening) - 1
    start = sentences[i].start if i >= 0 and sentences[i].end > opening else para.start
    start = max(start, para.start)
    if text[start:opening].strip(" \t>*-—–"):
        return False
    close = q.span.end
    while close < para.end and text[close] in _QUOTE_MARKS + ".,!?;:… \t’'":
        if text[close] in ",;:":
            return False
        close += 1
    after = text[close : para.end]
    # The next thing must be a new sentence (or nothing).
    return not after.strip() or bool(regex.match(r"\s*[\p{Lu}\p{N}\"“]", after))


def _open_mark(text: str, q: Quote) -> int:
    """Offset of the quote's opening mark (the span excludes it)."""
    i = q.span.start
    while i > 0 and text[i - 1] not in _QUOTE_MARKS and text[i - 1].isspace():
        i -= 1
    return max(0, i - 1)


def _titled(text: str) -> bool:
    """ "The Importance of Indigenous Peoples' Lands": a title of a work."""
    words = regex.findall(r"\p{L}[\p{L}'’\-]*", text)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _outside(text: str, span: Span, quoted: Sequence[Span]) -> str:
    """The paragraph's text with its quotations blanked."""
    chars = list(text[span.start : span.end])
    for s in quoted:
        for k in range(max(s.start, span.start), min(s.end, span.end)):
            chars[k - span.start] = " "
    return "".join(chars)


def _has_cue(text: str, span: Span, quoted: Sequence[Span]) -> bool:
    return _cue_pattern().search(_outside(text, span, quoted)) is not None


def _attributed_near(
    text: str,
    quotes: Sequence[Quote],
    paras: Sequence[Span],
    spans_by_para: dict[int, list[Span]],
    q: Quote,
) -> bool:
    for pi in (q.paragraph, q.paragraph - 1):
        if pi < 0:
            continue
        if any(x.speaker for x in quotes if x.paragraph == pi):
            return True
        if _has_cue(text, paras[pi], spans_by_para.get(pi, [])):
            return True
    if q.paragraph > 0:
        prev = paras[q.paragraph - 1]
        if text[prev.start : prev.end].rstrip().endswith(":"):
            return True
    return False


def _person_near(
    text: str, paras: Sequence[Span], person_starts: Sequence[int], q: Quote, opening: int
) -> bool:
    """A person named in the paragraph before, or earlier in the quote's own paragraph,
    or "he"/"she" there: the quote is theirs by context ("Dan, 19, returned home. He
    will not go back. “I was living in a flat ...”")."""
    para = paras[q.paragraph]
    lo = paras[q.paragraph - 1].start if q.paragraph > 0 else para.start
    i = bisect.bisect_left(person_starts, lo)
    if i < len(person_starts) and person_starts[i] < opening:
        return True
    return _PRONOUN.search(text, para.start, opening) is not None


def _continues(text: str, quotes: Sequence[Quote], paras: Sequence[Span], q: Quote) -> bool:
    """The quotation went on from the paragraph before, left open at its end."""
    if q.paragraph == 0:
        return False
    prev = paras[q.paragraph - 1]
    return any(
        x.paragraph == q.paragraph - 1 and not text[x.span.end : prev.end].strip() for x in quotes
    )


def _lede(
    text: str,
    paras: Sequence[Span],
    spans_by_para: dict[int, list[Span]],
    person_starts: Sequence[int],
    q: Quote,
) -> bool:
    """A quote that is its whole paragraph, attributed in the next one."""
    para = paras[q.paragraph]
    rest = _outside(text, para, spans_by_para.get(q.paragraph, []))
    if len(regex.findall(r"\p{L}", rest)) > 40 or q.paragraph + 1 >= len(paras):
        return False
    nxt = paras[q.paragraph + 1]
    first = regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text[nxt.start : nxt.end], maxsplit=1)[0]
    end = nxt.start + len(first)
    if any(nxt.start <= s < end for s in person_starts):
        return True
    return _has_cue(text, Span(nxt.start, end), spans_by_para.get(q.paragraph + 1, []))
