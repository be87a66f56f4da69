"""FL202-FL204: dates that cannot be right on their own, inside one article.

- FL202 relative-date-unresolvable (info, off by default): "last year" in an article
  with no publication date (front matter, metadata file or dateline) means nothing to
  a reader who finds it later, and no other date check can use it.
- FL203 future-past: an event told in the past tense at a date after publication
  ("The plant opened in June 2026" in an article of March 2026). The date or the
  publication date is wrong. Quotations, plans and forecasts ("will", "plans to",
  "by 2030"), reported speech without a past verb of its own, and dates whose period
  contains the publication day ("this year", "this month") are never reported; a
  day may run two days past publication (time zones, late updates).
- FL204 impossible-date: a day the calendar does not have ("30 February", "31 April
  2025", "29 February 2025") or a weekday that does not match its date ("Monday, 17
  February 2026", a Tuesday). A date written without its year ("Sunday, March 3") is
  read in the year that puts it nearest the publication date, and only when that is
  within six weeks of it: further away, the date in the metadata may be a crawl's.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator

from factlint import fastre
from factlint.analysis import Analysis
from factlint.checks._events import (
    compound,
    is_attributive,
    lexicon,
    open_bound,
    range_ends,
    says,
)
from factlint.claims import DateMention, Subject
from factlint.extract.dates import (
    compatible,
    impossible_dates,
    weekday_mismatch,
    weekday_mismatch_near,
)
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context
from factlint.subject import clause_around

RULES = (
    RuleMeta(
        id="FL202",
        name="relative-date-unresolvable",
        category="date",
        severity=Severity.INFO,
        summary="A relative date in an article without a publication date",
        rationale=(
            "'Last year', 'on Monday' and 'in May' are only meaningful against the day the "
            "article was published. Without a date in the front matter, the metadata file or "
            "a dateline, a reader who finds the article later cannot tell when things "
            "happened, and factlint cannot compare the date with other articles or the ledger."
        ),
        examples_fail=("The company went public last year.\n",),
        examples_pass=(
            "---\ndate: 2026-02-17\n---\nThe company went public last year.\n",
            "The company went public in January 2025.\n",
        ),
        default_enabled=False,
    ),
    RuleMeta(
        id="FL203",
        name="future-past",
        category="date",
        severity=Severity.WARNING,
        summary="An event told in the past tense is dated after publication",
        rationale=(
            "A sentence that says something happened at a date after the article was "
            "published is wrong somewhere: the year was mistyped ('2026' for '2025'), a "
            "relative date was resolved against the wrong day, or the publication date in the "
            "metadata is wrong. Plans, forecasts ('will', 'by 2030'), quotations and periods "
            "that contain the publication day ('this year') are not reported."
        ),
        examples_fail=(
            "---\ndate: 2025-03-01\n---\nThe company opened its first factory in June 2025.\n",
            "BEIJING, Feb 17, 2026 (Reuters) - Alibaba released the model on 20 March 2026.\n",
        ),
        examples_pass=(
            "---\ndate: 2025-03-01\n---\nThe company opened its first factory in June 2024.\n",
            "---\ndate: 2025-03-01\n---\nThe company will open its first factory in June 2025.\n",
            "---\ndate: 2025-03-01\n---\nThe company opened three factories this year.\n",
        ),
    ),
    RuleMeta(
        id="FL204",
        name="impossible-date",
        category="date",
        severity=Severity.ERROR,
        summary="A date that does not exist, or a weekday that does not match its date",
        rationale=(
            "30 February, 31 April and 29 February in a year that is not a leap year do not "
            "exist, and 17 February 2026 was a Tuesday, not a Monday. Such a date is a typo, "
            "and the reader cannot tell which part of it is wrong. A weekday with a date "
            "written without its year ('Sunday, March 3') is checked in the year that puts it "
            "nearest the publication date, within six weeks of it."
        ),
        examples_fail=(
            "The deal closed on 30 February.\n",
            "The meeting on Monday, 17 February 2026 ran late.\n",
            "The report came out on 29 February 2025.\n",
            "---\ndate: 2025-03-10\n---\nThe ceremony on Sunday, March 3, drew hundreds.\n",
        ),
        examples_pass=(
            "The deal closed on 28 February.\n",
            "The meeting on Tuesday, 17 February 2026 ran late.\n",
            "The report came out on 29 February 2024.\n",
            "---\ndate: 2025-03-10\n---\nThe ceremony on Monday, March 3, drew hundreds.\n",
        ),
    ),
)
SCOPE = "document"
OPTIONS = {"future_slack_days": int}
DEFAULTS = {"future_slack_days": 2}

# Verbs that report speech: a past "said" does not put the reported event in the past
# ("said on Tuesday that the plant opens in June"). Page labels ("Updated March 5,
# 2025") are the article's own history, not an event it tells.
_REPORTING = frozenset(
    """
    said told stated added noted wrote reported explained claimed warned announced
    predicted argued insisted suggested believed thought estimated forecast confirmed
    revealed indicated disclosed acknowledged asked replied agreed
    updated posted modified revised edited corrected
    """.split()
)
_WORD = fastre.compile(r"\p{L}[\p{L}'’]*")
_NEAR = 80  # how far from the date the clause's own past verb may be


@functools.cache
def _past_words() -> tuple[frozenset[str], frozenset[str]]:
    from factlint.data import load_yaml

    data = load_yaml("dates.yaml")
    return frozenset(data["past_verbs"]), frozenset(data["ed_not_past"])


def _has_own_past_verb(text: str, clause: Span, span: Span) -> bool:
    """A past-tense verb, other than a reporting verb, close to the date in its clause."""
    past, not_past = _past_words()
    lo, hi = max(clause.start, span.start - _NEAR), min(clause.end, span.end + _NEAR)
    for m in _WORD.finditer(text, lo, hi):
        if span.start <= m.start() < span.end:
            continue
        word = m.group().lower()
        if word in _REPORTING or word == "ago":
            continue
        if word in past or (word.endswith("ed") and len(word) > 4 and word not in not_past):
            return True
    return False


# A past act that puts the event at its date: scheduling, not the event.
_SCHEDULED = fastre.compile(
    r"(?i:\b(?:set|fixed|scheduled|slated|rescheduled|postponed|adjourned|delayed|deferred|"
    r"moved|pushed\s+back|brought\s+forward)\b[^.;!?]{0,60}?\b(?:for|to|until|till|on)"
    r"\s+(?:the\s+)?\Z)"
)
_FISCAL = fastre.compile(r"(?i:\b(?:fiscal|financial)(?:\s+year)?\b|\bFY)")
_FISCAL_BEFORE = fastre.compile(r"(?i:\b(?:fiscal|financial)(?:\s+year)?|\bFY)\s*'?$")


def _fiscal(text: str, d: DateMention) -> bool:
    """Whether a mention names a fiscal period ("the first quarter of fiscal 2025",
    "FY2025", "its fiscal year 2024"), which need not be the calendar's."""
    if _FISCAL.search(d.raw):
        return True
    return _FISCAL_BEFORE.search(text, max(0, d.span.start - 20), d.span.start) is not None


def _after(published: datetime.date, slack: int) -> DateMention:
    """Every date up to `published` + `slack` days, as a mention to compare with."""
    limit = published + datetime.timedelta(days=slack)
    return DateMention(
        span=Span(0, 0),
        raw="",
        value=limit.isoformat(),
        grain="day",
        relative=False,
        sentence=Span(0, 0),
        subject=Subject(""),
        mod="BEFORE",
    )


# Relative dates that say themselves they are ahead of the day of writing.
_AHEAD = fastre.compile(r"(?i:\b(?:next|tomorrow|coming|upcoming|later)\b)")


def _future_past(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    published = analysis.published
    if published is None:
        return
    doc = analysis.doc
    text = doc.prose
    slack = int(ctx.options["future_slack_days"])
    bound = _after(published, slack)
    # A company's fiscal 2025 may have begun in calendar 2024: its bound is a year later.
    fiscal_bound = _after(published, slack + 366)
    intention = lexicon().intention
    joined = compound(text, analysis.dates)
    ends = range_ends(text, analysis.dates)
    for n, d in enumerate(analysis.dates):
        if d.tense != "past" or d.in_quote or open_bound(text, d) or n in joined:
            continue
        if d.relative and _AHEAD.search(d.raw):
            continue  # "next week" is after publication by its own wording, whatever the verb
        if n in ends:
            # "The deficit for 2020-21 has been pegged": a period's end may come after
            # publication; a period begun after it is reported at its start.
            continue
        if is_attributive(text, d):  # "qualified for the 2026 World Cup"
            continue
        if not (d.value or d.candidates) or d.grain == "decade":
            continue
        if compatible(d, fiscal_bound if _fiscal(text, d) else bound):
            continue  # some reading is on or before publication
        clause = clause_around(text, d.sentence, d.span)
        blanked = text[clause.start : d.span.start] + " " + text[d.span.end : clause.end]
        if says(intention, blanked) or not _has_own_past_verb(text, clause, d.span):
            continue
        if _SCHEDULED.search(text, clause.start, d.span.start):
            continue  # "Judge Kaplan set the sentencing for March 28": the setting is past
        shown = " or ".join(d.candidates) if d.candidates else d.value
        yield ctx.finding(
            "FL203",
            doc,
            d.span,
            f'"{d.raw}" ({shown}) is after the publication date {published.isoformat()}, '
            "but the sentence tells it in the past tense",
            key=f"{' '.join(sorted(d.subject.terms))}|{shown}|{published.isoformat()}",
        )


def _unresolvable(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    if analysis.published is not None:
        return
    for d in analysis.dates:
        if d.relative and not d.value:
            yield ctx.finding(
                "FL202",
                analysis.doc,
                d.span,
                f'"{d.raw}" is relative, but the article has no publication date (add '
                "'date:' to its front matter or metadata file)",
                key=f"{' '.join(d.raw.lower().split())}|{' '.join(sorted(d.subject.terms))}",
            )


def _impossible(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    found = [
        *impossible_dates(doc.prose, analysis.sentences),
        *weekday_mismatch(doc.prose, analysis.sentences),
        *weekday_mismatch_near(doc.prose, analysis.published),
    ]
    for span, message in sorted(found, key=lambda item: item[0]):
        raw = " ".join(doc.text[span.start : span.end].split())
        yield ctx.finding("FL204", doc, span, f'"{raw}": {message}', key=f"{raw.lower()}|{message}")


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    yield from _unresolvable(analysis, ctx)
    yield from _future_past(analysis, ctx)
    yield from _impossible(analysis, ctx)
