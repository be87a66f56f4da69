"""FL101-FL105 figures that disagree, within an article and across the articles of a run;
FL401-FL404 figures that disagree with the ledger, in the same pass.

What counts as "the same figure" decides this module's precision, so the matching is
strict. Two figures are compared only when all of these hold:

- same kind and unit (money in one currency, "$" = USD; one counted noun; percent;
  an age, "73-year-old" or set off by commas after a full name, "Carl Wiley, 77,");
  bare numbers, multipliers and fractions are not paired;
- the same role: a level is not compared with a change ("rose 5%", "5% higher"), nor
  with what it had to reach ("the 326 seats needed to govern"), nor a count with one
  of a group others join ("the 12 boys and their coach"), and a starting point
  ("from 3%") with nothing; a rate ("$5 million a year", "per user", "at an annualized pace",
  "per Activision share") only with a rate per the same thing;
- the same stage, when a clause names one: a running total ("year-to-date") or an
  election round ("first round", "runoff"); a figure whose clause names none takes the
  stage its article gives the same value elsewhere, then that of a figure of its kind
  in its sentence;
- compatible times: the years their sentences state (with "this year" and "last year"
  resolved against each article's publication date) are equal; a figure without a
  stated year is taken to describe its article's present, so it meets a stated year
  only when that year is the publication year or the one before, and two figures
  without a stated year only when their articles appeared at most `max_days_apart`
  (31) days apart, and figures of the day ("new cases", "so far", "the death toll",
  "in the past 24 hours", "shares closed at", "was up 36.7% at", polls) only when both
  articles are dated and appeared at most two days apart; a figure its sentence sets
  "at the time" (or "back then") only with another so set, and one of a named month
  ("November's layoffs") only with one of no period when that is the month the other's
  article appeared in;
- for a conflict, values at most ten times apart: further apart, and not by a slip of
  a power of ten, they measure different things ("$95 a share" / "a $68.7 billion
  deal");
- compatible subjects: the clauses share an anchor (a specific proper name, or two
  content words in a row such as "national AI fund", "cases of measles" read as
  "measles cases"; one such phrase near both figures is enough when both clauses name
  one specific name, "the CDC", or when it is the compound both figures price and they
  are a power of ten apart, "a $5 billion share buyback" / "a $50 billion share
  buyback"); their proper names are not
  disjoint, and not each with a name of its own ("Amazon invested" / "Google invested")
  unless both are ages next to one full name; a share of a place or body it names
  ("55.8 per cent of Northern Ireland") meets only a clause that names it too;
  a name read as its country's ("German" is "Germany") and an acronym of words near
  the other figure ("AI", "ECB") count as written on both sides, and a phrase with the
  acronym as its words spelled out;
  the measure words near the figures are not of different families ("investment" /
  "revenue"); a percentage's "of ..." wholes share a word; and the weighted share of
  names and content words in common reaches `min_similarity` (`min_similarity_within`
  inside one article, where the subjects are closer anyway);
- different sentences (figures in one sentence are contrasts: "from 1.2% to nearly
  30%");
- two ages written beside a name ("Carl Wiley, 77", "Weinstein, 67", a surname alone
  standing for the full name the article gave before) are about the same thing exactly
  when the names are one person's (same surname; same first name when both give one),
  whatever else their clauses say; such an age is of its article's time, not of the
  dates its sentence names ("was found guilty of assaulting her in 2006"), and two
  undated articles need not agree on another figure, but their conflict is a warning;
- between articles, one story: not two articles that each name their own people or
  places often and never the other's (`different_stories`); and, for a conflict
  between undated articles, one moment: they agree on another figure of two
  significant digits or more (`_Run.same_moment`). A slip by a power of ten and a
  rounding need neither; what analysts expected or forecast is compared only with
  other expectations.

A figure is compared with its best match in each other article only, when that match
is mutual and unique, and not at all with an article that also gives its value about
the same thing ("$999 and $1,199, respectively" there agrees with "$1,199" here).

Verdicts come from `factlint.compare.compare`: FL101 conflict, FL102 magnitude-slip,
FL103 rounded (between articles only: inside an article a writer rounding their own
precise figure is style). A conflict between two estimates ("about", "nearly") is
reported a step lower, a warning. A pair is reported once, on the later mention (on the
rounded one for FL103), with the other as related location. Pairs reported at one
place under one rule are one finding, as FL201's dates are: the message names the
nearest other passage and counts the rest ("(and 2 more)"), each is a related location.
Copies of one sentence, word for word but for their numbers, vote as FL201's mentions
do: a reading more copies agree with than contradict is taken as right, and its pairs
with another reading are reported on the other copy only (`_Consensus`).

FL105 finds near-identical sentences (rapidfuzz ratio of the sentences with figures
masked at least `sentence_threshold`), within or across articles, whose figures differ
(not when each differs more than tenfold: one template, other facts, "EPS: $3.53 vs
$2.89" / "Revenue: $7.87 billion vs $7.93 billion");
across articles not for figures of the day unless both are dated within two days.
Sentences are bucketed by their three rarest content terms, so only sentences sharing
one are scored. When the differing figures are a power of ten apart the pair is
reported as FL102 (or FL103 for a rounding) instead; either way the pair is not
reported again by FL101-FL103.

FL104 checks parenthesised conversions ("60.06 billion yuan (approximately $8.69
billion)" implies 6.91 CNY per USD) against the ledger's rate for the period (the
period of the ledger fact the amount matches, else the publication month), allowing
`rate_tolerance` either side, or, without a ledger rate, against the other conversions
of the same pair in the same month when at least two of them agree with each other.

Merging: a figure with a ledger finding (FL401-FL404) that also belongs to a pair
reported by FL101-FL103 or FL105 is reported once, as the ledger finding, with the
other mention added as related location. The ledger decides which side of the pair is
wrong: "up to $70 billion" (000) and "up to $700 billion" (001) become one FL402 on
000's figure, which names 001's figure and the ledger entry. When the ledger rules are
deselected, the pair is reported as the cross-article finding it is.

Findings are on the corpus scope: the engine keeps those on the files being reported,
so a pair reported on an article outside the reported set is not shown.

Cost: candidate pairs come from `factlint.subject.candidate_pairs` over (unit, anchor)
buckets, and sentences from (rarest term) buckets, never all pairs.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from factlint import digests, fastre
from factlint.analysis import Analysis, same_story
from factlint.checks.duplicates import differs_in_figures, names, normalise
from factlint.checks.ledger_figures import (
    LEDGER_DEFAULTS,
    LEDGER_OPTIONS,
    LEDGER_RULES,
    LedgerHit,
    figure_text,
    format_value,
    ledger_hits,
    matching_facts,
)
from factlint.claims import Quantity, Subject
from factlint.compare import Verdict, compare, is_hedged, resolve_time_scope
from factlint.extract.attribution import same_person
from factlint.extract.numbers import MONTHS, NUMBER_WORDS, SCALE_WORDS, figure_role, per_unit
from factlint.ledger import Ledger, Rate
from factlint.links import Links, Totals, bucket_count, key
from factlint.model import Finding, Location, Related, RuleMeta, Severity, Span, SpanIndex
from factlint.parallel import per_document
from factlint.rule import Context
from factlint.similarity import ratio as text_ratio
from factlint.subject import (
    STOPWORDS,
    candidate_pairs,
    clause_around,
    content_terms,
    country,
    stem,
)

if TYPE_CHECKING:
    import regex

SCOPE = "corpus"
READS = ("published",)  # besides its per_document values
# The rules whose per-article work (figures, sentences, ledger hits) runs in the workers.
_RULE_IDS = ("FL101", "FL102", "FL103", "FL104", "FL105", "FL401", "FL402", "FL403", "FL404")

_NEXT = "\n<!-- next article -->\n"
_A_2026 = "---\ndate: 2026-02-17\n---\n"

RULES = (
    RuleMeta(
        id="FL101",
        name="number-conflict",
        category="number",
        severity=Severity.ERROR,
        scope="corpus",
        summary="Two figures for the same thing disagree",
        rationale=(
            "When one article, or two articles of the same run, give figures for the "
            "same subject in the same unit and period whose intervals (after qualifiers "
            "such as 'up to' or 'about' and the rounding their digits imply) do not "
            "overlap, at least one is wrong. Matching is strict: the clauses must share a "
            "specific name or phrase, must not name different companies or people, must "
            "not measure different things (investment / revenue), and the figures must be "
            "levels of the same period and stage, not a change, an earlier value, a "
            "threshold ('the 326 seats needed') or a count in progress ('with 99% of "
            "the votes counted'). Between two estimates ('about 400,000' / 'around "
            "265,900'), or an estimate and a figure within 15% of it, it is a warning: "
            "each may come from its own count or rounding. So it is when the other "
            "article gives the same figure elsewhere (the pair may be matched wrongly), "
            "and between figures of the moment (a share price on the move, winds "
            "'decreasing to' a speed, a toll), each perhaps right when it was written."
        ),
        examples_fail=(
            _A_2026 + "Acme Robotics raised $40 million in its Series B round, led by "
            "Sequoia." + _NEXT + _A_2026 + "Acme Robotics raised $55 million in its Series B "
            "round, the company said.",
        ),
        examples_pass=(
            _A_2026 + "Acme Robotics raised $40 million in its Series B round, led by "
            "Sequoia." + _NEXT + _A_2026 + "Acme Robotics raised $55 million in its Series C "
            "round in 2019.",
            _A_2026
            + "Acme Robotics raised $40 million in its Series B round."
            + _NEXT
            + _A_2026
            + "Bolt Robotics raised $55 million in its Series B round.",
        ),
    ),
    RuleMeta(
        id="FL102",
        name="magnitude-slip",
        category="number",
        severity=Severity.ERROR,
        scope="corpus",
        summary="Two figures for the same thing differ by a power of ten",
        rationale=(
            "'up to $70 billion' in one article and 'up to $700 billion' in another, for "
            "the same companies' spending this year, cannot both be right: a digit or a "
            "scale word slipped. A figure exactly ten, a hundred or a thousand times "
            "another is rarely a coincidence, so this is reported with the same subject "
            "matching as FL101."
        ),
        examples_fail=(
            _A_2026 + "Toyota and Honda announced that they will invest up to $70 billion in "
            "battery plants this year." + _NEXT + _A_2026 + "Honda and Toyota recently "
            "announced up to $700 billion for battery plants this year.",
        ),
        examples_pass=(
            _A_2026 + "Toyota and Honda announced that they will invest up to $700 billion in "
            "battery plants this year." + _NEXT + _A_2026 + "Honda and Toyota recently "
            "announced up to $700 billion for battery plants this year.",
            _A_2026
            + "Toyota and Honda invested $70 billion in battery plants in 2018."
            + _NEXT
            + _A_2026
            + "Honda and Toyota recently announced up to $700 billion for "
            "battery plants this year.",
        ),
    ),
    RuleMeta(
        id="FL103",
        name="rounded-figure",
        category="number",
        severity=Severity.INFO,
        scope="corpus",
        summary="One article rounds a figure another gives precisely, without saying so",
        rationale=(
            "'60 billion yuan' against '60.06 billion yuan' for the same fund is not a "
            "contradiction, but the rounded figure reads as exact; 'about 60 billion' "
            "would not. Hedged figures are not reported, and neither are roundings "
            "inside one article (a writer abbreviating their own figure)."
        ),
        examples_fail=(
            _A_2026 + "The city jointly established a 3 billion euro green hydrogen fund to "
            "accelerate investment." + _NEXT + _A_2026 + "Hamburg launched a green hydrogen "
            "fund last year, reportedly worth 3.12 billion euros.",
        ),
        examples_pass=(
            _A_2026 + "The city jointly established a green hydrogen fund of about 3 billion "
            "euros to accelerate investment." + _NEXT + _A_2026 + "Hamburg launched a green "
            "hydrogen fund last year, reportedly worth 3.12 billion euros.",
        ),
    ),
    RuleMeta(
        id="FL104",
        name="conversion-mismatch",
        category="number",
        severity=Severity.WARNING,
        scope="corpus",
        summary="A currency conversion implies an exchange rate that does not fit its period",
        rationale=(
            "'60.06 billion yuan (approximately $8.69 billion)' implies 6.91 yuan to the "
            "dollar. When the ledger's rate for the period of the figure (the period of "
            "the ledger fact the amount matches, else the publication month) is 7.1-7.35, "
            "the conversion used another date's rate or a wrong figure. Without a ledger "
            "rate, a conversion is compared with other conversions of the same pair in the "
            "same month, when at least two of those agree."
        ),
        examples_fail=(
            _A_2026 + "Beijing launched a national AI fund last year, reportedly worth "
            "60.06 billion yuan (approximately $8.69 billion).",
        ),
        examples_pass=(
            _A_2026 + "Beijing launched a national AI fund last year, reportedly worth "
            "60.06 billion yuan (approximately $8.2 billion).",
        ),
    ),
    RuleMeta(
        id="FL105",
        name="same-sentence-different-figure",
        category="number",
        severity=Severity.ERROR,
        scope="corpus",
        summary="Two near-identical sentences give different figures",
        rationale=(
            "A sentence repeated within an article or copied between articles, with only "
            "a figure changed, states one fact two ways: one version was edited and the "
            "other was not, or a copy garbled a number. Sentences are compared with their "
            "figures masked; sentences that also differ in a name, a date or a content "
            "word are parallel statements ('the men's race had 120 runners' / 'the "
            "women's race had 95 runners') and are skipped. A number the extractor does "
            "not take as a figure ('from 140 countries', a conversion in brackets, 'one of "
            "16 hospitals') counts too, when a sentence of twelve words or more is otherwise "
            "the same word for word."
        ),
        examples_fail=(
            "The council approved a budget of $12 million for road repairs on the east "
            "side of the city.\n\nResidents welcomed the decision.\n\nThe council approved "
            "a budget of $15 million for road repairs on the east side of the city.\n",
            "About 1,500 participants are expected from 140 countries, and they will attend "
            "the seminars.\n<!-- next article -->\nAbout 1,500 participants are expected from "
            "1400 countries, and they will attend the seminars.\n",
        ),
        examples_pass=(
            "The council approved a budget of $12 million for road repairs on the east "
            "side of the city.\n\nResidents welcomed the decision.\n\nThe council approved "
            "a budget of $15 million for road repairs on the west side of the city.\n",
            "Gate 5 will close at noon on the day of the match.\n\n"
            "Gate 6 will close at noon on the day of the match.\n",
        ),
    ),
    *LEDGER_RULES,
)

OPTIONS: Mapping[str, type] = {
    "min_similarity": float,
    "min_similarity_within": float,
    "sentence_threshold": float,
    "rate_tolerance": float,
    "max_bucket": int,
    "max_days_apart": int,
    **LEDGER_OPTIONS,
}
DEFAULTS: Mapping[str, Any] = {
    "min_similarity": 0.5,
    "min_similarity_within": 0.7,
    "sentence_threshold": 90.0,
    "rate_tolerance": 0.01,
    "max_bucket": 64,
    "max_days_apart": 31,
    **LEDGER_DEFAULTS,
}

# Kinds whose figures are paired; bare numbers, multipliers and fractions are too vague.
_PAIRED_KINDS = frozenset({"money", "percent", "points", "count", "measure"})
# Names too common in this domain to anchor a match (they still keep apart subjects
# that name different countries).
_WEAK_NAMES = frozenset(
    "ai us u.s usa uk eu un china chinese america american americans britain british "
    "europe european world global january february march april may june july august "
    "september october november december monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
# Families of measure words: two figures measuring different families are different
# things ("$21.9 billion investment" / "$10 billion in revenue").
_FAMILY_WORDS: Mapping[str, str] = {
    "spend": "invest investment investments invested investing spend spending spent "
    "expenditure expenditures capex outlay outlays",
    "fund": "fund funds funding",
    "raise": "raise raised raising funding round",
    "revenue": "revenue revenues sales turnover",
    "profit": "profit profits earnings income",
    "loss": "loss losses deficit",
    "cost": "cost costs price prices fee fees fare fares bill",
    "value": "valuation valued value worth capitalization capitalisation",
    "budget": "budget budgets",
    "debt": "debt debts loan loans borrowing bonds",
    "pay": "salary salaries wage wages pay compensation bonus",
    "fine": "fine fined fines penalty penalties settlement damages",
    "gift": "donation donations donated gift grant grants contribution pledge pledged",
    "deal": "deal acquisition acquire acquired purchase bought buy buys buying buyout "
    "takeover merger",
    "offer": "offer offers offered bid bids",
    "tax": "tax taxes tariff tariffs",
    "aid": "aid relief stimulus subsidy subsidies",
    "death": "death deaths dead died killed fatalities toll deceased",
    "aboard": "aboard onboard carrying carried passenger passengers",
    "case": "case cases infection infections infected",
    "injury": "injured injuries wounded",
    "job": "job jobs employee employees staff worker workers workforce layoffs",
    "vote": "vote votes ballot ballots",
    "user": "user users",
    "download": "download downloads downloaded",
}
_FAMILY_STEMS = {f: {stem(w) for w in words.split()} for f, words in _FAMILY_WORDS.items()}
_MEASURE_FAMILIES: Mapping[str, frozenset[str]] = {
    term: frozenset(f for f, stems in _FAMILY_STEMS.items() if term in stems)
    for term in set().union(*_FAMILY_STEMS.values())
}
_TOKEN = fastre.compile(r"[\p{L}][\p{L}\p{M}\p{N}'’\-]*|[\p{N}]+")
_UPPER_SHORT = fastre.compile(r"[A-Z]{2,3}")
_POSSESSIVE = fastre.compile(r"['’]s?$")  # "Nvidia's" names Nvidia
_BEFORE_WORDS = 8  # words before a figure that carry its subject and measure
_AFTER_WORDS = 6  # words after it
# A percentage's whole: up to six words after "of", not past a conjunction ("55.8
# per cent of the votes and Kemal Kilicdaroglu got ...": the votes).
_OF_AFTER = fastre.compile(
    r"(?i:\s+of\s+)(?P<rest>(?:(?!(?i:and|or|but|while|whereas)\b)[\p{L}'’\-]+\s*){1,6})"
)
# Number words masked as figures ("bn", "m" and "k" are scales after digits only).
_NUMBER_WORDS_MASKED = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred thousand million billion trillion dozen"
).split()
_MASK = fastre.compile(
    r"\p{N}+(?:[.,]\p{N}+)*|(?i:\b(?:"
    + "|".join([*_NUMBER_WORDS_MASKED, "bn", "mn", "m", "b", "k"])
    + r")\b)"
)
# The number words `_MASK` masks, as content terms.
_NUMBER_TERMS = content_terms(" ".join(_NUMBER_WORDS_MASKED))
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday yesterday today tomorrow first second third fourth fifth "
    "last next".split()
)
_YEAR = fastre.compile(r"(?<!\p{N})(?:19|20)\p{N}{2}(?!\p{N})")
_DIGITS = fastre.compile(r"(?<![\p{L}\p{N}.,])\p{N}+(?:[.,]\p{N}+)*")
_PERIOD = fastre.compile(
    r"(?i:\b(?:january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|(?:first|second|third|fourth|final|last)[\s-]+"
    r"(?:quarter|half)|q[1-4]|h[12]|summer|autumn|winter|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|final)\b)"
    r"|\bMay\b"
    r"|(?P<clock>\b\d{1,2}(?:[:.]\d{2})?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b))"
    # a time the sentence looks back to: "At the time, ... was cutting about 10,000 jobs"
    r"|(?P<then>\b(?i:at\s+the\s+time|back\s+then|at\s+that\s+(?:time|point))\b)"
)
_STAGE = fastre.compile(
    r"(?i:\b(?:(?P<to_date>year[\s-]to[\s-]date|ytd|so\s+far\s+this\s+year)"
    r"|(?P<round1>first[\s-]round)|(?P<round2>second[\s-]round|run-?offs?)"
    # a count in progress: "with 99.43% of the votes counted", "after 99.49 per cent of
    # ballot boxes were opened", "preliminary results"
    r"|(?P<counted>(?P<with>with\s+)?(?P<share>\d[\d.,]*)\s*(?:%|per\s*cent|percent)\s+of\s+"
    r"(?:the\s+|all\s+)?(?:votes?|ballots?|ballot\s+boxes|precincts|polling\s+(?:stations|"
    r"places|units)|constituencies|districts|returns)\s+(?:were\s+|had\s+been\s+|"
    r"have\s+been\s+|being\s+)?(?:counted|opened|tallied|reporting|processed|(?(with)in|(?!))))"
    r"|(?P<partial>(?:partial|preliminary|provisional|unofficial|early)\s+(?:official\s+)?"
    r"(?:results|count|counts|returns|tallies|tally)))\b)"
)
_PERIOD_CANON = {
    "first quarter": "q1",
    "second quarter": "q2",
    "third quarter": "q3",
    "fourth quarter": "q4",
    "final quarter": "q4",
    "last quarter": "last-quarter",
    "first half": "h1",
    "second half": "h2",
    "last half": "h2",
    "autumn": "fall",
}
# Words of figures that change from day to day: compared across articles only when
# those appeared within `_VOLATILE_DAYS` of each other.
_VOLATILE = fastre.compile(
    r"(?i:\b(?:today|tonight|yesterday|overnight|daily|so\s+far|to\s+date|as\s+of|"
    r"currently|latest|this\s+(?:morning|afternoon|evening|week|month)|last\s+(?:night|"
    r"week|month)|new\s+(?:cases|infections|deaths|hospitali[sz]ations)|death\s+toll|"
    r"toll|closed\s+at|opened\s+at|trading\s+at|traded\s+at|"
    # a share price on the move: "Exxon stock fell 3.3%", "shares dropped less than 1%"
    r"(?:shares?|stocks?)\s+(?:rose|fell|dropped|gained|climbed|slipped|jumped|sank|"
    r"tumbled|declined|rallied|surged|plunged|slid|edged|was\s+(?:up|down))|"
    # a value on its way ("winds decreasing to 130mph", "weakened to 110mph")
    r"(?:increas|decreas|weaken|strengthen|intensif|diminish)(?:ed|ing|ies|es|y)\s+to|"
    r"poll|polls|polling|forecast|(?:past|last|previous|the)\s+(?:24|48|72)\s+hours|"
    # a share price of the moment: "was up 36.7% at $89.49", "at publication time"
    r"(?:up|down)\s+\d[\d.,]*\s*(?:%|percent|per\s+cent)\s+(?:at|to)|"
    r"at\s+(?:the\s+time\s+of\s+)?(?:publication|writing|press\s+time)|"
    r"pre-?market|after-?hours|intraday)\b)"
)
_VOLATILE_DAYS = 2
# Words of a figure someone expected, forecast or aimed at: compared only with another
# expected figure, never with the one reported ("Analysts expected earnings per share
# of $1.77" / "earned $1.57 per share").
_EXPECTED = fastre.compile(
    r"(?i:\b(?:analysts?|wall\s+street|consensus|expectations?|estimates|predicted|"
    r"predictions?|projected|projections?|guidance|outlook|forecasts?|forecasted)\b)"
)
# What a count must reach, not what it is: "the 326 seats needed to govern", "the 270
# electoral votes required to win".
# A counted group and another joined to it: "12 boys and their coach", "the 12 Wild
# Boars and coach", "four crew plus a passenger" (not "12 people and injured 30").
_JOINED_AFTER = fastre.compile(
    r"(?:\s+[\p{L}'’-]+){1,3}?\s+(?:and|plus)\s+"
    r"(?:(?P<det>their|the|his|her|its|our|a|an)\s+)?(?P<noun>\p{L}[\p{L}'’-]*)"
)


def _joined(prose: str, q: Quantity) -> bool:
    m = _JOINED_AFTER.match(prose, q.span.end, q.sentence.end)
    if m is None:
        return False
    noun = m.group("noun").lower()
    if noun in NUMBER_WORDS:
        return False  # "five adults and two children": two counts, each its own
    return m.group("det") is not None or noun in _role_nouns()


@functools.cache
def _role_nouns() -> frozenset[str]:
    """People named by what they do ("coach", "pilot"): the attribution word lists'."""
    from factlint.checks.attributions import word_tables

    return word_tables()["role_nouns"]


_THRESHOLD_AFTER = fastre.compile(
    r"(?i:(?:\s+[\p{L}-]+){0,3}\s+(?:needed|required|necessary|to\s+win|"
    r"for\s+an?\s+(?:majority|quorum)))\b"
)
_MONTH_ABBR = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_CALENDAR = frozenset([*_MONTH_ABBR, *"mon tue wed thu fri sat sun".split()])
_AGE_BUCKET = "measure|year-old|"
_THEN = "then"  # the period of a figure set at a time its sentence looks back to
_SENTENCE_MIN_WORDS = 8
_SENTENCE_BUCKET_TERMS = 3
# A number outside the figures changed in a sentence told twice: long sentences only.
_SLIP_MIN_WORDS = 12
_SLIP_MAX_NUMBERS = 2
_CONSENSUS_TOLERANCE = 0.03


# --- figures and their context ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One quantity of one article with what pairing needs."""

    doc: int  # index of its analysis in the corpus
    index: int  # index in the analysis' quantities
    q: Quantity
    scope: str  # time scope, "rel:" resolved
    published: date | None
    bucket: str  # kind, unit, role, rate and stage: what must be equal to compare
    names: frozenset[str]  # proper names of the clause, one word each
    near: frozenset[str]  # specific names and two-word phrases near the figure
    # Names of `near` the article capitalises only as a sentence's first word: perhaps
    # a common word ("Expect this to top $60 million"), no anchor when both sides are.
    initial: frozenset[str]
    # What the figure is of: for an age, the person it is given for ("Carl Wiley, 77"
    # -> "carl wiley", "Weinstein, 67" -> "weinstein"); else the two words right after
    # it when both are content words ("a $5 billion share buyback" -> "share buyback").
    head: str
    terms: frozenset[str]  # content terms of the clause
    window: frozenset[str]  # content terms within a few words of the figure
    measures: frozenset[str]  # measure families near the figure
    wholes: frozenset[str]  # terms of a percentage's "of ..." whole
    alone: bool  # the only paired figure of its sentence
    periods: frozenset[str]  # months, weekdays, quarters named in the clause
    volatile: bool  # a figure of the day ("new cases", "so far", "shares closed at")
    context: frozenset[str]  # other numbers of the clause


_AFTER_DOC = operator.attrgetter(*(f.name for f in fields(Figure)[1:]))
assert fields(Figure)[0].name == "doc"

_NO_SUBJECT = Subject("")


def _bare(q: Quantity) -> Quantity:
    """The quantity without its subject, which a figure holds as names and terms: the
    run never reads it again, and its text and names were a third of the claims every
    article keeps for the number rules."""
    return replace(q, subject=_NO_SUBJECT)


def _unit_key(q: Quantity) -> str:
    if q.kind == "money":
        return "USD" if q.unit == "$" else q.unit
    return q.unit


@functools.lru_cache(maxsize=4)  # asked for the story and for the figures of one article
def _lower_words(prose: str) -> frozenset[str]:
    """Words that occur in lowercase somewhere in the article: not names when capitalised."""
    return frozenset(w for w in _TOKEN.findall(prose) if w.islower())


@dataclass(frozen=True, slots=True)
class _Story:
    """Whom an article is about: the words it capitalises inside a sentence or writes
    as a possessive ("Spotify's"), lowercased, and of those the few it names most, at
    least twice ("air", "canada", "honolulu").

    Every article's story is held for a whole run: the names are one string, each
    between bars ("|air|canada|"), a tenth of the memory of a set of them (90 MB at
    10,000 articles)."""

    names: str
    principal: tuple[str, ...]

    def names_any(self, words: Iterable[str]) -> bool:
        return any(f"|{w}|" in self.names for w in words)


_PRINCIPAL_NAMES = 8
# A capitalised word (a `_TOKEN`) after a word or a comma of its sentence, or a
# possessive ("Spotify's") anywhere.
_NAME_WORD = fastre.compile_regex(
    r"(?<![\p{L}\p{M}])(?:(?<=[\p{L}\p{M}\p{N},&][ \t]*)\p{Lu}[\p{L}\p{M}\p{N}'’\-]*"
    r"|\p{Lu}[\p{L}\p{M}\p{N}'’\-]*(?<=['’]s)(?![\p{L}\p{M}\p{N}'’\-]))"
)


@per_document(*_RULE_IDS)
def _own_story(analysis: Analysis) -> _Story:
    prose = analysis.doc.prose
    counts = Counter(map(_name_word, _NAME_WORD.findall(prose)))
    lower = _lower_words(prose)
    named = [w for w, n in counts.most_common() if n >= 2 and _principal_word(w, lower)]
    # A name holds no bar: _NAME_WORD reads letters, digits and a few marks.
    return _Story(f"|{'|'.join(sorted(counts))}|", tuple(named[:_PRINCIPAL_NAMES]))


# Capitalised words every company's report has: "Procter & Gamble Co" and "Jacobs
# Engineering Group Inc." share no name, nor do their "$4.16 Bln".
_NOT_PRINCIPAL = SCALE_WORDS | frozenset("inc corp co ltd llc plc group holdings".split())


def _principal_word(word: str, lower: frozenset[str]) -> bool:
    return (
        len(word) > 1
        and word not in lower
        and word not in STOPWORDS
        and word not in _WEAK_NAMES
        and word not in _NOT_PRINCIPAL
    )


def different_stories(a: _Story, b: _Story) -> bool:
    """Whether two articles are about different people, places or bodies: each names
    some of its own often, and never names any the other names often (a turbulence
    on an Air Canada flight to Honolulu, another on a Turkish Airlines flight to New
    York). Figures of one are not figures of the other, however alike their clauses."""
    return (
        bool(a.principal and b.principal)
        and not b.names_any(a.principal)
        and not a.names_any(b.principal)
    )


def _name_word(word: str) -> str:
    return word.strip(".'’-").lower().removesuffix("'s").removesuffix("’s")


def _clean_names(entities: Iterable[str], lower_words: frozenset[str]) -> frozenset[str]:
    out: set[str] = set()
    for entity in entities:
        words = entity.split()
        for word in words:
            w = _name_word(word)
            if len(w) < 2 or w in STOPWORDS or not any(c.isalpha() for c in w):
                continue
            if len(words) == 1 and w in lower_words:
                continue  # "Meanwhile", "However": a capitalised common word
            out.add(country(w))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word)


def _phrases(text: str, start: int, end: int, skip: SpanIndex) -> frozenset[str]:
    """Two content words in a row ("national ai", "ai fund") in text[start:end], and
    the two of "X of Y" as "Y X" ("cases of measles" is "measles cases")."""
    out: set[str] = set()
    prev = ""
    prev_end = -1
    of = ""  # the word before an "of" that follows it
    inside = skip.overlapping(start, end)
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        low = word.lower()
        keep = not low[0].isdigit() and low not in STOPWORDS
        keep = keep and (len(low) > 2 or bool(_UPPER_SHORT.fullmatch(word)))
        if keep and inside:
            keep = not any(s.start <= m.start() < s.end for s in inside)
        if not keep:
            adjacent = prev and not text[prev_end : m.start()].strip()
            of = prev if low == "of" and word == low and adjacent else ""
            prev = ""
            continue
        token = _stem(low)
        if prev and text[prev_end : m.start()].strip(" -") == "":
            out.add(f"{prev} {token}")
        if of and word == low:
            out.add(f"{token} {of}")
        of = ""
        prev, prev_end = token, m.end()
    return frozenset(p for p in out if not set(p.split()) <= _WEAK_NAMES)


# The person an age is given for: "Carl Wiley, 77", "Weinstein, 67"; "the 73-year-old
# Carl Wiley" (a first name and a surname at least, after it).
_NAME_THEN_AGE = fastre.compile(
    r"(?<![\p{L}\p{N}'’.-])(?:(?P<first>\p{Lu}[\p{Ll}'’\-]+)\s+(?:\p{Lu}\.\s+)?)?"
    r"(?P<last>\p{Lu}[\p{Ll}'’\-]+),\s*\Z"
)
_AGE_THEN_NAME = fastre.compile(
    r"[ \t]+(?P<first>\p{Lu}[\p{Ll}'’\-]+)(?:\s+\p{Lu}\.)?\s+(?P<last>\p{Lu}[\p{Ll}'’\-]+)"
    r"(?!\s*\p{Lu})"
)


def _age_of(text: str, q: Quantity) -> str:
    """The person an age is given for, lowercase ("carl wiley", or a surname alone), or
    "" when no name is written beside it."""
    m = _NAME_THEN_AGE.search(text, max(q.sentence.start, q.span.start - 60), q.span.start)
    if m is None:
        m = _AGE_THEN_NAME.match(text, q.span.end, q.sentence.end)
    if m is None:
        return ""
    last = m["last"]
    # "But Weinstein", "Judge Weinstein": no first names.
    lower = _lower_words(text) | STOPWORDS
    if m["first"] and m["first"].lower() not in lower:
        return f"{m['first'].lower()} {last.lower()}"
    # A surname alone stands for the full name the article gave before ("Harvey
    # Weinstein" ... "Weinstein, 67"); for no one when it named two of that surname.
    full = rf"(\p{{Lu}}[\p{{Ll}}'’\-]+)\s+{regex.escape(last)}\b"
    firsts = {f for f in regex.findall(full, text, endpos=m.start()) if f.lower() not in lower}
    if len(firsts) > 1:
        return ""
    return " ".join([*(f.lower() for f in firsts), last.lower()])


_HEAD = fastre.compile(r"[ \t]+(\p{Ll}[\p{Ll}\-]+)[ \t]+(\p{Ll}[\p{Ll}\-]+)\b")


def _head(text: str, start: int, end: int) -> str:
    """The two lowercase content words right after a figure, stemmed ("share buyback"),
    or "" when either is a stopword or a figure's unit runs on ("million people")."""
    m = _HEAD.match(text, start, end)
    if m is None:
        return ""
    words = (m[1], m[2])
    if any(w in STOPWORDS or w in SCALE_WORDS or len(w) < 3 for w in words):
        return ""
    return " ".join(_stem(w) for w in words)


def _window(text: str, clause: Span, span: Span) -> Span:
    """The figure with a few words either side, within its clause."""
    before = [m.start() for m in _TOKEN.finditer(text, clause.start, span.start)]
    after = [m.end() for m in _TOKEN.finditer(text, span.end, clause.end)]
    start = before[-_BEFORE_WORDS] if len(before) >= _BEFORE_WORDS else clause.start
    end = after[_AFTER_WORDS - 1] if len(after) >= _AFTER_WORDS else clause.end
    return Span(min(start, span.start), max(end, span.end))


def _stage(text: str, clause: Span) -> str:
    """The stage of a series a clause counts in, if it names one: a running total is no
    quarter's count ("318,687 vehicles year-to-date" / "90,000 last quarter"), nor a
    runoff's share the first round's, nor a count in progress the final one, nor one
    with 99.43% of the votes counted one with 99.49%. A figure is compared only with one
    of its stage."""
    m = _STAGE.search(text, clause.start, clause.end)
    if m is None:
        return ""
    if m["counted"]:
        return f"partial {m['share'].replace(',', '.')}"
    return next(name for name, found in m.groupdict().items() if found)


def _periods(text: str, clause: Span) -> frozenset[str]:
    """What sets a figure apart in time or sequence: periods shorter than a year ("May",
    "the first quarter"), times of day ("6:25 p.m.") and ordinals ("the second stage")."""
    out = set()
    for m in _PERIOD.finditer(text, clause.start, clause.end):
        word = " ".join(m.group().lower().replace("-", " ").split())  # "fourth-quarter"
        if m.group("clock"):
            out.add("at " + word.replace(" ", "").replace(".", ":", 1).replace(".", ""))
        elif m.group("then"):
            out.add(_THEN)
        else:
            short = word[:3]
            out.add(_PERIOD_CANON.get(word, short if short in _CALENDAR else word))
    return frozenset(out)


def _segment(clause: Span, span: Span, figures: SpanIndex) -> Span:
    """The part of the clause between the figures before and after this one."""
    before = figures.last_end(span.start)
    after = figures.first_start(span.end)
    start = before if before is not None and before > clause.start else clause.start
    end = after if after is not None and after < clause.end else clause.end
    return Span(start, max(start, end))


@dataclass(frozen=True, slots=True)
class _Numbers:
    """The numbers of one sentence in order, each as compared (None for a year): read
    once, however many of its figures ask which numbers their clause holds."""

    starts: list[int]
    ends: list[int]
    values: list[str | None]

    @classmethod
    def of(cls, text: str, sentence: Span) -> _Numbers:
        found = list(_DIGITS.finditer(text, sentence.start, sentence.end))
        return cls(
            [m.start() for m in found],
            [m.end() for m in found],
            [None if _YEAR.fullmatch(m.group()) else m.group().replace(",", "") for m in found],
        )


def _context_numbers(numbers: _Numbers, clause: Span, own: Sequence[Span]) -> frozenset[str]:
    """Other numbers of the clause ("voters under 30"): they qualify the subject."""
    lo = bisect.bisect_left(numbers.starts, clause.start)
    hi = bisect.bisect_right(numbers.ends, clause.end, lo)
    mine = {
        n
        for s in own
        for n in range(
            bisect.bisect_left(numbers.starts, s.start, lo, hi),
            bisect.bisect_left(numbers.starts, s.end, lo, hi),
        )
    }
    values = numbers.values[lo:hi]
    if mine:
        values = [v for n, v in enumerate(values, lo) if n not in mine]
    out = set(values)
    out.discard(None)
    return frozenset(out)  # type: ignore[arg-type]


def _window_terms(text: str, window: Span, span: Span) -> frozenset[str]:
    """Content terms of the words nearest the figure (2-letter capitals like "AI" kept)."""
    words = _TOKEN.findall(text, window.start, span.start) + _TOKEN.findall(
        text, span.end, window.end
    )
    return frozenset(
        _stem(w.lower())
        for w in words
        if w.lower() not in STOPWORDS
        and not w[0].isdigit()
        and (len(w) > 2 or bool(_UPPER_SHORT.fullmatch(w)))
    )


def _wholes(text: str, q: Quantity) -> frozenset[str]:
    if q.kind == "count" and q.unit in _STAFF:
        # "57,000 UAW members at Ford": the members of one company, not of the union.
        m = _STAFF_OF.match(text, q.span.end, q.sentence.end)
        return content_terms(m.group("name")) if m else frozenset()
    if q.kind != "percent":
        return frozenset()
    m = _OF_AFTER.match(text, q.span.end, q.sentence.end)
    return content_terms(m.group("rest")) if m else frozenset()


# People counted as the staff or members of a body, and the body they are counted at.
_STAFF = frozenset("member worker employee staff staffer student".split())
_STAFF_OF = fastre.compile(
    r"(?:\s+[\p{L}'’\-]+){1,3}?\s+(?:at|of)\s+(?:the\s+)?"
    r"(?P<name>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,3})"
)


def figures_of(analysis: Analysis, doc_index: int) -> list[Figure]:
    """The figures of one article that can be paired, with their context."""
    # Figure(doc_index, *the other fields): dataclasses.replace costs three times as
    # much, and a run over 10,000 articles makes 160,000 of these.
    return [Figure(doc_index, *_AFTER_DOC(f)) for f in _own_figures(analysis)]


@per_document(*_RULE_IDS)
def _own_figures(analysis: Analysis) -> tuple[Figure, ...]:
    """figures_of without the corpus index, which figures_of sets (computed where the
    article is analysed)."""
    prose = analysis.doc.prose
    published = analysis.published
    lower_words = _lower_words(prose)
    named = {country(w) for w in _own_story(analysis).names.split("|") if w}
    by_sentence: dict[Span, list[Span]] = {}
    paired: Counter[Span] = Counter()
    linked: dict[int, list[Span]] = {}  # a figure and its parenthesised conversion
    for i, q in enumerate(analysis.quantities):
        if q.converts >= 0:
            linked.setdefault(q.converts, []).append(q.span)
            linked.setdefault(i, []).append(analysis.quantities[q.converts].span)
    for q in analysis.quantities:
        by_sentence.setdefault(q.sentence, []).append(q.span)
        paired[q.sentence] += q.kind in _PAIRED_KINDS
    indexes = {sentence: SpanIndex(spans) for sentence, spans in by_sentence.items()}
    numbers: dict[Span, _Numbers] = {}
    out: list[Figure] = []
    for i, q in enumerate(analysis.quantities):
        if q.kind not in _PAIRED_KINDS or q.converts >= 0:
            continue
        role = figure_role(prose, q)
        if role == "from":
            continue
        if q.kind == "count":
            role = "level"  # "cut 1,200 jobs" counts the jobs cut: compared as a level
            if _joined(prose, q):
                role = "part"  # "the 12 boys and their coach": 13 of them elsewhere is no slip
        clause = clause_around(prose, q.sentence, q.span)
        if _EXPECTED.search(prose, clause.start, clause.end):
            role = "expected"  # what analysts expected is not what was reported
        elif _THRESHOLD_AFTER.match(prose, q.span.end, clause.end):
            role = "threshold"
        figure_names = _clean_names(q.subject.entities, lower_words)
        specific = frozenset(n for n in figure_names if n not in _WEAK_NAMES)
        skip = indexes[q.sentence]
        window = _window(prose, clause, q.span)
        window_terms = _window_terms(prose, window, q.span)
        window_words = {
            country(_POSSESSIVE.sub("", w.lower()))
            for w in _TOKEN.findall(prose, window.start, window.end)
        }
        near = (specific & window_words) | _phrases(prose, window.start, window.end, skip)
        own = [q.span, *linked.get(i, ())]
        scope = resolve_time_scope(q.time_scope, published)
        periods = _periods(prose, _segment(clause, q.span, skip))
        age = q.kind == "measure" and q.unit == "year-old"
        head = _age_of(prose, q) if age else _head(prose, q.span.end, clause.end)
        if age and head:
            # A person's age is given as of the article, whatever its sentence dates:
            # "Weinstein, 67, was found guilty of assaulting her in 2006".
            scope, periods = "", periods & {_THEN}
        if q.sentence not in numbers:
            numbers[q.sentence] = _Numbers.of(prose, q.sentence)
        out.append(
            Figure(
                doc=-1,
                index=i,
                q=_bare(q),
                scope=scope,
                published=published,
                bucket=f"{q.kind}|{_unit_key(q)}|{role}|{per_unit(prose, q)}|"
                f"{_stage(prose, clause)}",
                names=figure_names,
                near=near,
                initial=frozenset(w for w in near if " " not in w and w not in named),
                head=head,
                terms=q.subject.terms,
                window=window_terms,
                measures=frozenset().union(*(_MEASURE_FAMILIES.get(t, ()) for t in window_terms)),
                wholes=_wholes(prose, q),
                alone=paired[q.sentence] == 1,
                periods=periods,
                volatile=_VOLATILE.search(prose, clause.start, clause.end) is not None,
                context=_context_numbers(numbers[q.sentence], clause, own),
            )
        )
    return _staged_alike(out)


def _staged_alike(figures: list[Figure]) -> tuple[Figure, ...]:
    """The figures, each without a stage taking the stage the article gives the same
    value of the same kind elsewhere, and then the stage of a figure of its kind in its
    sentence: "won 52.18 percent in the runoff" makes a later "received 52.18 percent
    and Kilicdaroglu got 47.82 percent" the runoff's too."""
    by_value = _take_stages(figures, lambda f, base: (base, _value_key(f.q)))
    return tuple(_take_stages(by_value, lambda f, base: (f.q.sentence, base)))


def _take_stages(
    figures: list[Figure], key: Callable[[Figure, str], tuple[object, str]]
) -> list[Figure]:
    """Each figure without a stage given the stage of the first figure with one and the
    same `key` (of the figure and its bucket without the stage)."""
    stages: dict[tuple[object, str], str] = {}
    for f in figures:
        base, _, stage = f.bucket.rpartition("|")
        if stage:
            stages.setdefault(key(f, base), stage)
    if not stages:
        return figures
    return [
        _with_stage(f, stages.get(key(f, f.bucket[:-1]), "")) if f.bucket.endswith("|") else f
        for f in figures
    ]


def _with_stage(f: Figure, stage: str) -> Figure:
    return replace(f, bucket=f.bucket + stage) if stage else f


# --- when two figures are about the same thing --------------------------------------


def _explicit(scope: str) -> bool:
    return bool(scope) and not scope.startswith("rel:")


def _days_apart(a: Figure, b: Figure) -> int:
    """Days between the two articles' publication dates (0 when one is unknown)."""
    if a.published is None or b.published is None:
        return 0
    return abs((a.published - b.published).days)


def _near_days(a: Figure, b: Figure) -> bool:
    known = a.published is not None and b.published is not None
    return known and _days_apart(a, b) <= _VOLATILE_DAYS


def times_compatible(a: Figure, b: Figure, max_days: int = 31) -> bool:
    """Whether two figures can describe the same period (see the module docstring)."""
    # A figure of the day meets another article's only on known, near days.
    if a.doc != b.doc and (a.volatile or b.volatile) and not _near_days(a, b):
        return False
    if (_THEN in a.periods) != (_THEN in b.periods):
        return False  # "at the time, about 10,000" is not the count now
    if a.doc != b.doc and (_past_month(a, b) or _past_month(b, a)):
        return False
    if a.scope and b.scope:
        return a.scope == b.scope and (_explicit(a.scope) or a.published == b.published)
    if a.scope or b.scope:
        stated, bare = (a, b) if a.scope else (b, a)
        if not _explicit(stated.scope) or bare.published is None:
            return False
        return int(stated.scope[:4]) in (bare.published.year, bare.published.year - 1)
    return _days_apart(a, b) <= max_days


def _past_month(dated: Figure, bare: Figure) -> bool:
    """`dated` names months and `bare` no period, and none of those months is the one
    `bare`'s article appeared in: "November's layoffs, about 10,000" is not the "more
    than 18,000" of an article of January."""
    months = dated.periods.intersection(_MONTH_ABBR)
    if not months or bare.periods or bare.published is None:
        return False
    return _MONTH_ABBR[bare.published.month - 1] not in months


def _share(a: frozenset[str], b: frozenset[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def similarity(a: Figure, b: Figure) -> float:
    """How surely two figures' clauses describe one thing, 0..1.

    The mean of two shares: of the clauses' names (counted double) and content terms,
    and of the content terms within a few words of each figure.
    """
    shared = 2 * len(a.names & b.names) + len(a.terms & b.terms)
    smaller = min(2 * len(a.names) + len(a.terms), 2 * len(b.names) + len(b.terms))
    clause = shared / smaller if smaller else 0.0
    return (clause + _share(a.window, b.window)) / 2


def _strength(shared: frozenset[str]) -> int:
    """Shared anchors near both figures: a specific name counts 2, a phrase 1."""
    return sum(1 if " " in anchor else 2 for anchor in shared)


@functools.lru_cache(maxsize=4096)
def _spelled(near: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Runs of two to four words near a figure, chained from its two-word phrases
    ("european central" + "central bank"), by their initials ("ecb"): what an acronym
    of them reads as, lowercase."""
    follows: dict[str, list[str]] = {}
    for phrase in near:
        words = phrase.split()
        if len(words) == 2:
            follows.setdefault(words[0], []).append(words[1])
    runs: dict[str, tuple[str, ...]] = {}
    todo = [(first, second) for first, seconds in follows.items() for second in seconds]
    while todo:
        run = todo.pop()
        runs.setdefault("".join(w[0] for w in run), run)
        if len(run) < 4:
            todo += [(*run, nxt) for nxt in follows.get(run[-1], ()) if nxt not in run]
    return runs


@functools.lru_cache(maxsize=4096)
def _tokens(near: frozenset[str]) -> frozenset[str]:
    return frozenset(w for phrase in near for w in phrase.split())


def _aliased(near: frozenset[str], other: frozenset[str]) -> frozenset[str]:
    """The phrases of `near` with an acronym that, written out as the words of `other`
    whose initials it is, gives a phrase of `other`: "ai fund" / "intelligence fund",
    "ecb" / "european central" (with "artificial intelligence", "central bank" in
    `other`)."""
    spelled = _spelled(other)
    if spelled.keys().isdisjoint(_tokens(near)):
        return frozenset()  # most pairs: no acronym of the other's words at all
    found = set()
    for phrase in near:
        words = phrase.split()
        if not any(w in spelled for w in words):
            continue
        out = [x for w in words for x in spelled.get(w, (w,))]
        if any(f"{x} {y}" in other for x, y in itertools.pairwise(out)):
            found.add(phrase)
    return frozenset(found)


def same_subject(a: Figure, b: Figure, threshold: float, max_days: int = 31) -> bool:
    """Whether two figures are about the same thing (see the module docstring)."""
    if a.bucket != b.bucket:
        return False
    if _persons_ages(a, b):
        # Two ages, each written beside a name: the same thing when it is one person.
        if not same_person(a.head, b.head) or a.q.sentence == b.q.sentence:
            return False
        return times_compatible(a, b, max_days)
    shared = a.near & b.near
    if a.initial and b.initial:
        shared -= a.initial & b.initial
    strength = _strength(shared)
    if strength < 2 and shared:
        spelled = _aliased(a.near, b.near) | _aliased(b.near, a.near)
        strength = _strength(shared | spelled) if spelled else strength
    if strength == 1 and (a.names & b.names) - _WEAK_NAMES:
        strength = 2  # "measles cases" near both, and "the CDC" in both clauses
    if strength == 1 and a.head and a.head == b.head and a.head in shared and _slipped(a, b):
        # "a $5 billion share buyback" / "a $50 billion share buyback": the same compound
        # priced a power of ten apart. Other values are other things of a kind ("20TB
        # hard drives" / "an 80TB hard drive").
        strength = 2
    if strength < 2:
        return False
    if a.doc == b.doc and (a.q.sentence == b.q.sentence or not (a.alone and b.alone)):
        return False
    if not times_compatible(a, b, max_days):
        return False
    if a.periods and b.periods and not a.periods & b.periods:
        return False  # "in May" / "in April", "the first quarter" / "the second"
    if a.context and b.context and not a.context & b.context:
        return False  # "voters under 30" / "voters over 65"
    # A name one side writes as the initials of the other's words is named by both:
    # "the national AI fund" / "the national artificial intelligence fund".
    a_names = a.names | b.names.intersection(_spelled(a.near))
    b_names = b.names | a.names.intersection(_spelled(b.near))
    a_specific = a_names - _WEAK_NAMES
    b_specific = b_names - _WEAK_NAMES
    if a_names and b_names and not a_names & b_names:
        return False
    if a_specific - b_specific and b_specific - a_specific and not _one_persons_age(a, b):
        return False  # each names someone the other does not: parallel statements
    if a.measures and b.measures and not a.measures & b.measures:
        return False
    if a.wholes and b.wholes and not a.wholes & b.wholes:
        return False
    if _other_whole(a, b) or _other_whole(b, a):
        return False
    return similarity(a, b) >= threshold


def _slipped(a: Figure, b: Figure) -> bool:
    verdict = _compare(a, b)
    return verdict is not None and verdict.kind == "magnitude-slip"


def _persons_ages(a: Figure, b: Figure) -> bool:
    """Whether both figures are ages with the name of the person written beside them."""
    return a.bucket.startswith(_AGE_BUCKET) and bool(a.head) and bool(b.head)


def _one_persons_age(a: Figure, b: Figure) -> bool:
    """Whether two ages are given next to one person's full name ("Among the dead was
    Carl Wiley, 77" / "Relatives said 73-year-old Carl Wiley"), whatever else the
    sentences name."""
    if not a.bucket.startswith(_AGE_BUCKET):
        return False
    names = a.names & b.names
    return any(" " in p and names.issuperset(p.split()) for p in a.near & b.near)


def _other_whole(a: Figure, b: Figure) -> bool:
    """Whether `a` is a share of what it names ("55.8 per cent of Northern Ireland") and
    `b`'s clause, naming others, names none of it: another share ("Scotland voted 62
    percent to 38 percent")."""
    if not a.wholes or not b.names:
        return False
    named = {n for n in a.names - _WEAK_NAMES if stem(n) in a.wholes}
    return bool(named) and not named & (b.names | b.near)


# --- results ------------------------------------------------------------------------


@dataclass(slots=True)
class _Pair:
    """A reported pair of figures: `here` carries the finding, `there` is the evidence."""

    rule_id: str
    here: Figure
    there: Figure
    message: str
    key: str
    sure: bool = True  # a conflict between two hedged figures is reported a step lower


@dataclass(slots=True)
class _Run:
    """The state of one pass over the run: corpus, context, options, figures, pairs reported."""

    corpus: Sequence[Analysis]
    ctx: Context
    options: Mapping[str, Any]
    figures: list[Figure] = field(default_factory=list)
    taken: set[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=set)
    slips: list[Finding] = field(default_factory=list)  # FL105 on numbers outside figures
    stories: list[_Story] = field(default_factory=list)  # by article
    values: list[set[str]] = field(default_factory=list)  # by article: `_figure_value`s
    _apart: dict[tuple[int, int], bool] = field(default_factory=dict)

    def apart(self, x: int, y: int) -> bool:
        """Whether articles x and y tell different stories (`different_stories`)."""
        key = (x, y) if x < y else (y, x)
        found = self._apart.get(key)
        if found is None:
            found = self._apart[key] = different_stories(self.stories[x], self.stories[y])
        return found

    def same_moment(self, a: Figure, b: Figure) -> bool:
        """Whether two figures may be of one moment: in one article, in two dated ones
        (their dates are weighed by `times_compatible`), or the articles agree on some
        other figure.
        Undated articles on one subject may be years apart ("33.94 percent" for Le Pen
        in 2017, "41.2%" in 2022); reports of one event share figures besides the one
        they disagree on ("326 passengers and 21 crew" / "326 passengers and 18 crew")."""
        if a.doc == b.doc or (a.published is not None and b.published is not None):
            return True
        own = {_figure_value(a.q), _figure_value(b.q)}
        return any(v not in own for v in self.values[a.doc] & self.values[b.doc])

    def where(self, here: Figure, there: Figure) -> str:
        doc = self.corpus[there.doc].doc
        line = doc.line_col(there.q.span.start)[0]
        return f"at line {line}" if here.doc == there.doc else f"in {doc.path}:{line}"

    def related(self, there: Figure, message: str) -> Related:
        return self.ctx.related(self.corpus[there.doc].doc, there.q.span, message)


def _pair_id(a: Figure, b: Figure) -> tuple[tuple[int, int], tuple[int, int]]:
    x, y = (a.doc, a.index), (b.doc, b.index)
    return (x, y) if x <= y else (y, x)


def _value_key(q: Quantity) -> str:
    text = f"{q.value:.6g}" if not q.is_range else f"{q.value:.6g}-{q.value_high:.6g}"
    return f"{q.qualifier}{text}"


def _figure_value(q: Quantity) -> str:
    return f"{q.kind}|{_unit_key(q)}|{_value_key(q)}"


_DURATIONS = frozenset("second minute hour day week month year decade".split())


def _telling(q: Quantity) -> bool:
    """Whether two articles giving this figure is a sign they report one event: two
    significant digits at least ("326 passengers", "57.5%", not "6%" or "$1 billion"),
    and no small count or length of time ("12 states", "three months")."""
    mantissa = f"{abs(q.value):.5e}".partition("e")[0]  # "6.00600" for 60.06 billion
    if len(mantissa.replace(".", "").strip("0")) < 2:
        return False
    if q.kind == "count":
        return q.value >= 20
    return not (q.kind == "measure" and stem(q.unit) in _DURATIONS)


def _key(a: Figure, b: Figure) -> str:
    shared = sorted(a.near & b.near)[:4]
    values = sorted((_value_key(a.q), _value_key(b.q)))
    return f"{','.join(shared)}|{_unit_key(a.q)}|{values[0]}|{values[1]}"


def _later(
    a: Figure, b: Figure, corpus: Sequence[Analysis], carrier: Figure | None = None
) -> tuple[Figure, Figure]:
    """(here, there): the `carrier` if the copies' consensus named one, else the later."""
    if carrier is not None:
        return (a, b) if carrier is a else (b, a)
    ka = (corpus[a.doc].doc.path, a.q.span.start)
    kb = (corpus[b.doc].doc.path, b.q.span.start)
    return (b, a) if kb >= ka else (a, b)


def _verdict_pair(
    run: _Run,
    a: Figure,
    b: Figure,
    verdict: Verdict,
    carrier: Figure | None = None,
    echoed: bool = False,
) -> _Pair | None:
    """The finding for two figures that disagree; `echoed`: the other article gives
    one of the two values too, in a figure of the same kind."""
    sure = True
    if verdict.kind == "rounded":
        if a.doc == b.doc:
            return None
        here, there = (a, b) if a.q.precision > b.q.precision else (b, a)
        rule_id = "FL103"
        text = (
            f"{here.q.raw} here rounds {figure_text(there.q)} {run.where(here, there)} "
            "without a hedge such as 'about'"
        )
    else:
        here, there = _later(a, b, run.corpus, carrier)
        if verdict.kind == "magnitude-slip":
            rule_id = "FL102"
            times = _times(here.q, there.q)
            text = f"{here.q.raw} here is {times} {there.q.raw} {run.where(here, there)}"
        else:
            rule_id = "FL101"
            text = f"{here.q.raw} here, but {there.q.raw} {run.where(here, there)}"
            # "about 400,000" / "around 265,900": estimates, each perhaps from its
            # own source or count; neither writer claimed the exact figure.
            sure = not (is_hedged(a.q) and is_hedged(b.q))
            if not sure:
                text += " (both hedged)"
            elif _near_estimate(a.q, b.q):
                sure = False
                text += " (close to an estimate)"
            elif echoed:
                sure = False
                text += " (the other article gives the same figure elsewhere)"
            elif not run.same_moment(a, b):
                # Ages of one person in two undated articles: perhaps years apart.
                sure = False
                text += " (undated articles: perhaps of other years)"
            elif a.doc != b.doc and (a.volatile or b.volatile):
                # Two reports of a value that moves (a share price, a storm's winds, a
                # toll) may each be right at the moment it was written.
                sure = False
                text += " (a figure of the moment)"
    return _Pair(rule_id, here, there, text, _key(here, there), sure)


# An estimate and a figure this close to it, relatively: "approximately 40 kilometers"
# may be 35 rounded to its tens.
_NEAR_ESTIMATE = 0.15


def _near_estimate(a: Quantity, b: Quantity) -> bool:
    """One figure is an estimate and the other within `_NEAR_ESTIMATE` of it: perhaps
    the same value, rounded more coarsely than the hedge's tenth allows for."""
    if is_hedged(a) == is_hedged(b):
        return False
    estimate = a if is_hedged(a) else b
    return abs(a.value - b.value) <= _NEAR_ESTIMATE * abs(estimate.value)


def _times(here: Quantity, there: Quantity) -> str:
    """ "a tenth of", "ten times", ... for two figures a power of ten apart."""
    k = round(math.log10(abs(here.value) / abs(there.value)))
    words = {1: "ten times", 2: "a hundred times", 3: "a thousand times"}
    shares = {1: "a tenth of", 2: "a hundredth of", 3: "a thousandth of"}
    if k > 0:
        return words.get(k, f"{10**k:,} times")
    return shares.get(-k, f"1/{10**-k:,} of")


# Two values further apart than this, and not by a slip of a power of ten, measure
# different things ("$95 per share" / "a $68.7 billion deal", "$65.39" a share).
_MAX_CONFLICT_RATIO = 10.0


def _sizes_apart(a: Quantity, b: Quantity) -> bool:
    small, big = sorted((abs(a.value), abs(b.value)))
    return big > small * _MAX_CONFLICT_RATIO


def _compare(a: Figure, b: Figure) -> Verdict | None:
    # Times were checked by the caller (with "rel:" resolved); compare values only.
    return compare(replace(a.q, time_scope=""), replace(b.q, time_scope=""))


def figure_pairs(run: _Run) -> list[_Pair]:
    """FL101-FL103: pairs of figures about the same thing that disagree.

    A figure is compared only with its best match in each other article (and in its
    own), and only when that match is mutual and unique: two articles on one story
    both give a series of related figures ("reserves stood at 12 percent", "at 9.59
    percent", "dipped to 8.9 percent"), and each figure must meet its own counterpart,
    not its neighbours.
    """
    figures = run.figures
    keys = [(f.bucket, Subject("", entities=f.near)) for f in figures]
    threshold = float(run.options["min_similarity"])
    within = float(run.options["min_similarity_within"])
    max_days = int(run.options["max_days_apart"])
    matched: dict[tuple[int, int], tuple[float, Verdict | None]] = {}
    concerns = run.ctx.concerns
    count = bucket_count(run.ctx.totals, _figure_key)
    for i, j in candidate_pairs(keys, int(run.options["max_bucket"]), count):
        a, b = figures[i], figures[j]
        # A kept pair, and each best match it is measured against, touch a reported article.
        if not concerns(a.doc, b.doc) or (a.doc != b.doc and run.apart(a.doc, b.doc)):
            continue
        if same_subject(a, b, within if a.doc == b.doc else threshold, max_days):
            verdict = _compare(a, b)
            # A slip by a power of ten, or a rounding, tells of itself; other values
            # that differ may be two moments.
            if (
                verdict
                and verdict.kind == "conflict"
                and (
                    (not run.same_moment(a, b) and not _persons_ages(a, b))
                    or _sizes_apart(a.q, b.q)
                )
            ):
                continue
            matched[(i, j)] = (similarity(a, b), verdict)
    # The best score of each figure against each article, and how many reach it.
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for (i, j), (score, _) in matched.items():
        for x, y in ((i, j), (j, i)):
            where = (x, figures[y].doc)
            top, count = best.get(where, (-1.0, 0))
            if score > top:
                best[where] = (score, 1)
            elif score == top:
                best[where] = (top, count + 1)
    # A figure another article also gives, about the same thing, is not in conflict
    # with it: "$999 and $1,199, respectively" there agrees with "$1,199" here.
    agreed = {
        (x, figures[y].doc)
        for (i, j), (_, verdict) in matched.items()
        if verdict is None and figures[i].doc != figures[j].doc
        for x, y in ((i, j), (j, i))
    }
    # Each article's figures by kind and value: "256 goals" here, and "44 goals last
    # season ... 256 goals in 308 matches" there, may pair 256 with 44 when the other
    # 256 names nothing to match; the other article's 256 leaves the conflict unsure.
    given = {(f.doc, f.bucket, _figure_value(f.q)) for f in figures}
    out: list[_Pair] = []
    for (i, j), (score, verdict) in sorted(matched.items()):
        a, b = figures[i], figures[j]
        if verdict is None or _pair_id(a, b) in run.taken:
            continue
        if best[(i, b.doc)] != (score, 1) or best[(j, a.doc)] != (score, 1):
            continue
        if (i, b.doc) in agreed or (j, a.doc) in agreed:
            continue
        echoed = a.doc != b.doc and (
            (b.doc, a.bucket, _figure_value(a.q)) in given
            or (a.doc, b.bucket, _figure_value(b.q)) in given
        )
        pair = _verdict_pair(run, a, b, verdict, echoed=echoed)
        if pair is not None:
            run.taken.add(_pair_id(a, b))
            out.append(pair)
    return out


# --- FL105 near-identical sentences -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence with figures, for FL105: its article, digests, terms, figures and other
    numbers. Its text is read from the article only when a pair asks for it: at 10,000
    articles, a few dozen of 58,000 sentences."""

    doc: int
    source: Analysis
    span: Span
    wording: int  # digest of the masked text: copies word for word but for numbers
    reading: int  # digest of the text as written
    terms: frozenset[str]
    figures: tuple[Figure, ...]
    others: tuple[str, ...]  # numbers outside the figures ("under 30")

    @property
    def text(self) -> str:
        return self.source.doc.prose[self.span.start : self.span.end]

    @property
    def masked(self) -> str:
        return _masked(self.text)


def _masked(text: str) -> str:
    """The sentence with its numbers masked, normalised: copies of it read alike."""
    return _MASK.sub("#", normalise(text))


@dataclass(frozen=True, slots=True)
class _OwnSentence:
    """A _Sentence of one article before the run numbers it: figures by position.

    Digests, not text: each article keeps these for the run, and the cache with it."""

    span: Span
    wording: int
    reading: int
    terms: frozenset[str]
    members: tuple[int, ...]  # positions in the article's _own_figures
    others: tuple[str, ...]


@per_document(*_RULE_IDS)
def _own_sentences(analysis: Analysis) -> tuple[_OwnSentence, ...]:
    """The sentences of one article with paired figures, long enough to compare."""
    prose = analysis.doc.prose
    figs: dict[Span, list[int]] = {}
    own = _own_figures(analysis)
    for n, f in enumerate(own):
        figs.setdefault(f.q.sentence, []).append(n)
    out = []
    starts = [s.start for s in analysis.sentences]
    for span, members in figs.items():
        text = prose[span.start : span.end]
        if len(_TOKEN.findall(text)) < _SENTENCE_MIN_WORDS:
            # A short sentence ("The estimated value is $4.3 million.") is compared with
            # the long one before it in its paragraph: alone, it is a pattern many
            # articles repeat about different things.
            span = _with_sentence_before(analysis, starts, span)
            if span is None:
                continue
            text = prose[span.start : span.end]
        spans = SpanIndex(own[n].q.span for n in members)
        others = tuple(
            m.group()
            for m in _MASK.finditer(prose, span.start, span.end)
            if not spans.covers(m.start())
        )
        wording, reading = digests.digest(_masked(text)), digests.digest(text)
        terms = content_terms(text)
        out.append(_OwnSentence(span, wording, reading, terms, tuple(members), others))
    return tuple(out)


def _with_sentence_before(analysis: Analysis, starts: list[int], span: Span) -> Span | None:
    """The span from the sentence before `span` to its end, when that sentence is long
    enough to compare and in the same paragraph; None otherwise."""
    k = bisect.bisect_left(starts, span.start) - 1
    if k < 0:
        return None
    before = analysis.sentences[k]
    prose = analysis.doc.prose
    if before.end > span.start or prose.count("\n", before.end, span.start) > 1:
        return None
    if len(_TOKEN.findall(prose, before.start, before.end)) < _SENTENCE_MIN_WORDS:
        return None
    return Span(before.start, span.end)


def _sentence_candidates(
    terms: Sequence[frozenset[str]], max_bucket: int, totals: Totals | None = None
) -> list[tuple[int, int]]:
    """Pairs of sentences (by their `terms`) sharing one of their rarest terms;
    near-identical sentences share all their terms, so the rarest ones find them.
    Terms in more than `max_bucket` sentences (of the whole run: `totals`) are no key
    (boilerplate repeated across a corpus)."""
    if totals is None:
        df = Counter(t for own in terms for t in own)
    else:
        # Once a term, not once a sentence: most terms recur across the sentences given.
        df = Counter({t: totals(_term_key(t)) for t in set().union(*terms)})
    buckets: dict[str, list[int]] = {}
    for i, own in enumerate(terms):
        rare = [t for t in own if df[t] <= max_bucket]
        for t in sorted(rare, key=lambda t: (df[t], t))[:_SENTENCE_BUCKET_TERMS]:
            buckets.setdefault(t, []).append(i)
    pairs = {(a, b) for members in buckets.values() for a in members for b in members if a < b}
    return sorted(pairs)


def _differing_words(a: str, b: str) -> set[str]:
    wa = Counter(w.lower() for w in _TOKEN.findall(a) if not w[0].isdigit())
    wb = Counter(w.lower() for w in _TOKEN.findall(b) if not w[0].isdigit())
    return set((wa - wb) + (wb - wa))


# --- FL105 on sentences without figures -----------------------------------------------

_DIGIT = fastre.compile(r"\p{Nd}")


def _words(text: str) -> int:
    """Words, numbers not counted ("Gate 5 will close ..." has one fewer)."""
    return sum(1 for t in _TOKEN.findall(text) if not t[0].isdigit())


def _plain_number_sentences(analysis: Analysis) -> Iterator[tuple[Span, str, str, str]]:
    """Long sentences with digits in which no figure is read ("one of 16 hospitals"):
    (span, text, masked text, its numbers as written)."""
    prose = analysis.doc.prose
    with_figures = {s.span for s in _own_sentences(analysis)}
    for span in analysis.sentences:
        text = prose[span.start : span.end]
        if span in with_figures or not _DIGIT.search(text):
            continue
        if _words(text) >= _SLIP_MIN_WORDS:
            numbers = "\0".join(m.group() for m in _MASK.finditer(text))
            yield span, text, _masked(text), numbers


@per_document(*_RULE_IDS)
def _plain_number_digests(analysis: Analysis) -> array[int]:
    """Two digests per sentence of `_plain_number_sentences`, interleaved: its masked
    wording and its numbers as written. The parent reads the sentences again only
    for the articles whose sentence is written with other numbers somewhere."""
    out = array("Q")
    for _, _, masked, numbers in _plain_number_sentences(analysis):
        out += digests.pair(masked, numbers)
    return out


def plain_number_slips(run: _Run) -> None:
    """FL105 for copies of a sentence without figures whose numbers differ."""
    varied = digests.varied(_plain_number_digests(analysis) for analysis in run.corpus)
    if not varied:
        return
    copies: dict[int, dict[int, list[_Sentence]]] = {}  # wording -> numbers -> copies
    for d, analysis in enumerate(run.corpus):
        if not digests.has_any(_plain_number_digests(analysis), varied):
            continue
        for span, text, masked, numbers in _plain_number_sentences(analysis):
            wording = digests.digest(masked)
            if wording in varied:
                readings = copies.setdefault(wording, {})
                reading, terms = digests.digest(text), content_terms(text)
                sentence = _Sentence(d, analysis, span, wording, reading, terms, (), ())
                readings.setdefault(digests.digest(numbers), []).append(sentence)
    for wording in sorted(copies):
        variants = [copies[wording][k] for k in sorted(copies[wording])]
        total = sum(len(v) for v in variants)
        for x, these in enumerate(variants):
            for those in variants[x + 1 :]:
                # Each copy against the first copy of the other reading: one finding a
                # copy; when one reading is backed by the copies (see _Consensus), only
                # the copies of the other carry one.
                side = _unbacked_side(len(these), len(those), total)
                if side is not None:
                    carriers, model = (these, those[0]) if side == 0 else (those, these[0])
                    found = [_number_slip(run, a, model, carried=True) for a in carriers]
                else:
                    found = [_number_slip(run, a, those[0]) for a in these]
                run.slips.extend(slip for slip in found if slip is not None)


def sentence_pairs(run: _Run) -> list[_Pair]:
    """FL105 (or FL102/FL103): near-identical sentences whose figures differ."""
    # Every sentence counts for the terms' rarity and the copies' consensus; only those
    # of a candidate pair (a few dozen of 58,000 at 10,000 articles) become _Sentences.
    docs: list[int] = []
    owns: list[_OwnSentence] = []
    for d, analysis in enumerate(run.corpus):
        for own in _own_sentences(analysis):
            docs.append(d)
            owns.append(own)
    consensus = _Consensus(owns)
    by_doc: dict[int, list[Figure]] | None = None
    made: dict[int, _Sentence] = {}

    def sentence(i: int) -> _Sentence:
        nonlocal by_doc
        if by_doc is None:
            by_doc = {}
            for f in run.figures:
                by_doc.setdefault(f.doc, []).append(f)
        if i not in made:
            d, s = docs[i], owns[i]
            figures = by_doc.get(d, [])
            members = tuple(figures[n] for n in s.members)
            made[i] = _Sentence(
                d, run.corpus[d], s.span, s.wording, s.reading, s.terms, members, s.others
            )
        return made[i]

    threshold = float(run.options["sentence_threshold"])
    out: list[_Pair] = []
    concerns = run.ctx.concerns
    terms = [own.terms for own in owns]
    for i, j in _sentence_candidates(terms, int(run.options["max_bucket"]), run.ctx.totals):
        if not concerns(docs[i], docs[j]):
            continue  # what it finds, or takes from FL101-FL103, is on other articles
        a, b = sentence(i), sentence(j)
        if a.reading == b.reading or text_ratio(a.masked, b.masked, threshold) == 0:
            continue
        if not differs_in_figures(a.text, b.text):
            continue
        if _parallel(run, a, b):
            # Two statements of one pattern ("... east side", "... west side"): their
            # figures are about different things, for FL101-FL103 too.
            run.taken.update(_pair_id(x, y) for x in a.figures for y in b.figures)
            slip = _number_slip(run, a, b)
            if slip is not None:
                run.slips.append(slip)
            continue
        pair = _sentence_pair(run, a, b, consensus.carrier(a, b))
        if pair is not None:
            out.append(pair)
    return out


class _Consensus:
    """Copies of one sentence, word for word but for their numbers, grouped by how they
    read. A reading more copies agree with than contradict is taken as right, as FL201
    takes dates: a pair between it and another reading is reported on the other one
    only (a reprint that changed a number, not the 19 that kept it). Between readings
    neither side of which is so backed, the later copy carries the finding as before."""

    def __init__(self, sentences: Iterable[_OwnSentence]) -> None:
        self.groups: dict[int, Counter[int]] = {}  # wording -> reading -> copies
        for s in sentences:
            # Not setdefault, which builds a Counter each time: 58,000 at 10,000 articles.
            readings = self.groups.get(s.wording)
            if readings is None:
                readings = self.groups[s.wording] = Counter()
            readings[s.reading] += 1

    def carrier(self, a: _Sentence, b: _Sentence) -> _Sentence | None:
        if a.wording != b.wording:
            return None  # not copies word for word: no consensus to go by
        readings = self.groups[a.wording]
        side = _unbacked_side(readings[a.reading], readings[b.reading], readings.total())
        return None if side is None else (a, b)[side]


def _unbacked_side(agree_a: int, agree_b: int, copies: int) -> int | None:
    """Which of two readings of `copies` copies carries their finding, 0 or 1: the one
    not backed, when the other is (`_backed`); None when neither or both are."""
    backed_a, backed_b = _backed(agree_a, copies), _backed(agree_b, copies)
    if backed_a == backed_b:
        return None
    return 1 if backed_a else 0


def _backed(agreeing: int, copies: int) -> bool:
    """Whether a reading held by `agreeing` of `copies` copies is agreed with by more of
    the others than contradict it."""
    return agreeing - 1 >= copies - agreeing > 0


def _parallel(run: _Run, a: _Sentence, b: _Sentence) -> bool:
    """Whether two near-identical sentences state two facts rather than one fact twice:
    they differ in a name, a year, a date word, a content word each, or a number that
    is not one of their figures ("voters under 30" / "voters over 65"), or come from
    articles published days apart (a daily update)."""
    if len(a.figures) != len(b.figures) or a.others != b.others:
        return True
    return _told_apart(run, a, b)


def _undated_apart(run: _Run, a: _Sentence, b: _Sentence) -> bool:
    """Whether two articles, one of them undated, may be of other days: the sentences
    name no one, as a regular report's standing sentence does, and the articles agree on
    no figure but the ones these sentences differ in (a weekly report's "Economists had
    expected claims to edge down to 240,000" one week, "to 260,000" another), as
    `_Run.same_moment` asks of figures. A figure the two sentences share counts."""
    if run.corpus[a.doc].published is not None and run.corpus[b.doc].published is not None:
        return False
    if names(a.text):
        return False  # "one of 16 hospitals ... according to the Health Ministry in Gaza"
    verdicts = [_compare(x, y) for x, y in zip(a.figures, b.figures, strict=False)]
    if verdicts and all(v is None or v.kind != "conflict" for v in verdicts):
        return False  # a slip by a power of ten, or a rounding, tells of itself
    differing = {_figure_value(f.q) for f in a.figures} ^ {_figure_value(f.q) for f in b.figures}
    return not (run.values[a.doc] & run.values[b.doc]) - differing


def _of_other_days(a: _Sentence, b: _Sentence) -> bool:
    """A figure of the day told again, in articles not known to be of near days: a story
    updated, no slip ("Activision was up 36.7% at $89.49" / "up 26% at $82.31")."""
    figures = (*a.figures, *b.figures)
    if not a.figures or not b.figures or not any(f.volatile for f in figures):
        return False
    return not _near_days(a.figures[0], b.figures[0])


def _told_apart(run: _Run, a: _Sentence, b: _Sentence) -> bool:
    if a.doc != b.doc and (
        not same_story(run.corpus[a.doc], run.corpus[b.doc])
        or run.apart(a.doc, b.doc)
        or _of_other_days(a, b)
        or _undated_apart(run, a, b)
    ):
        return True
    if a.doc == b.doc and _section(a) != _section(b):
        return True  # "For the week: The Dow is up ..." / "For the year: The Dow is up ..."
    if _one_quotation(a, b):
        return False  # one remark quoted twice, each with its own "... said Thursday"
    if names(a.text) != names(b.text) or _YEAR.findall(a.text) != _YEAR.findall(b.text):
        return True
    if _differing_words(a.masked, b.masked) & _DATE_WORDS:
        return True
    # Number words are figures, not content: "Three Chinese citizens died" / "Two ...".
    a_terms, b_terms = a.terms - _NUMBER_TERMS, b.terms - _NUMBER_TERMS
    return bool(a_terms - b_terms) and bool(b_terms - a_terms)


# A lead-in that a section's paragraphs are read under: "For the year:".
_LEAD_IN_MAX_WORDS = 8


def _section(s: _Sentence) -> int:
    """Where the part of the article a sentence is read under starts: the last short
    lead-in line ending in a colon before it (0 if none). Not a heading: a summary
    above one and its section may tell one fact twice."""
    prose = s.source.doc.prose
    start = 0
    for block in s.source.blocks:
        if block.span.start >= s.span.start:
            break
        line = prose[block.span.start : block.span.end].strip()
        if line.endswith(":") and len(line.split()) <= _LEAD_IN_MAX_WORDS:
            start = block.span.start
    return start


# A quotation of eight words or more, in double quotation marks; it may run on past
# the sentence.
_QUOTATION = fastre.compile(r"[\"“](?P<q>[^\"“”]{40,})(?:[\"”]|$)")


def _one_quotation(a: _Sentence, b: _Sentence) -> bool:
    """Whether two sentences quote one remark, word for word but for their figures,
    which are all inside the quotation: what is around it (who said it, and when) is
    each writer's own."""
    quoted = []
    for s in (a, b):
        m = _QUOTATION.search(s.text)
        if m is None or len(m.group("q").split()) < 8:
            return False
        start, end = s.span.start + m.start("q"), s.span.start + m.end("q")
        if not all(start <= f.q.span.start and f.q.span.end <= end for f in s.figures):
            return False
        quoted.append(_masked(m.group("q")))
    return quoted[0] == quoted[1]


def _number_slip(run: _Run, a: _Sentence, b: _Sentence, carried: bool = False) -> Finding | None:
    """FL105 for a number that is not one of the figures: one long sentence told twice,
    word for word, with a number changed ("from 140 countries" / "from 1400
    countries", "475 pounds (215.5 kilos)" / "4750 pounds (215.5 kilos)").

    Only where no word differs at all: a number outside the figures may be a name
    ("Route 9"), and a listing of such names repeats a short sentence's pattern. The
    later copy carries the finding, or `a` if `carried` (the copies' consensus).
    """
    if a.wording != b.wording or _words(a.text) < _SLIP_MIN_WORDS:
        return None
    if _told_apart(run, a, b):
        return None
    xs, ys = list(_MASK.finditer(a.text)), list(_MASK.finditer(b.text))
    if len(xs) != len(ys):
        return None
    differing = [
        (x, y)
        for x, y in zip(xs, ys, strict=True)
        if x.group().replace(",", "") != y.group().replace(",", "")
    ]
    if not 1 <= len(differing) <= _SLIP_MAX_NUMBERS:
        return None
    if not all(_number_like(x.group()) and _number_like(y.group()) for x, y in differing):
        return None
    if any(_in_date(a.text, x) for x, _ in differing):
        return None  # a day of the month: FL201 compares dates
    later = (run.corpus[b.doc].doc.path, b.span.start) > (run.corpus[a.doc].doc.path, a.span.start)
    if later and not carried:
        a, b = b, a  # the later copy carries the finding, as for figures
        differing = [(y, x) for x, y in differing]
    here_doc, there_doc = run.corpus[a.doc].doc, run.corpus[b.doc].doc
    mine, theirs = differing[0]
    line = there_doc.line_col(b.span.start + theirs.start())[0]
    where = f"at line {line}" if a.doc == b.doc else f"in {there_doc.path}:{line}"
    shown = ", ".join(f"{_with_number(x)} here, {_with_number(y)} there" for x, y in differing)
    return run.ctx.finding(
        "FL105",
        here_doc,
        Span(a.span.start + mine.start(), a.span.start + mine.end()),
        f"near-identical to the sentence {where}, but a number differs: {shown}",
        related=[
            run.ctx.related(
                there_doc,
                Span(b.span.start + theirs.start(), b.span.start + theirs.end()),
                run.ctx.clip(b.text, 120),
            )
        ],
        key="number|" + "|".join(sorted(f"{x.group()}/{y.group()}" for x, y in differing)),
    )


_MONTHS = frozenset(m.lower() for m in MONTHS)
_WORD_BEFORE = fastre.compile(r"(\p{L}+)\.?,?\s+$")
_WORD_AFTER = fastre.compile(r"(?:st|nd|rd|th)?,?\s+(?:of\s+)?(\p{L}+)")


_MAGNITUDES = frozenset({"thousand", "million", "billion", "trillion", "bn", "mn"})


def _number_like(token: str) -> bool:
    """Digits, or a magnitude ("6 million" / "6 billion"); not "one" / "two", which
    are as often words as numbers ("one of the", "the two sides")."""
    return token[0].isdigit() or token.lower() in _MAGNITUDES


_NUMBER_BEFORE = fastre.compile(r"\p{N}+(?:[.,]\p{N}+)*\s+$")


def _with_number(token: regex.Match[str]) -> str:
    """A magnitude with the number it scales ("6 million"), else the number itself."""
    if token.group()[0].isdigit():
        return token.group()
    before = _NUMBER_BEFORE.search(token.string, max(0, token.start() - 24), token.start())
    return token.string[before.start() : token.end()] if before else token.group()


def _in_date(text: str, number: regex.Match[str]) -> bool:
    """Whether a number is the day of a date ("May 8", "8 May", "the 8th of May")."""
    before = _WORD_BEFORE.search(text, max(0, number.start() - 12), number.start())
    after = _WORD_AFTER.match(text, number.end())
    return any(m is not None and m.group(1).lower() in _MONTHS for m in (before, after))


def _sentence_pair(
    run: _Run, a: _Sentence, b: _Sentence, carrier: _Sentence | None = None
) -> _Pair | None:
    differing: list[tuple[Figure, Figure, Verdict | None]] = []
    for x, y in zip(a.figures, b.figures, strict=True):
        if (x.q.value, x.q.value_high, x.q.unit, x.q.qualifier) == (
            y.q.value,
            y.q.value_high,
            y.q.unit,
            y.q.qualifier,
        ):
            continue
        if (x.q.value, x.q.value_high) == (y.q.value, y.q.value_high) and x.bucket == y.bucket:
            continue  # one figure written two ways ("60 billion" / "sixty billion")
        differing.append((x, y, _compare(x, y)))
    if not differing:
        return None
    for x, y, _ in differing:
        run.taken.add(_pair_id(x, y))
    if all(
        v is not None and v.kind == "conflict" and _sizes_apart(x.q, y.q) for x, y, v in differing
    ):
        # One template, other facts: "EPS: $3.53 vs $2.89, according to …" / "Revenue:
        # $7.87 billion vs $7.93 billion, according to …". A slip tells of itself.
        return None
    x, y, verdict = differing[0]
    side = None if carrier is None else x if carrier is a else y
    if len(differing) == 1 and verdict is not None and verdict.kind != "conflict":
        pair = _verdict_pair(run, x, y, verdict, side)
        if pair is not None:
            pair.message += " in a near-identical sentence"
            return pair
    here, there = _later(x, y, run.corpus, side)
    shown = ", ".join(
        f"{(yy if here is y else xx).q.raw} here, {(xx if here is y else yy).q.raw} there"
        for xx, yy, _ in differing
    )
    where = run.where(here, there).replace("at line", "the sentence at line")
    if here.doc != there.doc:
        where = "the sentence " + where
    message = f"near-identical to {where}, but the figures differ: {shown}"
    return _Pair("FL105", here, there, message, _key(here, there))


# --- FL104 conversions --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Conversion:
    """A currency conversion in an article (FL104): both amounts and the rate they imply."""

    doc: int  # -1 until a run numbers it
    original: Quantity
    converted: Quantity
    low: float  # implied rate: units of the original currency per converted unit
    high: float
    when: str


_CONVERSION_AFTER_DOC = operator.attrgetter(*(f.name for f in fields(_Conversion)[1:]))


def _currency(q: Quantity) -> str:
    return "USD" if q.unit == "$" else q.unit


@per_document(*_RULE_IDS, with_context=True)
def _own_conversions(analysis: Analysis, ctx: Context) -> tuple[_Conversion, ...]:
    """The article's currency conversions (computed where it is read, so that the run
    need not hold every quantity of every article)."""
    out = []
    options = {**DEFAULTS, **ctx.options}
    qs = analysis.quantities
    for q in qs:
        if q.converts < 0:
            continue
        orig = qs[q.converts]
        if orig.kind != "money" or q.kind != "money":
            continue
        a, b = _currency(orig), _currency(q)
        if a == b or "¥" in (a, b) or q.is_range or orig.is_range:
            continue
        lo_c, hi_c = q.value - q.precision, q.value + q.precision
        if lo_c <= 0:
            continue
        low = (orig.value - orig.precision) / hi_c
        high = (orig.value + orig.precision) / lo_c
        when = ""
        if ctx.ledger is not None:
            facts = matching_facts(orig, analysis.published, ctx.ledger, options)
            when = facts[0][1].about if facts else ""
        if not when and analysis.published is not None:
            when = analysis.published.strftime("%Y-%m")
        out.append(_Conversion(-1, _bare(orig), _bare(q), low, high, when))
    return tuple(out)


def _conversions(run: _Run) -> list[_Conversion]:
    return [
        _Conversion(d, *_CONVERSION_AFTER_DOC(c))
        for d, analysis in enumerate(run.corpus)
        for c in _own_conversions(analysis, run.ctx)
    ]


def _rate_text(low: float, high: float) -> str:
    return f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}-{high:.2f}"


def conversion_findings(run: _Run, ledger: Ledger | None) -> Iterator[Finding]:
    """FL104: conversions against the ledger's rate, else against each other."""
    tol = float(run.options["rate_tolerance"])
    unchecked: dict[tuple[str, str, str], list[_Conversion]] = {}
    for c in _conversions(run):
        base, quote = _currency(c.converted), _currency(c.original)
        rate: Rate | None = ledger.rate(base, quote, c.when) if ledger and c.when else None
        if rate is None:
            unchecked.setdefault((base, quote, c.when[:7]), []).append(c)
            continue
        if c.high >= rate.lower * (1 - tol) and c.low <= rate.upper * (1 + tol):
            continue
        implied = c.original.value / c.converted.value
        doc = run.corpus[c.doc].doc
        ledger_rate = format_value(rate.lower, rate.upper, "")
        yield run.ctx.finding(
            "FL104",
            doc,
            c.converted.span,
            f"{figure_text(c.converted)} for {figure_text(c.original)} implies "
            f"{implied:.2f} {quote} per {base}; the ledger's {base}/{quote} rate for "
            f"{c.when} is {ledger_rate} ({rate.source.describe()})",
            related=[
                Related(
                    Location(rate.path, rate.line, 1, rate.line, 1),
                    f"ledger {rate.id}: {ledger_rate} {quote} per {base} "
                    f"({rate.source.describe()})",
                )
            ],
            key=f"conversion|{quote}/{base}|{c.original.value:.6g}|{c.converted.value:.6g}",
        )
    for (base, quote, _), group in sorted(unchecked.items()):
        yield from _consensus(run, base, quote, group)


def _consensus(run: _Run, base: str, quote: str, group: Sequence[_Conversion]) -> Iterator[Finding]:
    if len(group) < 3:
        return
    t = _CONSENSUS_TOLERANCE
    for c in group:
        others = [o for o in group if o is not c]
        lo = max(o.low for o in others)
        hi = min(o.high for o in others)
        if hi < lo * (1 - 2 * t) or max(o.high for o in others) > min(o.low for o in others) * (
            1 + 2 * t
        ):
            continue  # the others disagree among themselves: no consensus
        span_lo = min(o.low for o in others) * (1 - t)
        span_hi = max(o.high for o in others) * (1 + t)
        if c.high >= span_lo and c.low <= span_hi:
            continue
        nearest = others[0]
        doc = run.corpus[c.doc].doc
        other_doc = run.corpus[nearest.doc].doc
        yield run.ctx.finding(
            "FL104",
            doc,
            c.converted.span,
            f"{figure_text(c.converted)} for {figure_text(c.original)} implies "
            f"{c.original.value / c.converted.value:.2f} {quote} per {base}; "
            f"{len(others)} other conversions this month imply "
            f"{_rate_text(min(o.low for o in others), max(o.high for o in others))}",
            related=[
                run.ctx.related(
                    other_doc,
                    nearest.converted.span,
                    f"{nearest.converted.raw} for {nearest.original.raw}",
                )
            ],
            key=f"conversion|{quote}/{base}|{c.original.value:.6g}|{c.converted.value:.6g}",
        )


# --- the ledger the examples run against -------------------------------------------


def example_ledger() -> Ledger:
    """The shipped ledger plus one entry with a `known_wrong` value, for FL404's example.

    Used by the rule-example tests only; checks get their ledger from the context.
    """
    from factlint.ledger import Fact, Source, load_ledger, shipped_ledger_paths

    shipped = load_ledger(shipped_ledger_paths())
    example = Fact(
        id="example-harbour-bridge-budget",
        subject="Harbour Bridge repair budget",
        aliases=("Harbour Bridge repair budget", "Harbour Bridge repairs"),
        metric="approved budget",
        lower=120e6,
        upper=120e6,
        unit="USD",
        about="2026",
        grain="year",
        source=Source(publisher="factlint", title="example entry for FL404", date="2026-01"),
        tolerance_rel=0.0,
        tolerance_abs=0.0,
        status="official",
        notes="",
        known_wrong=(210e6,),
        path="<example ledger>",
        line=1,
    )
    return Ledger(
        facts=(*shipped.facts, example),
        events=shipped.events,
        rates=shipped.rates,
        people=shipped.people,
    )


# --- merging and the check ----------------------------------------------------------


def _ledger_finding(
    run: _Run, hit: LedgerHit, doc_index: int, pairs: Sequence[tuple[_Pair, Figure]]
) -> Finding:
    """The ledger finding, with the other mentions of merged pairs as evidence."""
    message = hit.message
    related = list(hit.related)
    for pair, other in pairs:
        name = run.ctx.rules[pair.rule_id].name if pair.rule_id in run.ctx.rules else ""
        mine = pair.here if other is pair.there else pair.there
        message += f"; also {other.q.raw} {run.where(mine, other)}"
        related.append(run.related(other, f"{pair.rule_id} {name}: {other.q.raw}"))
    doc = run.corpus[doc_index].doc
    return run.ctx.finding(hit.rule_id, doc, hit.span, message, related=related, key=hit.key)


def one_per_place(findings: Sequence[Finding]) -> Iterator[Finding]:
    """One finding per rule and place, as FL201 reports dates: a figure that several
    passages give otherwise is reported once, as against the nearest of them (its own
    article's, then by path and line), "(and N more)", with each of them as evidence."""
    places: dict[tuple[str, str, Span], list[Finding]] = {}
    for f in findings:
        places.setdefault((f.rule_id, f.path, f.span), []).append(f)
    for group in places.values():
        if len(group) == 1:
            yield group[0]
            continue
        group.sort(key=_evidence_order)
        evidence = tuple(dict.fromkeys(r for f in group for r in f.related[:1]))
        more = f" (and {len(evidence) - 1} more)" if len(evidence) > 1 else ""
        severity = max(f.severity for f in group)  # as sure as its surest pair
        yield replace(
            group[0], message=group[0].message + more, related=evidence, severity=severity
        )


def _evidence_order(f: Finding) -> tuple[bool, str, int, int]:
    if not f.related:
        return (True, "", 0, 0)
    there = f.related[0].location
    return (there.path != f.path, there.path, there.line, there.col)


@per_document(*_RULE_IDS, with_context=True)
def _own_ledger_hits(analysis: Analysis, ctx: Context) -> tuple[LedgerHit, ...]:
    """The article's figures that disagree with the ledger (computed where it is read)."""
    if ctx.ledger is None:
        return ()
    options = {**DEFAULTS, **ctx.options}
    prose, published = analysis.doc.prose, analysis.published
    return tuple(ledger_hits(prose, analysis.quantities, published, ctx.ledger, options))


# --- the keys pairs are formed by (factlint.links) ---------------------------------


def _figure_key(bucket: str, term: str) -> str:
    return f"f|{bucket}|{term}"


def _term_key(term: str) -> str:
    return f"s|{term}"


@per_document(*_RULE_IDS)
def _links(analysis: Analysis) -> Links:
    """What pairs this article's figures and sentences with another: each figure's
    bucket and names (FL101-FL103), each sentence's terms (FL105), the wording of its
    sentences without figures (FL105) and its currency pairs (FL104)."""
    counted = array("Q")
    for f in _own_figures(analysis):
        counted.extend(key(_figure_key(f.bucket, term)) for term in f.near)
    for s in _own_sentences(analysis):
        counted.extend(key(_term_key(term)) for term in s.terms)
    always = array("Q", _plain_number_digests(analysis)[0::2])
    qs = analysis.quantities
    for q in qs:
        if q.converts >= 0:
            always.append(key(f"c|{_currency(q)}|{_currency(qs[q.converts])}"))
    return Links(counted, always)


LINKS = _links


def check(corpus: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
    options = {**DEFAULTS, **ctx.options}
    run = _Run(corpus, ctx, options)
    for d, analysis in enumerate(corpus):
        figures = figures_of(analysis, d)
        run.figures.extend(figures)
        run.stories.append(_own_story(analysis))
        run.values.append({_figure_value(f.q) for f in figures if _telling(f.q)})
    ledger = ctx.ledger
    hits: dict[tuple[int, int], LedgerHit] = {}
    for d, analysis in enumerate(corpus):
        for hit in _own_ledger_hits(analysis, ctx):
            # A deselected ledger rule must not absorb a cross-article pair.
            if ctx.is_enabled(hit.rule_id):
                hits[(d, hit.index)] = hit
    pairs = sentence_pairs(run) + figure_pairs(run)
    plain_number_slips(run)
    merged: dict[tuple[int, int], list[tuple[_Pair, Figure]]] = {}
    found: list[Finding] = []
    for pair in pairs:
        ends = [(pair.here, pair.there), (pair.there, pair.here)]
        mine = [(m, o) for m, o in ends if (m.doc, m.index) in hits]
        for m, other in mine:
            merged.setdefault((m.doc, m.index), []).append((pair, other))
        if mine:
            continue
        doc = corpus[pair.here.doc].doc
        found.append(
            ctx.finding(
                pair.rule_id,
                doc,
                pair.here.q.span,
                pair.message,
                related=[run.related(pair.there, f"{pair.there.q.raw}")],
                key=pair.key,
                sure=pair.sure,
            )
        )
    for (d, _), hit in sorted(hits.items()):
        yield _ledger_finding(run, hit, d, merged.get((d, hit.index), ()))
    yield from one_per_place([*found, *run.slips])
    yield from conversion_findings(run, ledger)
