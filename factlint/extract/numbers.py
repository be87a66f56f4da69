"""Figures in prose -> `Quantity` claims: value, scale, currency, unit, qualifier, range.

`extract_quantities(text, sentences)` reads each sentence span of `text` (the prose with
code and URLs blanked, same length as the file) and returns every figure it is sure is a
quantity, sorted by span. Tables of words live in `factlint/data/numbers.yaml`.

What is read
    digits ("1,234.5"), word numbers ("sixty billion", "two hundred and fifty thousand",
    "a dozen"), scales spaced or glued ("1.2bn", "$8.69B", "RMB3bn", "3bn yuan"),
    currencies, percent and percentage points, fractions ("1/6", "one-sixth", "a third
    of", "one in five"), multipliers ("17 times higher", "tenfold", "doubled"), ranges
    ("5 to 10 years", "between $5 and $10 billion", "10-20%", "five to 10 years"; scale,
    currency and unit written on one end apply to both), measurement units and counted
    nouns.

Fields of each Quantity
    raw/span   the figure with its qualifier, currency, scale and unit words
               ("up to $70 billion", "nearly 30%", "5 to 10 years"); a counted noun is not
               part of the span ("910 million" with unit "download").
    kind       money | percent | points | multiplier | fraction | measure | count | number
    unit       money: ISO code, or "$" / "¥" when the symbol alone leaves it ambiguous
               ("US$", "USD", "US dollars" -> "USD"; yuan/RMB/CNY/renminbi -> "CNY";
               yen -> "JPY"; euro -> "EUR"; £, sterling, "5 million pounds" -> "GBP");
               percent "%"; points "pp" or "bp"; multiplier "x"; measure a canonical unit
               ("year", "km", "°C", "year-old" for ages); count the head noun stemmed
               with `factlint.subject.stem` ("download", "zone", "gpu-hour"); else "".
    value      the figure as written with its scale applied; for a range the low end,
               and `value_high` the high end (equal to `value` for a single figure).
    precision  half a unit of the last written digit, scale applied: "60 billion" ->
               0.5e9, "60.06 billion" -> 0.005e9, "30%" -> 0.5, "sixty billion" ->
               0.5e9; fractions and multiplier words are exact (0).
    qualifier  TIMEX-style modifier:
                 APPROX         about, approximately, around, roughly, some, an estimated,
                                close to, "or so", "-odd", "~"
                 NEARLY         nearly, almost, just under, just shy of
                 EQUAL_OR_LESS  up to, at most, no more than, as many as, "or less"
                 MORE_THAN      more than, over, above, exceeding, in excess of, "-plus"
                 EQUAL_OR_MORE  at least, no less than, "or more", "400+"
                 LESS_THAN      less than, under, below, fewer than
    lower/upper the written interval widened by the qualifier only (not by precision):
                 APPROX [v-10%, v+10%]; NEARLY [v-10%, v]; EQUAL_OR_LESS and LESS_THAN
                 [0, v]; MORE_THAN and EQUAL_OR_MORE [v, inf).
    time_scope "2024" or "2024-09" when an explicit year governs the figure ("1.2% at
               the end of 2024"); "rel:0" / "rel:-1" / "rel:+1" for this / last / next
               year, for the caller to resolve against the publication date.
    converts   for a parenthesised conversion ("60.06 billion yuan (approximately $8.69
               billion)"), the index in the returned tuple of the figure it converts.

What is never a quantity
    years and decades ("in 2018", "1990s"), dates ("June 25", "February 16th"),
    ordinals, model and product names ("Qwen2.5-72B", "GPT-4o", "Llama 4", "H20",
    "5G", "COVID-19", "Windows 10"), versions ("v1.2.3"), phone numbers, times of day
    ("10:30", "3 p.m."), "3 of 5", "24/7", "top 10", "No. 1", list and footnote
    numbers, scores ("109-98"), addresses, adjectives like "trillion-dollar". When a
    figure is in doubt it is skipped: a missed figure costs less than a wrong finding.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from factlint import fastre
from factlint.claims import Quantity
from factlint.data import load_yaml
from factlint.model import Span
from factlint.subject import NAME_PARTICLE, stem, subject_for

_T = load_yaml("numbers.yaml")

__all__ = ["QUALIFIER_PREFIX", "extract_quantities"]


_alt = fastre.alternation


def _lower_map(table: dict[str, Any]) -> dict[str, Any]:
    """Keys lowercased with single spaces, as phrases are matched."""
    return {" ".join(str(k).lower().split()): v for k, v in table.items()}


# --- tables -------------------------------------------------------------------------

_SCALE_WORDS: dict[str, float] = {k: float(v) for k, v in _lower_map(_T["scale_words"]).items()}
SCALE_WORDS = frozenset(_SCALE_WORDS)  # "billion", "bln", "mn", ..., lowercased
_SHORT_SCALES: dict[str, float] = {k: float(v) for k, v in _T["short_scales"].items()}
_CUR_PREFIX: dict[str, str] = dict(_T["currency_prefixes"])
_CUR_SUFFIX: dict[str, str] = _lower_map(_T["currency_suffixes"])
_QUALIFIERS: dict[str, str] = {
    " ".join(p.lower().split()): mod for mod, phrases in _T["qualifiers"].items() for p in phrases
}
_QUAL_SYMBOLS: dict[str, str] = dict(_T["qualifier_symbols"])


def _post_key(phrase: str) -> str:
    """' or  More' -> ' or more': post-qualifiers keep their leading space or hyphen."""
    lead = " " if phrase[:1].isspace() else ""
    return lead + " ".join(phrase.lower().split())


_POST_QUALS: dict[str, str] = {_post_key(k): v for k, v in _T["post_qualifiers"].items()}
_UNITS: dict[str, int] = {**_T["word_units"]}
_TENS: dict[str, int] = {**_T["word_tens"]}
_HUNDRED: dict[str, int] = {**_T["word_hundred"]}
_WSCALES: dict[str, float] = {k: float(v) for k, v in _T["word_scales"].items()}
_FRACTIONS: dict[str, int] = {**_T["fraction_words"]}
_MULT_WORDS: dict[str, float] = {k: float(v) for k, v in _T["multiplier_words"].items()}
_MULT_FOLLOW = frozenset(_T["multiplier_followers"])
_PLURALS = frozenset(_T["plural_nouns"])
_NOT_PLURAL = frozenset(_T["not_plural"])
_NOUN_STOPS = frozenset(_T["noun_stops"])
_LABELS = frozenset(str(w) for w in _T["label_words"])
_CAPITAL_OK = frozenset(_T["capital_ok"])
MONTHS = frozenset(_T["months"])  # capitalised, abbreviations too
_YEAR_PREPS = frozenset(_T["year_prepositions"])
_CHANGE_VERBS = frozenset(_T["change_verbs"])
_UNIT_CI: dict[str, str] = {
    " ".join(form.lower().split()): canon
    for canon, forms in _T["units_ci"].items()
    for form in forms
}
_UNIT_CS: dict[str, str] = {
    form: canon for canon, forms in _T["units_cs"].items() for form in forms
}
_HYPHEN_UNITS: dict[str, str] = {
    form.lower(): canon for canon, forms in _T["hyphen_units"].items() for form in forms
}
_WORD_NUMBER_VALUES = {**_UNITS, **_TENS, **_HUNDRED, **_WSCALES}

# --- patterns -----------------------------------------------------------------------

_WN = _alt(_WORD_NUMBER_VALUES)
_WN_FIRST = _alt({**_UNITS, **_TENS})
_SCALE_OR_HUNDRED = _alt({**_HUNDRED, **_WSCALES})
_WORDNUM = (
    rf"(?:(?:a|an)\s+(?:{_SCALE_OR_HUNDRED})|(?:{_WN_FIRST}))"
    rf"(?:(?:\s+and\s+|[ \t-]+)(?:{_WN}))*(?![\p{{L}}\p{{N}}])"
)
_FRAC_NUMERATORS = _alt({"a", "an", *(k for k, v in _UNITS.items() if 1 <= v <= 10)})
_NUMERAL = fastre.compile(
    r"(?P<slash>(?<![\p{L}\p{N}/.,])\d{1,2}/\d{1,2}(?![\d/]))"
    r"|(?P<digits>(?<!\d)(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)"
    r"(?:\.\d+)?)"
)
_WORD_NUMERAL = (
    r"\b(?<![\p{L}\p{N}'’-])(?:"
    rf"(?P<wfrac>(?:{_FRAC_NUMERATORS})[ -](?:{_alt(_FRACTIONS)})(?![\p{{L}}\p{{N}}-]))"
    rf"|(?P<mult>(?:{_alt(_MULT_WORDS)})(?![\p{{L}}\p{{N}}-]))"
    rf"|(?P<words>{_WORDNUM}))"
)
# Word numbers are searched in the lowercased text (much faster than a case-insensitive
# pattern), and only in sentences holding one of these words.
_WORD_LOWER = fastre.compile(_WORD_NUMERAL)
_WORD_ANY_CASE = fastre.compile(_WORD_NUMERAL, regex.IGNORECASE)
_WORD_SET = frozenset(
    w for table in (_UNITS, _TENS, _HUNDRED, _WSCALES, _FRACTIONS, _MULT_WORDS) for w in table
)
NUMBER_WORDS = _WORD_SET  # "two", "dozen", "half": words read as numbers
_LOWER_WORD = fastre.compile(r"[a-z]+")
_WORD_TOKEN = fastre.compile(r"[A-Za-z]+")

_CODES = {k: v for k, v in _CUR_PREFIX.items() if k[0].isalpha()}
_SYMBOLS = {k: v for k, v in _CUR_PREFIX.items() if not k[0].isalpha()}
_CUR_BEFORE = fastre.compile(
    rf"(?:(?<![\p{{L}}\p{{N}}])(?P<code>{_alt(_CODES)})|(?P<sym>{_alt(_SYMBOLS)}))"
    r"(?P<sp>[ \u00a0]?)$"
)
_US_BEFORE = fastre.compile(r"(?<![\p{L}\p{N}])(?:US|U\.S\.)\s$")
_SCALE_AFTER = fastre.compile(rf"(?i:[ \u00a0]?(?P<w>{_alt(_SCALE_WORDS)}))(?![\p{{L}}\p{{N}}])")
_SHORT_AFTER = fastre.compile(rf"(?P<w>{_alt(_SHORT_SCALES)})(?![\p{{L}}\p{{N}}])")
_CUR_ADJ = fastre.compile(rf"(?i:-(?:{_alt(_T['currency_adjectives'])})s?)(?![\p{{L}}])")
_CUR_AFTER = fastre.compile(rf"(?i:[ \u00a0]?(?P<w>{_alt(_CUR_SUFFIX)}))(?![\p{{L}}\p{{N}}])")
_POUNDS_AFTER = fastre.compile(r"(?i:\s+pounds?)(?![\p{L}\p{N}])")
_PCT_AFTER = fastre.compile(r"[ \u00a0]?(?:%|(?i:percent|per\s+cent|pct|pc)(?![\p{L}]))")
_POINTS_AFTER = fastre.compile(
    r"(?i:[ \u00a0]?(?:(?P<pp>percentage[\s-]points?|pp|ppts?)"
    r"|(?P<bp>basis[\s-]points?|bps|bp)))(?![\p{L}\p{N}])"
)
_TIMES_AFTER = fastre.compile(r"(?P<t>(?i:\s+times))(?![\p{L}])(?:\s+(?P<next>[\p{L}-]+))?")
_FOLD_AFTER = fastre.compile(r"(?i:-?fold)(?![\p{L}])")
_X_AFTER = fastre.compile(r"[x×](?![\p{L}\p{N}])")
_UNIT_AFTER_CI = fastre.compile(rf"(?i:[ \u00a0]?(?P<w>{_alt(_UNIT_CI)}))(?![\p{{L}}\p{{N}}])")
_UNIT_AFTER_CS = fastre.compile(
    rf"(?:[ \u00a0]?(?P<w>{_alt(k for k in _UNIT_CS if len(k) > 1)})"
    r"|(?P<g>[CF]))(?![\p{L}\p{N}])"
)
_HYPHEN_UNIT = fastre.compile(
    rf"(?i:-(?P<w>{_alt(_HYPHEN_UNITS)})(?P<old>-olds?)?)(?![\p{{L}}\p{{N}}-])"
)
_POST_QUAL = fastre.compile(
    rf"(?:(?i:(?P<w>{_alt(k for k in _POST_QUALS if k[0] in ' -')}))(?![\p{{L}}])"
    r"|(?P<plus>\+)(?![\p{N}]))"
)
_TIME_AFTER = fastre.compile(
    r"(?:\s*(?:to|and|-|–)\s*\d{1,2}(?:[:.]\d{2})?)?"  # "between 12 and 8 p.m."
    r"\.?\s*(?:[ap]\.m\b\.?|(?i:[ap]m|o['’]clock|gmt|utc|local\s+time)(?![\p{L}])"
    r"|(?:EST|EDT|CET|CEST|BST|PST|PDT|IST|JST|CST)(?![\p{L}]))"
)
_MONTH_AFTER = fastre.compile(rf"\s+(?:of\s+)?(?:{_alt(MONTHS)})\b")
_STREET_AFTER = fastre.compile(
    rf"\s+(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{1,3}}(?:{_alt(_T['street_types'])})\b"
)
_OF_NUMBER = fastre.compile(rf"\s+of\s+(?:\d[\d,.]*|(?i:{_WORDNUM}))")
_IN_NUMBER = fastre.compile(
    r"(?i:\s+(?:in|out\s+of)\s+)"
    rf"(?P<m>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,/%\p{{L}}])|(?i:{_WORDNUM}))"
)
# A word, or initials with their stops ("290,000 U.S. consumers").
_NOUN_TOKEN = fastre.compile(
    r"[ \t\u00a0]+(?P<w>\p{Lu}(?:\.\p{Lu})+\.?|\p{L}[\p{L}\p{M}\p{N}'’]*(?:-[\p{L}\p{N}]+)*)"
)
_PREV_WORD = fastre.compile(r"(?P<w>\p{L}[\p{L}\p{N}.&'’]*)[ \t\u00a0]+$")
_QUALIFIER_BEFORE = fastre.compile(
    rf"(?i:(?<![\p{{L}}\p{{N}}])(?P<q>{_alt(_QUALIFIERS)})\s+(?:(?:a|an)\s+)?)$"
    rf"|(?<![\p{{L}}])(?P<s>{_alt(_QUAL_SYMBOLS)})[ \u00a0]?$"
)
#: A qualifier at the start of a figure's raw text ("up to $70 billion" -> "up to ").
QUALIFIER_PREFIX = fastre.compile(
    rf"^(?i:(?:{_alt(_QUALIFIERS)}|between)\s+(?:(?:a|an)\s+)?)|^(?:{_alt(_QUAL_SYMBOLS)})\s?"
)
_NAMED_BEFORE = fastre.compile(
    r"(?i:(?<![\p{L}])(?:known\s+as|called|named|dubbed|code-?named|numbered)\s+)$"
)
_HALF_BEFORE = fastre.compile(r"(?i:(?<![\p{L}])half\s+)$")
_OF_AFTER = fastre.compile(r"\s+of\b")
_SEPARATORS = fastre.compile(r"[,\u00a0\u202f\u2009]")
_SPACE_GROUP = fastre.compile(r" \d{3}(?!\d)")
_LABEL_JOIN = fastre.compile(r"\s*(?:,|&|-|–|(?i:and|or|to|through))\s*")
_MINUS_BEFORE = fastre.compile(r"(?i:(?<![\p{L}])minus\s+)$")
_BETWEEN_BEFORE = fastre.compile(r"(?i:(?<![\p{L}])between\s+)$")
_FROM_BEFORE = fastre.compile(r"(?i:(?<![\p{L}])from\s+)$")
_CONNECTOR = fastre.compile(r"(?P<sp1>\s*)(?P<c>to|-|–|—|or|and)(?P<sp2>\s*)", regex.IGNORECASE)
_BLOCKED = fastre.compile(
    r"\(\d{3}\)\s?\d{3}[-.\s]\d{4}"
    r"|(?<![\d,.])\d{3}[-.]\d{3}[-.]\d{4}(?!\d)"
    r"|(?<![\d,.])\d{3}-\d{4}(?![\d%])"
    r"|\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}"
    # Not from inside a run of digits: retrying each digit of a long run is quadratic.
    r"|(?<!\d)\d+(?:[-./:]\d+){2,}"
)
_CONVERSION_GAP = fastre.compile(
    r"\s*\(\s*(?i:(?:or|i\.e\.,?|equivalent\s+to|equal\s+to|worth|about|around)\s+)?"
)
_CLOSE_PAREN = fastre.compile(r"\s*[)\]]")
_YEAR_MENTION = fastre.compile(
    r"(?<![\p{L}\p{N}.,$£€¥'’-])(?P<year>(?:19|20)\d{2})(?![\p{N}%]|['’]?s\b|\s*(?:%|per))"
    r"|(?<![\p{L}])(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year(?![\p{L}])"
)
_MONTH_BEFORE = fastre.compile(
    rf"(?P<month>{_alt(MONTHS)})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$"
)
_MONTH_NUMBER = {
    m: f"{i:02d}"
    for i, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for m in names
}
_YEAR_GAP = fastre.compile(
    r"\s*(?:(?i:(?:at|in|by|for|during|as\s+of|through|until|since|of|on|from|over)"
    r"(?:\s+[\p{L}’'-]+){0,5})\s+)?"
)
_REL = {"this": "rel:0", "last": "rel:-1", "next": "rel:+1"}


@dataclass(slots=True)
class _Atom:
    """One figure while it is being read (mutable scratch, never returned)."""

    qstart: int  # with qualifier
    start: int  # with currency / sign
    end: int  # after scale, currency, unit, post-qualifier
    core_end: int  # after the numeral itself
    value: float
    precision: float
    scale: str = ""
    mult: float = 1.0
    currency: str = ""
    kind: str = "number"
    unit: str = ""
    qualifier: str = ""
    weak: bool = False  # a word number with nothing to count: kept only inside a range
    value_high: float | None = None
    converts: int = -1
    num_start: int = -1  # where the digits begin (after currency and sign)


# --- word numbers -------------------------------------------------------------------


def _parse_words(s: str) -> tuple[float, int, str, float] | None:
    """(value, chars consumed, scale word, precision multiplier) of a word number."""
    total = 0.0
    group = 0.0
    last = ""  # unit | teen | tens | hundred | scale | a
    end = 0
    scale_word = ""
    mult = 1.0
    prev_scale = math.inf
    pending_and = False
    for m in _WORD_TOKEN.finditer(s):
        w = m.group().lower()
        if w in ("a", "an") and not last:
            last, group = "a", 1.0
            continue
        if w == "and":
            if last not in ("hundred", "scale") or pending_and:
                break
            pending_and = True
            continue
        if w in _UNITS:
            v = _UNITS[w]
            if last in ("unit", "teen", "a") or (last == "tens" and v >= 10):
                break
            group += v
            last = "teen" if v >= 10 else "unit"
        elif w in _TENS:
            if last in ("unit", "teen", "tens", "a"):
                break
            group += _TENS[w]
            last = "tens"
        elif w in _HUNDRED:
            if last in ("hundred", "") or (pending_and and w == "hundred"):
                break
            group = (group or 1.0) * _HUNDRED[w]
            last = "hundred"
        elif w in _WSCALES:
            sv = _WSCALES[w]
            if last == "" or sv >= prev_scale or pending_and:
                break
            total += (group or 1.0) * sv
            group = 0.0
            prev_scale = sv
            last = "scale"
        else:
            break
        pending_and = False
        end = m.end()
        if last == "scale":
            scale_word, mult = w, _WSCALES[w]
        else:
            scale_word, mult = "", 1.0
    if end == 0 or last == "a":
        return None
    return total + group, end, scale_word, mult


# --- reading one candidate ----------------------------------------------------------


def _plural(word: str) -> bool:
    w = word.lower().replace("’", "'")
    if w in _PLURALS:
        return True
    last = w.rsplit("-", 1)[-1]
    if w in _NOT_PLURAL or last in _NOT_PLURAL or last in _PLURALS:
        return last in _PLURALS
    return len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is", "'s"))


# A full name then ", ": two or more capitalised words, initials and particles between.
_NAME_BEFORE = fastre.compile(
    r"(?<![\p{L}\p{N}'’.-])\p{Lu}[\p{L}'’\-]+"
    rf"(?:\s+(?:\p{{Lu}}\.|\p{{Lu}}[\p{{L}}'’\-]+|{NAME_PARTICLE}))*"
    r"\s+\p{Lu}[\p{L}'’\-]+,\s$"
)
# First words of two-word places, which read like a first name and a surname ("New
# York, 12, and Ohio, 9": votes, not ages).
_PLACE_FIRST_WORDS = frozenset(
    "New San Santa Los Las Saint St Fort Port Mount Lake North South East West Upper Lower "
    "Great Little Hong Sri El Le La Rio Buenos Costa Puerto Cape Baton Salt".split()
)
_SURNAME_BEFORE = fastre.compile(r"(?<![\p{L}\p{N}'’.-])(\p{Lu}[\p{L}'’\-]+),\s$")
# Capitalised words a name before ", 12," cannot hold: a date or a place's number.
_NOT_NAMES = frozenset(MONTHS) | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Room Floor Gate Section Chapter "
    "Article Page Level Grade Route Highway Interstate Pier Platform Row Suite Unit No".split()
)
_OLDEST = 120
# What a number counts people in when no noun follows it: "a population of 8.9
# million", "the death toll rose to 72".
_PEOPLE_BEFORE = fastre.compile(
    r"(?i:\b(?:population|death\s+toll|number\s+of\s+(?:dead|deaths|victims))"
    r"(?:\s+(?:from|in)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)?(?:\s+(?:has|had))?"
    r"(?:\s+(?:of|at|to|was|is|stood|stands|rose|risen|climbed|jumped|increased|reached|hit))"
    r"{1,2}\s+$)"
)


def _counted_noun(text: str, pos: int, limit: int) -> tuple[str, bool]:
    """The head noun of the phrase after a figure, and whether it is the first word.

    The head is the first plural word within six words ("11 national AI innovation
    application pilot zones" -> "zones"), extended over plural words right after it
    ("500 data centers" -> "centers"); a function word or an adverb ends the search.
    """
    for i in range(6):
        m = _NOUN_TOKEN.match(text, pos, limit)
        if m is None:
            return "", False
        w = m.group("w")
        lw = w.lower()
        if lw in _NOUN_STOPS or (lw.endswith("ly") and len(lw) > 4):
            return "", False
        pos = m.end()
        if _plural(w):
            head, first = w, i == 0
            while (nxt := _NOUN_TOKEN.match(text, pos, limit)) is not None:
                w2 = nxt.group("w")
                if w2.lower() in _NOUN_STOPS or not _plural(w2):
                    break
                head, first, pos = w2, False, nxt.end()
            return head, first
    return "", False


def _is_name(word: str) -> bool:
    """A capitalised or alphanumeric word that names a product or place, not a determiner."""
    lw = word.lower()
    if lw in _CAPITAL_OK or lw.endswith(("'s", "’s", "s'", "s’")):
        return False
    return any(c.isupper() or c.isdigit() for c in word)


class _Reader:
    """Reads the candidates of one sentence, left to right."""

    def __init__(self, text: str, lower: str | None, sent: Span) -> None:
        self.text = text
        self.lower = lower
        self.sent = sent
        self.atoms: list[_Atom] = []
        self.consumed = sent.start
        self.rejected_end = -1
        self.label_end = -1  # end of the last numeral rejected as a label or a name
        self.blocked = [m.span() for m in _BLOCKED.finditer(text, sent.start, sent.end)]

    def _candidates(self) -> list[tuple[int, int, str]]:
        text, lower, sent = self.text, self.lower, self.sent
        found = [
            (m.start(), m.end(), m.lastgroup or "")
            for m in _NUMERAL.finditer(text, sent.start, sent.end)
        ]
        if lower is None:
            words = _WORD_ANY_CASE.finditer(text, sent.start, sent.end)
        elif _WORD_SET.isdisjoint(_LOWER_WORD.findall(lower, sent.start, sent.end)):
            return found
        else:
            words = _WORD_LOWER.finditer(lower, sent.start, sent.end)
        found.extend((m.start(), m.end(), m.lastgroup or "") for m in words)
        found.sort()
        return found

    def run(self) -> list[_Atom]:
        for start, end, group in self._candidates():
            if start < self.consumed:
                continue
            if any(a <= start < b for a, b in self.blocked):
                self.consumed = max(self.consumed, end)
                continue
            atom = self._read(start, end, group)
            if atom is None:
                self.rejected_end = end
                continue
            self.atoms.append(atom)
            self.consumed = max(self.consumed, atom.end)
        return self.atoms

    # The numeral itself -------------------------------------------------------------

    def _read(self, s: int, e: int, group: str) -> _Atom | None:
        text = self.text
        literal = text[s:e]
        if group == "slash":
            n, d = (int(x) for x in literal.split("/"))
            if not (1 <= n < d <= 10) or self._prev_word(s).lower() in ("on", "since", "until"):
                return None
            return self._finish_simple(_Atom(s, s, e, e, n / d, 0.0, kind="fraction"))
        if group == "wfrac":
            num_word, den_word = literal.lower().replace("-", " ").split(maxsplit=1)
            den = _FRACTIONS[den_word]
            num = 1 if num_word in ("a", "an") else _UNITS[num_word]
            spaced_singular = " " in literal and not den_word.endswith("s")
            if spaced_singular and not _OF_AFTER.match(text, e, self.sent.end):
                return None
            if num >= den or (num > 1 and not den_word.endswith(("s", "half"))):
                return None
            return self._finish_simple(_Atom(s, s, e, e, num / den, 0.0, kind="fraction"))
        if group == "mult":
            if literal[0].isupper() and not self._sentence_initial(s):
                return None
            atom = _Atom(s, s, e, e, _MULT_WORDS[literal.lower()], 0.0)
            atom.kind, atom.unit = "multiplier", "x"
            return self._finish_simple(atom)
        if group == "words":
            parsed = _parse_words(literal)
            if parsed is None:
                return None
            value, length, scale_word, mult = parsed
            if literal[0].isupper() and not self._sentence_initial(s):
                return None  # "Formula One", "Ocean's Eleven"
            e = s + length
            atom = _Atom(s, s, e, e, value, 0.5 * mult, scale=scale_word, mult=mult)
            half = (
                _HALF_BEFORE.search(text, max(self.sent.start, s - 6), s)
                if literal[0] in "aA"
                else None
            )
            if half is not None:  # "half a million"
                atom.value, atom.precision = value / 2, atom.precision / 2
                atom.start = atom.qstart = half.start()
            return self._continue(atom, is_word=True)
        return self._digits(s, e)

    def _digits(self, s: int, e: int) -> _Atom | None:
        text = self.text
        numeral = text[s:e]
        plain = _SEPARATORS.sub("", numeral)
        if len(plain) <= 3 and _SPACE_GROUP.match(text, e, self.sent.end):
            self.consumed = max(self.consumed, e + 4)
            return None  # "10 000": spaces as separators, too easily misread
        if len(plain) > 1 and plain[0] == "0" and plain[1] != ".":
            return None
        decimals = len(plain.partition(".")[2])
        atom = _Atom(s, s, e, e, float(plain), 0.5 * 10.0**-decimals, num_start=s)
        # Currency before the number ("$8.69B", "RMB3bn", "CNY 3bn", "US $5").
        cm = _CUR_BEFORE.search(text, max(self.sent.start, s - 6), s)
        if cm is not None:
            atom.currency = _CUR_PREFIX[cm.group("code") or cm.group("sym")]
            atom.start = cm.start()
            if atom.currency == "$":
                us = _US_BEFORE.search(text, max(self.sent.start, atom.start - 6), atom.start)
                if us is not None:
                    atom.currency, atom.start = "USD", us.start()
        elif not self._left_ok_digits(s):
            return None
        # A sign ("-5%", "−0.5%", "minus 18 degrees").
        before = text[atom.start - 1] if atom.start > self.sent.start else " "
        if (
            before in "-−"
            and (atom.start - 2 < self.sent.start or text[atom.start - 2] in " \t\n([")
            and not (self.atoms and self.atoms[-1].end == atom.start - 1)
        ):
            atom.value, atom.start = -atom.value, atom.start - 1
        else:
            mm = _MINUS_BEFORE.search(text, max(self.sent.start, atom.start - 8), atom.start)
            if mm is not None:
                atom.value, atom.start = -atom.value, mm.start()
        if atom.start == s and not self._left_context_ok(atom.start, numeral):
            return None
        atom.qstart = atom.start
        # The character right after the numeral must not glue it into a name.
        after = text[e : e + 2]
        if after[:1] in (":", ".", "/", ",") and after[1:2].isdigit():
            return None
        if after[:1] in ("'", "’") and after[1:2] in ("s", "S"):
            return None
        return self._continue(atom, is_word=False)

    def _left_ok_digits(self, s: str | int) -> bool:
        """Reject a numeral glued to letters or symbols on its left ("H20", "GPT-4")."""
        text = self.text
        s = int(s)
        if s == 0:
            return True
        p = text[s - 1]
        if p.isalnum() or p in ".,:/#@&+'’\\=|^°":
            return False
        if p in "-–":
            if self.atoms and self.atoms[-1].end == s - 1:
                return True
            q = text[s - 2] if s >= 2 else " "
            return not (q.isalnum() or q in ".,")
        return True

    def _left_context_ok(self, start: int, numeral: str) -> bool:
        """Words before the figure: labels, months, product names, list markers."""
        text, sent = self.text, self.sent
        if self.rejected_end >= 0 and text[self.rejected_end : start] in (" ", "\u00a0"):
            return False
        end = start + len(numeral)
        if self.label_end >= 0 and _LABEL_JOIN.fullmatch(text, self.label_end, start):
            self.label_end = end  # "junctions 14 and 15", "June 5 and 6"
            return False
        if _NAMED_BEFORE.search(text, max(0, start - 16), start) or self._label_before(start):
            self.label_end = end
            return False
        # A list marker at the start of a line ("1. ", "2) ") or a footnote ("[1]", "(2)").
        line_start = text.rfind("\n", 0, start) + 1
        if not text[max(line_start, sent.start) : start].strip(" \t*#>-") and text[
            end : end + 1
        ] in (".", ")"):
            return False
        if start > 0 and text[start - 1] in "([" and text[end : end + 1] in ")]":
            return "." in numeral or "," in numeral
        return True

    def _label_before(self, start: int) -> bool:
        """'page 5', 'June 25', 'Windows 10': the word before makes the figure a label."""
        word = self._prev_word(start)
        if not word:
            return False
        lw = word.lower()
        if (
            lw in _LABELS
            or lw.rstrip(".") in _LABELS
            or lw.removesuffix("s") in _LABELS
            or word.rstrip(".") in MONTHS
        ):
            return True
        # A word closing the previous sentence ("said Trump. 5 people") is no label.
        return not word.endswith(".") and _is_name(word)

    def _prev_word(self, start: int) -> str:
        # Not bounded by the sentence: a splitter may cut after "Apt." or "No.".
        m = _PREV_WORD.search(self.text, max(0, start - 30), start)
        return m.group("w") if m else ""

    def _sentence_initial(self, start: int) -> bool:
        return not any(c.isalnum() for c in self.text[self.sent.start : start])

    # After the numeral ---------------------------------------------------------------

    def _continue(self, atom: _Atom, is_word: bool) -> _Atom | None:
        text = self.text
        limit = self.sent.end
        e = atom.core_end
        pos = e
        glued = False
        short = ""
        if is_word:
            if not self._left_context_ok(atom.start, text[atom.start : atom.core_end]):
                return None
        else:
            sm = _SCALE_AFTER.match(text, pos, limit)
            if sm is not None:
                atom.scale = sm.group("w")
                atom.mult = _SCALE_WORDS[" ".join(atom.scale.lower().split())]
                glued = sm.start("w") == e
                pos = sm.end()
            else:
                sh = _SHORT_AFTER.match(text, pos, limit)
                if sh is not None:
                    short = sh.group("w")
                    atom.scale, atom.mult = short, _SHORT_SCALES[short]
                    glued = True
                    pos = sh.end()
        if _CUR_ADJ.match(text, pos, limit):
            return None  # "a trillion-dollar valuation"
        if not atom.currency:
            cm = _CUR_AFTER.match(text, pos, limit)
            if cm is not None and not (cm.group("w").lower() == "rand" and not atom.scale):
                atom.currency = _CUR_SUFFIX[" ".join(cm.group("w").lower().split())]
                glued = glued or cm.start("w") == e
                pos = cm.end()
            elif atom.scale and not short:
                pm = _POUNDS_AFTER.match(text, pos, limit)
                if pm is not None:
                    atom.currency, pos = "GBP", pm.end()
        if atom.currency:
            atom.kind, atom.unit = "money", atom.currency
        else:
            pm2 = _PCT_AFTER.match(text, pos, limit)
            pts = None if pm2 else _POINTS_AFTER.match(text, pos, limit)
            if pm2 is not None:
                atom.kind, atom.unit = "percent", "%"
                glued = glued or pm2.start() == e
                pos = pm2.end()
            elif pts is not None:
                atom.kind, atom.unit = "points", "pp" if pts.group("pp") else "bp"
                glued = glued or pts.start() == e
                pos = pts.end()
            else:
                pos, glued = self._unit_or_multiplier(atom, pos, glued)
        pq = _POST_QUAL.match(text, pos, limit)
        if pq is not None and not atom.qualifier:
            atom.qualifier = _POST_QUALS[_post_key(pq.group("w") or "+")]
            glued = glued or pq.start() == e
            pos = pq.end()
            if atom.kind == "number":  # "40-odd years"
                pos, glued = self._unit_or_multiplier(atom, pos, glued)
        # Glued residue: "5G", "1st", "1990s", "10am", "5-star".
        nxt = text[e : e + 1]
        if not glued and not is_word:
            if nxt.isalpha():
                return None
            if nxt in "-–" and text[e + 1 : e + 2].isalpha():
                return None
        if atom.kind == "number" and not atom.scale:
            if _TIME_AFTER.match(text, e, limit) or _MONTH_AFTER.match(text, e, limit):
                return None
            if _STREET_AFTER.match(text, e, limit):
                return None
            im = _IN_NUMBER.match(text, e, limit)
            if im is not None and self._one_in(atom, im):
                return atom
            of = _OF_NUMBER.match(text, e, limit)
            if of is not None:  # "3 of 5": a tally or a label, and so is the 5
                self.consumed = max(self.consumed, of.end())
                return None
        atom.end = pos
        self._qualifier(atom)
        if atom.kind == "number":
            head, first = _counted_noun(text, pos, limit)
            if short and not first:
                return None  # "405B", "100m": a name or a distance, not a scale
            if head:
                atom.kind, atom.unit = "count", stem(head)
            elif _PEOPLE_BEFORE.search(text, max(self.sent.start, atom.qstart - 60), atom.qstart):
                atom.kind, atom.unit = "count", "people"  # "a population of 8.9 million"
            elif self._appositive_age(atom):
                atom.kind, atom.unit = "measure", "year-old"  # "Carl Wiley, 77, of Magalia"
        if (
            is_word
            and not atom.scale
            and (atom.kind == "number" or (atom.value == 1 and atom.kind in ("count", "measure")))
        ):
            atom.weak = True  # "the two met", "one day": kept only as the end of a range
        if not is_word and self._is_year(atom):
            return None
        if not is_word and not atom.currency and not atom.scale:
            digits = text[atom.num_start : atom.core_end]
            if digits.isdigit() and len(digits) >= 7:
                return None  # an identifier, not a figure
        if not is_word:
            atom.value *= atom.mult
            atom.precision *= atom.mult
        return atom

    def _appositive_age(self, atom: _Atom) -> bool:
        """A whole number set off by commas after a full name is that person's age, as
        news style writes it ("Carl Wiley, 77, of Magalia")."""
        text = self.text
        if atom.qualifier or atom.scale or not 0 < atom.value <= _OLDEST:
            return False
        if not text.startswith(",", atom.core_end) or atom.value != int(atom.value):
            return False
        before = _NAME_BEFORE.search(text, max(self.sent.start, atom.start - 80), atom.start)
        if before is not None:
            return not _NOT_NAMES.intersection(before.group().split())
        # A surname alone, once the article has given the full name: "Harvey Weinstein"
        # ... "Weinstein, 67, was found guilty".
        alone = _SURNAME_BEFORE.search(text, max(self.sent.start, atom.start - 40), atom.start)
        if alone is None or alone.group(1) in _NOT_NAMES:
            return False
        # One pattern a surname: the regex module's own cache keeps it, not the store.
        full = rf"(\p{{Lu}}[\p{{L}}'’\-]+)\s+{regex.escape(alone.group(1))}\b"
        return any(
            m.group(1) not in _PLACE_FIRST_WORDS
            for m in regex.finditer(full, text, endpos=alone.start())
        )

    def _unit_or_multiplier(self, atom: _Atom, pos: int, glued: bool) -> tuple[int, bool]:
        text, limit, e = self.text, self.sent.end, atom.core_end
        tm = _TIMES_AFTER.match(text, pos, limit)
        if tm is not None:
            nxt = (tm.group("next") or "").lower()
            if nxt in _MULT_FOLLOW:
                atom.kind, atom.unit = "multiplier", "x"
            else:
                atom.kind, atom.unit = "count", "time"
            return tm.end("t"), glued
        fm = _FOLD_AFTER.match(text, pos, limit)
        xm = _X_AFTER.match(text, pos, limit) if pos == e else None
        if fm is not None or xm is not None:
            atom.kind, atom.unit = "multiplier", "x"
            mm = fm or xm
            assert mm is not None
            return mm.end(), glued or mm.start() == e
        hm = _HYPHEN_UNIT.match(text, pos, limit)
        if hm is not None:
            atom.kind = "measure"
            unit = _HYPHEN_UNITS[hm.group("w").lower()]
            atom.unit = "year-old" if hm.group("old") and unit == "year" else unit
            return hm.end(), glued or hm.start() == e
        um = _UNIT_AFTER_CI.match(text, pos, limit)
        if um is not None:
            atom.kind = "measure"
            atom.unit = _UNIT_CI[" ".join(um.group("w").lower().split())]
            return um.end(), glued or um.start("w") == e
        cs = _UNIT_AFTER_CS.match(text, pos, limit)
        if cs is not None and (cs.group("w") or cs.start() == e):
            atom.kind = "measure"
            atom.unit = _UNIT_CS[cs.group("w") or cs.group("g")]
            return cs.end(), glued or cs.start() == e
        if not atom.scale:
            pw = _POUNDS_AFTER.match(text, pos, limit)
            if pw is not None:
                atom.kind, atom.unit = "measure", "lb"
                return pw.end(), glued
        return pos, glued

    def _one_in(self, atom: _Atom, im: regex.Match[str]) -> bool:
        """'one in five', '3 out of 4': turn `atom` into a fraction when the pair reads so."""
        m_text = im.group("m")
        if m_text[0].isdigit():
            plain = m_text.replace(",", "")
            if len(plain) == 4 and "," not in m_text and 1000 <= int(plain) <= 2099:
                return False
            denom, length = float(plain), len(m_text)
        else:
            parsed = _parse_words(m_text)
            if parsed is None:
                return False
            denom, length = parsed[0], parsed[1]
        if not (2 <= denom <= 1e7) or not (0 < atom.value < denom):
            return False
        atom.value, atom.precision, atom.mult = atom.value / denom, 0.0, 1.0
        atom.kind, atom.unit, atom.end = "fraction", "", im.start("m") + length
        self._qualifier(atom)
        return True

    def _finish_simple(self, atom: _Atom) -> _Atom | None:
        if not self._left_context_ok(atom.start, self.text[atom.start : atom.core_end]):
            return None
        self._qualifier(atom)
        return atom

    def _qualifier(self, atom: _Atom) -> None:
        qm = _QUALIFIER_BEFORE.search(self.text, max(self.sent.start, atom.start - 40), atom.start)
        if qm is None:
            return
        if qm.group("q") is not None:
            mod = _QUALIFIERS[" ".join(qm.group("q").lower().split())]
        else:
            mod = _QUAL_SYMBOLS[qm.group("s")]
        if not atom.qualifier:
            atom.qualifier = mod
        atom.qstart = qm.start()

    def _is_year(self, atom: _Atom) -> bool:
        """A bare four-digit number that reads as a year ("in 2018", "a 1761 work")."""
        text = self.text
        numeral = text[atom.num_start : atom.core_end]
        if atom.kind not in ("number", "count") or atom.scale or atom.currency:
            return False
        if len(numeral) != 4 or not numeral.isdigit():
            return False
        v = int(numeral)
        if atom.kind == "number" or 1900 <= v <= 2099:
            return 1000 <= v <= 2099
        return 1000 <= v < 1900 and self._prev_word(atom.start).lower() in _YEAR_PREPS


# --- ranges, conversions, time scope ------------------------------------------------


def _merge_ranges(text: str, atoms: list[_Atom], lo: int) -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is None:
            out.append(a)
            break
        cm = _CONNECTOR.fullmatch(text, a.end, b.qstart)
        if cm is None:
            out.append(a)
            i += 1
            continue
        conn = cm.group("c").lower()
        hyphen = conn in ("-", "–", "—") and not (cm.group("sp1") and cm.group("sp2"))
        between = _BETWEEN_BEFORE.search(text, max(lo, a.qstart - 10), a.qstart) is not None
        ok = (conn != "and" or between) and not (conn == "to" and _is_change(text, a, lo))
        merged = _range(a, b) if ok and conn != "—" else None
        if merged is None or (hyphen and merged.kind == "number"):
            if hyphen:  # "109-98", "5-4 vote", "2019-20": a score or a label
                i += 2
                continue
            out.append(a)
            i += 1
            continue
        bm = _BETWEEN_BEFORE.search(text, max(lo, a.qstart - 10), a.qstart)
        if bm is not None:
            merged.qstart = bm.start()
        out.append(merged)
        i += 2
    return out


def _is_change(text: str, a: _Atom, lo: int) -> bool:
    """'from 5 to 10', 'rose $1.20 to $85.50': a change between two figures, not a range."""
    if _FROM_BEFORE.search(text, max(lo, a.qstart - 6), a.qstart):
        return True
    if a.qualifier:  # "rising more than 1.5 to 2 degrees": a range of change
        return False
    m = _PREV_WORD.search(text, max(lo, a.qstart - 20), a.qstart)
    return m is not None and m.group("w").lower() in _CHANGE_VERBS


def _range(a: _Atom, b: _Atom) -> _Atom | None:
    if b.qualifier or a.value_high is not None or b.value_high is not None:
        return None
    if a.currency and b.currency and a.currency != b.currency:
        return None
    kind, unit = a.kind, a.unit
    if a.kind == "number" or (a.kind == "money" and b.kind == "number" and not b.currency):
        kind, unit = (b.kind, b.unit) if a.kind == "number" else (a.kind, a.unit)
    elif b.kind not in (a.kind, "number") or (b.kind == a.kind and b.unit != a.unit):
        return None
    if a.kind != "number" and b.kind == "number" and a.kind != "money":
        return None
    low, precision = a.value, a.precision
    if not a.scale and b.scale and b.mult > 1 and a.value * b.mult <= b.value:
        low, precision = a.value * b.mult, a.precision * b.mult
    if not low < b.value:
        return None
    return _Atom(
        qstart=a.qstart,
        start=a.start,
        end=b.end,
        core_end=b.core_end,
        value=low,
        precision=max(precision, b.precision),
        scale=b.scale or a.scale,
        mult=b.mult,
        currency=a.currency or b.currency,
        kind=kind,
        unit=unit,
        qualifier=a.qualifier,
        weak=a.weak and b.weak,
        value_high=b.value,
    )


def _time_scopes(text: str, sent: Span, atoms: Sequence[_Atom]) -> list[str]:
    """The year each figure is about, when the sentence states one."""
    mentions: list[tuple[int, int, str]] = []
    for m in _YEAR_MENTION.finditer(text, sent.start, sent.end):
        if m.group("rel"):
            mentions.append((m.start(), m.end(), _REL[m.group("rel").lower()]))
            continue
        ys = m.start("year")
        if any(a.qstart <= ys < a.end for a in atoms):
            continue
        mb = _MONTH_BEFORE.search(text, max(sent.start, ys - 20), ys)
        value = m.group("year") + (f"-{_MONTH_NUMBER[mb.group('month')]}" if mb else "")
        mentions.append((mb.start() if mb else ys, m.end(), value))
    scopes = [""] * len(atoms)
    if not mentions:
        return scopes
    bound: set[int] = set()
    # A year right after a figure belongs to it ("1.2% at the end of 2024").
    for k, (ms, _me, value) in enumerate(mentions):
        prior = [i for i, a in enumerate(atoms) if a.end <= ms]
        if prior and _YEAR_GAP.fullmatch(text, atoms[prior[-1]].end, ms):
            i = prior[-1]
            if not scopes[i]:
                scopes[i] = value
            bound.add(k)
    free = [mm for k, mm in enumerate(mentions) if k not in bound]
    # Otherwise the nearest year stated before the figure, else the nearest after it.
    for i, a in enumerate(atoms):
        if scopes[i] or not free:
            continue
        before = [mm for mm in free if mm[1] <= a.qstart]
        if before:
            scopes[i] = before[-1][2]
        else:
            scopes[i] = min(free, key=lambda mm: mm[0] - a.end)[2]
    return scopes


def _interval(v: float, vh: float, q: str) -> tuple[float, float]:
    if q == "APPROX":
        return v - 0.1 * abs(v), vh + 0.1 * abs(vh)
    if q == "NEARLY":
        return v - 0.1 * abs(v), vh
    if q in ("EQUAL_OR_LESS", "LESS_THAN"):
        return (0.0 if vh >= 0 else -math.inf), vh
    if q in ("MORE_THAN", "EQUAL_OR_MORE"):
        return v, math.inf
    return v, vh


# A "sentence" this long holding this many numerals is a table or a list run into one
# line, not prose (the news corpus: at most 550 characters and 7 numerals). Its figures
# are not claims, and reading each with its clause would cost ~0.2 ms a figure.
_DATA_LENGTH = 2_000
_DATA_NUMERALS = 100


def _is_data(text: str, sent: Span) -> bool:
    """A long run of numbers that only looks like a sentence."""
    if sent.end - sent.start <= _DATA_LENGTH:
        return False
    numerals = _NUMERAL.finditer(text, sent.start, sent.end)
    return sum(1 for _ in itertools.islice(numerals, _DATA_NUMERALS + 1)) > _DATA_NUMERALS


def extract_quantities(text: str, sentences: Sequence[Span]) -> tuple[Quantity, ...]:
    """Every figure in the sentences of `text`, as `Quantity` claims sorted by span."""
    found: list[tuple[_Atom, Span, str]] = []
    lower = text.lower()
    lower_or_none = lower if len(lower) == len(text) else None
    for sent in sentences:
        if sent.end > len(text) or _is_data(text, sent):
            continue
        atoms = _Reader(text, lower_or_none, sent).run()
        if not atoms:
            continue
        atoms = [a for a in _merge_ranges(text, atoms, sent.start) if not a.weak]
        scopes = _time_scopes(text, sent, atoms)
        found.extend((a, sent, scope) for a, scope in zip(atoms, scopes, strict=True))
    found.sort(key=lambda t: (t[0].qstart, t[0].end))
    out: list[Quantity] = []
    for i, (a, sent, scope) in enumerate(found):
        converts = -1
        if i > 0:
            p, psent, _ = found[i - 1]
            if (
                psent == sent
                and p.kind == a.kind
                and a.kind in ("money", "measure")
                and _CONVERSION_GAP.fullmatch(text, p.end, a.qstart)
                and _CLOSE_PAREN.match(text, a.end, sent.end)
            ):
                converts = i - 1
        span = Span(a.qstart, a.end)
        high = a.value if a.value_high is None else a.value_high
        lower, upper = _interval(a.value, high, a.qualifier)
        out.append(
            Quantity(
                span=span,
                raw=text[a.qstart : a.end],
                value=a.value,
                value_high=high,
                lower=lower,
                upper=upper,
                kind=a.kind,
                unit=a.unit,
                scale=a.scale,
                qualifier=a.qualifier,
                precision=a.precision,
                sentence=sent,
                subject=subject_for(text, sent, span),
                time_scope=scope,
                converts=converts,
            )
        )
    return tuple(out)


# --- what a figure measures: a level or a change, a total or a rate -----------------

# Change verbs after which a figure is the change, not the level reached
# ("rose 5%", "fell by $2 billion"); "to" after them introduces the new level.
_ROLE_VERBS = _CHANGE_VERBS - {"raised", "raises", "added", "adds", "went", "moved", "lost"}
_CHANGE_BEFORE = fastre.compile(
    rf"(?i:(?<![\p{{L}}])(?:(?P<verb>{_alt(_ROLE_VERBS)})(?:\s+by)?"
    r"|(?:an?\s+)?(?:increase|rise|drop|decline|fall|gain|growth|jump|cut|reduction)"
    r"\s+of|(?P<to>to))\s+)$"
)
_FROM_BEFORE_FIG = fastre.compile(r"(?i:(?<![\p{L}])from\s+)$")
_CHANGE_AFTER = fastre.compile(
    r"(?i:\s*(?:\p{L}+\s+)?(?:increase|increases|rise|rises|drop|drops|decline|declines|"
    r"fall|falls|gain|gains|growth|jump|jumps|cut|cuts|reduction|reductions|"
    r"higher|lower|more|less|fewer|larger|smaller|faster|slower|cheaper|bigger|"
    r"up|down|year-on-year|year-over-year|on\s+the\s+year)(?![\p{L}-]))"
)
_PER_AFTER = fastre.compile(
    r"(?i:(?:\s+\p{L}[\p{L}-]*){0,2}?\s+(?:(?P<per>per|a|an|each|every)\s+(?P<noun>\p{L}+)"
    r"|(?P<adv>annually|yearly|monthly|weekly|daily|hourly|per\s+annum))(?![\p{L}])"
    r"(?!\s+(?:ago|earlier|later|before|after|from|since)\b))"
)
_NEXT_WORD = fastre.compile(r"[ \t]+(\p{L}+)(?![\p{L}])")
_PER_BEFORE = fastre.compile(
    r"(?i:(?<![\p{L}])(?P<adj>annual|yearly|monthly|weekly|daily|hourly|average|median|"
    r"per\s+(?:capita|person|head))\s+(?:\p{L}+\s+){0,2})$"
)
# A rate over a period stated as a year's: "fell 0.9% at an annualized pace", "a 0.9%
# annual rate of decline", "an annualised 0.9%" (the quarter's own fall was 0.2%).
_ANNUALISED_AFTER = fastre.compile(
    r"(?i:(?:\s+[\p{L}-]+){0,4}?\s+(?:an?\s+)?(?:seasonally[\s-]+adjusted\s+)?"
    r"(?:annuali[sz]ed|annual)\s+(?:rate|pace|basis)(?![\p{L}]))"
)
_ANNUALISED_BEFORE = fastre.compile(r"(?i:(?<![\p{L}])annuali[sz]ed\s+(?:\p{L}+\s+)?)$")
_PER_NOUNS = frozenset(
    "year month week day hour minute second night person capita head share household "
    "employee worker student resident patient customer user member unit barrel tonne "
    "ton kilo kilogram pound litre liter gallon mile kilometre kilometer".split()
)
_PER_ADVERBS = {
    "annually": "year",
    "yearly": "year",
    "per annum": "year",
    "annual": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
}


def figure_role(text: str, q: Quantity) -> str:
    """Whether a figure is a level ("level"), a change ("change") or a starting point ("from").

    "rose 5%", "an increase of $2 billion", "5% higher" and "$3 billion more" are
    changes; "rose to 5%" is the level reached; "from 3% to 5%" makes 3% a starting
    point. A change and a level of one subject are different quantities.
    """
    lo = max(q.sentence.start, q.span.start - 40)
    before = _CHANGE_BEFORE.search(text, lo, q.span.start)
    if _FROM_BEFORE_FIG.search(text, lo, q.span.start):
        return "from"
    if before is not None and not before.group("to"):
        return "change"
    if _CHANGE_AFTER.match(text, q.span.end, q.sentence.end):
        return "change"
    return "level"


def per_unit(text: str, q: Quantity) -> str:
    """What a figure is counted per ("year" for "$5 million a year" or "annual"), or "".

    A rate and a total of the same thing are different quantities.
    """
    after = _PER_AFTER.match(text, q.span.end, q.sentence.end)
    if after is not None:
        if after.group("adv"):
            return _PER_ADVERBS[" ".join(after.group("adv").lower().split())]
        noun = stem(after.group("noun"))
        if noun in _PER_NOUNS:
            return noun
        # "$95 per Activision share": a name before the noun ("to a Google employee"
        # is no rate: only "per" says so)
        named = _NEXT_WORD.match(text, after.end(), q.sentence.end)
        if (
            named
            and after.group("per").lower() == "per"
            and after.group("noun")[0].isupper()
            and stem(named[1]) in _PER_NOUNS
        ):
            return stem(named[1])
    before = _PER_BEFORE.search(text, max(q.sentence.start, q.span.start - 30), q.span.start)
    if before is not None:
        adj = " ".join(before.group("adj").lower().split())
        return _PER_ADVERBS.get(adj, adj.removeprefix("per "))
    if _ANNUALISED_AFTER.match(text, q.span.end, q.sentence.end) or _ANNUALISED_BEFORE.search(
        text, max(q.sentence.start, q.span.start - 30), q.span.start
    ):
        return "year"
    return ""
