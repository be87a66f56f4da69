"""FL401-FL404: a figure against the ledger's sourced value for the same subject.

The rules are declared here and run by `factlint.checks.numbers`, in the same pass as
the cross-article checks, so that a span with both a ledger finding and a
cross-article finding is reported once, with both pieces of evidence (see that
module's docstring).

A figure is matched to a ledger fact when all of these hold:

- the fact is a candidate for the figure's subject terms (`Ledger.candidates`) and
  `match_score` reaches `ledger_threshold` (0.8) for an alias whose names the clause
  all gives (the four companies' spending is not Meta's alone; "the national
  integrated circuit industry investment fund" is not the AI fund); for a count or
  a measure in the fact's own unit ("910 million downloads"), whose clause often does
  not name the measure, `ledger_unit_threshold` (0.5) is enough when the clause also
  names the fact's subject ("ChatGPT", "DeepSeek");
- the units agree: the fact's currency ("$" counts as USD), percent, percentage points,
  a dimensionless fraction, or the same counted noun ("GPU-hours" = "GPU-hour");
- the times agree: a figure whose sentence states a year is compared only with a fact
  whose period overlaps it and is no longer than the stated one ("rel:" years are
  resolved against the publication date; "30 million downloads in January" is not the
  year's total); a figure without a stated year only with a fact whose period started
  before the article was published and ended at most `ledger_window_years` (2) years
  before, and, for a measured total over more than a month (not a plan or forecast),
  ended, or was published by its source, before the article appeared (mid-year, the
  year's total is not known);
- the figure is a level, not a change ("rose 5%") or a starting point ("from 3%"),
  not a rate ("a year", "per user"), and not a parenthesised conversion (FL104
  checks those).

Verdicts, for the fact interval widened by its tolerance and the figure's interval
widened by the precision its digits imply:

- FL404 the figure is one of the fact's `known_wrong` values;
- FL403 (info) the figure is the fact's value rounded or truncated to fewer digits
  ("60 billion yuan" for 60.06 billion), without a hedge;
- FL402 the figure is a power of ten off the fact ("$70 billion" against 650-700
  billion);
- FL401 the intervals do not overlap.

When several facts match (DeepSeek-V3's full training run, 2.788 million GPU-hours, and
its pre-training, 2.664 million), the most favourable reading wins: a figure agreeing
with one of them is not reported against the other, and a rounding of one is reported
as a rounding (naming the other fact too), never as a mismatch. A figure without a
stated year matching facts of one series at several periods (a share in 2024 and in
2025) is read as the latest period that began before publication.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from factlint import fastre
from factlint.claims import Quantity, Subject
from factlint.compare import resolve_time_scope
from factlint.extract.numbers import QUALIFIER_PREFIX, figure_role, per_unit
from factlint.ledger import Fact, Ledger, initials, match_score, parse_date, period_bounds
from factlint.model import Location, Related, RuleMeta, Severity, Span
from factlint.subject import STOPWORDS, entity_names, stem

__all__ = [
    "LEDGER_DEFAULTS",
    "LEDGER_OPTIONS",
    "LEDGER_RULES",
    "LedgerHit",
    "fact_related",
    "format_value",
    "ledger_hits",
    "matching_facts",
    "unit_matches",
]

_FAIL_SEED = (
    "Amazon, Microsoft, Alphabet and Meta announced that they will invest up to $70 "
    "billion in AI this year.\n"
)
_DATED = "---\ndate: 2026-02-17\n---\n"

LEDGER_RULES = (
    RuleMeta(
        id="FL401",
        name="ledger-mismatch",
        category="ledger",
        severity=Severity.ERROR,
        scope="corpus",
        summary="A figure disagrees with the ledger's sourced value for the same subject",
        rationale=(
            "The ledger holds figures an editor has checked against a named source. A "
            "figure about the same subject, in the same unit and period, whose interval "
            "(after its qualifier and the rounding its digits imply) does not overlap the "
            "ledger's interval and tolerance is wrong or needs a source of its own. The "
            "message names the ledger value and its source; the related location is the "
            "ledger entry. Matching is strict: the clause must name the ledger subject "
            "(or its unit must be the fact's own counted unit and the clause name the "
            "subject), the units must agree, and a figure about another year is not "
            "compared."
        ),
        examples_fail=(
            _DATED + "China's national AI fund has registered capital of 75 billion yuan.\n",
            _DATED + "ChatGPT has 700 million downloads, Sensor Tower says.\n",
        ),
        examples_pass=(
            _DATED + "China's national AI fund has registered capital of 60.06 billion yuan.\n",
            _DATED + "ChatGPT had 700 million downloads in 2019, Sensor Tower says.\n",
            _DATED + "Alibaba's Qwen models have over one billion downloads.\n",
        ),
    ),
    RuleMeta(
        id="FL402",
        name="ledger-magnitude-slip",
        category="ledger",
        severity=Severity.ERROR,
        scope="corpus",
        summary="A figure is a power of ten away from the ledger's value",
        rationale=(
            "A figure ten, a hundred or a thousand times off the sourced value is almost "
            "always a slipped digit or a wrong scale word ('million' for 'billion'). The "
            "message says which power of ten and names the ledger value and its source."
        ),
        examples_fail=(_DATED + _FAIL_SEED,),
        examples_pass=(
            _DATED + _FAIL_SEED.replace("$70 billion", "$700 billion"),
            _DATED + _FAIL_SEED.replace("this year", "in 2018"),
        ),
    ),
    RuleMeta(
        id="FL403",
        name="ledger-rounded",
        category="ledger",
        severity=Severity.INFO,
        scope="corpus",
        summary="A figure is the ledger's value rounded, without saying so",
        rationale=(
            "'60 billion yuan' for a sourced 60.06 billion is not wrong, but a reader "
            "cannot tell it is rounded; 'about 60 billion yuan' or the exact value is "
            "better where precision matters. Hedged figures ('about', 'nearly') are not "
            "reported."
        ),
        examples_fail=(_DATED + "The state set up a 60 billion yuan national AI fund.\n",),
        examples_pass=(
            _DATED + "The state set up a national AI fund of about 60 billion yuan.\n",
            _DATED + "The state set up a 60.06 billion yuan national AI fund.\n",
        ),
    ),
    RuleMeta(
        id="FL404",
        name="ledger-known-wrong",
        category="ledger",
        severity=Severity.ERROR,
        scope="corpus",
        summary="A figure is a value the ledger lists as circulating but refuted",
        rationale=(
            "Some wrong figures spread from one outlet to the next. The ledger lists them "
            "under `known_wrong` beside the sourced value, so a repeat is reported with "
            "the correct value and its source. Only ledgers that list such values produce "
            "this finding; the shipped ledger lists none yet, so the examples assume an "
            "entry for the Harbour Bridge repair budget of $120 million that lists $210 "
            "million as known wrong."
        ),
        examples_fail=(
            _DATED + "The Harbour Bridge repair budget is $210 million, the council said.\n",
        ),
        examples_pass=(
            _DATED + "The Harbour Bridge repair budget is $120 million, the council said.\n",
        ),
    ),
)

LEDGER_OPTIONS: Mapping[str, type] = {
    "ledger_threshold": float,
    "ledger_unit_threshold": float,
    "ledger_window_years": int,
}
LEDGER_DEFAULTS: Mapping[str, Any] = {
    "ledger_threshold": 0.8,
    "ledger_unit_threshold": 0.5,
    "ledger_window_years": 2,
}

# Names too common in this domain to tell one subject from another.
_WEAK_NAMES = frozenset(
    "ai us u.s usa uk eu un china chinese america american americans britain british "
    "europe european world global".split()
)
_POWER_WORDS = {1: "a tenth of", 2: "a hundredth of", 3: "a thousandth of"}
_TIMES_WORDS = {1: "ten times", 2: "a hundred times", 3: "a thousand times"}
# Statuses of facts stated before their period is over (plans, guidance, forecasts).
_AHEAD = frozenset({"announced", "forecast"})
_ORDER = {"agree": 0, "FL403": 1, "FL404": 2, "FL402": 3, "FL401": 4}


@dataclass(frozen=True, slots=True)
class LedgerHit:
    """A figure's disagreement with a ledger fact, ready to become a finding."""

    rule_id: str
    index: int  # the figure's index in its analysis' quantities
    span: Span  # the figure's
    fact: Fact
    message: str
    key: str
    related: tuple[Related, ...]


# --- units, times, subjects ---------------------------------------------------------


def unit_matches(q: Quantity, fact: Fact) -> bool:
    """Whether a figure is in the fact's unit (currency, percent, points, counted noun)."""
    unit = fact.unit
    if q.kind == "money":
        return q.unit == unit or (q.unit == "$" and unit == "USD")
    if unit == "%":
        return q.kind == "percent"
    if unit == "pp":
        return q.kind == "points" and q.unit == "pp"
    if unit == "":
        return q.kind == "fraction"
    if q.kind in ("count", "measure") and q.unit:
        if stem(q.unit.lower()) == stem(unit.lower()):
            return True
        # "2.788 million H800 GPU hours" for a fact counted in "GPU-hours": the head
        # noun, with the fact's modifier named beside the figure.
        modifier, _, head = unit.lower().rpartition("-")
        return (
            bool(modifier)
            and stem(q.unit.lower()) == stem(head)
            and modifier in q.subject.terms | q.subject.entities
        )
    return False


def _specific_unit(q: Quantity) -> bool:
    return q.kind in ("count", "measure")


def _time_matches(scope: str, published: date | None, fact: Fact, window: int) -> bool:
    f_start, f_end = period_bounds(fact.about)
    if scope and not scope.startswith("rel:"):
        try:
            c_start, c_end = period_bounds(scope)
        except (ValueError, IndexError):
            return False
        if (c_end - c_start) < (f_end - f_start):
            return False  # "30 million downloads in January" is not the year's total
        return c_start <= f_end and f_start <= c_end
    if published is None:
        return True
    if published.year > f_end.year + window:
        return False
    if (f_end - f_start).days > 31 and fact.status not in _AHEAD:
        # A measured total over a quarter or a year is known once it is over, or once
        # its source appeared: an article written before gives a figure so far.
        return published > f_end or _source_end(fact) <= published
    return f_start <= published


def _source_end(fact: Fact) -> date:
    """The last day of the fact's source date (far in the future when it has none)."""
    try:
        return period_bounds(parse_date(fact.source.date)[0])[1]
    except (ValueError, IndexError):
        return date.max


def _names_of(texts: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for text in texts:
        for name in entity_names(text):
            out.add(name)
            out.update(stem(p) for p in name.replace(" ", "-").split("-") if len(p) > 2)
    return frozenset(n for n in out if n not in _WEAK_NAMES)


def _subject_names(q: Quantity) -> frozenset[str]:
    out: set[str] = set()
    for name in q.subject.entities | q.subject.terms:
        out.add(name)
        out.update(stem(p) for p in name.replace(" ", "-").split("-") if len(p) > 2)
    return frozenset(out)


_SUBJECT_WORD = fastre.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.\-]*")


def _words(subject: Subject) -> frozenset[str]:
    """The lowercased words of a claim's clause and of its names, possessives dropped,
    and the initials of its runs of content words (an alias's "AI" is written out)."""
    plain = [
        w.lower().removesuffix("'s").rstrip(".")
        for w in _SUBJECT_WORD.findall(subject.text.replace("’", "'"))
    ]
    names = {w for name in subject.entities for w in name.split()}
    return frozenset(plain) | names | initials(" ".join(plain))


def _alias_names(alias: str) -> frozenset[str]:
    """The words of the names in an alias ("Amazon, Microsoft, Alphabet and Meta" -> 4)."""
    return frozenset(
        w.removesuffix("'s")
        for name in entity_names(alias.replace("’", "'"))
        for w in name.split()
        if w not in STOPWORDS
    )


def _score(fact: Fact, q: Quantity, words: frozenset[str]) -> float:
    """The best `match_score` over the aliases whose names the clause all gives: the
    four companies' spending is not Meta's alone, and a fund named for AI is not the
    integrated-circuit fund."""
    aliases = [a for a in fact.aliases if _alias_names(a) <= words]
    return match_score(aliases, q.subject) if aliases else 0.0


def matching_facts(
    q: Quantity,
    published: date | None,
    ledger: Ledger,
    options: Mapping[str, Any],
) -> list[tuple[float, Fact]]:
    """The facts a figure is about, best first, with their match scores.

    See the module docstring for the conditions; the figure's `time_scope` may still
    hold a "rel:" token, resolved here against `published`.
    """
    threshold = float(options.get("ledger_threshold", LEDGER_DEFAULTS["ledger_threshold"]))
    unit_threshold = float(
        options.get("ledger_unit_threshold", LEDGER_DEFAULTS["ledger_unit_threshold"])
    )
    window = int(options.get("ledger_window_years", LEDGER_DEFAULTS["ledger_window_years"]))
    scope = resolve_time_scope(q.time_scope, published)
    found: list[tuple[float, Fact]] = []
    names: frozenset[str] | None = None
    words = _words(q.subject)
    for entry in ledger.candidates(q.subject.terms | q.subject.entities):
        if not isinstance(entry, Fact) or not unit_matches(q, entry):
            continue
        if not _time_matches(scope, published, entry, window):
            continue
        score = _score(entry, q, words)
        if score < threshold:
            if not _specific_unit(q) or score < unit_threshold:
                continue
            names = _subject_names(q) if names is None else names
            if not _names_of(entry.aliases) & names:
                continue
        found.append((score, entry))
    found.sort(key=lambda pair: (-pair[0], pair[1].id))
    if scope and not scope.startswith("rel:"):
        return found
    # No stated year: of one series (one subject and metric) keep the latest period.
    latest: dict[tuple[str, str], Fact] = {}
    for _, fact in found:
        series = (fact.subject, fact.metric)
        if series not in latest or period_bounds(fact.about) > period_bounds(latest[series].about):
            latest[series] = fact
    return [(s, f) for s, f in found if latest[(f.subject, f.metric)] is f]


# --- verdicts -----------------------------------------------------------------------


def _tolerance(fact: Fact) -> float:
    return max(fact.tolerance_abs, fact.tolerance_rel * max(abs(fact.lower), abs(fact.upper)))


def _overlaps(lo: float, hi: float, f_lo: float, f_hi: float) -> bool:
    eps = 1e-9 * max(abs(lo), abs(hi) if math.isfinite(hi) else 0.0, abs(f_lo), abs(f_hi), 1e-300)
    return lo <= f_hi + eps and f_lo <= hi + eps


def _slip(q: Quantity, f_lo: float, f_hi: float) -> int:
    """k when the written figure times 10**k lands in the fact's interval (k may be < 0)."""
    if q.value <= 0 or f_hi <= 0:
        return 0
    for k in (1, 2, 3, -1, -2, -3):
        m = 10.0**k
        slack = 0.01 * max(abs(f_lo), abs(f_hi)) + q.precision * m
        if _overlaps(q.value * m - slack, q.value_high * m + slack, f_lo, f_hi):
            return k
    return 0


def judge(q: Quantity, fact: Fact) -> tuple[str, int]:
    """("agree" | rule id, power of ten for FL402) for one figure against one fact."""
    p = q.precision
    eps = 1e-9 * max(abs(q.value), 1.0)
    for wrong in fact.known_wrong:
        if abs(q.value - wrong) <= p + eps and abs(q.value_high - wrong) <= p + eps:
            return "FL404", 0
    tol = _tolerance(fact)
    f_lo, f_hi = fact.lower - tol, fact.upper + tol
    if (
        not q.qualifier
        and not q.is_range
        and not fact.is_range
        and tol < p
        and q.value != fact.lower
        and q.value - p <= fact.lower < q.value + 2 * p
    ):
        return "FL403", 0
    if _overlaps(q.lower - p, q.upper + p, f_lo, f_hi):
        return "agree", 0
    k = _slip(q, f_lo, f_hi)
    return ("FL402", k) if k else ("FL401", 0)


def _fits_series(q: Quantity, fact: Fact, ledger: Ledger) -> bool:
    """Whether the figure agrees with the fact's value for another period.

    "Nearly 30%" read as late 2024 is the series' 2025 value: the figure's year is in
    doubt, not the figure, and the date checks are the place for that.
    """
    for entry in ledger.facts:
        if entry is fact or (entry.subject, entry.metric) != (fact.subject, fact.metric):
            continue
        if judge(q, entry)[0] in ("agree", "FL403"):
            return True
    return False


# --- text ---------------------------------------------------------------------------

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(x: float) -> str:
    for size, word in _SCALES:
        if abs(x) >= size:
            return f"{x / size:.4g} {word}"
    return f"{x:,.4f}".rstrip("0").rstrip(".") if abs(x) < 1000 else f"{x:,.0f}"


def format_value(lower: float, upper: float, unit: str) -> str:
    """A ledger value as text: "60.06 billion CNY", "650-700 billion USD", "1.2%"."""
    if unit == "" and 0 < lower <= upper < 1:
        text = "-".join(_fraction(v) for v in ((lower, upper) if lower != upper else (lower,)))
        return text
    if lower == upper:
        number = _number(lower)
    else:
        lo, hi = _number(lower), _number(upper)
        lo_n, _, lo_word = lo.partition(" ")
        hi_word = hi.partition(" ")[2]
        number = f"{lo_n}-{hi}" if lo_word == hi_word else f"{lo}-{hi}"
    if unit == "%":
        return number + "%"
    if unit == "pp":
        return number + " percentage points"
    return f"{number} {unit}".strip()


def _fraction(v: float) -> str:
    for den in range(2, 13):
        num = round(v * den)
        if num and abs(num / den - v) < 1e-9:
            return f"{num}/{den}"
    return f"{v:.3g}"


_NOUN_WORD = fastre.compile(r"[\p{L}][\p{L}\p{M}\p{N}'’\-]*")


def figure_text(q: Quantity, text: str = "") -> str:
    """The figure without its qualifier ("up to $70 billion" -> "$70 billion").

    With the article's `text`, a count keeps its counted noun ("2.6 million GPU-hours").
    """
    fig = QUALIFIER_PREFIX.sub("", q.raw, count=1) or q.raw
    if text and q.kind == "count" and q.unit:
        for i, m in enumerate(_NOUN_WORD.finditer(text, q.span.end, q.sentence.end)):
            if i >= 6:
                break
            if stem(m.group()) == q.unit:
                return fig + text[q.span.end : m.end()]
    return fig


def fact_related(fact: Fact) -> Related:
    """The ledger entry as evidence: its file and line, value and source."""
    value = format_value(fact.lower, fact.upper, fact.unit)
    return Related(
        Location(fact.path, fact.line, 1, fact.line, 1),
        f"ledger {fact.id}: {value} ({fact.source.describe()})",
    )


def _describe(fact: Fact) -> str:
    value = format_value(fact.lower, fact.upper, fact.unit)
    return f"{value} for {fact.subject} ({fact.about}; {fact.source.describe()})"


def _message(
    rule_id: str, q: Quantity, fact: Fact, k: int, others: Sequence[Fact], text: str
) -> str:
    fig = figure_text(q, text)
    if rule_id == "FL404":
        text = f"{fig} is a known wrong value; the ledger has {_describe(fact)}"
    elif rule_id == "FL403":
        truncated = not (q.value - q.precision <= fact.lower <= q.value + q.precision)
        verb = "truncates" if truncated else "rounds"
        text = f"{fig} {verb} the ledger's {_describe(fact)}"
    elif rule_id == "FL402":
        share = _POWER_WORDS.get(k) if k > 0 else _TIMES_WORDS.get(-k)
        text = f"{fig} is {share} the ledger's {_describe(fact)}"
    else:
        text = f"{q.raw} does not match the ledger's {_describe(fact)}"
    for other in others:
        value = format_value(other.lower, other.upper, other.unit)
        text += f"; the ledger also has {value} for {other.subject} ({other.metric})"
    return text


def _key(q: Quantity, fact: Fact) -> str:
    return f"{fact.id}|{q.unit}|{q.value:.6g}|{fact.lower:.6g}-{fact.upper:.6g}"


def ledger_hits(
    text: str,
    quantities: Sequence[Quantity],
    published: date | None,
    ledger: Ledger,
    options: Mapping[str, Any],
) -> list[LedgerHit]:
    """Every figure of one article that disagrees with the ledger (FL401-FL404)."""
    hits: list[LedgerHit] = []
    for i, q in enumerate(quantities):
        if q.converts >= 0 or q.kind not in (
            "money",
            "percent",
            "points",
            "count",
            "measure",
            "fraction",
        ):
            continue
        if figure_role(text, q) != "level" or per_unit(text, q):
            continue
        matched = matching_facts(q, published, ledger, options)
        if not matched:
            continue
        verdicts = [(judge(q, fact), score, fact) for score, fact in matched]
        (rule_id, k), _, fact = min(verdicts, key=lambda v: (_ORDER[v[0][0]], -v[1]))
        if rule_id == "agree" or _fits_series(q, fact, ledger):
            continue
        others = [f for _, _, f in verdicts if f is not fact] if rule_id == "FL403" else []
        hits.append(
            LedgerHit(
                rule_id=rule_id,
                index=i,
                span=q.span,
                fact=fact,
                message=_message(rule_id, q, fact, k, others, text),
                key=_key(q, fact),
                related=(fact_related(fact), *(fact_related(f) for f in others)),
            )
        )
    return hits
