"""FL406 title-mismatch: a person's title or organisation against the ledger's `people`.

A person the article names with a title or an organisation is looked up in the ledger
by name and variants (exactly, then by first and last name). The entries that cover
the article's publication date are compared with the title the article gives, as
FL301 compares two articles (`attributions.compare_titles`): a different role or
organisation is reported; a difference of wording, case, abbreviation or a country in
front is not, nor is a title marked as time-bound ("former", "acting"). When the
publication date is unknown, only entries without a period (or with neither end
given) are used; when some entry for the person agrees with the article, nothing is
reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from factlint.analysis import Analysis
from factlint.checks.attributions import compare_titles, describe, name_tokens, same_name
from factlint.claims import Person
from factlint.ledger import Ledger, PersonEntry, Source, period_bounds
from factlint.model import Finding, Location, Related, RuleMeta, Severity
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL406",
        name="title-mismatch",
        category="ledger",
        severity=Severity.WARNING,
        summary="A person's title or organisation contradicts the ledger for that date",
        rationale=(
            "The ledger's `people` entries record who held which post, when, and where "
            "that is documented. An article that gives a person another role or "
            "organisation at its publication date is probably wrong, or uses an old "
            "title. Entries are matched by name and variants and chosen by the article's "
            "publication date; differences of wording, abbreviation or case, and titles "
            "marked as former or acting, are not reported. The finding names the ledger's "
            "title and its source, with the ledger entry as related location."
        ),
        examples_fail=(
            "---\ndate: 2026-02-17\n---\n"
            "Demis Hassabis, CEO of OpenAI, said the gap was only months.\n",
        ),
        examples_pass=(
            "---\ndate: 2026-02-17\n---\n"
            "Demis Hassabis, chief executive of Google DeepMind, said the gap was months.\n",
        ),
    ),
)
SCOPE = "document"


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    ledger = ctx.ledger
    if ledger is None or not ledger.people:
        return
    published = analysis.published
    for person in analysis.attributions.people:
        if not (person.title or person.organisation):
            continue
        entries = [e for e in _entries(ledger, person.name) if _covers(e, published)]
        if not entries:
            continue
        kinds = [
            compare_titles(person.title, person.organisation, e.title, e.organisation)
            for e in entries
        ]
        if any(k != "role" for k in kinds):
            continue  # some entry for that date agrees
        entry = entries[0]
        yield _finding(analysis, ctx, person, entry)


def _entries(ledger: Ledger, name: str) -> list[PersonEntry]:
    exact = ledger.person(name)
    found = [
        e
        for e in ledger.people
        if e is exact or any(same_name(name, n) for n in (e.name, *e.variants))
    ]
    return found


def _covers(entry: PersonEntry, when: datetime.date | None) -> bool:
    if not entry.period_from and not entry.period_to:
        return True
    if when is None:
        return False  # a bounded entry needs a date to apply
    if entry.period_from and when < period_bounds(entry.period_from)[0]:
        return False
    return not (entry.period_to and when > period_bounds(entry.period_to)[1])


def _period(entry: PersonEntry) -> str:
    if entry.period_from and entry.period_to:
        return f"{entry.period_from} to {entry.period_to}"
    if entry.period_from:
        return f"since {entry.period_from}"
    if entry.period_to:
        return f"until {entry.period_to}"
    return ""


def _finding(analysis: Analysis, ctx: Context, person: Person, entry: PersonEntry) -> Finding:
    here = describe(person.title, person.organisation)
    there = describe(entry.title, entry.organisation)
    period = _period(entry)
    source = entry.source.describe()
    message = (
        f"{person.name} is '{here}' here; the ledger has '{there}'"
        + (f" ({period})" if period else "")
        + (f", per {source}" if source else "")
    )
    related = Related(
        Location(entry.path, entry.line, 1, entry.line, 1),
        f"ledger {entry.id}: {there}" + (f", per {source}" if source else ""),
    )
    key = "|".join([" ".join(name_tokens(person.name)), here.lower(), entry.id])
    return ctx.finding(
        "FL406", analysis.doc, person.title_span or person.span, message, related=[related], key=key
    )


def example_ledger() -> Ledger:
    """The ledger this rule's examples are written against: the shipped ledger lists no
    people, so the examples bring their own entry."""
    source = Source(
        title="Google DeepMind: Bringing together two world-class AI teams",
        publisher="Google",
        url="https://blog.google/technology/ai/april-ai-update/",
        date="2023-04-20",
    )
    entry = PersonEntry(
        "example-demis-hassabis",
        "Demis Hassabis",
        ("Sir Demis Hassabis",),
        "CEO",
        "Google DeepMind",
        "2023-04",
        "",
        source,
        "<example ledger>",
        1,
    )
    return Ledger(people=(entry,))
