"""FL405 event-date-mismatch: a dated event that the ledger dates differently.

A date mention is matched against the ledger's events in three steps, precision first:

1. `Ledger.candidates` on the terms of the mention's clause (an inverted index, so
   the cost does not grow with the ledger);
2. `match_score` against the event's names of at least `min_score`, the event's kind
   ("listing", "release", "acquisition": factlint/data/event_verbs.yaml) named in the
   clause near the date, and every party of one of the event's names present in the
   clause ("Z.ai IPO" needs "Z.ai"; "Meta's acquisition of Manus" needs both), with
   the same version where the name carries one ("DeepSeek-R1" is not "DeepSeek-V3");
3. the dates compared at their common grain: "January 2025" against a ledger date of
   2026-01 is a mismatch, "2025" against 2025-04 is not.

Mentions that are plans or forecasts, in the future tense, in quotations, open bounds
("by 2030"), decades, and bare years naming an edition ("a 2025 AI Index report") are
not checked. One finding per mention, naming every ledger event it contradicts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.analysis import Analysis
from factlint.checks._events import (
    EventSig,
    event_words,
    lexicon,
    signature_of_text,
    stages_differ,
)
from factlint.checks.date_conflicts import dates_conflict, event_claims, shown
from factlint.claims import DateMention, Subject
from factlint.model import Finding, Location, Related, RuleMeta, Severity, Span
from factlint.rule import Context

if TYPE_CHECKING:
    from factlint.ledger import Event, Ledger

RULES = (
    RuleMeta(
        id="FL405",
        name="event-date-mismatch",
        category="ledger",
        severity=Severity.ERROR,
        summary="An event is dated differently from the ledger",
        rationale=(
            "The ledger records when key events happened (a listing, a release, an "
            "acquisition), each with its source. An article that puts such an event in "
            "another month or year is wrong, or the ledger is: the finding names the "
            "ledger's date and its source so an editor can decide. Only mentions that name "
            "the event's kind and its parties are compared, at their common grain."
        ),
        examples_fail=(
            "January 2025 saw a wave of Chinese AI companies going public in Hong Kong, with "
            "Z.ai and MiniMax raising substantial capital.\n",
            "Meta's acquisition of Manus was agreed in March 2024.\n",
        ),
        examples_pass=(
            "January 2026 saw a wave of Chinese AI companies going public in Hong Kong, with "
            "Z.ai and MiniMax raising substantial capital.\n",
            "Meta's acquisition of Manus was agreed in 2025.\n",
            "A 2025 Stanford HAI AI Index report revealed that Chinese respondents are the "
            "most optimistic.\n",
        ),
    ),
)
SCOPE = "document"
OPTIONS = {"min_score": float}
DEFAULTS = {"min_score": 0.45}


@dataclass(frozen=True, slots=True)
class _EventNames:
    """A ledger event's names as matching uses them: kinds, signatures, versions, scored names."""

    kinds: frozenset[str]  # from all its names
    names: tuple[EventSig, ...]  # one signature per name
    versions: frozenset[str]  # versions and editions any name carries ("r1", "2025")
    scored: tuple[str, ...]  # the names without their event words, for match_score


@functools.cache
def _event_names(event: Event) -> _EventNames:
    lex = lexicon()
    kinds = frozenset(kind for name in event.aliases for _, kind in event_words(name))
    names = tuple(signature_of_text(name, kinds) for name in event.aliases)
    versions = frozenset(v for n in names for vs in n.versions.values() for v in vs)
    versions |= frozenset(y for n in names for y in n.editions)
    # The kind is matched through the synonym table ("IPO" / "going public"), so the
    # score compares the rest: who, where, what.
    stripped = (" ".join(lex.kinds.sub(" ", name).split()) for name in event.aliases)
    return _EventNames(kinds, names, versions, tuple(n for n in stripped if n))


def _name_matches(claim: EventSig, name: EventSig) -> bool:
    """Every party of the ledger name is in the claim (its first, distinctive word)."""
    if not name.parties:
        return False
    known = claim.names | claim.codes  # "Nvidia's H20": H20 is Nvidia's product, and a name
    return all(party[0] in known for party in name.parties)


def _same_version(claim: EventSig, event: _EventNames) -> bool:
    """An event of one version or edition ("DeepSeek-R1", "AI Index 2025") needs that
    version or edition named in the claim."""
    return not event.versions or bool(event.versions & (claim.codes | claim.editions))


def _as_mention(event: Event) -> DateMention:
    return DateMention(
        span=Span(0, 0),
        raw=event.date,
        value=event.date,
        grain=event.grain,
        relative=False,
        sentence=Span(0, 0),
        subject=Subject(event.subject),
    )


def matching_events(d: DateMention, sig: EventSig, ledger: Ledger, min_score: float) -> list[Event]:
    """The ledger events that the mention with signature `sig` is about."""
    from factlint.ledger import Event, match_score

    subject = Subject(
        text=sig.subject.text,
        entities=sig.subject.entities | sig.names,
        terms=sig.subject.terms | d.subject.terms,
    )
    found = []
    for entry in ledger.candidates(subject.terms | subject.entities):
        if not isinstance(entry, Event):
            continue
        names = _event_names(entry)
        kinds = names.kinds & sig.kinds
        if not kinds or not _same_version(sig, names):
            continue
        if any(stages_differ(sig, name, kinds) for name in names.names):
            continue  # "lifted the H20 ban" is not the ban; a closing is not the agreement
        if not any(_name_matches(sig, name) for name in names.names):
            continue
        if match_score(names.scored or entry.aliases, subject) < min_score:
            continue
        found.append(entry)
    return found


def compared_events(
    d: DateMention, sig: EventSig, ledger: Ledger, min_score: float
) -> list[tuple[Event, bool]]:
    """The ledger events a dated mention is about, each with whether the dates conflict;
    none for a mention that is not compared (quoted, future or negated)."""
    if d.in_quote or d.tense == "future" or sig.negated:
        return []
    return [
        (e, dates_conflict(d, _as_mention(e))) for e in matching_events(d, sig, ledger, min_score)
    ]


def _ledger_location(event: Event) -> Location:
    return Location(path=event.path, line=event.line, col=1, end_line=event.line, end_col=1)


def _describe(events: list[Event]) -> str:
    """What the ledger says: "X; the ledger has 2026-01 (HKEX, ...)"."""
    what = " and ".join(e.subject for e in events)
    if len(events) == 1:
        return f"{what}; the ledger has {events[0].date} ({events[0].source.describe()})"
    sources = "; ".join(dict.fromkeys(e.source.publisher or e.source.title for e in events))
    dates = list(dict.fromkeys(e.date for e in events))
    if len(dates) == 1:
        every = "both" if len(events) == 2 else "all"
        return f"{what}; the ledger has {dates[0]} for {every} ({sources})"
    has = ", ".join(f"{e.date} for {e.subject}" for e in events)
    return f"{what}; the ledger has {has} ({sources})"


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    ledger = ctx.ledger
    if ledger is None or not ledger.events:
        return
    min_score = float(ctx.options["min_score"])
    doc = analysis.doc
    for d, sig in event_claims(analysis):
        wrong = [e for e, conflict in compared_events(d, sig, ledger, min_score) if conflict]
        if not wrong:
            continue
        message = f'"{d.raw}" ({shown(d)}) for {_describe(wrong)}'
        related = [
            Related(
                _ledger_location(e),
                f"ledger: {e.id} {e.date}, {e.source.describe()}",
            )
            for e in wrong
        ]
        ids = ",".join(f"{e.id}={e.date}" for e in wrong)
        yield ctx.finding(
            "FL405",
            doc,
            d.span,
            message,
            related=related,
            key=f"{sig.label}|{shown(d)}|{ids}",
        )
