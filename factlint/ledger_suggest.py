"""Draft ledger entries from what an article states (for `factlint ledger suggest`)."""

from __future__ import annotations

from typing import Any

import regex

from factlint.analysis import Analysis


def _slug(text: str, limit: int = 6) -> str:
    words = regex.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:limit]) or "entry"


def _source(analysis: Analysis) -> dict[str, str]:
    meta = analysis.doc.meta
    source = {k: str(meta[k]) for k in ("title", "url") if meta.get(k)}
    if meta.get("source"):
        source["publisher"] = str(meta["source"])
    if analysis.published:
        source["date"] = analysis.published.isoformat()
    return source


def draft_entries(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Facts from stated figures (with unit and subject) and events from resolved dates."""
    doc = analysis.doc
    facts: list[dict[str, Any]] = []
    for q in analysis.quantities:
        if q.kind not in ("money", "count", "measure", "percent") or not q.subject.text:
            continue
        line, _ = doc.line_col(q.span.start)
        entry: dict[str, Any] = {"id": f"draft-{_slug(q.subject.text)}-{line}"}
        entry["subject"] = q.subject.text
        if q.is_range:
            entry["lower"], entry["upper"] = q.value, q.value_high
        else:
            entry["value"] = q.value
        if q.kind == "money":
            entry["currency"] = q.unit
        elif q.unit:
            entry["unit"] = q.unit
        if q.time_scope and not q.time_scope.startswith("rel:"):
            entry["about"] = q.time_scope
        entry["status"] = "reported"
        entry["notes"] = f"As stated in {doc.path}:{line}: {q.raw!r}"
        entry["source"] = _source(analysis)
        facts.append(entry)
    events: list[dict[str, Any]] = []
    for d in analysis.dates:
        if not d.value or not d.subject.text or d.grain not in ("day", "month"):
            continue
        line, _ = doc.line_col(d.span.start)
        events.append(
            {
                "id": f"draft-{_slug(d.subject.text)}-{line}",
                "subject": d.subject.text,
                "date": d.value,
                "notes": f"As stated in {doc.path}:{line}: {d.raw!r}",
                "source": _source(analysis),
            }
        )
    return {"facts": facts, "events": events}
