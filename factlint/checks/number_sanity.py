"""FL106 impossible-share: a share of a whole above 100%, or a part larger than its whole.

Only explicit shares are read, because most figures above 100% are legitimate:
growth ("rose 120%"), performance against a target ("150% of the target"), cover
("enough doses for 200% of the population"), mobile penetration, voter rolls and gross
enrolment ratios; a sentence with such words is not read. A percentage is a share here only when it
is a level (not a change) directly followed by "of" and a whole made of people or
"all" of something: "of voters", "of the population", "of all respondents", "of the
country's adults", "of the vote"; or a market's or a vote's share named beside it ("a
market share of 130%", "130% market share"). A part larger than its whole needs the
explicit "X of (the) Y <plural noun>", "X out of Y" or, for people, "X in Y adults"
with X > Y ("12 of 10 members"), or the whole first with
a verb after the part ("Of the 300 patients, 450 recovered", "Of the 300 employees
surveyed, 420 said"); years, money, scale
words and labels ("Game 5 of 7") are not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from factlint import fastre
from factlint.analysis import Analysis
from factlint.extract.numbers import figure_role
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.rule import Context

SCOPE = "document"

RULES = (
    RuleMeta(
        id="FL106",
        name="impossible-share",
        category="number",
        severity=Severity.WARNING,
        summary="A share of a whole above 100%, or a part larger than its whole",
        rationale=(
            "'120% of voters' or '12 of 10 members' cannot be true: a digit slipped or "
            "the whole is wrong. Growth ('rose 120%'), targets ('150% of the target'), "
            "cover ('doses for 200% of the population'), mobile penetration, voter rolls "
            "and gross enrolment legitimately exceed 100%, so only "
            "a percentage directly followed by 'of' and a whole made of people, 'of "
            "all ...' or 'of the vote', or named a market or vote share, is read as a "
            "share, and a part only in 'X of (the) Y <plural noun>', 'X out of Y', 'X in "
            "Y <people>' or 'Of the Y <plural noun>, X <verb>'."
        ),
        examples_fail=(
            "The poll found that 120% of voters backed the measure.\n",
            "Twelve of the 10 board members voted against the plan.\n",
        ),
        examples_pass=(
            "Turnout rose 120% of voters' expectations, analysts joked.\n",
            "Sales rose 120% on the year, and output reached 150% of the target.\n",
            "The country has ordered enough doses for 200% of the population.\n",
            "Nine of the 10 board members voted against the plan.\n",
        ),
    ),
)

OPTIONS: Mapping[str, type] = {}
DEFAULTS: Mapping[str, Any] = {}

_PEOPLE = (
    "voters|respondents|population|people|residents|adults|children|households|students|"
    "pupils|employees|workers|members|users|patients|participants|citizens|women|men|"
    "parents|teachers|doctors|nurses|consumers|customers|americans|britons|"
    "shareholders|subscribers|viewers|readers|inhabitants|electorate|staff|"
    "those\\s+(?:surveyed|polled|asked|questioned)"
)
_SHARE_AFTER = fastre.compile(
    r"(?i:\s+of\s+(?:(?P<all>all)\s+(?:the\s+)?(?P<noun>[\p{L}-]+s)\b"
    r"|(?:the\s+|its\s+|their\s+|our\s+|this\s+|that\s+|[\p{L}-]+['’]s\s+){0,2}"
    rf"(?:[\p{{Ll}}-]+\s+){{0,2}}?(?:{_PEOPLE})\b"
    r"|the\s+(?:popular\s+|national\s+|total\s+)?(?:vote|votes\s+cast|ballots\s+cast)\b)"
    r"(?!['’]))"
)
# A market's or a vote's share named just before the figure ("a market share of 130%",
# "its vote share rose to 112%") or just after it ("130% market share").
_SHARE_NOUN = r"(?:market|vote|audience|viewing|seat)\s+share"
_SHARE_BEFORE = fastre.compile(
    rf"(?i:\b{_SHARE_NOUN}\s+(?:of|at|to|was|is|reached|hit|stood\s+at|stands\s+at|"
    r"rose\s+to|grew\s+to|climbed\s+to|jumped\s+to)\s+)$"
)
_SHARE_NOUN_AFTER = fastre.compile(rf"(?i:\s+(?:{_SHARE_NOUN})\b)")
# Words that make a share above 100% legitimate: cover, capacity, targets, doses.
_COVER = fastre.compile(
    r"(?i:\b(?:enough|cover(?:s|ed|ing|age)?|equivalent|doses?|capacity|target|goal|"
    r"quota|expectations?|times|penetration|subscriptions?|registered|registration|rolls|"
    r"enrol(?:l?ment|led|ment)?|enroll(?:ed|ment)?|gross|ratio)\b)"
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d{1,4}|" + "|".join(_NUMBER_WORDS) + ")"
_PART_OF = fastre.compile(
    rf"(?<![\p{{L}}\p{{N}}$£€¥.,/#-])(?P<x>(?i:{_COUNT}))"
    r"\s+(?:(?i:out\s+of|of)\s+)(?:(?i:the|its|their|all|our)\s+)?"
    rf"(?P<y>(?i:{_COUNT}))(?![\p{{N}}.,%])"
    r"(?:\s+\p{Ll}[\p{Ll}-]*){0,2}?\s+(?P<noun>\p{Ll}[\p{Ll}-]*s)\b"
)
# "one in five adults": a rate of people only ("12 in 10 games" is a tally).
_RATE_OF_PEOPLE = fastre.compile(
    rf"(?<![\p{{L}}\p{{N}}$£€¥.,/#-])(?P<x>(?i:{_COUNT}))\s+(?i:in)\s+"
    rf"(?P<y>(?i:{_COUNT}))(?![\p{{N}}.,%])(?:\s+\p{{Ll}}[\p{{Ll}}-]*)?\s+"
    rf"(?P<noun>(?i:{_PEOPLE}))\b"
)
# The whole first: "Of the 300 patients, 450 recovered", "Of the 300 employees
# surveyed, 420 said ...". The part is a count of the same thing only when a verb
# follows it straight away.
_WHOLE_FIRST = fastre.compile(
    r"(?<![\p{L}\p{N}])(?i:of)\s+(?:(?i:the|these|those|its|their|our|all)\s+)?"
    rf"(?P<y>(?i:{_COUNT}))(?![\p{{N}}.,%])"
    r"(?:\s+\p{Ll}[\p{Ll}-]*){0,2}?\s+(?P<noun>\p{Ll}[\p{Ll}-]*s)\b"
    r"(?:\s+(?:surveyed|polled|asked|questioned|interviewed|tested|screened|sampled|studied))?"
    r"(?:\s+(?:in|at|on|from|across|under)\s+(?:the\s+|its\s+|their\s+)?[\p{L}'’-]+){0,2},\s+"
    rf"(?P<x>(?i:{_COUNT}))(?![\p{{N}}.,%])"
    r"(?=\s+(?:were|was|are|is|have|had|has|will|would|could|did|remain(?:ed)?|said|say|"
    r"says|told|felt|thought|chose|saw|got|became|\p{Ll}+ed)\b)"
)
_LABEL_BEFORE = fastre.compile(
    r"(?i:\b(?:game|games|round|part|parts|chapter|step|steps|page|pages|episode|"
    r"no\.|number|day|days|week|weeks|stage|phase|volume|book|level|top)\s*)$"
)
_SCALE_NOUN = fastre.compile(r"(?i:^(?:millions|billions|trillions|thousands|hundreds|percent)$)")


def _number(text: str) -> int | None:
    low = text.lower()
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    digits = low.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _shares(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    prose = analysis.doc.prose
    for q in analysis.quantities:
        if q.kind != "percent" or max(q.value, q.value_high) <= 100:
            continue
        m = _SHARE_AFTER.match(prose, q.span.end, q.sentence.end)
        if m is not None:
            span: Span | None = Span(q.span.start, m.end())
        else:
            span = _named_share(prose, q.span.start, q.span.end, q.sentence.start, q.sentence.end)
        if span is None or figure_role(prose, q) != "level":
            continue
        if _COVER.search(prose, q.sentence.start, q.sentence.end):
            continue
        whole = " ".join(m.group().split()) if m is not None else ""
        shown = " ".join(prose[span.start : span.end].split())
        yield ctx.finding(
            "FL106",
            analysis.doc,
            span,
            f"{shown}: a share of a whole cannot exceed 100%",
            key=f"share|{whole.lower()}|{q.value:g}",
        )


def _named_share(prose: str, start: int, end: int, lo: int, hi: int) -> Span | None:
    """The span of "market share of 130%" or "130% market share" around a figure."""
    before = _SHARE_BEFORE.search(prose, max(lo, start - 40), start)
    if before is not None:
        return Span(before.start(), end)
    after = _SHARE_NOUN_AFTER.match(prose, end, hi)
    return Span(start, after.end()) if after is not None else None


def _parts(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    prose = analysis.doc.prose
    for sentence in analysis.sentences:
        matches = [
            *_PART_OF.finditer(prose, sentence.start, sentence.end),
            *_RATE_OF_PEOPLE.finditer(prose, sentence.start, sentence.end),
            *_WHOLE_FIRST.finditer(prose, sentence.start, sentence.end),
        ]
        for m in matches:
            x, y = _number(m.group("x")), _number(m.group("y"))
            if x is None or y is None or x <= y or y == 0:
                continue
            if 1000 <= y <= 2099 or (1000 <= x <= 2099 and len(m.group("x")) == 4):
                continue  # a year
            if _SCALE_NOUN.match(m.group("noun")):
                continue
            if _LABEL_BEFORE.search(prose, max(sentence.start, m.start() - 12), m.start()):
                continue
            phrase = " ".join(m.group().split())
            yield ctx.finding(
                "FL106",
                analysis.doc,
                Span(m.start(), m.end()),
                f"{phrase}: the part is larger than the whole",
                key=f"part|{m.group('noun').lower()}|{x}|{y}",
            )


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    yield from _shares(analysis, ctx)
    yield from _parts(analysis, ctx)
