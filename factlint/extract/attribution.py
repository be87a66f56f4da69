"""Direct quotes, who said them, and the people an article names with their titles.

Rule-based on purpose (no parser, no model): quote marks are paired per paragraph,
a reporting verb with a subject next to it is a cue, and the speaker is that subject,
resolved to a full name when the article gives one. Decisions that checks rely on:

- Quotes are the outermost quotations; nested quotes only keep the pairing right.
- A quote's text excludes its marks and a trailing comma (`"Q," he said` -> `Q`).
- A quote spanning paragraphs (news convention: no closing mark at the end of a
  paragraph, an opening mark at the start of the next) is one `Quote` per paragraph,
  all with the same speaker.
- Scare quotes and names in quotes stay in `quotes` with speaker "" and cue "". A
  quoted phrase of 1-4 words gets a speaker only from a reporting cue in its own
  sentence (a mixed quote: `Green predicts that "the choice is fairly simple"`), never
  by carrying the previous speaker, and never after "so-called", "dubbed", "known
  as" and the like; a Title Cased phrase ("The Case for Colonialism") is a name.
- Speakers of people are full names ("Rory Green" for "Green", "he", "the Director"
  when one named person has that title); other sources are the phrase as written
  ("CNBC", "the report", "reports"). Only people become `Person`s.
- Unbalanced quote marks become located `QuoteProblem`s; nothing here raises.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import regex

from factlint import fastre
from factlint.claims import Person, Quote, QuoteProblem
from factlint.data import load_yaml
from factlint.model import Span
from factlint.subject import NAME_PARTICLE, STOPWORDS

__all__ = [
    "PARTICIPLES",
    "TITLE_ABBREVIATIONS",
    "Attributions",
    "extract_attributions",
    "normalise_quote",
    "same_person",
    "spelled_title",
    "title_difference",
]


@dataclass(frozen=True, slots=True)
class Attributions:
    """What one article yields: its direct quotes, the people it names, and quote-mark problems."""

    quotes: tuple[Quote, ...]
    people: tuple[Person, ...]
    problems: tuple[QuoteProblem, ...]


# --------------------------------------------------------------------------- word tables


@dataclass(frozen=True, slots=True)
class _Tables:
    """The word lists of attribution.yaml: reporting verbs, pronouns, roles, titles, places..."""

    verbs: frozenset[str]
    adverbs: tuple[str, ...]
    pronouns: frozenset[str]
    bare: frozenset[str]
    roles: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    orgs: frozenset[str]
    common: frozenset[str]
    demonyms: frozenset[str]
    places: frozenset[str]
    scare: tuple[str, ...]


@functools.cache
def _tables() -> _Tables:
    # Every entry a string ("On", "No" are words here, not booleans).
    d = load_yaml("attribution.yaml", strings=True)
    return _Tables(
        verbs=frozenset(d["reporting_verbs"]),
        adverbs=tuple(d["adverbs"]),
        pronouns=frozenset(d["pronouns_resolved"]),
        bare=frozenset(d["bare_speakers"]),
        roles=frozenset(d["role_nouns"]),
        titles=frozenset(d["title_words"]),
        honorifics=frozenset(d["honorifics"]),
        orgs=frozenset(d["org_words"]),
        common=frozenset(d["common_caps"]),
        demonyms=frozenset(d["demonyms"]),
        places=frozenset(d["places"]),
        scare=tuple(d["scare_markers"]),
    )


@functools.cache
def _re(pattern: str) -> fastre.Pattern:
    """A compiled pattern, cached: cheaper than the regex module's own cache lookup."""
    return fastre.compile(pattern)


def _alt(words: Sequence[str]) -> str:
    """A regex group of literal words, longest first, spaces as \\s+."""
    return f"(?:{fastre.alternation(words)})"


# Abbreviated titles and suffixes, written with a full stop that does not end a sentence.
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Det|Rev|Hon|Rt|Jr|Sr)"
# A capitalised token: a word, an acronym (U.S.), an initial, O'Neil, Al-Kahlout.
_CAP = (
    r"(?:\p{Lu}(?:\.\p{Lu})+\.?"
    rf"|{_TITLES}\."
    r"|\p{Lu}\.(?=\s)|\p{Lu}[\p{L}\p{M}\p{N}'’\-&]*)"
)
_CAPRUN = rf"{_CAP}(?:\s+(?:{NAME_PARTICLE}\s+)?{_CAP}){{0,9}}"
_NOT_AFTER = r"(?<![\p{L}\p{N}'’\-.])"
_DOUBLE_OPEN = "“„«"
_QUOTE_CHARS = fastre.compile(r"[\"“”„«»‘’'‹›]")
_WORD_CHAR = fastre.compile(r"[\p{L}\p{N}]")
_PRONOUNS = r"(?:he|she|they|it|we|i|you|him|her|them|us|me|his|its|their|our|my|your)"
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose", "where", "when", "what"})
_PREPOSITIONS = frozenset(
    "of in on at by with alongside from for to about under over between into through after "
    "before against among without within during across behind beyond near via than as".split()
)
# Heads of noun phrases that name a person ("a spokesperson", "the director").
_PERSON_HEADS = frozenset(
    "spokesperson spokesman spokeswoman official representative source member person man "
    "woman resident doctor officer worker employee".split()
)
# Speech told as a participle clause: "she declined, saying …".
PARTICIPLES = (
    "saying|adding|noting|explaining|writing|telling|asking|warning|arguing|insisting|"
    "stating|declaring|replying|responding|continuing|concluding|urging"
)
_MALE = frozenset(
    "Mr Mr. Sir Lord King Prince Duke Father Brother Congressman Councilman Chairman "
    "Spokesman he his him".split()
)
_FEMALE = frozenset(
    "Mrs Mrs. Ms Ms. Miss Dame Lady Queen Princess Duchess Sister Congresswoman "
    "Councilwoman Chairwoman Spokeswoman she her hers".split()
)


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The compiled regexes that find cue subjects, names, titles and organisations."""

    subj_left: fastre.Pattern
    subj_right: fastre.Pattern
    role_name: fastre.Pattern
    according: fastre.Pattern
    in_words: fastre.Pattern
    quoted_as: fastre.Pattern
    caprun: fastre.Pattern
    role_before: fastre.Pattern
    org_before: fastre.Pattern
    scare_before: fastre.Pattern
    participle: fastre.Pattern
    participle_subject: fastre.Pattern
    tight_gap: fastre.Pattern
    gender_after: fastre.Pattern


@functools.cache
def _patterns() -> _Patterns:
    t = _tables()
    adv = _alt(t.adverbs)
    bare = _alt(sorted(t.bare))
    person = _alt(sorted(_PERSON_HEADS | {r for r in t.roles if " " not in r}))
    pron = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Yy]ou)"
    det = r"(?:[Tt]he|[Aa]|[Aa]n|[Tt]his|[Ii]ts|[Hh]is|[Tt]heir|[Oo]ne|[Aa]nother)"
    # A word of a noun phrase: not a pronoun, relative word or verb-like joiner.
    nom_word = (
        rf"(?!(?:{_PRONOUNS}|which|that|who|whom|whose|where|when|what|and|or|but)\b)"
        r"[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}\-’'&]|\.(?=\S))*"
    )
    subject = (
        rf"(?:(?P<pron>\b{pron})"
        rf"|(?P<name>{_NOT_AFTER}{_CAPRUN})"
        rf"|(?P<nom>\b{det}\s+(?:{nom_word}\s+){{0,4}}?{nom_word}"
        # "a spokesperson for the Universities and Colleges Employers' Association (UCEA)"
        rf"(?:(?<=\b{person})\s+(?:for|of|at|from|with)\s+[^,;:\"“”.\n]{{2,80}}?)?)"
        rf"|(?P<bare>\b(?:(?:industry|some|many|other|local|health)\s+)?{bare}))"
    )
    # One to three appositive segments: "Gavin Yamey, director of X, who leads Y, says".
    appositive = r"(?P<app>(?:,\s(?!and\b|or\b)[^,;:\"“”«»\n]{2,160}){1,3},)?"
    return _Patterns(
        subj_left=fastre.compile(rf"{subject}{appositive}\s+(?:{adv}\s+){{0,3}}$"),
        subj_right=fastre.compile(
            rf"\s*(?:(?P<pron>(?:he|she|they)\b)"
            rf"|(?P<name>{_CAPRUN})"
            rf"|(?P<nom>{det}\s+(?:{nom_word}\s+){{0,4}}?{nom_word}"
            r"(?=\s*(?:[,.;:!?)]|$|\s+(?:in|on|at|during|last|this|who|which|when|after|before"
            r"|while|as|adding|noting|told|to|of|from|via)\b)))"
            rf"|(?P<bare>(?:(?:industry|some|many|other|local|health)\s+)?{bare}\b))"
        ),
        # `," said lead author Josh Leipheimer`: a role without an article, then the name.
        role_name=fastre.compile(
            rf"\s*(?:[\p{{Ll}}\-]+\s+){{0,3}}?(?:{person})\s+(?P<name>{_CAPRUN})"
        ),
        according=fastre.compile(r"\b[Aa]ccording\s+to\b"),
        # "In Dr. Shadlen's words, “…”", "in the words of Dr. Shadlen: “…”"
        in_words=fastre.compile(
            rf"\b[Ii]n\s+(?:(?P<name>{_CAPRUN})['’]s?\s+(?:own\s+)?words"
            rf"|the\s+words\s+of\s+(?P<name>{_CAPRUN}))"
        ),
        # "His lawyer quoted Weinstein as saying, “…”": the one quoted speaks, not the
        # subject. Not "quoted him": the nearest man named may be the subject.
        quoted_as=fastre.compile(
            rf"\bquot(?:ed|es|ing)\s+(?P<name>{_CAPRUN})"
            r"(?=\s+as\s+(?:saying|writing|adding|telling)\b)"
        ),
        caprun=fastre.compile(rf"{_NOT_AFTER}{_CAPRUN}"),
        role_before=fastre.compile(
            r"(?<![\p{L}\-’'])(?P<title>(?:(?:[\p{Ll}][\p{Ll}\-’']*|[A-Z]{2,}\d*)\s+){0,4}?"
            r"(?P<role>[\p{Ll}][\p{Ll}\-]*))\s+$"
        ),
        org_before=fastre.compile(
            rf"(?:(?P<org>{_NOT_AFTER}{_CAPRUN})\s*\((?P<acr>[A-Z][A-Za-z]{{1,9}})\)"
            rf"|(?P<poss>{_NOT_AFTER}{_CAPRUN})['’]s?)\s*$"
        ),
        scare_before=fastre.compile(rf"\b{_alt(t.scare)}\s*$", regex.IGNORECASE),
        participle=fastre.compile(
            rf",?\s*\b(?:{PARTICIPLES})\b(?:\s+\p{{Lu}}\S*)?\s*(?:that)?\s*[:,]?\s*$"
        ),
        # The clause's subject before a participle cue: "he", or a name before its verb,
        # an adverb allowed between ("Mr Grayling earlier used his speech ..., adding:").
        participle_subject=fastre.compile(
            rf"(?P<pron>\b(?:[Hh]e|[Ss]he)\b)"
            rf"|(?P<name>{_NOT_AFTER}{_CAPRUN})(?=\s+(?:{adv}\s+)?\p{{Ll}}+(?:ed|s)\b)"
        ),
        tight_gap=fastre.compile(rf"\s+(?:{adv}\s+){{1,2}}"),
        gender_after=fastre.compile(
            rf"\s*(?:{adv}\s+)?(?:\S+\s+)?(?:that\s+)?(?P<g>he|she|his|her|it|its)\b"
        ),
    )


# --------------------------------------------------------------------------- comparisons


def fold(text: str) -> str:
    """Lowercase with accents and curly apostrophes folded: for comparing names and titles."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").lower()


_PUNCT = fastre.compile(r"\p{P}+")
_APOS = fastre.compile(r"(?<=\p{L})['’](?=\p{L})")


def normalise_quote(text: str) -> str:
    """Quotebank-style key: lowercase, no punctuation or quote marks, single spaces."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _APOS.sub("", s)
    s = _PUNCT.sub(" ", s)
    return " ".join(s.split())


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    t = _tables()
    words = [w for w in _re(r"[\s\-]+").split(name.strip()) if w]
    while (
        words
        and (w0 := words[0][:1].upper() + words[0][1:])
        and (w0 in t.honorifics or w0 + "." in t.honorifics)
    ):
        words.pop(0)
    out = [fold(w).rstrip(".").removesuffix("'s") for w in words]
    return tuple(w for w in out if w)


@functools.lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """True when two mentions can name the same person: "Rory Green", "Green", "Mr Green".

    Case-, accent- and honorific-insensitive; a shorter mention must be the start or
    the end of the longer one ("Xi" of "Xi Jinping", "Abu Hatab" of "Walid Abu Hatab");
    middle initials are ignored between full names.
    """
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) >= 2 and len(tb) >= 2:
        sa = [w for w in ta if len(w) > 1]
        sb = [w for w in tb if len(w) > 1]
        if sa == sb:
            return True
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) == len(long_):
        return False
    n = len(short)
    return long_[:n] == short or long_[-n:] == short


_TITLE_STOP = frozenset({"of", "at", "the", "and", "for", "a", "an", "&", "in", "with"})
# Demonyms whose stem is not a prefix of the country ("French" / "France").
_DEMONYM = {
    "french": "france",
    "british": "britain",
    "dutch": "netherlands",
    "spanish": "spain",
    "swiss": "switzerland",
    "welsh": "wales",
    "irish": "ireland",
    "us": "america",
    "american": "america",
    "uk": "britain",
}


def spelled_title(title: str) -> list[str]:
    """A title's words, folded, abbreviations spelled out ("Sen." -> "senator")."""
    words: list[str] = []
    for w in _re(r"[\p{L}\p{N}]+").findall(fold(title)):
        words.extend(TITLE_ABBREVIATIONS.get(w, w).split())
    return words


def _title_words(s: str) -> list[str]:
    words = [_DEMONYM.get(w, w) for w in spelled_title(s) if w not in _TITLE_STOP]
    # "chief executive officer" is "chief executive", as "CEO" is spelled out.
    return " ".join(words).replace("chief executive officer", "chief executive").split()


def _word_like(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


def _same_wording(a: str, b: str) -> bool:
    wa, wb = _title_words(a), _title_words(b)
    if len(wa) != len(wb):
        return False
    rest = list(wb)
    for w in wa:
        hit = next((i for i, x in enumerate(rest) if _word_like(w, x)), None)
        if hit is None:
            return False
        rest.pop(hit)
    return True


def title_difference(a: Person, b: Person) -> str:
    """How the titles of two mentions of one person differ.

    "" when they agree (or one side gives nothing to compare); "wording" when only
    case, punctuation, abbreviations or word forms differ ("head of Asian research" vs
    "Head of Asia Research", "CEO" vs "chief executive officer"); "role" when the role
    or the organisation differs ("CEO of Google DeepMind" vs "CEO of OpenAI"), including
    a word added or dropped ("President" vs "Vice President").
    """
    worst = ""
    for x, y in ((a.title, b.title), (a.organisation, b.organisation)):
        if not x or not y or " ".join(x.split()) == " ".join(y.split()):
            continue
        if not _same_wording(x, y):
            return "role"
        worst = "wording"
    return worst


# --------------------------------------------------------------------------- quote marks


@dataclass(slots=True)
class _Open:
    """A quote mark not yet closed while a paragraph's marks are paired."""

    pos: int
    char: str


@dataclass(frozen=True, slots=True)
class _Pair:
    """An opening and a closing quote mark that pair up, and how deeply they are nested."""

    open: int
    close: int
    depth: int


# A single mark that opens a quotation outside any double one, British style ("said:
# ‘We had a good quarter.’"): it opens before a capital letter only, and closes at a ’
# after the quotation's punctuation or before a phrase's, or at a ”. Never closed in
# its paragraph, it was no quotation, and is not reported.
_TOP_SINGLE = "‘top"
_SINGLES = ("‘", "'", "‹", _TOP_SINGLE)
_END_PUNCTUATION = frozenset(".,!?;:…")


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _pair_paragraph(
    text: str, start: int, end: int
) -> tuple[list[_Pair], list[_Open], list[tuple[int, str]]]:
    """Pair the quote marks of one paragraph.

    Returns the pairs, the double marks left open, and stray closing marks.
    Apostrophes ("China's", "players'") never open a quote: single marks count
    inside a double quotation, and outside one only as `_TOP_SINGLE` describes.
    """
    pairs: list[_Pair] = []
    stack: list[_Open] = []
    stray: list[tuple[int, str]] = []

    def pop_to(chars: str, pos: int) -> None:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].char in chars:
                opened = stack[i]
                # Single marks opened inside and never closed were apostrophes.
                del stack[i:]
                pairs.append(_Pair(opened.pos, pos, len(stack)))
                return

    for m in _QUOTE_CHARS.finditer(text, start, end):
        pos, ch = m.start(), m.group()
        prev = text[pos - 1] if pos > start else ""
        nxt = text[pos + 1] if pos + 1 < end else ""
        opening = (_is_space(prev) or prev in "([{—–-/") and not _is_space(nxt)
        closing = not _is_space(prev) and (_is_space(nxt) or not _WORD_CHAR.match(nxt))
        doubles = [o for o in stack if o.char not in _SINGLES]
        if ch in "“„«":
            if ch == "“" and stack and stack[-1].char == "„":
                pop_to("„", pos)
            elif ch == "“" and stack and stack[-1].char == "“" and closing and not opening:
                pop_to("“", pos)  # a wrong-way closing mark still closes
            else:
                stack.append(_Open(pos, ch))
        elif ch in "”»":
            want = "“„" if ch == "”" else "«"
            if any(o.char in want for o in stack):
                pop_to(want, pos)
            elif ch == "”" and stack and stack[-1].char == _TOP_SINGLE and closing:
                pop_to(_TOP_SINGLE, pos)  # "‘In certain circumstances … a crash,”"
            elif ch == "”" and opening and not closing:
                stack.append(_Open(pos, "“"))  # a wrong-way opening mark still opens
            elif ch == "”" and any(o.char == '"' for o in stack):
                pop_to('"', pos)
            else:
                stray.append((pos, ch))
        elif ch == '"':
            open_straight = any(o.char == '"' for o in stack)
            if prev.isdigit() and not open_straight:
                continue  # an inch mark
            if open_straight and (closing or not opening):
                pop_to('"', pos)
            elif open_straight or opening or not closing:
                stack.append(_Open(pos, '"'))
            elif stack and stack[-1].char in "“„":
                pop_to("“„", pos)
            else:
                stray.append((pos, ch))
        elif ch in "‘‹":
            if doubles:
                stack.append(_Open(pos, ch))
            elif ch == "‘" and not stack and opening and nxt.isupper() and prev != "‘":
                stack.append(_Open(pos, _TOP_SINGLE))  # "said: ‘We had a good quarter.’"
        elif ch in "’›":
            want = "‘" if ch == "’" else "‹"
            if stack and stack[-1].char == want and closing:
                pop_to(want, pos)
            elif (
                ch == "’"
                and stack
                and stack[-1].char == _TOP_SINGLE
                and closing
                # Not an apostrophe ("We’ve", "students’ work"): the quotation's own
                # punctuation comes before it, or a phrase's after it.
                and (prev in _END_PUNCTUATION or nxt in _END_PUNCTUATION)
            ):
                pop_to(_TOP_SINGLE, pos)
        elif ch == "'" and doubles:
            if stack and stack[-1].char == "'" and closing:
                pop_to("'", pos)
            elif opening and prev != "" and not prev.isalnum():
                stack.append(_Open(pos, "'"))
    return pairs, [o for o in stack if o.char not in _SINGLES], stray


# --------------------------------------------------------------------------- sentences


@dataclass(slots=True)
class _Sentences:
    """An article's sentence spans, merged and sorted, to find the sentence at a position."""

    spans: list[Span]
    starts: list[int]

    @classmethod
    def build(cls, text: str, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> _Sentences:
        merged: list[Span] = []
        for s in sorted(sentences, key=lambda x: (x.start, x.end)):
            if merged and s.start < merged[-1].end:
                merged[-1] = Span(merged[-1].start, max(merged[-1].end, s.end))
            elif merged and _ends_in_abbreviation(text, merged[-1], s):
                merged[-1] = Span(merged[-1].start, s.end)
            else:
                merged.append(s)
        if not merged:
            merged = sorted(paragraphs, key=lambda x: x.start)
        return cls(merged, [s.start for s in merged])

    def get(self, pos: int) -> Span:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos < self.spans[i].end:
            return self.spans[i]
        return Span(pos, pos)


_ABBREVIATION_END = fastre.compile_regex(
    rf"(?:\b(?:{_TITLES}|No|vs)|\b\p{{Lu}}|\p{{Lu}}\.\p{{Lu}})\.$"
)


def _ends_in_abbreviation(text: str, prev: Span, nxt: Span) -> bool:
    """A naive splitter cut after "Dr." or an initial: the sentence goes on."""
    if "\n" in text[prev.end : nxt.start]:
        return False
    tail = text[max(prev.start, prev.end - 6) : prev.end].rstrip()
    return bool(_ABBREVIATION_END.search(tail))


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class _Cue:
    """A reporting cue: the verb ("said", "according to") and the subject next to it."""

    verb: Span  # the reporting verb, or "according to"
    word: str  # the cue as written, lowercased ("said", "according to")
    subject: Span
    kind: str  # pron | name | nom | bare
    phrase: str  # the subject as written (without appositive)
    inverted: bool  # the subject follows the verb

    @property
    def start(self) -> int:
        return min(self.verb.start, self.subject.start)

    @property
    def end(self) -> int:
        return max(self.verb.end, self.subject.end)


class _Cues:
    """A text's cues sorted by start, indexed for what each quote asks of them: scanning
    every cue for every quote would be quadratic in a long transcript."""

    def __init__(self, cues: Sequence[_Cue]) -> None:
        self.cues = list(cues)
        self.starts = [c.start for c in self.cues]
        self.by_end = sorted(self.cues, key=lambda c: c.end)  # stable: ties keep order
        self.ends = [c.end for c in self.by_end]

    def within(self, lo: int, hi: int) -> list[_Cue]:
        """The cues inside [lo, hi], in order."""
        out = []
        for c in self.cues[bisect.bisect_left(self.starts, lo) :]:
            if c.start > hi:
                break
            if c.end <= hi:
                out.append(c)
        return out

    def first_after(self, pos: int) -> _Cue | None:
        """The first cue starting after `pos`."""
        i = bisect.bisect_right(self.starts, pos)
        return self.cues[i] if i < len(self.cues) else None

    def last_ending_by(self, pos: int) -> _Cue | None:
        """The cue ending last at or before `pos` (the first of those ending there)."""
        k = bisect.bisect_right(self.ends, pos)
        if not k:
            return None
        return self.by_end[bisect.bisect_left(self.ends, self.ends[k - 1])]


def _inside(spans: Sequence[tuple[int, int]], starts: Sequence[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _find_cues(
    text: str,
    paragraphs: Sequence[Span],
    sentences: _Sentences,
    quoted: Sequence[tuple[int, int]],
) -> list[_Cue]:
    """Reporting verbs outside quotations with a subject next to them, in text order."""
    p = _patterns()
    starts = [s for s, _ in quoted]
    cues: list[_Cue] = []
    for para in paragraphs:
        for vs, ve, word in _verb_hits(text, para.start, para.end):
            if _inside(quoted, starts, vs):
                continue
            verb = Span(vs, ve)
            floor = max(para.start, sentences.get(vs).start)
            cue = _subject_left(text, floor, verb, word) or _subject_after_quote(
                text, para, verb, word
            )
            if cue is not None:
                cues.append(cue)
        for m in p.according.finditer(text, para.start, para.end):
            if _inside(quoted, starts, m.start()):
                continue
            r = p.subj_right.match(text, m.end(), para.end)
            if r is not None:
                cue = _cue_from(text, r, Span(m.start(), m.end()), "according to", True)
                if cue is not None:
                    cues.append(cue)
        for m in p.in_words.finditer(text, para.start, para.end):
            if not _inside(quoted, starts, m.start()):
                cue = _cue_from(text, m, Span(m.start(), m.end()), "in the words of", True)
                if cue is not None:
                    cues.append(cue)
        for m in p.quoted_as.finditer(text, para.start, para.end):
            if not _inside(quoted, starts, m.start()):
                cue = _cue_from(text, m, Span(m.start(), m.end()), "quoted as saying", True)
                if cue is not None:
                    cues.append(cue)
    cues.sort(key=lambda c: c.start)
    return cues


_LOWER_WORD = fastre.compile(r"(?<![\p{L}\-’'])\p{Ll}+(?![\p{L}\-])")
_PHRASAL_TAIL = fastre.compile(r"\s+(out|on)\b")


def _verb_hits(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Reporting verbs in text[start:end] as (start, end, verb), "pointed out" as one."""
    verbs, phrasal = _tables().verbs, _phrasal_firsts()
    for m in _LOWER_WORD.finditer(text, start, end):
        w = m.group()
        if w in phrasal:  # the tail is looked for only where it can make a verb
            tail = _PHRASAL_TAIL.match(text, m.end(), end)
            if tail is not None and f"{w} {tail.group(1)}" in verbs:
                yield m.start(), tail.end(), f"{w} {tail.group(1)}"
                continue
        if w in verbs:
            yield m.start(), m.end(), w


@functools.cache
def _phrasal_firsts() -> frozenset[str]:
    """The first words of the phrasal reporting verbs ("pointed" of "pointed out")."""
    return frozenset(verb.split()[0] for verb in _tables().verbs if " " in verb)


def _subject_left(text: str, floor: int, verb: Span, word: str) -> _Cue | None:
    p = _patterns()
    lo = max(floor, verb.start - 240)
    # The subject stands after the last quote mark before the verb.
    for i in range(verb.start - 1, lo - 1, -1):
        if text[i] in '"“”«»„\n':
            lo = i + 1
            break
    s = p.subj_left.search(text, lo, verb.start)
    if s is None:
        return None
    named = _person_in_appositive(text, s)
    if named is not None:
        phrase = text[named.start : named.end]
        return _Cue(verb, " ".join(word.lower().split()), named, "name", phrase, False)
    cue = _cue_from(text, s, verb, word, False)
    if cue is None:
        return None
    # A bare verb form ("state", "note", "report") is a noun after "the ...": only
    # a pronoun or a bare plural ("they say", "experts warn") makes it a verb.
    word = cue.word
    if cue.kind in ("name", "nom") and not (
        word.endswith(("s", "ed", "ote", "old", "aid", "ast")) or " " in word
    ):
        return None
    return cue


def _person_in_appositive(text: str, s: regex.Match[str]) -> Span | None:
    """The person a title chain ends on: in `Minister of Industry, Investment and
    Commerce, Senator the Hon. Aubyn Hill, told`, the run before the commas is part of
    the title ("Industry"), and the name is the last segment's."""
    if s.group("name") is None or s.group("app") is None:
        return None
    run = _split_piece(s.group("name"))
    if run is not None and run.kind in ("person", "single"):
        return None  # "Gavin Yamey, director of X, says": the name comes first
    app_start, app_end = s.span("app")
    segment_start = text.rfind(",", app_start, app_end - 1) + 1
    segment = text[segment_start : app_end - 1]
    words = segment.split()
    if not words or not any(_is_title_word(w) for w in words[:-1]):
        return None  # only a title ("Senator ...") before the name marks the chain
    parts = _split_piece(segment.strip())
    if parts is None or parts.kind != "person":
        return None
    at = segment_start + (len(segment) - len(segment.lstrip()))
    return parts.name_span.shift(at)


def _subject_after_quote(text: str, para: Span, verb: Span, word: str) -> _Cue | None:
    """`"Q," said Della.`: an inverted cue directly after a closing mark."""
    before = text[max(para.start, verb.start - 4) : verb.start]
    if not _re(r"[\"“”»'’],?\s+$").search(before):
        return None
    p = _patterns()
    r = p.role_name.match(text, verb.end, para.end) or p.subj_right.match(text, verb.end, para.end)
    if r is None:
        return None
    return _cue_from(text, r, verb, word, True)


def _cue_from(text: str, s: regex.Match[str], verb: Span, word: str, inverted: bool) -> _Cue | None:
    groups = s.groupdict()
    kind = next(k for k in ("pron", "name", "nom", "bare") if groups.get(k) is not None)
    a, b = s.span(kind)
    phrase = text[a:b]
    after_role = False
    if kind == "name" and inverted:
        # `," noted Maryland-based product liability lawyer Jim Dunham`: the name after the role.
        after = _re(rf"((?:\s+[\p{{Ll}}\-]+){{1,4}})\s+({_CAPRUN})").match(text, b)
        if after is not None and _role_then_name(after.group(1).split(), after.group(2)):
            a, b = after.span(2)
            phrase = text[a:b]
            after_role = True
    if kind == "name":
        if phrase.endswith(".") and not _re(r"(?:\b\p{Lu}|\p{Lu}\.\p{Lu})\.$").search(phrase):
            phrase, b = phrase[:-1], b - 1
        # Leading sentence words are not part of the subject ("But Green said").
        cleaned = _clean_run(phrase)
        if not cleaned:
            return None
        a += phrase.index(cleaned)
        b = a + len(cleaned)
        phrase = cleaned
        # "Harry and Meghan said": a plural subject has no single speaker.
        if not after_role and _re(r"\b(?:and|&|or)\s+$").search(text[max(0, a - 6) : a]):
            return None
    if kind == "nom":
        words = phrase.split()
        prev = _re(r"(\p{L}+)\W*$").search(text[max(0, a - 30) : a])
        # "alongside the legislation have revealed": a noun after a preposition is no subject.
        if prev is not None and prev.group(1).lower() in _PREPOSITIONS and not inverted:
            return None
        if any(w.lower() in _RELATIVE for w in words):
            return None
    return _Cue(verb, " ".join(word.lower().split()), Span(a, b), kind, phrase, inverted)


def _role_then_name(lower: list[str], run: str) -> bool:
    """Whether lowercase words after a name-like run are a role and the run after them
    the speaker: "noted Maryland-based product liability lawyer Jim Dunham", "said Meta
    founder and CEO Mark Zuckerberg" (roles joined by "and", the last one a title)."""
    roles = _tables().roles
    if lower[-1] in roles:
        return True
    return (
        lower[-1] in ("and", "&")
        and any(w in roles for w in lower)
        and _is_title_word(run.split()[0])
    )


def _clean_run(run: str) -> str:
    """A capitalised run without leading sentence words ("However Green" -> "Green"); a
    word that starts organisations' names stays ("Eastern District of New York")."""
    t = _tables()
    for m in _re(r"\S+").finditer(run):
        w = m.group()
        if (w not in t.common and w.rstrip(".,") not in t.common) or _is_org_word(w):
            return run[m.start() :]
    return ""


# --------------------------------------------------------------------------- names


_NAME_TOKEN = fastre.compile(
    r"(?:\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*"
    r"|(?:Mc|Mac|O['’]|D['’]|De|Di|Le|La|Du|Van|Von)\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?"
    r"|\p{Lu}\.)"
)


def _is_org_word(w: str) -> bool:
    t = _tables()
    return w in t.orgs or w.rstrip(".") in t.orgs


def _is_title_word(w: str) -> bool:
    t = _tables()
    return w in t.titles or w.rstrip(".") in t.titles or w.lower() in t.roles


@dataclass(frozen=True, slots=True)
class _RunParts:
    """A capitalised run split into [organisation] [title] name."""

    name: str
    name_span: Span
    title: str
    title_span: Span | None
    org: str
    honorific: str  # the honorific or nobility word before the name, if any
    kind: str  # person | single | org | title


def _split_run(text: str, span: Span) -> _RunParts | None:
    """ "Microsoft President Brad Smith" -> org Microsoft, title President, name Brad Smith."""
    parts = _split_piece(text[span.start : span.end])
    if parts is None or span.start == 0:
        return parts
    return replace(
        parts,
        name_span=parts.name_span.shift(span.start),
        title_span=parts.title_span.shift(span.start) if parts.title_span else None,
    )


@functools.lru_cache(maxsize=1 << 14)
def _split_piece(piece: str) -> _RunParts | None:
    """_split_run of a run on its own (memoised: names recur in and across articles)."""
    return _split_run_at(piece, Span(0, len(piece)))


def _split_run_at(text: str, span: Span) -> _RunParts | None:
    t = _tables()
    tokens = [
        (m.group(), span.start + m.start())
        for m in _re(r"\S+").finditer(text[span.start : span.end])
    ]
    if tokens and tokens[0][0] in ("The", "the") and len(tokens) > 1:
        rest = tokens[1:]
        a, b = rest[0][1], rest[-1][1] + len(rest[-1][0])
        return _RunParts(text[a:b], Span(a, b), "", None, text[a:b], "", "org")
    while tokens and (tokens[0][0] in t.common or tokens[0][0].rstrip(".,") in t.common):
        tokens.pop(0)
    if not tokens:
        return None
    if _is_title_word(tokens[-1][0]) and all(
        _is_title_word(w) or w in t.demonyms or w in t.places or w.isupper() or _is_org_word(w)
        for w, _ in tokens[:-1]
    ):
        # "Prime Minister", "PAHO Director" alone: a title standing for a person.
        a, b = tokens[0][1], tokens[-1][1] + len(tokens[-1][0])
        return _RunParts(text[a:b], Span(a, b), text[a:b], Span(a, b), "", "", "title")
    # Title words (and what stands between them) up to the last one that has a name after it.
    title_idx = [
        i for i, (w, _) in enumerate(tokens[:-1]) if _is_title_word(w) or w in t.honorifics
    ]
    first_title = title_idx[0] if title_idx else -1
    last_title = title_idx[-1] if title_idx else -1
    # A place before a name is neither name nor title ("Massachusetts Joshua Levy").
    lead = last_title + 1
    while lead < len(tokens) - 2 and tokens[lead][0] in t.places:
        lead += 1
    name_tokens = tokens[lead:]
    pre = tokens[: last_title + 1]
    honorific = next(
        (w for w, _ in pre if w in t.honorifics or w.rstrip(".") in _MALE | _FEMALE), ""
    )
    title = org = ""
    title_span = None
    if pre:
        head = pre[:first_title]
        title_tokens = [x for x in pre[first_title:] if x[0] not in t.honorifics]
        # "Foreign Secretary", "U.S. President": a portfolio or a country stays in the title.
        if head and (
            pre[-1][0].rstrip(".") in ("Secretary", "Minister", "Officer")
            or all(w in t.demonyms or w in t.places for w, _ in head)
        ):
            title_tokens = [x for x in pre if x[0] not in t.honorifics]
            head = []
        if title_tokens:
            a = title_tokens[0][1]
            b = title_tokens[-1][1] + len(title_tokens[-1][0])
            title, title_span = text[a:b], Span(a, b)
        if head:
            org = text[head[0][1] : head[-1][1] + len(head[-1][0])]
    words = [w for w, _ in name_tokens]
    a = name_tokens[0][1]
    b = name_tokens[-1][1] + len(name_tokens[-1][0])
    if words[-1].endswith(".") and not _re(r"\p{Lu}\.").fullmatch(words[-1]):
        b -= 1
        words[-1] = words[-1][:-1]
    name = text[a:b]
    bad = any(
        w in t.orgs
        or w.rstrip(".") in t.orgs
        or w in t.demonyms
        or w in t.common
        or (i > 0 and w.lower() in t.roles)
        for i, w in enumerate(words)
    )
    if all(w in t.places or w in t.demonyms for w in words):
        bad = True
    shaped = all(_NAME_TOKEN.fullmatch(w) or _re(NAME_PARTICLE).fullmatch(w) for w in words)
    if (
        bad
        or not shaped
        or not _NAME_TOKEN.fullmatch(words[0])
        or not _NAME_TOKEN.fullmatch(words[-1])
    ):
        kind = "org"
    elif len(words) == 1:
        kind = "single"
    elif len(words) <= 4:
        kind = "person"
    else:
        kind = "org"
    return _RunParts(name, Span(a, b), title, title_span, org, honorific, kind)


def _clean_org(org: str) -> str:
    if org in _tables().demonyms:
        return ""
    org = _re(r"\s*\([^)]*\)").sub("", org).strip().rstrip(".,")
    org = org.removesuffix("’s").removesuffix("'s").removesuffix("’").strip()
    if org.endswith("-based") or org in _tables().demonyms:
        return ""
    return org


def _org_from_phrase(phrase: str) -> str:
    """The organisation in "the research institution TS Lombard" -> "TS Lombard"."""
    phrase = _re(r"\s*\([^)]*\)").sub("", phrase).strip()
    phrase = regex.split(
        r"\s+(?:in|on|near|based|located|which|that|who|where|since|from|and(?!\s+\p{Lu}))\s+",
        phrase,
        maxsplit=1,
    )[0]
    runs = [
        m.group()
        for m in _re(rf"{_CAP}(?:\s+(?:(?:of|for|&|de|du|des|la|le)\s+)?{_CAP})*").finditer(phrase)
    ]
    runs = [r for r in runs if _clean_run(r)]
    return _clean_org(_clean_run(runs[-1])) if runs else ""


def _has_role(s: str) -> bool:
    t = _tables()
    return any(
        w.lower() in t.roles or (w.islower() and w.endswith("ist") and len(w) > 4)
        for w in _re(r"[\p{L}\-]+").findall(s)
    )


# Reporting verbs in the tenses that end an appositive's noun phrase (not "state",
# "note": nouns in "secretary of state").
_SPEECH_VERBS = (
    "said|says|told|tells|added|adds|noted|warned|warns|wrote|writes|explained|announced|stated"
)


def _title_from_appositive(app: str) -> tuple[str, str, int] | None:
    """Title, organisation and the title's offset in an appositive, or None.

    "chief China economist and head of Asian research at the research institution TS
    Lombard" -> ("chief China economist and head of Asian research", "TS Lombard", 0);
    "Tencent's chief AI scientist" -> ("chief AI scientist", "Tencent", 10).
    """
    if _re(r"(?i)(?:who|which|whose|that|where|when|and|or|but)\b").match(app):
        return None
    # The appositive ends at a relative word or at the sentence's own verb ("the CEO
    # of the firm CrowdStrike said IT disruptions …": not of "IT").
    cut = _re(rf"\s+(?:who|which|whose|that|where|{_SPEECH_VERBS})\b").search(app)
    if cut is not None:
        app = app[: cut.start()]
    if not _has_role(app):
        return None
    offset = 0
    m = _re(r"(?:the|a|an|his|her|their|its|The|A|An)\s+").match(app)
    if m:
        offset = m.end()
    org = ""
    poss = _re(rf"({_CAPRUN})['’]s?\s+").match(app[offset:])
    if poss and not _has_role(poss.group(1)):
        org = _clean_org(poss.group(1))
        offset += poss.end()
    else:
        # An organisation in front of a lowercase role: "Federal Aviation Administration
        # chief" is the chief of that administration.
        lowercase_rest = r"(?=[\p{Ll}\-]+(?:\s+[\p{Ll}\-]+){0,3}$)"
        front = _re(rf"({_CAPRUN})\s+{lowercase_rest}").match(app[offset:])
        if front and not _has_role(front.group(1)) and _org_from_phrase(front.group(1)):
            org = _clean_org(front.group(1))
            offset += front.end()
    # "the 31-year-old founder of FTX": an age, not part of the title.
    age = _re(r"\d+-year-old\s+").match(app, offset)
    if age is not None:
        offset = age.end()
    body = app[offset:]
    title = body
    split = _re(r"\s+(?:at|with)\s+").search(body)
    if split is None:
        for s in _re(r"\s+(?:of|for)\s+").finditer(body):
            if _org_from_phrase(body[s.end() :]) and regex.match(
                r"(?:the\s+)?(?:[\p{Ll}\-]+\s+){0,3}\p{Lu}", body[s.end() :]
            ):
                split = s
                break
    if split is not None:
        title = body[: split.start()]
        org = _org_from_phrase(body[split.end() :]) or org
    title = title.strip(" ,")
    if not title or not _has_role(title) or len(title.split()) > 12:
        return None
    return title, org, offset


# Past forms that end no title ("Jury has found FTX founder Sam Bankman-Fried guilty").
_IRREGULAR_PAST = frozenset(
    "found made put set told held hit cut left took taken gave given sent won lost met led "
    "paid sold built brought caught kept beat became chose chosen".split()
)


def _role_before(text: str, floor: int, pos: int) -> tuple[str, Span, str] | None:
    """The lowercase title before a name: "UC Berkeley AI policy researcher Ritwik Gupta"."""
    p = _patterns()
    t = _tables()
    lo = max(floor, pos - 120)
    m = p.role_before.search(text, lo, pos)
    if m is None:
        return None
    role = m.group("role")
    if role not in t.roles and not (role.endswith("ist") and len(role) > 4):
        return None
    # Keep the words joined to the role: adjectives and acronyms, not verbs or prepositions.
    words = list(_re(r"\S+").finditer(text[m.start("title") : m.end("title")]))
    keep: list[regex.Match[str]] = []
    for w in reversed(words):
        s = w.group()
        if s == role and not keep:
            keep.insert(0, w)
            continue
        if s.islower() and (
            s in STOPWORDS
            or s in _PREPOSITIONS
            or s.endswith(("ed", "ly"))
            or s in t.verbs
            or s in _IRREGULAR_PAST
            or any(c.isdigit() for c in s)  # "the 31-year-old founder": an age, no title
        ):
            break
        keep.insert(0, w)
    base = m.start("title")
    title_start = base + keep[0].start()
    title_end = base + keep[-1].end()
    org = ""
    # An acronym first with nothing capitalised before it is the organisation ("ISD spokesman").
    before = text[max(floor, title_start - 120) : title_start]
    cap_before = _re(rf"{_NOT_AFTER}({_CAPRUN})['’]?s?\s+$").search(before)
    first = keep[0].group()
    if first.isupper() and first not in t.demonyms and cap_before is None and len(keep) > 1:
        org = first
        title_start = base + keep[1].start()
    elif cap_before is not None:
        cand = _clean_run(cap_before.group(1))
        cand_words = cand.split()
        portfolio = role in ("secretary", "minister")
        if cand and (
            portfolio
            or all(w in t.demonyms or w in t.places or _is_title_word(w) for w in cand_words)
        ):
            # "US historian", "Health secretary", "Head coach": part of the title.
            title_start = (
                title_start - len(before) + cap_before.start() + cap_before.group().find(cand)
            )
        elif cand:
            org = _clean_org(cand)
    title = text[title_start:title_end]
    return title, Span(title_start, title_end), org


def _org_right_before(text: str, floor: int, pos: int) -> str:
    """ "Pan American Health Organization (PAHO) Director": the organisation before a title."""
    m = _patterns().org_before.search(text, max(floor, pos - 120), pos)
    if m is None:
        return ""
    return _clean_org(_clean_run(m.group("org") or m.group("poss") or ""))


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class _PersonBuild:
    """A person being assembled while scanning: name, title, organisation, whether confirmed."""

    name: str
    span: Span
    title: str = ""
    organisation: str = ""
    title_span: Span | None = None
    confirmed: bool = False


@dataclass(slots=True)
class _Mention:
    """One mention of a person's name: where, which paragraph, and whether it is a subject."""

    pos: int
    name: str  # the full name when known, else the single name as written
    subject: bool
    para: int
    confirmed: bool = True


@dataclass(slots=True)
class _People:
    """The people found while scanning an article: persons, mentions, genders and candidates."""

    persons: list[_PersonBuild] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    orgs: frozenset[str] = frozenset()  # single words known to name organisations
    candidates: list[_PersonBuild] = field(default_factory=list)

    def find(self, name: str, before: int | None = None, title: str = "") -> _PersonBuild | None:
        """The person `name` stands for; with the `title` it is written with ("Mayor
        Adams"), not one known by another title ("Speaker Adrienne Adams")."""
        hits = [
            p
            for p in self.persons
            if p.confirmed
            and same_person(p.name, name)
            and (before is None or p.span.start <= before)
            and not (title and p.title and not _titles_meet(title, p.title))
        ]
        if len(hits) > 1:
            # Prefer a surname match over a given-name match, then the latest.
            ends = [p for p in hits if _name_tokens(p.name)[-1:] == _name_tokens(name)[-1:]]
            hits = ends or hits
        return hits[-1] if hits else None


# Abbreviated and gendered title words as one spelling ("Sen." is "senator", "CEO" is
# "chief executive"): how two titles of one person are compared.
TITLE_ABBREVIATIONS = {
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "coo": "chief operating officer",
    "cio": "chief investment officer",
    "vp": "vice president",
    "md": "managing director",
    "cofounder": "co founder",
    "prof": "professor",
    "dr": "doctor",
    "sen": "senator",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "congressperson": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "supt": "superintendent",
    "det": "detective",
    "sgt": "sergeant",
    "pres": "president",
    "pm": "prime minister",
    "fm": "foreign minister",
    "mp": "member parliament",
    "gm": "general manager",
    "dg": "director general",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "amb": "ambassador",
    "dir": "director",
    "asst": "assistant",
    "mgr": "manager",
    "chair": "chairman",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
}


def _titles_meet(a: str, b: str) -> bool:
    """Whether two titles share a word ("Mayor" / "New York City Mayor")."""

    def words(title: str) -> set[str]:
        found = _re(r"[\p{L}\p{N}]+").findall(fold(title))
        return {x for w in found for x in TITLE_ABBREVIATIONS.get(w, w).split()} - STOPWORDS

    return bool(words(a) & words(b))


def _subject_like(text: str, sentence: Span, pos: int) -> bool:
    """A mention that opens its sentence or clause ("When Meghan joined", "On Monday, Green")."""
    t = _tables()
    before = text[sentence.start : pos]
    before = _re(r"^\s*[^,\"“”]{0,80},\s*").sub("", before)
    return all(w in t.common for w in before.split())


def _scan_people(
    text: str,
    paragraphs: Sequence[Span],
    sentences: _Sentences,
    cues: Sequence[_Cue],
) -> _People:
    p = _patterns()
    people = _People()
    # "according to Iowa Starting Line" names sources as often as people: no signal.
    named = [c for c in cues if c.kind == "name" and c.word != "according to"]
    cue_at = {c.subject.start: c for c in named} | {c.subject.end: c for c in named}
    single_speakers = {fold(c.phrase.split()[-1]) for c in cues if c.kind == "name"}
    org_names: set[str] = set()
    lowercase_words = frozenset(_re(r"(?<![\p{L}'’])\p{Ll}+(?![\p{L}'’])").findall(text))
    candidates: list[_PersonBuild] = []
    for pi, para in enumerate(paragraphs):
        for m in p.caprun.finditer(text, para.start, para.end):
            for piece, poss_org in _split_possessive(text, Span(m.start(), m.end())):
                parts = _split_run(text, piece)
                if parts is None or parts.kind in ("org", "title"):
                    # "Microsoft Corp", "Duke University": "Microsoft" alone is no person either.
                    words = parts.name.split() if parts else []
                    if parts and parts.kind == "org" and len(words) == 2 and _is_org_word(words[1]):
                        org_names.add(fold(words[0]))
                    continue
                ns = parts.name_span
                is_cue = ns.start in cue_at or ns.end in cue_at
                # A possessor is not the subject ("Bloomberg's presence will ...").
                possessor = text[ns.end : ns.end + 2] in ("'s", "’s")
                subj = is_cue or (
                    not possessor and _subject_like(text, sentences.get(ns.start), ns.start)
                )
                if parts.honorific:
                    g = "m" if parts.honorific.rstrip(".") in _MALE else "f"
                    if parts.honorific.rstrip(".") in _MALE | _FEMALE:
                        people.gender.setdefault(parts.name, g)
                if parts.kind == "single":
                    found = people.find(parts.name, ns.start)
                    if found is not None:
                        people.mentions.append(_Mention(ns.start, found.name, subj, pi))
                    elif (
                        is_cue
                        or parts.honorific
                        or parts.title
                        or fold(parts.name) in single_speakers
                    ):
                        people.mentions.append(_Mention(ns.start, parts.name, subj, pi))
                    continue
                if _common_first(text, sentences, parts, lowercase_words):
                    continue
                title, org, title_span = parts.title, parts.org or poss_org, parts.title_span
                # "Alibaba's Justin Lin" is a person; "Sheffield's Residence Life team" is not.
                owned = bool(poss_org) and not _re(r"\s+\p{Ll}+(?<!ing|ed|s)\b").match(
                    text[ns.end : ns.end + 30]
                )
                signal = bool(parts.honorific or parts.title or owned or is_cue)
                if not title:
                    # A lowercase role right before the name: "ISD spokesman Tahir Della".
                    got = _role_before(text, para.start, piece.start)
                    if got is not None:
                        title, title_span, role_org = got
                        org = org or role_org
                        signal = True
                elif not org:
                    org = _org_right_before(text, para.start, piece.start)
                if not title:
                    # An appositive after: "Demis Hassabis, CEO of Google DeepMind,".
                    # It ends at a full stop, not at an initial's ("U.S. Attorney for ...").
                    app = _re(
                        r",\s+((?:the|a|an)\s+)?([^,;:\"“”\n]{2,200}?)"
                        r"(?=,|(?<!(?:^|[\s.])\p{Lu})\.\s|\.$|;|:|$)"
                    ).match(text[ns.end : para.end])
                    if app is not None:
                        app_text = text[
                            ns.end + app.start(2) - len(app.group(1) or "") : ns.end + app.end(2)
                        ]
                        got_app = _title_from_appositive(app_text)
                        if got_app is not None:
                            a_title, a_org, off = got_app
                            base = ns.end + app.start(2) - len(app.group(1) or "") + off
                            ts = text.find(a_title, base)
                            title, org = a_title, a_org or org
                            title_span = Span(ts, ts + len(a_title)) if ts >= 0 else None
                            signal = True
                org = _clean_org(org)
                existing = people.find(parts.name) or next(
                    (c for c in candidates if same_person(c.name, parts.name)), None
                )
                if existing is not None:
                    if signal and not existing.confirmed:
                        existing.confirmed = True
                        people.persons.append(existing)
                    if title and not existing.title:
                        existing.title, existing.title_span = title, title_span
                    if org and not existing.organisation:
                        existing.organisation = org
                    people.mentions.append(_Mention(ns.start, existing.name, subj, pi))
                    continue
                build = _PersonBuild(parts.name, ns, title, org, title_span, signal)
                candidates.append(build)
                if signal:
                    people.persons.append(build)
                people.mentions.append(_Mention(ns.start, parts.name, subj, pi))
    # A name whose surname later speaks alone is a person ("Oprah Winfrey" ... "Winfrey
    # asked"), a double-barrelled one whole ("Raquel Montoya-Lewis" ... "Montoya-Lewis said").
    for c in candidates:
        surnames = {*_name_tokens(c.name)[-1:], fold(c.name.split()[-1])}
        if not c.confirmed and not surnames.isdisjoint(single_speakers):
            c.confirmed = True
            people.persons.append(c)
    people.persons.sort(key=lambda b: b.span.start)
    confirmed = {b.name for b in people.persons}
    org_names |= {fold(b.organisation) for b in people.persons if " " not in b.organisation}
    people.orgs = frozenset(org_names)
    kept: list[_Mention] = []
    for x in people.mentions:
        if " " not in x.name:
            found = people.find(x.name)
            x.name = found.name if found is not None else x.name
        if " " in x.name or fold(x.name) not in org_names:
            kept.append(x)
    people.mentions = kept
    # Unconfirmed names that look like names ("Nesma Hajjaj", not "Gold Standard": no word
    # of it is used in lowercase) are last-resort pronoun antecedents; one that ends up
    # speaking is a person.
    people.candidates = [
        c
        for c in candidates
        if c.name not in confirmed
        and not any(w.lower() in lowercase_words for w in c.name.split())
        and not any(fold(w) in _folded_places() for w in c.name.split())
    ]
    usable = confirmed | {c.name for c in people.candidates}
    people.mentions = [m for m in people.mentions if " " not in m.name or m.name in usable]
    for m in people.mentions:
        m.confirmed = " " not in m.name or m.name in confirmed
    _learn_gender(text, people, cues)
    return people


def _learn_gender(text: str, people: _People, cues: Sequence[_Cue]) -> None:
    """ "Harry said he ...", "Mrs Smith": which pronoun a person takes, by majority."""
    p = _patterns()
    votes: dict[str, Counter[str]] = {}
    for c in cues:
        if c.kind != "name" or c.inverted:
            continue
        name = c.phrase
        found = people.find(name)
        key = found.name if found is not None else name
        g = p.gender_after.match(text, c.verb.end, min(len(text), c.verb.end + 40))
        if g is not None:
            g_word = g.group("g")
            g_key = "m" if g_word in ("he", "his") else "n" if g_word in ("it", "its") else "f"
            votes.setdefault(key, Counter())[g_key] += 1
    for name, v in votes.items():
        (g, n), *rest = v.most_common()
        if not rest or rest[0][1] < n:
            people.gender.setdefault(name, g)
    for name, g in list(people.gender.items()):
        found = people.find(name)
        if found is not None:
            people.gender.setdefault(found.name, g)


@functools.cache
def _folded_places() -> frozenset[str]:
    return frozenset(fold(w) for w in _tables().places)


def _common_first(
    text: str, sentences: _Sentences, parts: _RunParts, lowercase: frozenset[str]
) -> bool:
    """ "Defendants James Lee" opening a sentence: the first word is a common noun."""
    words = parts.name.split()
    if len(words) < 3 or words[0].lower() not in lowercase:
        return False
    return not text[sentences.get(parts.name_span.start).start : parts.name_span.start].strip()


def _split_possessive(text: str, span: Span) -> list[tuple[Span, str]]:
    """Cut a run after a possessive: the part after gets the possessor as organisation."""
    s = text[span.start : span.end]
    out: list[tuple[Span, str]] = []
    start = 0
    org = ""
    for m in _re(r"['’]s?(?=\s|$)").finditer(s):
        if m.start() > start:
            out.append((Span(span.start + start, span.start + m.start()), org))
        possessor = _clean_run(s[start : m.start()])
        words = possessor.split()
        # Only a proper name owns what follows ("Alibaba's", not "That's").
        org = possessor if words and words[-1] not in _tables().common else ""
        start = m.end()
        while start < len(s) and s[start].isspace():
            start += 1
    if start < len(s):
        out.append((Span(span.start + start, span.end), org))
    return out


# --------------------------------------------------------------------------- quotes


@dataclass(slots=True)
class _QuoteBuild:
    """A quote being assembled: its marks, text, paragraph, quotation group and speaker so far."""

    open: int  # position of the opening mark
    close: int  # position of the closing mark, or the paragraph end when continued
    closed: bool
    para: int
    span: Span
    text: str
    group: int
    short: bool
    named: bool  # a title or scare quote: never gets a speaker
    whole_sentence: bool
    speaker_phrase: str = ""
    speaker_kind: str = ""
    speaker_span: Span | None = None
    cue: str = ""
    direct: bool = False  # the cue stands right next to the quote


_SHORT_WORDS = 4


def _quote_span(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and text[b - 1] == ",":
        b -= 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return Span(a, b)


def _is_titled(s: str) -> bool:
    """ "The Case for Colonialism", "Postcolonial Remembrance in the City": a name, not speech."""
    words = _re(r"\p{L}[\p{L}'’\-]*").findall(s)
    if len(words) < 2 or s.rstrip()[-1:] in ".?!,":
        return False
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def _find_quotes(
    text: str, paragraphs: Sequence[Span], sentences: _Sentences
) -> tuple[list[_QuoteBuild], list[QuoteProblem]]:
    p = _patterns()
    quotes: list[_QuoteBuild] = []
    problems: list[QuoteProblem] = []
    carried: int | None = None
    group = 0
    for pi, para in enumerate(paragraphs):
        pairs, left, stray = _pair_paragraph(text, para.start, para.end)
        for pos, ch in stray:
            problems.append(
                QuoteProblem(Span(pos, pos + 1), f"closing quote mark {ch} has no opening mark")
            )
        # The next paragraph opens with a quote mark: the quotation goes on there.
        nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
        next_opens = (
            nxt is not None and text[nxt.start : nxt.end].lstrip(" \t>*-")[:1] in _DOUBLE_OPEN + '"'
        )
        continued = left[0] if len(left) == 1 and next_opens else None
        for o in left:
            if o is not continued:
                problems.append(
                    QuoteProblem(
                        Span(o.pos, o.pos + 1),
                        f"opening quote mark {o.char} is never closed in this paragraph",
                    )
                )
        items = [(x.open, x.close, True) for x in pairs if x.depth == 0]
        if continued is not None:
            items.append((continued.pos, para.end, False))
        items.sort()
        first = True
        for o, c, closed in items:
            span = _quote_span(text, o + 1, c)
            if not len(span):
                continue
            opens_para = _only(text, para.start, o, " \t>*-")
            if first and carried is not None and opens_para:
                g = carried  # the first quote of a continuing paragraph joins the quotation
            else:
                group += 1
                g = group
            first = False
            qtext = text[span.start : span.end]
            words = len(qtext.split())
            # “Parasite” director Bong Joon Ho, “Mrs Maisel” actress: a title used as a label.
            label = c < para.end and closed and _re(r"[\s,]*(\p{Ll}[\p{Ll}\-]+)").match(text, c + 1)
            named = (
                p.scare_before.search(text, max(para.start, o - 40), o) is not None
                or (_is_titled(qtext) and words <= 8)
                or (bool(label) and words <= 8 and label.group(1) in _tables().roles)
            )
            sent = sentences.get(o)
            whole = _only(text, sent.start, o) or opens_para
            quotes.append(
                _QuoteBuild(o, c, closed, pi, span, qtext, g, words <= _SHORT_WORDS, named, whole)
            )
        carried = quotes[-1].group if continued is not None and quotes else None
    return quotes, problems


def _only(text: str, start: int, end: int, chars: str | None = None) -> bool:
    """Whether text[start:end] holds nothing but `chars` (whitespace if None), read back
    from `end`: a quote asks about the few characters before it, not its whole paragraph
    (a paragraph of thousands of quotes would make that quadratic)."""
    i = end
    while i > start and (text[i - 1].isspace() if chars is None else text[i - 1] in chars):
        i -= 1
    return i <= start


# --------------------------------------------------------------------------- attribution


def _post_cue(text: str, q: _QuoteBuild, cues: _Cues) -> _Cue | None:
    """`"Q," Green said`, `"Q," said Green`, `"Q?" Winfrey asked`, `"Q," ISD spokesman X told`."""
    if not q.closed:
        return None
    inner = text[q.span.start : q.close].rstrip()
    if inner.endswith(".") and not inner.endswith("..."):
        return None  # the sentence ended inside the quote
    c = cues.first_after(q.close)
    if c is None:
        return None
    gap = text[q.close + 1 : c.start]
    if _re(r"[\s,]*").fullmatch(gap):
        return c
    # Title words before the name: `," ISD spokesman Tahir Della told DW.`
    if (
        c.kind == "name"
        and not c.inverted
        and _re(r",?\s+(?:[\p{L}\-.’']+\s+){1,6}").fullmatch(gap)
    ):
        words = gap.strip(" ,").split()
        if all(w not in STOPWORDS and w.lower() not in _PREPOSITIONS for w in words):
            return c
    if c.kind == "name" and not c.inverted and _title_chain(gap, c.phrase):
        return c
    return None


def _title_chain(gap: str, name: str) -> bool:
    """Whether the words between a quote and a person's name are a title: capitalised
    words joined by of, and, for, the, with a title among them (`," Minister of Industry,
    Investment and Commerce, Senator the Hon. Aubyn Hill, told`), or "the" before an
    honorific (`," the Hon. Aubyn Hill told`)."""
    run = _split_piece(name)
    if run is None or run.kind not in ("person", "single"):
        return False
    words = gap.replace(",", " ").split()
    if words == ["the"]:
        return _re(rf"{_TITLES}\.").match(name) is not None
    if not words or len(words) > 12 or gap.count(",") > 4:
        return False
    joined = all(w[:1].isupper() or w in ("of", "and", "for", "the", "&") for w in words)
    return joined and words[0][:1].isupper() and any(_is_title_word(w) for w in words)


# Cues whose subject follows them and which introduce what comes next.
_PREFACES = frozenset({"according to", "in the words of", "quoted as saying"})


def _pre_cue(text: str, q: _QuoteBuild, cues: _Cues, tight: bool = False) -> _Cue | None:
    """`Green said: "Q"`, `Green said that "Q"`, `Scott told co-host Gayle King, "Q"`;
    `tight` allows only punctuation, "that" or adverbs (`Bell asked last week "Q?"`)."""
    c = cues.last_ending_by(q.open)
    if c is None:
        return None
    if q.open - c.end > 120 or (c.inverted and c.word not in _PREFACES):
        return None
    gap = text[c.end : q.open]
    if _re(r"\s*(?:[,:]|\s+that)?\s*").fullmatch(gap) or _patterns().tight_gap.fullmatch(gap):
        return c
    if not tight and _re(r"\s+[^\"“”«.!?;]{0,60}?[,:]\s*").fullmatch(gap):
        return c
    return None


def _participle_cue(
    text: str, q: _QuoteBuild, sentences: _Sentences, cues: _Cues
) -> tuple[_Cue | None, bool]:
    """`he declined, saying "Q"`: the speaker is the subject of the clause before.

    Returns (cue, found a participle); with a participle and no subject, no other cue
    of the sentence may claim the quote.
    """
    p = _patterns()
    sent = sentences.get(q.open)
    m = p.participle.search(text, max(sent.start, q.open - 40), q.open)
    if m is None:
        return None, False
    lo = sent.start
    before = cues.within(lo, m.start())
    clause = text[lo : m.start()]
    last = None
    for s in p.participle_subject.finditer(clause):
        last = s
    # The nearest subject wins: a cue's subject, or "he" in "he declined, saying".
    if before and (last is None or before[-1].verb.start >= lo + last.end()):
        return before[-1], True
    if last is None:
        return None, True
    kind = "pron" if last.group("pron") else "name"
    a, b = lo + last.start(kind), lo + last.end(kind)
    phrase = _clean_run(text[a:b]) if kind == "name" else text[a:b]
    if not phrase:
        return None, True
    a = b - len(phrase)
    word = m.group().strip(" ,:").split()[0]
    return _Cue(Span(m.start(), m.end()), word, Span(a, b), kind, phrase, False), True


def _sentence_cue(text: str, q: _QuoteBuild, sentences: _Sentences, cues: _Cues) -> _Cue | None:
    """The nearest cue in the quote's own sentence (mixed quotes, `"Q" was it, he said.`)."""
    s1 = sentences.get(q.open)
    s2 = sentences.get(max(q.open, q.close - 1))
    lo, hi = s1.start, max(s1.end, s2.end)
    best: _Cue | None = None
    best_d = 10**9
    for c in cues.within(lo, hi):
        if c.end <= q.open:
            d = q.open - c.end
        elif c.start > q.close:
            d = c.start - q.close
            # After the quote only a sentence-final cue counts: ", he said."
            if not c.inverted and not _re(r",\s*$").search(text[max(lo, c.start - 3) : c.start]):
                continue
            if not _re(r"[^.;!?\"“”]{0,60}(?:[.!?,—–]|--|$)").match(text[c.end : hi + 1]):
                continue
        else:
            continue
        if d < best_d:
            best, best_d = c, d
    return best


def _set_cue(q: _QuoteBuild, c: _Cue, direct: bool) -> None:
    q.speaker_phrase, q.speaker_kind, q.speaker_span, q.cue = c.phrase, c.kind, c.subject, c.word
    q.direct = direct


def _copy_speaker(q: _QuoteBuild, src: _QuoteBuild) -> None:
    q.speaker_phrase, q.speaker_kind, q.speaker_span, q.cue = (
        src.speaker_phrase,
        src.speaker_kind,
        src.speaker_span,
        src.cue,
    )


def _attribute(
    text: str,
    paragraphs: Sequence[Span],
    sentences: _Sentences,
    quotes: list[_QuoteBuild],
    cues: _Cues,
) -> None:
    for q in quotes:
        if q.named:
            continue
        c = _post_cue(text, q, cues)
        if c is not None:
            # `Bell asked last week "Why?" Cueto responded`: the question is Bell's.
            pre = _pre_cue(text, q, cues, tight=True)
            asked = q.text[-1:] in "?!" and text[q.close + 1 : q.close + 2] != ","
            _set_cue(q, pre if pre is not None and asked else c, True)
            continue
        c, participle = _participle_cue(text, q, sentences, cues)
        if c is not None:
            _set_cue(q, c, True)
            continue
        if participle:
            continue
        c = _pre_cue(text, q, cues)
        if c is not None:
            _set_cue(q, c, True)
            continue
        c = _sentence_cue(text, q, sentences, cues)
        if c is not None:
            _set_cue(q, c, False)
    # A quotation continued over paragraphs has one speaker.
    by_group: dict[int, _QuoteBuild] = {}
    for q in quotes:
        if q.cue and q.group not in by_group:
            by_group[q.group] = q
    for q in quotes:
        src = by_group.get(q.group)
        if not q.cue and src is not None and not q.named:
            _copy_speaker(q, src)
    for i, q in enumerate(quotes):
        if q.cue or q.named or (q.short and not q.whole_sentence):
            continue
        if _sentence_has_cue(q, sentences, cues):
            continue
        # A quote with no cue of its own continues its paragraph's previous speaker...
        prev = _previous_attributed(quotes, i)
        if prev is not None and prev.para == q.para:
            _copy_speaker(q, prev)
            continue
        # ... or the speaker of reported speech in the sentence just before it ...
        c = _cue_in_previous_sentence(text, q, paragraphs[q.para], sentences, cues)
        if c is not None:
            _set_cue(q, c, False)
            continue
        # ... and a paragraph of nothing but quotes continues the paragraph before.
        if q.para == 0 or not _quote_only(text, paragraphs[q.para], quotes):
            continue
        if prev is not None and prev.para == q.para - 1:
            last = [x for x in quotes if x.para == prev.para][-1]
            if last is prev and len(text[prev.close + 1 : paragraphs[prev.para].end].strip()) < 120:
                _copy_speaker(q, prev)
                continue
        # `He asked:` ending the paragraph before.
        pp = paragraphs[q.para - 1]
        if text[pp.start : pp.end].rstrip().endswith(":"):
            cands = cues.within(pp.start, pp.end)
            if cands and _re(r"[^.!?\"“”]{0,60}:\s*").fullmatch(text[cands[-1].end : pp.end]):
                _set_cue(q, cands[-1], True)


def _previous_attributed(quotes: list[_QuoteBuild], i: int) -> _QuoteBuild | None:
    for j in range(i - 1, -1, -1):
        x = quotes[j]
        if x.para < quotes[i].para - 1:
            return None
        if x.cue and not x.named and (x.direct or not x.short):
            return x
        if x.para == quotes[i].para and not x.short and not x.named:
            return None  # an unattributed quote in between breaks the chain
    return None


def _sentence_has_cue(q: _QuoteBuild, sentences: _Sentences, cues: _Cues) -> bool:
    s1 = sentences.get(q.open)
    s2 = sentences.get(max(q.open, q.close - 1))
    return bool(cues.within(s1.start, max(s1.end, s2.end)))


def _cue_in_previous_sentence(
    text: str, q: _QuoteBuild, para: Span, sentences: _Sentences, cues: _Cues
) -> _Cue | None:
    """`Harry said he was proud. "Q"`: a quote right after reported speech."""
    if not q.whole_sentence:
        return None
    s = sentences.get(q.open)
    if s.start <= para.start:
        return None
    i = bisect.bisect_left(sentences.starts, s.start) - 1
    prev = sentences.spans[i] if i >= 0 else Span(0, 0)
    if prev.start < para.start or not len(prev):
        return None
    if _re(r"[\"“”«»]").search(text[prev.start : prev.end]):
        return None
    found = [c for c in cues.within(prev.start, prev.end) if c.kind in ("name", "pron")]
    return found[-1] if len(found) == 1 else None


def _quote_only(text: str, para: Span, quotes: Sequence[_QuoteBuild]) -> bool:
    """A paragraph that opens with a quote and has no reporting verb outside its quotes
    (`"Q," said someone at the meeting` is not quote-only, even without a known subject)."""
    if text[para.start : para.end].lstrip(" \t>*-")[:1] not in _DOUBLE_OPEN + '"':
        return False
    inside = [(q.open, q.close + 1) for q in quotes if para.start <= q.open < para.end]
    return not any(
        not any(a <= vs < b for a, b in inside)
        for vs, _, _ in _verb_hits(text, para.start, para.end)
    )


# --------------------------------------------------------------------------- resolution


def _speaker_name(text: str, q: _QuoteBuild, people: _People, paragraphs: Sequence[Span]) -> str:
    t = _tables()
    phrase = q.speaker_phrase
    span = q.speaker_span or Span(q.open, q.open)
    if q.speaker_kind == "pron":
        if phrase.lower() not in t.pronouns:
            return ""
        return _resolve_pronoun(phrase.lower(), span.start, people, paragraphs)
    if q.speaker_kind == "bare":
        return " ".join(phrase.split())
    if q.speaker_kind == "nom":
        return _nominal_speaker(text, phrase, span, people)
    return _name_speaker(text, span, people)


def _nominal_speaker(text: str, phrase: str, span: Span, people: _People) -> str:
    """ "the report"; "the Director" (the person with that title); "the firm TS Lombard"."""
    words = phrase.split()
    tail = _re(rf"{_CAPRUN}$").search(phrase)
    # "the research institution TS Lombard": a name after lowercase descriptors is the speaker.
    if (
        tail is not None
        and tail.start() > 0
        and not _is_title_word(words[-1])
        and not any(w.lower() in _PREPOSITIONS for w in words)
    ):
        return _name_speaker(text, Span(span.start + tail.start(), span.start + tail.end()), people)
    # "The leader of the operation, Chiang Rai acting Gov. Narongsak Osatanakorn, told
    # AP": the name set off after the phrase is who it is.
    named = _named_after(text, span, people)
    if named:
        return named
    # "the Director", "the PAHO Director": the one person with that title.
    by_title = _by_title(words[-1], span.start, people)
    if by_title:
        return by_title
    if words[0] in ("The", "A", "An", "This", "One", "Another"):
        words[0] = words[0].lower()
    return " ".join(words)


# What may stand between a phrase and the name in apposition to it: a comma, then a
# few words of title ("Chiang Rai acting Gov."), none of them a clause's.
_APPOSED_GAP = _re(r",\s+(?:[\p{L}.\-’']+\s+){0,6}$")


def _named_after(text: str, span: Span, people: _People) -> str:
    """The person named in apposition right after a phrase, closed by a comma."""
    for p in people.persons:
        if (
            span.end < p.span.start <= span.end + 80
            and text.startswith(",", p.span.end)
            and _APPOSED_GAP.match(text, span.end, p.span.start)
        ):
            return p.name
    return ""


def _by_title(head: str, pos: int, people: _People) -> str:
    """The one person named before `pos` whose title ends in `head` ("the Director")."""
    hits = {
        p.name
        for p in people.persons
        if p.title and p.span.start < pos and fold(p.title).split()[-1:] == [fold(head)]
    }
    return hits.pop() if len(hits) == 1 else ""


def _name_speaker(text: str, span: Span, people: _People) -> str:
    parts = _split_run(text, span)
    if parts is None:
        return ""
    if parts.kind == "title":
        if " " not in parts.name:
            found = people.find(parts.name)
            if found is not None:
                return found.name  # "King asked": Gayle King, not a king
        return _by_title(parts.name.split()[-1], span.start, people) or "the " + parts.name
    if parts.kind in ("person", "single"):
        title = parts.title
        found = people.find(parts.name, span.end, title) or people.find(parts.name, None, title)
        return found.name if found is not None else parts.name
    name = text[span.start : span.end]
    return name[4:] if name.startswith(("The ", "the ")) else name


def _resolve_pronoun(pronoun: str, pos: int, people: _People, paragraphs: Sequence[Span]) -> str:
    """ "he"/"she" -> the nearest preceding named person: same paragraph first, sentence
    subjects first, skipping people known to take the other pronoun."""
    starts = [p.start for p in paragraphs]
    pi = bisect.bisect_right(starts, pos) - 1
    want = "m" if pronoun == "he" else "f"
    before = [
        m
        for m in people.mentions
        if pi - 3 <= m.para <= pi and m.pos < pos and people.gender.get(m.name, want) == want
    ]
    for pool in (
        [m for m in before if m.para == pi and m.subject],
        [m for m in before if m.para == pi],
        [m for m in before if m.subject],
        before,
    ):
        if pool:
            return pool[-1].name
    return ""


# --------------------------------------------------------------------------- entry point


def extract_attributions(
    text: str, paragraphs: Sequence[Span], sentences: Sequence[Span]
) -> Attributions:
    """Quotes with speakers, people with titles, and unbalanced quote marks in `text`."""
    paras = sorted(
        (p for p in paragraphs if 0 <= p.start <= p.end <= len(text)), key=lambda p: p.start
    )
    sents = _Sentences.build(
        text, [s for s in sentences if 0 <= s.start <= s.end <= len(text)], paras
    )
    quotes, problems = _find_quotes(text, paras, sents)
    quoted = sorted((q.open, q.close + 1) for q in quotes)
    cues = _find_cues(text, paras, sents, quoted)
    people = _scan_people(text, paras, sents, cues)
    # A name inside a quotation is what the speaker talks about, never a pronoun's antecedent.
    starts = [a for a, _ in quoted]
    people.mentions = [m for m in people.mentions if not _inside(quoted, starts, m.pos)]
    # "a spokesperson for UCEA said ... "Q," he said": an unnamed person is an antecedent too.
    para_starts = [p.start for p in paras]
    for c in cues:
        head = _re(r"^\S+\s+(?:\S+\s+){0,3}?(\S+?)(?:\s+(?:for|of|at|from|with)\s|$)").match(
            c.phrase
        )
        if c.kind == "nom" and head and head.group(1).lower() in _PERSON_HEADS:
            name = _nominal_speaker(text, c.phrase, c.subject, people)
            pi = bisect.bisect_right(para_starts, c.subject.start) - 1
            people.mentions.append(_Mention(c.subject.start, name, True, pi))
    people.mentions.sort(key=lambda m: m.pos)
    _attribute(text, paras, sents, quotes, _Cues(cues))
    out: list[Quote] = []
    for q in quotes:
        speaker = _speaker_name(text, q, people, paras) if q.cue else ""
        out.append(
            Quote(
                span=q.span,
                text=q.text,
                speaker=speaker,
                cue=q.cue if speaker else "",
                speaker_span=q.speaker_span if speaker else None,
                paragraph=q.para,
            )
        )
    speakers = {q.speaker for q in out}
    builds = people.persons + [c for c in people.candidates if c.name in speakers]
    builds.sort(key=lambda b: b.span.start)
    persons = tuple(Person(b.name, b.span, b.title, b.organisation, b.title_span) for b in builds)
    return Attributions(tuple(out), persons, tuple(sorted(problems, key=lambda x: x.span)))
