"""PhraseSet: find any of many fixed words or phrases in text, by word lookup.

A regex alternation of a few hundred phrases is tried at every position of the text;
walking the words once and looking each up in a dict is several times faster and
does not slow down as the list grows. A phrase matches whole words only (never inside
a longer word or a hyphenated compound), case-insensitively, with any whitespace
between its words: the same as `(?<![\\w-])(?:a|b\\s+c)(?![\\w-])` with IGNORECASE.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A word as the phrases see it: letters, digits, underscores and hyphens.
_WORD = re.compile(r"[\w-]+")
_SPACE = re.compile(r"\s+")


class PhraseSet:
    """Lowercase phrases indexed by their first word, longest phrase first."""

    __slots__ = ("_by_first",)

    def __init__(self, phrases: Iterable[str]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {" ".join(str(p).lower().split()) for p in phrases}:
            words = tuple(phrase.split(" "))
            if not phrase or any(_WORD.fullmatch(w) is None for w in words):
                raise ValueError(f"not a phrase of whole words: {phrase!r}")
            by_first.setdefault(words[0], []).append(words)
        for candidates in by_first.values():
            candidates.sort(key=len, reverse=True)
        self._by_first = by_first

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase) of each match in text[start:end], left to right, without
        overlaps; `phrase` is the listed phrase, lowercase and single-spaced."""
        stop = len(text) if end is None else end
        by_first = self._by_first
        # A word cut by `start` is not a whole word.
        resume = start + 1 if start and _WORD.match(text, start - 1) else start
        for m in _WORD.finditer(text, start, stop):
            if m.start() < resume:
                continue
            candidates = by_first.get(m.group().lower())
            if candidates is None:
                continue
            for words in candidates:
                at = _match_rest(text, m.end(), stop, words)
                if at is not None:
                    yield m.start(), at, " ".join(words)
                    resume = at
                    break

    def sub(self, replacement: str, text: str) -> str:
        parts: list[str] = []
        last = 0
        for lo, hi, _ in self.finditer(text):
            parts += [text[last:lo], replacement]
            last = hi
        parts.append(text[last:])
        return "".join(parts)


def _match_rest(text: str, at: int, stop: int, words: tuple[str, ...]) -> int | None:
    """Where the phrase `words` ends if its second and later words follow `at`."""
    for word in words[1:]:
        space = _SPACE.match(text, at, stop)
        if space is None:
            return None
        nxt = _WORD.match(text, space.end(), stop)
        if nxt is None or nxt.group().lower() != word:
            return None
        at = nxt.end()
    return at
