"""FL607 misspelling: common misspellings from codespell's curated dictionary.

codespell's default dictionary lists ~65,000 known misspellings ("buisness" ->
"business"), chosen to be rare as real words. Capitalised words in mid-sentence are
skipped (they are mostly names), as are ALL-CAPS and mixed-case tokens, words glued
to digits, dots or underscores (identifiers, file names), and words marked [sic].
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any

import regex

from factlint import fastre
from factlint.analysis import Analysis
from factlint.model import Finding, Fix, RuleMeta, Severity, Span
from factlint.rule import Context

RULES = (
    RuleMeta(
        id="FL607",
        name="misspelling",
        category="garbled",
        severity=Severity.WARNING,
        summary="A common misspelling (codespell's dictionary), with the correction",
        rationale=(
            "A misspelling in a published article undermines trust and breaks search. The "
            "word list is codespell's curated dictionary of known misspellings, not a full "
            "spell checker, so names and technical words are not flagged. Capitalised words "
            "in mid-sentence are taken to be names and skipped."
        ),
        examples_fail=(
            "They are familiar with global buisness practices.",
            "Recieved wisdom says otherwise.",
        ),
        examples_pass=(
            "They are familiar with global business practices.",
            "The company Buisness Ltd said so, and the code uses buisness_id.",
        ),
        fixable=True,
    ),
)
SCOPE = "document"

# Entries of the dictionary that are real words: accepted spelling variants (found by
# checking the dictionary against the American and British word lists) and common
# words of other languages quoted in English news.
ALLOWED = frozenset(
    """
    aline alined altho ameba amebae amebas brusk cancelation combatting commandoes connexion
    conveyer crystalize crystalized crystalizes crystalizing demagog demagogs dependance
    despatch despatched despatches despatching floatation forbad funguses gage gages
    glamourous highjack highjacked highjacker highjackers highjacking highjacks imbed
    imbedded imbedding instal instals intrusted larvas liquify millepede monickers
    parrakeets pease quitted racoon racoons reenforce reenforced reenforces reenforcing
    stript synching synthetize synthetized synthetizes tormenters trolly useability useable
    vender venders vermillion
    alle als hace ist oder ser sie toi vor egal foto juli juni marz zink sais welp
    """.split()
)
# Entries that are also names: skipped when capitalised, even at a sentence start.
NAMES = frozenset(
    """
    chanel claus donn fromm gere handel ines leary lew nam ned noe oder pinter sade shepard
    somme thant thar waring weill benj bord buda codo didi dota gord lond maco mata murr nast
    linz sodo tung winn zars mose lins hashi jenkin
    """.split()
)
# Entries under four letters are mostly abbreviations, names or foreign words; only
# these unmistakable typos are kept.
SHORT_TYPOS = frozenset("teh hte adn wih thw tje tge yhe yuo oyu fpr tht wth whn hve".split())

_WORD = fastre.compile(
    r"(?<![\p{L}\p{M}\p{N}_.@#/\\'’-])(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?)(?![\p{L}\p{M}\p{N}_@/\\'’-]|\.\p{L})"
)
_SIC = fastre.compile(r"[\"”’']?\s*[\[(]sic[\])]", regex.I)
_OPENERS = "\"“‘'([«*_ \t"


def _dictionary_file() -> Any:
    """codespell's dictionary.txt (a Path when it is a plain file)."""
    from importlib.resources import files

    from factlint.startup_store import package_file

    return package_file("codespell_lib", "data", "dictionary.txt") or (
        files("codespell_lib") / "data" / "dictionary.txt"
    )


def _group(wrong: str) -> str:
    return f"{wrong[:2]}{len(wrong)}"


# What the one split below cannot pair right: two arrows on a line, or a line break
# other than "\n" (str.splitlines breaks at these too).
_TWO_ARROWS = re.compile(r"->[^\n]*->")
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _entries(text: str) -> dict[str, str]:
    """{wrong: right} for the dictionary's lines "wrong->right, right,". When each line
    holds one arrow (codespell's do), one split in C pairs them: 20 ms for 65,000
    entries against 40 ms line by line, what a process without a start-up store pays."""
    lines = text.count("\n") + (not text.endswith("\n"))
    even = not any(c in text for c in _OTHER_BREAKS) and not _TWO_ARROWS.search(text)
    if even and text.count("->") == lines:
        parts = text.replace("->", "\n").split("\n")
        return dict(zip(parts[0::2], parts[1::2], strict=False))
    return dict(line.split("->", 1) for line in text.splitlines() if "->" in line)


def _index(text: str) -> dict[str, str]:
    """The entries as lines "\nwrong->right, right," grouped by the wrong word's first
    two letters and length: 3,000 strings of a few KB load from the start-up store far
    faster than 65,000 entries, and a word is found in its group as fast."""
    groups: dict[str, list[str]] = {}
    for wrong, right in _entries(text).items():
        groups.setdefault(_group(wrong), []).append(f"\n{wrong}->{right}")
    return {prefix: "".join(lines) + "\n" for prefix, lines in groups.items()}


def _in_group(groups: dict[str, str], wrong: str) -> str | None:
    group = groups.get(_group(wrong), "")
    at = group.find(f"\n{wrong}->")
    if at < 0:
        return None
    return group[at + len(wrong) + 3 : group.index("\n", at + 1)]


@cache
def _dictionary() -> Callable[[str], str | None]:
    """The right side of a wrong word's entry, or None: from the grouped index, kept in
    the start-up store under the dictionary's digest (a wheel ships it), or, in a
    process that keeps nothing and finds none, from the plain entries."""
    from factlint import startup_store

    data = _dictionary_file().read_bytes()
    return startup_store.remembered_content(
        "codespell dictionary",
        data,
        lambda: functools.partial(_in_group, _index(data.decode("utf-8"))),
        unkept=lambda: _entries(data.decode("utf-8")).get,
    )


@lru_cache(maxsize=1 << 16)  # an article's words are mostly words every article has
def suggestions_for(wrong: str) -> tuple[str, ...] | None:
    """codespell's corrections of a lowercase word, or None when it is not a kept entry."""
    if wrong in ALLOWED or (len(wrong) < 4 and wrong not in SHORT_TYPOS):
        return None
    if "\n" in wrong or "->" in wrong:  # cannot be an entry; would confuse the search
        return None
    right = _dictionary()(wrong)
    if right is None:
        return None
    return tuple(s.strip() for s in right.split(",") if s.strip()) or None


def _sentence_starts(analysis: Analysis) -> set[int]:
    """Offsets where sentences (and lines) start: a capital there is not a name."""
    prose = analysis.doc.prose
    starts: set[int] = set()
    for span in analysis.sentences:
        i = span.start
        while i < span.end and prose[i] in _OPENERS:
            i += 1
        starts.add(i)
    for m in regex.finditer(r"(?m)^[\s\"“‘'(\[«*_]*", prose):
        starts.add(m.end())
    return starts


def _capitalised_mid_sentence(prose: str, starts: set[int], start: int) -> set[str]:
    """Lowercased words written capitalised somewhere not at a sentence start: names."""
    return {
        m.group(1).lower()
        for m in _WORD.finditer(prose, start)
        if m.group(1)[0].isupper() and m.start() not in starts
    }


def _with_case(word: str, suggestion: str) -> str | None:
    """The suggestion in the word's case, or None when the case cannot be carried over."""
    if word.islower():
        return suggestion
    if word[0].isupper() and word[1:].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return None


def misspellings(analysis: Analysis) -> Iterator[tuple[Span, str, tuple[str, ...]]]:
    """(span, word, suggestions) for each known misspelling in the prose."""
    doc = analysis.doc
    lang = str(doc.meta.get("lang", "en")).lower()
    if not lang.startswith("en"):
        return
    starts: set[int] | None = None
    names: set[str] = set()
    prose = doc.prose
    # Each distinct word is looked up once; most articles have no misspelling at all.
    known = {
        key: found
        for word in set(_WORD.findall(prose, doc.body_start))
        if (found := suggestions_for(key := word.lower().replace("’", "'"))) is not None
    }
    if not known:
        return
    for m in _WORD.finditer(prose, doc.body_start):
        word = m.group(1)
        suggestions = known.get(key := word.lower().replace("’", "'"))
        if suggestions is None:
            continue
        if not (word.islower() or (word[0].isupper() and word[1:].islower())):
            continue  # ALL-CAPS acronyms and mixed-case names
        if word[0].isupper():
            if key in NAMES:
                continue
            if starts is None:
                starts = _sentence_starts(analysis)
                names = _capitalised_mid_sentence(prose, starts, doc.body_start)
            if m.start() not in starts or key in names:
                continue  # a capitalised word mid-sentence is most likely a name
        if _SIC.match(prose, m.end()):
            continue
        if not prose[m.end() :].strip():
            continue  # the last word of a text cut off ("... and helpe"): cut, not misspelt
        if doc.text[m.start() : m.end()] != word:
            continue
        yield Span(m.start(), m.end()), word, suggestions


def check(analysis: Analysis, ctx: Context) -> Iterator[Finding]:
    doc = analysis.doc
    for span, word, suggestions in misspellings(analysis):
        shown = " or ".join(f"'{_with_case(word, s) or s}'" for s in suggestions)
        fix = None
        if len(suggestions) == 1:
            replacement = _with_case(
                word, suggestions[0].replace("'", "’") if "’" in word else suggestions[0]
            )
            if replacement is not None:
                fix = Fix(span, replacement)
        yield ctx.finding(
            "FL607",
            doc,
            span,
            f"'{word}' is a common misspelling of {shown}",
            fix=fix,
            key=word.lower(),
        )
