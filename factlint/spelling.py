"""English spelling: the American form of a British spelling, and whether a word is one.

`us_spelling` folds British spellings into American ones, so one remark quoted by
outlets on either side of the Atlantic ("centred" / "centered") reads as one wording.

`is_english_word` and `is_common_word` look a lowercase word up in the part of
pyspellchecker's English word list (160,000 words with their frequencies, MIT
licence) that telling a word from two words run together ("thegovernment") needs:
its 19,000 common words, and the rarer words that begin or end with a function word.
That part ships as factlint/data/english_words.txt (180 KB, read when first asked);
`word_list` rebuilds it, and a test checks it against the installed pyspellchecker.
A British spelling, a plural or a possessive without its apostrophe ("todays") of a
listed word counts as listed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.resources import files

from factlint import fastre

# Each rule asks a length no shorter word reaches ("four" is no "for", "filled" no "filed").
_SPELLINGS = (
    (fastre.compile(r"(?<=\p{L}{4})isation(s?)$"), r"ization\1"),
    (fastre.compile(r"(?<=\p{L}{4})is(e|ed|es|ing)$"), r"iz\1"),
    (fastre.compile(r"(?<=\p{L}{3})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (fastre.compile(r"(?<=\p{L}{2})tre(s?)$"), r"ter\1"),
    (fastre.compile(r"(?<=\p{L}{2})tred$"), "tered"),
    (fastre.compile(r"(?<=\p{L}{4})lled$"), "led"),
    (fastre.compile(r"(?<=\p{L}{4})lling$"), "ling"),
    (fastre.compile(r"(?<=\p{L}{2}[fc])ence$"), "ense"),
)
_US_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "catalogue": "catalog",
    "judgement": "judgment",
    "ageing": "aging",
    "sceptical": "skeptical",
}


@functools.lru_cache(maxsize=65536)
def us_spelling(word: str) -> str:
    """The American spelling of a lowercase word ("centred" -> "centered")."""
    word = _US_WORDS.get(word, word)
    for pattern, repl in _SPELLINGS:
        word = pattern.sub(repl, word)
    return word


# Function words that run into a neighbour when a space is lost: "thegovernment" (a
# first word), "strategyof" (a last word).
RUN_ON_FIRST = (
    "the and of to for with that from was were their this has have had is are its his "
    "will would said"
).split()
RUN_ON_LAST = "the and of that to with for from".split()
COMMON = 1000  # occurrences in the list's sources that make a word common
_WORDS_FILE = "english_words.txt"


def word_list(frequencies: Mapping[str, int]) -> str:
    """The shipped word list's text, from pyspellchecker's English frequencies: every
    common word, then (after an empty line) every other word of four letters or more
    that begins or ends like a run-on (all a lookup of `is_english_word` can ask)."""
    first, last = tuple(RUN_ON_FIRST), tuple(RUN_ON_LAST)
    common = sorted(w for w, n in frequencies.items() if n >= COMMON)
    listed = sorted(
        w
        for w, n in frequencies.items()
        if n < COMMON and len(w) >= 4 and (w.startswith(first) or w.endswith(last))
    )
    return "\n".join(["\n".join(common), "", "\n".join(listed), ""])


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """(common words, every word) of factlint/data/english_words.txt."""
    text = (files("factlint.data") / _WORDS_FILE).read_text(encoding="utf-8")
    common, _, rest = text.partition("\n\n")
    frequent = frozenset(common.split())
    return frequent, frequent | frozenset(rest.split())


def is_common_word(word: str) -> bool:
    """Whether the lowercase word is a common English word ("government")."""
    return word in _words()[0]


@functools.lru_cache(maxsize=16384)
def is_english_word(word: str) -> bool:
    """Whether a lowercase word that begins or ends like a run-on ("therapy") is
    English, in its own spelling, its American one, or as a plural or an
    apostrophe-less possessive of a listed word ("offences", "todays")."""
    words = _words()[1]
    forms = {word, us_spelling(word)}
    if word.endswith("s"):
        forms |= {word[:-1], us_spelling(word[:-1])}
    return any(f in words for f in forms)
