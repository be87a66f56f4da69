"""The claim model: what a figure, a date or a quote says, and what it is about.

Numbers, dates and attributions are extracted into these types once per document;
every check and the ledger compare claims, never raw text. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.model import Span

# The years a publication or ledger date may fall in: the checks add slack days,
# relative offsets and decades to them, which must stay inside datetime's years
# 1-9999 ("Published: 0000-11-08" is no date to them).
CALENDAR_YEARS = range(100, 9900)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a claim is about, as comparable terms.

    `entities` are normalised proper names ("alibaba", "national ai fund");
    `terms` are normalised content words of the clause ("fund", "invest", "download");
    `text` is the phrase shown to editors.
    """

    text: str
    entities: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()

    def overlap(self, other: Subject) -> float:
        """Share of the smaller side's terms and entities found in the other (0..1)."""
        mine = self.entities | self.terms
        theirs = other.entities | other.terms
        if not mine or not theirs:
            return 0.0
        return len(mine & theirs) / min(len(mine), len(theirs))


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure as written, normalised to an interval.

    `value` is the figure with its scale applied (60.06 billion -> 6.006e10); for a
    range it is the lower end and `value_high` the upper end. `lower`/`upper` widen
    that by the qualifier ("up to", "about") and by the precision the digits imply
    ("60 billion" -> 55e9..65e9 when unhedged rounding is allowed).
    """

    span: Span
    raw: str
    value: float
    value_high: float
    lower: float
    upper: float
    kind: str  # money | percent | points | count | measure | multiplier | fraction | number
    unit: str  # "CNY", "USD", "$" (ambiguous dollar), "%", "pp", "GPU-hours", "downloads", ""
    scale: str  # as written: "billion", "bn", "B", "k", ""
    qualifier: str  # "" | APPROX | LESS_THAN | MORE_THAN | EQUAL_OR_LESS | EQUAL_OR_MORE
    precision: float  # half-width implied by the last significant digit, scale applied
    sentence: Span
    subject: Subject
    time_scope: str = ""  # "2026" or "2025-09" when the sentence states one
    converts: int = -1  # index of the quantity this one converts (a parenthesised conversion)

    @property
    def is_range(self) -> bool:
        return self.value_high != self.value


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date or period, resolved against the publication date when relative.

    `value` is an ISO prefix at its grain: "2025", "2025-09", "2025-09-16",
    "2025-Q3", "2020s". Empty when it cannot be resolved; `candidates` keeps every
    reading when the text is ambiguous ("on the 16th" near a month boundary).
    """

    span: Span
    raw: str
    value: str
    grain: str  # day | month | quarter | year | decade | ""
    relative: bool
    sentence: Span
    subject: Subject
    candidates: tuple[str, ...] = ()
    mod: str = ""  # "" | START | MID | END | BEFORE | AFTER
    in_quote: bool = False
    tense: str = ""  # past | future | ""


@dataclass(frozen=True, slots=True)
class Person:
    """A named person with the title and organisation the text gives them."""

    name: str
    span: Span
    title: str = ""
    organisation: str = ""
    title_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it (speaker is the full name, or "")."""

    span: Span  # the quoted words, without the quote marks
    text: str
    speaker: str
    cue: str  # "said", "according to", "told", ... or "" when unattributed
    speaker_span: Span | None = None
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    """An unbalanced quote mark, located rather than raised."""

    span: Span
    message: str
