"""What a claim is about: the clause around a figure, date or quote, as terms.

Shared by the numbers, dates and attributions extractors and by the ledger, so that
"the national AI fund" in one article and "a significant national AI fund" in
another meet on the same terms.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

from factlint import fastre
from factlint.claims import Subject
from factlint.model import Span

STOPWORDS = frozenset(
    """
    a about above after again against all also although am an and any are as at be because
    been before being below between both but by can could did do does doing down during each
    even ever every few for from further had has have having he her here hers herself him
    himself his how however i if in into is it its itself just last least less let like made
    make many may me might more most much must my myself near nearly next no nor not now of
    off on once one only or other our ours ourselves out over own per quite rather same she
    should since so some such than that the their theirs them themselves then there these they
    this those through thus to too under until up upon us very was we were what when where
    whether which while who whom whose why will with within without would year years yet you
    your yours yourself month months week weeks day days ago today yesterday said says say
    according reportedly approximately around almost roughly some up least worth
    billion million trillion thousand hundred percent per cent bn mn tn
    """.split()
)


@functools.cache
def _demonyms() -> dict[str, str]:
    from factlint.data import load_yaml

    return {str(k): str(v) for k, v in load_yaml("numbers.yaml")["demonyms"].items()}


def country(word: str) -> str:
    """The country a lowercase adjective names ("german" -> "germany"), else the word."""
    return _demonyms().get(word, word)


_WORD = fastre.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\p{N}+")
# Lowercase particles inside names ("Laurence des Cars", "Otto von Bismarck").
NAME_PARTICLE = r"(?:de|da|di|du|des|del|della|der|den|van|von|bin|ibn|al|el|le|la|dos|das|ter)"
# A run of capitalised words (allowing inner "of", "and", "de" and glued acronyms).
_NAME_RUN = fastre.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'’.\-]*|[A-Z]{2,}\d*)"
    r"(?:\s+(?:(?:of|and|for|de|the)\s+)?(?:\p{Lu}[\p{L}\p{M}'’.\-]*|[A-Z]{2,}\d*))*"
)
# Where one clause ends and another begins, so "X rose 5%, while Y fell 3%" splits.
_CLAUSE_BREAK = fastre.compile(
    r";|:\s|,\s+(?:while|whereas|but|and\s+(?=\p{Ll}+\s))|\s+(?:while|whereas)\s"
)
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s")
# How far a clause reaches on either side of its claim. Real clauses stay well inside
# (the longest in the news corpus: 440 characters); a "sentence" with no end, such as a
# table flattened into one paragraph, would otherwise make every claim in it read all
# of it: quadratic time.
_REACH = 600


def stem(word: str) -> str:
    """A deliberately light stemmer: plurals and -ed/-ing only."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            base = w[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return w


@functools.lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """The content term of one word, "" for a stopword, number or short word (memoised:
    the same words recur in every sentence of every article)."""
    if word[0].isdigit() or len(word) <= 2 or word.lower() in STOPWORDS:
        return ""
    return stem(word)


def content_terms(text: str) -> frozenset[str]:
    """Normalised content words of a phrase: lowercase, stemmed, no stopwords, no digits."""
    terms = {_term(w) for w in _WORD.findall(text)}
    terms.discard("")
    return frozenset(terms)


def entity_names(text: str) -> frozenset[str]:
    """Proper names in a phrase, lowercased; a sentence-initial function word is not a name."""
    names = set()
    for m in _NAME_RUN.finditer(text):
        name = m.group().strip(".'’-")
        words = name.split()
        while words and words[0].lower() in STOPWORDS:
            words.pop(0)
        if words:
            names.add(" ".join(w.lower().removesuffix("'s").removesuffix("’s") for w in words))
    return frozenset(n for n in names if n)


def clause_around(text: str, sentence: Span, anchor: Span) -> Span:
    """The clause of `sentence` that contains `anchor`, at most `_REACH` characters on
    either side of it (cut at a space, so no word is halved)."""
    start, end = sentence.start, sentence.end
    if anchor.start - start > _REACH:
        start = anchor.start - _REACH
        space = text.find(" ", start, anchor.start)
        start = start if space == -1 else space + 1
    if end - anchor.end > _REACH:
        end = anchor.end + _REACH
        space = text.rfind(" ", anchor.end, end)
        end = end if space == -1 else space
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        cut = m.start()
        if cut <= anchor.start:
            start = m.end()
        elif cut >= anchor.end:
            end = cut
            break
    return Span(start, max(start, end))


def subject_for(text: str, sentence: Span, anchor: Span) -> Subject:
    """The subject of the claim at `anchor`: terms of its clause, minus the anchor itself."""
    clause = clause_around(text, sentence, anchor)
    before = text[clause.start : anchor.start]
    after = text[anchor.end : clause.end]
    phrase = " ".join((before + " … " + after).split())
    return Subject(
        text=phrase.strip(" ,.…"),
        entities=entity_names(before) | entity_names(after),
        terms=content_terms(before) | content_terms(after),
    )


def subject_similarity(a: Subject, b: Subject) -> float:
    """How surely two subjects name the same thing (0..1).

    Names weigh double: two claims about different named things ("Alibaba" vs
    "Tencent") never match on shared common words alone.
    """
    if a.entities and b.entities and not a.entities & b.entities:
        return 0.0
    shared = 2 * len(a.entities & b.entities) + len(a.terms & b.terms)
    smaller = min(2 * len(a.entities) + len(a.terms), 2 * len(b.entities) + len(b.terms))
    return shared / smaller if smaller else 0.0


def candidate_pairs(
    keys: Sequence[tuple[str, Subject]],
    max_bucket: int = 64,
    count: Callable[[str, str], int] | None = None,
) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a bucket key and at least one subject term.

    `keys[i]` is (bucket, subject) for item i, the bucket being what must be equal
    for a comparison to make sense (the unit, "CNY" or "GPU-hour"). Items are
    indexed by (bucket, term); terms too common to discriminate (more than
    `max_bucket` items) are dropped, so the cost grows with the number of items,
    never with its square. `count(bucket, term)`, if given, says how many items
    share a key in the whole run, when these are only part of it (factlint.links).
    """
    pairs: set[tuple[int, int]] = set()
    for members in shared_buckets(keys, max_bucket, count):
        for x, i in enumerate(members):
            pairs.update((i, j) for j in members[x + 1 :])
    return pairs


def shared_buckets(
    keys: Sequence[tuple[str, Subject]],
    max_bucket: int,
    count: Callable[[str, str], int] | None = None,
) -> Iterator[list[int]]:
    """The items of each (bucket, term) that 2 to `max_bucket` items share, in order
    (counted by `count` if given, else among these)."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, (bucket, subject) in enumerate(keys):
        for term in subject.entities | subject.terms:
            index.setdefault((bucket, term), []).append(i)
    if count is None:
        return (members for members in index.values() if 2 <= len(members) <= max_bucket)
    return (
        members
        for where, members in index.items()
        if len(members) >= 2 and count(*where) <= max_bucket
    )
