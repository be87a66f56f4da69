"""Event signatures: what happened and to whom, for the date checks.

A dated mention is an event claim when its clause names a kind of event ("surpassed",
"went public", "acquisition": factlint/data/event_verbs.yaml) and the parties it
happened to (named entities that are not places, countries or outlets). Two mentions,
or a mention and a ledger event, are the same event only when the kinds agree, the
parties agree, and nothing tells them apart: a different model version ("Qwen 2.5" /
"Qwen 3"), different figures in the clause (a change over time, not one event), a
different ordinal, a negation on one side only. Dates in a clause about a plan or a
forecast ("plans to list in 2026") are not event claims at all.

When a clause holds two dates, an event word belongs to the date of its own
comma-separated segment, else to the first date after it, else to the nearest before
it, and each date keeps only its own segments' names: "Qwen, which Alibaba released in
2023, overtook Llama in September 2024" dates the release 2023 and the overtaking
September 2024; "released V3 on 26 December 2024, and R1 on 20 January 2025" does not
date R1 to December.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from factlint import fastre
from factlint.claims import DateMention, Subject
from factlint.model import Span
from factlint.phrases import PhraseSet
from factlint.subject import clause_around, content_terms, entity_names, stem

_ORDINALS = fastre.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th))\b",
    regex.I,
)
_NUMBER = fastre.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w]|[.,]\d)")
# What may follow a figure that is a quantity, not a version: "Meta 10 billion".
_NOT_VERSION_AFTER = (
    r"(?!\s*(?:%|percent\b|per\s+cent\b|billion\b|million\b|thousand\b|trillion\b|bn\b|"
    r"mn\b|tn\b|[mk]\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|times\b|people\b|"
    r"percentage\b|points?\b|[,.]\d))"
)
# "Llama 4", "Qwen2.5", "GPT-4o"; "DeepSeek-V3"; "DeepSeek's R1".
_VERSIONS = (
    fastre.compile(
        r"(?<![\w-])(?P<n>\p{Lu}[\p{L}]+)(?:[ \t]|-)?(?P<v>\d{1,3}(?:\.\d{1,2})?[a-z]?)\b"
        + _NOT_VERSION_AFTER
    ),
    fastre.compile(r"(?<![\w-])(?P<n>\p{Lu}[\p{L}]+)-(?P<v>\p{Lu}{1,2}\d{1,3}(?:\.\d{1,2})?)\b"),
    fastre.compile(r"(?<![\w-])(?P<n>\p{Lu}[\p{L}]+)['’]s\s+(?P<v>\p{Lu}{1,2}\d{1,3})\b"),
)
# Model and product codes that are names on their own: "H20", "A100", "R1", "M4".
_CODE = fastre.compile(r"(?<![\w.-])\p{Lu}{1,3}\d{1,4}[a-z]?(?![\w-]|[.,]\d)")
# A masked web address that is a company's name ("Z.ai", "Character.AI").
_DOMAIN_NAME = fastre.compile(r"(?<![\w./@-])\p{Lu}[\p{L}\p{N}]*(?:\.[\p{L}\p{N}]+)+(?![\w/@-])")
# A bare year after a determiner or a possessive names an edition, not a date:
# "a 2025 Stanford HAI AI Index report", "the company's 2024 report".
_ATTRIBUTIVE = fastre.compile(
    r"(?:\b(?:a|an|the|its|his|her|their|our|this|that|these|those)|\p{L}['’]s?)\s+\Z", regex.I
)
# A year, or a quarter or half written as a label ("Q3-2020", "H1 2024", "2020-Q3").
_BARE_YEAR = fastre.compile(r"\d{4}|(?i:[qh][1-4])[ -]?\d{4}|\d{4}[ -]?(?i:[qh][1-4])")
_YEAR = fastre.compile(r"(?<![\w.,$])(?:19|20)\d\d(?![\w%]|[.,]\d)")
_BOUND_CUE = fastre.compile(
    r"\b(?:by|until|till|through|before|after|since|from)\s+(?:the\s+)?"
    r"(?:(?:end|start|beginning|middle|close)\s+of\s+)?\Z",
    regex.I,
)
_REPORTED = fastre.compile(
    r"\b(?:said|says|told|announced|reported|stated|wrote|noted|confirmed|revealed|disclosed|"
    r"according\s+to\s+\p{L}+)\s+(?:(?:on|in|at|during|earlier|late|early)\s+)?(?:the\s+)?\Z",
    regex.I,
)
# "a year after", "two months later", "weeks before": a date counted from the event.
_OFFSET = fastre.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some|"
    r"\d+)\s+(?:full\s+)?(?:days?|weeks?|months?|years?|decades?)\s+"
    r"(?:after|before|since|later|earlier|on)\b|\banniversary\b",
    regex.I,
)
_LOOKBEHIND = 40
_POSSESSIVE = fastre.compile(r"(\p{L})['’]s?\s+(?=\p{Lu})")
# Words of the lists that also begin or end names ("New York", "Theresa May", "Target").
_NAMELIKE = frozenset({"new", "may", "will", "hope", "target", "goal", "series", "round"})
_NAME_AFTER = fastre.compile(r"[ \t]+\p{Lu}")
_NAME_BEFORE = fastre.compile(r"\p{Lu}\p{Ll}+[ \t]+\Z")
_SPLIT_PARTS = fastre.compile(r"\s+(?:and|&)\s+")
_JOIN = fastre.compile(r"\b(?:and|or|but|while|whereas|then|followed\s+by)\b")
# Where an aside begins or ends: an event word belongs to a date of its own segment.
_SEGMENT = fastre.compile(r"[,;:()\[\]–—]")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled word lists of event_verbs.yaml: event kinds, qualifiers, countries, places."""

    kinds: PhraseSet  # every event word of every kind
    kind_of: Mapping[str, str]  # an event word or phrase (lowercase, single-spaced) -> kind
    intention: fastre.Pattern
    negation: fastre.Pattern
    recurrence: fastre.Pattern
    countries: fastre.Pattern  # one named group per country code
    variants: fastre.Pattern
    variant_of: Mapping[str, str]  # a stage word (lowercase, single-spaced) -> its kind
    stage_of: Mapping[str, str]  # a stage word -> the first word of its stage
    place_names: fastre.Pattern
    generic: frozenset[str]
    places: frozenset[str]
    single_party: frozenset[str]


def _phrases(words: Iterable[str]) -> str:
    return fastre.alternation(str(w).lower() for w in words)


_exact = fastre.alternation


@functools.cache
def lexicon() -> Lexicon:
    from factlint.data import load_yaml

    data = load_yaml("event_verbs.yaml")
    kinds = data["kinds"]
    # One alternation, the kind looked up afterwards: far faster than a group per kind.
    kind_of = {str(w).lower(): name for name, words in kinds.items() for w in words}
    stages = [
        (name, [str(w).lower() for w in (group if isinstance(group, list) else [group])])
        for name, groups in data["variants"].items()
        for group in groups
    ]
    variant_of = {w: name for name, words in stages for w in words}
    stage_of = {
        w: " ".join(words[0].replace("-", " ").split()) for _, words in stages for w in words
    }
    return Lexicon(
        kinds=PhraseSet(kind_of),
        kind_of=kind_of,
        intention=fastre.compile(rf"(?<![\w-])(?:{_phrases(data['intention'])})(?![\w-])", regex.I),
        negation=fastre.compile(rf"(?<![\w-])(?:{_phrases(data['negation'])})(?![\w-])", regex.I),
        recurrence=fastre.compile(
            rf"(?<![\w-])(?:{_phrases(data['recurrence'])})(?![\w-])", regex.I
        ),
        countries=fastre.compile(
            "|".join(
                rf"(?P<{code}>(?<![\w.-])(?:{_exact(names)})(?![\w-]|\.\w))"
                for code, names in data["countries"].items()
            )
        ),
        variants=fastre.compile(rf"(?<![\w-])(?:{_phrases(variant_of)})(?![\w-])", regex.I),
        variant_of=variant_of,
        stage_of=stage_of,
        place_names=fastre.compile(rf"(?<![\w-])(?:{_phrases(data['places'])})(?![\w-])", regex.I),
        generic=frozenset(str(w).lower() for w in data["generic_names"]),
        single_party=frozenset(data["single_party"]),
        places=frozenset(str(w).lower() for w in data["places"]),
    )


@dataclass(frozen=True, slots=True)
class EventSig:
    """The comparable parts of one event claim."""

    kinds: frozenset[str]
    parties: tuple[tuple[str, ...], ...]  # per named party: its distinctive words, in order
    subject: Subject  # party words as entities, content terms (hyphen parts split)
    versions: Mapping[str, frozenset[str]] = field(default_factory=dict)  # name -> versions
    codes: frozenset[str] = frozenset()  # every version and product code of the clause
    models: frozenset[str] = frozenset()  # named products: "llama 4", "r1", "h20"
    countries: frozenset[str] = frozenset()  # country codes named: "us", "cn"
    places: frozenset[str] = frozenset()  # places named: "hong kong", "nasdaq"
    variants: frozenset[tuple[str, str]] = frozenset()  # (kind, stage): ("ban", "lifted")
    numbers: frozenset[str] = frozenset()
    editions: frozenset[str] = frozenset()  # years that name an edition: "the 2024 AI Index"
    ordinals: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()  # content terms that are neither parties nor kinds
    negated: bool = False
    intended: bool = False
    recurring: bool = False

    @property
    def names(self) -> frozenset[str]:
        return frozenset(w for p in self.parties for w in p)

    @property
    def label(self) -> str:
        """A stable, normalised description: kinds and parties, sorted."""
        parties = sorted(" ".join(p) for p in self.parties)
        return " ".join([*sorted(self.kinds), *parties])


def is_attributive(text: str, d: DateMention) -> bool:
    """A bare year or quarter used as a modifier ("a 2025 report", "their Q3-2020
    delivery report") rather than as a date."""
    if not _BARE_YEAR.fullmatch(d.raw):
        return False
    return _ATTRIBUTIVE.search(text, max(0, d.span.start - _LOOKBEHIND), d.span.start) is not None


def open_bound(text: str, d: DateMention) -> bool:
    """A date that bounds a period ("by June 2025", "since 2018"), not an event's date."""
    if d.mod in ("BEFORE", "AFTER"):
        return True
    return _BOUND_CUE.search(text, max(0, d.span.start - _LOOKBEHIND), d.span.start) is not None


def counting_sentences(text: str, dates: Sequence[DateMention]) -> frozenset[Span]:
    """The dates' sentences that count a time from an event ("a year after its
    release"), each searched once however many dates it holds."""
    sentences = {d.sentence for d in dates}
    return frozenset(s for s in sentences if _OFFSET.search(text, s.start, s.end))


def not_the_event_date(text: str, d: DateMention, counting: frozenset[Span]) -> bool:
    """A date of something else than the event its clause names: when it was said ("said
    in September that Qwen had overtaken Llama"), or a time counted from the event ("a
    year after its release, on 20 January 2026"; `counting` from `counting_sentences`)."""
    start = max(0, d.span.start - _LOOKBEHIND)
    if _REPORTED.search(text, start, d.span.start):
        return True
    return d.sentence in counting


def _in_turn(dates: Sequence[DateMention]) -> Iterator[tuple[int, int]]:
    """Indexes of each mention and the next one in the text."""
    return itertools.pairwise(sorted(range(len(dates)), key=lambda i: dates[i].span.start))


def compound(text: str, dates: Sequence[DateMention]) -> frozenset[int]:
    """Indexes of mentions written right beside another ("a year ago this week"): one
    expression the extractor read as two, so neither part is the event's date."""
    out = set()
    for i, j in _in_turn(dates):
        gap = text[dates[i].span.end : dates[j].span.start]
        if len(gap) <= 3 and not gap.strip(" \t,"):
            out.update((i, j))
    return frozenset(out)


_YEAR_IN = fastre.compile(r"(?<!\d)\d{4}(?!\d)")
_RANGE_GAP = fastre.compile(r"\s*(?:[-–—/]|to|through|until)\s*")


def range_ends(text: str, dates: Sequence[DateMention]) -> frozenset[int]:
    """Indexes of mentions that end a range of years ("2020-21", "2024 to 2026").
    "January to October 2023" is no such range: its start has no year."""
    return frozenset(
        j
        for i, j in _in_turn(dates)
        if _RANGE_GAP.fullmatch(text, dates[i].span.end, dates[j].span.start)
        and _YEAR_IN.search(dates[i].raw)
    )


def names_text(text: str, prose: str) -> str:
    """`prose` with masked company names that look like web addresses ("Z.ai") restored."""
    if len(text) != len(prose):
        return prose
    chars: list[str] | None = None
    for m in _DOMAIN_NAME.finditer(text):
        if prose[m.start() : m.end()].strip():
            continue
        if chars is None:
            chars = list(prose)
        chars[m.start() : m.end()] = m.group()
    return "".join(chars) if chars is not None else prose


def _blank(text: str, spans: Iterable[Span], start: int, end: int) -> str:
    chars = list(text[start:end])
    for s in spans:
        for i in range(max(s.start, start), min(s.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _party_words(phrase: str, lex: Lexicon) -> list[tuple[str, ...]]:
    out = []
    for part in _SPLIT_PARTS.split(phrase):
        part = part.strip(" .'’-")
        if not part or part in lex.places or part in lex.generic:
            continue
        words: list[str] = []
        for word in part.split():
            word = word.strip(".'’-")
            if "-" in word and any(c.isdigit() for c in word):
                word = word.split("-")[0]  # "deepseek-r1": the name; R1 is its version
            ok = len(word) > 1 and word not in lex.generic and word not in lex.places
            if ok and word not in words:
                words.append(word)
        if words:
            out.append(tuple(words))
    return out


def _terms(text: str) -> frozenset[str]:
    terms = set()
    for term in content_terms(text):
        terms.add(term)
        if "-" in term:
            terms.update(stem(p) for p in term.split("-") if len(p) > 2)
    return frozenset(terms)


def event_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, kind) of every event word in text[start:end]."""
    lex = lexicon()
    stop = len(text) if end is None else end
    return [(at, lex.kind_of[phrase]) for at, _, phrase in lex.kinds.finditer(text, start, stop)]


def signature_of_text(
    body: str, kinds: Iterable[str] | None = None, editions: Iterable[str] | None = None
) -> EventSig:
    """The signature of one clause (dates already blanked); kinds and edition years found
    in it unless given."""
    lex = lexicon()
    found = [body[lo:hi] for lo, hi, _ in lex.kinds.finditer(body)]
    if kinds is None:
        kinds = {kind for _, kind in event_words(body)}
    versions: dict[str, set[str]] = {}
    version_spans = []
    for pattern in _VERSIONS:
        for m in pattern.finditer(body):
            name = m["n"].lower()
            if name in lex.generic:
                continue
            versions.setdefault(name, set()).add(m["v"].lower())
            version_spans.append(Span(m.start("v"), m.end("v")))
    product_codes = {m.group().lower() for m in _CODE.finditer(body)} - lex.generic
    models = product_codes | {f"{n} {v}" for n, vs in versions.items() for v in vs}
    codes = product_codes | {v for vs in versions.values() for v in vs}
    parties: list[tuple[str, ...]] = []
    # "Alibaba's Qwen" names two parties, not one called "alibaba qwen".
    for phrase in entity_names(_POSSESSIVE.sub(r"\1, ", body)):
        for words in _party_words(phrase, lex):
            if words not in parties:
                parties.append(words)
    for code in sorted(codes - {w for p in parties for w in p}):
        if not any(code in vs for vs in versions.values()):
            parties.append((code,))
    plain = _blank(body, version_spans, 0, len(body))
    numbers = {m.group().replace(",", "") for m in _NUMBER.finditer(plain)}
    terms = _terms(body)
    names = {w for p in parties for w in p}
    stages = [m.group() for m in lex.variants.finditer(body)]
    not_objects = _terms(" ".join(names)) | _terms(" ".join(found)) | _terms(" ".join(stages))
    not_objects |= {t for t in terms if t in lex.generic and not _is_place_word(t, lex)}
    return EventSig(
        kinds=frozenset(kinds),
        parties=tuple(sorted(parties)),
        subject=Subject(text=" ".join(body.split()), entities=frozenset(names), terms=terms),
        versions={k: frozenset(v) for k, v in versions.items()},
        codes=frozenset(codes),
        models=frozenset(models),
        countries=frozenset(m.lastgroup for m in lex.countries.finditer(body) if m.lastgroup),
        places=frozenset(
            " ".join(m.group().lower().split()) for m in lex.place_names.finditer(body)
        ),
        variants=frozenset(
            (lex.variant_of[w], lex.stage_of[w])
            for w in (" ".join(stage.lower().split()) for stage in stages)
        ),
        numbers=frozenset(numbers),
        editions=frozenset(
            editions if editions is not None else (m.group() for m in _YEAR.finditer(body))
        ),
        ordinals=frozenset(m.group().lower() for m in _ORDINALS.finditer(body)),
        objects=frozenset(terms - not_objects),
        negated=lex.negation.search(body) is not None,
        intended=says(lex.intention, body),
        recurring=says(lex.recurrence, body),
    )


def says(pattern: fastre.Pattern, text: str) -> bool:
    """Whether `text` has a word of `pattern` that is not part of a name: "New York",
    "Theresa May" and "Will Smith" are names, "new", "may" and "will" are not."""
    for m in pattern.finditer(text):
        word = m.group()
        namelike = word[:1].isupper() and word.lower() in _NAMELIKE
        if namelike and (
            _NAME_AFTER.match(text, m.end()) or _NAME_BEFORE.search(text, 0, m.start())
        ):
            continue
        return True
    return False


def _is_place_word(word: str, lex: Lexicon) -> bool:
    return any(word in place.split() for place in lex.places)


def signatures(
    text: str, dates: Sequence[DateMention], wanted: Collection[int] | None = None
) -> list[EventSig | None]:
    """A signature per date mention (of the `wanted` indexes), from its clause in `text`
    (a names_text); None for a date whose clause names no event for it."""
    spans = sorted(d.span for d in dates)
    words = event_words(text)
    starts = [at for at, _ in words]
    out: list[EventSig | None] = []
    for n, d in enumerate(dates):
        if wanted is not None and n not in wanted:
            out.append(None)
            continue
        clause = clause_around(text, d.sentence, d.span)
        if clause.start == d.sentence.start:
            clause = Span(_restored_start(text, clause.start), clause.end)
        lo, hi = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        if lo == hi:
            out.append(None)
            continue
        inside = [s for s in spans if clause.start <= s.start and s.end <= clause.end]
        body = _blank(text, inside, clause.start, clause.end)
        kinds = {
            kind
            for at, kind in words[lo:hi]
            if body[at - clause.start] != " "  # not a word inside a date
            and _date_of(body, clause.start, at - clause.start, inside) == d.span
        }
        if not kinds:
            out.append(None)
            continue
        if len(inside) > 1:
            body = _own_segments(body, clause.start, d.span, inside)
        out.append(signature_of_text(body, kinds, _editions(text, dates, clause, body)))
    return out


def _editions(text: str, dates: Sequence[DateMention], clause: Span, body: str) -> set[str]:
    """Years in the clause that name an edition: a bare year no date was read from ("AI
    Index 2025"), or one that is used as a modifier ("the 2024 AI Index report")."""
    years = {m.group() for m in _YEAR.finditer(body)}
    for d in dates:
        if clause.start <= d.span.start < clause.end and is_attributive(text, d):
            years.add(d.raw)
    return years


def _own_segments(body: str, offset: int, own: Span, dates: list[Span]) -> str:
    """The clause without the segments that hold another date: in "released V3 on 26
    December 2024, and R1 on 20 January 2025", R1 is not about the first date."""
    cuts = [0, *(m.end() for m in _SEGMENT.finditer(body)), len(body)]
    chars = list(body)
    for lo, hi in itertools.pairwise(cuts):
        held = [s for s in dates if lo <= s.start - offset < hi]
        if held and own not in held:
            chars[lo:hi] = " " * (hi - lo)
            continue
        # "Kimi K1.5 in January 2025 and Kimi K2 in July 2025": cut at the conjunction.
        mine = own.start - offset
        for other in held:
            o = other.start - offset
            if o < mine:
                joins = list(_JOIN.finditer(body, o, mine))
                if joins:
                    chars[lo : joins[-1].start()] = " " * (joins[-1].start() - lo)
            elif o > mine:
                join = _JOIN.search(body, own.end - offset, o)
                if join:
                    chars[join.start() : hi] = " " * (hi - join.start())
    return "".join(chars)


def _restored_start(text: str, start: int) -> int:
    """Move a sentence start back over a name that names_text restored ("Z.ai listed")."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    j = k
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    if j == k or not _DOMAIN_NAME.fullmatch(text, j, k):
        return start
    before = text[:j].rstrip(" \t")
    return j if not before or before[-1] in '.!?\n"”' else start


def _date_of(body: str, offset: int, at: int, dates: list[Span]) -> Span:
    """The date an event word at `at` (in body) belongs to: one in its comma-separated
    segment if any, the first after it, else the nearest before it."""
    starts = [m.end() for m in _SEGMENT.finditer(body, 0, at)]
    lo = offset + (starts[-1] if starts else 0)
    end = _SEGMENT.search(body, at)
    hi = offset + (end.start() if end else len(body))
    pool = [s for s in dates if lo <= s.start < hi] or dates
    here = offset + at
    after = [s for s in pool if s.start >= here]
    if after:
        return min(after, key=lambda s: s.start)
    return max(pool, key=lambda s: s.end)


def stages_differ(a: EventSig, b: EventSig, kinds: Iterable[str]) -> bool:
    """Whether the two name different stages of an event of `kinds` ("closed" / none)."""
    wanted = set(kinds)
    return {v for v in a.variants if v[0] in wanted} != {v for v in b.variants if v[0] in wanted}


def editions_clash(a: EventSig, b: EventSig, strict: bool) -> bool:
    """Whether the two are about different editions ("the 2024 AI Index" / "2025");
    `strict`: an edition on one side only tells them apart too."""
    if a.editions and b.editions:
        return not a.editions & b.editions
    return strict and bool(a.editions or b.editions)


def shared_parties(a: EventSig, b: EventSig) -> int:
    """How many parties each side has that the other names (the smaller count)."""
    na, nb = a.names, b.names
    return min(sum(1 for p in a.parties if p[0] in nb), sum(1 for p in b.parties if p[0] in na))


def versions_clash(a: EventSig, b: EventSig, strict: bool) -> bool:
    """Whether a shared name carries different versions ("Qwen 2.5" / "Qwen 3").

    `strict`: a version on one side only also tells them apart (a release of "Qwen"
    and a release of "Qwen 3" are different releases).
    """
    for name in set(a.versions) | set(b.versions):
        va, vb = a.versions.get(name, frozenset()), b.versions.get(name, frozenset())
        if va and vb:
            if not va & vb:
                return True
        elif strict and (va or vb):
            mine, other = (va, b) if va else (vb, a)
            if name in other.names and not mine & other.codes:
                return True
    return False
