"""The reference ledger: sourced figures, dated events, exchange rates and people.

A ledger file is YAML: a mapping with the optional top-level lists `facts`, `events`,
`rates` and `people`. Loading is strict: an unknown or duplicated key, an id used twice
(across every loaded file), an entry without a source, a value or date that does not
parse, or a wrong type raises `LedgerError(path, line, message)` naming the 1-based line
of the offending entry or key. The shape follows the Wikidata quantity (amount with
lower/upper bounds, point in time, reference) and the SDMX observation (value, unit,
period, status).

Keys (`*` required):

facts
    id*          lowercase slug, unique in the whole ledger ("cn-national-ai-fund")
    subject*     what the figure is about ("China's National AI Industry Investment Fund")
    aliases      other names the subject goes by (list of text)
    metric*      what is measured ("registered capital")
    value        a number, or text with a scale word or fraction: 60060000000,
                 "60.06 billion", "2.788 million", "650e9", "1/6", "1.2%"
    lower/upper  both, instead of `value`, for a range (same syntax)
    unit | currency*  exactly one. `currency` is an ISO 4217 code (CNY, USD). `unit` is
                 free text ("GPU-hours", "downloads"); "percent"/"%" -> "%", "percentage
                 points"/"pp" -> "pp", and "1" (dimensionless, as in Wikidata) -> "".
                 A value written with "%" needs the unit "%" (quoted in YAML: '%').
    about*       the period the figure describes: "2025" (year), "2025-01" (month),
                 "2025-01-20" (day), "2025-Q4" (quarter), "2020s" (decade), or
                 {from: ..., to: ...} (stored as "from/to", grain "interval")
    source*      {title, publisher, url, date}: title or publisher, and url or date
    tolerance    exactly one of {relative: 0.05}, {absolute: "5 million"}, {sig_figs: 3};
                 sig_figs becomes an absolute tolerance of half the last significant digit
    status       official (a register, filing or statistic) | announced (an organisation
                 on itself) | estimate (a third party's measurement) | forecast |
                 reported (known only from the press; the default)
    notes        text; keep "as reported" wording for one party's claim here
    known_wrong  values seen in circulation and refuted, in the fact's unit (numbers or
                 text with scale words, as for `value`)

events
    id*, subject*, aliases, date* (an ISO prefix whose length is its grain: "2025-01-20"
    day, "2026-01" month, "2025-Q2", "2025"), source*, notes

rates
    id*, pair* ("USD/CNY": units of the quote currency per one unit of the base),
    value | lower+upper*, period* (as `about`), source*, notes

people
    id*, name*, variants (list), title, organisation, period {from, to} (dates, either
    may be omitted), source*, notes

`load_ledger()` takes files or directories (their *.yaml, sorted). YAML dates stay
text. `Fact.aliases` (and `Event.aliases`) hold the subject first, then the listed aliases:
every name the entry answers to. `Ledger.candidates()` finds entries by those names'
terms through an inverted index, so its cost depends on the terms asked, not on the
ledger's size; `match_score()` ranks a candidate against a claim's subject.
"""

from __future__ import annotations

import bisect
import calendar
import difflib
import functools
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from factlint import fastre
from factlint.claims import CALENDAR_YEARS, Subject
from factlint.errors import InputError
from factlint.subject import STOPWORDS, content_terms, entity_names, stem

if TYPE_CHECKING:
    import yaml

__all__ = [
    "STATUSES",
    "Event",
    "Fact",
    "Ledger",
    "LedgerError",
    "PersonEntry",
    "Rate",
    "Source",
    "load_ledger",
    "match_score",
    "parse_date",
    "parse_value",
    "period_bounds",
    "shipped_ledger_paths",
]

STATUSES = ("official", "estimate", "announced", "forecast", "reported")


class LedgerError(InputError):
    """A ledger file that does not load: names the file and the offending line."""


# ---------------------------------------------------------------------------
# Entries


@dataclass(frozen=True, slots=True)
class Source:
    """Where a ledger entry comes from: title, publisher, URL and date."""

    title: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""

    def describe(self) -> str:
        """One line for a finding's evidence: "Reuters, China sets up ... (2025-01)"."""
        head = ", ".join(p for p in (self.publisher, self.title) if p)
        tail = self.date or self.url
        return f"{head} ({tail})" if tail else head


@dataclass(frozen=True, slots=True)
class Fact:
    """A sourced figure in the ledger: subject, metric, bounds, unit, period and tolerance."""

    id: str
    subject: str
    aliases: tuple[str, ...]
    metric: str
    lower: float
    upper: float
    unit: str
    about: str
    grain: str
    source: Source
    tolerance_rel: float
    tolerance_abs: float
    status: str
    notes: str
    known_wrong: tuple[float, ...]
    path: str
    line: int

    @property
    def is_range(self) -> bool:
        return self.lower != self.upper


@dataclass(frozen=True, slots=True)
class Event:
    """A sourced event in the ledger: its subject and other names, and its date and grain."""

    id: str
    subject: str
    aliases: tuple[str, ...]
    date: str
    grain: str
    source: Source
    path: str
    line: int
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Rate:
    """`lower`..`upper` units of `quote` per one `base` during `period`."""

    id: str
    base: str
    quote: str
    lower: float
    upper: float
    period: str
    grain: str
    source: Source
    path: str
    line: int
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A sourced person in the ledger: name, variants, title, organisation and period."""

    id: str
    name: str
    variants: tuple[str, ...]
    title: str
    organisation: str
    period_from: str
    period_to: str
    source: Source
    path: str
    line: int
    notes: str = ""


Entry = Fact | Event | Rate | PersonEntry


# ---------------------------------------------------------------------------
# Values and dates

_SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}
_VALUE = fastre.compile(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?)"
    r"(?:\s*/\s*(?P<den>\d+(?:\.\d+)?))?"
    r"\s*(?P<scale>[a-z]+)?\s*(?P<pct>%)?",
    regex.IGNORECASE,
)


def parse_value(raw: object) -> tuple[float, bool]:
    """A ledger number -> (value, written with "%"); raises ValueError.

    Numbers pass through; text may carry thousands commas, an exponent, a fraction
    ("1/6"), a scale word ("60.06 billion") and a trailing "%". Decimal arithmetic keeps
    60.06 billion exactly 60060000000.
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"expected a number, got {_type_name(raw)}")
    if isinstance(raw, int | float):
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(f"value {raw!r} is not finite")
        return value, False
    m = _VALUE.fullmatch(raw.strip())
    if not m:
        raise ValueError(f"cannot read {raw!r} as a number")
    try:
        number = Decimal(m["num"].replace(",", ""))
        if m["den"]:
            den = Decimal(m["den"])
            if den == 0:
                raise ValueError(f"division by zero in {raw!r}")
            number /= den
    except InvalidOperation:
        raise ValueError(f"cannot read {raw!r} as a number") from None
    if m["scale"]:
        scale = _SCALES.get(m["scale"].lower())
        if scale is None:
            raise ValueError(f"unknown scale word {m['scale']!r} in {raw!r}")
        number *= scale
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"value {raw!r} is not finite")
    return value, bool(m["pct"])


_DATE_FORMS = (
    (fastre.compile(r"\d{4}"), "year"),
    (fastre.compile(r"\d{4}-(?:0[1-9]|1[0-2])"), "month"),
    (fastre.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (fastre.compile(r"\d{4}-Q[1-4]"), "quarter"),
    (fastre.compile(r"\d{3}0s"), "decade"),
)


def parse_date(raw: object) -> tuple[str, str]:
    """An ISO date prefix -> (value, grain); a bare year may be a YAML integer."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected a date such as 2025-01-20, got {_type_name(raw)}")
    text = raw.strip()
    for pattern, grain in _DATE_FORMS:
        if pattern.fullmatch(text):
            try:
                first, last = period_bounds(text)
            except ValueError:
                raise ValueError(f"{raw!r} is not a calendar date") from None
            if first.year not in CALENDAR_YEARS or last.year not in CALENDAR_YEARS:
                years = f"{CALENDAR_YEARS.start}-{CALENDAR_YEARS.stop - 1}"
                raise ValueError(f"{raw!r} is outside the years {years}")
            return text, grain
    raise ValueError(
        f"cannot read {raw!r} as a date (use 2025, 2025-01, 2025-01-20, 2025-Q3 or 2020s)"
    )


def period_bounds(value: str) -> tuple[date, date]:
    """First and last day covered by an ISO prefix or a "from/to" interval."""
    if "/" in value:
        start, end = value.split("/", 1)
        return period_bounds(start)[0], period_bounds(end)[1]
    if value.endswith("s"):
        first = int(value[:4])
        return date(first, 1, 1), date(first + 9, 12, 31)
    year = int(value[:4])
    if len(value) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if value[5] == "Q":
        quarter = int(value[6])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
        last_day = calendar.monthrange(year, last_month)[1]
        return date(year, first_month, 1), date(year, last_month, last_day)
    month = int(value[5:7])
    if len(value) == 7:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value)
    return day, day


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    return "text" if isinstance(value, str) else type(value).__name__


# ---------------------------------------------------------------------------
# YAML with line numbers


class _Map(dict):
    """A YAML mapping that remembers its own line and each key's line."""

    __slots__ = ("key_lines", "line")


class _Seq(list):
    """A YAML sequence that remembers its own line and each item's line."""

    __slots__ = ("item_lines", "line")


@functools.cache
def _line_loader(fast: bool) -> type:
    """The YAML loader that keeps lines, made on first use: a run whose ledger files
    come from the start-up store never imports yaml (~12 ms). `fast`: libyaml's, when
    present (ten times faster on large ledgers; the same nodes and marks), which only
    text that cannot nest deeply may use (factlint.yamlload)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader

    class LineLoader(base):  # type: ignore[misc, valid-type]
        path = "<ledger>"

    LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    # Dates stay text: the ledger keeps ISO prefixes, and "2025-01-20" must not become a date.
    LineLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    return LineLoader


def _construct_map(loader: Any, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise LedgerError(loader.path, line, f"key {key!r} must be text")
        if key in result:
            raise LedgerError(
                loader.path, line, f"duplicate key {key!r} (first on line {result.key_lines[key]})"
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _parse_yaml(text: str, path: str) -> Any:
    import yaml

    from factlint.yamlload import construct_checked, fast_loader_is_safe, located

    try:
        loader = _line_loader(fast_loader_is_safe(text))(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise LedgerError(path, line, f"invalid YAML: {exc.reason}") from None
    loader.path = path
    try:
        return construct_checked(loader)
    except yaml.YAMLError as exc:
        line, problem = located(exc)
        raise LedgerError(path, line, f"invalid YAML: {problem}") from None
    except LedgerError:
        raise
    except Exception as exc:  # a value YAML reads as typed, but cannot construct
        from factlint.yamlload import unreadable_value

        line, problem = unreadable_value(text, exc)
        raise LedgerError(path, line, f"invalid YAML: {problem}") from None
    finally:
        loader.dispose()


# ---------------------------------------------------------------------------
# Validation

_ID = fastre.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
_ISO_CURRENCY = fastre.compile(r"[A-Z]{3}")
_PAIR = fastre.compile(r"([A-Z]{3})/([A-Z]{3})")
_URL = fastre.compile(r"https?://\S+")
_UNIT_CANON = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "pp": "pp",
    "percentage point": "pp",
    "percentage points": "pp",
    "1": "",
}
_KEYS = {
    "facts": tuple(
        "id subject aliases metric value lower upper unit currency about source tolerance"
        " status notes known_wrong".split()
    ),
    "events": ("id", "subject", "aliases", "date", "source", "notes"),
    "rates": ("id", "pair", "value", "lower", "upper", "period", "source", "notes"),
    "people": ("id", "name", "variants", "title", "organisation", "period", "source", "notes"),
}
_SOURCE_KEYS = ("title", "publisher", "url", "date")
_TOLERANCE_KEYS = ("relative", "absolute", "sig_figs")
_PERIOD_KEYS = ("from", "to")


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Where a mapping came from, for errors."""

    path: str
    node: _Map
    what: str  # "facts[2] (cn-fund)"

    def line_of(self, key: str | None = None) -> int:
        if key is not None and key in self.node.key_lines:
            return self.node.key_lines[key]
        return self.node.line

    def fail(self, key: str | None, message: str) -> LedgerError:
        return LedgerError(self.path, self.line_of(key), f"{self.what}: {message}")


def _check_keys(ctx: _Ctx, allowed: Sequence[str]) -> None:
    for key in ctx.node:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f" (expected: {', '.join(allowed)})"
            )
            raise ctx.fail(key, f"unknown key {key!r}{hint}")


def _text(ctx: _Ctx, key: str, *, required: bool = False) -> str:
    if key not in ctx.node or ctx.node[key] is None:
        if required:
            raise ctx.fail(None, f"missing required key {key!r}")
        return ""
    value = ctx.node[key]
    if not isinstance(value, str):
        raise ctx.fail(key, f"{key!r} must be text, got {_type_name(value)}")
    value = " ".join(value.split())
    if required and not value:
        raise ctx.fail(key, f"{key!r} must not be empty")
    return value


def _text_list(ctx: _Ctx, key: str) -> tuple[str, ...]:
    value = ctx.node.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ctx.fail(key, f"{key!r} must be a list of text, got {_type_name(value)}")
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            line = value.item_lines[i] if isinstance(value, _Seq) else ctx.line_of(key)
            raise LedgerError(
                ctx.path, line, f"{ctx.what}: {key}[{i}] must be non-empty text, got {item!r}"
            )
        items.append(" ".join(item.split()))
    return tuple(items)


def _mapping(ctx: _Ctx, key: str, allowed: Sequence[str], what: str) -> _Ctx | None:
    value = ctx.node.get(key)
    if value is None:
        return None
    if not isinstance(value, _Map):
        raise ctx.fail(key, f"{key!r} must be a mapping, got {_type_name(value)}")
    sub = _Ctx(ctx.path, value, f"{ctx.what} {what}")
    _check_keys(sub, allowed)
    return sub


def _source(ctx: _Ctx) -> Source:
    sub = _mapping(ctx, "source", _SOURCE_KEYS, "source")
    if sub is None:
        raise ctx.fail(None, "missing required key 'source' (every entry needs a source)")
    raw_date = sub.node.get("date")
    when = ""
    if raw_date is not None:
        try:
            when, _ = parse_date(raw_date)
        except ValueError as exc:
            raise sub.fail("date", str(exc)) from None
    url = _text(sub, "url")
    if url and not _URL.fullmatch(url):
        raise sub.fail("url", f"url {url!r} must start with http:// or https://")
    source = Source(_text(sub, "title"), _text(sub, "publisher"), url, when)
    if not (source.title or source.publisher):
        raise sub.fail(None, "source needs a title or a publisher")
    if not (source.url or source.date):
        raise sub.fail(None, "source needs a url or a date")
    return source


def _number(ctx: _Ctx, key: str) -> tuple[float, bool]:
    try:
        return parse_value(ctx.node[key])
    except ValueError as exc:
        raise ctx.fail(key, f"{key!r}: {exc}") from None


def _bounds(ctx: _Ctx) -> tuple[float, float, bool]:
    """`value`, or `lower` and `upper` -> (lower, upper, any written with %)."""
    has = {k: ctx.node.get(k) is not None for k in ("value", "lower", "upper")}
    if has["value"]:
        if has["lower"] or has["upper"]:
            key = "lower" if has["lower"] else "upper"
            raise ctx.fail(key, "give either 'value' or 'lower' and 'upper', not both")
        value, pct = _number(ctx, "value")
        return value, value, pct
    if has["lower"] != has["upper"]:
        present = "lower" if has["lower"] else "upper"
        raise ctx.fail(present, "a range needs both 'lower' and 'upper'")
    if not has["lower"]:
        raise ctx.fail(None, "missing required key 'value' (or 'lower' and 'upper')")
    lower, pct_lo = _number(ctx, "lower")
    upper, pct_hi = _number(ctx, "upper")
    if lower > upper:
        raise ctx.fail("lower", f"lower bound {lower:g} is above upper bound {upper:g}")
    return lower, upper, pct_lo or pct_hi


def _period(ctx: _Ctx, key: str) -> tuple[str, str]:
    """A date prefix or {from, to} -> (value, grain)."""
    if key not in ctx.node or ctx.node[key] is None:
        raise ctx.fail(None, f"missing required key {key!r}")
    raw = ctx.node[key]
    if isinstance(raw, _Map):
        sub = _Ctx(ctx.path, raw, f"{ctx.what} {key}")
        _check_keys(sub, _PERIOD_KEYS)
        ends = []
        for end in _PERIOD_KEYS:
            if raw.get(end) is None:
                raise sub.fail(None, f"an interval needs both 'from' and 'to' (missing {end!r})")
            try:
                ends.append(parse_date(raw[end])[0])
            except ValueError as exc:
                raise sub.fail(end, str(exc)) from None
        if period_bounds(ends[0])[0] > period_bounds(ends[1])[1]:
            raise sub.fail("from", f"interval starts ({ends[0]}) after it ends ({ends[1]})")
        return f"{ends[0]}/{ends[1]}", "interval"
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise ctx.fail(key, str(exc)) from None


def _identity(ctx: _Ctx) -> str:
    entry_id = _text(ctx, "id", required=True)
    if not _ID.fullmatch(entry_id):
        raise ctx.fail("id", f"id {entry_id!r} must be a lowercase slug such as 'cn-ai-fund'")
    return entry_id


def _names(subject: str, aliases: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in (subject, *aliases):
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _unit(ctx: _Ctx) -> str:
    has_unit = ctx.node.get("unit") is not None
    has_currency = ctx.node.get("currency") is not None
    if has_unit and has_currency:
        raise ctx.fail("currency", "give either 'unit' or 'currency', not both")
    if has_currency:
        code = _text(ctx, "currency", required=True)
        if not _ISO_CURRENCY.fullmatch(code):
            raise ctx.fail("currency", f"currency {code!r} must be an ISO 4217 code such as USD")
        return code
    if not has_unit:
        raise ctx.fail(None, "missing required key 'unit' (or 'currency')")
    raw = ctx.node["unit"]
    if isinstance(raw, int) and not isinstance(raw, bool) and raw == 1:
        return ""
    unit = _text(ctx, "unit", required=True)
    return _UNIT_CANON.get(unit.lower(), unit)


def _tolerance(ctx: _Ctx, lower: float, upper: float) -> tuple[float, float]:
    sub = _mapping(ctx, "tolerance", _TOLERANCE_KEYS, "tolerance")
    if sub is None:
        return 0.0, 0.0
    given = [k for k in _TOLERANCE_KEYS if sub.node.get(k) is not None]
    if len(given) != 1:
        raise sub.fail(None, "tolerance needs exactly one of relative, absolute, sig_figs")
    key = given[0]
    raw = sub.node[key]
    if key == "sig_figs":
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise sub.fail(key, f"sig_figs must be a whole number of at least 1, got {raw!r}")
        magnitude = max(abs(lower), abs(upper))
        if magnitude == 0:
            return 0.0, 0.0
        return 0.0, 0.5 * 10 ** (math.floor(math.log10(magnitude)) - raw + 1)
    value, pct = _number(sub, key)
    if key == "relative":
        if pct:
            value /= 100
        if not 0 <= value < 1:
            raise sub.fail(key, f"relative tolerance must be in [0, 1), got {raw!r}")
        return value, 0.0
    if value < 0:
        raise sub.fail(key, f"absolute tolerance must not be negative, got {raw!r}")
    return 0.0, value


def _known_wrong(ctx: _Ctx, unit: str) -> tuple[float, ...]:
    raw = ctx.node.get("known_wrong")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ctx.fail("known_wrong", f"'known_wrong' must be a list, got {_type_name(raw)}")
    values = []
    for i, item in enumerate(raw):
        line = raw.item_lines[i] if isinstance(raw, _Seq) else ctx.line_of("known_wrong")
        try:
            value, pct = parse_value(item)
        except ValueError as exc:
            raise LedgerError(ctx.path, line, f"{ctx.what}: known_wrong[{i}]: {exc}") from None
        if pct and unit != "%":
            raise LedgerError(
                ctx.path, line, f"{ctx.what}: known_wrong[{i}] is a percentage but unit is {unit!r}"
            )
        values.append(value)
    return tuple(values)


def _fact(ctx: _Ctx, entry_id: str) -> Fact:
    subject = _text(ctx, "subject", required=True)
    metric = _text(ctx, "metric", required=True)
    lower, upper, pct = _bounds(ctx)
    unit = _unit(ctx)
    if pct and unit != "%":
        key = "value" if "value" in ctx.node else "lower"
        raise ctx.fail(key, f"value is a percentage but unit is {unit or '1'!r}")
    about, grain = _period(ctx, "about")
    source = _source(ctx)
    tol_rel, tol_abs = _tolerance(ctx, lower, upper)
    status = _text(ctx, "status") or "reported"
    if status not in STATUSES:
        raise ctx.fail("status", f"status {status!r} must be one of {', '.join(STATUSES)}")
    return Fact(
        id=entry_id,
        subject=subject,
        aliases=_names(subject, _text_list(ctx, "aliases")),
        metric=metric,
        lower=lower,
        upper=upper,
        unit=unit,
        about=about,
        grain=grain,
        source=source,
        tolerance_rel=tol_rel,
        tolerance_abs=tol_abs,
        status=status,
        notes=_text(ctx, "notes"),
        known_wrong=_known_wrong(ctx, unit),
        path=ctx.path,
        line=ctx.node.line,
    )


def _event(ctx: _Ctx, entry_id: str) -> Event:
    subject = _text(ctx, "subject", required=True)
    aliases = _names(subject, _text_list(ctx, "aliases"))
    if ctx.node.get("date") is None:
        raise ctx.fail(None, "missing required key 'date'")
    try:
        when, grain = parse_date(ctx.node["date"])
    except ValueError as exc:
        raise ctx.fail("date", str(exc)) from None
    source = _source(ctx)
    return Event(
        entry_id,
        subject,
        aliases,
        when,
        grain,
        source,
        ctx.path,
        ctx.node.line,
        _text(ctx, "notes"),
    )


def _rate(ctx: _Ctx, entry_id: str) -> Rate:
    pair = _text(ctx, "pair", required=True)
    m = _PAIR.fullmatch(pair)
    if not m or m[1] == m[2]:
        raise ctx.fail("pair", f"pair {pair!r} must name two ISO currencies, such as 'USD/CNY'")
    lower, upper, pct = _bounds(ctx)
    if pct or lower <= 0:
        key = "value" if "value" in ctx.node else "lower"
        raise ctx.fail(key, "an exchange rate must be a positive number")
    period, grain = _period(ctx, "period")
    source = _source(ctx)
    return Rate(
        entry_id,
        m[1],
        m[2],
        lower,
        upper,
        period,
        grain,
        source,
        ctx.path,
        ctx.node.line,
        _text(ctx, "notes"),
    )


def _person(ctx: _Ctx, entry_id: str) -> PersonEntry:
    name = _text(ctx, "name", required=True)
    variants = _text_list(ctx, "variants")
    ends = {"from": "", "to": ""}
    sub = _mapping(ctx, "period", _PERIOD_KEYS, "period")
    if sub is not None:
        for end in _PERIOD_KEYS:
            if sub.node.get(end) is not None:
                try:
                    ends[end] = parse_date(sub.node[end])[0]
                except ValueError as exc:
                    raise sub.fail(end, str(exc)) from None
    source = _source(ctx)
    return PersonEntry(
        entry_id,
        name,
        variants,
        _text(ctx, "title"),
        _text(ctx, "organisation"),
        ends["from"],
        ends["to"],
        source,
        ctx.path,
        ctx.node.line,
        _text(ctx, "notes"),
    )


_BUILDERS = {"facts": _fact, "events": _event, "rates": _rate, "people": _person}


def _entries_of(data: Any, path: str) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {section: [] for section in _BUILDERS}
    if data is None:
        return out
    if not isinstance(data, _Map):
        raise LedgerError(path, 1, f"a ledger file must be a mapping, got {_type_name(data)}")
    top = _Ctx(path, data, "ledger")
    _check_keys(top, tuple(_BUILDERS))
    for section, build in _BUILDERS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, _Seq):
            raise top.fail(section, f"{section!r} must be a list, got {_type_name(items)}")
        for i, item in enumerate(items):
            if not isinstance(item, _Map):
                raise LedgerError(
                    path,
                    items.item_lines[i],
                    f"{section}[{i}] must be a mapping, got {_type_name(item)}",
                )
            ctx = _Ctx(path, item, f"{section}[{i}]")
            _check_keys(ctx, _KEYS[section])
            entry_id = _identity(ctx)
            ctx = _Ctx(path, item, f"{section}[{i}] ({entry_id})")
            out[section].append(build(ctx, entry_id))
    return out


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            files.append(p)
    return files


def load_ledger(paths: Sequence[str | Path]) -> Ledger:
    """Load and validate ledger files (a directory means its *.yaml); raises LedgerError."""
    sections: dict[str, list[Entry]] = {section: [] for section in _BUILDERS}
    for file in _expand(paths):
        name = _shown(file)
        if file.exists() and not file.is_file():  # a named pipe would wait for a writer
            raise LedgerError(name, None, "cannot read ledger: not a regular file")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise LedgerError(name, None, f"cannot read ledger: {exc}") from None
        for section, entries in _file_entries(text, name).items():
            sections[section].extend(entries)
    return Ledger(
        facts=tuple(sections["facts"]),  # type: ignore[arg-type]
        events=tuple(sections["events"]),  # type: ignore[arg-type]
        rates=tuple(sections["rates"]),  # type: ignore[arg-type]
        people=tuple(sections["people"]),  # type: ignore[arg-type]
    )


def _file_entries(text: str, name: str) -> dict[str, list[Entry]]:
    """The validated entries of one ledger file, kept in the start-up store while the
    text is unchanged (parsing with lines and validating cost ~5 ms a run)."""
    from factlint.startup_store import remembered

    return remembered(f"ledger {name}", text, lambda: _entries_of(_parse_yaml(text, name), name))


def _shown(file: Path) -> str:
    """The path as findings show it: relative to the working folder when inside it."""
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(file)


def ledger_files(shipped: bool, extra: Sequence[str | Path]) -> list[Path]:
    """The ledger files a run loads: the shipped ones unless turned off, then the config's."""
    return [*(shipped_ledger_paths() if shipped else []), *(Path(p) for p in extra)]


def shipped_ledger_paths() -> list[Path]:
    """The ledger files shipped with factlint: the installed copy, else the checkout's."""
    from factlint.resources import shipped_ledger_dir

    folder = shipped_ledger_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


# ---------------------------------------------------------------------------
# Lookup


def _keys(text: str) -> frozenset[str]:
    """Index keys of a name: its content terms and entity names, plus hyphenated parts."""
    return _with_parts(content_terms(text) | entity_names(text))


def _with_parts(terms: Iterable[str]) -> frozenset[str]:
    # "deepseek-v3" also answers to "deepseek"; parts of two letters or fewer are noise.
    out = set()
    for term in terms:
        key = term.casefold()
        out.add(key)
        if "-" in key:
            out.update(stem(p) for p in key.split("-") if len(p) > 2 and not p.isdigit())
    return frozenset(out)


# A term in more entries than this does not find candidates by itself ("fund", "ai").
COMMON_TERM = 256


def _contains(positions: tuple[int, ...], position: int) -> bool:
    """Membership in a sorted posting list."""
    i = bisect.bisect_left(positions, position)
    return i < len(positions) and positions[i] == position


def _person_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Ledger:
    """Every loaded ledger entry, indexed by id, by the terms of its names and by person."""

    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = ()
    rates: tuple[Rate, ...] = ()
    people: tuple[PersonEntry, ...] = ()
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    _named: tuple[Fact | Event, ...] = field(init=False, repr=False, compare=False)
    _by_term: Mapping[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _by_person: Mapping[str, PersonEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Entry] = {}
        for entry in (*self.facts, *self.events, *self.rates, *self.people):
            first = by_id.get(entry.id)
            if first is not None:
                raise LedgerError(
                    entry.path,
                    entry.line,
                    f"duplicate id {entry.id!r} (first defined at {first.path}:{first.line})",
                )
            by_id[entry.id] = entry
        named = (*self.facts, *self.events)
        by_term: dict[str, list[int]] = {}
        for position, entry in enumerate(named):
            for key in frozenset().union(*(_keys(name) for name in entry.aliases)):
                by_term.setdefault(key, []).append(position)
        by_person: dict[str, PersonEntry] = {}
        for person in self.people:
            for name in (person.name, *person.variants):
                by_person.setdefault(_person_key(name), person)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_named", named)
        object.__setattr__(self, "_by_term", {k: tuple(v) for k, v in by_term.items()})
        object.__setattr__(self, "_by_person", by_person)

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, id: str) -> Entry | None:
        return self._by_id.get(id)

    def candidates(self, terms: Iterable[str], limit: int = 50) -> list[Fact | Event]:
        """Facts and events whose names share terms with `terms`, most shared first.

        `terms` are normalised as `factlint.subject` does (for a claim, pass
        `subject.terms | subject.entities`). Rare terms are looked up first; a term
        shared by more than `COMMON_TERM` entries only re-ranks what rarer terms found,
        and at most `limit` entries come back, so the cost per claim does not grow with
        the ledger.
        """
        postings = sorted(
            (self._by_term[key] for key in _with_parts(terms) if key in self._by_term), key=len
        )
        shared: dict[int, int] = {}
        for positions in postings:
            common = len(positions) > COMMON_TERM
            if common and shared:
                for position in shared:
                    if _contains(positions, position):
                        shared[position] += 1
                continue
            for position in positions[:COMMON_TERM] if common else positions:
                shared[position] = shared.get(position, 0) + 1
        ranked = sorted(shared, key=lambda position: (-shared[position], position))[:limit]
        return [self._named[position] for position in ranked]

    def rate(self, base: str, quote: str, when: str | None) -> Rate | None:
        """The rate for base/quote in force at `when` (an ISO prefix), the narrowest first.

        The inverse pair is derived when only it is stored. Without `when` a rate is
        returned only if the pair has a single entry.
        """
        base, quote = base.upper(), quote.upper()
        found = [r for r in self.rates if (r.base, r.quote) == (base, quote)]
        if not found:
            found = [_inverse(r) for r in self.rates if (r.base, r.quote) == (quote, base)]
        if when is None:
            return found[0] if len(found) == 1 else None
        try:
            value, _ = parse_date(when)
        except ValueError:
            return None
        start, end = period_bounds(value)
        fitting = []
        for r in found:
            r_start, r_end = period_bounds(r.period)
            if r_start <= end and start <= r_end:
                fitting.append(((r_end - r_start).days, r))
        return min(fitting, key=lambda pair: pair[0])[1] if fitting else None

    def person(self, name: str) -> PersonEntry | None:
        return self._by_person.get(_person_key(name))


def _inverse(rate: Rate) -> Rate:
    return Rate(
        rate.id,
        rate.quote,
        rate.base,
        1 / rate.upper,
        1 / rate.lower,
        rate.period,
        rate.grain,
        rate.source,
        rate.path,
        rate.line,
        rate.notes,
    )


_DIGITS = fastre.compile(r"\d")


def initials(text: str) -> frozenset[str]:
    """The initials of each run of two to four content words in a row."""
    words = text.split()
    out = set()
    for i in range(len(words)):
        for n in range(2, 5):
            run = words[i : i + n]
            if len(run) < n or any(w in STOPWORDS or not w.isalpha() for w in run):
                break
            out.add("".join(w[0] for w in run))
    return frozenset(out)


def match_score(entry_aliases: Iterable[str], subject: Subject) -> float:
    """How well a claim's subject matches an entry's names, 0..1 (the best alias wins).

    The product of two views of one alias: rapidfuzz's token_set_ratio against the
    subject's text, and the share of the alias's terms that the subject has. The
    product needs both to be high, so a subject that names the same companies but
    not the measure ("... lost $1 trillion in market value" against "... capital
    expenditure") falls well below a subject that names both. An alias carrying a
    number ("AI Index 2025", "DeepSeek-V3") counts half when the subject carries
    other numbers but not that one, so "the 2024 AI Index" does not pass for 2025.
    """
    from rapidfuzz import fuzz, utils

    subject_text = utils.default_process(subject.text)
    # The words of a name ("China's AI" -> "ai"), and the initials of runs of content
    # words ("artificial intelligence" -> "ai"): what an alias's acronym is written as.
    subject_keys = (
        _with_parts(subject.terms | subject.entities)
        | {w for name in subject.entities for w in name.split() if len(w) > 1}
        | initials(subject_text)
    )
    subject_numbers = {t for t in subject_text.split() if _DIGITS.search(t)}
    best = 0.0
    for alias in entry_aliases:
        alias_keys = _keys(alias)
        overlap = len(alias_keys & subject_keys) / len(alias_keys) if alias_keys else 0.0
        fuzzy = fuzz.token_set_ratio(alias, subject.text, processor=utils.default_process) / 100
        score = fuzzy * overlap
        alias_numbers = {t for t in utils.default_process(alias).split() if _DIGITS.search(t)}
        if alias_numbers and subject_numbers and not alias_numbers & subject_numbers:
            score *= 0.5
        best = max(best, score)
    return best
