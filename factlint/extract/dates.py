"""Dates in prose: explicit and relative mentions, resolved against the publication date.

The detector is written on `regex` because general date parsers read figures as dates
("$70" as 1970, "60.06" as June 1960, the modal "may" as May). It finds trigger tokens
(month and weekday names, four-digit years, "last"/"this"/"next", "ago", quarters, ...)
and reads a small grammar around each one; a bare year counts only beside a cue word
("in 2024", "since 2018"), a qualifier ("early 2025", "the end of 2024"), a month or a
season. dateparser is used only for a few isolated relative phrases ("the day before
yesterday", "a fortnight ago") and is imported inside the function that needs it.

Resolution keeps the grain the text states: "September last year" published 2026-02-17
is "2025-09" (month), never a day. Conventions:

- "N years ago" has year grain with mod APPROX ("a year ago" published 2026-02-17 is
  "2025"): a year is the precision of the phrase, and news writes "a year ago" for
  anything from about 8 to 16 months; `compatible` widens APPROX by half a unit.
  Days, weeks and months ago keep their unit ("two weeks ago" -> "2026-W05").
- Weeks have grain "week" and an ISO week value ("2026-W07").
- A date that lacks its year or month ("in May", "on the 16th", "on Monday",
  "February 16th") is relative. Past tense takes the latest reading on or before the
  publication date, future tense the next one after it. With no tense, `candidates`
  lists both readings and `value` is the preferred one: the past reading for "on the
  16th", the nearer one otherwise (a year-less date is written close to its day). A
  tense that points a year-less day more than half a year away while the other reading
  is within 45 days is overruled the same way. When `candidates` is non-empty, compare
  with `compatible`, not `value`.
- Without a publication date every relative mention has value "" and relative=True.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import regex

from factlint import fastre
from factlint.claims import DateMention
from factlint.document import line_starts
from factlint.model import Span
from factlint.subject import clause_around, subject_for

_I = regex.IGNORECASE
_V = regex.VERBOSE

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBRS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ABBRS = {
    "Mon": 0,
    "Tue": 1,
    "Tues": 1,
    "Wed": 2,
    "Thu": 3,
    "Thur": 3,
    "Thurs": 3,
    "Fri": 4,
    "Sat": 5,
    "Sun": 6,
}
# Month names that are also ordinary words: they need digits or a strong cue.
_WORDLIKE_MONTHS = frozenset({3, 5, 8})
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 0,
    "last": 0,
}
_QUAL_MODS = {
    "end": "END",
    "close": "END",
    "late": "END",
    "second half": "END",
    "latter half": "END",
    "latter part": "END",
    "beginning": "START",
    "start": "START",
    "early": "START",
    "first half": "START",
    "early part": "START",
    "first part": "START",
    "middle": "MID",
    "mid": "MID",
    "pre": "BEFORE",
    "post": "AFTER",
    "earlier": "",
    "later": "",
}
_CUE_MODS = {"before": "BEFORE", "after": "AFTER", "by": "BEFORE"}


def _alt(words: object) -> str:
    return "|".join(sorted({str(w) for w in words}, key=lambda w: (-len(w), w)))  # type: ignore[attr-defined]


_MONTH_LOOKUP = {n.lower(): i + 1 for i, n in enumerate(_MONTH_NAMES)} | {
    a.lower(): m for a, m in _MONTH_ABBRS.items()
}
_WEEKDAY_LOOKUP = {n.lower(): i for i, n in enumerate(_WEEKDAY_NAMES)} | {
    a.lower(): d for a, d in _WEEKDAY_ABBRS.items()
}
# Title case or capitals only: "may" and "march" in lower case are words, not months.
_MONTH_TOK = _alt([*_MONTH_NAMES, *(n.upper() for n in _MONTH_NAMES), *_MONTH_ABBRS])
_MONTH_TOK += "|" + _alt(a.upper() for a in _MONTH_ABBRS)
_WDAY_FULL = _alt([*_WEEKDAY_NAMES, *(n.upper() for n in _WEEKDAY_NAMES)])
_WDAY_ANY = _WDAY_FULL + "|" + _alt([*_WEEKDAY_ABBRS, *(a.upper() for a in _WEEKDAY_ABBRS)])
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?:1[6-9]|20)\d\d"
_YEAR_END = r"(?![\w%]|[.,]\d)"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word lists of dates.yaml: past verbs, count and event nouns, day cues."""

    past_verbs: frozenset[str]
    ed_not_past: frozenset[str]
    count_nouns: frozenset[str]
    event_nouns: frozenset[str]
    day_cues: frozenset[str]


@functools.cache
def _lexicon() -> _Lexicon:
    from factlint.data import load_yaml

    data = load_yaml("dates.yaml")
    return _Lexicon(
        past_verbs=frozenset(data["past_verbs"]),
        ed_not_past=frozenset(data["ed_not_past"]),
        count_nouns=frozenset(data["count_nouns"]),
        event_nouns=frozenset(data["event_nouns"]),
        day_cues=frozenset(data["day_cues"]),
    )


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The compiled regexes that find date triggers and read the words around them."""

    triggers: tuple[tuple[str, fastre.Pattern], ...]
    m_fwd_day: fastre.Pattern
    m_fwd_year: fastre.Pattern
    m_fwd_rel: fastre.Pattern
    m_fwd_range: fastre.Pattern
    m_back_day: fastre.Pattern
    m_back_wday: fastre.Pattern
    back_qual: fastre.Pattern
    back_rel: fastre.Pattern
    back_cue: fastre.Pattern
    month_any: fastre.Pattern
    prev_word: fastre.Pattern
    year_bad_after: fastre.Pattern
    y_back_cue: fastre.Pattern
    y_back_det: fastre.Pattern
    y_fwd_named: fastre.Pattern
    y_fwd_range: fastre.Pattern
    y_fwd_verb: fastre.Pattern
    y_back_change: fastre.Pattern
    y_back_ratio: fastre.Pattern
    sent_start: fastre.Pattern
    chain: fastre.Pattern
    q_fwd: fastre.Pattern
    q_back_year: fastre.Pattern
    wq_fwd_year: fastre.Pattern
    wq_ordinal: fastre.Pattern
    fb_back: fastre.Pattern
    fb_fwd: fastre.Pattern
    wq_fwd_rel: fastre.Pattern
    wq_back_cue: fastre.Pattern
    the_before: fastre.Pattern
    fy_fwd: fastre.Pattern
    ord_back_cue: fastre.Pattern
    ord_fwd_of_month: fastre.Pattern
    ord_fwd_rel_month: fastre.Pattern
    ord_fwd_ok: fastre.Pattern
    wd_back_bad: fastre.Pattern
    wd_paper: fastre.Pattern
    version_before: fastre.Pattern
    name_before: fastre.Pattern
    quarter_context: fastre.Pattern
    by_verb: fastre.Pattern
    wd_fwd_cap: fastre.Pattern
    rel_fwd: fastre.Pattern
    ago_back: fastre.Pattern
    season_fwd_year: fastre.Pattern
    season_fwd_rel: fastre.Pattern
    season_back_ok: fastre.Pattern
    headline_word: fastre.Pattern
    passive: fastre.Pattern
    wordlike_after: fastre.Pattern
    tense: fastre.Pattern
    full_date: fastre.Pattern
    weekday_no_year: fastre.Pattern
    impossible: fastre.Pattern
    dateline: fastre.Pattern
    published_label: fastre.Pattern


@functools.cache
def _patterns() -> _Patterns:
    lex = _lexicon()
    count = _alt(lex.count_nouns)
    events = _alt(lex.event_nouns)
    past = _alt(lex.past_verbs)
    quals = (
        r"(?:\b(?:the\s+)?(?:very\s+)?(?P<qw>end|beginning|start|middle|close|first\s+half|"
        r"second\s+half|latter\s+half|latter\s+part|early\s+part|first\s+part)\s+of\s+"
        r"|\b(?P<qa>early|late|mid|end|earlier|later)(?:\s*[-–]\s*|\s+)|\b(?P<qp>pre|post)-)\Z"
    )
    # One pattern per trigger kind, in priority order: regex scans a single pattern far
    # faster than one alternation of them all. Each starts with what its first character
    # can be (a lookahead, or the character with the lookbehind after it): re then skips
    # to those characters instead of trying the pattern at every position, 2-5x faster.
    months = "".join(sorted({w[0] for w in (*_MONTH_NAMES, *_MONTH_ABBRS)}))
    weekdays = "".join(sorted({w[0] for w in _WEEKDAY_NAMES}))
    year = r"(?:1(?<!{0}1)[6-9]|2(?<!{0}2)0)\d\d"  # _YEAR, not after {0}
    triggers = (
        ("iso", year.format(r"[\w./-]") + r"-[01]\d-[0-3]\d(?!\d|-\d)"),
        ("num", r"\d(?<![\w./,-]\d)\d{0,3}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{1,4}(?![\d]|[/.-]\d)"),
        ("month", rf"(?=[{months}])\b(?:{_MONTH_TOK})\b"),
        ("wday", rf"(?=[{weekdays}])\b(?:{_WDAY_FULL})\b"),
        ("year", year.format(r"[\w$€£¥.,/:#@+]") + r"s?(?!\w)"),
        ("dec2", r"['’](?<!\w['’])\d0s\b"),
        ("wq", r"(?=[qh])\b(?:quarter|half)\b"),
        ("rel", r"(?=[LlTtNn])\b(?:[Ll]ast|[Tt]his|[Nn]ext)\b"),
        ("dayrel", r"(?=[YyTtf])\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|fortnights?)\b"),
        ("ago", r"(?=a)\bago\b"),
        ("qtr", r"(?=[QH1-4])(?:\b(?:Q[1-4]|H[12])\b|\b[1-4]Q(?=\s*['’]?\d\d))"),
        ("fy", rf"(?=[Ff])(?:\bFY\s?(?:{_YEAR}|\d\d)\b|\b[Ff]iscal\b)"),
        ("ord", r"(?=[Tt])(?i:\bthe\s+(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b)"),
        ("season", r"(?=[SsAaFfWw])\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\b"),
    )
    return _Patterns(
        triggers=tuple((name, fastre.compile(pat)) for name, pat in triggers),
        m_fwd_day=fastre.compile(
            rf"\.?\s+(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?"
            rf"(?![.,:]\d|\s*(?:%|percent\b|per\s+cent\b)|\s+(?i:{count})\b)"
            rf"(?:,?\s+(?P<y>{_YEAR}){_YEAR_END}(?!\s+(?i:{count})\b)"
            r"|(?:,\s*|\s+)(?:of\s+)?(?P<rel>(?i:last|this|next))\s+year\b)?"
        ),
        m_fwd_year=fastre.compile(
            rf"\.?(?:,\s*|\s+of\s+|\s+)(?P<y>{_YEAR}){_YEAR_END}(?!\s*[-–]\s*\d)"
            rf"(?!\s+(?i:{count})\b)"
        ),
        m_fwd_rel=fastre.compile(r"(?:,\s*|\s+)(?:of\s+)?(?P<rel>(?i:last|this|next))\s+year\b"),
        m_fwd_range=fastre.compile(
            rf"\s*(?:[-–—]|(?i:to|through|until|till|and|or))\s*(?:(?P<d>{_DAY})\s+)?"
            rf"(?P<m>{_MONTH_TOK})\.?(?:\s+(?P<d2>{_DAY}))?,?\s+(?P<y>{_YEAR}){_YEAR_END}"
        ),
        m_back_day=fastre.compile(
            rf"(?:(?P<wd>\b(?:{_WDAY_ANY}))\.?,?\s+)?(?:(?i:the)\s+)?"
            rf"(?<![\w.,$€£¥/:#-])(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?\s+(?:of\s+)?\Z"
        ),
        m_back_wday=fastre.compile(rf"\b(?:{_WDAY_ANY})\.?,?\s+(?:(?i:the)\s+)?\Z"),
        back_qual=fastre.compile(quals, _I),
        back_rel=fastre.compile(
            r"\b(?P<r>last|this|next|this\s+past|this\s+coming|coming|past)\s+\Z", _I
        ),
        back_cue=fastre.compile(
            r"\b(?P<c>in|on|since|until|till|through|throughout|during|before|after|from|by|"
            r"to|and|or|between|as\s+of|the\s+month\s+of)\s+\Z",
            _I,
        ),
        month_any=fastre.compile(rf"\b(?:{_MONTH_TOK})\b"),
        prev_word=fastre.compile(r"(?P<w>\p{L}[\p{L}\p{M}'’.-]*)[ \t]+\Z"),
        year_bad_after=fastre.compile(
            rf"(?:[.,]\d|\s*(?:%|percent\b|per\s+cent\b|[x×]\b)|:\d|\s*[-–]\s*\d"
            rf"|\s*(?:million|billion|trillion|bn|mn|m|k)\b|\s+(?:{count})\b)",
            _I,
        ),
        y_back_cue=fastre.compile(
            r"\b(?P<c>in|since|by|until|till|through|throughout|during|before|after|circa|c\.|"
            r"as\s+of|from|between|year|(?:fiscal|financial|calendar|academic|school)\s+year"
            r"|for)\s+\Z",
            _I,
        ),
        y_back_det=fastre.compile(
            r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|every|each)|\p{L}['’]s)\s+\Z", _I
        ),
        y_fwd_named=fastre.compile(rf"\s+(?:\p{{Lu}}[\p{{L}}’'-]*|(?i:{events})\b)"),
        y_fwd_range=fastre.compile(
            rf"(?P<sep>\s*[-–—/]\s*|\s+(?i:to|through|until|till|and)\s+)"
            rf"(?P<y2>{_YEAR}|\d\d){_YEAR_END}"
        ),
        y_fwd_verb=fastre.compile(
            r"[ \t]+(?:saw|was|marked|brought|proved|has|had|is|will|began|ended|also|remains?)\b"
        ),
        y_back_change=fastre.compile(
            r"\b(?:increase[sd]?|rise|rose|risen|grow|grew|grown|fall|fell|fallen|drop(?:ped)?|"
            r"declined?|cut|reduced?|boost(?:ed)?|raised?|lower(?:ed)?|up|down|jump(?:ed)?|"
            r"climb(?:ed)?|surg(?:e|ed)|gain(?:ed)?|slip(?:ped)?|exceed(?:ed)?|multipl(?:y|ied)|"
            r"divided|outnumber(?:ed)?)\s+by\s+\Z",
            _I,
        ),
        y_back_ratio=fastre.compile(r"(?:\b(?:one|a)|\d)\s+in\s+\Z", _I),
        sent_start=fastre.compile(r"(?:[.!?][\"”’)]?[ \t]+|\n[ \t]*)\Z"),
        chain=fastre.compile(r"(?:,[ \t]*|[ \t]+(?:and|or|to|through|until|till|&)[ \t]+)\Z"),
        q_fwd=fastre.compile(
            rf"(?:\s*(?P<ap>['’])|\s+of\s+|\s*[-/]\s*|\s+)?"
            rf"(?:(?P<fy>FY|(?i:fiscal)(?:\s+(?i:year))?)\s*['’]?)?(?P<y>{_YEAR}|\d\d){_YEAR_END}"
        ),
        q_back_year=fastre.compile(rf"(?<![\w$.,])(?P<y>{_YEAR})\s*[-\s]\s*\Z"),
        wq_fwd_year=fastre.compile(
            rf"(?:\s+of)?\s+(?:(?:the\s+)?(?i:fiscal|financial|calendar)\s+(?:(?i:year)\s+)?)?"
            rf"(?P<y>{_YEAR}){_YEAR_END}"
        ),
        wq_ordinal=fastre.compile(
            r"\b(?P<o>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]+\Z", _I
        ),
        fb_back=fastre.compile(
            r"\b(?:(?P<d>the\s+day\s+(?:before|after)\s+)|(?P<n>in\s+a|a|one|two|three)\s+)\Z",
            _I,
        ),
        fb_fwd=fastre.compile(r"\s+(?:(?P<ago>ago)|(?P<now>from\s+now))\b|(?=[\s,.;:!?)]|\Z)", _I),
        wq_fwd_rel=fastre.compile(
            r"\s+of\s+(?:the\s+)?(?:fiscal\s+year\s+)?(?P<rel>last|this|next)\s+year\b", _I
        ),
        wq_back_cue=fastre.compile(
            r"\b(?:in|during|for|by|since|until|through|before|after|of|from)\s+the\s+\Z", _I
        ),
        the_before=fastre.compile(r"\bthe\s+\Z", _I),
        fy_fwd=fastre.compile(rf"(?:\s+(?i:year))?\s+(?P<y>{_YEAR}){_YEAR_END}(?!\s*[-–/]\s*\d)"),
        ord_back_cue=fastre.compile(
            r"\b(?:on|by|since|until|till|from|before|after|through|starting)\s+\Z", _I
        ),
        ord_fwd_of_month=fastre.compile(rf"\s+of\s+(?:{_MONTH_TOK})\b"),
        ord_fwd_rel_month=fastre.compile(r"\s+of\s+(?P<rel>this|last|next|the)\s+month\b", _I),
        ord_fwd_ok=fastre.compile(
            r"(?:\s*(?:[,.;:!?)\]\"”’]|\Z)|\s+(?:and|or|at|in|when|that|which|local|as|after|"
            r"before|with|for|from|to|while|during|morning|afternoon|evening|night|he|she|they|"
            r"it|we|i|the|a|an|this|last|its|his|her|their|but|so|said|says|announced|was|"
            r"were|is|are|will)\b)",
            _I,
        ),
        wd_back_bad=fastre.compile(
            r"\b(?:a|every|each|any|per|other|one|some|on\s+a|the)\s+\Z", _I
        ),
        wd_paper=fastre.compile(
            r"\b(?:Mail|Independent|Scotland|Wales|Express|Star|Mirror|People|Sport|Post|Herald|"
            r"Telegraph|Times|Observer)\s+on\s+\Z"
        ),
        version_before=fastre.compile(
            r"\b(?:version|ver|v|release|build|firmware|update|no|number|tel|phone)\.?\s*\Z", _I
        ),
        name_before=fastre.compile(r"[\p{L}\p{N},'’][ \t]*\Z"),
        quarter_context=fastre.compile(
            r"\b(?:profits?|revenues?|earnings|sales|growth|gdp|econom\w*|results|shipments|"
            r"loss(?:es)?|deliveries|output|fiscal|income|margins?|quarterly|year-on-year|"
            r"year-over-year|guidance|inflation|unemployment|exports?|imports?)\b",
            _I,
        ),
        by_verb=fastre.compile(r"\b\p{L}+ed\s+by\s+\Z", _I),
        wd_fwd_cap=fastre.compile(rf"[ \t]+(?!(?:{_MONTH_TOK})\b)\p{{Lu}}"),
        rel_fwd=fastre.compile(
            r"\s+(?P<u>year|month|week|quarter|night|morning|afternoon|evening)(?![\w-])", _I
        ),
        ago_back=fastre.compile(
            rf"\b(?P<n>{_alt(_NUMBER_WORDS)}|\d{{1,3}})\s+(?P<u>day|week|month|year)s?\s+\Z", _I
        ),
        season_fwd_year=fastre.compile(
            rf"\s+(?:of\s+)?(?P<y>{_YEAR}){_YEAR_END}(?!\s*[-–/]\s*\d)(?!\s+(?i:{count})\b)"
        ),
        season_fwd_rel=fastre.compile(r"\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", _I),
        season_back_ok=fastre.compile(
            r"\b(?:in|the|last|this|next|early|late|since|by|until|during|mid)[-\s]+\Z", _I
        ),
        headline_word=fastre.compile(r"\p{L}[\p{L}'’]*"),
        passive=fastre.compile(r"\b(?:be|being|is|are|am)\s+\Z", _I),
        wordlike_after=fastre.compile(r"['’]s\b|[ \t]+\p{Lu}"),
        tense=fastre.compile(
            r"(?P<f>\b(?:[Ww]ill|shall|won['’]t|(?:is|are|am)\s+(?:expected|set|scheduled|slated|"
            r"due|poised|going|likely|projected|forecast)\b|plans?\s+to|planning\s+to|aims?\s+to|"
            r"intends?\s+to|scheduled|slated|upcoming|next)\b|['’]ll\b)"
            rf"|(?P<p>\b(?:{past})\b|\b\p{{Ll}}{{2,}}ed\b)"
            r"|(?P<n>\b(?:is|are|am|might|would|should|can|must|may)\b)",
        ),
        full_date=fastre.compile(
            rf"(?:(?P<wd>\b(?:{_WDAY_ANY}))\.?,?\s+(?:(?i:the)\s+)?)?"
            rf"(?:(?<![\w.,$/:-])(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>\b(?:{_MONTH_TOK}))\b\.?,?"
            rf"|(?P<m2>\b(?:{_MONTH_TOK}))\b\.?\s+(?P<d2>{_DAY}),?)"
            rf"\s+(?P<y>{_YEAR}){_YEAR_END}"
            rf"|(?<![\w./-])(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d|-\d)"
        ),
        # "Tuesday, Jan. 6", "Sunday (March 3)", "Friday the 7th of March": no year after.
        weekday_no_year=fastre.compile(
            rf"(?P<wd>\b(?:{_WDAY_FULL}))\b(?:,[ \t]*|[ \t]+(?P<p>\()|[ \t]+)"
            rf"(?:(?i:the)[ \t]+)?"
            rf"(?:(?P<d>{_DAY})[ \t]+(?:of[ \t]+)?(?P<m>\b(?:{_MONTH_TOK}))\b\.?"
            rf"|(?P<m2>\b(?:{_MONTH_TOK}))\b\.?[ \t]+(?P<d2>{_DAY}))"
            rf"(?![-–/]\d)(?!\)?,?\s*(?:{_YEAR}){_YEAR_END})(?(p)\)?)"
        ),
        impossible=fastre.compile(
            rf"(?<![\w.,$/:#-])(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>\b(?:{_MONTH_TOK}))\b"
            rf"(?:\.?,?\s+(?P<y>{_YEAR}){_YEAR_END})?"
            rf"|(?P<m2>\b(?:{_MONTH_TOK}))\b\.?\s+(?P<d2>{_DAY})"
            rf"(?![.,:]\d|\s*%)(?:,?\s+(?P<y2>{_YEAR}){_YEAR_END})?"
        ),
        # "BEIJING, Feb 17, 2026 (Reuters) -": a place in capitals, a comma, then a dash.
        dateline=fastre.compile(
            r"(?m)^[ \t>*_#]*\p{Lu}{2}[\p{Lu}\p{M}.'’ -]{0,40},(?P<date>[^\n]{6,80}?)"
            r"(?:[ \t]+[-–—]{1,2}[ \t]|\)[ \t]*[-–—]{1,2})"
        ),
        published_label=fastre.compile(
            r"(?im)^[ \t>*_#]*(?:first\s+)?(?:published|posted|date|dated)(?:\s+on)?[ \t]*"
            r"[:\-–—]?[ \t]*(?P<date>[^\n|]{6,60})"
        ),
    )


# --- specifications: what a mention says, before it is resolved ------------------------


@dataclass(frozen=True, slots=True)
class _Spec:
    """One mention's meaning. `rule` says how `_resolve` turns it into a value."""

    rule: str  # abs | alts | yoff | moff | woff | qoff | doff | ago | noyear | mrel | wday | dom
    # | season | fb
    grain: str
    year: int = 0
    month: int = 0
    day: int = 0
    quarter: int = 0
    offset: int = 0
    which: str = ""  # last | this | next | "" (weekdays, named months, seasons)
    mod: str = ""
    text: str = ""  # a decade value, a season name, or the fallback phrase
    alts: tuple[str, ...] = ()

    @property
    def relative(self) -> bool:
        return self.rule not in ("abs", "alts")


@dataclass(frozen=True, slots=True)
class _Cand:
    """A candidate date mention: its span in the text and what it means."""

    start: int
    end: int
    spec: _Spec


@dataclass(slots=True)
class _Ctx:
    """The text being scanned and the offsets where years already read as dates end."""

    text: str
    year_ends: set[int]
    # Whether each line is a headline, by its start: asked once per line, not once per
    # month name in it (a long line of month names would be quadratic).
    headlines: dict[int, bool] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=list)


def _valid(y: int, m: int, d: int) -> bool:
    """A day `datetime.date` can hold (years 1 to 9999: "0000-11-08" is none)."""
    return 1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _day_num(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _window(text: str, start: int, size: int = 60) -> str:
    return text[max(0, start - size) : start]


def _mod_of(m: regex.Match[str] | None) -> str:
    if m is None:
        return ""
    word = (m.groupdict().get("qw") or m.groupdict().get("qa") or "").lower()
    word = word or (m.groupdict().get("qp") or "").lower()
    return _QUAL_MODS.get(" ".join(word.split()), "")


def _qualifier(back: str) -> regex.Match[str] | None:
    """A qualifier ending `back` that modifies a named month or year ("early", "the end of")."""
    q = _patterns().back_qual.search(back)
    if q is not None and (q["qa"] or "").lower() in ("earlier", "later"):
        return None
    return q


def _capitalised_inside(text: str, m: regex.Match[str]) -> bool:
    """A capitalised word in mid-sentence, as in a title ("CBS This Morning")."""
    return m.group()[0].isupper() and bool(
        _patterns().name_before.search(_window(text, m.start(), 8))
    )


def _prev_word_blocks(text: str, start: int) -> bool:
    """A capitalised word right before a number that is not a cue ("Windows 10 May")."""
    m = _patterns().prev_word.search(_window(text, start, 30))
    if m is None:
        return False
    word = m["w"].rstrip(".")
    return word[:1].isupper() and word.lower() not in _lexicon().day_cues


def _line_starts(text: str) -> list[int]:
    """Where each line starts, as a document counts lines (a file is read with LF line
    ends; text a library caller gives may have any), and past the end of the text."""
    return [*line_starts(text), len(text) + 1]


def _is_headline(ctx: _Ctx, pos: int) -> bool:
    """Whether the line at `pos` is written in title case, where "May" is a verb too."""
    text = ctx.text
    if not ctx.line_starts:
        ctx.line_starts = _line_starts(text)
    at = bisect.bisect_right(ctx.line_starts, pos) - 1
    start = ctx.line_starts[at]
    known = ctx.headlines.get(start)
    if known is None:
        line = text[start : ctx.line_starts[at + 1]]
        words = [w for w in _patterns().headline_word.findall(line) if len(w) > 3]
        caps = sum(1 for w in words if w[0].isupper())
        known = len(words) >= 3 and caps / len(words) >= 0.8
        ctx.headlines[start] = known
    return known


# --- handlers: one per trigger kind; each returns candidate mentions --------------------


def _h_iso(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    y, mo, d = (int(p) for p in m.group().split("-"))
    if not _valid(y, mo, d):
        return []
    return [_Cand(m.start(), m.end(), _Spec("abs", "day", y, mo, d))]


def _h_num(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    raw = m.group()
    if _patterns().version_before.search(_window(ctx.text, m.start(), 20)):
        return []  # "version 2.10.2024"
    parts = regex.split(r"[/.-]", raw)
    if len(parts[0]) == 4 and len(parts[2]) <= 2 and m["sep"] == "/":
        y, mo, d = int(parts[0]), int(parts[1]), int(parts[2])
        if not _valid(y, mo, d):
            return []
        return [_Cand(m.start(), m.end(), _Spec("abs", "day", y, mo, d))]
    if len(parts[0]) > 2 or len(parts[2]) != 4 or not 1600 <= int(parts[2]) <= 2099:
        return []
    a, b, y = int(parts[0]), int(parts[1]), int(parts[2])
    readings = []
    if _valid(y, b, a):  # day first, as most of the world writes it
        readings.append(f"{y:04d}-{b:02d}-{a:02d}")
    if "." not in raw and _valid(y, a, b):
        readings.append(f"{y:04d}-{a:02d}-{b:02d}")
    readings = sorted(set(readings))
    if not readings:
        return []
    if len(readings) == 1:
        ry, rm, rd = (int(p) for p in readings[0].split("-"))
        return [_Cand(m.start(), m.end(), _Spec("abs", "day", ry, rm, rd))]
    return [_Cand(m.start(), m.end(), _Spec("alts", "day", alts=tuple(readings)))]


def _fallback_phrase(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand] | None:
    """'the day before yesterday', 'a fortnight ago': resolved by dateparser, or None."""
    p = _patterns()
    back = p.fb_back.search(_window(ctx.text, m.start(), 30))
    fwd = p.fb_fwd.match(ctx.text, m.end())
    word = m.group().lower()
    if word.startswith("fortnight"):
        if back is None or fwd is None or back["d"]:
            return []
        n = " ".join((back["n"] or "").lower().split())
        if not (fwd["ago"] or fwd["now"] or n == "in a"):
            return []
    elif back is None or not back["d"]:
        return None
    start = m.start() - len(_window(ctx.text, m.start(), 30)) + back.start()
    end = fwd.end() if fwd is not None and word.startswith("fortnight") else m.end()
    phrase = " ".join(ctx.text[start:end].split())
    grain = "week" if word.startswith("fortnight") else "day"
    return [_Cand(start, end, _Spec("fb", grain, text=phrase))]


def _h_month(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    tok = m.group()
    month = _MONTH_LOOKUP[tok.lower()]
    abbr = tok.title() not in _MONTH_NAMES
    s, e = m.span()
    back = _window(text, s)

    # "February 16(th)(, 2026)" or "Feb. 16 last year"
    fd = p.m_fwd_day.match(text, e)
    if fd is not None:
        day = _day_num(fd["d"])
        day2 = _day_num(fd["d2"]) if fd["d2"] else 0
        start = s
        wd = p.m_back_wday.search(back)
        if wd is not None:
            start = s - len(back) + wd.start()
        end = fd.end()
        if day2 and day2 <= day:
            return []
        spec = _day_spec(ctx, month, day, day2, fd["y"], fd["rel"], end)
        if spec is None:
            return []
        if not fd["y"] and not fd["rel"]:
            # "February 28 to March 2, 2026": the year named at the end applies.
            spec, end = _borrow_year(ctx, spec, end)
        return [_Cand(start, end, spec)]

    # "16 February", "the 16th of February", "Monday, 16 February 2026"
    bd = p.m_back_day.search(back)
    if bd is not None and (bd["wd"] or not _prev_word_blocks(text, s - len(back) + bd.start())):
        day = _day_num(bd["d"])
        day2 = _day_num(bd["d2"]) if bd["d2"] else 0
        if day2 and day2 <= day:
            return []
        start = s - len(back) + bd.start()
        fy = p.m_fwd_year.match(text, e)
        fr = p.m_fwd_rel.match(text, e) if fy is None else None
        end = fy.end() if fy else fr.end() if fr else e
        if fy is None and fr is None and month in _WORDLIKE_MONTHS and _is_headline(ctx, s):
            return []
        spec = _day_spec(
            ctx, month, day, day2, fy["y"] if fy else None, fr["rel"] if fr else None, end
        )
        if spec is None:
            return []
        if fy is None and fr is None:
            spec, end = _borrow_year(ctx, spec, end)
        return [_Cand(start, end, spec)]

    qual = _qualifier(back)
    mod = _mod_of(qual)
    start = s - len(back) + qual.start() if qual else s

    # "September 2024", "Sept. 2024", "September of 2024"
    fy = p.m_fwd_year.match(text, e)
    if fy is not None:
        y = int(fy["y"])
        ctx.year_ends.add(fy.end())
        return [_Cand(start, fy.end(), _Spec("abs", "month", y, month, mod=mod))]
    # "September last year"
    fr = p.m_fwd_rel.match(text, e)
    if fr is not None:
        offset = {"last": -1, "this": 0, "next": 1}[fr["rel"].lower()]
        return [_Cand(start, fr.end(), _Spec("yoff", "month", month=month, offset=offset, mod=mod))]
    if abbr:
        return []
    wordlike = month in _WORDLIKE_MONTHS
    if wordlike and (_is_headline(ctx, s) or p.wordlike_after.match(text, e)):
        return []
    rel = p.back_rel.search(back)
    if rel is not None and qual is None:
        which = {"last": "last", "past": "last", "this past": "last", "this": "this"}.get(
            " ".join(rel["r"].lower().split()), "next"
        )
        rstart = s - len(back) + rel.start()
        return [_Cand(rstart, e, _Spec("mrel", "month", month=month, which=which))]
    if qual is None:
        cue = p.back_cue.search(back)
        if cue is None:
            return []
        c = " ".join(cue["c"].lower().split())
        if c in ("to", "and", "or") and not p.month_any.search(
            back, max(0, cue.start() - 40), cue.start()
        ):
            return []
        if c == "on" or _weak_cue(month, c):
            return []
        mod = _CUE_MODS.get(c, "")
    spec = _Spec("noyear", "month", month=month, mod=mod)
    spec, end = _borrow_year(ctx, spec, e)
    return [_Cand(start, end, spec)]


def _weak_cue(month: int, cue: str) -> bool:
    """Cues too weak for a month that is also a word: "by May" (Theresa May), "to March"."""
    if month == 5:
        return cue in ("by", "to", "and", "or", "from")
    return month == 3 and cue == "to"


def _day_spec(
    ctx: _Ctx,
    month: int,
    day: int,
    day2: int,
    year: str | None,
    rel: str | None,
    end: int,
) -> _Spec | None:
    """A day (or, for "16-17 February", the month) with its year, if the text gives one."""
    grain = "month" if day2 else "day"
    if year:
        y = int(year)
        if not _valid(y, month, max(day, day2)):
            return None
        ctx.year_ends.add(end)
        return _Spec("abs", grain, y, month, 0 if day2 else day)
    if day > calendar.monthrange(2024, month)[1] or day2 > calendar.monthrange(2024, month)[1]:
        return None
    if rel:
        offset = {"last": -1, "this": 0, "next": 1}[rel.lower()]
        return _Spec("yoff", grain, month=month, day=0 if day2 else day, offset=offset)
    return _Spec("noyear", grain, month=month, day=0 if day2 else day)


def _borrow_year(ctx: _Ctx, spec: _Spec, end: int) -> tuple[_Spec, int]:
    """'January to October 2023': the first month takes the year the range ends with."""
    if spec.rule != "noyear":
        return spec, end
    m = _patterns().m_fwd_range.match(ctx.text, end)
    if m is None:
        return spec, end
    y = int(m["y"])
    month2 = _MONTH_LOOKUP[m["m"].lower()]
    if month2 < spec.month:
        y -= 1  # "December to March 2024" starts in 2023
    if spec.day and not _valid(y, spec.month, spec.day):
        return spec, end
    return _Spec("abs", spec.grain, y, spec.month, spec.day, mod=spec.mod), end


def _h_year(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    tok = m.group()
    back = _window(text, s)
    if tok.endswith("s"):
        y = int(tok[:-1])
        if y % 10:
            return []
        qual = regex.search(r"\b(?P<qa>early|mid|late)(?:\s*-\s*|\s+)\Z", back, _I)
        start = s - len(back) + qual.start() if qual else s
        return [_Cand(start, e, _Spec("abs", "decade", y, mod=_mod_of(qual), text=tok))]
    y = int(tok)
    if (
        s > 0
        and text[s - 1] in "-–"
        and not regex.search(r"\b(?:mid|end|early|late|pre|post)[-–]\Z", back, _I)
    ):
        return []

    rng = p.y_fwd_range.match(text, e)
    if rng is not None:
        found = _year_range(ctx, m, rng, back)
        if found is not None:
            return found
    if p.year_bad_after.match(text, e):
        return []

    qual = _qualifier(back)
    if qual is not None:
        start = s - len(back) + qual.start()
        ctx.year_ends.add(e)
        return [_Cand(start, e, _Spec("abs", "year", y, mod=_mod_of(qual)))]
    cue = p.y_back_cue.search(back)
    if cue is not None:
        c = " ".join(cue["c"].lower().split())
        ok = True
        if c in ("from", "between"):
            ok = bool(regex.match(r"\s+(?:on|onwards?|forward)\b", text[e : e + 12]))
        elif c == "by":
            ok = 1900 <= y <= 2099 and p.y_back_change.search(back) is None
        elif c == "for":
            ok = bool(
                regex.search(
                    r"\b(?:forecasts?|targets?|outlook|plans?|guidance)\s+for\s+\Z", back, _I
                )
            )
        elif c == "in":
            ok = p.y_back_ratio.search(back) is None
        if ok:
            ctx.year_ends.add(e)
            mod = _CUE_MODS.get(c, "")
            if c == "by" and p.by_verb.search(back):
                mod = ""  # "followed by 2017"
            return [_Cand(s, e, _Spec("abs", "year", y, mod=mod))]
    if regex.match(r"['’]s\b", text[e : e + 3]) and 1900 <= y <= 2099:
        if y % 10 == 0 and regex.search(r"\bthe\s+\Z", back, _I):
            return [_Cand(s, e + 2, _Spec("abs", "decade", y, text=f"{y}s"))]  # "the 2000's"
        ctx.year_ends.add(e)
        return [_Cand(s, e, _Spec("abs", "year", y))]
    if 1900 <= y <= 2099 and p.y_back_det.search(back) and p.y_fwd_named.match(text, e):
        ctx.year_ends.add(e)
        return [_Cand(s, e, _Spec("abs", "year", y))]
    if (
        1900 <= y <= 2099
        and (p.sent_start.search(back) or not back.strip())
        and p.y_fwd_verb.match(text, e)
    ):
        ctx.year_ends.add(e)
        return [_Cand(s, e, _Spec("abs", "year", y))]
    chain = p.chain.search(back)
    if chain is not None and s - len(back) + chain.start() in ctx.year_ends:
        ctx.year_ends.add(e)
        return [_Cand(s, e, _Spec("abs", "year", y))]
    return []


def _year_range(
    ctx: _Ctx, m: regex.Match[str], rng: regex.Match[str], back: str
) -> list[_Cand] | None:
    """'from 2018 to 2020', '2018-2020', 'in 2024-25': two year mentions, or None."""
    p = _patterns()
    y = int(m.group())
    raw2 = rng["y2"]
    y2 = int(raw2) if len(raw2) == 4 else y // 100 * 100 + int(raw2)
    if not (y < y2 <= y + 30 and y >= 1800 and y2 <= 2100):
        return None
    if p.year_bad_after.match(ctx.text, rng.end()):
        return None
    sep = rng["sep"].strip().lower()
    cue = p.y_back_cue.search(back)
    qual = _qualifier(back)
    if sep in ("to", "through", "until", "till", "and"):
        if len(raw2) != 4 or cue is None:
            return None
    elif len(raw2) != 4 and cue is None and qual is None and not p.y_back_det.search(back):
        chain = p.chain.search(back)
        if chain is None or m.start() - len(back) + chain.start() not in ctx.year_ends:
            return None
    start = m.start()
    mod = ""
    if qual is not None:
        start = m.start() - len(back) + qual.start()
        mod = _mod_of(qual)
    ctx.year_ends.update((m.end(), rng.end()))
    return [
        _Cand(start, m.end(), _Spec("abs", "year", y, mod=mod)),
        _Cand(rng.start("y2"), rng.end(), _Spec("abs", "year", y2)),
    ]


def _h_dec2(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    n = int(m.group()[1:3])
    if n >= 30:
        return [_Cand(m.start(), m.end(), _Spec("abs", "decade", 1900 + n, text=f"{1900 + n}s"))]
    alts = (f"{1900 + n}s", f"{2000 + n}s")
    return [_Cand(m.start(), m.end(), _Spec("alts", "decade", alts=alts))]


def _h_qtr(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    tok = m.group()
    back = _window(text, s)
    prev = p.prev_word.search(back)
    if prev is not None and not regex.search(r"['’]s\Z", prev["w"]) and _prev_word_blocks(text, s):
        return []  # "Audi Q3"
    half = tok.startswith("H")
    n = int(tok[1]) if tok[0] in "QH" else int(tok[0])
    fwd = p.q_fwd.match(text, e)
    if fwd is not None and (len(fwd["y"]) == 4 or fwd["ap"] or fwd["fy"] or tok[0] not in "QH"):
        y = int(fwd["y"]) if len(fwd["y"]) == 4 else 2000 + int(fwd["y"])
        return [_Cand(s, fwd.end(), _quarter_spec(y, n, half))]
    by = p.q_back_year.search(back)
    if by is not None and tok[0] in "QH":
        return [_Cand(s - len(back) + by.start(), e, _quarter_spec(int(by["y"]), n, half))]
    if tok[0] not in "QH" or half:
        return []
    rel = p.wq_fwd_rel.match(text, e)
    if rel is not None:
        offset = {"last": -1, "this": 0, "next": 1}[rel["rel"].lower()]
        return [_Cand(s, rel.end(), _Spec("yoff", "quarter", quarter=n, offset=offset))]
    if regex.search(
        r"\b(?:in|during|for|by|since|until|through|before|after|from)\s+\Z", back, _I
    ) and _business_context(text, s):
        return [_Cand(s, e, _Spec("noyear", "quarter", quarter=n))]
    return []


def _business_context(text: str, pos: int) -> bool:
    """A year-less quarter is a calendar quarter only in business or economic prose;
    "the third quarter" of a basketball game is not."""
    start = max(0, pos - 200)
    return _patterns().quarter_context.search(text, start, pos + 200) is not None


def _quarter_spec(y: int, n: int, half: bool) -> _Spec:
    if half:
        return _Spec("abs", "year", y, mod="START" if n == 1 else "END")
    return _Spec("abs", "quarter", y, quarter=n)


def _h_wq(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    back = _window(text, m.start())
    o = p.wq_ordinal.search(back)
    if o is None:
        return []
    s, e = m.start() - len(back) + o.start(), m.end()
    back = _window(text, s)
    words = [o["o"].lower(), m.group()]
    half = words[-1] == "half"
    n = _ORDINALS[words[0]] or (2 if half else 4)
    if half and n > 2:
        return []
    the = p.the_before.search(back)
    start = s - len(back) + the.start() if the else s
    fy = p.wq_fwd_year.match(text, e)
    if fy is not None:
        return [_Cand(start, fy.end(), _quarter_spec(int(fy["y"]), n, half))]
    rel = p.wq_fwd_rel.match(text, e)
    if rel is not None:
        offset = {"last": -1, "this": 0, "next": 1}[rel["rel"].lower()]
        if half:
            spec = _Spec("yoff", "year", offset=offset, mod="START" if n == 1 else "END")
        else:
            spec = _Spec("yoff", "quarter", quarter=n, offset=offset)
        return [_Cand(start, rel.end(), spec)]
    if words[0] == "last" and not half and the is None:
        return [_Cand(s, e, _Spec("qoff", "quarter", offset=-1))]
    if half or words[0] in ("final", "last"):
        return []
    if (
        p.wq_back_cue.search(back)
        and not regex.match(r"\s+of\s", text[e : e + 5])
        and _business_context(text, s)
    ):
        return [_Cand(start, e, _Spec("noyear", "quarter", quarter=n))]
    return []


def _h_fy(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    text = ctx.text
    s, e = m.span()
    tok = m.group()
    if tok.upper().startswith("FY"):
        if regex.match(r"\s*[-–/]\s*\d", text[e : e + 4]):
            return []  # "FY2024-25": which year is meant varies by country
        digits = tok[2:].strip()
        y = int(digits) if len(digits) == 4 else 2000 + int(digits)
        return [_Cand(s, e, _Spec("abs", "year", y))]
    fwd = _patterns().fy_fwd.match(text, e)
    if fwd is None:
        return []
    return [_Cand(s, fwd.end(), _Spec("abs", "year", int(fwd["y"])))]


def _h_ord(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    back = _window(text, s)
    if p.ord_back_cue.search(back) is None:
        return []
    if p.ord_fwd_of_month.match(text, e):
        return []  # "the 16th of February" belongs to the month
    day = _day_num(m.group().split()[-1])
    rel = p.ord_fwd_rel_month.match(text, e)
    if rel is not None:
        word = rel["rel"].lower()
        if word == "the":
            return [_Cand(s, e, _Spec("dom", "day", day=day))]
        offset = {"last": -1, "this": 0, "next": 1}[word]
        return [_Cand(s, rel.end(), _Spec("moff", "day", day=day, offset=offset))]
    if p.ord_fwd_ok.match(text, e) is None:
        return []  # "the 16th floor", "the 21st century"
    return [_Cand(s, e, _Spec("dom", "day", day=day))]


def _h_wday(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    back = _window(text, s)
    if p.wd_back_bad.search(back):
        return []  # "a Monday", "every Friday", "the Thursday night"
    if p.wd_paper.search(back) and m.group().lower() == "sunday":
        return []  # "The Mail on Sunday"
    wd = _WEEKDAY_LOOKUP[m.group().lower()]
    rel = p.back_rel.search(back)
    if rel is not None:
        word = " ".join(rel["r"].lower().split())
        which = {"last": "last", "past": "last", "this past": "last", "this": "this"}.get(
            word, "next"
        )
        return [_Cand(s - len(back) + rel.start(), e, _Spec("wday", "day", offset=wd, which=which))]
    if _prev_word_blocks(text, s):
        return []  # "Black Friday", "Super Tuesday"
    cue = regex.search(
        r"\b(?:on|by|until|till|since|from|before|after|through|to|and|or|early|late)\s+\Z",
        back,
        _I,
    )
    if cue is None and p.wd_fwd_cap.match(text, e):
        return []  # "Sunday Times", "Monday Night Football"
    return [_Cand(s, e, _Spec("wday", "day", offset=wd))]


def _h_rel(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    fwd = p.rel_fwd.match(text, e)
    if fwd is None:
        return []
    back = _window(text, s)
    if regex.search(r"\bthe\s+\Z", back, _I):
        return []  # "over the last year" is a duration
    word = m.group().lower()
    if _capitalised_inside(text, m):
        return []  # "CBS This Morning"
    unit = fwd["u"].lower()
    offset = {"last": -1, "this": 0, "next": 1}[word]
    qual = p.back_qual.search(back)
    late_early = qual is not None and (qual["qa"] or "").lower() in ("earlier", "later")
    if late_early and word != "this":
        return []
    mod = _mod_of(qual)
    start = s - len(back) + qual.start() if qual else s
    if unit in ("morning", "afternoon", "evening"):
        if word != "this":
            return []
        return [_Cand(start, fwd.end(), _Spec("doff", "day", offset=0))]
    if unit == "night":
        if word != "last":
            return []
        return [_Cand(start, fwd.end(), _Spec("doff", "day", offset=-1))]
    rule = {"year": "yoff", "month": "moff", "week": "woff", "quarter": "qoff"}[unit]
    return [_Cand(start, fwd.end(), _Spec(rule, unit, offset=offset, mod=mod))]


def _h_dayrel(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    text = ctx.text
    s, e = m.span()
    word = m.group().lower()
    if word.startswith("fortnight") or word in ("yesterday", "tomorrow"):
        phrase = _fallback_phrase(ctx, m)
        if phrase is not None:
            return phrase
    if _capitalised_inside(text, m):
        return []  # "NBC's Today show"
    if word in ("today", "tomorrow") and regex.match(r"['’]s\b", text[e : e + 3]):
        return []  # "today's world" is usually "nowadays"
    if regex.search(r"\bof\s+\Z", _window(text, s, 10), _I):
        return []  # "the world of today", "the leaders of tomorrow"
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return [_Cand(s, e, _Spec("doff", "day", offset=offset))]


def _h_ago(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    text = ctx.text
    s, e = m.span()
    back = _window(text, s, 30)
    b = _patterns().ago_back.search(back)
    if b is None:
        return []
    n_raw = b["n"].lower()
    n = int(n_raw) if n_raw.isdigit() else _NUMBER_WORDS[n_raw]
    unit = b["u"].lower()
    grain = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    mod = "APPROX" if unit == "year" else ""
    return [_Cand(s - len(back) + b.start(), e, _Spec("ago", grain, offset=n, mod=mod, text=unit))]


def _h_season(ctx: _Ctx, m: regex.Match[str]) -> list[_Cand]:
    p = _patterns()
    text = ctx.text
    s, e = m.span()
    season = m.group().lower()
    back = _window(text, s)
    if season == "fall" and m.group()[0] == "f" and p.season_back_ok.search(back) is None:
        return []  # "prices fall"
    start = s
    q = regex.search(r"\b(?:early|late|mid)[-\s]+\Z", back, _I)
    if q is not None:
        start = s - len(back) + q.start()
    fy = p.season_fwd_year.match(text, e)
    if fy is not None:
        ctx.year_ends.add(fy.end())
        return [_Cand(start, fy.end(), _Spec("abs", "year", int(fy["y"]), text=season))]
    fr = p.season_fwd_rel.match(text, e)
    if fr is not None:
        offset = {"last": -1, "this": 0, "next": 1}[fr["rel"].lower()]
        return [_Cand(start, fr.end(), _Spec("yoff", "year", offset=offset, text=season))]
    rel = regex.search(r"\b(?P<r>last|this|next)\s+\Z", back, _I)
    if rel is not None and season != "winter":
        which = rel["r"].lower()
        return [
            _Cand(s - len(back) + rel.start(), e, _Spec("season", "year", which=which, text=season))
        ]
    return []


_HANDLERS: dict[str, Callable[[_Ctx, regex.Match[str]], list[_Cand]]] = {
    "iso": _h_iso,
    "num": _h_num,
    "month": _h_month,
    "wday": _h_wday,
    "year": _h_year,
    "dec2": _h_dec2,
    "rel": _h_rel,
    "dayrel": _h_dayrel,
    "ago": _h_ago,
    "qtr": _h_qtr,
    "wq": _h_wq,
    "fy": _h_fy,
    "ord": _h_ord,
    "season": _h_season,
}


def _candidates(text: str) -> list[_Cand]:
    """Every mention, overlaps resolved: the longer reading of a stretch of text wins."""
    ctx = _Ctx(text, set())
    found: list[_Cand] = []
    hits = [
        (m.start(), rank, -m.end(), kind, m)
        for rank, (kind, pattern) in enumerate(_patterns().triggers)
        for m in pattern.finditer(text)
    ]
    hits.sort(key=lambda h: h[:3])
    last_end = -1
    for start, _, neg_end, kind, m in hits:
        if start < last_end:
            continue  # inside an earlier trigger ("ago" in "a fortnight ago")
        last_end = -neg_end
        found.extend(c for c in _HANDLERS[kind](ctx, m) if c.end > c.start)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[_Cand] = []
    for c in found:
        i = bisect.bisect_left(taken, (c.start, c.end))
        left = taken[i - 1] if i > 0 else None
        right = taken[i] if i < len(taken) else None
        if (left and left[1] > c.start) or (right and right[0] < c.end):
            continue
        taken.insert(i, (c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


# --- resolution against the publication date ---------------------------------------------


def _fmt_day(d: datetime.date) -> str:
    return d.isoformat()


def _fmt_week(d: datetime.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _pick(past: str, future: str, tense: str) -> tuple[str, tuple[str, ...]]:
    """Tense decides; without one the past reading leads and both are candidates."""
    if past == future or tense == "past":
        return past, ()
    if tense == "future":
        return future, ()
    return past, tuple(sorted({past, future}))


def _pick_nearest(
    past: str, future: str, tense: str, pub: datetime.date, near: int
) -> tuple[str, tuple[str, ...]]:
    """For a date written without its year: tense decides, unless its reading lies far
    from the publication date while the other is within `near` days (a year-less date
    is near the day it was written); then the nearer reading leads and both are kept."""
    if past == future:
        return past, ()
    d_past = _distance(past, pub)
    d_future = _distance(future, pub)
    both = tuple(sorted({past, future}))
    if tense == "past" and not (d_past > 182 and d_future <= near):
        return past, ()
    if tense == "future" and not (d_future > 182 and d_past <= near):
        return future, ()
    return (past if d_past <= d_future else future), both


def _distance(value: str, pub: datetime.date) -> int:
    span = _interval(value, "")
    if span is None:
        return 1 << 30
    lo, hi = span
    if lo <= pub <= hi:
        return 0
    return min(abs((lo - pub).days), abs((hi - pub).days))


def _day_readings(pub: datetime.date, month: int, day: int) -> tuple[str, str]:
    past = future = ""
    for y in range(pub.year, pub.year - 9, -1):
        if _valid(y, month, day) and datetime.date(y, month, day) <= pub:
            past = f"{y:04d}-{month:02d}-{day:02d}"
            break
    for y in range(pub.year, pub.year + 9):
        if _valid(y, month, day) and datetime.date(y, month, day) >= pub:
            future = f"{y:04d}-{month:02d}-{day:02d}"
            break
    return past, future


def _dom_readings(pub: datetime.date, day: int) -> tuple[str, str]:
    past = future = ""
    y, mo = pub.year, pub.month
    for k in range(0, -13, -1):
        yy, mm = _shift_month(y, mo, k)
        if _valid(yy, mm, day) and datetime.date(yy, mm, day) <= pub:
            past = f"{yy:04d}-{mm:02d}-{day:02d}"
            break
    for k in range(0, 13):
        yy, mm = _shift_month(y, mo, k)
        if _valid(yy, mm, day) and datetime.date(yy, mm, day) >= pub:
            future = f"{yy:04d}-{mm:02d}-{day:02d}"
            break
    return past, future


def _resolve(spec: _Spec, pub: datetime.date | None, tense: str) -> tuple[str, tuple[str, ...]]:
    """(value, candidates) of a mention at its grain."""
    rule, grain = spec.rule, spec.grain
    if rule == "abs":
        if grain == "day":
            return f"{spec.year:04d}-{spec.month:02d}-{spec.day:02d}", ()
        if grain == "month":
            return f"{spec.year:04d}-{spec.month:02d}", ()
        if grain == "quarter":
            return f"{spec.year:04d}-Q{spec.quarter}", ()
        if grain == "decade":
            return f"{spec.year:04d}s", ()
        return f"{spec.year:04d}", ()
    if rule == "alts":
        return "", spec.alts
    if pub is None:
        return "", ()
    if rule == "yoff":
        y = pub.year + spec.offset
        if grain == "day":
            if not _valid(y, spec.month, spec.day):
                return "", ()
            return f"{y:04d}-{spec.month:02d}-{spec.day:02d}", ()
        if grain == "month":
            return f"{y:04d}-{spec.month:02d}", ()
        if grain == "quarter":
            return f"{y:04d}-Q{spec.quarter}", ()
        return f"{y:04d}", ()
    if rule == "moff":
        y, mo = _shift_month(pub.year, pub.month, spec.offset)
        if grain == "day":
            if not _valid(y, mo, spec.day):
                return "", ()
            return f"{y:04d}-{mo:02d}-{spec.day:02d}", ()
        return f"{y:04d}-{mo:02d}", ()
    if rule == "woff":
        return _fmt_week(pub + datetime.timedelta(weeks=spec.offset)), ()
    if rule == "qoff":
        idx = pub.year * 4 + (pub.month - 1) // 3 + spec.offset
        return f"{idx // 4:04d}-Q{idx % 4 + 1}", ()
    if rule == "doff":
        return _fmt_day(pub + datetime.timedelta(days=spec.offset)), ()
    if rule == "ago":
        n = spec.offset
        if spec.text == "day":
            return _fmt_day(pub - datetime.timedelta(days=n)), ()
        if spec.text == "week":
            return _fmt_week(pub - datetime.timedelta(weeks=n)), ()
        if spec.text == "month":
            y, mo = _shift_month(pub.year, pub.month, -n)
            return f"{y:04d}-{mo:02d}", ()
        return f"{pub.year - n:04d}", ()
    if rule == "noyear":
        if grain == "day":
            return _pick_nearest(*_day_readings(pub, spec.month, spec.day), tense, pub, 45)
        if grain == "quarter":
            pq = (pub.month - 1) // 3 + 1
            past = pub.year if spec.quarter <= pq else pub.year - 1
            future = pub.year if spec.quarter >= pq else pub.year + 1
            q = spec.quarter
            return _pick_nearest(f"{past:04d}-Q{q}", f"{future:04d}-Q{q}", tense, pub, 0)
        past = pub.year if spec.month <= pub.month else pub.year - 1
        future = pub.year if spec.month >= pub.month else pub.year + 1
        m = spec.month
        return _pick_nearest(f"{past:04d}-{m:02d}", f"{future:04d}-{m:02d}", tense, pub, 0)
    if rule == "mrel":
        if spec.which == "last":
            y = pub.year if spec.month < pub.month else pub.year - 1
        elif spec.which == "next":
            y = pub.year if spec.month > pub.month else pub.year + 1
        else:
            y = pub.year
        return f"{y:04d}-{spec.month:02d}", ()
    if rule == "wday":
        week = datetime.timedelta(days=7)
        back = (pub.weekday() - spec.offset) % 7
        latest = pub - datetime.timedelta(days=back)  # on or before publication
        before = latest - week if back == 0 else latest
        after = latest + week
        if spec.which == "last":
            return _fmt_day(before), ()
        if spec.which == "next":
            return _fmt_day(after), ()
        if back == 0:  # the publication day itself, or a week either side
            if tense == "past":
                return _fmt_day(pub), (_fmt_day(before), _fmt_day(pub))
            if tense == "future":
                return _fmt_day(pub), (_fmt_day(pub), _fmt_day(after))
            return _fmt_day(pub), (_fmt_day(before), _fmt_day(pub), _fmt_day(after))
        if tense == "past":
            return _fmt_day(latest), ()
        if tense == "future":
            return _fmt_day(after), ()
        nearest = latest if back <= 3 else after
        return _fmt_day(nearest), (_fmt_day(latest), _fmt_day(after))
    if rule == "dom":
        return _pick(*_dom_readings(pub, spec.day), tense)
    if rule == "season":
        ends = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
        starts = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
        if spec.which == "last":
            y = pub.year if pub.month > ends[spec.text] else pub.year - 1
        elif spec.which == "next":
            y = pub.year if pub.month < starts[spec.text] else pub.year + 1
        else:
            y = pub.year
        return f"{y:04d}", ()
    if rule == "fb":
        found = _fallback_date(spec.text, pub)
        if found is None:
            return "", ()
        return (_fmt_week(found) if grain == "week" else _fmt_day(found)), ()
    return "", ()


def _fallback_date(phrase: str, pub: datetime.date) -> datetime.date | None:
    """dateparser on one isolated phrase, in English only, against the publication date."""
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime.datetime(pub.year, pub.month, pub.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    found = dateparser.parse(phrase, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return found.date() if found is not None else None


# --- context: tense, quotations, sentences --------------------------------------------------


def _tense(text: str, clause: Span, span: Span) -> str:
    """'past', 'future' or '' from the tense marker nearest the date in its clause."""
    raw = text[span.start : span.end].lower()
    if raw.endswith("ago"):
        return "past"
    if raw.startswith("next"):
        return "future"
    lex = _lexicon()
    best: tuple[int, str] | None = None
    for m in _patterns().tense.finditer(text, clause.start, clause.end):
        if span.start <= m.start() < span.end:
            continue
        if m["p"]:
            word = m["p"].lower()
            if word not in lex.past_verbs and (
                word in lex.ed_not_past or text[m.start() - 1 : m.start()] in "-‑"
            ):
                continue
            if _patterns().passive.search(text, max(0, m.start() - 12), m.start()):
                continue  # "is expected", "to be held": present or future
            kind = "past"
        elif m["f"]:
            kind = "future"
        else:
            kind = ""
        dist = span.start - m.end() if m.end() <= span.start else m.start() - span.end
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else ""


_QUOTE = fastre.compile(r"“[^“”]*?”|\"[^\"\n]*(?:\n(?![ \t]*\n)[^\"\n]*)*\"|«[^«»]*»", regex.DOTALL)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations, in order; a quote never runs across a blank line."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if "\n\n" not in m.group()]


def _in_spans(spans: list[tuple[int, int]], starts: list[int], span: Span) -> bool:
    i = bisect.bisect_right(starts, span.start) - 1
    return i >= 0 and spans[i][0] <= span.start and span.end <= spans[i][1]


def _sentence_of(text: str, sentences: Sequence[Span], starts: list[int], span: Span) -> Span:
    i = bisect.bisect_right(starts, span.start) - 1
    if i >= 0 and sentences[i].start <= span.start and span.end <= sentences[i].end:
        return sentences[i]
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return Span(start, end if end >= 0 else len(text))


# --- public API ---------------------------------------------------------------------------


def extract_dates(
    text: str, sentences: Sequence[Span], published: datetime.date | None
) -> tuple[DateMention, ...]:
    """Every date mention in `text`, sorted by span, resolved against `published`."""
    if isinstance(published, datetime.datetime):
        published = published.date()
    cands = _candidates(text)
    if not cands:
        return ()
    quotes = _quote_spans(text)
    qstarts = [q[0] for q in quotes]
    ordered = sorted(sentences, key=lambda s: (s.start, s.end))
    starts = [s.start for s in ordered]
    out: list[DateMention] = []
    for c in cands:
        span = Span(c.start, c.end)
        sentence = _sentence_of(text, ordered, starts, span)
        tense = _tense(text, clause_around(text, sentence, span), span)
        try:
            value, candidates = _resolve(c.spec, published, tense)
        except (OverflowError, ValueError):  # a publication date at the calendar's edge
            value, candidates = "", ()
        out.append(
            DateMention(
                span=span,
                raw=text[c.start : c.end],
                value=value,
                grain=c.spec.grain,
                relative=c.spec.relative,
                sentence=sentence,
                subject=subject_for(text, sentence, span),
                candidates=candidates,
                mod=c.spec.mod,
                in_quote=_in_spans(quotes, qstarts, span),
                tense=tense,
            )
        )
    return tuple(out)


def _full_dates(text: str) -> list[tuple[Span, datetime.date, int | None]]:
    """Explicit day-grain dates with their year: (span, date, weekday written or None)."""
    found = []
    for m in _patterns().full_date.finditer(text):
        if m["iy"]:
            y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
        else:
            y = int(m["y"])
            mo = _MONTH_LOOKUP[(m["m"] or m["m2"]).lower()]
            d = _day_num(m["d"] or m["d2"])
        if not _valid(y, mo, d):
            continue
        wd = _WEEKDAY_LOOKUP[m["wd"].lower()] if m["wd"] else None
        found.append((Span(m.start(), m.end()), datetime.date(y, mo, d), wd))
    return found


def parse_publication_date(value: object) -> datetime.date | None:
    """A front-matter date value as a date: a date, a datetime, or a string."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 80:
        return None
    iso = regex.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)", s)
    if iso:
        y, mo, d = int(iso[1]), int(iso[2]), int(iso[3])
        return datetime.date(y, mo, d) if _valid(y, mo, d) else None
    full = _full_dates(s)
    if full:
        return full[0][1]
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if not regex.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)", s):
        return None
    import dateparser

    found = dateparser.parse(
        s, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return found.date() if found is not None else None


# "Posted at 11:51 PM, Mar 09, 2019", "Published 9:30 a.m. ET on Monday, ...": the
# time a labelled line may give before its date.
_CLOCK_FIRST = fastre.compile(
    r"(?i)[ \t]*(?:at[ \t]+)?(?:\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?|\d{1,2}[ \t]*[ap]\.?m\.?)"
    r"(?:[ \t]+(?-i:\p{Lu}{2,4}))?[ \t]*[,|·–—-]?[ \t]*(?:on[ \t]+)?"
)


# A line that opens with a date and nothing else: alone, before a separator, or run into
# the first word of the text by a page's scraping ("August 3, 2014Chinese officials").
_DATE_LINE = fastre.compile(
    r"(?m)^[ \t>*_#]*(?P<date>[^\n]{6,45}?)"
    r"(?:[ \t*_]*$|(?<=\d)(?=\p{Lu}\p{Ll})|[*_]*[ \t]+[|·•–—-][ \t])"
)


def find_dateline(text: str) -> datetime.date | None:
    """The date of a dateline, a "Published:" line or a line of its own in the first 400
    characters, if any.

    Conservative: only a full date with its year counts ("BEIJING, Feb 17, 2026 (Reuters) -",
    "Published: 17 February 2026", "Posted at 11:51 PM, Mar 09, 2019", "August 3, 2014").
    """
    head = text[:400]
    p = _patterns()
    for labelled, pattern in ((True, p.published_label), (False, p.dateline)):
        for m in pattern.finditer(head):
            fragment = m["date"]
            full = _full_dates(fragment)
            before = fragment[: full[0][0].start] if full else ""
            if full and (not before.strip(" ,") or (labelled and _CLOCK_FIRST.fullmatch(before))):
                return full[0][1]
            iso = regex.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?!\d)", fragment)
            if iso and _valid(int(iso[1]), int(iso[2]), int(iso[3])):
                return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
    for m in _DATE_LINE.finditer(head):
        full = _full_dates(m["date"])
        if full and (full[0][0].start, full[0][0].end) == (0, len(m["date"])):
            return full[0][1]
    return None


# A news address's date: "/2019/03/09/", "/20150908/", "-20211201-p59dof".
_URL_DATE = fastre.compile(
    r"(?<=/)(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$)"
    r"|(?<=[/_-])(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?=[/_.-]|$)"
)


def url_date(url: str) -> datetime.date | None:
    """The publication date a news address carries in its path, if any: the first
    year, month and day written as a path ("/2019/03/09/") or as eight digits between
    separators ("/20150908/"). Only a web address counts."""
    from urllib.parse import urlsplit

    if not url.startswith(("http://", "https://")):
        return None
    try:
        path = urlsplit(url).path  # not the host, the query or the fragment
    except ValueError:  # "http://[oops": no address
        return None
    for m in _URL_DATE.finditer(path):
        y, mo, d = (int(m["y"] or m["y2"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
        if _valid(y, mo, d):
            return datetime.date(y, mo, d)
    return None


# --- helpers for the checks layer ---------------------------------------------------------

_VALUE = fastre.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?|-Q(?P<q>[1-4])|-W(?P<w>\d\d)|(?P<s>s))?"
)


def _interval(value: str, mod: str) -> tuple[datetime.date, datetime.date] | None:
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            lo = hi = datetime.date(y, int(m["m"]), int(m["d"]))
        elif m["m"]:
            mo = int(m["m"])
            lo, hi = datetime.date(y, mo, 1), datetime.date(y, mo, calendar.monthrange(y, mo)[1])
        elif m["q"]:
            q = int(m["q"])
            mo = 3 * q
            lo = datetime.date(y, mo - 2, 1)
            hi = datetime.date(y, mo, calendar.monthrange(y, mo)[1])
        elif m["w"]:
            lo = datetime.date.fromisocalendar(y, int(m["w"]), 1)
            hi = lo + datetime.timedelta(days=6)
        elif m["s"]:
            lo, hi = datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31)
        else:
            lo, hi = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    except ValueError:
        return None
    if mod == "APPROX":
        widen = datetime.timedelta(days=((hi - lo).days + 1) // 2)
        # Past the first or last day datetime holds ("early 0001", "late 9999"): that day.
        lo = lo - widen if lo - datetime.date.min > widen else datetime.date.min
        hi = hi + widen if datetime.date.max - hi > widen else datetime.date.max
    elif mod == "BEFORE":
        lo = datetime.date.min
    elif mod == "AFTER":
        hi = datetime.date.max
    return lo, hi


def compatible(a: DateMention, b: DateMention) -> bool:
    """Whether the two mentions could name the same date at their common (coarser) grain.

    Every candidate reading counts; an unresolved mention is compatible with anything.
    APPROX widens a value by half its unit; BEFORE/AFTER leave one side open.
    """
    ra = a.candidates or ((a.value,) if a.value else ())
    rb = b.candidates or ((b.value,) if b.value else ())
    ia = [i for i in (_interval(v, a.mod) for v in ra) if i is not None]
    ib = [i for i in (_interval(v, b.mod) for v in rb) if i is not None]
    if not ia or not ib:
        return True
    return any(x[0] <= y[1] and y[0] <= x[1] for x in ia for y in ib)


def weekday_mismatch(text: str, sentences: Sequence[Span]) -> list[tuple[Span, str]]:
    """Dates whose written weekday is wrong: "Monday, 17 February 2026" (a Tuesday)."""
    out = []
    for span, date, wd in _full_dates(text):
        if wd is not None and date.weekday() != wd:
            out.append(
                (
                    span,
                    f"{date.day} {_MONTH_NAMES[date.month - 1]} {date.year} was a "
                    f"{_WEEKDAY_NAMES[date.weekday()]}, not a {_WEEKDAY_NAMES[wd]}",
                )
            )
    return out


# A weekday and a date without a year name a day within weeks of publication ("on
# Tuesday, Jan. 6"); beyond this, the publication date may be a crawl's, not the story's.
WEEKDAY_NEAR_DAYS = 45


def weekday_mismatch_near(text: str, published: datetime.date | None) -> list[tuple[Span, str]]:
    """Weekdays that do not match a date written without its year, in the year that puts
    it nearest the publication date ("Tuesday, Jan. 6" published in March 2025: a Monday)."""
    if published is None:
        return []
    out = []
    for m in _patterns().weekday_no_year.finditer(text):
        month = _MONTH_LOOKUP[(m["m"] or m["m2"]).lower()]
        day = _day_num(m["d"] or m["d2"])
        readings = [
            datetime.date.fromisoformat(r) for r in _day_readings(published, month, day) if r
        ]
        if not readings:
            continue  # "30 February": impossible_dates reports it
        date = min(readings, key=lambda d: abs((d - published).days))
        wd = _WEEKDAY_LOOKUP[m["wd"].lower()]
        if abs((date - published).days) > WEEKDAY_NEAR_DAYS or date.weekday() == wd:
            continue
        out.append(
            (
                Span(m.start(), m.end()),
                f"{date.day} {_MONTH_NAMES[date.month - 1]} {date.year}, the nearest to the "
                f"publication date {published.isoformat()}, was a "
                f"{_WEEKDAY_NAMES[date.weekday()]}, not a {_WEEKDAY_NAMES[wd]}",
            )
        )
    return out


def impossible_dates(text: str, sentences: Sequence[Span]) -> list[tuple[Span, str]]:
    """Calendar dates that do not exist: "30 February", "31 April 2025", "29 February 2025"."""
    out = []
    for m in _patterns().impossible.finditer(text):
        if m["d"] and _prev_word_blocks(text, m.start()):
            continue
        month = _MONTH_LOOKUP[(m["m"] or m["m2"]).lower()]
        day = _day_num(m["d"] or m["d2"])
        year_raw = m["y"] or m["y2"]
        name = _MONTH_NAMES[month - 1]
        if year_raw:
            y = int(year_raw)
            if not _valid(y, month, day):
                out.append((Span(m.start(), m.end()), _not_in(y, month, day)))
        elif day > calendar.monthrange(2024, month)[1]:
            out.append((Span(m.start(), m.end()), f"{name} never has {day} days"))
    for m in _ISO_DAY.finditer(text):  # "2021-02-29": a month and day each in range
        y, month, day = int(m[1]), int(m[2]), int(m[3])
        if not _valid(y, month, day):
            out.append((Span(m.start(), m.end()), _not_in(y, month, day)))
    return sorted(out, key=lambda found: found[0].start)


_ISO_DAY = fastre.compile(
    r"(?<![\w./:-])((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w-]|[.:/]\d)"
)


def _not_in(y: int, month: int, day: int) -> str:
    if month == 2 and day == 29:
        return f"{y} is not a leap year: 29 February {y} does not exist"
    return f"{_MONTH_NAMES[month - 1]} {y} has {calendar.monthrange(y, month)[1]} days, not {day}"
