"""FL301-FL304: people's titles and quotations compared within and across articles.

- FL301 title-conflict (error): one person given a different role or organisation in
  two articles ("CEO of Google DeepMind" / "CEO of OpenAI").
- FL302 title-wording (info): the same title worded differently ("head of Asian
  research" / "Head of Asia Research"). Two ids rather than one rule with two
  severities, so that each can be selected, ignored and baselined on its own.
- FL303 quote-drift (warning): one remark of one speaker worded differently in two
  places, most often a translation or a paraphrase.
- FL304 quote-speaker-conflict (error): one quotation attributed to two people.

Decisions:

- People are matched across articles by full name: the same first and last name
  (middle names and initials aside). Within one article the extractor has already
  merged "Green" into "Rory Green", so title conflicts are a cross-article matter.
- A title that legitimately changes is not a conflict: roles are not compared when the
  articles were published more than `title_max_days_apart` days apart (default 183),
  nor when either title says it is time-bound ("former", "acting", "interim", "then").
  A role conflict is another organisation, or one post in another rank ("President" /
  "Vice President", "economist" / "chief economist": the same head noun). Two posts
  with different head nouns ("chairman" / "chief executive") are not: one person often
  holds both and an article names one. A missing title or organisation on one side is
  no conflict, nor is one side naming fewer roles ("economist" / "economist and head of
  research"), a country in front of the title ("U.S. President"), an organisation
  written longer or as an acronym ("DeepMind" / "Google DeepMind", "IDC" /
  "International Data Corporation"), or one that only names a place or a kind ("the
  Caribbean Territory", "the Centre"). Two people with one name are told apart, as far
  as text allows: a role conflict is reported only when the title or the organisation
  agrees on both sides, or the two articles name another person in common. An article
  that agrees with an earlier one is not reported again against a third.
- Quotes are compared sentence by sentence. Two sentences of one speaker match when
  their words agree (rapidfuzz token_set_ratio on `normalise_quote` text, numbers as
  digits) and their content words agree, rare words weighing more (inverse frequency
  over all quoted sentences of the run). A match counts when it is strong (a word or
  two changed, or most words and most of the rare ones shared), or when it is moderate
  and the sentence before or after matches too, in the same order (a translated
  passage drifts word by word but keeps its order). Two sentences that each name a
  place, person or figure the other does not are two statements ("the situation in
  Gaza" / "in Ukraine"). Each sentence matches at most one sentence of each other
  article; within one article only near-verbatim repeats count. Candidates come from
  an index on content words (`subject.candidate_pairs`), never from all pairs.
- A quote without a speaker is matched only when one of its sentences matches
  another article's quote almost verbatim and that quote's speaker is named in the
  unattributed quote's paragraph or the next (a lede quote attributed below it), or
  with another quote without a speaker in a copy of the same story (the two articles
  share another quoted sentence word for word).
- Speakers that are not people ("the report", "reports", "CNBC") are never matched as
  names; FL304 needs two named people who are not the same person. A speaker given by
  a description ("the Prime Minister", "a spokesperson for the union", "the report")
  takes part in FL303 only between articles that share another quoted sentence word
  for word (copies of one story): one description names different people elsewhere.
- A sentence equal to the other, or contained in it (an excerpt), is no drift; nor is
  a quote that an earlier article gives verbatim (its difference from a third article
  is reported there). Contractions and number words are spelled out before comparing.
- FL304 compares quotes of eight words or more whose speakers are both named at the
  quote, in its paragraph (not reached through "he" or an earlier paragraph).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
import operator
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.claims import Person, Quote, Subject
from factlint.data import load_yaml
from factlint.extract.attribution import fold as fold_text
from factlint.extract.attribution import normalise_quote, same_person, spelled_title
from factlint.links import Links, Totals, bucket_count, with_items
from factlint.links import key as link_key
from factlint.model import Finding, RuleMeta, Severity, Span
from factlint.parallel import per_document
from factlint.rule import Context
from factlint.similarity import ratio as text_ratio
from factlint.spelling import us_spelling
from factlint.subject import STOPWORDS, candidate_pairs, country, stem

_BREAK = "<!-- next article -->\n"

RULES = (
    RuleMeta(
        id="FL301",
        name="title-conflict",
        category="attribution",
        severity=Severity.ERROR,
        summary="One person is given a different role or organisation in another article",
        scope="corpus",
        rationale=(
            "A person's title is part of what makes a quote credible, and a wrong one is a "
            "correction waiting to happen. People are matched by full name across "
            "articles; a role or organisation that differs is reported at the later "
            "article, with the other as related location. Titles are not compared when "
            "the articles are more than about six months apart or a title is marked as "
            "time-bound ('former', 'acting'), since people change jobs. A conflict is "
            "another organisation, one post in another rank ('President' / 'Vice "
            "President'), or two of a company's chief officers ('CEO' / 'CFO'); other "
            "different posts ('chairman' / 'CEO') are not, since one person often holds "
            "both. A title missing on one side, fewer roles on one "
            "side, a country before the title and an organisation written shorter or as "
            "an acronym are not conflicts. To keep namesakes apart, the title or the "
            "organisation must agree on both sides, or the articles must name another "
            "person in common."
        ),
        examples_fail=(
            "Demis Hassabis, CEO of Google DeepMind, said the gap was months.\n"
            + _BREAK
            + "Demis Hassabis, CEO of OpenAI, said the gap was months.\n",
        ),
        examples_pass=(
            "Demis Hassabis, CEO of Google DeepMind, said the gap was months.\n"
            + _BREAK
            + "Demis Hassabis, CEO of DeepMind, said the gap was months.\n",
        ),
    ),
    RuleMeta(
        id="FL302",
        name="title-wording",
        category="attribution",
        severity=Severity.INFO,
        summary="One person's title is worded differently in another article",
        scope="corpus",
        rationale=(
            "The same title written two ways ('head of Asian research' and 'Head of Asia "
            "Research') is not wrong, but one of the two is usually not the official "
            "form. Differences of case alone (a title capitalised before a name and "
            "lowercase after it) and abbreviations ('CEO', 'chief executive') are not "
            "reported."
        ),
        examples_fail=(
            "Rory Green, chief economist and head of Asian research at TS Lombard, spoke.\n"
            + _BREAK
            + "Rory Green, Chief Economist and Head of Asia Research at TS Lombard, spoke.\n",
        ),
        examples_pass=(
            "Rory Green, chief economist and head of Asia research at TS Lombard, spoke.\n"
            + _BREAK
            + "Rory Green, Chief Economist and Head of Asia Research at TS Lombard, spoke.\n",
        ),
    ),
    RuleMeta(
        id="FL303",
        name="quote-drift",
        category="quote",
        severity=Severity.WARNING,
        summary="A speaker's quote is worded differently in another place",
        scope="corpus",
        rationale=(
            "A direct quote promises the speaker's exact words. When two articles (or two "
            "places in one) quote the same remark of the same speaker in different words, "
            "at most one of them can be verbatim; usually one is a translation or a "
            "paraphrase that should lose its quote marks. The message shows the words "
            "that changed. Differences of case, punctuation and quote style are ignored, "
            "and an excerpt of a longer quote is not a drift; two sentences that name "
            "different places, people or figures are two statements, not one drifted. A "
            "quote whose speaker is only described ('the minister') or not given is "
            "compared only between copies of one story: articles that share another "
            "quoted sentence word for word."
        ),
        examples_fail=(
            '"The tech shock has just begun, and it will reshape every emerging market '
            'economy," Rory Green said.\n'
            + _BREAK
            + '"The tech shock is just getting started, and it will reshape every emerging '
            'market economy," Rory Green said.\n',
        ),
        examples_pass=(
            '"The tech shock has just begun, and it will reshape every emerging market '
            'economy," Rory Green said.\n'
            + _BREAK
            + '"The Tech Shock has just begun - and it will reshape every emerging market '
            'economy," Rory Green said.\n',
        ),
    ),
    RuleMeta(
        id="FL304",
        name="quote-speaker-conflict",
        category="quote",
        severity=Severity.ERROR,
        summary="The same quote is attributed to two different people",
        scope="corpus",
        rationale=(
            "A quotation put in the wrong mouth is among the most damaging errors a "
            "publication can make. A quote of at least eight words whose normalised text "
            "is equal (or at least 95% similar, or contained in the other) is reported "
            "when its two speakers are people named at the quote who cannot be the same "
            "person. Sources that are not people ('the report', 'CNBC') and speakers "
            "reached through a pronoun are not compared."
        ),
        examples_fail=(
            '"We will not raise taxes on working families this year or next," said Anna '
            "Berg.\n" + _BREAK + '"We will not raise taxes on working families this year or '
            'next," said Tom Walsh.\n',
        ),
        examples_pass=(
            '"We will not raise taxes on working families this year or next," said Anna '
            "Berg.\n" + _BREAK + '"We will not raise taxes on working families this year or '
            'next," said Ms Berg.\n',
        ),
    ),
)
SCOPE = "corpus"
READS = ("attributions", "published")  # besides its per_document values
OPTIONS = {"drift_threshold": float, "title_max_days_apart": int}
DEFAULTS = {"drift_threshold": 75.0, "title_max_days_apart": 183}


def check(corpus: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
    docs = list(corpus)
    if {"FL301", "FL302"} & set(ctx.rules):
        yield from _title_findings(docs, ctx)
    if "FL303" in ctx.rules:
        yield from _drift_findings(docs, _units(docs), ctx)
    if "FL304" in ctx.rules:
        yield from _speaker_conflicts(docs, ctx)


# Keys of `_links`, by the texts they digest.
def _person_key(tokens: tuple[str, ...]) -> str:
    return f"person|{tokens[0]}|{tokens[-1]}"


def _form_key(form: str) -> str:
    return f"quote|{form}"


def _sentence_key(norm: str) -> str:
    return f"sentence|{norm}"


def _sentence_term(term: str) -> str:
    return f"sentence-term|{term}"


_SENTENCES = "sentences"  # a key every distinct sentence has: their number


def _conflict_term(term: str) -> str:
    return f"conflict-term|{term}"


@per_document("FL301", "FL302", "FL303", "FL304")
def _links(analysis: Analysis) -> Links:
    """What pairs this article's people and quotes with another's (factlint.links).

    - each full name given with a title or an organisation: FL301/FL302 compare every
      such mention of it (a bare name agrees and conflicts with nothing);
    - each quote's wording: an earlier verbatim copy silences FL303, FL304 compares
      copies;
    - each quoted sentence, by its wording (every copy) and its content words: FL303
      compares two sentences with two words in common, one of them rare, counting a
      word once per distinct sentence, as it weighs them;
    - each quote FL304 may compare, by its content words, once per distinct wording.
    """
    always = array("Q")
    for person in analysis.attributions.people:
        tokens = name_tokens(person.name)
        if len(tokens) >= 2 and (person.title or person.organisation):
            always.append(link_key(_person_key(tokens)))
    quotes = _quotes(analysis)
    always.extend(link_key(_form_key(form)) for form in quotes.forms)
    items: list[tuple[str, list[str], int]] = []
    for u in quotes.units:
        always.append(link_key(_sentence_key(u.norm)))
        items.append((_sentence_key(u.norm), [_sentence_term(t) for t in sorted(u.terms)], 2))
        # Counts the distinct sentences; one key of two asked never links.
        items.append((f"counted|{u.norm}", [_SENTENCES], 2))
    for form, eligible in zip(quotes.forms, quotes.conflicts, strict=True):
        if eligible:
            items.append((_form_key(form), [_conflict_term(t) for t in sorted(_terms(form))], 1))
    return with_items(array("Q"), always, items)


LINKS = _links


# --------------------------------------------------------------------------- word tables


@functools.cache
def word_tables() -> dict[str, frozenset[str]]:
    """The attribution extractor's word lists (reporting verbs, places, demonyms...)."""
    data = load_yaml("attribution.yaml", strings=True)
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


# Mostly single words, asked again and again.
fold = functools.lru_cache(maxsize=1 << 16)(fold_text)


# --------------------------------------------------------------------------- names

_NAME_WORD = fastre.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*\.?")


@functools.lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded name words without honorifics and initials: "Mr. Rory J. Green" -> rory green."""
    honorifics = {fold(h).rstrip(".") for h in word_tables()["honorifics"]}
    words = [fold(w).rstrip(".").removesuffix("'s") for w in _NAME_WORD.findall(name)]
    while words and words[0] in honorifics:
        words.pop(0)
    return tuple(w for w in words if len(w) > 1)


def same_name(a: str, b: str) -> bool:
    """Two full names of one person: equal, or the same first and last name."""
    ta, tb = name_tokens(a), name_tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    return ta == tb or (ta[0] == tb[0] and ta[-1] == tb[-1])


def _speaker_kind(speaker: str, people: Sequence[Person]) -> str:
    """ "person" (a named person), "name" (a capitalised source that may be one) or ""."""
    if not speaker or not speaker[0].isupper() or speaker.startswith(("The ", "A ", "An ")):
        return ""
    if any(same_person(speaker, p.name) for p in people):
        return "person"
    words = speaker.split()
    if len(words) > 5 or speaker.isupper():
        return ""
    orgs = word_tables()["org_words"]
    if any(w in orgs or w.rstrip(".") in orgs for w in words):
        return ""
    return "person" if len(name_tokens(speaker)) >= 2 and len(words) >= 2 else "name"


def _described(speaker: str) -> bool:
    """A speaker given by a description, not a name ("the Prime Minister", "a spokesperson
    for the union", "the report"): FL303 compares its quotes only between articles that
    share another quoted sentence word for word (copies of one story), since one
    description names different people in different stories."""
    return speaker.startswith(("the ", "a ", "an ")) and " " in speaker[2:].strip()


@functools.lru_cache(maxsize=8192)
def _speakers_match(a: str, b: str) -> bool:
    if len(name_tokens(a)) >= 2 and len(name_tokens(b)) >= 2:
        return same_name(a, b) or same_person(a, b)
    return same_person(a, b)


# --------------------------------------------------------------------------- titles

# Words that make a title time-bound: two different ones can both be true.
_TIME_BOUND = frozenset(
    "former ex acting interim outgoing incoming then late new current future caretaker "
    "designate elect retired emeritus previous onetime erstwhile".split()
)
# "local" says where without saying which: a "local official" may be the district's.
_TITLE_STOP = frozenset("of at the for a an in with on to from s local".split())
_ROLE_SPLIT = fastre.compile(r"\s*(?:,|;|/|&|\band\b)\s*")
_WORD = fastre.compile(r"[\p{L}\p{N}]+")
# Organisation words that say nothing about which organisation it is.
_ORG_FILLER = frozenset(
    "inc corp corporation co company ltd llc plc group holdings the of and for".split()
)
# Descriptions of a place, not an organisation ("the Caribbean Territory").
_PLACE_NOUNS = frozenset(
    "territory territories government state states country nation region island islands "
    "city county province republic kingdom administration".split()
)


@functools.cache
def _place_words() -> frozenset[str]:
    t = word_tables()
    words: set[str] = set()
    for entry in t["places"] | t["demonyms"]:
        words.update(_WORD.findall(fold(entry)))
    return frozenset(words | _NATIONS)


# Countries as organisations' names qualify them: "U.S. Coast Guard".
_NATIONS = frozenset(
    "american british chinese french german japanese indian russian european "
    "canadian australian mexican brazilian italian spanish dutch swiss irish welsh "
    "scottish english korean african asian caribbean u s k usa uk us eu un".split()
)


def _role_words(role: str, drop: frozenset[str]) -> tuple[str, ...]:
    out = [w for w in spelled_title(role) if w not in _TITLE_STOP and w not in drop]
    # A country in front qualifies the title ("U.S. President"); inside it is the role
    # ("head of Asia research").
    places = _place_words()
    while len(out) > 1 and out[0] in places:
        out.pop(0)
    # "chief executive officer" is "chief executive"; "co founder" one word.
    text = " ".join(out).replace("chief executive officer", "chief executive")
    text = text.replace("co founder", "cofounder")
    return tuple(text.split())


_WORD_ENDING = fastre.compile(r"(?:ing|ers?|ed|s)$")


def _word_like(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short[: max(4, len(short) - 1)]):
        return True
    # One stem, two endings: "lander manager" / "landing manager".
    stem = _WORD_ENDING.sub("", short)
    return len(stem) >= 4 and stem == _WORD_ENDING.sub("", long_)


# Words that change a rank: "Vice President" is not "President".
_RANK = frozenset(
    "vice deputy assistant associate co under sub lieutenant chief head executive managing "
    "general principal junior senior lead first second adjunct honorary visiting".split()
)


def _narrower(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """`long_` is `short` with descriptive words added ("research director" / "AI research
    director"), none of which changes the rank."""
    if len(short) >= len(long_):
        return False
    rest = iter(long_)
    extra: list[str] = []
    for w in short:
        for x in rest:
            if _word_like(w, x):
                break
            extra.append(x)
        else:
            return False
    extra.extend(rest)
    return not any(w in _RANK for w in extra)


def _same_role(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b):
        return False
    rest = list(b)
    for w in a:
        hit = next((i for i, x in enumerate(rest) if _word_like(w, x)), None)
        if hit is None:
            return False
        rest.pop(hit)
    return True


def _roles(title: str, drop: frozenset[str]) -> list[tuple[str, ...]]:
    roles = [_role_words(part, drop) for part in _ROLE_SPLIT.split(title)]
    return [r for r in roles if r]


def _time_bound(title: str) -> bool:
    return any(w in _TIME_BOUND for w in _WORD.findall(fold(title)))


def _org_words(org: str) -> tuple[str, ...]:
    """Its words but the filler, a country's adjective as its name ("North Korean" is
    "North Korea")."""
    return tuple(country(w) for w in _WORD.findall(fold(org)) if w not in _ORG_FILLER)


def _acronym(org: str) -> str:
    return "".join(w[0] for w in _WORD.findall(org) if w[0].isupper()).lower()


@functools.cache
def _generic_org_words() -> frozenset[str]:
    words = {fold(w).rstrip(".") for w in word_tables()["org_words"]}
    return frozenset(words | _PLACE_NOUNS)


def _descriptive(org: str) -> bool:
    """ "the Caribbean Territory", "US", "the Centre": a place or a kind of organisation,
    not one organisation."""
    words = _org_words(org)
    places = _place_words()
    generic = _generic_org_words()
    return not words or all(w in places or w in generic for w in words)


def same_organisation(a: str, b: str) -> bool:
    """One organisation written two ways: equal, shorter, an acronym of the other, or
    one word clipped from the start of the other's first ("Fed" / "Federal Reserve",
    "Met" / "Metropolitan Police")."""
    wa, wb = _org_words(a), _org_words(b)
    if not wa or not wb:
        return True
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    # A unit of an organisation is of it: "First Coast Guard District" / "U.S. Coast Guard".
    ca, cb = _core_org_words(wa), _core_org_words(wb)
    if len(ca) >= 2 and len(cb) >= 2 and (ca <= cb or cb <= ca):
        return True
    for short, long_ in ((wa, wb), (wb, wa)):
        if len(short) == 1 and len(long_) > 1 and _clipped(short[0], long_[0]):
            return True
    ca, cb = a.replace(".", "").strip(), b.replace(".", "").strip()
    for short, long_ in ((ca, b), (cb, a)):
        if short.isupper() and len(short) >= 2 and short.lower() == _acronym(long_):
            return True
    return False


# Words that name a part of an organisation, or which one of many it is.
_UNIT_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "district division branch region regional unit office bureau sector command".split()
)


def _core_org_words(words: Sequence[str]) -> frozenset[str]:
    """An organisation's words without its country and the words that name a unit of it."""
    return frozenset(w for w in words if w not in _NATIONS and w not in _UNIT_WORDS)


def _clipped(short: str, word: str) -> bool:
    return len(short) >= 3 and len(word) > len(short) and word.startswith(short)


def _match_roles(a_title: str, b_title: str, drop: frozenset[str]) -> str:
    """ "same", "wording", "rank" (one post in two ranks), "other" (different posts) or
    "" (nothing to compare)."""
    ra, rb = _roles(a_title, drop), _roles(b_title, drop)
    if not ra or not rb:
        return ""
    small, large = (ra, rb) if len(ra) <= len(rb) else (rb, ra)
    pool = list(large)
    result = "same"
    for role in small:
        exact = next((i for i, x in enumerate(pool) if x == role), None)
        if exact is not None:
            pool.pop(exact)
            continue
        like = next((i for i, x in enumerate(pool) if _same_role(role, x)), None)
        if like is not None:
            pool.pop(like)
            result = "wording" if result == "same" else result
            continue
        wider = next(
            (i for i, x in enumerate(pool) if _narrower(role, x) or _narrower(x, role)), None
        )
        if wider is not None:
            pool.pop(wider)
        elif any(_word_like(role[-1], x[-1]) for x in pool):
            return "rank"
        else:
            result = "other"
    return result


def _chief_officers(title: str, drop: frozenset[str]) -> set[tuple[str, ...]]:
    """The company's top posts a title names: chief executive, chief financial officer,
    chief operating officer... ("CEO", "CFO" written out)."""
    return {
        r
        for r in _roles(title, drop)
        if r == ("chief", "executive") or (len(r) >= 3 and r[0] == "chief" and r[-1] == "officer")
    }


# Offices one person holds one at a time: a head of government is not a governor, a
# mayor not a senator ("Chief Minister Naveen Patnaik" / "Governor Naveen Patnaik").
_PUBLIC_OFFICES = frozenset(
    {
        ("president",),
        ("prime", "minister"),
        ("chief", "minister"),
        ("first", "minister"),
        ("premier",),
        ("governor",),
        ("lieutenant", "governor"),
        ("mayor",),
        ("senator",),
        ("representative",),
        ("congressman",),
        ("congresswoman",),
        ("attorney", "general"),
    }
)


def _public_offices(title: str, drop: frozenset[str]) -> set[tuple[str, ...]]:
    """The public offices a title names, as `_PUBLIC_OFFICES` holds them."""
    return {r for r in _roles(title, drop) if r in _PUBLIC_OFFICES}


@functools.lru_cache(maxsize=8192)
def compare_titles(a_title: str, a_org: str, b_title: str, b_org: str) -> str:
    """How two descriptions of one person differ: "" (no conflict), "wording" or "role".

    "role" when the organisation differs, or one role is another's in a different rank
    ("President" / "Vice President", "economist" / "chief economist", "research
    director" / "sales director": the same head noun, other words), or the two name
    different top posts of a company, or different public offices, and neither names
    both ("chief executive" / "chief financial officer", "governor" / "senator": one
    person holds one of them); "wording" when the roles are the same words in another
    form ("Asian" / "Asia"); "" when they agree, differ only in case, abbreviations or
    a country in front, one side says less, or the roles have different head nouns
    ("chairman" / "chief executive": one person often holds both, and an article names
    one).
    """
    if _time_bound(a_title) or _time_bound(b_title):
        return ""
    drop = frozenset(_org_words(a_org)) | frozenset(_org_words(b_org))
    roles = _match_roles(a_title, b_title, drop) if a_title and b_title else ""
    if roles == "rank":
        return "role"
    if roles == "other":
        for posts in (_chief_officers, _public_offices):
            a_top, b_top = posts(a_title, drop), posts(b_title, drop)
            if a_top and b_top and a_top.isdisjoint(b_top):
                return "role"
    if (
        a_org
        and b_org
        and not _descriptive(a_org)
        and not _descriptive(b_org)
        and not same_organisation(a_org, b_org)
        and not _acronym_may_hold(a_org, b_org)
        and not _acronym_may_hold(b_org, a_org)
        # "executive director, LIGO" / "executive director of the ... (LIGO)
        # laboratory, Caltech": one organisation is named in the other side's title.
        and not _org_in_title(a_org, b_title)
        and not _org_in_title(b_org, a_title)
    ):
        return "role"
    return "wording" if roles == "wording" else ""


def _acronym_may_hold(acronym: str, word: str) -> bool:
    """Whether an acronym may stand for a name one of its words is: "NAR" (National
    Association of Realtors) and "the Realtor group"."""
    short = acronym.replace(".", "").strip()
    words = _org_words(word)
    return (
        short.isupper()
        and 2 <= len(short) <= 6
        and len(words) == 1
        and not word.isupper()
        and words[0][:1].upper() in short
    )


def _org_in_title(org: str, title: str) -> bool:
    words = frozenset(_org_words(org))
    return bool(words) and words <= frozenset(_org_words(title))


@functools.lru_cache(maxsize=8192)
def titles_agree(a_title: str, b_title: str) -> bool:
    """The same post, however worded: "CEO" / "chief executive", "economist" / "chief
    economist and head of research" (one side says less)."""
    if _time_bound(a_title) or _time_bound(b_title):
        return False
    return _match_roles(a_title, b_title, frozenset()) in ("same", "wording")


def describe(title: str, org: str) -> str:
    if title and org:
        return f"{title}, {org}"
    return title or org


# --------------------------------------------------------------------------- FL301/FL302


@dataclass(frozen=True, slots=True)
class _Mention:
    """A person named in one article of the run, for FL301/FL302."""

    doc: int
    person: Person


# Related passages shown for one title finding; more add cost, not information.
MAX_EVIDENCE = 5


def _title_findings(docs: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
    by_key: dict[tuple[str, str], list[_Mention]] = {}
    for i, analysis in enumerate(docs):
        for person in analysis.attributions.people:
            tokens = name_tokens(person.name)
            if len(tokens) >= 2:  # the key is the first and last name: `same_name`
                by_key.setdefault((tokens[0], tokens[-1]), []).append(_Mention(i, person))
    keys_of_doc: list[set[tuple[str, str]]] = [set() for _ in docs]
    for key, mentions in by_key.items():
        for m in mentions:
            keys_of_doc[m.doc].add(key)
    max_days = int(ctx.options.get("title_max_days_apart", 183))
    for key, mentions in by_key.items():
        if len({m.doc for m in mentions}) < 2:
            continue
        # Mentions grouped by what they say, so a person named in a thousand articles
        # costs a comparison per distinct title, not per pair of articles.
        seen: dict[tuple[str, str], list[_Mention]] = {}
        for later in mentions:
            here = (later.person.title, later.person.organisation)
            if not ctx.concerns(later.doc):
                seen.setdefault(here, []).append(later)
                continue  # a finding here would be dropped; it stays evidence for others
            found: dict[str, list[_Mention]] = {}
            agreed = False
            for there, earlier in seen.items():
                agreed = agreed or _agree(*there, *here)
                kind = compare_titles(*there, *here)
                for m in earlier if kind else ():
                    if len(found.get(kind, ())) >= MAX_EVIDENCE:
                        break  # enough evidence; a famous name must not cost n² work
                    if m.doc == later.doc:
                        continue
                    if kind == "wording" or _role_conflict(
                        docs, m, later, keys_of_doc, key, max_days
                    ):
                        found.setdefault(kind, []).append(m)
            seen.setdefault(here, []).append(later)
            if agreed:
                continue  # the difference shows, and is reported, between the earlier ones
            for kind, others in found.items():
                rule = "FL301" if kind == "role" else "FL302"
                if rule in ctx.rules:
                    yield _title_finding(docs, ctx, rule, later, others)


@functools.lru_cache(maxsize=8192)
def _agree(a_title: str, a_org: str, b_title: str, b_org: str) -> bool:
    """Both give the same title or organisation, and nothing conflicts."""
    if compare_titles(a_title, a_org, b_title, b_org):
        return False
    org = bool(a_org and b_org) and not _descriptive(a_org)
    return titles_agree(a_title, b_title) or (org and not (a_title and b_title))


def _role_conflict(
    docs: Sequence[Analysis],
    a: _Mention,
    b: _Mention,
    keys_of_doc: Sequence[set[tuple[str, str]]],
    key: tuple[str, str],
    max_days: int,
) -> bool:
    """A role difference between two articles that is a conflict: they are close in time,
    and the two people are one (the title or organisation agrees, or the articles share
    another person)."""
    pa, pb = a.person, b.person
    da, db = docs[a.doc].published, docs[b.doc].published
    if da is not None and db is not None and abs((da - db).days) > max_days:
        return False  # people change jobs
    org_agrees = (
        bool(pa.organisation and pb.organisation)
        and not _descriptive(pa.organisation)
        and same_organisation(pa.organisation, pb.organisation)
    )
    if _one_office(docs, a, b):
        return False
    if titles_agree(pa.title, pb.title) or org_agrees:
        return True
    # "Chief Financial Officer David Wehner" in an article about Facebook, "Facebook
    # COO David Wehner" in another: the organisation one side gives, the other names.
    for one, other in ((a, b), (b, a)):
        org = one.person.organisation
        if (
            org
            and not other.person.organisation
            and not _descriptive(org)
            and _org_named_in(docs[other.doc], org)
        ):
            return True
    return bool((keys_of_doc[a.doc] & keys_of_doc[b.doc]) - {key})


def _org_named_in(analysis: Analysis, org: str) -> bool:
    """Whether an article names an organisation, every word of it."""
    words = frozenset(_org_words(org))
    return bool(words) and words <= _bare_org_words(analysis.doc.prose)


# How far around a mention its organisation may be written out (a long office name).
_NEAR_MENTION = 160


def _one_office(docs: Sequence[Analysis], a: _Mention, b: _Mention) -> bool:
    """The same title in two organisations, each written out next to the other mention:
    one office that the two parses cut apart ("FDA Division of Diabetes, Lipid
    Disorders, and Obesity Director John Sharretts" / "John Sharretts, director of the
    FDA's Division of Diabetes, Lipid Disorders, and Obesity": 'Obesity' / 'FDA's
    Division of Diabetes')."""
    pa, pb = a.person, b.person
    orgs = (pa.organisation, pb.organisation)
    if not all(orgs) or same_organisation(*orgs):
        return False
    if pa.title and pb.title and not titles_agree(pa.title, pb.title):
        return False
    near = [_words_near(docs[m.doc], m.person.span) for m in (b, a)]
    return all(
        bool(words := _bare_org_words(org)) and words <= around
        for org, around in zip(orgs, near, strict=True)
    )


def _words_near(analysis: Analysis, span: Span) -> frozenset[str]:
    text = analysis.doc.prose
    return _bare_org_words(text[max(0, span.start - _NEAR_MENTION) : span.end + _NEAR_MENTION])


_POSSESSIVE = fastre.compile(r"['’]s\b")


def _bare_org_words(text: str) -> frozenset[str]:
    """`_org_words`, "FDA's" read as "FDA"."""
    return frozenset(_org_words(_POSSESSIVE.sub("", text)))


def _title_finding(
    docs: Sequence[Analysis], ctx: Context, rule: str, later: _Mention, others: list[_Mention]
) -> Finding:
    doc = docs[later.doc].doc
    p = later.person
    span = p.title_span or p.span
    first = others[0].person
    other_path = Path(docs[others[0].doc].doc.path).name
    same_org = same_organisation(p.organisation, first.organisation)
    here = describe(p.title, "" if same_org and p.title else p.organisation)
    there = describe(first.title, "" if same_org and first.title else first.organisation)
    if rule == "FL301":
        message = f"{p.name} is '{here}' here but '{there}' in {other_path}"
    else:
        message = f"{p.name}'s title is worded '{here}' here but '{there}' in {other_path}"
    related = [
        ctx.related(
            docs[o.doc].doc,
            o.person.title_span or o.person.span,
            f"{o.person.name}: {describe(o.person.title, o.person.organisation)}",
        )
        for o in others
    ]
    titles = sorted({fold(describe(x.person.title, x.person.organisation)) for x in others})
    key = "|".join([" ".join(name_tokens(p.name)), fold(here), *titles])
    return ctx.finding(rule, doc, span, message, related=related, key=key)


# --------------------------------------------------------------------------- quote units

_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "hundred": "100",
}
_TERM_ALIASES = {
    "chinese": "china",
    "american": "america",
    "us": "america",
    "usa": "america",
    "european": "europe",
    "eu": "europe",
    "british": "britain",
    "uk": "britain",
    "tech": "technology",
    "govt": "government",
    "percent": "%",
}
_SENTENCE = fastre.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘']?[\p{Lu}\p{N}])")
_MIN_UNIT_WORDS = 5
_CAPITALISED = fastre.compile(r"(?<![\p{L}\p{N}'’\-])\p{Lu}[\p{L}'’\-]*|(?<=^)\S+")


@dataclass(frozen=True, slots=True)
class _Unit:
    """One sentence of a quote: what quotes are compared by."""

    index: int  # position in the run's list of units
    doc: int
    quote: int  # index into the document's quotes
    seq: int  # position among the document's units
    text: str
    norm: str
    terms: frozenset[str]
    speaker: str  # the quote's speaker when it may be a person, else ""
    names: frozenset[str]  # capitalised words after the first, as terms
    numbers: frozenset[str]


_CONTRACTIONS = (
    (fastre.compile(r"\b(?:won|wo)['’]t\b", regex.I), "will not"),
    (fastre.compile(r"\bcan['’]t\b", regex.I), "can not"),
    (fastre.compile(r"\bcannot\b", regex.I), "can not"),
    (fastre.compile(r"\bshan['’]t\b", regex.I), "shall not"),
    (fastre.compile(r"(?<=\p{L})n['’]t\b", regex.I), " not"),
    (fastre.compile(r"(?<=\p{L})['’]re\b", regex.I), " are"),
    (fastre.compile(r"(?<=\p{L})['’]ll\b", regex.I), " will"),
    (fastre.compile(r"(?<=\p{L})['’]ve\b", regex.I), " have"),
    (fastre.compile(r"\b(i)['’]m\b", regex.I), r"\1 am"),
    (fastre.compile(r"\b(it|that|there|what|here)['’]s\b", regex.I), r"\1 is"),
)


# One temperature, however an outlet's style writes it: "1°C", "1 deg C", "1 degree C".
_DEGREES = fastre.compile(
    r"(?<=\d)\s*(?:[°º˚]|\s(?:deg|degs|degrees?)\.?)\s*(?:(c)(?:elsius)?|(f)(?:ahrenheit)?)\b",
    regex.I,
)


def _degrees(text: str) -> str:
    return _DEGREES.sub(lambda m: f" degrees {(m[1] or m[2]).upper()}", text)


def compare_form(text: str) -> str:
    """`normalise_quote` with contractions spelled out, number words as digits and one
    spelling of degrees ("won't" = "will not", "five to 10" = "5 to 10", "1°C" =
    "1 deg C")."""
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = _degrees(text)
    return " ".join(_NUMBER_WORDS.get(w) or us_spelling(w) for w in normalise_quote(text).split())


def _terms(norm: str) -> frozenset[str]:
    out = set()
    for w in norm.split():
        w = _TERM_ALIASES.get(w, w)
        if w.isdigit() or w == "%":
            out.add(w)
        elif len(w) > 2 and w not in STOPWORDS:
            out.add(stem(w)[:6])
    return frozenset(out)


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text)]
    units = [p for p in parts if len(p.split()) >= _MIN_UNIT_WORDS]
    if not units and len(text.split()) >= _MIN_UNIT_WORDS:
        units = [text]
    return units


@dataclass(frozen=True, slots=True)
class _Quotes:
    """What FL303 and FL304 compare of one article's quotes (computed where it is read)."""

    forms: tuple[str, ...]  # each quote's compare form
    units: tuple[_Unit, ...]  # index and doc are -1 until a run numbers them
    conflicts: tuple[bool, ...]  # each quote may take part in FL304


@per_document("FL303", "FL304")
def _quotes(analysis: Analysis) -> _Quotes:
    attrs = analysis.attributions
    forms = tuple(compare_form(q.text) for q in attrs.quotes)
    units: list[_Unit] = []
    conflicts: list[bool] = []
    for k, q in enumerate(attrs.quotes):
        kind = _speaker_kind(q.speaker, attrs.people)
        conflicts.append(
            len(forms[k].split()) >= _CONFLICT_MIN_WORDS
            and kind == "person"
            and _named_at(analysis, q)
        )
        if q.speaker and not kind and not _described(q.speaker):
            continue  # "officials", "CNBC": no speaker to compare
        if not q.speaker and len(q.text.split()) < 8:
            continue  # scare quotes and names
        for s in _sentences(q.text):
            norm = compare_form(s)
            terms = _terms(norm)
            names = _terms(" ".join(_CAPITALISED.findall(s)[1:]).lower()) - {"i"}
            numbers = frozenset(_DIGITS.findall(norm))  # "$15" too
            units.append(_Unit(-1, -1, k, len(units), s, norm, terms, q.speaker, names, numbers))
    return _Quotes(forms, tuple(units), tuple(conflicts))


# A unit's fields after `index` and `doc`, which a run sets: _Unit(index, doc, *rest)
# costs a third of dataclasses.replace, and 10,000 articles make ~90,000 units.
_AFTER_DOC = operator.attrgetter(*(f.name for f in fields(_Unit)[2:]))
assert [f.name for f in fields(_Unit)[:2]] == ["index", "doc"]


def _units(docs: Sequence[Analysis]) -> list[_Unit]:
    units: list[_Unit] = []
    for d, analysis in enumerate(docs):
        for u in _quotes(analysis).units:
            units.append(_Unit(len(units), d, *_AFTER_DOC(u)))
    return units


# --------------------------------------------------------------------------- FL303


@dataclass(frozen=True, slots=True)
class _Score:
    """How alike two quote sentences are, for FL303: similarity ratios, shared weight and words."""

    ratio: float  # token_set_ratio of the normalised sentences
    weight: float  # share of the smaller side's content weight found in the other
    shared: int  # content words in common
    same: bool  # equal, or one contained in the other: no drift
    plain: float = 0.0  # rapidfuzz ratio (in order) of the normalised sentences, 0 below 85

    @property
    def value(self) -> float:
        return self.ratio + 100 * self.weight


_DIGITS = fastre.compile(r"\d+")


def _score(a: _Unit, b: _Unit, idf: dict[str, float], totals: Sequence[float]) -> _Score:
    shared = a.terms & b.terms
    na, nb = f" {a.norm} ", f" {b.norm} "
    if na in nb or nb in na:  # the common case of wire copy: no need to measure
        return _Score(100.0, 1.0, len(shared), True)
    # Each side names someone or something, or gives a figure, the other does not:
    # "the situation in Gaza" / "the situation in Ukraine" are two statements.
    if (a.names - b.names and b.names - a.names) or (
        a.numbers - b.numbers and b.numbers - a.numbers
    ):
        return _Score(0.0, 0.0, len(shared), False)
    # Word for word but a number ("declined by 16.1%" / "by 21.1%", where 21 is written
    # elsewhere in the sentence too): a figure changed, which the number rules report.
    if a.numbers != b.numbers and _DIGITS.sub("#", na) == _DIGITS.sub("#", nb):
        return _Score(0.0, 0.0, len(shared), False)
    smaller = min(totals[a.index], totals[b.index])
    # fsum: a sum over a set must not depend on the order the set is walked in (which
    # changes with the hash seed of each run): weights are compared, and tie.
    weight = math.fsum(idf[t] for t in shared) / smaller if smaller else 0.0
    plain = text_ratio(a.norm, b.norm, 85)  # only ever asked whether it reaches 85
    if plain < 85 and weight < 0.5 and len(shared) < 4:
        # No token-set ratio can make this pair strong, moderate or an anchor.
        return _Score(0.0, weight, len(shared), False, plain)
    from rapidfuzz import fuzz

    return _Score(fuzz.token_set_ratio(a.norm, b.norm), weight, len(shared), False, plain)


def _strong(s: _Score, threshold: float) -> bool:
    if s.same or (s.plain >= 85 and s.shared >= 2):  # a word or two changed
        return True
    return s.ratio >= threshold and s.weight >= 0.6 and s.shared >= 3


def _moderate(s: _Score, threshold: float) -> bool:
    return s.same or (s.ratio >= threshold - 15 and s.weight >= 0.5 and s.shared >= 2)


def _anchor(s: _Score) -> bool:
    """Near-verbatim: enough to give an unattributed quote the other side's speaker."""
    return s.shared >= 4 and (s.same or s.ratio >= 90)


@per_document("FL303")
def _paragraph_bounds(analysis: Analysis) -> array[int]:
    """Each paragraph's start and end, flat: all FL303 asks of an article's paragraphs
    (a tenth of the memory of its spans, held for every article of a run)."""
    return array("Q", [x for p in analysis.paragraphs for x in (p.start, p.end)])


class _Speakers:
    """The speakers of a run by the last word of their name, to ask a paragraph once
    which of them it names (not each speaker of each meeting again: 200,000 asks at
    10,000 articles)."""

    def __init__(self, speakers: Iterable[str]) -> None:
        self.by_word: dict[str, list[str]] = {}
        self.odd: list[tuple[str, str]] = []  # a last word that is not one word
        for speaker in speakers:
            tokens = name_tokens(speaker)
            if not tokens:
                continue
            last = tokens[-1]
            if last and " " not in last:
                self.by_word.setdefault(last, []).append(speaker)
            else:
                self.odd.append((speaker, last))
        self._near: dict[tuple[int, int], frozenset[str]] = {}

    def named_near(self, doc: int, analysis: Analysis, quote: Quote) -> frozenset[str]:
        """The speakers whose last name is written in the quote's paragraph or the next."""
        where = (doc, quote.paragraph)
        found = self._near.get(where)
        if found is None:
            found = self._near[where] = self._named_in(analysis, quote.paragraph)
        return found

    def _named_in(self, analysis: Analysis, paragraph: int) -> frozenset[str]:
        bounds = _paragraph_bounds(analysis)
        count = len(bounds) // 2
        if paragraph >= count:
            return frozenset()
        lo = bounds[2 * paragraph]
        hi = bounds[2 * min(paragraph + 1, count - 1) + 1]
        found = dict.fromkeys(fold(w) for w in _WORD.findall(analysis.doc.prose[lo:hi]))
        words = f" {' '.join(found)} "
        # A word without spaces is written there if it is one of the pieces between them.
        pieces = set(words.split(" "))
        named = [sp for w in pieces.intersection(self.by_word) for sp in self.by_word[w]]
        named += [sp for sp, last in self.odd if f" {last} " in words]
        return frozenset(named)


def _drift_findings(
    docs: Sequence[Analysis], units: list[_Unit], ctx: Context
) -> Iterator[Finding]:
    threshold = float(ctx.options.get("drift_threshold", 75.0))
    # Only pairs that touch a reported article can change a kept finding: a unit's
    # best match per article competes only with the unit's other pairs (`_accept`).
    mine = [ctx.concerns(u.doc) for u in units]
    # Each step is its own function, so what it builds is let go before the next.
    groups, matched = _matched_forms(units, threshold, mine, ctx.totals)
    usable = _usable_pairs(docs, units, groups, matched, mine, ctx.reported)
    accepted = _accept(units, usable, threshold)
    yield from _report_drift(docs, units, usable, accepted, ctx)


def _matched_forms(
    units: Sequence[_Unit], threshold: float, mine: Sequence[bool], run: Totals | None = None
) -> tuple[list[list[int]], list[tuple[int, int, _Score]]]:
    """The units of each distinct sentence, and the pairs of sentences (x, y, score)
    alike enough to compare, where either has a unit in a reported article (`mine`).
    Copies of one sentence (wire copy) are indexed and scored once, and count once for
    how rare a word is: among these units, or in the whole run (`run`) when these are
    only the articles linked to the reported ones."""
    copies: dict[str, list[int]] = {}
    for u in units:
        copies.setdefault(u.norm, []).append(u.index)
    firsts = [units[members[0]] for members in copies.values()]
    wanted = [any(mine[i] for i in members) for members in copies.values()]
    count = None
    if run is None:
        df = Counter(t for u in firsts for t in u.terms)
        sentences = len(firsts)
    else:
        df = Counter({t: run(_sentence_term(t)) for u in firsts for t in u.terms})
        sentences = run(_SENTENCES)
        count = lambda _bucket, term: df[term]  # noqa: E731
    idf = {t: math.log(1 + sentences / n) for t, n in df.items()}
    totals = {u.index: math.fsum(idf[t] for t in u.terms) for u in firsts}
    matched: list[tuple[int, int, _Score]] = []
    subjects = [("", Subject(u.text, terms=u.terms)) for u in firsts]
    for x, y in candidate_pairs(subjects, count=count):
        a, b = firsts[x], firsts[y]
        if not (wanted[x] or wanted[y]) or len(a.terms & b.terms) < 2:
            continue
        s = _score(a, b, idf, totals)
        if _moderate(s, threshold) or _strong(s, threshold) or _anchor(s):
            matched.append((x, y, s))
    return list(copies.values()), matched


@dataclass(slots=True)
class _Pairs:
    """The unit pairs that may be one remark, packed one int each, sorted:
    `(i * n + j) * len(scores) + score index` for units i < j of n.

    Wire copy makes them many (a sentence in a hundred articles pairs ten thousand
    ways): a dict of pairs to scores took ~130 bytes a pair, the array takes 8.
    """

    n: int
    packed: array[int] | list[int]  # a list where the ints outgrow 64 bits
    scores: list[_Score]

    def unpack(self, p: int) -> tuple[int, int, _Score]:
        key, si = divmod(p, len(self.scores))
        i, j = divmod(key, self.n)
        return i, j, self.scores[si]

    def score_index(self, i: int, j: int) -> int:
        """The index in `scores` of the pair's score, -1 if the pair is not kept."""
        k = len(self.scores)
        key = (i * self.n + j if i < j else j * self.n + i) * k
        pos = bisect.bisect_left(self.packed, key)
        if pos < len(self.packed) and self.packed[pos] - key < k:
            return self.packed[pos] - key
        return -1


def _usable_pairs(
    docs: Sequence[Analysis],
    units: Sequence[_Unit],
    groups: Sequence[list[int]],
    matched: Sequence[tuple[int, int, _Score]],
    mine: Sequence[bool],
    reported: frozenset[int] | None,
) -> _Pairs:
    """Every pair of units that may be one remark, with its score, where either unit
    is in a reported article (`mine`).

    An unattributed quote takes part only once anchored to the other side's speaker,
    by a near-verbatim sentence (a copy of it, or one scored above). Wire copy makes
    such pairs many, so anchors are found per speaker, not per pair, and only pairs
    that pass are kept. A pair's score is its groups' score: each is kept once.
    """
    n = len(units)
    scores = [_SAME, *(s for _, _, s in matched)]
    k = len(scores)
    packed: array[int] | list[int] = array("q") if n * n * k < 2**63 else []
    named = [[i for i in g if units[i].speaker] for g in groups]
    bare = [[i for i in g if not units[i].speaker] for g in groups]
    # Each group's attributed units by speaker: wire copy gives a group many units of a
    # few speakers, so whether two speakers match is asked once per pair of speakers.
    # Two units may be one remark when their speakers match, unless they are one quote.
    by_speaker: list[dict[str, list[int]]] = []
    for members in named:
        speakers: dict[str, list[int]] = {}
        for i in members:
            speakers.setdefault(units[i].speaker, []).append(i)
        by_speaker.append(speakers)
    copies = _SharedSentences(units, groups)
    for m, (x, y, _) in enumerate(matched, 1):
        for sx, xs in by_speaker[x].items():
            for sy, ys in by_speaker[y].items():
                if not _speakers_match(sx, sy):
                    continue
                described = _described(sx) or _described(sy)
                for i in xs:
                    a = units[i]
                    for j in ys:
                        b = units[j]
                        if described and not copies.shared(a.doc, b.doc):
                            continue
                        if (mine[i] or mine[j]) and _two_remarks(docs, a, b):
                            packed.append((i * n + j if i < j else j * n + i) * k + m)
        # Two quotes without a speaker in copies of one story (articles that share
        # another quoted sentence word for word) are one remark too.
        for i in bare[x]:
            for j in bare[y]:
                a, b = units[i], units[j]
                if a.doc != b.doc and (mine[i] or mine[j]) and copies.shared(a.doc, b.doc):
                    packed.append((i * n + j if i < j else j * n + i) * k + m)
    # Where unattributed sentences meet attributed ones: (bare side's group, attributed
    # side's group, score index). Copies of one sentence meet as near-verbatim.
    meetings = [
        (x, x, 0)
        for x in range(len(groups))
        if bare[x] and named[x] and any(mine[i] for i in groups[x])
    ]
    meetings += [t for m, (x, y, _) in enumerate(matched, 1) for t in ((x, y, m), (y, x, m))]
    anchored = _anchors(
        docs, units, bare, by_speaker, [(x, y, scores[m]) for x, y, m in meetings], mine, reported
    )
    for bx, ny, m in meetings:
        verbatim = _nearly_verbatim(scores[m])
        for i in bare[bx]:
            other_docs = anchored.get((units[i].doc, units[i].quote))
            if not other_docs and verbatim and len(units[i].norm.split()) >= _LONG_QUOTE_WORDS:
                # A long quoted sentence another article gives nearly word for word is
                # that remark, whoever this one leaves unnamed. One such article is
                # evidence enough: wire copy gives thousands, and each would be a pair.
                first = next(
                    (units[j].doc for j in named[ny] if units[j].doc != units[i].doc), None
                )
                other_docs = {first} if first is not None else None
            if other_docs:
                for j in named[ny]:
                    if units[j].doc in other_docs and (mine[i] or mine[j]):
                        packed.append((i * n + j if i < j else j * n + i) * k + m)
    # Each pair is met once: a unit is in one group, and groups meet once each way.
    ordered = sorted(packed)
    return _Pairs(n, array("q", ordered) if isinstance(packed, array) else ordered, scores)


# An unattributed quoted sentence this long, this close to an attributed one, is it.
_LONG_QUOTE_WORDS = 15


def _nearly_verbatim(s: _Score) -> bool:
    """Word for word but a word or two, or a part of the other word for word but a word
    ("does not maintain responsibility ... is canceled" in "In certain circumstances
    when Autosteer is engaged, and the driver does not maintain ... is disabled")."""
    return s.plain >= 90 or (s.ratio >= 95 and s.weight >= 0.85 and s.shared >= 10)


def _two_remarks(docs: Sequence[Analysis], a: _Unit, b: _Unit) -> bool:
    """Whether two units may be one remark quoted twice: in two articles, or in two
    paragraphs of one. Two quotes of one paragraph are set side by side on purpose
    ("for her discoveries ... against Malaria", while the others "for their
    discoveries ... against roundworm parasites")."""
    if a.doc != b.doc:
        return True
    quotes = docs[a.doc].attributions.quotes
    return a.quote != b.quote and quotes[a.quote].paragraph != quotes[b.quote].paragraph


_NONE: frozenset[int] = frozenset()


class _SharedSentences:
    """Which articles share a quoted sentence word for word (a group of copies in more
    than one article), worked out on the first question."""

    def __init__(self, units: Sequence[_Unit], groups: Sequence[list[int]]) -> None:
        self._units, self._groups = units, groups
        self._of: dict[int, set[int]] | None = None

    def shared(self, a: int, b: int) -> bool:
        if a == b:
            return True
        if self._of is None:
            self._of = {}
            for g, members in enumerate(self._groups):
                docs = {self._units[i].doc for i in members}
                if len(docs) > 1:
                    for d in docs:
                        self._of.setdefault(d, set()).add(g)
        return not self._of.get(a, _NONE).isdisjoint(self._of.get(b, _NONE))


def _anchors(
    docs: Sequence[Analysis],
    units: Sequence[_Unit],
    bare: Sequence[list[int]],
    by_speaker: Sequence[dict[str, list[int]]],
    meetings: Sequence[tuple[int, int, _Score]],
    mine: Sequence[bool],
    reported: frozenset[int] | None,
) -> dict[tuple[int, int], set[int]]:
    """(article, quote) of each unattributed quote -> the other articles whose speaker
    it is anchored to: a near-verbatim match there, and that speaker's last name
    written in the quote's paragraph or the next. A quote in an article not reported
    is paired only with reported ones (`mine`), so only those are looked for.
    `by_speaker`: each group's attributed units by speaker, as `_usable_pairs` groups them."""
    speakers: dict[int, dict[str, set[int]]] = {}  # group -> speaker -> their articles
    for _, ny, _ in meetings:
        if ny not in speakers:
            speakers[ny] = {
                speaker: {units[j].doc for j in members}
                for speaker, members in by_speaker[ny].items()
                if not _described(speaker)  # a description is not written beside a quote
            }
    anchored: dict[tuple[int, int], set[int]] = {}
    # Whether the speaker is named: copies of a quote meet many groups, and the speaker's
    # articles are many (wire copy); each paragraph is asked once which speakers it names.
    near = _Speakers({sp for group in speakers.values() for sp in group})
    for bx, ny, s in meetings:
        if not _anchor(s) or not speakers[ny]:
            continue
        group = speakers[ny]
        for i in bare[bx]:
            u = units[i]
            analysis = docs[u.doc]
            here = near.named_near(u.doc, analysis, analysis.attributions.quotes[u.quote])
            for speaker in here:
                where = group.get(speaker)
                if where is None:
                    continue
                new = where - {u.doc}
                if reported is not None and not mine[i]:
                    new &= reported
                done = anchored.get((u.doc, u.quote))
                if done is None:
                    if new:
                        anchored[u.doc, u.quote] = new
                else:
                    done |= new
    return anchored


_SAME = _Score(100.0, 1.0, 99, True)  # two copies of one sentence


def _accept(units: Sequence[_Unit], pairs: _Pairs, threshold: float) -> array[int] | list[int]:
    """Strong matches, and moderate ones backed by a neighbouring match in the same order;
    then each unit keeps its best match per other article (greedy, best first)."""
    # Units are numbered article by article, in order: a unit's neighbours are one away,
    # in the same article.
    last = len(units) - 1

    # What a score allows is asked once per score, not once per pair (there may be
    # hundreds of thousands of pairs, and a few thousand scores).
    scores = pairs.scores
    k, n = len(scores), pairs.n
    # Within one article only near-verbatim repeats are the same remark.
    within = [s.same or (s.ratio >= 85 and s.weight >= 0.7 and s.shared >= 4) for s in scores]
    strong = [_strong(s, threshold) for s in scores]
    moderate = [_moderate(s, threshold) for s in scores]
    # Pairs by value, each list in (i, j) order as the packed pairs are: no sort key
    # per pair.
    by_value: dict[float, array[int] | list[int]] = {}
    new = list if isinstance(pairs.packed, list) else functools.partial(array, "q")
    for p in pairs.packed:
        key, si = divmod(p, k)
        if not (within[si] or strong[si] or moderate[si]):
            continue
        i, j = divmod(key, n)
        a, b = units[i], units[j]
        if a.doc == b.doc:
            ok = within[si]
        else:
            ok = strong[si]
            if not ok and moderate[si]:
                for step in (-1, 1):
                    ni, nj = i + step, j + step
                    if not (0 <= ni <= last and 0 <= nj <= last):
                        continue
                    if units[ni].doc != a.doc or units[nj].doc != b.doc:
                        continue
                    other = pairs.score_index(ni, nj)
                    if (other >= 0 and moderate[other]) or units[ni].norm == units[nj].norm:
                        ok = True
                        break
        if ok:
            value = scores[si].value
            if value not in by_value:
                by_value[value] = new()
            by_value[value].append(p)
    docs = units[-1].doc + 1 if units else 0
    used: set[int] = set()  # unit * docs + other doc
    out = new()  # packed, as the pairs are
    for value in sorted(by_value, reverse=True):
        for p in by_value[value]:
            i, j = divmod(p // k, n)
            di, dj = units[i].doc, units[j].doc
            if i * docs + dj in used or j * docs + di in used:
                continue
            used.add(i * docs + dj)
            used.add(j * docs + di)
            out.append(p)
    return out


def _report_drift(
    docs: Sequence[Analysis],
    units: Sequence[_Unit],
    pairs: _Pairs,
    accepted: Iterable[int],
    ctx: Context,
) -> Iterator[Finding]:
    # One finding per later quote, with every earlier quote it drifts from as evidence.
    groups: dict[tuple[int, int], dict[tuple[int, int], list[tuple[_Unit, _Unit, _Score]]]] = {}
    for p in accepted:
        i, j, s = pairs.unpack(p)
        a, b = units[i], units[j]
        if (a.doc, a.quote) > (b.doc, b.quote):
            a, b = b, a
        groups.setdefault((b.doc, b.quote), {}).setdefault((a.doc, a.quote), []).append((a, b, s))

    def form(d: int, k: int) -> str:  # padded: "in" finds whole words
        return f" {_quotes(docs[d]).forms[k]} "

    # A quote an earlier article gives verbatim (or as an excerpt): its difference from
    # a third one shows, and is reported, between the earlier ones.
    first_doc: dict[str, int] = {}
    for d, analysis in enumerate(docs):
        for quote_form in _quotes(analysis).forms:
            first_doc.setdefault(quote_form, d)
    for (bd, bq), others in sorted(groups.items()):
        if not ctx.concerns(bd):
            continue  # dropped: this article is not reported
        nb = form(bd, bq)
        if first_doc.get(_quotes(docs[bd]).forms[bq], bd) < bd or any(
            form(ad, aq) in nb or nb in form(ad, aq) for ad, aq in others
        ):
            continue
        drifting = {
            other: [p for p in pairs if not p[2].same] for other, pairs in sorted(others.items())
        }
        drifting = {other: pairs for other, pairs in drifting.items() if pairs}
        if not drifting:
            continue
        qb = docs[bd].attributions.quotes[bq]
        (ad, aq), pairs = next(iter(drifting.items()))
        qa = docs[ad].attributions.quotes[aq]
        a, b, _ = max(pairs, key=lambda p: (p[2].value, -p[1].seq))
        speaker = qb.speaker or qa.speaker
        where = "earlier in this article" if ad == bd else f"in {Path(docs[ad].doc.path).name}"
        more = len(drifting) - 1
        also = f" (and {more} other place{'s' if more > 1 else ''})" if more else ""
        whose = f"Quote of {speaker}" if speaker else "Quote"
        message = (
            f"{whose} is worded differently {where}{also}: {word_diff(a.text, b.text)} "
            "(possibly a translation or paraphrase)"
        )
        related = []
        for d, k in list(drifting)[:5]:
            q = docs[d].attributions.quotes[k]
            said = q.speaker or speaker
            shown = f"{said}: “{_cut(q)}”" if said else f"“{_cut(q)}”"
            related.append(ctx.related(docs[d].doc, q.span, shown))
        key = "|".join([" ".join(name_tokens(speaker)), normalise_quote(qb.text)])
        yield ctx.finding("FL303", docs[bd].doc, qb.span, message, related=related, key=key)


def _cut(q: Quote, words: int = 12) -> str:
    parts = q.text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


_DIFF_WORD = fastre.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


def word_diff(old: str, new: str, limit: int = 2) -> str:
    """A short word diff: "'has just begun' → 'is just getting started'".

    A quote of part of a longer one is compared with that part: what it leaves out
    around it is context, not a change. Changes at most one equal word apart are shown
    as one, and so are a word dropped in one place and added in another (a move); at
    most `limit` changes, each cut to eight words a side. A sentence rewritten through
    (fewer than half its words kept) is shown whole, cut to fourteen words a side.
    """
    wa, wb = _DIFF_WORD.findall(_degrees(old)), _DIFF_WORD.findall(_degrees(new))
    fa, oa = _folded(wa)
    fb, ob = _folded(wb)
    fa, oa = _quoted_part(fa, oa, fb)
    fb, ob = _quoted_part(fb, ob, fa)
    matcher = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    if kept * 2 < max(len(fa), len(fb)):
        a_lo, a_hi = _owners(oa, 0, len(oa))
        b_lo, b_hi = _owners(ob, 0, len(ob))
        return f"{_side(wa, a_lo, a_hi, 14)} → {_side(wb, b_lo, b_hi, 14)}"
    if kept == len(fa) == len(fb):
        return "punctuation or case only"
    changes: list[list[int]] = []  # [a1, a2, b1, b2]
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if changes and a1 - changes[-1][1] <= 1 and b1 - changes[-1][3] <= 1:
            changes[-1][1], changes[-1][3] = a2, b2
        else:
            changes.append([a1, a2, b1, b2])
    merged: list[list[int]] = []
    for c in changes:
        prev = merged[-1] if merged else None
        # A move: what one change drops, the next one adds, or what one adds, the next
        # drops ("due to its size" put before the verb).
        if prev is not None and (
            (prev[2] == prev[3] and sorted(fa[prev[0] : prev[1]]) == sorted(fb[c[2] : c[3]]))
            or (c[0] == c[1] and sorted(fb[prev[2] : prev[3]]) == sorted(fa[c[0] : c[1]]))
            or (
                prev[0] == prev[1]
                and c[2] == c[3]
                and sorted(fb[prev[2] : prev[3]]) == sorted(fa[c[0] : c[1]])
            )
        ):
            prev[1], prev[3] = c[1], c[3]
        else:
            merged.append(c)
    if not merged:
        return "punctuation or case only"
    shown = [
        f"{_side(wa, *_owners(oa, a1, a2))} → {_side(wb, *_owners(ob, b1, b2))}"
        for a1, a2, b1, b2 in merged[:limit]
    ]
    more = len(merged) - limit
    return "; ".join(shown) + (f"; {more} more change{'s' if more > 1 else ''}" if more > 0 else "")


def _folded(words: list[str]) -> tuple[list[str], list[int]]:
    """Words in compare form ("it's" -> "it", "is"), each with the index of its token."""
    out: list[str] = []
    owner: list[int] = []
    for i, w in enumerate(words):
        for part in compare_form(w).split():
            out.append(part)
            owner.append(i)
    return out, owner


# What aligning a partial quote costs: a speaker's word it skips, a word changed, one of
# its own left out (a match scores one).
_SKIPPED, _CHANGED, _LEFT_OUT = 0.5, 1.5, 2.0


def _quoted_part(
    words: list[str], owner: list[int], other: list[str]
) -> tuple[list[str], list[int]]:
    """The part of `words` (folded, with their tokens) that a shorter quote, `other`,
    gives: the span it aligns with best, word for word. A word of `other` left out
    costs most: a partial quote gives its words, and may skip some of the speaker's
    ("better [for both of us] than anybody"). An edge where `other` itself differs is
    kept whole, as a change."""
    n, m = len(words), len(other)
    if n <= m or not m:
        return words, owner
    # score[j], start[j]: the best alignment of other[:j] ending here, and where it began
    score: list[float] = [-_LEFT_OUT * j for j in range(m + 1)]
    start = [0] * (m + 1)
    best, lo, hi = score[m], 0, 0
    for i in range(1, n + 1):
        row, begun = [0.0] * (m + 1), [i] * (m + 1)  # skipping words before it is free
        for j in range(1, m + 1):
            step = 1.0 if words[i - 1] == other[j - 1] else -_CHANGED
            row[j], begun[j] = max(
                (score[j - 1] + step, start[j - 1]),
                (score[j] - _SKIPPED, start[j]),
                (row[j - 1] - _LEFT_OUT, begun[j - 1]),
                key=lambda option: option[0],
            )
        score, start = row, begun
        if score[m] > best:
            best, lo, hi = score[m], start[m], i
    if hi <= lo or words[lo] != other[0] or _moved(words[:lo], words[lo:hi], other):
        lo = 0
    if hi <= lo or words[hi - 1] != other[-1] or _moved(words[hi:], words[lo:hi], other):
        hi = n
    return words[lo:hi], owner[lo:hi]


def _moved(left_out: list[str], part: list[str], other: list[str]) -> bool:
    """A word left out around the part quoted is one the quote has more of than the
    part: moved, not left out ("rapidly moving up the value chain" against "moving up
    the value chain very rapidly")."""
    return any(
        len(w) > 2 and w not in STOPWORDS and other.count(w) > part.count(w)
        for w in set(left_out).intersection(other)
    )


def _owners(owner: list[int], lo: int, hi: int) -> tuple[int, int]:
    """The token range of folded words [lo, hi)."""
    if lo >= hi:
        return 0, 0
    return owner[lo], owner[hi - 1] + 1


def _side(words: list[str], lo: int, hi: int, cut: int = 8) -> str:
    part = words[lo:hi]
    text = " ".join(part[:cut]) + (" …" if len(part) > cut else "")
    return f"'{text}'" if text else "nothing"


# --------------------------------------------------------------------------- FL304

_CONFLICT_MIN_WORDS = 8


def _named_at(analysis: Analysis, q: Quote) -> bool:
    """The speaker is named in the quote's own paragraph ("Green said", "said Rory Green"),
    not reached through a pronoun, a title or an earlier paragraph: the attribution a
    conflict may rest on."""
    span = q.speaker_span
    paras = analysis.paragraphs
    if span is None or q.paragraph >= len(paras) or not paras[q.paragraph].contains(span):
        return False
    written = {fold(w) for w in _WORD.findall(analysis.doc.text[span.start : span.end])}
    return bool(name_tokens(q.speaker)) and name_tokens(q.speaker)[-1] in written


def _speaker_conflicts(docs: Sequence[Analysis], ctx: Context) -> Iterator[Finding]:
    # Quotes grouped by their compare form: copies are compared once, whatever their number.
    members: dict[str, list[tuple[int, int]]] = {}  # form -> [(doc, quote)], in order
    for d, analysis in enumerate(docs):
        quotes = _quotes(analysis)
        for k, norm in enumerate(quotes.forms):
            if quotes.conflicts[k]:
                members.setdefault(norm, []).append((d, k))
    forms = list(members)
    linked: dict[int, set[int]] = {x: {x} for x in range(len(forms))}
    keys = [("", Subject(f, terms=_terms(f))) for f in forms]
    # Counted over the whole run when these are only the linked articles; no buckets.
    count = bucket_count(ctx.totals, lambda _bucket, term: _conflict_term(term))
    for x, y in candidate_pairs(keys, count=count):
        na, nb = forms[x], forms[y]
        contained = f" {na} " in f" {nb} " or f" {nb} " in f" {na} "
        if contained or (abs(len(na) - len(nb)) <= 0.1 * len(na) and text_ratio(na, nb, 95) >= 95):
            linked[x].add(y)
            linked[y].add(x)
    reported: set[tuple[int, int]] = set()
    for x, form in enumerate(forms):
        pool = sorted({m for y in linked[x] for m in members[forms[y]]})
        mine = set(members[form])
        speakers: list[tuple[str, tuple[int, int]]] = []  # distinct speakers so far
        for d, k in pool:
            speaker = docs[d].attributions.quotes[k].speaker
            known = any(_speakers_match(speaker, other) for other, _ in speakers)
            if (d, k) in mine and not known and speakers and (d, k) not in reported:
                reported.add((d, k))
                yield _conflict_finding(docs, ctx, speakers[0][1], (d, k))
            if not known:
                speakers.append((speaker, (d, k)))


def _conflict_finding(
    docs: Sequence[Analysis], ctx: Context, first: tuple[int, int], later: tuple[int, int]
) -> Finding:
    (da, ka), (db, kb) = first, later
    qa = docs[da].attributions.quotes[ka]
    qb = docs[db].attributions.quotes[kb]
    where = "earlier in this article" if da == db else f"in {Path(docs[da].doc.path).name}"
    message = f"Quote attributed to {qb.speaker} here is attributed to {qa.speaker} {where}"
    related = [ctx.related(docs[da].doc, qa.span, f"attributed to {qa.speaker}")]
    names = sorted([" ".join(name_tokens(qa.speaker)), " ".join(name_tokens(qb.speaker))])
    key = "|".join([*names, compare_form(qb.text)])
    return ctx.finding("FL304", docs[db].doc, qb.span, message, related=related, key=key)


__all__ = [
    "RULES",
    "SCOPE",
    "check",
    "compare_form",
    "compare_titles",
    "describe",
    "fold",
    "name_tokens",
    "same_name",
    "same_organisation",
    "titles_agree",
    "word_diff",
    "word_tables",
]
