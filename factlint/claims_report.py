"""What factlint understood of an article, as plain rows (for `factlint claims`).

Every figure, date, quote and person with its location, so an editor can see why
two claims were or were not compared, and a ledger can be seeded from them. The
rows are also the exchange format (JSON lines) for pipelines over large archives.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from factlint.analysis import Analysis
from factlint.model import Span


def _num(value: float) -> float | str | None:
    if value is None:
        return None
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return float(value)


def _where(analysis: Analysis, span: Span) -> dict[str, Any]:
    line, col = analysis.doc.line_col(span.start)
    return {"path": analysis.doc.path, "line": line, "column": col}


def claim_rows(analysis: Analysis, kinds: frozenset[str]) -> Iterator[dict[str, Any]]:
    """Rows of one article's claims: figure, date, quote and person rows, in text order."""
    rows: list[tuple[int, dict[str, Any]]] = []
    if "figure" in kinds:
        for q in analysis.quantities:
            row = {
                "type": "figure",
                **_where(analysis, q.span),
                "text": q.raw,
                "value": _num(q.value),
                "value_high": _num(q.value_high),
                "lower": _num(q.lower),
                "upper": _num(q.upper),
                "kind": q.kind,
                "unit": q.unit,
                "scale": q.scale,
                "qualifier": q.qualifier,
                "subject": q.subject.text,
                "subject_terms": sorted(q.subject.entities | q.subject.terms),
                "time_scope": q.time_scope,
            }
            rows.append((q.span.start, row))
    if "date" in kinds:
        for d in analysis.dates:
            row = {
                "type": "date",
                **_where(analysis, d.span),
                "text": d.raw,
                "value": d.value,
                "grain": d.grain,
                "relative": d.relative,
                "candidates": list(d.candidates),
                "mod": d.mod,
                "in_quote": d.in_quote,
                "tense": d.tense,
                "subject": d.subject.text,
                "subject_terms": sorted(d.subject.entities | d.subject.terms),
            }
            rows.append((d.span.start, row))
    if kinds & {"quote", "person"}:
        found = analysis.attributions
        if "quote" in kinds:
            for quote in found.quotes:
                row = {
                    "type": "quote",
                    **_where(analysis, quote.span),
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "cue": quote.cue,
                }
                rows.append((quote.span.start, row))
        if "person" in kinds:
            for person in found.people:
                row = {
                    "type": "person",
                    **_where(analysis, person.span),
                    "text": person.name,
                    "title": person.title,
                    "organisation": person.organisation,
                }
                rows.append((person.span.start, row))
    for _, row in sorted(rows, key=lambda r: r[0]):
        yield row
