"""FL608 tortured phrases and FL611 scrape leftovers: matches against shipped lists.

Both lists live in `factlint/data/` as YAML, so they can grow without code changes:
`tortured_phrases.yaml` (spinner signatures such as "counterfeit consciousness" for
"artificial intelligence") and `scrape_leftovers.yaml` (page furniture such as "You
may also like" or "IC Photo" left in scraped text). Patterns are compiled once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL608",
        name="tortured-phrase",
        category="garbled",
        severity=Severity.INFO,
        summary="A tortured phrase: a fixed term mangled by a synonym spinner",
        rationale=(
            "Paraphrasing tools that disguise copied text swap the words of fixed terms for "
            "synonyms: 'counterfeit consciousness' for 'artificial intelligence', 'bosom "
            "peril' for 'breast cancer' (Cabanac, Labbé and Magazinov, 2021). Such a phrase "
            "is a strong sign that the passage was spun from another text, which should be "
            "found and credited."
        ),
        examples_fail=(
            "Counterfeit consciousness is changing the world.",
            "Firms rely on profound learning and colossal information.",
        ),
        examples_pass=(
            "Artificial intelligence is changing the world.",
            "Firms rely on deep learning and big data, and meet frequently enough to agree.",
        ),
    ),
    RuleMeta(
        id="FL611",
        name="scrape-leftover",
        category="garbled",
        severity=Severity.INFO,
        summary="Web page furniture left in the text (related links, credits, reprint notices)",
        rationale=(
            "Text copied from a web page drags along its furniture: 'You may also like', "
            "'Leave a Comment', newsletter prompts, reprint notices and photo credits. "
            "They are not part of the article, and a reprint notice may mean the text is "
            "someone else's. The patterns are anchored to whole lines, sentence starts or "
            "line-final credits so that news about the same things is not flagged."
        ),
        examples_fail=(
            "The store opened in Nanjing on Friday. IC Photo\n",
            "Markets rose.\n\nYou may also like\n",
            "Markets rose. Reproduction without permission is prohibited.\n",
        ),
        examples_pass=(
            "Getty Images said it would license the photo.\n",
            "He urged readers to subscribe to our newsletter, and many liked it.\n",
        ),
    ),
)
SCOPE = "document"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A tortured phrase from the shipped list: its pattern, the phrase and the wording it spins."""

    pattern: fastre.Pattern
    phrase: str
    expected: str
    # Lowercase text every match contains: an article without it is not scanned.
    needle: str = ""


@dataclass(frozen=True, slots=True)
class Leftover:
    """A scrape leftover from the shipped list: its pattern and a description of what it is."""

    pattern: fastre.Pattern
    what: str


_EDGE_L = r"(?<![\p{L}\p{M}\p{N}])"
_EDGE_R = r"(?![\p{L}\p{M}\p{N}])"


def _phrase_regex(phrase: str) -> str:
    words = [fastre.escape(w).replace(r"\-", r"[-\s]?") for w in phrase.split()]
    return _EDGE_L + r"\s+".join(words) + r"(?:s|es)?" + _EDGE_R


@cache
def tortured_phrases() -> tuple[Phrase, ...]:
    from factlint.data import load_yaml

    out = []
    for entry in load_yaml("tortured_phrases.yaml"):
        custom = entry.get("pattern")
        source = custom or _phrase_regex(entry["phrase"])
        needle = "" if custom else entry["phrase"].split()[0].split("-")[0].lower()
        pattern = fastre.compile(source, regex.I)
        out.append(Phrase(pattern, entry["phrase"], entry["expected"], needle))
    return tuple(out)


_SENTENCE_START = r"(?:^[ \t]*|(?<=[.!?…][\"”’)]?[ \t]+))"
_WRAP = {
    "line": (r"^[ \t]*(?:{p})[ \t]*[:.!…]*[ \t]*$", regex.I | regex.M),
    "line-start": (r"^[ \t]*(?:{p})[^\n]*", regex.I | regex.M),
    "sentence": (_SENTENCE_START + r"(?:{p})[^.!?\n]*[.!?]?", regex.I | regex.M),
    "credit": (r"(?<=[.!?…][\"”’)]?[ \t]+)(?:{p})[ \t]*$", regex.M),
}


@cache
def scrape_leftovers() -> tuple[Leftover, ...]:
    from factlint.data import load_yaml

    out = []
    for entry in load_yaml("scrape_leftovers.yaml"):
        template, flags = _WRAP[entry["where"]]
        out.append(
            Leftover(
                fastre.compile(template.replace("{p}", entry["pattern"]), flags), entry["what"]
            )
        )
    return tuple(out)


def starts_as_leftover(text: str) -> bool:
    """Whether a line or paragraph opens with page furniture ("Read more: …")."""
    return any(leftover.pattern.match(text) for leftover in scrape_leftovers())


def _first_wins(matches: list[tuple[Span, object]]) -> Iterator[tuple[Span, object]]:
    """Matches in text order, the longest at each place, dropping overlaps."""
    last_end = -1
    for span, item in sorted(matches, key=lambda m: (m[0].start, -m[0].end)):
        if span.start >= last_end:
            last_end = span.end
            yield span, item


def _trimmed(prose: str, start: int, end: int) -> Span | None:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    prose, start = doc.prose, doc.body_start
    found: list[tuple[Span, object]] = []
    lowered = prose.lower()
    for phrase in tortured_phrases():
        if phrase.needle not in lowered:
            continue
        for m in phrase.pattern.finditer(prose, start):
            found.append((Span(m.start(), m.end()), phrase))
    for span, item in _first_wins(found):
        assert isinstance(item, Phrase)
        text = " ".join(doc.text[span.start : span.end].split())
        yield ctx.finding(
            "FL608",
            doc,
            span,
            f"'{text}' looks like a spun '{item.expected}' (tortured phrase)",
            key=f"{item.phrase.lower()}|{item.expected}",
        )
    found = []
    for leftover in scrape_leftovers():
        for m in leftover.pattern.finditer(prose, start):
            span = _trimmed(prose, m.start(), m.end())
            if span is not None:
                found.append((span, leftover))
    for span, item in _first_wins(found):
        assert isinstance(item, Leftover)
        text = " ".join(doc.text[span.start : span.end].split())
        shown = text if len(text) <= 60 else text[:59] + "…"
        yield ctx.finding(
            "FL611",
            doc,
            span,
            f"'{shown}' looks like {item.what} left from a web page",
            key=text.lower(),
        )
