"""FL605 doubled-word: "the the", also across a line break.

Some repetitions are grammatical ("had had", "that that", "what it was was"), some
are fixed expressions ("bye bye", "so so") and some are names ("Sirhan Sirhan", "Bora
Bora"). Inside a quotation a speaker may double a word for emphasis ("way way too
large", "a big big problem", "little little"): short words and the words people stress
that way are the speaker's, and so is a word said three times. Nobody stresses "the",
"while" or "potential" by saying it twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL605",
        name="doubled-word",
        category="garbled",
        severity=Severity.WARNING,
        summary="A word written twice in a row ('the the')",
        rationale=(
            "A doubled word is almost always an editing slip, and it often sits across a "
            "line break where the eye skips it. Grammatical repetitions (had had, that "
            "that, what it was was), fixed expressions (bye bye), names (Duran Duran) and "
            "emphatic doubling inside quotations (very good good) are left alone."
        ),
        examples_fail=(
            "The minister said the the fund would grow.",
            "Most of of the money went to chips.",
        ),
        examples_pass=(
            "She had had enough, and he said that that was final.",
            "Duran Duran played; “very very good,” he said.",
        ),
        fixable=True,
    ),
)
SCOPE = "document"

# Repetitions that are grammatical or idiomatic in English.
ALLOWED = frozenset(
    """
    had that do bye so very really many much no yes yeah oh ha haha ah hee ho well
    blah knock tut tsk chop hush night go boo bang pooh choo bla la wah ding bling now
    there hear bravo mahi pom tom yo dum
    """.split()
)

# "What it was was luck", "the thing is is that": grammatical after a clause that names
# what is being defined; "it was was satisfied" is a slip.
COPULAS = frozenset(("is", "was"))
_DEFINED_BEFORE = fastre.compile_regex(
    r"\b(?:what|whatever|all|where|how|why|who|thing|problem|point|question|issue|truth|fact"
    r"|reason|idea|trouble)\b[^.!?;:]{0,40}$",
    regex.IGNORECASE,
)

# Closed-class words, which a speaker does not double for emphasis: inside a quotation
# their doubling is a slip all the same ("into the the illegal trade").
FUNCTION_WORDS = frozenset(
    """
    the a an of to in on at by for from with into onto about as and or but nor if because
    than who whom whose which it he she they we you me him us them his their our your my its
    this these those any some every each not just only also will would can could should
    shall may might must has have been be are were am being while whilst when where whether
    although though since until unless after before during through throughout between
    among against without within upon toward towards across along behind beyond despite
    """.split()
)

# Inside a quotation, words of five letters or more that speakers double for emphasis
# ("great great grandfather", "sorry sorry"); shorter words pass there anyway.
EMPHATIC = frozenset(
    """
    really pretty little great small sweet never always sorry please hello hurry quick
    quickly slowly super truly totally absolutely seriously crazy happy silly funny dirty
    naughty bigger better faster louder higher further forever again thank thanks
    """.split()
)

# A verb's particle followed by the same preposition is grammatical: "logged in in
# the morning", "carry on on the road". Stems (and irregular forms) of such verbs.
PARTICLES = frozenset("in on up out off down over".split())
PHRASAL_STEMS = """
    log sign check plug opt cash chip fill pencil weigh factor phase ease move come came call
    hand turn drop pop settle tuck give gave kick lock break broke stay carry carri go went
    keep kept hold held pass take took put try tri catch caught get got set sit stand stood
    look show shut open grow grew bring brought back sell sold buy bought run ran zero
    """.split()

# Two words separated by spaces and at most one line break (compared afterwards).
_DOUBLED = fastre.compile_regex(
    r"(?<![\p{L}\p{M}\p{N}'’_-])(\p{L}[\p{L}\p{M}]*)"
    r"([ \t]*(?:\r\n|\r|\n)?[ \t]*)(?<=\s)"
    r"(\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{M}\p{N}'’_-])",
)
# A cheap first look on the standard library's re: without two equal words in a row
# anywhere (ignoring case) the full scan cannot find one. re's \w has no combining
# marks, so text in decomposed form (NFD) always gets the full scan.
_MAYBE_DOUBLED = re.compile(r"(?<![\w'’-])(\w+)\s+\1(?![\w'’-])", re.I)
_QUOTED = fastre.compile_regex(r"“[^“”]*”|\"[^\"\n]*\"|‘[^‘’]*’(?![\p{L}])")


_NEXT_WORD = fastre.compile_regex(r"[ \t]+(\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{M}])")
_PREVIOUS_WORD = fastre.compile_regex(r"(?<![\p{L}\p{M}])(\p{L}[\p{L}\p{M}]*)[ \t]+$")


def _quoted_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(prose, start, end)]


# What a preposition's object starts with: a determiner, a number or a name.
_NOUN_PHRASE_START = fastre.compile_regex(
    r"[ \t]*(?:(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|every|"
    r"each|all|time|foot|board|top|front|behalf)\b|\p{N}|\p{Lu})"
)


def _after_phrasal_verb(prose: str, start: int, end: int) -> bool:
    """Particle, then the same preposition with its object: "logged in in the morning"."""
    before = regex.search(r"(\p{L}+)[ \t]+$", prose[max(0, start - 30) : start])
    if before is None or not _NOUN_PHRASE_START.match(prose, end):
        return False
    prev = before.group(1).lower()
    return any(prev.startswith(stem) and len(prev) - len(stem) <= 4 for stem in PHRASAL_STEMS)


def doubled_words(prose: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Spans covering both copies of each doubled word."""
    end = len(prose) if end is None else end
    quoted = _quoted_spans(prose, start, end)
    for m in _DOUBLED.finditer(prose, start, end, overlapped=True):
        first, second = m.group(1), m.group(3)
        if first.lower() != second.lower():
            continue
        word = first.lower()
        if word in ALLOWED:
            continue
        if len(word) == 1 and word != "a":
            continue  # single letters are variables, grades and list labels
        if word in PARTICLES and _after_phrasal_verb(prose, m.start(), m.end()):
            continue
        if word in COPULAS and _DEFINED_BEFORE.search(prose, max(0, m.start() - 60), m.start()):
            continue
        if second[0].isupper():
            continue  # names: "Sirhan Sirhan", "Bora Bora", "The The"
        if _stressed(prose, m, word) and any(a <= m.start() and m.end() <= b for a, b in quoted):
            continue
        yield Span(m.start(), m.end())


def _stressed(prose: str, m: regex.Match[str], word: str) -> bool:
    """Whether a speaker may have doubled the word on purpose: a short or emphatic word
    that is no function word, or a word said a third time ("jobs jobs jobs")."""
    if word not in FUNCTION_WORDS and (len(word) <= 4 or word in EMPHATIC):
        return True
    third = _NEXT_WORD.match(prose, m.end())
    before = _PREVIOUS_WORD.search(prose[max(0, m.start() - 40) : m.start()])
    return any(w is not None and w.group(1).lower() == word for w in (third, before))


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    if _MAYBE_DOUBLED.search(doc.prose) is None and unicodedata.is_normalized("NFC", doc.prose):
        return
    for block in analysis.blocks:
        for span in doubled_words(doc.prose, block.span.start, block.span.end):
            text = doc.text[span.start : span.end]
            if text != doc.prose[span.start : span.end]:
                continue
            word = regex.match(r"[\p{L}\p{M}]+", text).group()
            # Remove the whitespace before the second copy and the copy itself.
            yield ctx.finding(
                "FL605",
                doc,
                span,
                f"doubled word '{' '.join(text.split())}'",
                fix=Fix(Span(span.start + len(word), span.end), ""),
                key=f"{word.lower()}|{_context(doc.prose, span)}",
            )


def _context(prose: str, span: Span) -> str:
    left = prose[max(0, span.start - 30) : span.start].split()
    right = prose[span.end : span.end + 30].split()
    return " ".join([*left[-2:], "|", *right[:2]])
